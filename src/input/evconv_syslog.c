/* evconv_syslog — the columns of a syslog line (RFC 5424 or RFC 3164):
 * time, host, app, procid, msgid, msg; each structured data parameter as
 * sd.ID.KEY; and a message of key=value pairs or a JSON object as msg.KEY. */
#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "input/ev_parse.h"
#include "input/evconv_int.h"

typedef struct cur {
    const char *s;
    size_t i, n;
} cur;

/* The next space-separated token; "-" (RFC 5424's nil) gives "". */
static const char *token(evconv *cv, cur *c)
{
    size_t b = c->i;
    while (c->i < c->n && c->s[c->i] != ' ')
        c->i++;
    size_t len = c->i - b;
    if (c->i < c->n) c->i++;
    if (len == 1 && c->s[b] == '-') len = 0;
    return evconv_keep(cv, c->s + b, len);
}

/* Adds column "a.b" (a[0..an), b[0..bn)) = value. Not snprintf: a line
 * has a name for each of its parameters. */
static int named(evconv *cv, const char *a, size_t an, const char *b, size_t bn, const char *val)
{
    char name[600];
    if (an + 1 + bn >= sizeof name) {
        cv->overflow = 1;
        return -1;
    }
    memcpy(name, a, an);
    name[an] = '.';
    memcpy(name + an + 1, b, bn);
    return evconv_col(cv, evconv_keep(cv, name, an + 1 + bn), val);
}

/* RFC 5424's structured data at c: "-" or [ID KEY="value" ...]... 0, or -1. */
static int structured(evconv *cv, cur *c, const char **why)
{
    if (c->i < c->n && c->s[c->i] == '-') {
        c->i++;
        if (c->i < c->n && c->s[c->i] == ' ') c->i++;
        return 0;
    }
    while (c->i < c->n && c->s[c->i] == '[') {
        size_t b = ++c->i;
        while (c->i < c->n && c->s[c->i] != ' ' && c->s[c->i] != ']')
            c->i++;
        char id[300];
        size_t idn = c->i - b < sizeof id - 4 ? c->i - b : sizeof id - 4;
        memcpy(id, "sd.", 3);
        memcpy(id + 3, c->s + b, idn);
        idn += 3;
        while (c->i < c->n && c->s[c->i] == ' ') {
            size_t kb = ++c->i;
            while (c->i < c->n && c->s[c->i] != '=')
                c->i++;
            size_t kn = c->i - kb;
            if (c->i + 1 >= c->n || c->s[c->i + 1] != '"') goto bad;
            c->i += 2;
            char val[EV_MAX_LINE];
            size_t vn = 0;
            for (;; c->i++) {
                if (c->i >= c->n) goto bad;
                char ch = c->s[c->i];
                if (ch == '"') break;
                /* \" \\ \] are escapes; any other backslash is itself. */
                if (ch == '\\' && c->i + 1 < c->n && strchr("\"\\]", c->s[c->i + 1]))
                    ch = c->s[++c->i];
                if (vn < sizeof val) val[vn++] = ch;
            }
            c->i++;
            const char *v = evconv_keep(cv, val, vn);
            if (!v || named(cv, id, idn, c->s + kb, kn, v) < 0) return -1;
        }
        if (c->i >= c->n || c->s[c->i] != ']') goto bad;
        c->i++;
    }
    if (c->i < c->n && c->s[c->i] == ' ') c->i++;
    return 0;
bad:
    *why = "malformed structured data (expected [ID KEY=\"value\" ...])";
    return -1;
}

/* A message of key=value pairs ("user=jansen action=view bsn=\"1 2\""):
 * its pairs as msg.KEY, or nothing when it is not wholly such pairs. */
static void pairs(evconv *cv, const char *s, size_t n)
{
    size_t ncol = cv->ncol, keep = cv->scratch_len, i = 0;
    while (i < n) {
        while (i < n && s[i] == ' ')
            i++;
        if (i == n) break;
        size_t kb = i;
        while (i < n && (isalnum((unsigned char)s[i]) || strchr("_.-", s[i])))
            i++;
        if (i == kb || i >= n || s[i] != '=') goto not_pairs;
        size_t kn = i - kb;
        char val[EV_MAX_LINE];
        size_t vn = 0;
        if (++i < n && s[i] == '"') {
            for (i++;; i++) {
                if (i >= n) goto not_pairs;
                if (s[i] == '"') break;
                if (s[i] == '\\' && i + 1 < n && (s[i + 1] == '"' || s[i + 1] == '\\')) i++;
                if (vn < sizeof val) val[vn++] = s[i];
            }
            i++;
            if (i < n && s[i] != ' ') goto not_pairs;
        } else {
            while (i < n && s[i] != ' ')
                if (vn < sizeof val)
                    val[vn++] = s[i++];
                else
                    i++;
        }
        const char *v = evconv_keep(cv, val, vn);
        if (!v || named(cv, "msg", 3, s + kb, kn, v) < 0) return;
    }
    return;
not_pairs:
    cv->ncol = ncol;
    cv->scratch_len = keep;
}

/* A message that is a JSON object: its members as msg.KEY (strings as
 * they are, other values as JSON text). */
static void json_members(evconv *cv, const char *s, size_t n)
{
    cJSON *root = cJSON_ParseWithLength(s, n);
    if (!cJSON_IsObject(root)) {
        cJSON_Delete(root);
        return;
    }
    for (cJSON *it = root->child; it; it = it->next) {
        const char *v;
        if (cJSON_IsString(it)) {
            v = evconv_keep(cv, it->valuestring, strlen(it->valuestring));
        } else {
            char *t = cJSON_PrintUnformatted(it);
            v = t ? evconv_keep(cv, t, strlen(t)) : NULL;
            cJSON_free(t);
        }
        if (!v || named(cv, "msg", 3, it->string, strlen(it->string), v) < 0) break;
    }
    cJSON_Delete(root);
}

/* The message at c: column msg, and its pairs or members. */
static int message(evconv *cv, cur *c)
{
    const char *s = c->s + c->i;
    size_t n = c->n - c->i;
    if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) s += 3, n -= 3; /* RFC 5424's BOM */
    size_t at = cv->ncol;
    if (evconv_col(cv, "msg", evconv_keep(cv, s, n)) < 0) return -1;
    size_t before = cv->ncol;
    if (n && s[0] == '{')
        json_members(cv, s, n);
    else
        pairs(cv, s, n);
    if (cv->ncol > before) cv->used[at] = 1; /* taken apart: not kept whole */
    return 0;
}

static int host_tag_message(evconv *cv, cur *c);

static const char *const MONTHS[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/* RFC 3164 after the PRI: "Mmm dd hh:mm:ss HOST TAG[PID]: MSG". */
static int rfc3164(evconv *cv, cur *c, const char **why)
{
    const char *s = c->s + c->i;
    size_t n = c->n - c->i;
    int mo = 0, d, h, mi, sec;
    for (int k = 0; k < 12; k++)
        if (n >= 16 && memcmp(s, MONTHS[k], 3) == 0) mo = k + 1;
    if (!mo || s[3] != ' ' || s[6] != ' ' || s[9] != ':' || s[12] != ':' || s[15] != ' ' ||
        sscanf(s + 4, "%2d %2d:%2d:%2d", &d, &h, &mi, &sec) != 4) {
        *why = "not an RFC 3164 line (<PRI>Mmm dd hh:mm:ss host tag: message)";
        return -1;
    }
    /* No year: --year, else this year, or the last when that would put the
     * time more than two days ahead of now (a December line read in
     * January). */
    int64_t now_s = cv->now_ms / 1000;
    int y = cv->year;
    if (!y) {
        int64_t days = now_s / 86400;
        /* civil year of days (H. Hinnant's civil_from_days, year only) */
        int64_t z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
        int64_t doe = z - era * 146097, yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
        y = (int)(yoe + era * 400 + (mp >= 10));
        int64_t then = (int64_t)(mo - 1) * 31 + d;
        int64_t m_now = mp < 10 ? mp + 3 : mp - 9, d_now = doy - (153 * mp + 2) / 5 + 1;
        int64_t nowmd = (m_now - 1) * 31 + d_now;
        if (then > nowmd + 2) y--;
    }
    char t[32];
    snprintf(t, sizeof t, "%04d-%02d-%02d %02d:%02d:%02d", y, mo, d, h, mi, sec);
    if (evconv_col(cv, "time", evconv_keep(cv, t, strlen(t))) < 0) return -1;
    c->i += 16;
    return host_tag_message(cv, c);
}

/* After an RFC 3164 time: "HOST TAG[PID]: MSG". */
static int host_tag_message(evconv *cv, cur *c)
{
    if (evconv_col(cv, "host", token(cv, c)) < 0) return -1;
    /* The tag: up to '[', ':' or a space; a [pid] after it. */
    size_t b = c->i;
    while (c->i < c->n && !strchr("[: ", c->s[c->i]))
        c->i++;
    if (evconv_col(cv, "app", evconv_keep(cv, c->s + b, c->i - b)) < 0) return -1;
    if (c->i < c->n && c->s[c->i] == '[') {
        size_t pb = ++c->i;
        while (c->i < c->n && c->s[c->i] != ']')
            c->i++;
        if (evconv_col(cv, "procid", evconv_keep(cv, c->s + pb, c->i - pb)) < 0) return -1;
        if (c->i < c->n) c->i++;
    }
    if (c->i < c->n && c->s[c->i] == ':') c->i++;
    if (c->i < c->n && c->s[c->i] == ' ') c->i++;
    return message(cv, c);
}

static int cols(evconv *cv, const char *line, size_t len, const char **why)
{
    cur c = {line, 0, len};
    int pri = 0;
    size_t k = 1;
    if (len < 3 || line[0] != '<') {
        /* What syslog daemons write to their files has no PRI: RFC 3164's
         * "Mmm dd hh:mm:ss host tag: msg", or rsyslog's file format with
         * an RFC 3339 time in its place. */
        if (cv->kind == EVCONV_SYSLOG5424) goto no_pri;
        for (int m = 0; m < 12; m++)
            if (len >= 16 && memcmp(line, MONTHS[m], 3) == 0 && line[3] == ' ')
                return rfc3164(cv, &c, why);
        if (cv->kind == EVCONV_SYSLOG && len > 20 && isdigit((unsigned char)line[0]) &&
            line[4] == '-' && line[10] == 'T') {
            if (evconv_col(cv, "time", token(cv, &c)) < 0) return -1;
            return host_tag_message(cv, &c);
        }
        goto no_pri;
    }
    while (k < len && k < 5 && isdigit((unsigned char)line[k]))
        pri = pri * 10 + (line[k++] - '0');
    if (k == 1 || k >= len || line[k] != '>' || pri > 191) goto no_pri;
    c.i = k + 1;
    int is5424 = len - c.i >= 2 && line[c.i] == '1' && line[c.i + 1] == ' ';
    if (cv->kind == EVCONV_SYSLOG5424 && !is5424) {
        *why = "not an RFC 5424 line (<PRI>1 time host app procid msgid [sd] message)";
        return -1;
    }
    if (cv->kind == EVCONV_SYSLOG3164) is5424 = 0;
    if (!is5424) {
        if (rfc3164(cv, &c, why) < 0) return -1;
    } else {
        c.i += 2;
        static const char *const head[] = {"time", "host", "app", "procid", "msgid"};
        for (size_t i = 0; i < 5; i++)
            if (evconv_col(cv, head[i], token(cv, &c)) < 0) return -1;
        if (structured(cv, &c, why) < 0) return -1;
        if (message(cv, &c) < 0) return -1;
    }
    if (cv->overflow) {
        *why = "more than 256 fields, or too long once split into them";
        return -1;
    }
    return 0;
no_pri:
    *why = "not a syslog line: no <PRI> (0 to 191), nor a syslog file's time, at its start";
    return -1;
}

int evconv_syslog_cols(evconv *cv, const char *line, size_t len, const char **why)
{
    *why = NULL;
    if (cols(cv, line, len, why) == 0) return 0;
    if (!*why) *why = "more than 256 fields, or too long once split into them";
    return -1;
}

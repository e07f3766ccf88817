#include "emit/emit_siem.h"

#include <stdio.h>
#include <string.h>

#include "emit/emit.h"
#include "normalise/ts.h"
#include "util/esc.h"

/* What ECS version the objects follow (tests/data/ecs_fields.csv holds
 * the fields used, with their types). */
#define ECS_VERSION "8.11.0"

static const struct {
    const char *rule, *title;
} titles[] = {
    {"bulk", "Bulk look-ups or export"},
    {"changes", "Changes to records without a case"},
    {"convergence", "Several staff converge on one person"},
    {"departing", "Look-ups by departing staff"},
    {"employment", "Account outside its employment"},
    {"first_use", "First use of a system or function"},
    {"foreign_case", "Look-up under another unit's case"},
    {"incident", "Earlier look-ups of an incident's subject"},
    {"off_pattern", "Look-ups off the usual pattern"},
    {"protected", "Protected record looked up"},
    {"relation", "Look-up of a relation or neighbour"},
    {"unauthorised", "Action without the right to it"},
    {"unexplained", "Look-ups no case explains"},
    {"unknown_case", "Case number not in the register"},
    {"volume", "Unusual volume of look-ups"},
};

const char *emit_siem_rule_title(const char *rule)
{
    for (size_t i = 0; i < sizeof titles / sizeof *titles; i++)
        if (strcmp(titles[i].rule, rule) == 0) return titles[i].title;
    return rule;
}

static const char *const names[] = {"ecs", "cef", "syslog", "thehive"};

int emit_siem_parse(const char *s, int payloads, enum emit_siem *f)
{
    for (int i = 0; i <= EMIT_SIEM_THEHIVE; i++)
        if (strcmp(s, names[i]) == 0 && (payloads || i != EMIT_SIEM_THEHIVE)) {
            *f = (enum emit_siem)i;
            return 0;
        }
    return -1;
}

const char *emit_siem_name(enum emit_siem f)
{
    return names[f];
}

/* RFC 3339 with milliseconds, UTC: "2026-03-02T09:00:00.000Z". */
static void iso_ms(int64_t ms, char out[32])
{
    char t[32];
    ts_format(ms, t);
    int frac = (int)(((ms % 1000) + 1000) % 1000);
    snprintf(out, 32, "%.19s.%03dZ", t, frac);
}

/* Appends s with each byte of special after a backslash, and every control
 * character escaped (\n, \r, \t, \xHH; a hidden character as \uXXXX, a
 * byte that is not UTF-8 as \xHH): what it appends is one line of
 * printable UTF-8. */
static int put_esc(buf *b, const char *s, const char *special)
{
    if (!s) return 0;
    size_t n = strlen(s);
    int rc = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            if (c == '\n')
                rc |= buf_puts(b, "\\n");
            else if (c == '\r')
                rc |= buf_puts(b, "\\r");
            else if (c == '\t')
                rc |= buf_puts(b, "\\t");
            else if (c < 0x20 || c == 0x7f)
                rc |= buf_printf(b, "\\x%02x", c);
            else {
                if (strchr(special, c)) rc |= buf_put(b, "\\", 1);
                rc |= buf_put(b, &s[i], 1);
            }
            i++;
            continue;
        }
        uint32_t cp;
        size_t len = esc_char(s + i, n - i, &cp);
        if (!len) {
            rc |= buf_printf(b, "\\x%02x", c);
            i++;
        } else {
            if (esc_hidden(cp))
                rc |= cp > 0xffff ? buf_printf(b, "\\U%08x", (unsigned)cp)
                                  : buf_printf(b, "\\u%04x", (unsigned)cp);
            else
                rc |= buf_put(b, s + i, len);
            i += len;
        }
    }
    return rc;
}

static int json_member(buf *b, const char *sep_name, const char *v)
{
    return buf_puts(b, sep_name) | buf_json_str(b, v ? v : "");
}

/* The actors the alert counts for: its actors, else its actor alone. */
static int json_actors(buf *b, const store_alert *a)
{
    int rc = buf_puts(b, "[");
    if (!a->nactors) rc |= buf_json_str(b, a->actor);
    for (size_t i = 0; i < a->nactors; i++) {
        if (i) rc |= buf_puts(b, ",");
        rc |= buf_json_str(b, a->actors[i]);
    }
    return rc | buf_puts(b, "]");
}

static int unit_known(const store_alert *a)
{
    return a->unit && *a->unit;
}

static int ecs(buf *b, const emit_siem_from *from, const store_alert *a)
{
    char raised[32], start[32];
    iso_ms(a->raised ? a->raised : a->ts, raised);
    iso_ms(a->ts, start);
    int rc = buf_printf(b,
                        "{\"@timestamp\":\"%s\",\"ecs\":{\"version\":\"" ECS_VERSION "\"},"
                        "\"event\":{\"kind\":\"alert\",\"category\":[\"intrusion_detection\"],"
                        "\"type\":[\"info\"],\"dataset\":\"wachter.alert\","
                        "\"provider\":\"wachter\",\"created\":\"%s\",\"start\":\"%s\","
                        "\"severity\":%d,\"risk_score\":%.1f,\"risk_score_norm\":%.1f",
                        raised, raised, start, a->severity, a->score, a->score);
    rc |= json_member(b, ",\"id\":", a->id);
    rc |= json_member(b, ",\"action\":", a->rule);
    rc |= json_member(b, ",\"reason\":", a->reason);
    rc |= json_member(b, "},\"rule\":{\"id\":", a->rule);
    rc |= json_member(b, ",\"name\":", a->rule);
    rc |= json_member(b, ",\"description\":", emit_siem_rule_title(a->rule));
    rc |= json_member(b, ",\"ruleset\":", "wachter");
    rc |= json_member(b, "},\"user\":{\"id\":", a->actor);
    if (unit_known(a)) rc |= json_member(b, ",\"group\":{\"name\":", a->unit) | buf_puts(b, "}");
    rc |= buf_puts(b, "},\"related\":{\"user\":") | json_actors(b, a);
    rc |= json_member(b, "},\"message\":", a->reason);
    rc |= json_member(b, ",\"labels\":{\"severity\":", emit_severity_name(a->severity));
    rc |= json_member(b, ",\"status\":", a->status && *a->status ? a->status : "new");
    if (unit_known(a)) rc |= json_member(b, ",\"unit\":", a->unit);
    rc |= json_member(b, "},\"observer\":{\"product\":", "wachter");
    rc |= json_member(b, ",\"vendor\":", "wachter");
    rc |= json_member(b, ",\"type\":", "insider-risk");
    rc |= json_member(b, ",\"version\":", from->version);
    if (from->host && *from->host) rc |= json_member(b, ",\"hostname\":", from->host);
    return rc | buf_puts(b, "}}\n");
}

/* CEF's severity, 0-10: low 3, medium 5, high 8, critical 10. */
static int cef_severity(int s)
{
    return s >= 4 ? 10 : s == 3 ? 8 : s == 2 ? 5 : 3;
}

#define CEF_HDR "|\\"
#define CEF_EXT "=\\"

static int cef_ext(buf *b, const char *key, const char *v)
{
    return buf_printf(b, " %s=", key) | put_esc(b, v, CEF_EXT);
}

static int cef(buf *b, const emit_siem_from *from, const store_alert *a)
{
    int rc = buf_puts(b, "CEF:0|wachter|wachter|") | put_esc(b, from->version, CEF_HDR);
    rc |= buf_puts(b, "|") | put_esc(b, a->rule, CEF_HDR);
    rc |= buf_puts(b, "|") | put_esc(b, emit_siem_rule_title(a->rule), CEF_HDR);
    rc |= buf_printf(b, "|%d|rt=%lld start=%lld", cef_severity(a->severity),
                     (long long)(a->raised ? a->raised : a->ts), (long long)a->ts);
    rc |= cef_ext(b, "externalId", a->id);
    rc |= cef_ext(b, "suser", a->actor);
    rc |= cef_ext(b, "act", "alert");
    rc |= cef_ext(b, "cat", a->rule);
    rc |= cef_ext(b, "msg", a->reason);
    rc |= buf_printf(b, " cfp1=%.1f cfp1Label=risk score cnt=%zu", a->score, a->n);
    if (unit_known(a)) rc |= cef_ext(b, "cs1", a->unit) | buf_puts(b, " cs1Label=unit");
    rc |= cef_ext(b, "cs2", a->status && *a->status ? a->status : "new");
    rc |= buf_puts(b, " cs2Label=status");
    if (from->host && *from->host) rc |= cef_ext(b, "dvchost", from->host);
    return rc | buf_puts(b, "\n");
}

/* Facility 10 (authpriv, security messages); critical 2, high 3, medium
 * 4, low 5. */
static int syslog_pri(int s)
{
    return 10 * 8 + (s >= 4 ? 2 : s == 3 ? 3 : s == 2 ? 4 : 5);
}

/* A header field: printable US-ASCII without spaces, at most max
 * characters, else NILVALUE. */
static int header_field(buf *b, const char *v, size_t max)
{
    size_t n = v ? strlen(v) : 0;
    int ok = n > 0 && n <= max;
    for (size_t i = 0; ok && i < n; i++)
        ok = v[i] > 32 && v[i] < 127;
    return buf_puts(b, ok ? v : "-");
}

#define SD "\"\\]"

static int sd_param(buf *b, const char *name, const char *v)
{
    return buf_printf(b, " %s=\"", name) | put_esc(b, v, SD) | buf_puts(b, "\"");
}

/* The header and structured data of a's syslog message (full: every
 * member, else the alert's id alone), and its space. */
static int rfc5424_head(buf *b, const emit_siem_from *from, const store_alert *a, int full)
{
    char raised[32], start[32], score[32];
    iso_ms(a->raised ? a->raised : a->ts, raised);
    iso_ms(a->ts, start);
    snprintf(score, sizeof score, "%.1f", a->score);
    int rc = buf_printf(b, "<%d>1 %s ", syslog_pri(a->severity), raised);
    rc |= header_field(b, from->host, 255);
    if (from->pid > 0)
        rc |= buf_printf(b, " wachter %ld alert [wachter@" EMIT_SIEM_PEN, from->pid);
    else
        rc |= buf_puts(b, " wachter - alert [wachter@" EMIT_SIEM_PEN);
    rc |= sd_param(b, "alert", a->id);
    if (full) {
        rc |= sd_param(b, "rule", a->rule);
        rc |= sd_param(b, "severity", emit_severity_name(a->severity));
        rc |= sd_param(b, "score", score);
        rc |= sd_param(b, "user", a->actor);
        if (unit_known(a)) rc |= sd_param(b, "unit", a->unit);
        rc |= sd_param(b, "start", start);
        rc |= sd_param(b, "status", a->status && *a->status ? a->status : "new");
    }
    return rc | buf_puts(b, "] ");
}

static int rfc5424(buf *b, const emit_siem_from *from, const store_alert *a)
{
    return rfc5424_head(b, from, a, 1) | put_esc(b, a->reason, "") | buf_puts(b, "\n");
}

int emit_siem_syslog_wrap(buf *b, const emit_siem_from *from, const store_alert *a,
                          const char *line, size_t n)
{
    while (n && line[n - 1] == '\n')
        n--;
    return rfc5424_head(b, from, a, 0) | buf_put(b, line, n) | buf_puts(b, "\n");
}

/* 1 when subjects[i] is empty or an observable already: a subject before
 * it, or one of the staff (an employee's own record shows as their
 * pseudonym; TheHive refuses an alert whose observables repeat). */
static int seen_subject(const store_alert *a, size_t i)
{
    const char *v = a->subjects[i];
    if (!v || !*v || (a->actor && strcmp(a->actor, v) == 0)) return 1;
    for (size_t j = 0; j < a->nactors; j++)
        if (a->actors[j] && strcmp(a->actors[j], v) == 0) return 1;
    for (size_t j = 0; j < i; j++)
        if (a->subjects[j] && strcmp(a->subjects[j], v) == 0) return 1;
    return 0;
}

static int observable(buf *b, const char *data, const char *tag)
{
    int rc = json_member(b, ",{\"dataType\":\"other\",\"data\":", data);
    return rc | json_member(b, ",\"tags\":[", tag) | buf_puts(b, "]}");
}

/* Appends ,"<prefix><v>" as a JSON string. */
static int tag(buf *b, const char *prefix, const char *v)
{
    buf u = {0};
    int rc = buf_puts(&u, prefix) | buf_puts(&u, v ? v : "") | buf_put(&u, "", 1);
    if (rc == 0) rc = buf_puts(b, ",") | buf_json_str(b, u.data);
    buf_free(&u);
    return rc;
}

static int thehive(buf *b, const store_alert *a)
{
    char raised[32], start[32];
    iso_ms(a->raised ? a->raised : a->ts, raised);
    iso_ms(a->ts, start);
    buf t = {0}, d = {0};
    int rc = buf_puts(&t, emit_siem_rule_title(a->rule)) | buf_puts(&t, ": ") |
             buf_puts(&t, a->actor ? a->actor : "");
    rc |= buf_puts(&d, a->reason ? a->reason : "");
    rc |= buf_printf(&d, "\n\nRule: %s\nSeverity: %s\nScore: %.1f\nEvent time: %s\nRaised: %s",
                     a->rule, emit_severity_name(a->severity), a->score, start, raised);
    if (unit_known(a)) rc |= buf_puts(&d, "\nUnit: ") | buf_puts(&d, a->unit);
    rc |= buf_printf(&d, "\nEvents: %zu\nwachter alert: ", a->n) | buf_puts(&d, a->id);
    rc |= buf_put(&t, "", 1) | buf_put(&d, "", 1);
    if (rc == 0) {
        rc |= json_member(
            b, "{\"type\":\"wachter-alert\",\"source\":\"wachter\",\"sourceRef\":", a->id);
        rc |= json_member(b, ",\"title\":", t.data);
        rc |= json_member(b, ",\"description\":", d.data);
        int sev = a->severity < 1 ? 1 : a->severity > 4 ? 4 : a->severity;
        rc |= buf_printf(b, ",\"severity\":%d,\"date\":%lld,\"tlp\":2,\"pap\":2", sev,
                         (long long)(a->raised ? a->raised : a->ts));
        rc |= buf_puts(b, ",\"tags\":[\"wachter\"") | tag(b, "rule:", a->rule);
        if (unit_known(a)) rc |= tag(b, "unit:", a->unit);
        rc |= buf_puts(b, "],\"observables\":[");
        size_t mark = b->len;
        rc |= observable(b, a->actor, "staff");
        for (size_t i = 0; i < a->nactors; i++)
            if (a->actors[i] && strcmp(a->actors[i], a->actor) != 0)
                rc |= observable(b, a->actors[i], "staff");
        for (size_t i = 0; i < a->n; i++)
            if (!seen_subject(a, i)) rc |= observable(b, a->subjects[i], "subject");
        if (rc == 0) memmove(b->data + mark, b->data + mark + 1, b->len - mark - 1), b->len--;
        rc |= buf_puts(b, "]}\n");
    }
    buf_free(&t);
    buf_free(&d);
    return rc;
}

int emit_siem_alert(buf *b, enum emit_siem f, const emit_siem_from *from, const store_alert *a)
{
    switch (f) {
    case EMIT_SIEM_ECS:
        return ecs(b, from, a);
    case EMIT_SIEM_CEF:
        return cef(b, from, a);
    case EMIT_SIEM_SYSLOG:
        return rfc5424(b, from, a);
    case EMIT_SIEM_THEHIVE:
        return thehive(b, a);
    }
    return -1;
}

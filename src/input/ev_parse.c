/* ev_parse — the general parser (cJSON) and the dispatch to the fast one.
 *
 * Every line goes to ev_fast_parse() first; it takes the common shape (a flat
 * object of known keys) and declines anything it is not sure of.  Declined
 * lines come here, so accepted values and the reasons for bad lines are
 * decided in one place: ev_parse_json(). */
#include "input/ev_parse.h"

#include <cJSON.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "input/ev_fast.h"
#include "input/ev_fields.h"
#include "input/ev_raw.h"
#include "normalise/ts.h"
#include "util/utf8.h"

/* The first EV_F_COUNT entries are in enum order: reasons index by field. */
const ev_field_name ev_field_names[] = {
    {"id", EV_F_ID},
    {"ts", EV_F_TS},
    {"actor", EV_F_ACTOR},
    {"system", EV_F_SYSTEM},
    {"action", EV_F_ACTION},
    {"subject", EV_F_SUBJECT},
    {"subject_type", EV_F_SUBJECT_TYPE},
    {"case", EV_F_CASE},
    {"purpose", EV_F_PURPOSE},
    {"query", EV_F_QUERY},
    {"results", EV_F_RESULTS},
    {"client", EV_F_CLIENT},
    /* BRP API request headers, as a gateway logs them. */
    {"x-gebruiker", EV_F_ACTOR},
    {"x-doelbinding", EV_F_PURPOSE},
    {"x-verwerking", EV_F_CASE},
    {"x-origin-oin", EV_F_SYSTEM},
};
const size_t ev_field_names_count = sizeof ev_field_names / sizeof *ev_field_names;

/* cJSON refuses deeper nesting; the reason says so. */
#define EV_STR(x) #x
#define EV_XSTR(x) EV_STR(x)
#define EV_NESTING_TEXT EV_XSTR(CJSON_NESTING_LIMIT)

static int field_of(const char *key)
{
    for (size_t i = 0; i < ev_field_names_count; i++)
        if (strcmp(ev_field_names[i].name, key) == 0) return (int)ev_field_names[i].f;
    return -1;
}

static const char *fmt_why(arena *a, const char *fmt, const char *arg)
{
    char tmp[160];
    snprintf(tmp, sizeof tmp, fmt, arg);
    const char *s = arena_strdup(a, tmp);
    return s ? s : "out of memory";
}

/* A field's value as text: strings as they are, numbers as the line writes
 * them (raw), never through a double: 12345678901234567890 and 012345678
 * are ids, kept digit for digit. */
static const char *text_of(const cJSON *v, const ev_raw_member *raw, arena *a)
{
    if (cJSON_IsString(v)) return arena_strdup(a, v->valuestring);
    if (cJSON_IsNumber(v)) return arena_strndup(a, raw->v, raw->vn);
    return NULL;
}

/* What a value is, for a reason: "true", "an object". */
static const char *kind_of(const cJSON *v)
{
    return cJSON_IsTrue(v)     ? "true"
           : cJSON_IsFalse(v)  ? "false"
           : cJSON_IsObject(v) ? "an object"
           : cJSON_IsArray(v)  ? "an array"
                               : "a number";
}

static int parse_ts(const cJSON *v, int64_t *ms)
{
    if (cJSON_IsNumber(v)) {
        double d = v->valuedouble;
        if (d != floor(d) || d < 0 || d > 9e15) return TS_ERANGE;
        *ms = (int64_t)d;
        return ts_check_ms(*ms);
    }
    return ts_parse(v->valuestring, strlen(v->valuestring), ms);
}

/* The line needs walking (ev_raw) when it may hold a NUL, or a field that
 * takes text (or ts, for its reason) holds a number. */
static int needs_raw(const cJSON *root, const char *line, size_t len)
{
    if (ev_raw_may_hold_nul(line, len)) return 1;
    for (const cJSON *it = root->child; it; it = it->next) {
        int f = cJSON_IsNumber(it) ? field_of(it->string) : -1;
        if (f >= 0 && f != EV_F_RESULTS) return 1;
    }
    return 0;
}

int ev_parse_json(const char *line, size_t len, arena *a, ev_event *ev, const char **why)
{
    cJSON *root = NULL, *attrs = NULL;
    const cJSON *seen[EV_F_COUNT] = {0};
    long bad = utf8_invalid_at(line, len);
    if (bad >= 0) {
        char at[24];
        snprintf(at, sizeof at, "%ld", bad);
        *why = fmt_why(a, "invalid UTF-8 at byte %s", at);
        return -1;
    }
    const char *end = NULL;
    root = cJSON_ParseWithLengthOpts(line, len, &end, 0);
    if (!root) {
        *why = ev_raw_deeper_than(line, len, CJSON_NESTING_LIMIT)
                   ? "JSON nested too deeply (more than " EV_NESTING_TEXT " levels)"
                   : "malformed JSON";
        goto fail;
    }
    for (const char *p = end; p < line + len; p++)
        if (*p != ' ' && *p != '\t' && *p != '\r') {
            *why = "malformed JSON: text after the object";
            goto fail;
        }
    if (!cJSON_IsObject(root)) {
        *why = "not a JSON object";
        goto fail;
    }
    ev_raw raw;
    ev_raw_member raws[EV_F_COUNT] = {{0}};
    int walk = needs_raw(root, line, len);
    if (walk) ev_raw_open(&raw, line, len);
    for (cJSON *it = root->child, *next; it; it = next) {
        next = it->next;
        ev_raw_member m = {0};
        if (walk) ev_raw_next(&raw, &m);
        if (m.key_nul) {
            *why = "a key holds a NUL character (\\u0000)";
            goto fail;
        }
        int f = field_of(it->string);
        if (m.val_nul) {
            *why = fmt_why(a, "field '%.60s' holds a NUL character (\\u0000)",
                           f >= 0 ? ev_field_names[f].name : it->string);
            goto fail;
        }
        if (f < 0) {
            if (!attrs && !(attrs = cJSON_CreateObject())) goto oom;
            if (cJSON_GetObjectItemCaseSensitive(attrs, it->string)) {
                *why = fmt_why(a, "field '%.60s' appears twice", it->string);
                goto fail;
            }
            cJSON_AddItemToObject(attrs, it->string, cJSON_DetachItemViaPointer(root, it));
            continue;
        }
        if (seen[f]) {
            *why = fmt_why(a, "field '%s' appears twice", ev_field_names[f].name);
            goto fail;
        }
        seen[f] = it;
        raws[f] = m;
    }

    static const enum ev_field required[] = {EV_F_TS, EV_F_ACTOR, EV_F_ACTION};
    for (size_t i = 0; i < 3; i++)
        if (!seen[required[i]] || cJSON_IsNull(seen[required[i]])) {
            *why = fmt_why(a, "missing required field '%s'", ev_field_names[required[i]].name);
            goto fail;
        }
    const cJSON *ts = seen[EV_F_TS];
    if (!cJSON_IsString(ts) && !cJSON_IsNumber(ts)) {
        *why = fmt_why(a, "field 'ts' must be a time (a string or epoch milliseconds), not %s",
                       kind_of(ts));
        goto fail;
    }
    int trc = parse_ts(ts, &ev->ts);
    if (trc != TS_OK) {
        const char *shown = cJSON_IsString(ts) ? ts->valuestring : text_of(ts, &raws[EV_F_TS], a);
        if (!shown) goto oom;
        *why = fmt_why(a, trc == TS_ERANGE ? "impossible time '%.60s'" : "unreadable time '%.60s'",
                       shown);
        goto fail;
    }

    for (int f = 0; f < EV_F_COUNT; f++) {
        const char **dst = ev_field_slot(ev, f);
        if (!dst) continue;
        *dst = "";
        if (!seen[f] || cJSON_IsNull(seen[f])) continue;
        const char *s = text_of(seen[f], &raws[f], a);
        if (!s) {
            *why = fmt_why(a, "field '%s' must be a string", ev_field_names[f].name);
            goto fail;
        }
        *dst = s;
    }
    if (!ev->actor[0] || !ev->action[0]) {
        *why = fmt_why(a, "required field '%s' is empty", ev->actor[0] ? "action" : "actor");
        goto fail;
    }
    /* Actions are words; sources differ in case ("VIEW", "View"). */
    for (char *p = (char *)ev->action; *p; p++)
        if (*p >= 'A' && *p <= 'Z') *p += 'a' - 'A';

    ev->results = -1;
    if (seen[EV_F_RESULTS] && !cJSON_IsNull(seen[EV_F_RESULTS])) {
        double d = seen[EV_F_RESULTS]->valuedouble;
        if (!cJSON_IsNumber(seen[EV_F_RESULTS]) || d < 0 || d != floor(d) || d > 9e15) {
            *why = "field 'results' must be a whole number of records";
            goto fail;
        }
        ev->results = (int64_t)d;
    }

    ev->attrs = "";
    if (attrs) {
        char *txt = cJSON_PrintUnformatted(attrs);
        if (!txt) goto oom;
        ev->attrs = arena_strdup(a, txt);
        cJSON_free(txt);
    }
    cJSON_Delete(attrs);
    cJSON_Delete(root);
    return ev_finish(ev, a) < 0 ? (*why = "out of memory", -1) : 0;
oom:
    *why = "out of memory";
fail:
    cJSON_Delete(attrs);
    cJSON_Delete(root);
    return -1;
}

int ev_parse(const char *line, size_t len, arena *a, ev_event *ev, const char **why)
{
    if (ev_fast_parse(line, len, a, ev) == 0) return 0;
    return ev_parse_json(line, len, a, ev, why);
}

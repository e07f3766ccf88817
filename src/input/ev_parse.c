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

/* A field's value as text: strings as they are, numbers as integers. */
static const char *text_of(const cJSON *v, arena *a)
{
    if (cJSON_IsString(v)) return arena_strdup(a, v->valuestring);
    if (cJSON_IsNumber(v)) {
        char tmp[32];
        double d = v->valuedouble;
        if (d == floor(d) && fabs(d) < 9e15)
            snprintf(tmp, sizeof tmp, "%lld", (long long)d);
        else
            snprintf(tmp, sizeof tmp, "%.17g", d);
        return arena_strdup(a, tmp);
    }
    return NULL;
}

static int parse_ts(const cJSON *v, int64_t *ms)
{
    if (cJSON_IsNumber(v)) {
        double d = v->valuedouble;
        if (d != floor(d) || d < 0 || d > 9e15) return TS_ERANGE;
        *ms = (int64_t)d;
        return ts_check_ms(*ms);
    }
    if (cJSON_IsString(v)) return ts_parse(v->valuestring, strlen(v->valuestring), ms);
    return TS_ESYNTAX;
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
        *why = "malformed JSON";
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
    for (cJSON *it = root->child, *next; it; it = next) {
        next = it->next;
        int f = field_of(it->string);
        if (f < 0) {
            if (!attrs && !(attrs = cJSON_CreateObject())) goto oom;
            if (!cJSON_GetObjectItemCaseSensitive(attrs, it->string))
                cJSON_AddItemToObject(attrs, it->string, cJSON_DetachItemViaPointer(root, it));
            continue;
        }
        if (seen[f]) {
            *why = fmt_why(a, "field '%s' appears twice", ev_field_names[f].name);
            goto fail;
        }
        seen[f] = it;
    }

    static const enum ev_field required[] = {EV_F_TS, EV_F_ACTOR, EV_F_ACTION};
    for (size_t i = 0; i < 3; i++)
        if (!seen[required[i]] || cJSON_IsNull(seen[required[i]])) {
            *why = fmt_why(a, "missing required field '%s'", ev_field_names[required[i]].name);
            goto fail;
        }
    int trc = parse_ts(seen[EV_F_TS], &ev->ts);
    if (trc != TS_OK) {
        const char *shown = cJSON_IsString(seen[EV_F_TS]) ? seen[EV_F_TS]->valuestring : "(number)";
        *why = fmt_why(a, trc == TS_ERANGE ? "impossible time '%.60s'" : "unreadable time '%.60s'",
                       shown);
        goto fail;
    }

    for (int f = 0; f < EV_F_COUNT; f++) {
        const char **dst = ev_field_slot(ev, f);
        if (!dst) continue;
        *dst = "";
        if (!seen[f] || cJSON_IsNull(seen[f])) continue;
        const char *s = text_of(seen[f], a);
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

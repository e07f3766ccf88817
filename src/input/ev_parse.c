#include "input/ev_parse.h"

#include <cJSON.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "normalise/ts.h"
#include "util/utf8.h"

enum field {
    F_ID, F_TS, F_ACTOR, F_SYSTEM, F_ACTION, F_SUBJECT, F_SUBJECT_TYPE,
    F_CASE, F_PURPOSE, F_QUERY, F_RESULTS, F_CLIENT, F_COUNT
};

static const struct {
    const char *name;
    enum field f;
} names[] = {
    {"id", F_ID},           {"ts", F_TS},          {"actor", F_ACTOR},
    {"system", F_SYSTEM},   {"action", F_ACTION},  {"subject", F_SUBJECT},
    {"subject_type", F_SUBJECT_TYPE}, {"case", F_CASE}, {"purpose", F_PURPOSE},
    {"query", F_QUERY},     {"results", F_RESULTS}, {"client", F_CLIENT},
    /* BRP API request headers, as a gateway logs them. */
    {"x-gebruiker", F_ACTOR}, {"x-doelbinding", F_PURPOSE},
    {"x-verwerking", F_CASE}, {"x-origin-oin", F_SYSTEM},
};

static int field_of(const char *key)
{
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strcmp(names[i].name, key) == 0) return (int)names[i].f;
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
        if (d == floor(d) && fabs(d) < 9e15) snprintf(tmp, sizeof tmp, "%lld", (long long)d);
        else snprintf(tmp, sizeof tmp, "%.17g", d);
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

int ev_parse(const char *line, size_t len, arena *a, ev_event *ev, const char **why)
{
    cJSON *root = NULL, *attrs = NULL;
    const cJSON *seen[F_COUNT] = {0};
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
            *why = fmt_why(a, "field '%s' appears twice", names[f].name);
            goto fail;
        }
        seen[f] = it;
    }

    static const enum field required[] = {F_TS, F_ACTOR, F_ACTION};
    for (size_t i = 0; i < 3; i++)
        if (!seen[required[i]] || cJSON_IsNull(seen[required[i]])) {
            *why = fmt_why(a, "missing required field '%s'", names[required[i]].name);
            goto fail;
        }
    int trc = parse_ts(seen[F_TS], &ev->ts);
    if (trc != TS_OK) {
        const char *shown = cJSON_IsString(seen[F_TS]) ? seen[F_TS]->valuestring : "(number)";
        *why = fmt_why(a, trc == TS_ERANGE ? "impossible time '%.60s'" : "unreadable time '%.60s'",
                       shown);
        goto fail;
    }

    const char **dst[F_COUNT] = {
        [F_ID] = &ev->id, [F_ACTOR] = &ev->actor, [F_SYSTEM] = &ev->system,
        [F_ACTION] = &ev->action, [F_SUBJECT] = &ev->subject,
        [F_SUBJECT_TYPE] = &ev->subject_type, [F_CASE] = &ev->case_id,
        [F_PURPOSE] = &ev->purpose, [F_QUERY] = &ev->query, [F_CLIENT] = &ev->client,
    };
    for (int f = 0; f < F_COUNT; f++) {
        if (!dst[f]) continue;
        *dst[f] = "";
        if (!seen[f] || cJSON_IsNull(seen[f])) continue;
        const char *s = text_of(seen[f], a);
        if (!s) {
            *why = fmt_why(a, "field '%s' must be a string", names[f].name);
            goto fail;
        }
        *dst[f] = s;
    }
    if (!ev->actor[0] || !ev->action[0]) {
        *why = fmt_why(a, "required field '%s' is empty", ev->actor[0] ? "action" : "actor");
        goto fail;
    }
    /* Actions are words; sources differ in case ("VIEW", "View"). */
    for (char *p = (char *)ev->action; *p; p++)
        if (*p >= 'A' && *p <= 'Z') *p += 'a' - 'A';

    ev->results = -1;
    if (seen[F_RESULTS] && !cJSON_IsNull(seen[F_RESULTS])) {
        double d = seen[F_RESULTS]->valuedouble;
        if (!cJSON_IsNumber(seen[F_RESULTS]) || d < 0 || d != floor(d) || d > 9e15) {
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

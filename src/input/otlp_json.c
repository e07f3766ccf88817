#include "input/otlp_json.h"

#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "normalise/ts.h"
#include "util/utf8.h"

/* The string member of o named key, or NULL when absent or not a string. */
static const char *str_of(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static const char *adup(arena *a, const char *s)
{
    return arena_strdup(a, s ? s : "");
}

/* Copies hex id s of len digits into out, lowercase. 0, or -1 when it is
 * not len hex digits or is all zeros (OTLP's invalid id). */
static int hex_id(const char *s, size_t len, char *out)
{
    if (!s || strlen(s) != len) return -1;
    int nonzero = 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'F') c = (char)(c - 'A' + 'a');
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return -1;
        nonzero |= c != '0';
        out[i] = c;
    }
    out[len] = 0;
    return nonzero ? 0 : -1;
}

/* startTimeUnixNano: decimal digits in a string (int64 in proto3 JSON) or
 * a number, nanoseconds → *ms. 0, or -1 when unreadable or outside 1970
 * to 2100. */
static int nanos_ms(const cJSON *v, int64_t *ms)
{
    unsigned long long ns = 0;
    if (cJSON_IsString(v)) {
        const char *s = v->valuestring;
        size_t n = strlen(s);
        if (n == 0 || n > 19) return -1;
        for (size_t i = 0; i < n; i++) {
            if (s[i] < '0' || s[i] > '9') return -1;
            ns = ns * 10 + (unsigned long long)(s[i] - '0');
        }
    } else if (cJSON_IsNumber(v) && v->valuedouble >= 0 && v->valuedouble < 9.2e18) {
        ns = (unsigned long long)v->valuedouble;
    } else {
        return -1;
    }
    *ms = (int64_t)(ns / 1000000ULL);
    return ts_check_ms(*ms) == TS_OK && *ms > 0 ? 0 : -1;
}

/* An attribute's AnyValue as JSON into b: a string, an integer (int64 as
 * a decimal string in OTLP/JSON: written as a number when it is one), a
 * double, a bool, or the value object itself (arrays, kvlists, bytes). */
static int any_json(const cJSON *v, buf *b)
{
    const cJSON *x;
    if ((x = cJSON_GetObjectItemCaseSensitive(v, "stringValue")) && cJSON_IsString(x))
        return buf_json_str(b, x->valuestring);
    if ((x = cJSON_GetObjectItemCaseSensitive(v, "intValue"))) {
        if (cJSON_IsNumber(x)) return buf_printf(b, "%.0f", x->valuedouble);
        if (cJSON_IsString(x)) {
            const char *s = x->valuestring;
            size_t i = s[0] == '-', n = strlen(s);
            int digits = n > i && n - i <= 18;
            for (; digits && i < n; i++)
                digits = s[i] >= '0' && s[i] <= '9';
            return digits ? buf_puts(b, s) : buf_json_str(b, s);
        }
    }
    if ((x = cJSON_GetObjectItemCaseSensitive(v, "doubleValue")) && cJSON_IsNumber(x))
        return buf_printf(b, "%.17g", x->valuedouble);
    if ((x = cJSON_GetObjectItemCaseSensitive(v, "boolValue")) && cJSON_IsBool(x))
        return buf_puts(b, cJSON_IsTrue(x) ? "true" : "false");
    char *txt = cJSON_PrintUnformatted(v);
    if (!txt) return -1;
    int rc = buf_puts(b, txt);
    cJSON_free(txt);
    return rc;
}

/* The string value of attribute key in the list attrs: *out set (NULL
 * when absent). -1 when present but not a non-empty string. */
static int attr_str(const cJSON *attrs, const char *key, const char **out)
{
    *out = NULL;
    const cJSON *kv;
    cJSON_ArrayForEach(kv, attrs)
    {
        const char *k = str_of(kv, "key");
        if (!k || strcmp(k, key) != 0) continue;
        const char *s = str_of(cJSON_GetObjectItemCaseSensitive(kv, "value"), "stringValue");
        if (!s || !*s) return -1;
        *out = s;
        return 0;
    }
    return 0;
}

static int is_read(const char *k)
{
    return strcmp(k, OTLP_ATTR_ACTIVITY) == 0 || strcmp(k, OTLP_ATTR_SUBJECT) == 0 ||
           strcmp(k, OTLP_ATTR_USER) == 0 || strcmp(k, OTLP_ATTR_ACTION) == 0;
}

/* The attributes the profile does not read, as a JSON object into b. */
static int other_attrs(const cJSON *attrs, buf *b)
{
    const cJSON *kv;
    int first = 1;
    if (buf_puts(b, "{") < 0) return -1;
    cJSON_ArrayForEach(kv, attrs)
    {
        const char *k = str_of(kv, "key");
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(kv, "value");
        if (!k || is_read(k) || !cJSON_IsObject(v)) continue;
        if ((!first && buf_puts(b, ",") < 0) || buf_json_str(b, k) < 0 || buf_puts(b, ":") < 0 ||
            any_json(v, b) < 0)
            return -1;
        first = 0;
    }
    return buf_puts(b, "}");
}

static const char *status_name(const cJSON *span)
{
    const cJSON *code =
        cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(span, "status"), "code");
    int c = cJSON_IsNumber(code) ? code->valueint : 0;
    if (cJSON_IsString(code))
        c = strcmp(code->valuestring, "STATUS_CODE_OK") == 0      ? 1
            : strcmp(code->valuestring, "STATUS_CODE_ERROR") == 0 ? 2
                                                                  : 0;
    return c == 1 ? "ok" : c == 2 ? "error" : "unset";
}

/* The reason a required attribute is wrong, or NULL. */
static const char *need_attr(const cJSON *attrs, const char *key, const char **out)
{
    if (attr_str(attrs, key, out) < 0) {
        if (!strcmp(key, OTLP_ATTR_ACTIVITY))
            return "span attribute dpl.core.processing_activity_id is not a non-empty string";
        if (!strcmp(key, OTLP_ATTR_SUBJECT))
            return "span attribute dpl.core.data_subject_id is not a non-empty string";
        return "span attribute enduser.id is not a non-empty string";
    }
    if (*out || strcmp(key, OTLP_ATTR_USER) == 0 || strcmp(key, OTLP_ATTR_ACTION) == 0) return NULL;
    return !strcmp(key, OTLP_ATTR_ACTIVITY)
               ? "span without attribute dpl.core.processing_activity_id"
               : "span without attribute dpl.core.data_subject_id";
}

/* One span of a resource whose service.name is system into r. -1 only
 * when out of memory; a bad span gets r->why. */
static int span_rec(const cJSON *span, const char *system, arena *a, otlp_rec *r)
{
    memset(r, 0, sizeof *r);
    r->name = r->activity = r->subject = r->user = r->action = r->status = "";
    r->attrs = "{}";
    r->system = adup(a, system);
    char *txt = cJSON_PrintUnformatted(span);
    if (!txt) return -1;
    r->nraw = strlen(txt);
    r->raw = arena_strdup(a, txt);
    cJSON_free(txt);
    if (!r->raw || !r->system) return -1;
    if (!cJSON_IsObject(span)) {
        r->why = "span is not a JSON object";
        return 0;
    }
    /* As a JSON line that is not UTF-8 is: its text would not be kept as
     * sent (the event's JSON replaces such bytes). */
    if (utf8_invalid_at(r->raw, r->nraw) >= 0) {
        r->why = "span is not valid UTF-8";
        return 0;
    }
    if (utf8_invalid_at(r->system, strlen(r->system)) >= 0) {
        r->why = "the resource's service.name is not valid UTF-8";
        return 0;
    }
    const cJSON *attrs = cJSON_GetObjectItemCaseSensitive(span, "attributes");
    const char *name = str_of(span, "name"), *act, *subj, *user, *action;
    if (hex_id(str_of(span, "traceId"), 32, r->trace) < 0)
        r->why = "span's traceId is not 32 hex digits (not all zero)";
    else if (hex_id(str_of(span, "spanId"), 16, r->op) < 0)
        r->why = "span's spanId is not 16 hex digits (not all zero)";
    else if (nanos_ms(cJSON_GetObjectItemCaseSensitive(span, "startTimeUnixNano"), &r->ts) < 0)
        r->why = "span's startTimeUnixNano is not a time in nanoseconds between 1970 and 2100";
    else if (attrs && !cJSON_IsArray(attrs))
        r->why = "span's attributes are not an array";
    else if ((r->why = need_attr(attrs, OTLP_ATTR_ACTIVITY, &act)) ||
             (r->why = need_attr(attrs, OTLP_ATTR_SUBJECT, &subj)) ||
             (r->why = need_attr(attrs, OTLP_ATTR_USER, &user)) ||
             (r->why = need_attr(attrs, OTLP_ATTR_ACTION, &action)))
        ;
    else if (!action && (!name || !*name))
        r->why = "span without a name (nor attribute wachter.action)";
    if (r->why) return 0;
    buf b = {0};
    if (other_attrs(attrs, &b) < 0) {
        buf_free(&b);
        return -1;
    }
    r->attrs = adup(a, b.data);
    buf_free(&b);
    r->name = adup(a, name);
    r->activity = adup(a, act);
    r->subject = adup(a, subj);
    r->user = adup(a, user);
    r->action = adup(a, action ? action : name);
    r->status = status_name(span);
    return r->attrs && r->name && r->activity && r->subject && r->user && r->action ? 0 : -1;
}

/* 1 when text holds a NUL byte or the escape \u0000 (a NUL, where
 * cJSON's strings end: the value would be cut short without a word). Outside strings
 * valid JSON has no backslash, so every one seen starts an escape. */
static int has_nul(const char *text, size_t n)
{
    if (memchr(text, 0, n)) return 1; /* a NUL byte itself: not JSON, and cut short too */
    for (size_t i = 0; i + 1 < n; i++) {
        if (text[i] != '\\') continue;
        if (text[i + 1] == 'u' && i + 5 < n && memcmp(text + i + 2, "0000", 4) == 0) return 1;
        i++; /* the escaped character */
    }
    return 0;
}

/* The number of spans under the resourceSpans array rs. */
static size_t count_spans(const cJSON *rs)
{
    size_t n = 0;
    const cJSON *res, *scope;
    cJSON_ArrayForEach(res, rs)
    {
        cJSON_ArrayForEach(scope, cJSON_GetObjectItemCaseSensitive(res, "scopeSpans"))
        {
            const cJSON *spans = cJSON_GetObjectItemCaseSensitive(scope, "spans");
            if (cJSON_IsArray(spans)) n += (size_t)cJSON_GetArraySize(spans);
        }
    }
    return n;
}

int otlp_decode_traces(const char *body, size_t n, arena *a, otlp_rec **out, size_t *nout,
                       const char **why)
{
    *out = NULL;
    *nout = 0;
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(body, n, &end, 0);
    const cJSON *rs = cJSON_GetObjectItemCaseSensitive(root, "resourceSpans");
    if (!root || !cJSON_IsObject(root)) {
        *why = "the body is not a JSON object (OTLP/JSON ExportTraceServiceRequest)";
        goto fail;
    }
    if (rs && !cJSON_IsArray(rs)) {
        *why = "resourceSpans is not an array (OTLP/JSON ExportTraceServiceRequest)";
        goto fail;
    }
    if (has_nul(body, n)) {
        *why = "a string holds a NUL character (\\u0000), which would cut it short";
        goto fail;
    }
    size_t cap = count_spans(rs), k = 0;
    otlp_rec *recs = arena_alloc(a, (cap ? cap : 1) * sizeof *recs);
    if (!recs) goto oom;
    const cJSON *res, *scope, *span;
    cJSON_ArrayForEach(res, rs)
    {
        const cJSON *rattrs = cJSON_GetObjectItemCaseSensitive(
            cJSON_GetObjectItemCaseSensitive(res, "resource"), "attributes");
        const char *system = NULL;
        if (cJSON_IsArray(rattrs)) attr_str(rattrs, OTLP_ATTR_SYSTEM, &system);
        cJSON_ArrayForEach(scope, cJSON_GetObjectItemCaseSensitive(res, "scopeSpans"))
        {
            const cJSON *spans = cJSON_GetObjectItemCaseSensitive(scope, "spans");
            if (!cJSON_IsArray(spans)) continue;
            cJSON_ArrayForEach(span, spans)
            {
                if (span_rec(span, system, a, &recs[k]) < 0) goto oom;
                k++;
            }
        }
    }
    cJSON_Delete(root);
    *out = recs;
    *nout = k;
    return 0;
oom:
    *why = "out of memory";
fail:
    cJSON_Delete(root);
    return -1;
}

/* A string member of o (any of two names) into the arena, "" when absent;
 * -1 when present and not a string, or out of memory. */
static int rec_str(const cJSON *o, const char *key, const char *alias, arena *a, const char **out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!v && alias) v = cJSON_GetObjectItemCaseSensitive(o, alias);
    if (v && !cJSON_IsString(v)) return -1;
    *out = adup(a, v ? v->valuestring : "");
    return *out ? 0 : -1;
}

/* The record's time: ts as RFC 3339 or epoch ms (a string or a number).
 * 0 (also when absent: *ms 0), or -1. */
static int rec_ts(const cJSON *o, int64_t *ms)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, "ts");
    *ms = 0;
    if (!v) return 0;
    if (cJSON_IsNumber(v)) {
        *ms = (int64_t)v->valuedouble;
        return ts_check_ms(*ms) == TS_OK ? 0 : -1;
    }
    return cJSON_IsString(v) && ts_parse(v->valuestring, strlen(v->valuestring), ms) == TS_OK ? 0
                                                                                              : -1;
}

int otlp_decode_record(const char *line, size_t n, int need_user, arena *a, otlp_rec *r)
{
    memset(r, 0, sizeof *r);
    r->name = r->activity = r->subject = r->system = r->user = r->action = r->status = "";
    r->attrs = "{}";
    r->raw = line;
    r->nraw = n;
    const char *end = NULL;
    cJSON *o = cJSON_ParseWithLengthOpts(line, n, &end, 0);
    const char *trace = NULL, *op = NULL;
    if (!o || !cJSON_IsObject(o)) {
        r->why = "not a JSON object";
    } else if (utf8_invalid_at(line, n) >= 0) {
        r->why = "not valid UTF-8";
    } else if (has_nul(line, n)) {
        r->why = "a string holds a NUL character (\\u0000)";
    } else if (rec_str(o, "trace_id", "traceId", a, &trace) < 0 ||
               hex_id(trace, 32, r->trace) < 0) {
        r->why = "trace_id is not 32 hex digits (not all zero)";
    } else if (rec_str(o, "operation_id", "span_id", a, &op) < 0 || hex_id(op, 16, r->op) < 0) {
        r->why = "operation_id is not 16 hex digits (not all zero)";
    } else if (rec_ts(o, &r->ts) < 0) {
        r->why = "ts is not a time (RFC 3339 or epoch ms, 1970 to 2100)";
    } else if (rec_str(o, "user", NULL, a, &r->user) < 0 ||
               rec_str(o, "name", 0, a, &r->name) < 0 ||
               rec_str(o, "activity", 0, a, &r->activity) < 0 ||
               rec_str(o, "subject", 0, a, &r->subject) < 0 ||
               rec_str(o, "system", 0, a, &r->system) < 0 ||
               rec_str(o, "action", 0, a, &r->action) < 0 ||
               rec_str(o, "status", 0, a, &r->status) < 0) {
        r->why = "a field of the record is not a string";
    } else if (need_user && !*r->user) {
        r->why = "audit record without a user";
    } else if (!need_user && (!*r->activity || !*r->subject)) {
        r->why = "processing record without activity or subject";
    }
    const cJSON *attrs = o ? cJSON_GetObjectItemCaseSensitive(o, "attributes") : NULL;
    if (!r->why && cJSON_IsObject(attrs)) {
        char *txt = cJSON_PrintUnformatted(attrs);
        r->attrs = txt ? arena_strdup(a, txt) : NULL;
        cJSON_free(txt);
        if (!r->attrs) r->why = "out of memory";
    }
    cJSON_Delete(o);
    return r->why ? -1 : 0;
}

/* ,"key":"value" */
static int member(buf *b, const char *key, const char *value)
{
    return buf_printf(b, ",\"%s\":", key) < 0 ? -1 : buf_json_str(b, value);
}

int otlp_rec_json(const otlp_rec *r, buf *b)
{
    if (buf_printf(b, "{\"trace_id\":\"%s\",\"operation_id\":\"%s\",\"ts\":%lld", r->trace, r->op,
                   (long long)r->ts) < 0 ||
        member(b, "user", r->user) < 0 || member(b, "name", r->name) < 0 ||
        member(b, "activity", r->activity) < 0 || member(b, "subject", r->subject) < 0 ||
        member(b, "system", r->system) < 0 || member(b, "action", r->action) < 0 ||
        member(b, "status", r->status) < 0 || buf_puts(b, ",\"attributes\":") < 0 ||
        buf_puts(b, r->attrs && *r->attrs ? r->attrs : "{}") < 0)
        return -1;
    return buf_puts(b, "}");
}

int otlp_event_json(const otlp_rec *span, const char *user, const char *purpose, buf *b)
{
    if (buf_printf(b, "{\"id\":\"%s:%s\",\"ts\":%lld", span->trace, span->op, (long long)span->ts) <
            0 ||
        member(b, "actor", user) < 0 || member(b, "action", span->action) < 0 ||
        member(b, "subject", span->subject) < 0 || member(b, "system", span->system) < 0 ||
        member(b, "purpose", purpose) < 0 || member(b, "trace_id", span->trace) < 0 ||
        member(b, "operation_id", span->op) < 0 ||
        member(b, "processing_activity_id", span->activity) < 0 ||
        member(b, "span_name", span->name) < 0 || member(b, "status", span->status) < 0 ||
        buf_puts(b, ",\"span_attributes\":") < 0 ||
        buf_puts(b, span->attrs && *span->attrs ? span->attrs : "{}") < 0)
        return -1;
    return buf_puts(b, "}");
}

#include "emit/emit_serve.h"

#include "emit/emit_int.h"

#include <string.h>

int emit_serve_error(buf *b, const char *msg)
{
    int rc = buf_puts(b, "{\"error\":");
    rc |= buf_json_str(b, msg);
    return rc | buf_puts(b, "}");
}

int emit_serve_ok(buf *b)
{
    return buf_puts(b, "{\"ok\":true}");
}

int emit_serve_empty(buf *b)
{
    return buf_puts(b, "{}");
}

int emit_serve_session(buf *b, const char *account, const char *role, const char *csrf,
                       const char *const *may, size_t n)
{
    int rc = buf_puts(b, "{\"account\":");
    rc |= buf_json_str(b, account);
    rc |= buf_puts(b, ",\"role\":");
    rc |= buf_json_str(b, role);
    rc |= buf_puts(b, ",\"csrf\":");
    rc |= buf_json_str(b, csrf);
    if (may) {
        rc |= buf_puts(b, ",\"may\":");
        rc |= emit_json_list(b, may, n);
    }
    return rc | buf_puts(b, "}");
}

/* An API call's members, without the closing brace. */
static int call_members(buf *b, const char *method, const char *path, const char *query)
{
    int rc = buf_puts(b, "{\"method\":");
    rc |= buf_json_str(b, method);
    rc |= buf_puts(b, ",\"path\":");
    rc |= buf_json_str(b, path);
    rc |= buf_puts(b, ",\"query\":");
    return rc | buf_json_str(b, query ? query : "");
}

int emit_serve_call(buf *b, const char *method, const char *path, const char *query,
                    const char *client)
{
    int rc = call_members(b, method, path, query);
    if (client) {
        rc |= buf_puts(b, ",\"client\":");
        rc |= buf_json_str(b, client);
    }
    return rc | buf_puts(b, "}");
}

int emit_serve_call_body(buf *b, const char *method, const char *path, const char *query,
                         const cJSON *body)
{
    int rc = call_members(b, method, path, query);
    if (body) {
        char *text = cJSON_PrintUnformatted(body);
        if (!text) return -1;
        size_t n = strlen(text);
        rc |= n <= EMIT_SERVE_BODY_MAX ? buf_printf(b, ",\"body\":%s", text)
                                       : buf_printf(b, ",\"body_bytes\":%zu", n);
        cJSON_free(text);
    }
    return rc | buf_puts(b, "}");
}

int emit_serve_refusal(buf *b, const char *action, const char *params, const char *why)
{
    int rc = buf_puts(b, "{\"action\":");
    rc |= buf_json_str(b, action);
    rc |= buf_printf(b, ",\"params\":%s,\"reason\":", params && *params ? params : "{}");
    rc |= buf_json_str(b, why);
    return rc | buf_puts(b, "}");
}

#include "emit/emit_api.h"

/* {"key":json, without its closing brace. */
static int open_wrap(buf *b, const char *key, const buf *json)
{
    int rc = buf_puts(b, "{");
    rc |= buf_json_str(b, key);
    rc |= buf_puts(b, ":");
    return rc | (json->len ? buf_put(b, json->data, json->len) : buf_puts(b, "null"));
}

int emit_api_wrap(buf *b, const char *key, const buf *json)
{
    return open_wrap(b, key, json) | buf_puts(b, "}");
}

int emit_api_wrap_total(buf *b, const char *key, const buf *json, long long total)
{
    return open_wrap(b, key, json) | buf_printf(b, ",\"total\":%lld}", total);
}

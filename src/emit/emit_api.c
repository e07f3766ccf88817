#include "emit/emit_api.h"

int emit_api_wrap(buf *b, const char *key, const buf *json)
{
    int rc = buf_puts(b, "{");
    rc |= buf_json_str(b, key);
    rc |= buf_puts(b, ":");
    rc |= json->len ? buf_put(b, json->data, json->len) : buf_puts(b, "null");
    return rc | buf_puts(b, "}");
}

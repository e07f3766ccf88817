/* serve_jsonl_array (serve_api.h): apart from serve_api.c, so that a
 * handler's unit test that gives its own serve_ok, serve_fail, ... still
 * links this one from the library. */
#include "serve/serve_api.h"

#include <string.h>

int serve_jsonl_array(const buf *jsonl, buf *out)
{
    int rc = buf_puts(out, "[");
    const char *p = jsonl->data ? jsonl->data : "", *end = p + jsonl->len;
    int first = 1;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        if (n) {
            if (!first) rc |= buf_puts(out, ",");
            rc |= buf_put(out, p, n);
            first = 0;
        }
        p += n + (nl ? 1 : 0);
    }
    return rc | buf_puts(out, "]") ? -1 : 0;
}

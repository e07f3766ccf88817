#include "util/buf.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util/esc.h"
#include "util/hugemem.h"

static int reserve(buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap) return 0;
    size_t nc = b->cap ? b->cap : 256;
    while (nc < b->len + extra + 1)
        nc *= 2;
    char *nd = mem_huge_grow(b->data, b->len, nc);
    if (!nd) return -1;
    b->data = nd;
    b->cap = nc;
    return 0;
}

int buf_put(buf *b, const void *p, size_t n)
{
    if (reserve(b, n) < 0) return -1;
    memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = 0;
    return 0;
}

int buf_puts(buf *b, const char *s)
{
    return buf_put(b, s, strlen(s));
}

int buf_printf(buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || reserve(b, (size_t)n) < 0) return -1;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return 0;
}

int buf_json_str(buf *b, const char *s)
{
    if (buf_put(b, "\"", 1) < 0) return -1;
    s = s ? s : "";
    size_t n = strlen(s), i = 0;
    while (i < n) {
        /* A run that needs no escape, the usual case, in one piece. */
        size_t k = i;
        while (k < n && (unsigned char)s[k] >= 0x20 && (unsigned char)s[k] < 0x7F && s[k] != '"' &&
               s[k] != '\\')
            k++;
        if (k > i) {
            if (buf_put(b, s + i, k - i) < 0) return -1;
            i = k;
            continue;
        }
        uint32_t cp = 0;
        size_t len = esc_char(s + i, n - i, &cp);
        int rc;
        if (len == 0) { /* not UTF-8: the replacement character, as encoding/json does */
            rc = buf_put(b, "\\ufffd", 6);
            len = 1;
        } else if (cp == '"')
            rc = buf_put(b, "\\\"", 2);
        else if (cp == '\\')
            rc = buf_put(b, "\\\\", 2);
        else if (cp == '\n')
            rc = buf_put(b, "\\n", 2);
        else if (cp == '\r')
            rc = buf_put(b, "\\r", 2);
        else if (cp == '\t')
            rc = buf_put(b, "\\t", 2);
        else if (cp > 0xFFFF && esc_hidden(cp)) /* a surrogate pair */
            rc = buf_printf(b, "\\u%04x\\u%04x", (unsigned)(0xD800 + ((cp - 0x10000) >> 10)),
                            (unsigned)(0xDC00 + ((cp - 0x10000) & 0x3FF)));
        else if (esc_hidden(cp))
            rc = buf_printf(b, "\\u%04x", (unsigned)cp);
        else
            rc = buf_put(b, s + i, len);
        if (rc < 0) return -1;
        i += len;
    }
    return buf_put(b, "\"", 1);
}

void buf_reset(buf *b)
{
    b->len = 0;
    if (b->data) b->data[0] = 0;
}

void buf_free(buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

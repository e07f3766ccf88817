#include "util/buf.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

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
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        int rc;
        switch (*p) {
        case '"':
            rc = buf_put(b, "\\\"", 2);
            break;
        case '\\':
            rc = buf_put(b, "\\\\", 2);
            break;
        case '\n':
            rc = buf_put(b, "\\n", 2);
            break;
        case '\r':
            rc = buf_put(b, "\\r", 2);
            break;
        case '\t':
            rc = buf_put(b, "\\t", 2);
            break;
        default:
            rc = *p < 0x20 ? buf_printf(b, "\\u%04x", *p) : buf_put(b, p, 1);
        }
        if (rc < 0) return -1;
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

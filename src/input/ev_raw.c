/* ev_raw — walks an event line that cJSON has parsed, for what cJSON's
 * tree does not keep.  Only the general parser's path uses it, and only
 * when a line holds a number in a text field or may hold a NUL. */
#include "input/ev_raw.h"

#include <string.h>

static const char *skip_ws(const char *p, const char *end)
{
    while (p < end && (unsigned char)*p <= 0x20)
        p++;
    return p;
}

/* Past the string whose opening quote is at p; *nul set when it holds a
 * NUL. */
static const char *skip_string(const char *p, const char *end, int *nul)
{
    for (p++; p < end && *p != '"'; p++) {
        if (*p == '\\') {
            if (end - p >= 6 && p[1] == 'u' && memcmp(p + 2, "0000", 4) == 0) *nul = 1;
            p++; /* the escaped byte: never the closing quote */
        } else if (*p == '\0') {
            *nul = 1;
        }
    }
    return p < end ? p + 1 : end;
}

void ev_raw_open(ev_raw *r, const char *line, size_t len)
{
    const char *end = line + len, *p = line;
    if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0) p += 3;
    p = skip_ws(p, end);
    r->p = p < end && *p == '{' ? p + 1 : end;
    r->end = end;
}

int ev_raw_next(ev_raw *r, ev_raw_member *m)
{
    const char *p = skip_ws(r->p, r->end), *end = r->end;
    memset(m, 0, sizeof *m);
    if (p >= end || *p != '"') return 0;
    p = skip_ws(skip_string(p, end, &m->key_nul), end);
    if (p < end && *p == ':') p++;
    p = skip_ws(p, end);
    m->v = p;
    const char *last = p;
    for (int depth = 0; p < end;) {
        unsigned char c = (unsigned char)*p;
        if (c == '"') {
            p = last = skip_string(p, end, &m->val_nul);
            continue;
        }
        if (depth == 0 && (c == ',' || c == '}')) break;
        if (c == '{' || c == '[') depth++;
        if (c == '}' || c == ']') depth--;
        p++;
        if (c > 0x20) last = p;
    }
    m->vn = (size_t)(last - m->v);
    r->p = p < end && *p == ',' ? p + 1 : end;
    return 1;
}

int ev_raw_may_hold_nul(const char *line, size_t len)
{
    if (memchr(line, '\0', len)) return 1;
    const char *end = line + len;
    for (const char *p = line; (p = memchr(p, '\\', (size_t)(end - p))) != NULL; p++)
        if (end - p >= 6 && memcmp(p, "\\u0000", 6) == 0) return 1;
    return 0;
}

int ev_raw_deeper_than(const char *line, size_t len, int limit)
{
    const char *p = line, *end = line + len;
    int depth = 0, nul = 0;
    while (p < end) {
        char c = *p;
        if (c == '"') {
            p = skip_string(p, end, &nul);
            continue;
        }
        if ((c == '{' || c == '[') && ++depth > limit) return 1;
        if ((c == '}' || c == ']') && depth > 0) depth--;
        p++;
    }
    return 0;
}

#include "serve/serve_route.h"

#include <string.h>

#include "serve/serve_int.h"

enum { MAX_SEGS = 16 };

/* Splits path at '/' in place into seg (at most MAX_SEGS). The number,
 * or -1 when there are more, or an empty segment. */
static int split(char *path, char *seg[MAX_SEGS])
{
    int n = 0;
    for (char *p = path;;) {
        char *slash = strchr(p, '/');
        if (slash) *slash = 0;
        if (!*p || n == MAX_SEGS) return -1;
        seg[n++] = p;
        if (!slash) return n;
        p = slash + 1;
    }
}

/* How many literal segments of pattern pat match seg (n of them), or -1
 * when it does not match; the ":name" segments' values into params. */
static int match(const char *pat, char *const seg[], int n, const char *params[4], size_t *np)
{
    int lit = 0, i = 0;
    size_t k = 0;
    for (const char *p = pat; *p; i++) {
        const char *slash = strchr(p, '/');
        size_t len = slash ? (size_t)(slash - p) : strlen(p);
        if (i >= n) return -1;
        if (*p == ':') {
            if (k == 4) return -1;
            params[k++] = seg[i];
        } else if (strlen(seg[i]) != len || strncmp(seg[i], p, len) != 0) {
            return -1;
        } else {
            lit++;
        }
        p += len + (slash ? 1 : 0);
    }
    if (i != n) return -1;
    *np = k;
    return lit;
}

int serve_route_find(const char *method, char *path, const serve_route **route,
                     const char *params[4], size_t *np)
{
    char *seg[MAX_SEGS];
    int n = split(path, seg);
    if (n < 0) return 404;
    const serve_route *(*tables[])(size_t *) = {
        serve_routes_session,   serve_routes_read,      serve_routes_workflow, serve_routes_rights,
        serve_routes_functions, serve_routes_screening, serve_routes_recert};
    int best = -1, other_method = 0;
    for (size_t t = 0; t < sizeof tables / sizeof *tables; t++) {
        size_t len = 0;
        const serve_route *r = tables[t](&len);
        for (size_t i = 0; r && i < len; i++) {
            const char *pv[4] = {0};
            size_t pn = 0;
            int lit = match(r[i].pattern, seg, n, pv, &pn);
            if (lit < 0) continue;
            if (strcmp(r[i].method, method) != 0) {
                other_method = 1;
                continue;
            }
            if (lit > best) {
                best = lit;
                *route = &r[i];
                memcpy(params, pv, sizeof pv);
                *np = pn;
            }
        }
    }
    if (best >= 0) return 200;
    return other_method ? 405 : 404;
}

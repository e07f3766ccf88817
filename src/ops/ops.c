#include "ops/ops.h"

#include <stdarg.h>
#include <stdio.h>

#include "enrich/refdata_cache.h"

void ops_note(const ops_notes *n, const char *fmt, ...)
{
    if (!n || !n->fn) return;
    char msg[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    n->fn(msg, n->ctx);
}

int ops_refdata(store *s, int threads, const ops_notes *notes, refdata **out, werr *e)
{
    if (refdata_load(s, threads, out, e) < 0) return -1;
    werr ce = {0};
    if (!refdata_cached(*out) && refcache_write(s, *out, &ce) < 0)
        ops_note(notes,
                 "note: reference data not cached (%s); the next start reads the tables again",
                 ce.msg);
    return 0;
}

#include "investigate/protocol.h"

#include "store/store_access.h"

typedef struct relay {
    inv_protocol_fn fn;
    void *ctx;
    int stopped; /* fn returned non-zero: what the store returns is fn's */
} relay;

/* The store's row as this module hands it out (the same fields). */
static int relay_row(const store_protocol_row *r, void *ctx)
{
    relay *x = ctx;
    inv_protocol_row row = {r->ts, r->unit, r->system, r->action, r->purpose, r->case_id};
    int rc = x->fn(&row, x->ctx);
    x->stopped = rc != 0;
    return rc;
}

int inv_protocol_each(store *s, const char *subject, int64_t from, int64_t to, inv_protocol_fn fn,
                      void *ctx, werr *e)
{
    relay x = {fn, ctx, 0};
    int rc = store_protocol_each(s, subject, from, to, relay_row, &x);
    if (rc < 0 && !x.stopped) werr_set(e, WERR_UNAVAILABLE, "%s", store_errmsg(s));
    return rc;
}

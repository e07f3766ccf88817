#include "investigate/protocol.h"

#include <string.h>

#include "investigate/who.h"
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

/* Whether text carries what the citizen may not see: the employee's id or
 * the number of the case stated. */
static int carries(const char *text, const inv_access *x)
{
    return (x->actor[0] && strstr(text, x->actor)) || (x->case_id[0] && strstr(text, x->case_id));
}

int inv_protocol_letter(store *s, const char *subject, int64_t from, int64_t to, inv_letter_fn fn,
                        void *ctx, werr *e)
{
    inv_accesses a = {0};
    refdata *r = NULL;
    int rc = inv_who(s, subject, from, to, &a, &r, e);
    for (size_t i = 0; rc == 0 && i < a.n; i++) {
        const inv_access *x = &a.v[i];
        int32_t actor = refdata_actor_find(r, x->actor);
        const ref_actor *ra = actor != REF_NONE ? refdata_actor(r, actor) : NULL;
        inv_letter_row row = {
            x->ts,
            ra && ra->known && ra->unit != REF_NONE ? refdata_unit_name(r, ra->unit) : "",
            x->system,
            carries(x->purpose, x) ? NULL : x->purpose,
            x->ex.status == EX_CASE,
            x->ex.status == EX_CASE ? refdata_case(r, (uint32_t)x->ex.kase)->opened : 0};
        rc = fn(&row, ctx);
    }
    inv_accesses_free(&a);
    refdata_free(r);
    return rc;
}

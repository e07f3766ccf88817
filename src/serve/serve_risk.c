/* serve_risk_list (serve_api.h): apart from serve_api.c, as each of the
 * contract's functions a handler's unit test may give itself. */
#include "serve/serve_api.h"
#include "serve/serve_int.h"

int serve_risk_list(const serve_req *r, const risk_row **rows, size_t *n, werr *e)
{
    const serve_call *c = r->impl;
    *rows = NULL;
    *n = 0;
    return c && c->w ? serve_worker_risk(c->w, rows, n, e) : 0;
}

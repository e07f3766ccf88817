/* serve_risk_list (serve_api.h): apart from serve_api.c, as each of the
 * contract's functions a handler's unit test may give itself. */
#include "serve/serve_api.h"
#include "serve/serve_int.h"

int serve_risk_list(const serve_req *r, const risk_row **rows, size_t *n, werr *e)
{
    serve_call *c = r->impl;
    *rows = NULL;
    *n = 0;
    if (!c || !c->w || c->risk_held) return 0;
    if (serve_worker_risk(c->w, rows, n, e) < 0) return -1;
    c->risk_held = 1; /* released by serve_api_call once the handler is done */
    return 0;
}

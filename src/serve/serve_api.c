/* The functions serve_api.h gives a handler that need the server's call
 * (serve_jsonl.c has the one that does not). Only these live here: the
 * API files' unit tests may link their own in place of this file. */
#include "serve/serve_api.h"

#include <string.h>

#include "emit/emit_serve.h"
#include "priv/pseudonym.h"
#include "serve/serve_int.h"

const char *serve_query(const serve_req *r, const char *name)
{
    const serve_call *c = r->impl;
    if (!c || !c->conn) return NULL;
    return c->sv->mhd.lookup_connection_value(c->conn, MHD_GET_ARGUMENT_KIND, name);
}

int serve_actor_arg(const serve_req *r, const char *given, const char **actor, werr *e)
{
    const serve_call *c = r->impl;
    *actor = given;
    if (!given || !pseud_looks_like(given) || !c || !c->map) return 0;
    return pseud_map_resolve(c->map, given, 0, actor, e);
}

int serve_ok(serve_resp *out, int status, buf *b)
{
    out->status = status ? status : 200;
    buf_free(&out->body);
    out->body = *b;
    memset(b, 0, sizeof *b);
    return 0;
}

/* The one table of werr codes to HTTP statuses. */
static const int status_of_code[] = {
    [WERR_OK] = 500, /* a failure without a code is still one */
    [WERR_INPUT] = 400,    [WERR_NOT_FOUND] = 404,   [WERR_FORBIDDEN] = 403,
    [WERR_CONFLICT] = 409, [WERR_UNAVAILABLE] = 503, [WERR_INTERNAL] = 500,
};

int serve_fail(serve_resp *out, const werr *e)
{
    unsigned code = (unsigned)e->code;
    out->status =
        code < sizeof status_of_code / sizeof *status_of_code ? status_of_code[code] : 500;
    buf_reset(&out->body);
    if (emit_serve_error(&out->body, e->msg[0] ? e->msg : werr_code_name(e->code)) < 0) {
        buf_reset(&out->body); /* out of memory: a fixed body */
        buf_puts(&out->body, "{\"error\":\"out of memory\"}");
    }
    return 0;
}

/* serve_fail_oom and serve_fail_input (serve_api.h): apart from
 * serve_api.c, whose functions a handler's unit test gives itself
 * (tests/api_stub.h), as serve_risk.c is. */
#include "serve/serve_api.h"

int serve_fail_oom(serve_resp *out)
{
    werr e = {0};
    werr_set(&e, WERR_INTERNAL, "out of memory");
    serve_fail(out, &e);
    return -1;
}

int serve_fail_input(serve_resp *out, const char *msg)
{
    werr e = {0};
    werr_set(&e, WERR_INPUT, "%s", msg);
    return serve_fail(out, &e);
}

/* The read side's routes (API35.md "Investigations and privacy"): none
 * yet; the read helper's api_read.c takes this file's place. */
#include "serve/serve_api.h"

const serve_route *serve_routes_read(size_t *n)
{
    *n = 0;
    return NULL;
}

/* serve_route — which route an API path is: the session routes, then the
 * read and workflow tables (serve_api.h), patterns matched segment by
 * segment, ":name" segments taken as parameters. */
#ifndef WACHTER_SERVE_ROUTE_H
#define WACHTER_SERVE_ROUTE_H
#include <stddef.h>

#include "serve/serve_api.h"

/* Finds the route of method and path (under /api/v1/, without the query;
 * modified: the parameters point into it). Where several match, the one
 * with the most literal segments wins ("alerts/bulk" before
 * "alerts/:id"). 200 with *route and params (at most 4, *np of them); 405
 * when a route has that path but another method; else 404. */
int serve_route_find(const char *method, char *path, const serve_route **route,
                     const char *params[4], size_t *np);
#endif

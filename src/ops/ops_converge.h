/* ops_converge — `convergence` over a period that defaults to the last
 * OPS_CONVERGE_DAYS days of the store's events. */
#ifndef WACHTER_OPS_CONVERGE_H
#define WACHTER_OPS_CONVERGE_H
#include "investigate/converge.h"

enum { OPS_CONVERGE_DAYS = 90 };

/* Resolves o's period in place (o->to == INT64_MAX: the newest stored
 * event; o->from < 0: OPS_CONVERGE_DAYS before o->to, not before 0), then
 * runs inv_converge. Returns 0 with *out, or -1 with e set. */
int ops_converge(store *s, inv_conv_opts *o, inv_convergence *out, werr *e);
#endif

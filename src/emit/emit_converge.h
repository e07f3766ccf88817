/* emit_converge — the groups of `wachter convergence`. */
#ifndef WACHTER_EMIT_CONVERGE_H
#define WACHTER_EMIT_CONVERGE_H
#include "emit/emit.h"
#include "investigate/converge.h"
#include "util/buf.h"

/* The groups of v, found under o (both borrowed): a table headed by the
 * period, the counts and the thresholds, two lines per group (a closing
 * line when there is none); or one line per group
 * {"rank","actors":[],"units":[],"subjects":[],"shared","expected","p",
 *  "p_any","score"}. */
int emit_converge(buf *b, enum emit_format f, const inv_conv_opts *o, const inv_convergence *v);
#endif

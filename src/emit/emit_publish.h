/* emit_publish — the summary `wachter publish` prints at its end. */
#ifndef WACHTER_EMIT_PUBLISH_H
#define WACHTER_EMIT_PUBLISH_H
#include "emit/emit.h"
#include "ops/ops_publish.h"
#include "util/buf.h"

/* The counts of one publish (st, borrowed) to stream: one line per
 * figure, or one line {"stream","read","published","duplicates",
 * "quarantined","resent","created","elapsed_s","events_per_s"}. */
int emit_publish(buf *b, enum emit_format f, const char *stream, const ops_published *st);
#endif

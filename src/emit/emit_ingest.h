/* emit_ingest — the summary `wachter ingest` prints at its end. */
#ifndef WACHTER_EMIT_INGEST_H
#define WACHTER_EMIT_INGEST_H
#include "emit/emit.h"
#include "pipeline/ingest.h"
#include "util/buf.h"

/* The counts and speed of one ingest (st, borrowed; detect_only when raw
 * events were not kept): one line per figure, or one line
 * {"read","stored","duplicates","quarantined","alerts","detected",
 *  "elapsed_s","events_per_s"}. */
int emit_ingest(buf *b, enum emit_format f, const ingest_stats *st, int detect_only);
#endif

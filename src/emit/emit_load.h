/* emit_load — what `wachter load` read from a directory of reference
 * data CSVs. */
#ifndef WACHTER_EMIT_LOAD_H
#define WACHTER_EMIT_LOAD_H
#include "emit/emit.h"
#include "input/refload.h"
#include "investigate/rejudge.h"
#include "util/buf.h"

/* The rows and files loaded, and the files not loaded for their bad rows
 * (n, borrowed), then, when the load's cases or end dates had alerts or
 * events to judge again, what was (rj, borrowed; NULL: nothing): a sentence each, in every
 * format (load has no JSON form yet). */
int emit_load(buf *b, enum emit_format f, const refload_counts *n, const inv_rejudged *rj);
#endif

/* emit_load — what `wachter load` read from a directory of reference
 * data CSVs. */
#ifndef WACHTER_EMIT_LOAD_H
#define WACHTER_EMIT_LOAD_H
#include "emit/emit.h"
#include "input/refload.h"
#include "util/buf.h"

/* The rows and files loaded, and the files not loaded for their bad rows
 * (n, borrowed): one
 * sentence in every format (load has no JSON form yet). */
int emit_load(buf *b, enum emit_format f, const refload_counts *n);
#endif

/* emit_retention — the retention policy (`wachter retention`), the fields
 * dropped at ingest (`wachter minimise`) and what a purge deleted
 * (`wachter purge`). */
#ifndef WACHTER_EMIT_RETENTION_H
#define WACHTER_EMIT_RETENTION_H
#include "emit/emit.h"
#include "ops/ops_purge.h"
#include "ops/ops_retention.h"
#include "util/buf.h"

/* One row per kind: its name, how long it is kept ("400d", or "forever"),
 * from what, and when that was set. jsonl: {"kind","days","from","set_at"}
 * with days and set_at null for a kind kept for ever. */
int emit_retention(buf *b, enum emit_format f, const ops_retention *r);
/* The dropped fields (mask of normalise/minimise.h): a sentence, or in
 * jsonl {"dropped":[...]}. */
int emit_minimise(buf *b, enum emit_format f, unsigned mask);
/* One row per kind: its retention, the time before which its records
 * went, how many were deleted (or with --dry-run would be) and how many
 * past retention were held. jsonl: {"kind","dry_run","days","before",
 * "deleted","held"}, days and before null for a kind kept for ever. */
int emit_purge(buf *b, enum emit_format f, const ops_purge_result *p);
#endif

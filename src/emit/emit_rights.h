/* emit_rights — the authorisation reports of `wachter rights` and
 * GET /api/v1/rights... (ops/ops_rights.h). */
#ifndef WACHTER_EMIT_RIGHTS_H
#define WACHTER_EMIT_RIGHTS_H
#include "emit/emit.h"
#include "ops/ops_rights.h"
#include "util/buf.h"

/* r's rows (borrowed): a table with its heading and a closing count, or
 * one line per row {"report","actor","unit","role","right","system",
 * "action","granted","granted_by","last_use" (a date or null),
 * "never_used","idle_days" (days since the last use or the grant) and
 * per report: leavers "registered","left","why"; movers "moved",
 * "from_unit","from_role","to_unit","to_role"; conflicts "conflict",
 * "right_a","right_b","held_b","reason"}. */
int emit_rights(buf *b, enum emit_format f, const ops_rights_result *r);
/* The API's answer: {"report","at","time","days","count","rights": rows}
 * with rows a JSON array (borrowed) of emit_rights's lines. */
int emit_rights_api(buf *b, const ops_rights_result *r, const buf *rows);
#endif

/* emit_risk — the ranked list of `wachter risk`. */
#ifndef WACHTER_EMIT_RISK_H
#define WACHTER_EMIT_RISK_H
#include <stddef.h>

#include "emit/emit.h"
#include "score/risk.h"
#include "util/buf.h"

/* rows[0..n) (borrowed), ranked: a table with its heading, or one line
 * per actor {"actor","score","rank","alerts","reasons":[]}. The table ends
 * saying how many more actors have alerts below the floor min (below > 0),
 * and how to see them. */
int emit_risk(buf *b, enum emit_format f, const risk_row *rows, size_t n, size_t below, double min);
#endif

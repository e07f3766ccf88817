/* emit_demo — what `wachter demo` shows: a report for a person, or one
 * JSON object for programs (tests/test_demo_e2e.c reads it). */
#ifndef WACHTER_EMIT_DEMO_H
#define WACHTER_EMIT_DEMO_H
#include "demo/demo.h"
#include "util/buf.h"

/* The report: sizes and timings, each plant with its rank (FOUND/MISSED,
 * ok/FLAGGED against r->cut), then the top cut + 5 of the ranking.
 * Appends to b; 0, or -1 when out of memory. */
int emit_demo_table(buf *b, const demo_result *r);
/* {"actors","days","events","top_cut","alerts","alerts_per_100_staff_day",
 *  "events_per_s","plants":[{"scenario","benign","rank","actors":[]}]}
 * and a newline. Appends to b; 0, or -1 when out of memory. */
int emit_demo_json(buf *b, const demo_result *r);
#endif

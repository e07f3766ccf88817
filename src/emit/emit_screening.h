/* emit_screening — the screening reports (`wachter screening due |
 * unscreened | negative`, ops/ops_screening.h): a table for people, JSON
 * Lines for programs (and the workbench's API, as arrays). Dates are
 * whole days (YYYY-MM-DD). */
#ifndef WACHTER_EMIT_SCREENING_H
#define WACHTER_EMIT_SCREENING_H
#include "emit/emit.h"
#include "ops/ops_screening.h"
#include "util/buf.h"

typedef enum emit_screen_report {
    EMIT_SCREEN_DUE,
    EMIT_SCREEN_UNSCREENED,
    EMIT_SCREEN_NEGATIVE,
} emit_screen_report;

/* The table's heading (nothing in jsonl). 0 or -1. */
int emit_screening_begin(buf *b, enum emit_format f, emit_screen_report k);
/* One row.
 *   due:        {"actor","unit","role","kind","every_months","last","due","days",
 *                "status"}: last null when never screened; days from the report's
 *                day to due; status "overdue" (due before that day) or "due".
 *   unscreened: {"actor","unit","role","kind","every_months","start","since","days"}:
 *                since the day the duty began for them, days since then.
 *   negative:   {"actor","unit","role","kind","screened","rights":["brp:view",...]}.
 * 0 or -1. */
int emit_screening_row(buf *b, enum emit_format f, emit_screen_report k, const ops_screen_row *r);
/* The workbench's answer: {"report":"due","at":"2027-03-01","days":60,
 * "rows":[row, ...]} (days only for the due report), the rows written
 * between head and tail by emit_screening_row (EMIT_JSONL) with
 * emit_screening_sep before each but the first. 0 or -1. */
int emit_screening_api_head(buf *b, emit_screen_report k, int64_t at, int64_t days);
int emit_screening_sep(buf *b, long rows);
int emit_screening_api_tail(buf *b);
/* After the rows: in a table, "none" when there were none. 0 or -1. */
int emit_screening_end(buf *b, enum emit_format f, emit_screen_report k, long rows);
#endif

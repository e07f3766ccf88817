/* emit_functions — the risk analysis of functions (ops/ops_functions.h):
 * the questionnaire, the ranking, the overdue reviews, one function's
 * versions with what changed, and a load's counts. Table or JSON Lines;
 * each row function appends one row (a JSON object and "\n"). */
#ifndef WACHTER_EMIT_FUNCTIONS_H
#define WACHTER_EMIT_FUNCTIONS_H
#include <stdint.h>

#include "emit/emit.h"
#include "ops/ops_functions.h"
#include "util/buf.h"

/* The questions with their scales: one row a question (jsonl: {"key",
 * "kind": "impact"|"resilience", "text", "scale": [4 texts]}). */
int emit_fn_questions(buf *b, enum emit_format f);

/* The ranking's heading (tables only) and one function's current
 * analysis at now: function, process, impact, resilience, risk, band,
 * people, open measures, next review and whether it is overdue. */
int emit_fn_list_begin(buf *b, enum emit_format f);
int emit_fn_row(buf *b, enum emit_format f, const store_fn_analysis *a, int64_t now);

/* `functions overdue`: heading, and one function due for review. */
int emit_fn_due_begin(buf *b, enum emit_format f);
int emit_fn_due(buf *b, enum emit_format f, const ops_fn_due *d);

/* `functions history`: heading, and one version with what changed. */
int emit_fn_version_begin(buf *b, enum emit_format f);
int emit_fn_version(buf *b, enum emit_format f, const store_fn_analysis *a, const char *changes);

/* A load's counts (jsonl: {"file","rows","added","unchanged","bad"}). */
int emit_fn_load(buf *b, enum emit_format f, const char *path, const ops_fn_load_counts *n);

/* The weights by band (jsonl: {"band","weight"} a band). */
int emit_fn_weights(buf *b, enum emit_format f, const double w[FR_VERY_HIGH + 1]);
#endif

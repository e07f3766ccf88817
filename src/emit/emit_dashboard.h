/* emit_dashboard — the dashboard and the monthly management summary
 * (`wachter dashboard`, `wachter summary`, the API's dashboard and
 * summary): one JSON object, or sections of a table. */
#ifndef WACHTER_EMIT_DASHBOARD_H
#define WACHTER_EMIT_DASHBOARD_H
#include "emit/emit_workflow.h"
#include "ops/ops_dashboard.h"

/* {"alerts_per_day":[{"day","rule","n"}],"queue":{"open","oldest_days",
 * "ages":[{"bucket","n"}]},"dispositions":[{"rule","alerts","open",
 * "confirmed","benign","false_positive","duplicate"}],"top_units":[{"unit",
 * "risk","people"}],"ingest":{"events","last_event",
 * "events_per_second_last_hour","quarantined"},"risk_by_function":[{
 * "function","unit","role","band","risk","people","alerts"}]}. */
void emit_dashboard_begin(emit_doc *d, buf *b, enum emit_format f);
void emit_dashboard_fns(ops_dashboard_fns *fns);
/* {"month","from","to","rules":[...as dispositions],"dossiers":{"opened",
 * "closed"},"alerts_closed","median_days_to_close","unmaskings":{"asked",
 * "approved","refused"},"top_units":[...]}. */
void emit_summary_begin(emit_doc *d, buf *b, enum emit_format f);
void emit_summary_fns(ops_summary_fns *fns);
/* Closes either. 0 or -1. */
int emit_dashboard_end(emit_doc *d);
#endif

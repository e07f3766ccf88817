/* emit — alerts and rankings as text: JSON Lines for programs, aligned
 * tables for people. Field names follow docs/design.md's CLI contract. */
#ifndef WACHTER_EMIT_H
#define WACHTER_EMIT_H
#include "score/risk.h"
#include "store/store_alerts.h"
#include "util/buf.h"

/* "low", "medium", "high", "critical". */
const char *emit_severity_name(int severity);
/* Parses a severity word; returns 1..4, or -1. */
int emit_severity_parse(const char *s);
/* One alert as a JSON object (no newline):
 * {"id","ts","actor","rule","severity","score","subjects":[],"events":[],"reason"} */
int emit_alert_json(buf *b, const store_alert *a);
/* One alert as a table row; emit_alert_header gives the heading. */
int emit_alert_header(buf *b);
int emit_alert_row(buf *b, const store_alert *a);
/* One risk row: {"actor","score","rank","alerts","reasons":[]} */
int emit_risk_json(buf *b, const risk_row *r);
int emit_risk_header(buf *b);
int emit_risk_row(buf *b, const risk_row *r);
#endif

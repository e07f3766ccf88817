/* emit_privacy — the privacy report (`wachter privacy-report`): a text for
 * a DPIA, or one JSON object. */
#ifndef WACHTER_EMIT_PRIVACY_H
#define WACHTER_EMIT_PRIVACY_H
#include "emit/emit.h"
#include "ops/ops_privacy.h"
#include "util/buf.h"

/* The report: what is stored (per kind: records, the oldest, kept for how
 * long, since when), the fields dropped at ingest, the accounts per role,
 * the unmaskings of the period and whether the audit trail verifies; or
 * {"at","from","to","kinds":[{"kind","records","oldest","days","set_at"}],
 * "dropped":[...],"roles":[{"role","accounts","disabled"}],"unmaskings":
 * {"asked","approved","refused","expired","pending"},"audit":{"intact",
 * "entries","head"|"bad_entry","why"}}. */
int emit_privacy(buf *b, enum emit_format f, const ops_privacy *p);
#endif

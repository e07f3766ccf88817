/* emit_person — a person's page in the workbench (ops/ops_person.h), one
 * JSON object. */
#ifndef WACHTER_EMIT_PERSON_H
#define WACHTER_EMIT_PERSON_H
#include "ops/ops_person.h"
#include "util/buf.h"

/* {"actor","registered","unit","role",
 *  "risk":{"score","rank" (null: no alert counts),"ranked","alerts","rules","reasons":[]},
 *  "alerts":[{"id","ts" (ms),"time","rule","severity","score","events","reason",
 *             "status" ("new"|"explained-later"),"why"}],  newest first
 *  "risk_over_time":[{"day":"YYYY-MM-DD","ts","score","alerts"}]}  oldest first */
int emit_person(buf *b, const ops_person_page *p);
#endif

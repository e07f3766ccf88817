/* emit_who — the subject access report of `wachter who-accessed`. */
#ifndef WACHTER_EMIT_WHO_H
#define WACHTER_EMIT_WHO_H
#include "emit/emit.h"
#include "investigate/access.h"
#include "investigate/subject.h"
#include "util/buf.h"

/* Every access in a (borrowed, oldest first, explained against r) to
 * subject: a table with its heading and a closing count of the accesses
 * and the unexplained ones, or one line per access
 * {"ts","actor","unit","system","action","subject","subject_type","case",
 *  "purpose","explained","status","by_case","reason","event"}.
 * r gives the units, the covering cases' names and the explanations in
 * words. */
int emit_who(buf *b, enum emit_format f, const char *subject, const inv_accesses *a,
             const refdata *r);
/* A subject's page (investigate/subject.h), one JSON object:
 * {"subject","accesses":[rows as the jsonl lines above],
 *  "same_address":[{"subject","accesses":[...]}]}. */
int emit_subject_page(buf *b, const inv_subject_page *p);
#endif

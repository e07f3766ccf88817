/* emit_correlate — the ranked suspects of `wachter correlate`. */
#ifndef WACHTER_EMIT_CORRELATE_H
#define WACHTER_EMIT_CORRELATE_H
#include "emit/emit.h"
#include "investigate/correlate.h"
#include "util/buf.h"

/* The first top suspects of r (0: all), correlated with the incidents inc
 * under o (all borrowed): a table headed by the incidents, the look-back,
 * the population and the actors tested, each suspect followed by one line
 * per hit (a closing line when nobody hit); or one line per suspect
 * {"actor","rank","score","hits","incidents":[],"lookups","p","p_any",
 *  "expected","explained_hits","weighted_hits","unit","details":[{"incident",
 *  "subject","kind","incident_ts","first_lookup","days_before","lookups",
 *  "explained","event","explanation"}]}. */
int emit_correlate(buf *b, enum emit_format f, const inv_incidents *inc, const inv_corr_opts *o,
                   const inv_correlation *r, long top);
#endif

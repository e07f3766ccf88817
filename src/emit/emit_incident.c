#include "emit/emit_incident.h"

#include "normalise/ts.h"
#include "util/esc.h"

int emit_incident(buf *b, enum emit_format f, const inv_incident *x, int64_t lookback,
                  const inv_raised *r)
{
    if (f == EMIT_JSONL) {
        int rc = buf_puts(b, "{\"incident\":");
        rc |= buf_json_str(b, x->id);
        return rc | buf_printf(b, ",\"lookups\":%ld,\"alerts\":%ld}\n", r->lookups, r->alerts);
    }
    return esc_printf(b,
                      "incident %s stored; %ld look-ups of %s in the %.0f days before it;"
                      " %ld new alerts\n",
                      x->id, r->lookups, x->subject, (double)lookback / TS_DAY_MS, r->alerts);
}

int emit_incidents_new(buf *b, enum emit_format f, size_t n, int64_t lookback, const inv_raised *r)
{
    return buf_printf(b,
                      "%zu new incidents: %ld look-ups in the %.0f days before them, %ld new"
                      " alerts\n",
                      n, r->lookups, (double)lookback / TS_DAY_MS, r->alerts);
}

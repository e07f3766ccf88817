#include "emit/emit_ingest.h"

int emit_ingest(buf *b, enum emit_format f, const ingest_stats *st, int detect_only)
{
    double eps = st->elapsed > 0 ? st->read / st->elapsed : 0;
    if (f == EMIT_JSONL)
        return buf_printf(b,
                          "{\"read\":%ld,\"stored\":%ld,\"duplicates\":%ld,\"quarantined\":%ld,"
                          "\"alerts\":%ld,\"detected\":%ld,\"elapsed_s\":%.3f,"
                          "\"events_per_s\":%.0f}\n",
                          st->read, st->stored, st->duplicates, st->quarantined, st->alerts,
                          st->detected, st->elapsed, eps);
    int rc = buf_printf(b, "read          %ld\n", st->read);
    if (detect_only)
        rc |= buf_puts(b, "stored        (detect only: raw events not kept)\n");
    else
        rc |= buf_printf(b, "stored        %ld\n", st->stored);
    rc |= buf_printf(b, "duplicates    %ld\n", st->duplicates);
    rc |= buf_printf(b, "quarantined   %ld%s\n", st->quarantined,
                     st->quarantined ? "  (wachter quarantine lists them)" : "");
    rc |= buf_printf(b, "alerts raised %ld\n", st->alerts);
    rc |= buf_printf(b, "elapsed       %.2f s\n", st->elapsed);
    return rc | buf_printf(b, "throughput    %.0f events/s, %.1f MB/s\n", eps,
                           st->elapsed > 0 ? st->bytes / st->elapsed / 1e6 : 0);
}

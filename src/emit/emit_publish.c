#include "emit/emit_publish.h"

int emit_publish(buf *b, enum emit_format f, const char *stream, const ops_published *st)
{
    double eps = st->elapsed > 0 ? st->published / st->elapsed : 0;
    if (f == EMIT_JSONL)
        return buf_puts(b, "{\"stream\":") | buf_json_str(b, stream) |
               buf_printf(b,
                          ",\"read\":%ld,\"published\":%ld,\"duplicates\":%ld,"
                          "\"quarantined\":%ld,\"resent\":%ld,\"created\":%s,\"elapsed_s\":%.3f,"
                          "\"events_per_s\":%.0f}\n",
                          st->read, st->published, st->duplicates, st->bad, st->resent,
                          st->created ? "true" : "false", st->elapsed, eps);
    int rc = buf_printf(b, "stream        %s%s\n", stream, st->created ? " (created)" : "");
    rc |= buf_printf(b, "read          %ld\n", st->read);
    rc |= buf_printf(b, "published     %ld\n", st->published);
    rc |= buf_printf(b, "duplicates    %ld  (dropped by the stream: published before)\n",
                     st->duplicates);
    rc |= buf_printf(b, "quarantined   %ld  (not events: not published)\n", st->bad);
    if (st->resent) rc |= buf_printf(b, "resent        %ld\n", st->resent);
    rc |= buf_printf(b, "elapsed       %.2f s\n", st->elapsed);
    return rc | buf_printf(b, "throughput    %.0f events/s\n", eps);
}

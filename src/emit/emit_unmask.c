#include "emit/emit_unmask.h"

#include <inttypes.h>

#include "normalise/ts.h"
#include "util/esc.h"

int emit_unmask_begin(buf *b, enum emit_format f)
{
    if (f != EMIT_TABLE) return 0;
    return esc_printf(b, "%5s  %-20s  %-14s  %-14s  %-8s  %-14s  %-20s  %-12s  %s\n", "ID", "ASKED",
                      "BY", "WHOM", "STATUS", "DECIDED BY", "UNTIL", "CONCERNS", "REASON");
}

/* "2026-03-02T09:14:05Z" for ms, "-" for 0. */
static void when(int64_t ms, char out[32])
{
    if (ms)
        ts_format(ms, out);
    else
        snprintf(out, 32, "-");
}

int emit_unmask_row(buf *b, enum emit_format f, const ops_unmask_row *r)
{
    char asked[32], decided[32], until[32];
    when(r->asked, asked);
    when(r->decided, decided);
    when(r->expires, until);
    if (f == EMIT_JSONL) {
        int rc = buf_printf(b, "{\"id\":%" PRId64 ",\"asked\":\"%s\",\"requester\":", r->id, asked);
        rc |= buf_json_str(b, r->requester);
        rc |= buf_puts(b, ",\"actor\":");
        rc |= buf_json_str(b, r->actor);
        rc |= buf_puts(b, ",\"reason\":");
        rc |= buf_json_str(b, r->reason);
        rc |= buf_puts(b, ",\"concerns\":");
        rc |= buf_json_str(b, r->concerns);
        rc |= buf_printf(b, ",\"status\":\"%s\",\"decider\":", r->status);
        rc |= buf_json_str(b, r->decider);
        rc |= buf_printf(b, ",\"decided\":%s%s%s,\"note\":", r->decided ? "\"" : "",
                         r->decided ? decided : "null", r->decided ? "\"" : "");
        rc |= buf_json_str(b, r->note);
        return rc | buf_printf(b, ",\"expires\":%s%s%s}\n", r->expires ? "\"" : "",
                               r->expires ? until : "null", r->expires ? "\"" : "");
    }
    return esc_printf(b, "%5" PRId64 "  %-20s  %-14s  %-14s  %-8s  %-14s  %-20s  %-12s  %s\n",
                      r->id, asked, r->requester, r->actor, r->status,
                      r->decider[0] ? r->decider : "-", until, r->concerns[0] ? r->concerns : "-",
                      r->reason);
}

int emit_unmask_done(buf *b, enum emit_format f, int64_t id, const char *what)
{
    if (f == EMIT_JSONL) {
        int rc = buf_printf(b, "{\"id\":%" PRId64 ",\"done\":", id);
        rc |= buf_json_str(b, what);
        return rc | buf_puts(b, "}\n");
    }
    return esc_printf(b, "unmask request %" PRId64 ": %s\n", id, what);
}

#include "emit/emit_unmask.h"

#include <inttypes.h>

#include "emit/emit_int.h"
#include "util/esc.h"

int emit_unmask_begin(buf *b, enum emit_format f)
{
    if (f != EMIT_TABLE) return 0;
    return esc_printf(b, "%5s  %-20s  %-14s  %-14s  %-8s  %-14s  %-20s  %-12s  %s\n", "ID", "ASKED",
                      "BY", "WHOM", "STATUS", "DECIDED BY", "UNTIL", "CONCERNS", "REASON");
}

int emit_unmask_row(buf *b, enum emit_format f, const ops_unmask_row *r)
{
    int js = f == EMIT_JSONL;
    char asked[40], decided[40], until[40];
    emit_when(r->asked, js, asked);
    emit_when(r->decided, js, decided);
    emit_when(r->expires, js, until);
    if (js) {
        int rc = buf_printf(b, "{\"id\":%" PRId64 ",\"asked\":%s,\"requester\":", r->id, asked);
        rc |= buf_json_str(b, r->requester);
        rc |= buf_puts(b, ",\"actor\":");
        rc |= buf_json_str(b, r->actor);
        rc |= buf_puts(b, ",\"reason\":");
        rc |= buf_json_str(b, r->reason);
        rc |= buf_puts(b, ",\"concerns\":");
        rc |= buf_json_str(b, r->concerns);
        rc |= buf_printf(b, ",\"status\":\"%s\",\"decider\":", r->status);
        rc |= buf_json_str(b, r->decider);
        rc |= buf_printf(b, ",\"decided\":%s,\"note\":", decided);
        rc |= buf_json_str(b, r->note);
        return rc | buf_printf(b, ",\"expires\":%s}\n", until);
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

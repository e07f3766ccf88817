#include "emit/emit_privacy.h"

#include <inttypes.h>

#include "emit/emit_int.h"
#include "normalise/minimise.h"
#include "util/esc.h"

static int json(buf *b, const ops_privacy *p)
{
    char at[40], from[40], to[40], t1[40], t2[40];
    emit_when(p->now, 1, at);
    emit_when(p->from, 1, from);
    emit_when(p->to == INT64_MAX ? 0 : p->to, 1, to);
    int rc = buf_printf(b, "{\"at\":%s,\"from\":%s,\"to\":%s,\"kinds\":[", at, from, to);
    for (int k = 0; k < OPS_KINDS; k++) {
        emit_when(p->oldest[k], 1, t1);
        emit_when(p->policy.set_at[k], 1, t2);
        rc |= buf_printf(b, "%s{\"kind\":\"%s\",\"records\":%" PRId64 ",\"oldest\":%s,\"days\":",
                         k ? "," : "", ops_kind_name((ops_kind)k), p->held[k], t1);
        rc |=
            p->policy.days[k] ? buf_printf(b, "%" PRId64, p->policy.days[k]) : buf_puts(b, "null");
        rc |= buf_printf(b, ",\"set_at\":%s}", t2);
    }
    rc |= buf_puts(b, "],\"other_records\":[");
    for (int i = 0; i < p->nother; i++) {
        emit_when(p->other[i].oldest, 1, t1);
        rc |= buf_printf(
            b, "%s{\"what\":\"%s\",\"records\":%" PRId64 ",\"oldest\":%s,\"kept\":\"%s\"}",
            i ? "," : "", p->other[i].what, p->other[i].n, t1, p->other[i].kept);
    }
    rc |= buf_puts(b, "],\"dropped\":[");
    int first = 1;
    for (unsigned bit = 1; bit & MIN_ALL; bit <<= 1)
        if (p->dropped & bit) {
            rc |= buf_printf(b, "%s\"%s\"", first ? "" : ",", minimise_name(bit));
            first = 0;
        }
    rc |= buf_puts(b, "],\"roles\":[");
    for (int i = 0; i < p->nroles; i++) {
        rc |= buf_puts(b, i ? ",{\"role\":" : "{\"role\":");
        rc |= buf_json_str(b, p->roles[i].role);
        rc |= buf_printf(b, ",\"accounts\":%" PRId64 ",\"disabled\":%" PRId64 "}", p->roles[i].n,
                         p->roles[i].disabled);
    }
    rc |= buf_printf(b,
                     "],\"unmaskings\":{\"asked\":%" PRId64 ",\"approved\":%" PRId64
                     ",\"refused\":%" PRId64 ",\"expired\":%" PRId64 ",\"pending\":%" PRId64 "},",
                     p->asked, p->approved, p->refused, p->expired, p->pending);
    rc |= buf_printf(b, "\"audit\":{\"intact\":%s,\"entries\":%" PRId64,
                     p->audit.intact ? "true" : "false", p->audit.entries);
    if (p->audit.intact)
        rc |= buf_printf(b, ",\"head\":\"%s\"}}\n", p->audit.head);
    else {
        rc |= buf_printf(b, ",\"bad_entry\":%" PRId64 ",\"why\":", p->audit.bad_seq);
        rc |= buf_json_str(b, p->audit.why);
        rc |= buf_puts(b, "}}\n");
    }
    return rc;
}

int emit_privacy(buf *b, enum emit_format f, const ops_privacy *p)
{
    if (f == EMIT_JSONL) return json(b, p);
    char at[40], from[40], to[40], t1[40], t2[40];
    emit_when(p->now, 0, at);
    emit_when(p->from, 0, from);
    emit_when(p->to == INT64_MAX ? 0 : p->to, 0, to);
    int rc = esc_printf(b, "Privacy report of %s\n\nWhat is stored, and for how long\n", at);
    rc |= esc_printf(b, "  %-11s %10s  %-20s  %-14s  %s\n", "KIND", "RECORDS", "OLDEST", "KEPT FOR",
                     "SINCE");
    for (int k = 0; k < OPS_KINDS; k++) {
        char kept[32];
        if (p->policy.days[k])
            snprintf(kept, sizeof kept, "%" PRId64 " days", p->policy.days[k]);
        else
            snprintf(kept, sizeof kept, "for ever");
        emit_when(p->oldest[k], 0, t1);
        emit_when(p->policy.set_at[k], 0, t2);
        rc |= esc_printf(b, "  %-11s %10" PRId64 "  %-20s  %-14s  %s\n", ops_kind_name((ops_kind)k),
                         p->held[k], t1, kept, t2);
    }
    rc |= buf_puts(b, "\nOther records about staff (no retention applies)\n");
    rc |= esc_printf(b, "  %-17s %10s  %-20s  %s\n", "WHAT", "RECORDS", "OLDEST", "KEPT");
    for (int i = 0; i < p->nother; i++) {
        emit_when(p->other[i].oldest, 0, t1);
        rc |= esc_printf(b, "  %-17s %10" PRId64 "  %-20s  %s\n", p->other[i].what, p->other[i].n,
                         t1, p->other[i].kept);
    }
    rc |= buf_puts(b, "\nEvent fields dropped at ingest: ");
    int first = 1;
    for (unsigned bit = 1; bit & MIN_ALL; bit <<= 1)
        if (p->dropped & bit) {
            rc |= esc_printf(b, "%s%s", first ? "" : ", ", minimise_name(bit));
            first = 0;
        }
    rc |= buf_puts(b, first ? "none\n" : "\n");
    rc |= buf_puts(b, "\nAccounts by role\n");
    if (!p->nroles) rc |= buf_puts(b, "  none: whoever can open the store acts as themselves\n");
    for (int i = 0; i < p->nroles; i++)
        rc |= esc_printf(b, "  %-16s %" PRId64 "%s\n", p->roles[i].role, p->roles[i].n,
                         p->roles[i].disabled ? " (some disabled)" : "");
    if (!p->from && p->to == INT64_MAX)
        rc |= buf_puts(b, "\nUnmaskings asked for, all time: ");
    else
        rc |= esc_printf(b, "\nUnmaskings asked for from %s to %s: ", p->from ? from : "the start",
                         p->to == INT64_MAX ? "now" : to);
    rc |= esc_printf(b,
                     "%" PRId64 " (%" PRId64 " approved, %" PRId64 " refused, %" PRId64
                     " expired, %" PRId64 " pending)\n",
                     p->asked, p->approved, p->refused, p->expired, p->pending);
    if (p->audit.intact)
        rc |= esc_printf(b, "\nAudit trail: intact, %" PRId64 " entries, head %s\n",
                         p->audit.entries, p->audit.head[0] ? p->audit.head : "(none)");
    else
        rc |= esc_printf(b, "\nAudit trail: BROKEN: %s\n", p->audit.why);
    return rc;
}

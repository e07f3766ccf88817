#include "emit/emit_retention.h"

#include <inttypes.h>

#include "normalise/minimise.h"
#include "normalise/ts.h"
#include "util/esc.h"

/* "400d", or "forever". */
static void keep_text(int64_t days, char out[24])
{
    if (days > 0)
        snprintf(out, 24, "%" PRId64 "d", days);
    else
        snprintf(out, 24, "forever");
}

int emit_retention(buf *b, enum emit_format f, const ops_retention *r)
{
    int rc = 0;
    if (f == EMIT_TABLE)
        rc |= buf_printf(b, "%-11s  %-8s  %-30s  %s\n", "KIND", "KEEP", "FROM", "SET");
    for (int k = 0; k < OPS_KINDS; k++) {
        char keep[24], at[32] = "-";
        keep_text(r->days[k], keep);
        if (r->days[k] > 0) ts_format(r->set_at[k], at);
        if (f == EMIT_TABLE) {
            rc |= buf_printf(b, "%-11s  %-8s  %-30s  %s\n", ops_kind_name((ops_kind)k), keep,
                             ops_kind_from((ops_kind)k), at);
            continue;
        }
        rc |= buf_printf(b, "{\"kind\":\"%s\",", ops_kind_name((ops_kind)k));
        if (r->days[k] > 0)
            rc |= buf_printf(b, "\"days\":%" PRId64 ",", r->days[k]);
        else
            rc |= buf_puts(b, "\"days\":null,");
        rc |= buf_puts(b, "\"from\":");
        rc |= buf_json_str(b, ops_kind_from((ops_kind)k));
        if (r->days[k] > 0)
            rc |= buf_printf(b, ",\"set_at\":\"%s\"}\n", at);
        else
            rc |= buf_puts(b, ",\"set_at\":null}\n");
    }
    return rc;
}

int emit_minimise(buf *b, enum emit_format f, unsigned mask)
{
    int rc = buf_puts(b, f == EMIT_JSONL ? "{\"dropped\":[" : "dropped at ingest:");
    int n = 0;
    for (unsigned bit = 1; bit & MIN_ALL; bit <<= 1) {
        if (!(mask & bit)) continue;
        if (f == EMIT_JSONL)
            rc |= buf_printf(b, "%s\"%s\"", n ? "," : "", minimise_name(bit));
        else
            rc |= buf_printf(b, "%s %s", n ? "," : "", minimise_name(bit));
        n++;
    }
    if (f == EMIT_JSONL) return rc | buf_puts(b, "]}\n");
    return rc | buf_puts(b, n ? "\n" : " none (every field is stored)\n");
}

int emit_purge(buf *b, enum emit_format f, const ops_purge_result *p)
{
    int rc = 0;
    if (f == EMIT_TABLE)
        rc |= buf_printf(b, "%-11s  %-8s  %-24s  %12s  %10s\n", "KIND", "KEEP", "BEFORE",
                         p->dry_run ? "WOULD DELETE" : "DELETED", "HELD");
    for (int k = 0; k < OPS_KINDS; k++) {
        char keep[24], before[32] = "-";
        int kept = p->policy.days[k] > 0;
        keep_text(p->policy.days[k], keep);
        if (kept) ts_format(p->cut[k], before);
        if (f == EMIT_TABLE) {
            rc |= buf_printf(b, "%-11s  %-8s  %-24s  %12" PRId64 "  %10" PRId64 "\n",
                             ops_kind_name((ops_kind)k), keep, before, p->deleted[k], p->held[k]);
            continue;
        }
        rc |= buf_printf(b, "{\"kind\":\"%s\",\"dry_run\":%s,", ops_kind_name((ops_kind)k),
                         p->dry_run ? "true" : "false");
        if (kept)
            rc |=
                buf_printf(b, "\"days\":%" PRId64 ",\"before\":\"%s\",", p->policy.days[k], before);
        else
            rc |= buf_puts(b, "\"days\":null,\"before\":null,");
        rc |= buf_printf(b, "\"deleted\":%" PRId64 ",\"held\":%" PRId64 "}\n", p->deleted[k],
                         p->held[k]);
    }
    return rc;
}

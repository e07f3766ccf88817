#include "emit/emit_audit.h"

#include <inttypes.h>

#include "normalise/ts.h"
#include "util/esc.h"

int emit_audit_begin(buf *b, enum emit_format f)
{
    if (f != EMIT_TABLE) return 0;
    return esc_printf(b, "%6s  %-24s  %-20s  %-16s  %s\n", "SEQ", "TIME", "ACCOUNT", "ACTION",
                      "PARAMETERS");
}

int emit_audit_entry(buf *b, enum emit_format f, const store_audit_entry *e)
{
    char at[32];
    ts_format(e->at, at);
    if (f == EMIT_JSONL) {
        int rc = buf_printf(b, "{\"seq\":%" PRId64 ",\"at\":\"%s\",\"account\":", e->seq, at);
        rc |= buf_json_str(b, e->account ? e->account : "");
        rc |= buf_puts(b, ",\"action\":");
        rc |= buf_json_str(b, e->action ? e->action : "");
        rc |= buf_puts(b, ",\"params\":");
        rc |= buf_json_str(b, e->params ? e->params : "");
        rc |= buf_puts(b, ",\"hash\":");
        rc |= buf_json_str(b, e->hash ? e->hash : "");
        return rc | buf_puts(b, "}\n");
    }
    return esc_printf(b, "%6" PRId64 "  %-24s  %-20s  %-16s  %s\n", e->seq, at,
                      e->account ? e->account : "", e->action ? e->action : "",
                      e->params ? e->params : "");
}

int emit_audit_verify(buf *b, enum emit_format f, const ops_audit_check *c)
{
    if (f == EMIT_JSONL) {
        int rc = buf_printf(b, "{\"intact\":%s,\"entries\":%" PRId64, c->intact ? "true" : "false",
                            c->entries);
        if (c->intact) return rc | buf_printf(b, ",\"head\":\"%s\"}\n", c->head);
        rc |= buf_printf(b, ",\"bad_entry\":%" PRId64 ",\"why\":", c->bad_seq);
        rc |= buf_json_str(b, c->why);
        return rc | buf_puts(b, "}\n");
    }
    if (c->intact)
        return esc_printf(b, "audit trail intact: %" PRId64 " entries, head %s\n", c->entries,
                          *c->head ? c->head : "(none)");
    return esc_printf(b, "audit trail broken: %s\n", c->why);
}

int emit_audit_verify_api(buf *b, const ops_audit_check *c)
{
    int rc =
        buf_printf(b, "{\"ok\":%s,\"entries\":%" PRId64, c->intact ? "true" : "false", c->entries);
    if (c->intact) return rc | buf_printf(b, ",\"head\":\"%s\"}", c->head);
    rc |= buf_printf(b, ",\"first_bad\":%" PRId64 ",\"why\":", c->bad_seq);
    rc |= buf_json_str(b, c->why);
    return rc | buf_puts(b, "}");
}

int emit_audit_head(buf *b, enum emit_format f, const char *head, int64_t n)
{
    if (f == EMIT_JSONL)
        return buf_printf(b, "{\"head\":\"%s\",\"entries\":%" PRId64 "}\n", head, n);
    return esc_printf(b, "%s %" PRId64 "\n", *head ? head : "(none)", n);
}

int emit_accounts_begin(buf *b, enum emit_format f)
{
    if (f != EMIT_TABLE) return 0;
    return esc_printf(b, "%-24s  %-16s  %-8s  %s\n", "ACCOUNT", "ROLE", "STATUS", "CREATED");
}

int emit_account(buf *b, enum emit_format f, const store_account *a)
{
    char at[32];
    ts_format(a->created, at);
    if (f == EMIT_JSONL) {
        int rc = buf_puts(b, "{\"account\":");
        rc |= buf_json_str(b, a->name);
        rc |= buf_puts(b, ",\"role\":");
        rc |= buf_json_str(b, a->role);
        return rc | buf_printf(b, ",\"disabled\":%s,\"created\":\"%s\"}\n",
                               a->disabled ? "true" : "false", at);
    }
    return esc_printf(b, "%-24s  %-16s  %-8s  %s\n", a->name, a->role,
                      a->disabled ? "disabled" : "enabled", at);
}

int emit_account_done(buf *b, enum emit_format f, const char *name, const char *what)
{
    if (f == EMIT_JSONL) {
        int rc = buf_puts(b, "{\"account\":");
        rc |= buf_json_str(b, name);
        rc |= buf_puts(b, ",\"done\":");
        rc |= buf_json_str(b, what);
        return rc | buf_puts(b, "}\n");
    }
    return esc_printf(b, "account %s: %s\n", name, what);
}

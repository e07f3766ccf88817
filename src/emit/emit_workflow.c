#include "emit/emit_workflow.h"

#include <string.h>

#include "emit/emit_int.h"
#include "normalise/ts.h"
#include "util/esc.h"

void emit_doc_begin(emit_doc *d, buf *b, enum emit_format f)
{
    *d = (emit_doc){.b = b, .f = f};
    if (f == EMIT_JSONL) d->rc |= buf_puts(b, "{");
}

void emit_doc_key(emit_doc *d, const char *key)
{
    if (d->f != EMIT_JSONL) return;
    if (d->members++) d->rc |= buf_puts(d->b, ",");
    d->rc |= buf_json_str(d->b, key);
    d->rc |= buf_puts(d->b, ":");
    d->rows = 0;
}

void emit_doc_row(emit_doc *d)
{
    if (d->f == EMIT_JSONL && d->rows++) d->rc |= buf_puts(d->b, ",");
}

void emit_doc_raw(emit_doc *d, const char *json)
{
    if (d->f == EMIT_JSONL) d->rc |= buf_puts(d->b, json);
}

int emit_doc_end(emit_doc *d)
{
    if (d->f == EMIT_JSONL) d->rc |= buf_puts(d->b, "}\n");
    return d->rc ? -1 : 0;
}

int emit_wf_queue_begin(buf *b, enum emit_format f)
{
    if (f != EMIT_TABLE) return 0;
    return esc_printf(b, "%-18s  %-20s  %-14s  %-14s  %-12s  %-8s  %5s  %-13s  %-10s  %s\n", "ID",
                      "TIME", "ACTOR", "UNIT", "RULE", "SEVERITY", "SCORE", "STATUS", "ASSIGNEE",
                      "REASON");
}

static int str_member(buf *b, const char *key, const char *v)
{
    int rc = buf_printf(b, ",\"%s\":", key);
    return rc | buf_json_str(b, v ? v : "");
}

/* The alert's members, without the braces. */
static int alert_members(buf *b, const store_wf_alert *a)
{
    char ts[32];
    ts_format(a->ts, ts);
    int rc = buf_puts(b, "\"id\":");
    rc |= buf_json_str(b, a->id);
    rc |= buf_printf(b, ",\"ts\":%lld,\"time\":\"%s\"", (long long)a->ts, ts);
    rc |= str_member(b, "actor", a->actor);
    rc |= str_member(b, "unit", a->unit);
    rc |= str_member(b, "rule", a->rule);
    rc |= buf_printf(b, ",\"severity\":\"%s\",\"score\":%.1f", emit_severity_name(a->severity),
                     a->score);
    rc |= str_member(b, "reason", a->reason);
    rc |= str_member(b, "status", a->status);
    rc |= str_member(b, "disposition", a->disposition);
    rc |= str_member(b, "assignee", a->assignee);
    return rc | buf_printf(b, ",\"suppressed\":%s", a->suppressed ? "true" : "false");
}

int emit_wf_alert(buf *b, enum emit_format f, const store_wf_alert *a)
{
    if (f == EMIT_JSONL) {
        int rc = buf_puts(b, "{");
        rc |= alert_members(b, a);
        return rc | buf_puts(b, "}\n");
    }
    char ts[32];
    ts_format(a->ts, ts);
    const char *status = a->suppressed ? "suppressed" : a->status;
    char st[40];
    if (*a->disposition)
        snprintf(st, sizeof st, "%s:%s", status, a->disposition);
    else
        snprintf(st, sizeof st, "%s", status);
    return esc_printf(b, "%-18s  %-20s  %-14s  %-14s  %-12s  %-8s  %5.1f  %-13s  %-10s  %s\n",
                      a->id, ts, a->actor, *a->unit ? a->unit : "-", a->rule,
                      emit_severity_name(a->severity), a->score, st,
                      *a->assignee ? a->assignee : "-", a->reason);
}

static const char *const count_names[STORE_WF_N] = {"new", "acknowledged", "investigating",
                                                    "closed", "suppressed"};

int emit_wf_counts(buf *b, enum emit_format f, const int64_t *counts, int64_t total)
{
    int rc = 0;
    if (f == EMIT_JSONL) {
        rc |= buf_puts(b, "\"counts\":{");
        for (int i = 0; i < STORE_WF_N; i++)
            rc |=
                buf_printf(b, "%s\"%s\":%lld", i ? "," : "", count_names[i], (long long)counts[i]);
        return rc | buf_printf(b, "},\"total\":%lld", (long long)total);
    }
    for (int i = 0; i < STORE_WF_N; i++)
        rc |= buf_printf(b, "%s%s %lld", i ? ", " : "", count_names[i], (long long)counts[i]);
    return rc | buf_printf(b, "; %lld shown\n", (long long)total);
}

int emit_wf_note(buf *b, enum emit_format f, const store_wf_note *n)
{
    char at[40];
    emit_when(n->at, f == EMIT_JSONL, at);
    if (f != EMIT_JSONL) return esc_printf(b, "  %-20s  %-14s  %s\n", at, n->account, n->text);
    int rc = buf_printf(b, "{\"at\":%s", at);
    rc |= str_member(b, "account", n->account);
    rc |= str_member(b, "text", n->text);
    return rc | buf_puts(b, "}\n");
}

int emit_wf_change(buf *b, enum emit_format f, const store_wf_change *c)
{
    char at[40];
    emit_when(c->at, f == EMIT_JSONL, at);
    if (f != EMIT_JSONL)
        return esc_printf(b, "  %-20s  %-14s  %-10s  %s -> %s  %s\n", at, c->account, c->action,
                          *c->from ? c->from : "-", *c->to ? c->to : "-", c->detail);
    int rc = buf_printf(b, "{\"at\":%s", at);
    rc |= str_member(b, "account", c->account);
    rc |= str_member(b, "action", c->action);
    rc |= str_member(b, "from", c->from);
    rc |= str_member(b, "to", c->to);
    rc |= str_member(b, "detail", c->detail);
    return rc | buf_puts(b, "}\n");
}

int emit_wf_similar(buf *b, enum emit_format f, const char *what, const store_wf_similar *s)
{
    if (f != EMIT_JSONL) {
        int rc =
            esc_printf(b,
                       "  %-18s  %lld (open %lld, confirmed %lld, benign %lld, false positive"
                       " %lld, duplicate %lld)",
                       what, (long long)s->count, (long long)s->open, (long long)s->confirmed,
                       (long long)s->benign, (long long)s->false_positive, (long long)s->duplicate);
        for (size_t i = 0; i < s->nids; i++)
            rc |= esc_printf(b, "%s%s", i ? " " : ": ", s->ids[i]);
        return rc | buf_puts(b, "\n");
    }
    int rc =
        buf_printf(b,
                   "{\"count\":%lld,\"open\":%lld,\"confirmed\":%lld,\"benign\":%lld,"
                   "\"false_positive\":%lld,\"duplicate\":%lld,\"ids\":[",
                   (long long)s->count, (long long)s->open, (long long)s->confirmed,
                   (long long)s->benign, (long long)s->false_positive, (long long)s->duplicate);
    for (size_t i = 0; i < s->nids; i++) {
        if (i) rc |= buf_puts(b, ",");
        rc |= buf_json_str(b, s->ids[i]);
    }
    return rc | buf_puts(b, "]}");
}

/* ---- an alert's page ---- */

enum { P_NONE, P_ALERT, P_EVENTS, P_NOTES, P_HISTORY, P_SIMILAR, P_DOSSIER, P_END };

/* Moves d on to part p, closing and opening what lies between (jsonl; a
 * table heads a part at its first row). */
static void go(emit_doc *d, int p)
{
    while (d->part < p) {
        int next = d->part + 1;
        if (d->f != EMIT_JSONL)
            ;
        else if (next == P_ALERT)
            emit_doc_key(d, "alert");
        else if (next == P_EVENTS)
            d->rc |= buf_puts(d->b, d->part == P_ALERT ? ",\"events\":[" : "");
        else if (next == P_NOTES) {
            d->rc |= buf_puts(d->b, "]}");
            emit_doc_key(d, "notes");
            d->rc |= buf_puts(d->b, "[");
        } else if (next == P_HISTORY) {
            d->rc |= buf_puts(d->b, "]");
            emit_doc_key(d, "history");
            d->rc |= buf_puts(d->b, "[");
        } else if (next == P_SIMILAR) {
            d->rc |= buf_puts(d->b, "]");
            emit_doc_key(d, "similar");
        } else if (next == P_DOSSIER) {
            if (d->part == P_SIMILAR && d->rows == 0) d->rc |= buf_puts(d->b, "null");
            emit_doc_key(d, "dossier");
        } else if (next == P_END && d->rows == 0)
            d->rc |= buf_puts(d->b, "null");
        d->part = next;
        d->rows = 0;
    }
}

/* A table's heading of the part, before its first row. */
static void head(emit_doc *d, const char *text)
{
    if (d->f != EMIT_JSONL && d->rows == 0) d->rc |= buf_puts(d->b, text);
}

static int show_alert(const store_wf_alert *a, void *ctx)
{
    emit_doc *d = ctx;
    go(d, P_ALERT);
    if (d->f != EMIT_JSONL) {
        d->rc |= emit_wf_queue_begin(d->b, d->f);
        d->rc |= emit_wf_alert(d->b, d->f, a);
        if (*a->why) d->rc |= esc_printf(d->b, "why: %s\n", a->why);
    } else {
        d->rc |= buf_puts(d->b, "{");
        d->rc |= alert_members(d->b, a);
        d->rc |= str_member(d->b, "why", a->why);
    }
    go(d, P_EVENTS);
    return d->rc;
}

static int show_event(const store_wf_event *ev, void *ctx)
{
    emit_doc *d = ctx;
    go(d, P_EVENTS);
    head(d, "events:\n");
    char ts[32] = "";
    if (ev->results > -2) ts_format(ev->ts, ts);
    if (d->f != EMIT_JSONL) {
        d->rows++;
        if (ev->results == -2)
            return d->rc |= esc_printf(d->b, "  %-24s  %s\n", ev->id, ev->subject);
        return d->rc |= esc_printf(d->b, "  %-24s  %s  %s %s %s  %s\n", ev->id, ts, ev->system,
                                   ev->action, ev->subject, ev->query);
    }
    emit_doc_row(d);
    d->rc |= buf_puts(d->b, "{\"id\":");
    d->rc |= buf_json_str(d->b, ev->id);
    d->rc |= str_member(d->b, "subject", ev->subject);
    if (ev->results == -2) return d->rc |= buf_puts(d->b, "}");
    d->rc |= buf_printf(d->b, ",\"ts\":%lld,\"time\":\"%s\"", (long long)ev->ts, ts);
    d->rc |= str_member(d->b, "system", ev->system);
    d->rc |= str_member(d->b, "action", ev->action);
    d->rc |= str_member(d->b, "case", ev->case_id);
    d->rc |= str_member(d->b, "purpose", ev->purpose);
    d->rc |= str_member(d->b, "query", ev->query);
    if (ev->results >= 0) d->rc |= buf_printf(d->b, ",\"results\":%lld", (long long)ev->results);
    d->rc |= str_member(d->b, "client", ev->client);
    return d->rc |= buf_puts(d->b, "}");
}

static int show_note(const store_wf_note *n, void *ctx)
{
    emit_doc *d = ctx;
    go(d, P_NOTES);
    head(d, "notes:\n");
    if (d->f != EMIT_JSONL) d->rows++;
    emit_doc_row(d);
    return d->rc |= emit_wf_note(d->b, d->f, n);
}

static int show_change(const store_wf_change *c, void *ctx)
{
    emit_doc *d = ctx;
    go(d, P_HISTORY);
    head(d, "history:\n");
    if (d->f != EMIT_JSONL) d->rows++;
    emit_doc_row(d);
    return d->rc |= emit_wf_change(d->b, d->f, c);
}

static int show_similar(const store_wf_similar *a, const store_wf_similar *s, void *ctx)
{
    emit_doc *d = ctx;
    go(d, P_SIMILAR);
    head(d, "similar alerts:\n");
    d->rows = 1;
    if (d->f == EMIT_JSONL) d->rc |= buf_puts(d->b, "{\"same_rule_person\":");
    d->rc |= emit_wf_similar(d->b, d->f, "same rule, person", a);
    if (d->f == EMIT_JSONL) d->rc |= buf_puts(d->b, ",\"same_subject\":");
    d->rc |= emit_wf_similar(d->b, d->f, "same subject", s);
    if (d->f == EMIT_JSONL) d->rc |= buf_puts(d->b, "}");
    return d->rc;
}

static int show_dossier(const char *id, const char *title, const char *status, void *ctx)
{
    emit_doc *d = ctx;
    go(d, P_DOSSIER);
    if (!*id) return d->rc;
    d->rows = 1;
    if (d->f != EMIT_JSONL)
        return d->rc |= esc_printf(d->b, "dossier: %s (%s) %s\n", id, status, title);
    d->rc |= buf_puts(d->b, "{\"id\":");
    d->rc |= buf_json_str(d->b, id);
    d->rc |= str_member(d->b, "title", title);
    d->rc |= str_member(d->b, "status", status);
    return d->rc |= buf_puts(d->b, "}");
}

void emit_wf_show_fns(ops_wf_show_fns *fns)
{
    *fns = (ops_wf_show_fns){show_alert,  show_event,   show_note,
                             show_change, show_similar, show_dossier};
}

int emit_wf_show_end(emit_doc *d)
{
    go(d, P_END);
    return emit_doc_end(d);
}

/* ---- bulk ---- */

int emit_wf_bulk_fail(buf *b, enum emit_format f, int first, const char *id, const char *error)
{
    if (f != EMIT_JSONL) return esc_printf(b, "failed: %s: %s\n", id, error);
    int rc = buf_puts(b, first ? "{\"failed\":[{\"id\":" : ",{\"id\":");
    rc |= buf_json_str(b, id);
    rc |= str_member(b, "error", error);
    return rc | buf_puts(b, "}");
}

int emit_wf_bulk_end(buf *b, enum emit_format f, int any, int64_t changed)
{
    if (f != EMIT_JSONL) return buf_printf(b, "changed: %lld\n", (long long)changed);
    return buf_printf(b, "%s\"changed\":%lld}\n", any ? "]," : "{\"failed\":[],",
                      (long long)changed);
}

/* ---- suppressions ---- */

int emit_suppress_begin(buf *b, enum emit_format f)
{
    if (f != EMIT_TABLE) return 0;
    return esc_printf(b, "%-5s  %-12s  %-8s  %-16s  %-20s  %-6s  %-10s  %s\n", "ID", "RULE",
                      "SCOPE", "VALUE", "UNTIL", "ACTIVE", "BY", "REASON");
}

int emit_suppression(buf *b, enum emit_format f, const store_suppression *p, int64_t now)
{
    int active = ops_suppress_active(p, now);
    char until[40], at[40], ended[40];
    emit_when(p->until, f == EMIT_JSONL, until);
    emit_when(p->at, f == EMIT_JSONL, at);
    emit_when(p->ended, f == EMIT_JSONL, ended);
    if (f != EMIT_JSONL)
        return esc_printf(b, "%-5lld  %-12s  %-8s  %-16s  %-20s  %-6s  %-10s  %s\n",
                          (long long)p->id, p->rule, p->scope, p->value, until,
                          active ? "yes" : "no", p->account, p->reason);
    int rc = buf_printf(b, "{\"id\":%lld", (long long)p->id);
    rc |= str_member(b, "rule", p->rule);
    rc |= str_member(b, "scope", p->scope);
    rc |= str_member(b, "value", p->value);
    rc |= str_member(b, "reason", p->reason);
    rc |= buf_printf(b, ",\"until\":%s", until);
    rc |= str_member(b, "by", p->account);
    rc |= buf_printf(b, ",\"at\":%s,\"ended\":%s,\"active\":%s}\n", at, ended,
                     active ? "true" : "false");
    return rc;
}

/* ---- rule effectiveness ---- */

int emit_wf_rules_begin(buf *b, enum emit_format f)
{
    if (f != EMIT_TABLE) return 0;
    return esc_printf(b, "%-16s  %7s  %6s  %9s  %6s  %14s  %9s  %10s  %9s\n", "RULE", "ALERTS",
                      "OPEN", "CONFIRMED", "BENIGN", "FALSE_POSITIVE", "DUPLICATE", "SUPPRESSED",
                      "PRECISION");
}

int emit_wf_rule(buf *b, enum emit_format f, const store_wf_rule_row *r)
{
    int64_t judged = r->confirmed + r->benign + r->false_positive;
    double precision = judged ? (double)r->confirmed / (double)judged : 0;
    char p[16];
    if (judged)
        snprintf(p, sizeof p, f == EMIT_JSONL ? "%.3f" : "%.2f", precision);
    else
        snprintf(p, sizeof p, "%s", f == EMIT_JSONL ? "null" : "-");
    if (f != EMIT_JSONL)
        return esc_printf(
            b, "%-16s  %7lld  %6lld  %9lld  %6lld  %14lld  %9lld  %10lld  %9s\n", r->rule,
            (long long)r->alerts, (long long)r->open, (long long)r->confirmed, (long long)r->benign,
            (long long)r->false_positive, (long long)r->duplicate, (long long)r->suppressed, p);
    int rc = buf_puts(b, "{\"rule\":");
    rc |= buf_json_str(b, r->rule);
    return rc | buf_printf(b,
                           ",\"alerts\":%lld,\"open\":%lld,\"confirmed\":%lld,\"benign\":%lld,"
                           "\"false_positive\":%lld,\"duplicate\":%lld,\"suppressed\":%lld,"
                           "\"precision\":%s}\n",
                           (long long)r->alerts, (long long)r->open, (long long)r->confirmed,
                           (long long)r->benign, (long long)r->false_positive,
                           (long long)r->duplicate, (long long)r->suppressed, p);
}

#include "emit/emit_dossier.h"

#include "emit/emit_int.h"
#include "normalise/ts.h"
#include "util/esc.h"

int emit_dossier_begin(buf *b, enum emit_format f)
{
    if (f != EMIT_TABLE) return 0;
    return esc_printf(b, "%-8s  %-14s  %-7s  %-12s  %-20s  %6s  %s\n", "ID", "ACTOR", "STATUS",
                      "INVESTIGATOR", "OPENED", "ALERTS", "TITLE");
}

static int str_member(buf *b, const char *key, const char *v)
{
    int rc = buf_printf(b, ",\"%s\":", key);
    return rc | buf_json_str(b, v ? v : "");
}

int emit_dossier(buf *b, enum emit_format f, const store_dossier *d)
{
    char opened[40], closed[40];
    emit_when(d->opened, f == EMIT_JSONL, opened);
    emit_when(d->closed, f == EMIT_JSONL, closed);
    if (f != EMIT_JSONL) {
        int rc = esc_printf(b, "%-8s  %-14s  %-7s  %-12s  %-20s  %6lld  %s\n", d->id, d->actor,
                            d->status, *d->investigator ? d->investigator : "-", opened,
                            (long long)d->alerts, d->title);
        if (*d->outcome) rc |= esc_printf(b, "          outcome: %s\n", d->outcome);
        return rc;
    }
    int rc = buf_puts(b, "{\"id\":");
    rc |= buf_json_str(b, d->id);
    rc |= str_member(b, "actor", d->actor);
    rc |= str_member(b, "title", d->title);
    rc |= str_member(b, "status", d->status);
    rc |= str_member(b, "investigator", d->investigator);
    rc |= buf_printf(b, ",\"opened\":%s,\"closed\":%s", opened, closed);
    rc |= str_member(b, "outcome", d->outcome);
    return rc | buf_printf(b, ",\"alerts\":%lld}\n", (long long)d->alerts);
}

/* The parts of a page and of a report, in order. */
enum { P_NONE, P_DOSSIER, P_PERIOD, P_TIMELINE, P_ALERTS, P_NOTES, P_HISTORY, P_END };
static const char *const keys[] = {
    [P_DOSSIER] = "dossier", [P_PERIOD] = "period", [P_TIMELINE] = "timeline",
    [P_ALERTS] = "alerts",   [P_NOTES] = "notes",   [P_HISTORY] = "history"};
static const char *const heads[] = {[P_TIMELINE] = "look-ups:\n",
                                    [P_ALERTS] = "alerts:\n",
                                    [P_NOTES] = "notes:\n",
                                    [P_HISTORY] = "history:\n"};

/* Parts that are arrays. */
static int is_array(int p)
{
    return p == P_TIMELINE || p == P_ALERTS || p == P_NOTES || p == P_HISTORY;
}

/* Moves on to part p through the parts between that d has. */
static void go(emit_doc *d, int p)
{
    while (d->part < p) {
        if (d->f == EMIT_JSONL && is_array(d->part)) d->rc |= buf_puts(d->b, "]");
        int next = d->part + 1;
        while (next < P_END && !(d->want & (1u << next)))
            next++;
        d->part = next;
        if (next == P_END) return;
        if (d->f != EMIT_JSONL) {
            if (heads[next]) d->rc |= buf_puts(d->b, heads[next]);
            continue;
        }
        emit_doc_key(d, keys[next]);
        if (is_array(next))
            d->rc |= buf_puts(d->b, "[");
        else if (next != p)
            d->rc |= buf_puts(d->b, "null"); /* a part nothing was rendered for */
    }
}

void emit_dossier_show_begin(emit_doc *d, buf *b, enum emit_format f)
{
    emit_doc_begin(d, b, f);
    d->want = 1u << P_DOSSIER | 1u << P_ALERTS | 1u << P_NOTES | 1u << P_HISTORY;
}

void emit_dossier_report_begin(emit_doc *d, buf *b, enum emit_format f)
{
    emit_doc_begin(d, b, f);
    d->want = 1u << P_DOSSIER | 1u << P_PERIOD | 1u << P_TIMELINE | 1u << P_ALERTS | 1u << P_NOTES;
}

static int on_dossier(const store_dossier *x, void *ctx)
{
    emit_doc *d = ctx;
    go(d, P_DOSSIER);
    d->rc |= emit_dossier_begin(d->b, d->f);
    d->rc |= emit_dossier(d->b, d->f, x);
    /* The report names the person, the page does not repeat it. */
    if (d->f == EMIT_JSONL && (d->want & 1u << P_PERIOD)) {
        emit_doc_key(d, "person");
        d->rc |= buf_json_str(d->b, x->actor);
    }
    return d->rc;
}

static int on_period(int64_t from, int64_t to, void *ctx)
{
    emit_doc *d = ctx;
    go(d, P_PERIOD);
    char a[40], b[40];
    emit_when(from, d->f == EMIT_JSONL, a);
    emit_when(to, d->f == EMIT_JSONL, b);
    if (d->f != EMIT_JSONL) return d->rc |= esc_printf(d->b, "period: %s to %s\n", a, b);
    return d->rc |= buf_printf(d->b, "{\"from\":%s,\"to\":%s}", a, b);
}

static int on_lookup(const ops_dossier_lookup *l, void *ctx)
{
    emit_doc *d = ctx;
    go(d, P_TIMELINE);
    char t[32];
    ts_format(l->ts, t);
    if (d->f != EMIT_JSONL) {
        char res[24];
        snprintf(res, sizeof res, l->results < 0 ? "-" : "%lld", (long long)l->results);
        d->rc |= esc_printf(d->b, "  %-20s  %-10s  %-8s  %-14s  %-6s  %-12s  %s  [%s]", t,
                            l->system, l->action, l->subject, res, *l->client ? l->client : "-",
                            l->query, l->explanation);
        for (size_t i = 0; i < l->nalerts; i++)
            d->rc |= esc_printf(d->b, "%s%s", i ? " " : "  alerts: ", l->alert_ids[i]);
        return d->rc |= buf_puts(d->b, "\n");
    }
    emit_doc_row(d);
    int rc = buf_printf(d->b, "{\"ts\":%lld,\"time\":\"%s\"", (long long)l->ts, t);
    rc |= str_member(d->b, "event", l->event);
    rc |= str_member(d->b, "system", l->system);
    rc |= str_member(d->b, "action", l->action);
    rc |= str_member(d->b, "subject", l->subject);
    rc |= str_member(d->b, "query", l->query);
    if (l->results < 0)
        rc |= buf_puts(d->b, ",\"results\":null");
    else
        rc |= buf_printf(d->b, ",\"results\":%lld", (long long)l->results);
    rc |= str_member(d->b, "client", l->client);
    rc |= str_member(d->b, "explanation", l->explanation);
    rc |= buf_puts(d->b, ",\"alert_ids\":");
    rc |= emit_json_list(d->b, l->alert_ids, l->nalerts);
    return d->rc |= rc | buf_puts(d->b, "}\n");
}

static int on_alert(const store_wf_alert *a, void *ctx)
{
    emit_doc *d = ctx;
    if (d->part < P_ALERTS && d->f != EMIT_JSONL) {
        go(d, P_ALERTS);
        d->rc |= emit_wf_queue_begin(d->b, d->f);
    }
    go(d, P_ALERTS);
    emit_doc_row(d);
    return d->rc |= emit_wf_alert(d->b, d->f, a);
}

static int on_note(const store_wf_note *n, void *ctx)
{
    emit_doc *d = ctx;
    go(d, P_NOTES);
    emit_doc_row(d);
    return d->rc |= emit_wf_note(d->b, d->f, n);
}

static int on_change(const store_wf_change *c, void *ctx)
{
    emit_doc *d = ctx;
    go(d, P_HISTORY);
    emit_doc_row(d);
    return d->rc |= emit_wf_change(d->b, d->f, c);
}

void emit_dossier_show_fns(ops_dossier_show_fns *fns)
{
    *fns = (ops_dossier_show_fns){on_dossier, on_alert, on_note, on_change};
}

void emit_dossier_report_fns(ops_dossier_report_fns *fns)
{
    *fns = (ops_dossier_report_fns){on_dossier, on_period, on_lookup, on_alert, on_note};
}

int emit_dossier_end(emit_doc *d)
{
    go(d, P_END);
    return emit_doc_end(d);
}

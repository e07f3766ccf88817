#include "ops/ops_forward.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "forward/fwd_http.h"
#include "forward/fwd_url.h"
#include "normalise/ts.h"
#include "priv/pseudonym.h"
#include "store/store_alerts.h"
#include "store/store_staff.h"

enum { BATCH = 500, TRIES = 3, TIMEOUT_S = 10 };

/* One pass's state. */
typedef struct pass {
    const ops_fwd_opts *o;
    fwd_url u;
    enum emit_siem payload;
    pseud_map *map;     /* NULL: as stored (--reveal) */
    buf one, line, out; /* an alert rendered, pseudonymised; the batch */
    buf names;          /* shown_alert's */
    int64_t n, last_seq, limit;
    char first[64], last[64];
    int failed; /* rendering ran out of memory */
} pass;

static int payload_of(const ops_fwd_opts *o, const fwd_url *u, enum emit_siem *p, werr *e)
{
    if (o->payload < 0) {
        *p = u->scheme == FWD_HTTP ? EMIT_SIEM_ECS : EMIT_SIEM_SYSLOG;
        return 0;
    }
    *p = (enum emit_siem)o->payload;
    if (*p == EMIT_SIEM_THEHIVE && u->scheme != FWD_HTTP)
        return werr_set(e, WERR_INPUT,
                        "--payload thehive goes to TheHive's webhook (http:// or https://), not"
                        " to %s",
                        o->to);
    return 0;
}

int ops_forward_check(const ops_fwd_opts *o, werr *e)
{
    fwd_url u;
    enum emit_siem p;
    if (fwd_url_parse(o->to, &u, e) < 0 || payload_of(o, &u, &p, e) < 0) return -1;
    if (u.scheme == FWD_SYSLOG_TCP && (o->tls.ca || o->tls.cert))
        return werr_set(e, WERR_INPUT, "--ca and --cert are for syslog+tls:// or https://, not %s",
                        o->to);
    if (o->tls.key && !o->tls.cert)
        return werr_set(e, WERR_INPUT, "--key goes with --cert (the client certificate)");
    return 0;
}

static int add_staff(const char *actor, const char *person, void *ctx)
{
    return pseud_map_add(ctx, actor, person) < 0;
}

/* The pseudonyms of every member of staff the store knows of. */
static int load_map(store *s, const pkey *k, pseud_map **out, werr *e)
{
    *out = NULL;
    if (!k) return 0;
    pseud_map *m = pseud_map_new(k);
    int64_t n = 0;
    if (!m) return werr_set(e, WERR_INTERNAL, "out of memory");
    if (store_staff_count(s, &n, e) < 0 || pseud_map_reserve(m, (size_t)n + 64) < 0 ||
        store_staff_each(s, add_staff, m, e) < 0) {
        if (!e->code) werr_set(e, WERR_INTERNAL, "out of memory");
        pseud_map_free(m);
        return -1;
    }
    *out = m;
    return 0;
}

/* a as sent, into *out: its actor, actors and subjects each by
 * pseudonym (strings in names, the array *ptrs owned: free it), so that
 * TheHive's observables, which must not repeat, are told apart as they
 * will read. 0 or -1. */
static int shown_alert(pseud_map *m, const store_alert *a, store_alert *out, buf *names,
                       const char ***ptrs)
{
    size_t n = 1 + a->nactors + a->n, *off = malloc(n * sizeof *off);
    const char **v = malloc(n * sizeof *v);
    int rc = off && v ? 0 : -1;
    buf_reset(names);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        const char *s = i == 0            ? a->actor
                        : i <= a->nactors ? a->actors[i - 1]
                                          : a->subjects[i - 1 - a->nactors];
        off[i] = names->len;
        if (s) rc |= pseud_map_rewrite(m, s, strlen(s), names);
        rc |= buf_put(names, "", 1);
    }
    for (size_t i = 0; rc == 0 && i < n; i++)
        v[i] = names->data + off[i];
    free(off);
    if (rc < 0) {
        free(v);
        return -1;
    }
    *out = *a;
    out->actor = v[0];
    out->actors = v + 1;
    out->subjects = v + 1 + a->nactors;
    *ptrs = v;
    return 0;
}

/* Renders a into p->line as the destination takes it, staff by
 * pseudonym. 0 or -1. */
static int render(pass *p, const store_alert *a)
{
    buf_reset(&p->one);
    buf_reset(&p->line);
    enum emit_siem f = p->payload;
    store_alert shown;
    const char **ptrs = NULL;
    if (p->map && f == EMIT_SIEM_THEHIVE) {
        if (shown_alert(p->map, a, &shown, &p->names, &ptrs) < 0) return -1;
        a = &shown;
    }
    int rc = emit_siem_alert(&p->one, f, &p->o->from, a);
    free(ptrs);
    if (rc == 0 && p->u.scheme != FWD_HTTP && f != EMIT_SIEM_SYSLOG) {
        buf wrapped = {0};
        rc = emit_siem_syslog_wrap(&wrapped, &p->o->from, a, p->one.data, p->one.len);
        buf_free(&p->one);
        p->one = wrapped;
    }
    if (rc < 0) return -1;
    if (!p->map) return buf_put(&p->line, p->one.data, p->one.len);
    return pseud_map_rewrite(p->map, p->one.data, p->one.len, &p->line);
}

static void note_id(pass *p, const store_alert *a)
{
    if (!p->n) snprintf(p->first, sizeof p->first, "%s", a->id);
    snprintf(p->last, sizeof p->last, "%s", a->id);
}

/* Adds a to the syslog batch. */
static int batch_alert(const store_alert *a, void *ctx)
{
    pass *p = ctx;
    size_t n;
    if (render(p, a) < 0) goto oom;
    n = p->line.len;
    while (n && p->line.data[n - 1] == '\n')
        n--;
    if (fwd_syslog_frame(&p->out, p->line.data, n) < 0) goto oom;
    note_id(p, a);
    p->n++;
    p->last_seq = a->seq;
    return 0;
oom:
    p->failed = 1;
    return 1;
}

static void nap_ms(long ms, volatile sig_atomic_t *stop)
{
    for (; ms > 0 && !(stop && *stop); ms -= 100) {
        struct timespec t = {0, (ms < 100 ? ms : 100) * 1000000L};
        nanosleep(&t, NULL);
    }
}

static int stopped(const ops_fwd_opts *o)
{
    return o->stop && *o->stop;
}

static int syslog_pass(store *s, pass *p, ops_fwd_result *r, werr *e)
{
    const ops_fwd_opts *o = p->o;
    int timeout = o->timeout_s > 0 ? o->timeout_s : TIMEOUT_S;
    for (;;) {
        p->n = 0;
        buf_reset(&p->out);
        if (store_each_alert_after(s, r->cursor, p->limit, batch_alert, p) < 0 && !p->failed)
            return werr_set(e, WERR_UNAVAILABLE, "cannot read the alerts: %s", store_errmsg(s));
        if (p->failed) return werr_set(e, WERR_INTERNAL, "out of memory");
        if (!p->n) return 0;
        if (fwd_syslog_send(&p->u, &o->tls, p->out.data, p->out.len, timeout, e) < 0) return -1;
        if (store_fwd_delivered(s, o->to, p->last_seq, p->n, ts_now_ms()) < 0)
            return werr_set(e, WERR_UNAVAILABLE,
                            "%lld alerts were delivered to %s, but their cursor could not be"
                            " kept (they will be sent again): %s",
                            (long long)p->n, o->to, store_errmsg(s));
        if (!r->sent) memcpy(r->first, p->first, sizeof r->first);
        memcpy(r->last, p->last, sizeof r->last);
        r->sent += p->n;
        r->cursor = p->last_seq;
        if (stopped(o)) return 0;
    }
}

/* Collects one alert for http_pass. */
static int one_alert(const store_alert *a, void *ctx)
{
    pass *p = ctx;
    if (render(p, a) < 0) {
        p->failed = 1;
        return 1;
    }
    p->n = 0;
    note_id(p, a);
    p->n = 1;
    p->last_seq = a->seq;
    return 0;
}

/* TheHive refuses a second alert with the same type, source and
 * sourceRef (HTTP 400, or 409, "... already exists"): the alert was
 * delivered before, and its answer lost. */
static int already_there(const pass *p, const fwd_http *h)
{
    const char *body;
    long status = fwd_http_status(h, &body);
    return p->payload == EMIT_SIEM_THEHIVE && (status == 400 || status == 409) &&
           strstr(body, "already exists") && !strstr(body, "Observable");
}

static int http_pass(store *s, pass *p, ops_fwd_result *r, werr *e)
{
    const ops_fwd_opts *o = p->o;
    int timeout = o->timeout_s > 0 ? o->timeout_s : TIMEOUT_S;
    int tries = o->tries > 0 ? o->tries : TRIES;
    const char *type = p->payload == EMIT_SIEM_ECS || p->payload == EMIT_SIEM_THEHIVE
                           ? "application/json"
                           : "text/plain; charset=utf-8";
    fwd_http *h = NULL;
    if (fwd_http_open(o->to, o->bearer, o->tls.ca, type, timeout, &h, e) < 0) {
        fwd_http_close(h);
        return -1;
    }
    int rc = 0;
    while (rc == 0 && !stopped(o)) {
        p->n = 0;
        if (store_each_alert_after(s, r->cursor, 1, one_alert, p) < 0 && !p->failed) {
            rc = werr_set(e, WERR_UNAVAILABLE, "cannot read the alerts: %s", store_errmsg(s));
            break;
        }
        if (p->failed) {
            rc = werr_set(e, WERR_INTERNAL, "out of memory");
            break;
        }
        if (!p->n) break;
        size_t len = p->line.len;
        while (len && p->line.data[len - 1] == '\n')
            len--;
        /* Tries again after 1, 2, 4, ... seconds. */
        long wait = 1000;
        for (int t = 1;; t++) {
            werr_clear(e);
            rc = fwd_http_post(h, p->line.data, len, e);
            if (rc < 0 && already_there(p, h)) rc = 0;
            if (rc == 0 || t >= tries || stopped(o)) break;
            nap_ms(wait, o->stop);
            wait *= 2;
        }
        if (rc < 0) break;
        if (store_fwd_delivered(s, o->to, p->last_seq, 1, ts_now_ms()) < 0) {
            rc = werr_set(e, WERR_UNAVAILABLE,
                          "alert %s was delivered to %s, but its cursor could not be kept (it"
                          " will be sent again): %s",
                          p->last, o->to, store_errmsg(s));
            break;
        }
        if (!r->sent) memcpy(r->first, p->last, sizeof r->first);
        memcpy(r->last, p->last, sizeof r->last);
        r->sent++;
        r->cursor = p->last_seq;
    }
    fwd_http_close(h);
    return rc;
}

int ops_forward_once(store *s, const ops_fwd_opts *o, ops_fwd_result *r, werr *e)
{
    memset(r, 0, sizeof *r);
    r->dest = o->to;
    pass p = {.o = o, .limit = o->batch > 0 ? o->batch : BATCH};
    if (ops_forward_check(o, e) < 0) return -1;
    fwd_url_parse(o->to, &p.u, e);
    payload_of(o, &p.u, &p.payload, e);
    r->payload = emit_siem_name(p.payload);
    if (store_fwd_cursor(s, o->to, r->payload, &r->cursor) < 0)
        return werr_set(e, WERR_UNAVAILABLE, "cannot read the cursor of %s: %s", o->to,
                        store_errmsg(s));
    /* Nothing new (a --follow round, mostly): no staff to read, no
     * connection made. */
    if (store_alerts_after_count(s, r->cursor, &r->pending) < 0)
        return werr_set(e, WERR_UNAVAILABLE, "cannot read the alerts: %s", store_errmsg(s));
    if (!r->pending) return 0;
    if (load_map(s, o->key, &p.map, e) < 0) return -1;
    int rc = p.u.scheme == FWD_HTTP ? http_pass(s, &p, r, e) : syslog_pass(s, &p, r, e);
    if (rc < 0 && e->code == WERR_UNAVAILABLE) store_fwd_failed(s, o->to, e->msg, ts_now_ms());
    if (store_alerts_after_count(s, r->cursor, &r->pending) < 0) r->pending = -1;
    pseud_map_free(p.map);
    buf_free(&p.one);
    buf_free(&p.line);
    buf_free(&p.out);
    buf_free(&p.names);
    return rc;
}

int ops_forward_follow(store *s, const ops_fwd_opts *o, int every_s, ops_fwd_pass_fn pass_fn,
                       void *ctx, werr *e)
{
    if (ops_forward_check(o, e) < 0) return -1;
    while (!stopped(o)) {
        ops_fwd_result r;
        werr failed = {0};
        int rc = ops_forward_once(s, o, &r, &failed);
        if (rc < 0 && failed.code != WERR_UNAVAILABLE) {
            *e = failed;
            return -1;
        }
        if (pass_fn && (r.sent || rc < 0)) pass_fn(&r, rc < 0 ? &failed : NULL, ctx);
        nap_ms((long)every_s * 1000, o->stop);
    }
    return 0;
}

int ops_forward_status(store *s, store_fwd_fn fn, void *ctx, werr *e)
{
    int rc = store_fwd_each(s, fn, ctx);
    if (rc < 0) werr_set(e, WERR_UNAVAILABLE, "cannot read the destinations: %s", store_errmsg(s));
    return rc;
}

/* rule_window — alerts about one thing that several actors share within a
 * time window (rule_window.h). */
#include "detect/rule_window.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "normalise/ts.h"

int rule_windows_init(rule_windows *ws, int hours)
{
    memset(ws, 0, sizeof *ws);
    ws->hours = hours;
    return (ws->keys = strmap_new()) ? 0 : -1;
}

void rule_windows_free(rule_windows *ws)
{
    strmap_free(ws->keys);
    free(ws->w);
    free(ws->dirty);
    memset(ws, 0, sizeof *ws);
}

rule_window *rule_windows_of(rule_windows *ws, const char *key, uint32_t *idp)
{
    uint32_t id;
    if (strmap_intern(ws->keys, key, strlen(key), &id) < 0) return NULL;
    if (id >= ws->cap) {
        size_t nc = ws->cap ? ws->cap * 2 : 64;
        rule_window *nw = realloc(ws->w, nc * sizeof *nw);
        if (!nw) return NULL;
        ws->w = nw;
        uint8_t *nd = realloc(ws->dirty, nc);
        if (!nd) return NULL;
        ws->dirty = nd;
        memset(ws->w + ws->cap, 0, (nc - ws->cap) * sizeof *nw);
        memset(ws->dirty + ws->cap, 0, nc - ws->cap);
        ws->cap = nc;
    }
    *idp = id;
    return &ws->w[id];
}

int rule_window_current(const rule_windows *ws, const rule_window *w, int64_t ts)
{
    int64_t span = (int64_t)ws->hours * TS_HOUR_MS;
    return w->n && ts < w->start + span && ts > w->start - span;
}

void rule_windows_join(rule_windows *ws, uint32_t id, int32_t actor, int64_t ts, double own)
{
    rule_window *w = &ws->w[id];
    ws->dirty[id] = 1;
    if (!rule_window_current(ws, w, ts)) {
        int64_t span = (int64_t)ws->hours * TS_HOUR_MS;
        int follows = w->n && ts >= w->start && ts < w->start + 2 * span;
        w->carried = follows ? w->staff : 0;
        w->nprev = follows ? w->n : 0;
        memcpy(w->prev, w->actor, w->nprev * sizeof *w->prev);
        w->start = ts;
        w->first = actor;
        w->staff = w->n = 0;
    }
    for (uint32_t i = 0; i < w->n; i++)
        if (w->actor[i] == actor) {
            if (own > w->own[i]) w->own[i] = (float)own;
            return;
        }
    for (uint32_t i = 0; i < w->nprev; i++)
        if (w->prev[i] == actor) { /* counted in carried already */
            w->prev[i] = w->prev[--w->nprev];
            if (w->carried) w->carried--;
            break;
        }
    w->staff++;
    if (w->n < RULE_WINDOW_NAMED) {
        w->actor[w->n] = actor;
        w->own[w->n++] = (float)own;
    }
}

double rule_window_crowd(uint32_t staff, double crowd, double floor)
{
    if (staff <= crowd) return 1;
    double f = sqrt(crowd / staff);
    return f > floor ? f : floor;
}

void rule_window_reason(const refdata *r, const rule_windows *ws, const rule_window *w, char *out,
                        size_t size)
{
    size_t at = strlen(out);
    if (at >= size) return;
    int len = snprintf(out + at, size - at, "by %u staff within %d hours: ", w->staff, ws->hours);
    if (len < 0) return;
    len += (int)at;
    for (uint32_t i = 0; i < w->n && i < RULE_WINDOW_REASON_NAMES && len >= 0 && (size_t)len < size;
         i++)
        len += snprintf(out + len, size - (size_t)len, "%s%s", i ? ", " : "",
                        refdata_actor(r, w->actor[i])->name);
    if (w->staff > RULE_WINDOW_REASON_NAMES && len >= 0 && (size_t)len < size)
        len += snprintf(out + len, size - (size_t)len, " and %u more",
                        w->staff - RULE_WINDOW_REASON_NAMES);
    if (w->carried && len >= 0 && (size_t)len < size)
        snprintf(out + len, size - (size_t)len, ", after %u staff in the %d hours before",
                 w->carried, ws->hours);
}

/* ---- saved: "start \t staff \t actor \t own \t actor \t own ..." ---- */

static int save_window(rule_ctx *rc, const rule_windows *ws, buf *b, uint32_t id)
{
    const rule_window *w = &ws->w[id];
    const refdata *r = rule_refdata(rc);
    buf_reset(b);
    int rc_ = w->carried ? buf_printf(b, "%lld\t%u/%u", (long long)w->start, w->staff, w->carried)
                         : buf_printf(b, "%lld\t%u", (long long)w->start, w->staff);
    for (uint32_t i = 0; i < w->n && rc_ == 0; i++)
        rc_ = buf_printf(b, "\t%s\t%.9g", refdata_actor(r, w->actor[i])->name, (double)w->own[i]);
    if (rc_ < 0) return -1;
    return rule_kv_put(rc, strmap_key(ws->keys, id), b->data, b->len);
}

int rule_windows_save(rule_ctx *rc, rule_windows *ws, int all)
{
    buf b = {0};
    int rc_ = 0;
    size_t n = strmap_count(ws->keys);
    for (uint32_t id = 0; id < n && rc_ == 0; id++)
        if (ws->w[id].n && (all || ws->dirty[id])) rc_ = save_window(rc, ws, &b, id);
    if (rc_ == 0 && ws->cap) memset(ws->dirty, 0, ws->cap);
    buf_free(&b);
    return rc_;
}

/* Sets w from a saved value (NUL-terminated, changed). */
static void restore(refdata *r, rule_window *w, char *value)
{
    char *at = NULL, *start = strtok_r(value, "\t", &at), *staff = strtok_r(NULL, "\t", &at);
    memset(w, 0, sizeof *w);
    if (!start || !staff) return;
    w->start = strtoll(start, NULL, 10);
    char *end;
    w->staff = (uint32_t)strtoul(staff, &end, 10);
    if (*end == '/') w->carried = (uint32_t)strtoul(end + 1, NULL, 10);
    for (char *a, *own; w->n < RULE_WINDOW_NAMED && (a = strtok_r(NULL, "\t", &at)) &&
                        (own = strtok_r(NULL, "\t", &at));) {
        int32_t id = refdata_actor_intern(r, a);
        if (id == REF_NONE) continue; /* out of memory: the ingest fails there */
        w->actor[w->n] = id;
        w->own[w->n++] = (float)strtod(own, NULL);
    }
    if (w->n) w->first = w->actor[0];
    if (w->staff < w->n) w->staff = w->n;
}

int rule_windows_load(rule_ctx *rc, rule_windows *ws, const kv_entry *kv, size_t n)
{
    refdata *r = (refdata *)rule_refdata(rc);
    buf value = {0};
    int rc_ = 0;
    for (size_t i = 0; i < n && rc_ == 0; i++) {
        uint32_t id;
        rule_window *w = rule_windows_of(ws, kv[i].key, &id);
        buf_reset(&value);
        if (!w || buf_put(&value, kv[i].p, kv[i].n) < 0 || buf_put(&value, "", 1) < 0)
            rc_ = -1;
        else
            restore(r, w, value.data);
    }
    buf_free(&value);
    return rc_;
}

int rule_window_emit(rule_ctx *rc, const rule_window *w, const char *key, const det_event *e,
                     int severity, const double *weight, const char *reason)
{
    double score = 0;
    for (uint32_t i = 0; i < w->n; i++)
        if (weight[i] > score) score = weight[i];
    char group[240];
    snprintf(group, sizeof group, "%s|%lld", key, (long long)w->start);
    const char *ev[1] = {e->ev->id}, *subj[1] = {e->ev->subject};
    det_finding f = {.actor = w->first,
                     .ts = e->ev->ts,
                     .severity = severity,
                     .score = score,
                     .reason = reason,
                     .group = group,
                     .events = ev,
                     .subjects = subj,
                     .n = 1,
                     .actors = w->actor,
                     .actor_scores = weight,
                     .nactors = w->n};
    return rule_emit(rc, &f);
}

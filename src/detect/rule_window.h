/* rule_window — alerts about one thing (a protected subject, a system, an
 * action) that several actors share within a time window.
 *
 * A rule that raises such alerts keeps one rule_windows: per key (the
 * subject, "s:<system>", …) the current window, opened by the first
 * finding about it and holding every finding within `hours` of that one.
 * The window names the alert (its start), its actor (the first one's),
 * and every actor in it with their own score, the most they scored in it;
 * the rule weighs each of them (rule_window_crowd for a crowd discount)
 * and emits one finding naming them all (rule_window_emit).
 *
 * The windows are the rule's global state: rule_windows_save writes each
 * changed one as one entry (key → "start \t staff[/carried] \t actor \t own
 * \t actor \t own ...", actors by name), rule_windows_load reads them back.
 * Used by protected and first_use. */
#ifndef WACHTER_RULE_WINDOW_H
#define WACHTER_RULE_WINDOW_H
#include <stddef.h>
#include <stdint.h>

#include "detect/rule.h"
#include "store/store_alerts.h"
#include "util/strmap.h"

/* Actors a window names (the store's limit for one alert) and the names a
 * crowd's reason lists. */
enum { RULE_WINDOW_NAMED = STORE_ALERT_ACTORS, RULE_WINDOW_REASON_NAMES = 8 };

/* The current window of one key: the alert it makes. */
typedef struct rule_window {
    int64_t start;  /* ms of its first finding: names the alert */
    int32_t first;  /* that finding's actor: the alert's actor */
    uint32_t staff; /* distinct actors (past RULE_WINDOW_NAMED, findings) */
    /* The staff of the window before, when this one opened within `hours`
     * of its end, less those of them in this one too: a crowd that goes on
     * into the next day (the news of the afternoon, read the next morning)
     * is still a crowd; one person looking again the next day is not. */
    uint32_t carried;
    /* The window before's actors not (yet) in this one: nprev of them.
     * Not saved: after a restart, an actor of the window before who comes
     * again counts twice. */
    uint32_t nprev;
    int32_t prev[RULE_WINDOW_NAMED];
    uint32_t n; /* actors named */
    int32_t actor[RULE_WINDOW_NAMED];
    float own[RULE_WINDOW_NAMED]; /* each one's own score, before the crowd */
} rule_window;

typedef struct rule_windows {
    strmap *keys; /* key: index in w */
    rule_window *w;
    size_t cap;
    uint8_t *dirty; /* per window: changed since the last save */
    int hours;      /* a window's length from its first finding */
} rule_windows;

/* Sets ws up for windows of `hours`. Returns 0, or -1 when out of memory. */
int rule_windows_init(rule_windows *ws, int hours);
void rule_windows_free(rule_windows *ws);
/* The window of key (made room for, zeroed when new); its index through
 * *idp. NULL when out of memory. */
rule_window *rule_windows_of(rule_windows *ws, const char *key, uint32_t *idp);
/* Is ts within ws->hours of the start of w (a window in use)? */
int rule_window_current(const rule_windows *ws, const rule_window *w, int64_t ts);
/* Adds actor's finding at ts, of their own score own, to window id (a new
 * window when ts is not within ws->hours of its start, carrying the old
 * one's staff when it follows within ws->hours of its end), keeping the
 * larger of an actor's scores; marks it changed. */
void rule_windows_join(rule_windows *ws, uint32_t id, int32_t actor, int64_t ts, double own);
/* What each of `staff` actors in a window weighs of what they would
 * alone: 1 up to `crowd` staff, then sqrt(crowd / staff), never below
 * `floor`. */
double rule_window_crowd(uint32_t staff, double crowd, double floor);
/* Appends "by N staff within H hours: a, b, c and M more" (the first
 * RULE_WINDOW_REASON_NAMES names), and ", after M staff in the H hours
 * before" when the window carries a crowd, to the string in out (size
 * bytes). */
void rule_window_reason(const refdata *r, const rule_windows *ws, const rule_window *w, char *out,
                        size_t size);
/* Emits the finding of window w (of key) about e: the alert named by key
 * and w's start, w's first actor's, naming w's n actors with what each
 * weighs (weight, w->n of them), scoring the most of those. 0, or -1 when
 * out of memory. */
int rule_window_emit(rule_ctx *rc, const rule_window *w, const char *key, const det_event *e,
                     int severity, const double *weight, const char *reason);
/* The save and load hooks' work: the windows changed since the last save
 * (all of them when all is set), and windows from saved entries. 0, or
 * -1 (out of memory, or rule_kv_put's failure). */
int rule_windows_save(rule_ctx *rc, rule_windows *ws, int all);
int rule_windows_load(rule_ctx *rc, rule_windows *ws, const kv_entry *kv, size_t n);
#endif

/* rule — the plug-in interface every detection implements.
 *
 * A rule is one file with one rule_def. The engine gives each rule a fixed
 * slot of per-actor state (zeroed at an actor's first event, persisted in
 * the store between runs) and an optional global state the rule saves and
 * loads itself. Rules report findings; the engine merges the findings of
 * one rule, actor and group (by default the day) into one alert. */
#ifndef WACHTER_RULE_H
#define WACHTER_RULE_H
#include <stddef.h>
#include <stdint.h>

#include "enrich/explain.h"
#include "enrich/refdata.h"
#include "normalise/event.h"
#include "util/buf.h"
#include "util/kv.h"
#include "util/werr.h"

enum { SEV_LOW = 1, SEV_MEDIUM = 2, SEV_HIGH = 3, SEV_CRITICAL = 4 };

/* What the engine knows of an actor before the current event. */
typedef struct det_base {
    int64_t first_ts, last_ts;
    uint64_t events;
    int32_t day;          /* day (UTC) of the last event */
    uint32_t active_days; /* days with at least one event */
    uint32_t day_events;  /* events on that day */
} det_base;

/* The window before a known end date and how much more findings in it
 * weigh: the departing rule's parameters, which other rules read too
 * (rule_depart_days, below). */
typedef struct rule_depart {
    int32_t days;  /* the window's length */
    double weight; /* findings in it weigh this many times more */
} rule_depart;

/* One enriched event, as rules see it. Everything is borrowed for the call. */
typedef struct det_event {
    const ev_event *ev;
    int32_t actor; /* refdata actor id */
    const ref_actor *who;
    int32_t subject;         /* refdata subject id, REF_NONE when unknown or absent */
    const ref_subject *subj; /* NULL when subject is REF_NONE */
    explain ex;
    int unexplained; /* explain_is_unexplained(ex.status) */
    /* The event states a case (ev->case_id) that the case register does not
     * hold, whatever else explains it. */
    int stated_unknown;
    int32_t day; /* days since 1970 (UTC) */
    int hour;    /* 0..23 (UTC) */
    /* Days from the first day the store holds events of (anyone's) to e:
     * 0 on that day. A store may begin in the middle of a history (a
     * month of logs ingested at once): its first days are warm-up for
     * everyone (rule_warm). */
    int32_t store_day;
    const det_base *base;
    const rule_depart *depart; /* the departing window in force (rule_depart_days) */
} det_event;

typedef struct det_finding {
    int32_t actor;
    int64_t ts;
    int severity;       /* SEV_* */
    double score;       /* 0..100: how much this should weigh in the risk */
    const char *reason; /* one sentence for a person; copied */
    const char *group;  /* NULL: one alert per day; else this key; copied */
    const char *const *events, *const *subjects; /* n entries; copied */
    size_t n;
    /* An alert about one subject that several actors share (protected):
     * the nactors actors it names, each with what it weighs in their risk
     * (actor_scores), replacing those of earlier findings of the alert,
     * whose reason this finding's replaces too (it describes them all).
     * 0: the alert is actor's alone. Copied. */
    const int32_t *actors;
    const double *actor_scores;
    size_t nactors;
    /* The subject the finding is about, in a few words, for an alert that
     * merges several ("B before incident I-7 (arson)"); NULL: its subject
     * when it has one event. Copied, cut to ALERT_ITEM_LEN
     * (detect/alert_text.h). */
    const char *item;
} det_finding;

typedef struct rule_ctx rule_ctx;

/* One parameter of a rule: a threshold or window an operator may set in
 * the rules configuration (`wachter rules load FILE`, README "Configuring
 * detection") as `RULE.NAME = VALUE`. The engine hands the values in force
 * to the rule (rule_params), in the order of the rule's table; the rule
 * reads them by index, never by name (docs/rules.md). */
typedef struct rule_param {
    const char *name;     /* [a-z0-9_]+, unique within the rule */
    double def, min, max; /* the default (today's behaviour) and the range taken */
    int whole;            /* 1: a whole number */
    const char *unit;     /* what it counts, e.g. "days", "records" */
    const char *doc;      /* one line for an operator: what it decides */
} rule_param;

typedef struct rule_def {
    const char *name;
    /* The version of what the rule saves (its per-actor slot and global
     * entries), from 1: raise it whenever their meaning or layout changes.
     * State saved under another version is not loaded: this rule learns
     * again, every other rule keeps what it learned. */
    uint32_t version;
    size_t actor_state; /* bytes of per-actor state (plain data), 0 for none */
    /* The rule's parameters (nparams of them, NULL for none). Changing one
     * changes what the rule judges from now on, never what it has learned:
     * parameters are not part of the saved state or its version. */
    const rule_param *params;
    size_t nparams;
    /* Set when the rule's alerts about one actor are the growth of one
     * finding (protected's count of protected records, each alert scoring
     * what it adds): risk adds them in full, where it weighs a rule's
     * repeated findings less and less. */
    int cumulative;
    /* All hooks are optional. Those returning int return 0, or -1 on
     * failure (out of memory), having set e where they take one (else the
     * engine says which rule failed): the ingest fails rather than skip
     * the rule's work unseen. */
    int (*init)(rule_ctx *rc, werr *e);
    /* Runs for every event: the hot path, so no werr; -1 means out of
     * memory (e.g. rule_emit's). */
    int (*on_event)(rule_ctx *rc, void *actor_state, const det_event *e);
    /* A few events ahead of an event about subject (a refdata id): starts
     * fetching the state on_event will read for it (a hint). */
    void (*prefetch)(rule_ctx *rc, int32_t subject);
    int (*flush)(rule_ctx *rc, werr *e); /* end of an ingest: whole-population analyses */
    /* Global state is kept as key/value entries: save writes the entries
     * changed since the last save with rule_kv_put (all of them when all is
     * set: a full copy); load gets them in the order saved, up to KV_BATCH
     * at a time, a later entry for a key replacing an earlier one. */
    int (*save)(rule_ctx *rc, int all, werr *e);
    int (*load)(rule_ctx *rc, const kv_entry *kv, size_t n, werr *e);
    void (*free)(rule_ctx *rc);
} rule_def;

/* The values in force of the rule's parameters (rule_def.params), index
 * for index: the configured ones, else the defaults. Fixed for the
 * engine's life, so a rule may read them in init or on each event (an
 * array read). Borrowed; NULL for a rule without parameters. */
const double *rule_params(rule_ctx *rc);
/* Reports a finding. Returns 0, or -1 when out of memory. */
int rule_emit(rule_ctx *rc, const det_finding *f);
/* Reports a finding about the event e itself. */
int rule_emit_event(rule_ctx *rc, const det_event *e, int severity, double score,
                    const char *reason);
/* The same, naming what it is about (det_finding's item). */
int rule_emit_event_item(rule_ctx *rc, const det_event *e, int severity, double score,
                         const char *reason, const char *item);
/* Persists one entry of the rule's global state (inside det_save only;
 * without a store it does nothing). Returns 0, or -1 with the save's werr
 * set. */
int rule_kv_put(rule_ctx *rc, const char *key, const void *p, size_t n);
/* This rule's state slot for any actor id (for peer comparisons). */
void *rule_actor_state(rule_ctx *rc, int32_t actor);
const det_base *rule_actor_base(rule_ctx *rc, int32_t actor);
size_t rule_actor_count(rule_ctx *rc);
const refdata *rule_refdata(rule_ctx *rc);
void *rule_global(rule_ctx *rc);
void rule_set_global(rule_ctx *rc, void *g);

/* Per-peer-group caches for comparisons with peers, recomputed at most
 * once a day per group. rule_peer_cache_init gives the rule (in init) an
 * array of zeroed entries of entry_size bytes (plain data), one per peer
 * group, each beginning with an int32_t day; the engine owns it and saves
 * and loads it with the rule's state (under the rule's version), so that
 * an ingest resumed mid-day compares with the reference computed that
 * morning, as an uninterrupted one does. rule_peer_entry returns e's group
 * entry (NULL when the actor has no peer group) and sets *stale when it
 * was not computed for e's day yet (marking it as computed now). */
int rule_peer_cache_init(rule_ctx *rc, size_t entry_size);
void *rule_peer_entry(rule_ctx *rc, const det_event *e, size_t entry_size, int *stale);
/* A peer cache entry that holds one value: what three in four of the
 * group's members have reached. */
typedef struct rule_peer_p75_entry {
    int32_t day;
    uint32_t p75;
} rule_peer_p75_entry;
/* For a rule whose peer cache holds rule_peer_p75_entry: the value three
 * in four of e's actor's peers (e's actor left out, the first 512) have
 * reached, of the uint32_t at byte `field` of each peer's slot of this
 * rule; computed at most once a day per peer group. 0 without a group. */
uint32_t rule_peer_p75(rule_ctx *rc, const det_event *e, size_t field);
/* Not cached: of the uint32_t at byte `field` of the slots of e's actor's
 * peers (e's actor left out, the first 512), the value three in four have
 * reached (*p75) and the largest (*max); 0 and 0 without a group. For a
 * rule that caches more than one value per group. */
void rule_peer_spread(rule_ctx *rc, const det_event *e, size_t field, uint32_t *p75, uint32_t *max);
/* How likely by chance e's actor does something n times within window
 * days, judged by their peer group: the peers' count of it a day at work
 * (the uint32_t at byte `field` of each peer's slot of this rule, a count
 * kept since their first event, summed over the peers, e's actor left
 * out, over their days with an event; shrunk toward prior_rate with
 * prior_days pseudo-days and never below it) times the actor's days at
 * work in the window (those they have, at most window: an office week or
 * a rota has fewer, so this expects a little more) is *expect; returns
 * the Poisson tail P(X >= n), and *score what that weighs: 10 per order of
 * magnitude, at most 90. Not cached: for a rule that asks only when the
 * actor's own count is already high. */
double rule_peer_chance(rule_ctx *rc, const det_event *e, size_t field, double prior_rate,
                        double prior_days, int window, unsigned n, double *expect, double *score);
/* Frees a global state allocated with malloc (a free hook for rules). */
void rule_free_global(rule_ctx *rc);

/* Departing staff. An end date known ahead (actors.csv's `end`) opens a
 * window of departing.window_days before it, in which exports, prints,
 * bulk look-ups, enumeration, new systems and volume weigh
 * departing.weight times more (bulk, volume, first_use), and an export or
 * print without a case of departing.large records or more, or well above
 * what the actor's peers usually export, is an alert by itself
 * (departing). These are the departing rule's parameters (rule_departing.c,
 * README "Detections"); its init hands window and weight to the engine,
 * which gives them to every rule with each event (det_event.depart). The
 * defaults: */
enum { RULE_DEPART_DAYS = 30, RULE_DEPART_WEIGHT = 3, RULE_DEPART_LARGE = 500 };
/* Sets the window (days) and the weight det_event.depart holds for every
 * rule; the departing rule's init calls it with its parameters. */
void rule_depart_set(rule_ctx *rc, int32_t days, double weight);
/* Days (1..window, rounded up) from e to the actor's end date when e falls
 * in the window before it, else 0. With why (n bytes), also writes " in
 * the last N days before their end date (YYYY-MM-DD)". */
int rule_depart_days(const det_event *e, char *why, size_t n);

/* Warm-up. Rules that judge against a history (the actor's own baseline
 * or their peers') learn before they judge: no judgement against the
 * actor's own history before they have RULE_WARM_DAYS active days and
 * RULE_WARM_EVENTS events, and none against anyone's history in the
 * store's first RULE_WARM_STORE_DAYS days (then the peers have a week's
 * history between them). Rules that need no history (employment,
 * protected, relation, incident, departing, unknown_case) judge from the
 * first event. The defaults live here and nowhere else (README,
 * "Detections"). */
enum { RULE_WARM_DAYS = 5, RULE_WARM_EVENTS = 50, RULE_WARM_STORE_DAYS = 7 };
/* Has the store RULE_WARM_STORE_DAYS days of history before e: may a
 * rule compare e with what the actor's peers have done? */
int rule_store_warm(const det_event *e);
/* rule_store_warm, and has e's actor enough history of their own for
 * "unusual for this person" to mean much? */
int rule_warm(const det_event *e);

/* Does the case e states exist in the register, assigned to e's actor or
 * their unit, open (with explain's margins) at e's time? For an event
 * naming no subject (a list export), the stated case is all there is to
 * explain it; for one naming a subject, explain's EX_CASE says more. */
int rule_case_covers(const refdata *r, const det_event *e);
/* "2026-03-02" for a day number. */
void rule_day_str(int32_t day, char out[16]);
#endif

/* detect_int — the engine's insides, shared by detect.c (events, alerts,
 * the rule side of the interface) and det_state.c (the state saved
 * between ingests: its layout, versions, loading and saving). Private to
 * src/detect. */
#ifndef WACHTER_DETECT_INT_H
#define WACHTER_DETECT_INT_H
#include "detect/alert_batch.h"
#include "detect/detect.h"
#include "detect/rule.h"
#include "store/store_rulelog.h"
#include "util/strmap.h"

struct rule_ctx {
    det_engine *d;
    size_t idx;
    const double *params; /* values in force of the rule's parameters, in d->params */
    void *global;
    store_rulelog_size saved; /* of the rule's global state, in the store */
    /* The rule's peer cache (rule_peer_cache_init), NULL when it has none:
     * npeer entries of peer_size bytes, each beginning with the day it was
     * computed for; peer_saved, per entry, the day the store holds. Saved
     * by the engine as a log of its own (det_state.c), so that a resumed
     * ingest compares with the same peer reference as an uninterrupted
     * one. */
    unsigned char *peer;
    size_t peer_size, npeer;
    int32_t *peer_saved;
    store_rulelog_size peer_log;
};

/* A save of one rule's global state in progress (det_state_save). */
typedef struct saving {
    const char *name; /* of the log being saved */
    store *s;
    werr *e;
    buf row;        /* entries not stored yet */
    int snapshot;   /* the rule saves all its entries */
    int64_t first;  /* the first row stored by this save, 0 = none yet */
    size_t written; /* entry bytes stored by this save */
} saving;

struct det_engine {
    refdata *ref;
    const rule_def *const *rules;
    size_t nrules;
    const rule_def **own_rules; /* det_new_only's subset, owned; else NULL */
    rule_ctx *ctx;
    size_t *off, slot; /* per-actor state: base, then each rule's slot */
    unsigned char *state;
    uint8_t *dirty;
    size_t cap;
    /* The first day (since 1970) of any actor's events: the store's first
     * day, for the warm-up (rule_store_warm). INT32_MAX before any. Not
     * saved: the actors' first_ts give it back on loading. */
    int32_t day0;
    uint64_t layout;     /* id of the per-actor state's shape (det_state.c) */
    uint64_t legacy;     /* the id stores saved under before per-rule versions */
    alert_batch *alerts; /* raised since the last det_save */
    strmap *seen_ids;    /* alerts counted without a store */
    long alerts_new;
    det_alert_fn on_alert;
    void *on_alert_ctx;
    saving sv;          /* during det_save, for rule_kv_put */
    double *params;     /* every rule's parameter values, rule after rule; owned */
    rule_depart depart; /* the departing window every det_event points to */
    char **notes;       /* det_notes; owned */
    size_t nnotes;
    uint8_t *noted; /* per rule: a note says it learns again */
};

static inline det_base *det_base_of(det_engine *d, int32_t actor)
{
    return (det_base *)(d->state + (size_t)actor * d->slot);
}

/* Makes room for actor ids below n (zeroed state). 0 or -1 (memory). */
int det_reserve(det_engine *d, size_t n);

/* Sets each rule's slot offset, the slot size and the layout ids, and
 * each rule's context. d->rules, ctx and off must be there. */
void det_state_layout(det_engine *d);
/* Loads what earlier runs saved in s: actor states (each rule's part
 * where its version matches), rules' global state. A rule whose saved
 * state is of another version starts afresh, with a note. 0 or -1 with e. */
int det_state_load(det_engine *d, store *s, werr *e);
/* Writes changed actor states and the rules' global state into s. 0 or -1 with e. */
int det_state_save(det_engine *d, store *s, werr *e);
/* Frees what det_state_* allocated in d. */
void det_state_free(det_engine *d);
#endif

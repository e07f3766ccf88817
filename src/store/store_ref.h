/* store_ref — reading the reference tables (actors, subjects, protected
 * subjects, cases, case assignments, incidents) row by row, for the
 * in-memory reference data (enrich/refdata.h). Each reader calls fn once a
 * row with the row's fields, borrowed for that call only; text fields are
 * never NULL ("" when not given). fn returns 0 to go on, or -1 to stop,
 * having said why in the werr it shares with its caller. */
#ifndef WACHTER_STORE_REF_H
#define WACHTER_STORE_REF_H
#include <stdint.h>

#include "store/store.h"
#include "util/werr.h"

typedef struct store_ref_actor {
    const char *actor, *unit, *role, *person, *surname, *postcode, *house_number;
    int64_t start, end; /* employment, ms; 0 when not given */
} store_ref_actor;

typedef struct store_ref_subject {
    const char *subject, *surname, *postcode, *house_number;
} store_ref_subject;

typedef struct store_ref_protected {
    const char *subject, *category;
} store_ref_protected;

typedef struct store_ref_case {
    const char *case_id, *subject; /* one row per subject of the case */
    int64_t opened, closed;        /* ms; 0 when not given / still open */
} store_ref_case;

typedef struct store_ref_assignment {
    const char *case_id, *assignee; /* assignee: an actor, or "unit:" and a unit */
    int64_t from, to;               /* ms; to 0 = open-ended */
} store_ref_assignment;

typedef struct store_ref_incident {
    const char *subject, *incident, *kind;
    int64_t ts;
} store_ref_incident;

typedef struct store_ref_right {
    const char *actor, *system, *action; /* action: the log's, or "*" */
    int64_t granted, revoked;            /* ms; revoked 0 = still held */
} store_ref_right;

typedef int (*store_ref_actor_fn)(void *ctx, const store_ref_actor *row);
typedef int (*store_ref_subject_fn)(void *ctx, const store_ref_subject *row);
typedef int (*store_ref_protected_fn)(void *ctx, const store_ref_protected *row);
typedef int (*store_ref_case_fn)(void *ctx, const store_ref_case *row);
typedef int (*store_ref_assignment_fn)(void *ctx, const store_ref_assignment *row);
typedef int (*store_ref_incident_fn)(void *ctx, const store_ref_incident *row);
typedef int (*store_ref_right_fn)(void *ctx, const store_ref_right *row);

/* Every reader returns 0 when it has read every row, or -1 when fn stopped
 * it or the store failed (e set). */

/* Each actor's surname, postcode and house number only (the other fields
 * "" and 0): what the subjects are compared with, read before them. */
int store_ref_actor_places(store *s, store_ref_actor_fn fn, void *ctx, werr *e);
/* Each actor, all fields. */
int store_ref_actors(store *s, store_ref_actor_fn fn, void *ctx, werr *e);
/* *n: at least as many as there are subjects, found without counting them
 * (to reserve room before reading millions); 0 when unknown. 0 or -1. */
int store_ref_subject_bound(store *s, int64_t *n, werr *e);
/* Each listed subject. */
int store_ref_subjects(store *s, store_ref_subject_fn fn, void *ctx, werr *e);
/* Each protected subject with its category. */
int store_ref_protected_subjects(store *s, store_ref_protected_fn fn, void *ctx, werr *e);
/* Each (case, subject) pair, with the period that row gives the case. */
int store_ref_cases(store *s, store_ref_case_fn fn, void *ctx, werr *e);
/* The assignments grouped by case (in the order of the cases' names). */
int store_ref_assignments(store *s, store_ref_assignment_fn fn, void *ctx, werr *e);
/* The incidents grouped by subject, each subject's in time order. */
int store_ref_incidents(store *s, store_ref_incident_fn fn, void *ctx, werr *e);
/* The rights of rights.csv (store_rights.h has them with their last use),
 * by actor, system, action and granted. */
int store_ref_rights(store *s, store_ref_right_fn fn, void *ctx, werr *e);
#endif

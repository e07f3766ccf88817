/* refdata — reference data held in memory for enrichment: staff, subjects,
 * cases and their assignments, protected subjects, incidents. Loaded from
 * the store once per command (from a cached copy when the store has one:
 * refdata_cache.h); lookups are by dense integer ids. */
#ifndef WACHTER_REFDATA_H
#define WACHTER_REFDATA_H
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "util/strmap.h"
#include "util/werr.h"

typedef struct refdata refdata;

enum { REF_NONE = -1 };
enum ref_protect { PROT_NONE, PROT_EMPLOYEE, PROT_VIP, PROT_SENSITIVE, PROT_OTHER };

typedef struct ref_actor {
    const char *name;                /* borrowed from refdata */
    int known;                       /* listed in actors.csv */
    int64_t start, end;              /* employment, ms; 0 = not given */
    int32_t unit, peer;              /* unit id, peer group (unit + role) id; REF_NONE if unknown */
    int32_t person;                  /* subject id of the employee's own record, or REF_NONE */
    int32_t surname, addr, postcode; /* ids, or REF_NONE */
} ref_actor;

typedef struct ref_subject {
    /* The actor's ids when some actor has the same surname, address or
     * postcode (all a comparison with staff needs), else REF_NONE. */
    int32_t surname, addr, postcode;
    uint8_t protect;           /* enum ref_protect */
    uint32_t case0, ncases;    /* into refdata_subject_case */
    uint32_t inc0, nincidents; /* into refdata_incident */
} ref_subject;

typedef struct ref_case {
    const char *name;
    int64_t opened, closed; /* 0 = not given / still open */
    uint32_t asg0, nasg;    /* into refdata_assignment */
} ref_case;

typedef struct ref_assignment {
    int32_t actor, unit; /* one of them is REF_NONE */
    int64_t from, to;    /* to 0 = open-ended */
} ref_assignment;

typedef struct ref_incident {
    const char *name, *kind;
    int64_t ts;
} ref_incident;

/* A period a right is held: from its grant to its revocation (ms; to 0:
 * still held). */
typedef struct ref_span {
    int64_t from, to;
} ref_span;

/* Loads all reference data from the store. Returns 0, or -1 (e set).
 * *out is owned by the caller: refdata_free it. threads: 1 to use this
 * thread only, 2 to read the cached copy (refdata_cache.h) in two, 0 as
 * cpus_threads(0): two where the machine has two cores or more. */
int refdata_load(store *s, int threads, refdata **out, werr *e);
void refdata_free(refdata *r);
/* 1 when r was read from the store's cached copy (refdata_cache.h), 0 when
 * from the tables: then the caller may write the copy for the next start. */
int refdata_cached(const refdata *r);

/* Actor id by name, REF_NONE when never seen. */
int32_t refdata_actor_find(const refdata *r, const char *name);
/* Actor id by name; an actor not in actors.csv is added as unknown.
 * Returns the id, or REF_NONE when out of memory. */
int32_t refdata_actor_intern(refdata *r, const char *name);
/* A copy of the actor map as it is now, for another thread to find actor
 * ids in while this one adds actors: an id found there is the same here.
 * Owned by the caller (strmap_free); NULL when out of memory. */
strmap *refdata_actor_index(const refdata *r);
const ref_actor *refdata_actor(const refdata *r, int32_t id);
size_t refdata_actor_count(const refdata *r);
size_t refdata_known_actor_count(const refdata *r);
const char *refdata_unit_name(const refdata *r, int32_t unit);
size_t refdata_peer_count(const refdata *r);
/* Peer group id's name (its unit and role), borrowed: the same group's
 * name in every run, where its id may change with the reference data. */
const char *refdata_peer_name(const refdata *r, int32_t peer);
/* The id of the peer group named name (refdata_peer_name), or REF_NONE. */
int32_t refdata_peer_find(const refdata *r, const char *name);
/* Number of known actors in peer group id. */
uint32_t refdata_peer_size(const refdata *r, int32_t peer);
/* Every actor (known or not) in peer group id, ascending; *n of them. */
const int32_t *refdata_peer_members(const refdata *r, int32_t peer, size_t *n);

/* Subject id by name, REF_NONE when not in any reference file. */
int32_t refdata_subject_find(const refdata *r, const char *name);
/* refdata_subject_find for n names at once, faster: ids[i] for names[i]. */
void refdata_subject_find_many(const refdata *r, const char *const *names, size_t n, int32_t *ids);
const ref_subject *refdata_subject(const refdata *r, int32_t id);
const char *refdata_subject_name(const refdata *r, int32_t id);
size_t refdata_subject_count(const refdata *r);
/* How many subjects share this surname / this address (households); only
 * counted for surnames and addresses some actor has. */
uint32_t refdata_surname_count(const refdata *r, int32_t surname);
uint32_t refdata_addr_count(const refdata *r, int32_t addr);
const char *refdata_protect_name(int protect);

/* Case id of the i-th case of a subject (i < ncases). */
uint32_t refdata_subject_case(const refdata *r, const ref_subject *s, uint32_t i);
/* Starts fetching s's case list into the cache (a hint). */
void refdata_subject_case_prefetch(const refdata *r, const ref_subject *s);
const ref_case *refdata_case(const refdata *r, uint32_t id);
int32_t refdata_case_find(const refdata *r, const char *name);
/* refdata_case_find for n names at once, faster: ids[i] for names[i]. */
void refdata_case_find_many(const refdata *r, const char *const *names, size_t n, int32_t *ids);
size_t refdata_case_count(const refdata *r);
const ref_assignment *refdata_assignment(const refdata *r, uint32_t i);
const ref_incident *refdata_incident(const refdata *r, uint32_t i);

/* Rights (rights.csv). Whether rights.csv names system at all: only
 * there is a use without a right a finding (rule unauthorised). 0 at
 * once when no rights are loaded. */
int refdata_rights_checks(const refdata *r, const char *system);
/* 1 when actor (an account) held, at ts, a right to action on system,
 * or a right "*" to every action on it; action compared without regard
 * to ASCII case. 0 when not. */
int refdata_right_held(const refdata *r, const char *actor, const char *system, const char *action,
                       int64_t ts);
/* For a use that no right covers (refdata_right_held 0): " (their right
 * brp:view ended 2026-02-28)" or " (their right brp:* began only
 * 2026-03-10)" when actor held or holds one to it at another time, else
 * "", into out (n bytes). */
void refdata_right_missing(const refdata *r, const char *actor, const char *system,
                           const char *action, int64_t ts, char *out, size_t n);
/* The number of rights (periods) loaded. */
size_t refdata_rights_count(const refdata *r);
#endif

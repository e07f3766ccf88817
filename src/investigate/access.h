/* access — look-ups read back from the store for an investigation, each
 * with the explanation the detection engine would give it, in words. */
#ifndef WACHTER_ACCESS_H
#define WACHTER_ACCESS_H
#include <stddef.h>
#include <stdint.h>

#include "enrich/explain.h"
#include "enrich/refdata.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/werr.h"

typedef struct inv_access {
    const char *id, *actor, *system, *action, *subject, *subject_type, *case_id, *purpose;
    int64_t ts;
    explain ex; /* set by inv_accesses_explain */
} inv_access;

/* A list of accesses; strings live in its arena. Zero-initialise, fill,
 * then inv_accesses_free. */
typedef struct inv_accesses {
    inv_access *v;
    size_t n, cap;
    arena *strings;
} inv_accesses;

/* Appends every access to subject (or by actor) with from <= ts <= to,
 * oldest first, read through the subject's or actor's postings.
 * Returns 0 or -1 (store error or out of memory). */
int inv_accesses_of_subject(store *s, const char *subject, int64_t from, int64_t to,
                            inv_accesses *out);
int inv_accesses_of_actor(store *s, const char *actor, int64_t from, int64_t to, inv_accesses *out);
/* inv_accesses_of_actor for the newest `newest` only (0: all); *found:
 * how many there are in the period. */
int inv_accesses_of_actor_newest(store *s, const char *actor, int64_t from, int64_t to,
                                 size_t newest, size_t *found, inv_accesses *out);
/* Appends one access (strings copied). Returns 0 or -1. */
int inv_accesses_add(inv_accesses *a, const inv_access *x);
void inv_accesses_free(inv_accesses *a);

/* Explains every access in a, loading the reference data it needs (see
 * scope.h). *ref receives that reference data, owned: refdata_free it.
 * Returns 0, or -1 with e set. */
int inv_accesses_explain(store *s, inv_accesses *a, refdata **ref, werr *e);

/* The explanation of x in words for a person, e.g. "case Z-12, assigned
 * to unit burgerzaken" or "no case links this subject to them or their
 * unit at that time". */
void inv_explain_words(const refdata *r, const inv_access *x, char *out, size_t n);
/* A short code for programs: "case", "none", "mismatch", "unverified", "n/a". */
const char *inv_explain_code(ex_status st);
#endif

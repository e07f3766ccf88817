/* explain — is an access covered by a case that links its subject to the
 * actor or the actor's unit, around the time of the access? */
#ifndef WACHTER_EXPLAIN_H
#define WACHTER_EXPLAIN_H
#include <stdint.h>

#include "enrich/refdata.h"

typedef enum ex_status {
    EX_NA,   /* no subject (a search, an export): nothing to explain */
    EX_CASE, /* a registered case covers it */
    /* A case was stated that the case register does not hold: a claim typed
     * by the person monitored, so unverified, and unexplained. */
    EX_UNVERIFIED,
    EX_NONE,     /* no case covers it */
    EX_MISMATCH, /* the stated case exists but does not cover this subject/actor */
} ex_status;

typedef struct explain {
    ex_status status;
    int32_t kase; /* covering (or stated, for EX_MISMATCH) case id, or REF_NONE */
} explain;

/* A look-up may come before its case is registered, and work may go on a
 * little after it closes: these margins keep such accesses explained. */
#define EX_BEFORE_MS (INT64_C(3) * 86400000)
#define EX_AFTER_MS (INT64_C(7) * 86400000)

/* Explains one access by actor (id, REF_NONE when unknown) to subject
 * (REF_NONE when not in the reference data) at ts, with the case the
 * source recorded (may be ""). has_subject says whether the event names
 * a subject at all. */
explain explain_access(const refdata *r, int32_t actor, int has_subject, int32_t subject,
                       const char *stated_case, int64_t ts);
/* explain_access with the stated case looked up already: has_stated says
 * whether one was recorded, stated is its id (REF_NONE: not registered). */
explain explain_access_id(const refdata *r, int32_t actor, int has_subject, int32_t subject,
                          int has_stated, int32_t stated, int64_t ts);
/* Does case kase (a refdata case id; REF_NONE: no) cover actor at ts: is
 * it assigned to the actor or their unit, open (with the margins above)
 * then? What explains an access that names no subject (an exported list):
 * the case it states is all there is. */
int explain_case_covers(const refdata *r, int32_t kase, int32_t actor, int64_t ts);
/* 1 when the access counts as unexplained (EX_NONE, EX_MISMATCH or
 * EX_UNVERIFIED: only a case the register confirms explains). */
int explain_is_unexplained(ex_status st);
/* Words for a person: "explained", "no case", "unverified". */
const char *explain_status_name(ex_status st);
#endif

#include "enrich/explain.h"

#include <string.h>

static int within(int64_t ts, int64_t from, int64_t to)
{
    if (from > 0 && ts < from - EX_BEFORE_MS) return 0;
    if (to > 0 && ts > to + EX_AFTER_MS) return 0;
    return 1;
}

/* Does case k cover actor a at ts? */
static int covers(const refdata *r, const ref_case *k, int32_t actor, int64_t ts)
{
    if (!within(ts, k->opened, k->closed)) return 0;
    const ref_actor *a = actor != REF_NONE ? refdata_actor(r, actor) : NULL;
    for (uint32_t i = 0; i < k->nasg; i++) {
        const ref_assignment *g = refdata_assignment(r, k->asg0 + i);
        int who = (g->actor != REF_NONE && g->actor == actor) ||
                  (g->unit != REF_NONE && a && g->unit == a->unit);
        if (who && within(ts, g->from, g->to)) return 1;
    }
    return 0;
}

int explain_case_covers(const refdata *r, int32_t kase, int32_t actor, int64_t ts)
{
    return kase != REF_NONE && covers(r, refdata_case(r, (uint32_t)kase), actor, ts);
}

explain explain_access(const refdata *r, int32_t actor, int has_subject, int32_t subject,
                       const char *stated_case, int64_t ts)
{
    if (!has_subject) return (explain){EX_NA, REF_NONE};
    int32_t stated = stated_case[0] ? refdata_case_find(r, stated_case) : REF_NONE;
    return explain_access_id(r, actor, has_subject, subject, stated_case[0] != 0, stated, ts);
}

explain explain_access_id(const refdata *r, int32_t actor, int has_subject, int32_t subject,
                          int has_stated, int32_t stated, int64_t ts)
{
    explain e = {EX_NA, REF_NONE};
    if (!has_subject) return e;
    if (subject != REF_NONE) {
        const ref_subject *s = refdata_subject(r, subject);
        /* The stated case first: it is the explanation the actor gave. */
        for (uint32_t i = 0; i < s->ncases; i++) {
            uint32_t c = refdata_subject_case(r, s, i);
            if ((int32_t)c == stated && covers(r, refdata_case(r, c), actor, ts))
                return (explain){EX_CASE, (int32_t)c};
        }
        for (uint32_t i = 0; i < s->ncases; i++) {
            uint32_t c = refdata_subject_case(r, s, i);
            if (covers(r, refdata_case(r, c), actor, ts)) return (explain){EX_CASE, (int32_t)c};
        }
    }
    if (has_stated) return (explain){stated == REF_NONE ? EX_UNVERIFIED : EX_MISMATCH, stated};
    return (explain){EX_NONE, REF_NONE};
}

int explain_is_unexplained(ex_status st)
{
    return st == EX_NONE || st == EX_MISMATCH || st == EX_UNVERIFIED;
}

const char *explain_status_name(ex_status st)
{
    switch (st) {
    case EX_NA:
        return "n/a";
    case EX_CASE:
        return "explained";
    case EX_UNVERIFIED:
        return "unverified: stated case not in register";
    case EX_NONE:
        return "no case";
    case EX_MISMATCH:
        return "stated case does not cover it";
    }
    return "";
}

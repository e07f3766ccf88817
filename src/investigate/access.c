#include "investigate/access.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "investigate/scope.h"
#include "store/store_access.h"
#include "util/strmap.h"

int inv_accesses_add(inv_accesses *a, const inv_access *x)
{
    if (!a->strings && !(a->strings = arena_new(0))) return -1;
    if (a->n == a->cap) {
        size_t nc = a->cap ? a->cap * 2 : 64;
        inv_access *nv = realloc(a->v, nc * sizeof *nv);
        if (!nv) return -1;
        a->v = nv;
        a->cap = nc;
    }
    inv_access *y = &a->v[a->n];
    *y = *x;
    const char **f[] = {&y->id,      &y->actor,        &y->system,  &y->action,
                        &y->subject, &y->subject_type, &y->case_id, &y->purpose};
    for (size_t i = 0; i < sizeof f / sizeof *f; i++)
        if (!(*f[i] = arena_strdup(a->strings, *f[i] ? *f[i] : ""))) return -1;
    a->n++;
    return 0;
}

/* Appends one row the store read. */
static int add_row(const store_access *r, void *ctx)
{
    inv_access x = {r->id,           r->actor,   r->system,  r->action, r->subject,
                    r->subject_type, r->case_id, r->purpose, r->ts,     {EX_NA, REF_NONE}};
    return inv_accesses_add(ctx, &x);
}

int inv_accesses_of_subject(store *s, const char *subject, int64_t from, int64_t to,
                            inv_accesses *out)
{
    return store_accesses_to(s, subject, from, to, add_row, out) == 0 ? 0 : -1;
}

int inv_accesses_of_actor(store *s, const char *actor, int64_t from, int64_t to, inv_accesses *out)
{
    return store_accesses_by(s, actor, from, to, add_row, out) == 0 ? 0 : -1;
}

int inv_accesses_of_actor_newest(store *s, const char *actor, int64_t from, int64_t to,
                                 size_t newest, size_t *found, inv_accesses *out)
{
    return store_accesses_by_newest(s, actor, from, to, newest, found, add_row, out) == 0 ? 0 : -1;
}

void inv_accesses_free(inv_accesses *a)
{
    free(a->v);
    arena_free(a->strings);
    memset(a, 0, sizeof *a);
}

/* The distinct subjects, stated cases and actors of a. */
static int distinct(const inv_accesses *a, strmap *subjects, strmap *cases, strmap *actors)
{
    for (size_t i = 0; i < a->n; i++) {
        uint32_t id;
        const inv_access *x = &a->v[i];
        if (x->subject[0] && strmap_intern(subjects, x->subject, strlen(x->subject), &id) < 0)
            return -1;
        if (x->case_id[0] && strmap_intern(cases, x->case_id, strlen(x->case_id), &id) < 0)
            return -1;
        if (strmap_intern(actors, x->actor, strlen(x->actor), &id) < 0) return -1;
    }
    return 0;
}

static const char **keys_of(const strmap *m)
{
    const char **v = malloc((strmap_count(m) + 1) * sizeof *v);
    for (uint32_t i = 0; v && i < strmap_count(m); i++)
        v[i] = strmap_key(m, i);
    return v;
}

int inv_accesses_explain(store *s, inv_accesses *a, refdata **ref, werr *e)
{
    strmap *subjects = strmap_new(), *cases = strmap_new(), *actors = strmap_new();
    const char **sv = NULL, **cv = NULL, **av = NULL;
    int rc = -1;
    *ref = NULL;
    if (!subjects || !cases || !actors || distinct(a, subjects, cases, actors) < 0 ||
        !(sv = keys_of(subjects)) || !(cv = keys_of(cases)) || !(av = keys_of(actors))) {
        werr_set(e, WERR_INTERNAL, "out of memory");
        goto fail;
    }
    inv_scope want = {
        sv, cv, av, strmap_count(subjects), strmap_count(cases), strmap_count(actors)};
    if (inv_scope_load(s, &want, ref, e) < 0) goto fail;
    for (size_t i = 0; i < a->n; i++) {
        inv_access *x = &a->v[i];
        int32_t actor = refdata_actor_intern(*ref, x->actor);
        int32_t subj = x->subject[0] ? refdata_subject_find(*ref, x->subject) : REF_NONE;
        x->ex = explain_access(*ref, actor, x->subject[0] != 0, subj, x->case_id, x->ts);
    }
    rc = 0;
fail:
    free(sv);
    free(cv);
    free(av);
    strmap_free(subjects);
    strmap_free(cases);
    strmap_free(actors);
    return rc;
}

/* "them" when the case is assigned to the actor, else the unit's name. */
static const char *assigned_to(const refdata *r, const ref_case *k, int32_t actor, char *unit,
                               size_t n)
{
    const ref_actor *a = actor != REF_NONE ? refdata_actor(r, actor) : NULL;
    for (uint32_t i = 0; i < k->nasg; i++)
        if (refdata_assignment(r, k->asg0 + i)->actor == actor && actor != REF_NONE) return "them";
    snprintf(unit, n, "unit %s", a && a->unit != REF_NONE ? refdata_unit_name(r, a->unit) : "?");
    return unit;
}

void inv_explain_words(const refdata *r, const inv_access *x, char *out, size_t n)
{
    char unit[160];
    const char *stated = x->case_id;
    switch (x->ex.status) {
    case EX_NA:
        snprintf(out, n, "no subject named (a search or an export)");
        return;
    case EX_CASE: {
        const ref_case *k = refdata_case(r, (uint32_t)x->ex.kase);
        int32_t actor = refdata_actor_find(r, x->actor);
        snprintf(out, n, "case %s, assigned to %s", k->name,
                 assigned_to(r, k, actor, unit, sizeof unit));
        return;
    }
    case EX_UNVERIFIED:
        snprintf(out, n, "unverified: stated case %s is not in the case register", stated);
        return;
    case EX_MISMATCH:
        snprintf(out, n,
                 "stated case %s does not link this subject to them or their unit"
                 " at that time",
                 stated);
        return;
    case EX_NONE:
        snprintf(out, n, "no case links this subject to them or their unit at that time");
        return;
    }
    out[0] = 0;
}

const char *inv_explain_code(ex_status st)
{
    switch (st) {
    case EX_NA:
        return "n/a";
    case EX_CASE:
        return "case";
    case EX_UNVERIFIED:
        return "unverified";
    case EX_NONE:
        return "none";
    case EX_MISMATCH:
        return "mismatch";
    }
    return "";
}

#include "investigate/subject.h"

#include <stdlib.h>
#include <string.h>

#include "store/store_person.h"

static int add_other(const char *subject, void *ctx)
{
    inv_subject_page *p = ctx;
    const char *id = arena_strdup(p->strings, subject);
    if (!id) return -1;
    p->same[p->nsame++] = (inv_subject_accesses){id, {0}, NULL};
    return 0;
}

int inv_subject_page_load(store *s, const char *subject, int64_t from, int64_t to,
                          inv_subject_page *out, werr *e)
{
    if (!(out->strings = arena_new(0)) ||
        !(out->same = calloc(INV_SAME_ADDRESS_MAX, sizeof *out->same)) ||
        !(out->self.subject = arena_strdup(out->strings, subject)))
        return werr_set(e, WERR_INTERNAL, "out of memory");
    if (inv_who(s, subject, from, to, &out->self.acc, &out->self.ref, e) < 0) return -1;
    int rc = store_same_address(s, subject, INV_SAME_ADDRESS_MAX, add_other, out);
    if (rc != 0)
        return werr_set(e, rc < 0 ? WERR_UNAVAILABLE : WERR_INTERNAL,
                        "cannot read who lives at the address of %s: %s", subject,
                        rc < 0 ? store_errmsg(s) : "out of memory");
    for (size_t i = 0; i < out->nsame; i++) {
        inv_subject_accesses *o = &out->same[i];
        if (inv_who(s, o->subject, from, to, &o->acc, &o->ref, e) < 0) return -1;
    }
    return 0;
}

static void free_one(inv_subject_accesses *a)
{
    inv_accesses_free(&a->acc);
    refdata_free(a->ref);
}

void inv_subject_page_free(inv_subject_page *p)
{
    free_one(&p->self);
    for (size_t i = 0; i < p->nsame; i++)
        free_one(&p->same[i]);
    free(p->same);
    arena_free(p->strings);
    memset(p, 0, sizeof *p);
}

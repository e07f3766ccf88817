/* subject — a subject's page in the workbench: every access to the
 * subject, each explained or not and by what (who.h), and the others
 * registered at the same address with the accesses to each: a look-up of
 * a neighbour or a housemate belongs beside one of the subject. */
#ifndef WACHTER_SUBJECT_H
#define WACHTER_SUBJECT_H
#include "investigate/who.h"

/* At most this many others at one address are listed. */
enum { INV_SAME_ADDRESS_MAX = 20 };

/* One subject and the accesses to it, explained with ref. */
typedef struct inv_subject_accesses {
    const char *subject;
    inv_accesses acc;
    refdata *ref;
} inv_subject_accesses;

typedef struct inv_subject_page {
    inv_subject_accesses self;
    inv_subject_accesses *same; /* the others at the address, by id */
    size_t nsame;
    arena *strings;
} inv_subject_page;

/* Fills out (zero-initialised by the caller) with the accesses to
 * subject and to each other subject at its address, with from <= ts <=
 * to. 0, or -1 with e; free with inv_subject_page_free either way. */
int inv_subject_page_load(store *s, const char *subject, int64_t from, int64_t to,
                          inv_subject_page *out, werr *e);
void inv_subject_page_free(inv_subject_page *p);
#endif

/* alert_text — the words of an alert that merges several findings (one
 * rule, actor and group): the strongest finding's reason, then what each
 * finding is about ("B before incident I-7 (arson)", or the subject), up
 * to ALERT_ITEMS distinct items and "and others" for the rest (the
 * alert's events list them). An alert of one finding reads as its reason.
 * The parts are kept with the alert (store_alerts.h) so that findings
 * merged in a later commit, or by `incident add`, add to the same words. */
#ifndef WACHTER_ALERT_TEXT_H
#define WACHTER_ALERT_TEXT_H
#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

/* Items an alert names; bytes an item keeps (with its NUL). */
enum { ALERT_ITEMS = 8, ALERT_ITEM_LEN = 96 };

typedef struct alert_text {
    const char *lead; /* the strongest finding's reason (borrowed) */
    double score;     /* its score */
    /* What the findings were about, the first distinct ones (borrowed).
     * Distinct, not counted: a finding reported again (a re-run over the
     * same events) changes nothing. A finding about nothing named (a
     * summary, such as one pair of staff and their common subjects) is
     * not listed: an alert of such findings reads as its lead. */
    const char *items[ALERT_ITEMS];
    size_t nitems;
    int more; /* the findings were about more than items lists */
} alert_text;

/* The index of item in t's items, or -1. */
int alert_text_find(const alert_text *t, const char *item);
/* Merges what a later part of the alert found (add) into t: the lead of
 * the higher score (t's on a tie: it came first), add's items that t
 * lacks appended while there is room. t borrows add's strings. */
void alert_text_merge(alert_text *t, const alert_text *add);
/* Appends t's sentence to b: the lead alone when its findings are about
 * one thing, else "LEAD; this alert covers 3 subjects: A, B and C" (past
 * ALERT_ITEMS, "more than 8 subjects: A, ..., H and others"). 0 or -1. */
int alert_text_compose(buf *b, const alert_text *t);
/* Appends t's items to b, each ended by '\n' (their form in the store). */
int alert_text_join(buf *b, const alert_text *t);
/* Points t's items into s (the stored form; s is changed in place). */
void alert_text_split(alert_text *t, char *s);
#endif

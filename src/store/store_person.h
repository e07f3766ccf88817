/* store_person — what a person's and a subject's page in the workbench
 * need beyond the investigations: a member of staff's entry in the staff
 * register, their alerts' scores per day, and the subjects registered at
 * the same address as another. */
#ifndef WACHTER_STORE_PERSON_H
#define WACHTER_STORE_PERSON_H
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

/* actor's unit and role in the staff register (actors.csv) into unit and
 * role (each of size n, "" when not given); *found 0 when the register
 * does not list actor. 0 or -1. */
int store_person_register(store *s, const char *actor, int *found, char *unit, char *role,
                          size_t n);

/* actor's own record as a citizen (the register's person id) into
 * subject (size n; "" when the register gives none). 0 or -1. */
int store_person_subject(store *s, const char *actor, char *subject, size_t n);

/* Calls fn for each UTC day (its first ms) on which an alert that counts
 * for actor was raised (an explained-later one does not: store_alerts.h),
 * oldest first, with the sum of what those alerts weigh in actor's risk
 * (an alert naming several actors: actor's weight in it) and how many
 * there were. fn returns 0 to go on. 0, -1 on a store error, or fn's
 * non-zero value. */
typedef int (*store_day_fn)(int64_t day, double score, long alerts, void *ctx);
int store_person_alert_days(store *s, const char *actor, store_day_fn fn, void *ctx);

/* Calls fn for each subject registered (subjects.csv) at the postcode and
 * house number of subject, subject itself not, by id, at most limit of
 * them; none when subject has no address. fn returns 0 to go on. 0, -1
 * on a store error, or fn's non-zero value. */
typedef int (*store_subject_fn)(const char *subject, void *ctx);
int store_same_address(store *s, const char *subject, long limit, store_subject_fn fn, void *ctx);
#endif

/* ops_rights — authorisation reports over rights.csv and the access log
 * (README, "Authorisation reports"): rights not used in N days or never,
 * rights still held by people who left or are not in the staff register,
 * rights kept after a move to another unit or role, and segregation-of-
 * duties conflicts (conflicts.csv); and the rights one person holds.
 * Each as of a reference time: the newest event in the store, or one
 * given. */
#ifndef WACHTER_OPS_RIGHTS_H
#define WACHTER_OPS_RIGHTS_H
#include <stddef.h>
#include <stdint.h>

#include "store/store_rights_rep.h"

enum {
    OPS_RIGHTS_DAYS = 90, /* unused's default */
    OPS_RIGHTS_DAYS_MAX = 36500,
};

typedef struct ops_rights_opts {
    store_rights_kind kind;
    long days;      /* UNUSED: not used in this many days (0: the default) */
    const char *at; /* the reference time as given (a date, a time, epoch ms), NULL: */
                    /* the newest event's (now when there is none) */
    const char *system, *unit, *actor; /* NULL or "": any */
} ops_rights_opts;

typedef struct ops_rights_result {
    store_rights_kind kind;
    int64_t at; /* the reference time used (ms) */
    long days;  /* UNUSED */
    store_rights_row *rows;
    size_t n;
} ops_rights_result;

/* The report's kind from its name ("list", "unused", "leavers", "movers",
 * "conflicts"). 0 with *k, or -1 when name names none. */
int ops_rights_kind(const char *name, store_rights_kind *k);
/* The name of k ("unused"). */
const char *ops_rights_kind_name(store_rights_kind k);
/* Runs the report o asks for into *out (ops_rights_free it). WERR_INPUT
 * for a bad time or number of days. 0, or -1 with e. */
int ops_rights_report(store *s, const ops_rights_opts *o, ops_rights_result *out, werr *e);
void ops_rights_free(ops_rights_result *r);
#endif

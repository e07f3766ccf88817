/* demo_gen — synthetic organisation behind `wachter demo`: a municipality
 * with a population register, units, staff, cases and access logs, with
 * planted insider scenarios and hard benign cases, plus the truth about
 * both; or (kind port) a container terminal with a customs post, its
 * containers, vehicles, drivers and companies, visits and inspections
 * (docs/demo-port.md). Deterministic for a given seed. */
#ifndef WACHTER_DEMO_GEN_H
#define WACHTER_DEMO_GEN_H
#include "demo/demo.h" /* demo_truth, demo_plant: what wachter demo reads back */

#include <stddef.h>
#include <stdint.h>

enum { DEMO_KIND_MUNICIPALITY, DEMO_KIND_PORT };

typedef struct demo_opts {
    int actors;    /* staff accounts; at least DEMO_MIN_ACTORS */
    int days;      /* length of the period, starting 2026-09-01; at least DEMO_MIN_DAYS */
    uint64_t seed; /* same seed and sizes give byte-identical output */
    int kind;      /* DEMO_KIND_*; the municipality by default */
} demo_opts;

/* "municipality" or "port" → DEMO_KIND_*; -1 for another word. */
int demo_kind_parse(const char *name);

#define DEMO_MIN_ACTORS 60
#define DEMO_MIN_DAYS 10

/* Sets *o to the defaults: 1000 actors, 30 days, seed 1, the municipality. */
void demo_opts_init(demo_opts *o);

/* Writes the organisation of kind o->kind into directory dir (created if missing):
 * actors.csv, subjects.csv, cases.csv, case_assignments.csv, protected.csv,
 * incidents.csv, events.jsonl (sorted by ts) and truth.json.
 * o may be NULL for the defaults; a field <= 0 (actors, days) means its default.
 * Returns 0 with *out set (owned by the caller: demo_truth_free it), or -1
 * with a message in err (size errlen); then *out is NULL. */
int demo_generate(const demo_opts *o, const char *dir, demo_truth **out, char *err, size_t errlen);

/* demo_truth_free (demo/demo.h) frees the truth. */
#endif

/* wachter-orggen: a second organisation generator, written apart from the
 * demo's (tools/demogen) and from the detection code, for the evaluation
 * in bench/eval.sh. It knows only the input formats of README.md. See
 * docs/orggen.md for the organisations and scenarios it writes. */
#ifndef ORGGEN_H
#define ORGGEN_H

#include <stdint.h>
#include <stdio.h>

enum { ST_PERSON, ST_VEHICLE, ST_CONTAINER, ST_COMPANY, ST_N };
enum { PAT_OFFICE, PAT_SHIFT };
enum { CM_PERSONAL, CM_VISIT };

typedef struct {
    const char *name, *role;
    int permille; /* share of the staff */
    int pat, casemode;
    double perday;         /* look-ups on a working day */
    double nocase;         /* share of look-ups without a case */
    int mix[ST_N];         /* subject types of their look-ups (weights) */
    const char *sys[ST_N]; /* system per subject type */
    int routine_export;    /* exports long lists under a standing case */
    int precase;           /* looks at records before any case exists */
    int normal;            /* may host planted insiders and ordinary hard cases */
    int visit[3], nvisit;  /* subject types of one visit (CM_VISIT) */
} unit_def;

typedef struct {
    const char *name;
    const char *case_prefix, *visit_prefix;
    const unit_def *units;
    int nunits;
    int incident_type;
    const char *incident_kind;
    const char *person_sys; /* system for person look-ups of any unit */
    const char *vip_category;
    const char *late_unit, *night_unit, *handler_unit;
} kind_def;

const kind_def *orggen_kind(const char *name);

typedef struct {
    const kind_def *kind;
    uint64_t seed;
    int actors, days;
    const char *out;
} orggen_opts;

/* Writes DIR/ref (loaded before the ingest), DIR/late (loaded after it),
 * DIR/events.jsonl, DIR/truth.csv and DIR/meta.env. Returns 0, or -1 with
 * a message in err. */
int orggen_run(const orggen_opts *o, char *err, size_t errlen);

#endif

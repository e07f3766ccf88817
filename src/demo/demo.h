/* demo — the library's side of `wachter demo`. The organisation itself is
 * written by a separate tool (tools/demogen, built as wachter-demogen),
 * together with truth.json: which actors were planted as insiders and
 * which are hard benign cases. This reads that truth back, and holds what
 * the demo shows (emit/emit_demo.h renders it). */
#ifndef WACHTER_DEMO_H
#define WACHTER_DEMO_H
#include "pipeline/ingest.h"
#include "score/risk.h"
#include "util/werr.h"

#include <stddef.h>

typedef struct demo_plant {
    char scenario[32];     /* e.g. "address_finder" */
    char description[200]; /* one sentence for a person */
    char actors[4][32];    /* actor ids involved */
    int nactors;
    int benign; /* 1 = hard benign case that must NOT rank high */
} demo_plant;

typedef struct demo_truth {
    demo_plant *plants;
    size_t nplants;
    long events;
    int actors;
    int days;
} demo_truth;

/* Reads dir/truth.json as the generator wrote it. Returns 0 with *out set
 * (owned by the caller: demo_truth_free it), or -1 with e set (WERR_INPUT
 * for a missing or malformed file); then *out is NULL. */
int demo_truth_read(const char *dir, demo_truth **out, werr *e);

/* Frees a truth; NULL is fine. */
void demo_truth_free(demo_truth *t);

/* What the demo found: the truth against the ranking. Borrows all it
 * points to. */
typedef struct demo_result {
    const demo_truth *truth;
    const risk_row *rows; /* `wachter risk`, best first */
    size_t nrows;
    int cut; /* found = an insider ranks 1..cut (the top 2 % of staff) */
    ingest_stats ingest;
    long alerts;  /* alerts in the store */
    double gen_s; /* seconds the generator took */
} demo_result;

/* The top 2 % of staff (rounded up): ranks 1..demo_cut(actors) count as found. */
int demo_cut(int actors);
/* Best (lowest) rank among a plant's actors in rows; 0 when none ranked. */
int demo_plant_rank(const demo_plant *p, const risk_row *rows, size_t n);
/* The plant an actor belongs to, or NULL. */
const demo_plant *demo_plant_of(const demo_truth *t, const char *actor);
#endif

/* demo_truth — truth.json back into a demo_truth, and where its plants
 * rank. */
#include "demo/demo.h"

#include <cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The whole file, NUL-terminated; NULL when it cannot be read. */
static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *s = NULL;
    size_t n = 0, cap = 0;
    if (!f) return NULL;
    for (;;) {
        if (cap - n < 4096) {
            char *ns = realloc(s, cap = cap ? cap * 2 : 65536);
            if (!ns) break;
            s = ns;
        }
        size_t k = fread(s + n, 1, cap - n - 1, f);
        n += k;
        if (k == 0) {
            s[n] = 0;
            int bad = ferror(f);
            fclose(f);
            if (!bad) return s;
            free(s);
            return NULL;
        }
    }
    free(s);
    fclose(f);
    return NULL;
}

static void copy_str(char *dst, size_t n, const cJSON *v)
{
    snprintf(dst, n, "%s", cJSON_IsString(v) ? v->valuestring : "");
}

static int read_plant(const cJSON *j, demo_plant *p)
{
    const cJSON *actors = cJSON_GetObjectItemCaseSensitive(j, "actors");
    const cJSON *benign = cJSON_GetObjectItemCaseSensitive(j, "benign");
    if (!cJSON_IsObject(j) || !cJSON_IsArray(actors) || !cJSON_IsNumber(benign)) return -1;
    copy_str(p->scenario, sizeof p->scenario, cJSON_GetObjectItemCaseSensitive(j, "scenario"));
    copy_str(p->description, sizeof p->description,
             cJSON_GetObjectItemCaseSensitive(j, "description"));
    p->benign = benign->valueint;
    const cJSON *a;
    cJSON_ArrayForEach(a, actors)
    {
        if (p->nactors == (int)(sizeof p->actors / sizeof p->actors[0])) return -1;
        copy_str(p->actors[p->nactors++], sizeof p->actors[0], a);
    }
    return 0;
}

int demo_truth_read(const char *dir, demo_truth **out, werr *e)
{
    char path[4096];
    demo_truth *t = NULL;
    cJSON *j = NULL;
    *out = NULL;
    snprintf(path, sizeof path, "%s/truth.json", dir);
    char *text = slurp(path);
    if (!text) return werr_set(e, WERR_INPUT, "%s: cannot read", path);
    j = cJSON_Parse(text);
    free(text);
    const cJSON *plants = cJSON_GetObjectItemCaseSensitive(j, "plants");
    const cJSON *actors = cJSON_GetObjectItemCaseSensitive(j, "actors");
    const cJSON *days = cJSON_GetObjectItemCaseSensitive(j, "days");
    const cJSON *events = cJSON_GetObjectItemCaseSensitive(j, "events");
    if (!cJSON_IsArray(plants) || !cJSON_IsNumber(actors) || !cJSON_IsNumber(days) ||
        !cJSON_IsNumber(events)) {
        werr_set(e, WERR_INPUT, "%s: not the truth the demo generator writes", path);
        goto fail;
    }
    int n = cJSON_GetArraySize(plants);
    if (!(t = calloc(1, sizeof *t)) ||
        !(t->plants = calloc(n ? (size_t)n : 1, sizeof *t->plants))) {
        werr_set(e, WERR_INTERNAL, "out of memory reading %s", path);
        goto fail;
    }
    t->actors = actors->valueint;
    t->days = days->valueint;
    t->events = (long)events->valuedouble;
    const cJSON *p;
    cJSON_ArrayForEach(p, plants)
    {
        if (read_plant(p, &t->plants[t->nplants]) < 0) {
            werr_set(e, WERR_INPUT, "%s: plant %zu is malformed", path, t->nplants + 1);
            goto fail;
        }
        t->nplants++;
    }
    cJSON_Delete(j);
    *out = t;
    return 0;
fail:
    cJSON_Delete(j);
    demo_truth_free(t);
    return -1;
}

void demo_truth_free(demo_truth *t)
{
    if (!t) return;
    free(t->plants);
    free(t);
}

int demo_cut(int actors)
{
    return (int)ceil(0.02 * actors);
}

/* Rank of actor in rows, or 0 when they have no alerts at all. */
static int rank_of(const risk_row *rows, size_t n, const char *actor)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(rows[i].actor, actor) == 0) return rows[i].rank;
    return 0;
}

int demo_plant_rank(const demo_plant *p, const risk_row *rows, size_t n)
{
    int best = 0;
    for (int k = 0; k < p->nactors; k++) {
        int r = rank_of(rows, n, p->actors[k]);
        if (r && (!best || r < best)) best = r;
    }
    return best;
}

const demo_plant *demo_plant_of(const demo_truth *t, const char *actor)
{
    for (size_t i = 0; i < t->nplants; i++)
        for (int k = 0; k < t->plants[i].nactors; k++)
            if (strcmp(t->plants[i].actors[k], actor) == 0) return &t->plants[i];
    return NULL;
}

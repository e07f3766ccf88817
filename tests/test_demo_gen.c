/* test_demo_gen — the synthetic organisation: files and headers, events
 * sorted and valid JSON, a realistic unexplained share, every plant doing
 * normal work too, incidents after the address finder's look-ups,
 * determinism. Prints a short summary (events, per unit, unexplained %). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "demo_gen.h"
#include "normalise/ts.h"
#include "util/csvfile.h"
#include "util/strmap.h"

#define ACTORS 120
#define DAYS 14
#ifndef SEED
#define SEED 7 /* -DSEED=n to try others */
#endif
#define GRACE (48 * TS_HOUR_MS)

typedef struct lookup {
    int64_t ts;
    uint32_t actor, subj, client;
    int explained;
} lookup;

typedef struct fx {
    char dir[64], dir2[64];
    demo_truth *truth;
    long events;
    /* actors */
    strmap *actors;
    char unit[1024][32];
    int64_t start[1024], end[1024];
    /* subjects (any string id) → cases linking them, as linked lists */
    strmap *subj;
    int32_t *subj_head;
    size_t subj_cap;
    /* cases */
    strmap *cases;
    int64_t *opened, *closed;
    int32_t *asg_head;
    size_t case_cap;
    struct link {
        uint32_t kase;
        int32_t next;
    } * links;
    size_t nlinks, links_cap;
    struct asg {
        char who[40];
        int64_t from, to;
        int32_t next;
    } * asg;
    size_t nasg, asg_cap;
    /* events */
    lookup *lk;
    size_t nlk, lk_cap;
    strmap *clients;
    long unit_events[16];
    strmap *units;
} fx;

static void *grow(void *p, size_t *cap, size_t need, size_t sz)
{
    if (need <= *cap) return p;
    size_t nc = *cap ? *cap * 2 : 1024;
    while (nc < need)
        nc *= 2;
    p = realloc(p, nc * sz);
    assert_non_null(p);
    *cap = nc;
    return p;
}

static uint32_t intern(strmap *m, const char *s)
{
    uint32_t id;
    assert_true(strmap_intern(m, s, strlen(s), &id) >= 0);
    return id;
}

static int64_t when(const char *s) /* "" = open end */
{
    int64_t ms;
    if (!*s) return INT64_MAX;
    assert_int_equal(ts_parse(s, strlen(s), &ms), TS_OK);
    return ms;
}

typedef struct pathbuf {
    char s[256];
} pathbuf;

static const char *path(pathbuf *p, const char *dir, const char *name)
{
    snprintf(p->s, sizeof p->s, "%s/%s", dir, name);
    return p->s;
}

static void first_line(const char *dir, const char *name, char *out, size_t n)
{
    pathbuf p;
    FILE *f = fopen(path(&p, dir, name), "r");
    assert_non_null(f);
    assert_non_null(fgets(out, (int)n, f));
    out[strcspn(out, "\r\n")] = 0;
    fclose(f);
}

static csvfile *open_csv(const char *dir, const char *name)
{
    werr e = {0};
    pathbuf p;
    csvfile *f = NULL;
    if (csvfile_open(path(&p, dir, name), &f, &e) != 0) fail_msg("%s", e.msg);
    return f;
}

static void load_actors(fx *x)
{
    csvfile *f = open_csv(x->dir, "actors.csv");
    while (csvfile_next(f, &(werr){0}) == 1) {
        uint32_t a = intern(x->actors, csvfile_field(f, 0));
        assert_true(a < 1024);
        snprintf(x->unit[a], sizeof x->unit[a], "unit:%s", csvfile_field(f, 1));
        char s[32];
        snprintf(s, sizeof s, "%sT00:00:00Z", csvfile_field(f, 3));
        x->start[a] = when(s);
        const char *e = csvfile_field(f, 4);
        if (*e) snprintf(s, sizeof s, "%sT23:59:59Z", e);
        x->end[a] = *e ? when(s) : INT64_MAX;
    }
    csvfile_close(f);
}

static void subj_slot(fx *x, uint32_t s)
{
    size_t old = x->subj_cap;
    x->subj_head = grow(x->subj_head, &x->subj_cap, (size_t)s + 1, sizeof *x->subj_head);
    for (size_t i = old; i < x->subj_cap; i++)
        x->subj_head[i] = -1;
}

static void case_slot(fx *x, uint32_t k)
{
    size_t old = x->case_cap, cap = x->case_cap;
    x->opened = grow(x->opened, &cap, (size_t)k + 1, sizeof *x->opened);
    cap = old;
    x->closed = grow(x->closed, &cap, (size_t)k + 1, sizeof *x->closed);
    cap = old;
    x->asg_head = grow(x->asg_head, &cap, (size_t)k + 1, sizeof *x->asg_head);
    for (size_t i = old; i < cap; i++)
        x->asg_head[i] = -1;
    x->case_cap = cap;
}

static void load_cases(fx *x)
{
    csvfile *f = open_csv(x->dir, "cases.csv");
    while (csvfile_next(f, &(werr){0}) == 1) {
        uint32_t k = intern(x->cases, csvfile_field(f, 0));
        uint32_t s = intern(x->subj, csvfile_field(f, 1));
        case_slot(x, k);
        subj_slot(x, s);
        x->opened[k] = when(csvfile_field(f, 2));
        x->closed[k] = when(csvfile_field(f, 3));
        x->links = grow(x->links, &x->links_cap, x->nlinks + 1, sizeof *x->links);
        x->links[x->nlinks] = (struct link){k, x->subj_head[s]};
        x->subj_head[s] = (int32_t)x->nlinks++;
    }
    csvfile_close(f);
    f = open_csv(x->dir, "case_assignments.csv");
    while (csvfile_next(f, &(werr){0}) == 1) {
        int64_t k = strmap_find(x->cases, csvfile_field(f, 0), strlen(csvfile_field(f, 0)));
        assert_true(k >= 0); /* every assignment names a known case */
        x->asg = grow(x->asg, &x->asg_cap, x->nasg + 1, sizeof *x->asg);
        struct asg *a = &x->asg[x->nasg];
        snprintf(a->who, sizeof a->who, "%s", csvfile_field(f, 1));
        a->from = when(csvfile_field(f, 2));
        a->to = when(csvfile_field(f, 3));
        a->next = x->asg_head[k];
        x->asg_head[k] = (int32_t)x->nasg++;
    }
    csvfile_close(f);
}

/* docs/design.md: explained when a case links the subject to the actor or the
 * actor's unit around the access time (registration up to 48 h later). */
static int explained(const fx *x, uint32_t actor, uint32_t subj, int64_t t)
{
    if (subj >= x->subj_cap) return 0;
    const char *id = strmap_key(x->actors, actor);
    for (int32_t l = x->subj_head[subj]; l >= 0; l = x->links[l].next) {
        uint32_t k = x->links[l].kase;
        if (t < x->opened[k] - GRACE || t > x->closed[k]) continue;
        for (int32_t a = x->asg_head[k]; a >= 0; a = x->asg[a].next) {
            const struct asg *g = &x->asg[a];
            if (strcmp(g->who, id) && strcmp(g->who, x->unit[actor])) continue;
            if (t >= g->from - GRACE && t <= g->to) return 1;
        }
    }
    return 0;
}

static const char *str(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static void load_events(fx *x)
{
    pathbuf p;
    FILE *f = fopen(path(&p, x->dir, "events.jsonl"), "r");
    assert_non_null(f);
    strmap *ids = strmap_new();
    char *line = NULL, prev[32] = "";
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, f)) > 0) {
        cJSON *e = cJSON_ParseWithLength(line, (size_t)n);
        if (!e) fail_msg("event %ld is not JSON: %s", x->events + 1, line);
        const char *id = str(e, "id"), *ts = str(e, "ts"), *actor = str(e, "actor");
        const char *action = str(e, "action"), *subject = str(e, "subject");
        assert_non_null(id);
        assert_non_null(ts);
        assert_non_null(actor);
        assert_non_null(action);
        assert_non_null(str(e, "system"));
        assert_non_null(str(e, "subject_type"));
        assert_non_null(str(e, "purpose"));
        assert_non_null(str(e, "client"));
        assert_int_equal(strlen(ts), 20);
        assert_int_equal(ts[19], 'Z');
        assert_true(strcmp(prev, ts) <= 0); /* sorted by ts */
        snprintf(prev, sizeof prev, "%s", ts);
        uint32_t tmp;
        assert_int_equal(strmap_intern(ids, id, strlen(id), &tmp), 1); /* unique ids */
        int64_t a = strmap_find(x->actors, actor, strlen(actor));
        assert_true(a >= 0);
        int64_t t = when(ts);
        assert_true(t >= x->start[a]); /* nobody works before their start */
        uint32_t u = intern(x->units, x->unit[a]);
        if (u < 16) x->unit_events[u]++;
        if (!strcmp(action, "search")) {
            assert_null(subject);
            assert_non_null(str(e, "query"));
            assert_true(cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(e, "results")));
        } else if (!strcmp(action, "export")) {
            assert_true(cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(e, "results")));
        } else {
            assert_non_null(subject);
            x->lk = grow(x->lk, &x->lk_cap, x->nlk + 1, sizeof *x->lk);
            uint32_t s = intern(x->subj, subject);
            x->lk[x->nlk++] = (lookup){t, (uint32_t)a, s, intern(x->clients, str(e, "client")),
                                       explained(x, (uint32_t)a, s, t)};
        }
        x->events++;
        cJSON_Delete(e);
    }
    free(line);
    strmap_free(ids);
    fclose(f);
}

static int setup(void **state)
{
    fx *x = calloc(1, sizeof *x);
    char err[256];
    assert_non_null(x);
    snprintf(x->dir, sizeof x->dir, "/tmp/demo_gen_XXXXXX");
    snprintf(x->dir2, sizeof x->dir2, "/tmp/demo_gen_XXXXXX");
    assert_non_null(mkdtemp(x->dir));
    assert_non_null(mkdtemp(x->dir2));
    demo_opts o = {ACTORS, DAYS, SEED, DEMO_KIND_MUNICIPALITY};
    if (demo_generate(&o, x->dir, &x->truth, err, sizeof err) != 0) fail_msg("%s", err);
    x->actors = strmap_new();
    x->subj = strmap_new();
    x->cases = strmap_new();
    x->clients = strmap_new();
    x->units = strmap_new();
    load_actors(x);
    load_cases(x);
    load_events(x);
    *state = x;
    return 0;
}

static int teardown(void **state)
{
    fx *x = *state;
    char cmd[200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s' '%s'", x->dir, x->dir2);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", x->dir);
    demo_truth_free(x->truth);
    strmap_free(x->actors);
    strmap_free(x->subj);
    strmap_free(x->cases);
    strmap_free(x->clients);
    strmap_free(x->units);
    free(x->subj_head);
    free(x->opened);
    free(x->closed);
    free(x->asg_head);
    free(x->links);
    free(x->asg);
    free(x->lk);
    free(x);
    return 0;
}

static int insider(const fx *x, uint32_t actor)
{
    const char *id = strmap_key(x->actors, actor);
    for (size_t i = 0; i < x->truth->nplants; i++)
        for (int k = 0; k < x->truth->plants[i].nactors; k++)
            if (!x->truth->plants[i].benign && !strcmp(x->truth->plants[i].actors[k], id)) return 1;
    return 0;
}

static const demo_plant *plant(const fx *x, const char *scenario)
{
    for (size_t i = 0; i < x->truth->nplants; i++)
        if (!strcmp(x->truth->plants[i].scenario, scenario)) return &x->truth->plants[i];
    fail_msg("no plant %s", scenario);
    return NULL;
}

static uint32_t actor_of(const fx *x, const char *id)
{
    int64_t a = strmap_find(x->actors, id, strlen(id));
    assert_true(a >= 0);
    return (uint32_t)a;
}

/* ---- tests --------------------------------------------------------- */

static void test_files_and_headers(void **state)
{
    static const struct {
        const char *file, *header;
    } want[] = {
        {"actors.csv", "actor,unit,role,start,end,person,surname,postcode,house_number"},
        {"subjects.csv", "subject,surname,postcode,house_number"},
        {"cases.csv", "case,subject,opened,closed"},
        {"case_assignments.csv", "case,assignee,from,to"},
        {"protected.csv", "subject,category"},
        {"incidents.csv", "incident,subject,ts,kind"},
    };
    fx *x = *state;
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        char line[256];
        first_line(x->dir, want[i].file, line, sizeof line);
        assert_string_equal(line, want[i].header);
    }
    pathbuf p;
    assert_int_equal(access(path(&p, x->dir, "truth.json"), R_OK), 0);
    assert_int_equal(x->truth->actors, ACTORS);
    assert_int_equal(x->truth->days, DAYS);
    assert_int_equal(strmap_count(x->actors), ACTORS);
}

static void test_events_sorted_json(void **state)
{
    fx *x = *state;
    /* load_events asserted order, JSON, fields and unique ids line by line */
    assert_int_equal(x->events, x->truth->events);
    assert_true(x->events > ACTORS * 10 * 20); /* ~25-40 per actor per working day */
}

static void test_unexplained_share(void **state)
{
    fx *x = *state;
    long total = 0, unexpl = 0;
    for (size_t i = 0; i < x->nlk; i++) {
        if (insider(x, x->lk[i].actor)) continue;
        total++;
        unexpl += !x->lk[i].explained;
    }
    double share = 100.0 * (double)unexpl / (double)total;
    printf("demo %d actors x %d days, seed %d: %ld events, %ld legitimate look-ups, "
           "%.1f%% unexplained\n",
           ACTORS, DAYS, SEED, x->events, total, share);
    for (uint32_t u = 0; u < strmap_count(x->units) && u < 16; u++)
        printf("  %-22s %7ld events\n", strmap_key(x->units, u), x->unit_events[u]);
    assert_true(share >= 3.0 && share <= 10.0);
}

static void test_plants_do_normal_work(void **state)
{
    static const char *const insiders[] = {
        "address_finder", "curious_colleague", "family_lookup", "bulk_exporter",
        "leaver",         "broker_ring",       "night_prowler", "volume_drift"};
    static const char *const benign[] = {"night_shift", "it_test_records", "vip_handler",
                                         "hr_officer",  "heavy_user",      "remote_worker",
                                         "new_hire",    "popular_record"};
    fx *x = *state;
    for (int i = 0; i < 8; i++) {
        assert_int_equal(plant(x, insiders[i])->benign, 0);
        assert_int_equal(plant(x, benign[i])->benign, 1);
    }
    for (size_t p = 0; p < x->truth->nplants; p++) {
        const demo_plant *pl = &x->truth->plants[p];
        assert_true(pl->nactors >= 1);
        assert_true(strlen(pl->description) > 20);
        for (int k = 0; k < pl->nactors; k++) {
            uint32_t a = actor_of(x, pl->actors[k]);
            long n = 0, expl = 0;
            for (size_t i = 0; i < x->nlk; i++)
                if (x->lk[i].actor == a) n++, expl += x->lk[i].explained;
            if (n < 10 || expl < 8)
                fail_msg("%s %s: %ld look-ups, %ld explained", pl->scenario, pl->actors[k], n,
                         expl);
        }
    }
    assert_true(plant(x, "broker_ring")->nactors >= 2);
}

static void test_address_finder_incidents(void **state)
{
    fx *x = *state;
    uint32_t af = actor_of(x, plant(x, "address_finder")->actors[0]);
    csvfile *f = open_csv(x->dir, "incidents.csv");
    int hits = 0, others = 0;
    while (csvfile_next(f, &(werr){0}) == 1) {
        const char *sid = csvfile_field(f, 1);
        int64_t s = strmap_find(x->subj, sid, strlen(sid)), t = when(csvfile_field(f, 2));
        /* the finder's unexplained look-ups of this subject before the incident (an
         * unrelated incident may hit someone they legitimately handle, before or after) */
        int64_t first = INT64_MAX;
        for (size_t i = 0; s >= 0 && i < x->nlk; i++) {
            const lookup *l = &x->lk[i];
            if (l->actor == af && l->subj == (uint32_t)s && l->ts < t && !l->explained &&
                l->ts < first)
                first = l->ts;
        }
        if (first == INT64_MAX) {
            others++;
            continue;
        }
        hits++;
        assert_true(t - first >= TS_DAY_MS);
        assert_true(t - first <= 20 * TS_DAY_MS);
    }
    csvfile_close(f);
    assert_true(hits >= 8 && hits <= 12);
    assert_true(others >= 15);
}

static void test_leaver_and_new_hire(void **state)
{
    fx *x = *state;
    uint32_t lv = actor_of(x, plant(x, "leaver")->actors[0]);
    uint32_t nh = actor_of(x, plant(x, "new_hire")->actors[0]);
    int after = 0;
    assert_true(x->end[lv] != INT64_MAX);
    assert_true(x->start[nh] > when("2026-09-01T00:00:00Z"));
    for (size_t i = 0; i < x->nlk; i++)
        if (x->lk[i].actor == lv && x->lk[i].ts > x->end[lv]) after++;
    assert_true(after >= 4);
}

static void test_night_prowler_new_vpn(void **state)
{
    fx *x = *state;
    uint32_t np = actor_of(x, plant(x, "night_prowler")->actors[0]);
    /* the client of the first night-time look-up was never used by them before */
    for (size_t i = 0; i < x->nlk; i++) {
        const lookup *l = &x->lk[i];
        int hour = (int)((l->ts / TS_HOUR_MS + 2) % 24); /* CEST */
        if (l->actor != np || (hour >= 6 && hour < 22)) continue;
        assert_int_equal(strncmp(strmap_key(x->clients, l->client), "vpn-", 4), 0);
        for (size_t j = 0; j < i; j++)
            assert_false(x->lk[j].actor == np && x->lk[j].client == l->client);
        return;
    }
    fail_msg("night prowler has no night look-ups");
}

/* Subjects of a plant, from truth.json: returns a cJSON array borrowed from root. */
static const cJSON *truth_subjects(const cJSON *root, const char *scenario)
{
    const cJSON *p;
    cJSON_ArrayForEach(
        p,
        cJSON_GetObjectItemCaseSensitive(
            root,
            "plants")) if (!strcmp(str(p, "scenario"),
                                   scenario)) return cJSON_GetObjectItemCaseSensitive(p,
                                                                                      "subjects");
    fail_msg("truth.json lacks %s", scenario);
    return NULL;
}

/* Distinct actors with a look-up of subject; with_case: explained ones only, else unexplained. */
static int lookers(const fx *x, const char *subject, int with_case, uint32_t *who, int max)
{
    int64_t s = strmap_find(x->subj, subject, strlen(subject));
    int n = 0;
    for (size_t i = 0; s >= 0 && i < x->nlk; i++) {
        const lookup *l = &x->lk[i];
        if (l->subj != (uint32_t)s || l->explained != with_case) continue;
        int seen = 0;
        for (int k = 0; k < n; k++)
            seen |= who[k] == l->actor;
        if (!seen && n < max) who[n++] = l->actor;
    }
    return n;
}

/* Three kinds of many-eyes-on-one-record: the ring (unexplained, across
 * units), the testers (unexplained, one unit, all period), the popular
 * record (explained, many people). */
static void test_convergence_plants(void **state)
{
    fx *x = *state;
    pathbuf p;
    FILE *f = fopen(path(&p, x->dir, "truth.json"), "r");
    assert_non_null(f);
    char *text = calloc(1, 1 << 20);
    assert_non_null(text);
    size_t n = fread(text, 1, (1 << 20) - 1, f);
    fclose(f);
    cJSON *root = cJSON_ParseWithLength(text, n);
    assert_non_null(root);
    uint32_t who[256];
    const cJSON *s;
    const demo_plant *ring = plant(x, "broker_ring");
    cJSON_ArrayForEach(s, truth_subjects(root, "broker_ring"))
    {
        int m = lookers(x, s->valuestring, 0, who, 256), members = 0;
        for (int i = 0; i < m; i++)
            for (int k = 0; k < ring->nactors; k++)
                members += !strcmp(strmap_key(x->actors, who[i]), ring->actors[k]);
        assert_int_equal(members, ring->nactors); /* every member, none under a case */
    }
    int shared = 0;
    cJSON_ArrayForEach(s, truth_subjects(root, "it_test_records"))
    {
        int m = lookers(x, s->valuestring, 0, who, 256);
        for (int i = 0; i < m; i++)
            assert_string_equal(x->unit[who[i]], "unit:it");
        shared += m >= 2;
    }
    assert_true(shared >= 2);
    cJSON_ArrayForEach(s, truth_subjects(root, "popular_record"))
        assert_true(lookers(x, s->valuestring, 1, who, 256) >= 5);
    cJSON_Delete(root);
    free(text);
}

static int same_file(const char *a, const char *b)
{
    FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
    int same = fa && fb;
    while (same) {
        int ca = getc(fa), cb = getc(fb);
        if (ca != cb) same = 0;
        if (ca == EOF || cb == EOF) break;
    }
    if (fa) fclose(fa);
    if (fb) fclose(fb);
    return same;
}

static void test_deterministic(void **state)
{
    static const char *const files[] = {"actors.csv",           "subjects.csv",  "cases.csv",
                                        "case_assignments.csv", "protected.csv", "incidents.csv",
                                        "events.jsonl",         "truth.json"};
    fx *x = *state;
    char err[256];
    pathbuf a, b;
    demo_truth *t = NULL;
    demo_opts o = {ACTORS, DAYS, SEED, DEMO_KIND_MUNICIPALITY};
    if (demo_generate(&o, x->dir2, &t, err, sizeof err) != 0) fail_msg("%s", err);
    assert_int_equal(t->events, x->truth->events);
    demo_truth_free(t);
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        if (!same_file(path(&a, x->dir, files[i]), path(&b, x->dir2, files[i])))
            fail_msg("%s differs for one seed", files[i]);
    }
    o.seed = SEED + 1;
    if (demo_generate(&o, x->dir2, &t, err, sizeof err) != 0) fail_msg("%s", err);
    demo_truth_free(t);
    assert_false(same_file(path(&a, x->dir, "events.jsonl"), path(&b, x->dir2, "events.jsonl")));
}

static void test_bad_options(void **state)
{
    fx *x = *state;
    char err[256];
    demo_truth *t = (demo_truth *)1;
    demo_opts o = {10, DAYS, 1, DEMO_KIND_MUNICIPALITY};
    assert_int_equal(demo_generate(&o, x->dir2, &t, err, sizeof err), -1);
    assert_null(t);
    assert_non_null(strstr(err, "actors"));
    o = (demo_opts){ACTORS, 3, 1, DEMO_KIND_MUNICIPALITY};
    assert_int_equal(demo_generate(&o, x->dir2, &t, err, sizeof err), -1);
    assert_non_null(strstr(err, "days"));
    o = (demo_opts){ACTORS, DAYS, 1, DEMO_KIND_MUNICIPALITY};
    assert_int_equal(demo_generate(&o, "/proc/no/such/dir", &t, err, sizeof err), -1);
    assert_non_null(strstr(err, "/proc/no"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_files_and_headers),
        cmocka_unit_test(test_events_sorted_json),
        cmocka_unit_test(test_unexplained_share),
        cmocka_unit_test(test_plants_do_normal_work),
        cmocka_unit_test(test_address_finder_incidents),
        cmocka_unit_test(test_leaver_and_new_hire),
        cmocka_unit_test(test_night_prowler_new_vpn),
        cmocka_unit_test(test_convergence_plants),
        cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_bad_options),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

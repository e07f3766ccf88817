/* test_demo_port — the demo's second organisation, a container terminal
 * with a customs post (`wachter demo --kind port`): the same seed gives the
 * same files; every row of every file is well formed and refers to what
 * exists, containers carry valid ISO 6346 check digits; every planted
 * scenario has its actors and its look-ups in the log (the planner's
 * containers are emptied after, the customs officer's inspections are
 * colleagues'); wachter loads and ingests it with nothing quarantined; and
 * the municipality, the default, is what it was before the port came. */
#include <cJSON.h>

#include "testutil.h"

#include "demo_gen.h"
#include "normalise/ts.h"
#include "port_int.h"
#include "util/csvfile.h"
#include "util/strmap.h"

#define ACTORS 120
#define DAYS 14

static void gen(const char *dir, int kind, uint64_t seed, int actors, int days)
{
    demo_opts o;
    demo_opts_init(&o);
    o.kind = kind;
    o.seed = seed;
    o.actors = actors;
    o.days = days;
    char err[512];
    demo_truth *t = NULL;
    if (demo_generate(&o, dir, &t, err, sizeof err) < 0) fail_msg("generate: %s", err);
    assert_non_null(t);
    demo_truth_free(t);
}

static const char *const files[] = {
    "actors.csv",           "subjects.csv",  "protected.csv", "cases.csv",
    "case_assignments.csv", "incidents.csv", "events.jsonl",  "truth.json"};

static char *slurp(const char *dir, const char *name, size_t *len)
{
    char p[700];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    FILE *f = fopen(p, "rb");
    if (!f) fail_msg("cannot open %s", p);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    assert_non_null(s);
    assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
    s[n] = 0;
    fclose(f);
    *len = (size_t)n;
    return s;
}

/* FNV-1a 64 over the files in the order above. */
static uint64_t digest(const char *dir)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        size_t n;
        char *s = slurp(dir, files[i], &n);
        for (size_t k = 0; k < n; k++) {
            h ^= (unsigned char)s[k];
            h *= 0x100000001b3ULL;
        }
        free(s);
    }
    return h;
}

static void test_port_deterministic(void **state)
{
    (void)state;
    char *a = tu_tmpdir(), *b = tu_tmpdir(), *c = tu_tmpdir();
    gen(a, DEMO_KIND_PORT, 5, ACTORS, DAYS);
    gen(b, DEMO_KIND_PORT, 5, ACTORS, DAYS);
    gen(c, DEMO_KIND_PORT, 6, ACTORS, DAYS);
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        size_t na, nb;
        char *x = slurp(a, files[i], &na), *y = slurp(b, files[i], &nb);
        if (na != nb || memcmp(x, y, na) != 0) fail_msg("%s differs for the same seed", files[i]);
        free(x);
        free(y);
    }
    assert_true(digest(a) != digest(c));
    tu_rmdir(a);
    tu_rmdir(b);
    tu_rmdir(c);
}

/* The municipality for seed 1, 120 staff, 14 days, as it was generated
 * before the port was added (FNV-1a 64 over its eight files). */
static void test_municipality_unchanged(void **state)
{
    (void)state;
    char *d = tu_tmpdir();
    gen(d, DEMO_KIND_MUNICIPALITY, 1, ACTORS, DAYS);
    assert_true(digest(d) == 0x7504fe064d70e138ULL);
    tu_rmdir(d);
    assert_int_equal(demo_kind_parse("municipality"), DEMO_KIND_MUNICIPALITY);
    assert_int_equal(demo_kind_parse("port"), DEMO_KIND_PORT);
    assert_int_equal(demo_kind_parse("ship"), -1);
}

/* ---- reading a generated port back ---------------------------------- */

typedef struct org {
    strmap *actors, *subjects, *cases, *units;
    uint8_t *is_container; /* per subject */
    size_t nsubj;
    cJSON **ev; /* the events, in file order */
    size_t nev;
    cJSON *truth;
} org;

static csvfile *open_csv(const char *dir, const char *name, const char *header)
{
    char p[700], line[256];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    FILE *f = fopen(p, "r");
    assert_non_null(f);
    assert_non_null(fgets(line, sizeof line, f));
    fclose(f);
    line[strcspn(line, "\n")] = 0;
    assert_string_equal(line, header);
    werr e = {0};
    csvfile *c = NULL;
    if (csvfile_open(p, &c, &e) != 0) fail_msg("%s", e.msg);
    return c;
}

static uint32_t intern(strmap *m, const char *s)
{
    uint32_t id;
    assert_true(strmap_intern(m, s, strlen(s), &id) >= 0);
    return id;
}

static int has(const strmap *m, const char *s)
{
    return strmap_find(m, s, strlen(s)) >= 0;
}

static int64_t when(const char *s)
{
    int64_t ms;
    if (ts_parse(s, strlen(s), &ms) != TS_OK) fail_msg("not a time: '%s'", s);
    return ms;
}

static int iso6346_ok(const char *id)
{
    if (strlen(id) != 11 || id[3] != 'U') return 0;
    int d = port_iso6346_digit(id);
    return d >= 0 && id[10] == '0' + d;
}

static void read_org(const char *dir, org *o)
{
    memset(o, 0, sizeof *o);
    o->actors = strmap_new();
    o->subjects = strmap_new();
    o->cases = strmap_new();
    o->units = strmap_new();
    werr e = {0};
    csvfile *f = open_csv(dir, "actors.csv",
                          "actor,unit,role,start,end,person,surname,postcode,house_number");
    while (csvfile_next(f, &e) == 1) {
        assert_true(*csvfile_field(f, 0) && *csvfile_field(f, 1) && *csvfile_field(f, 2));
        intern(o->actors, csvfile_field(f, 0));
        intern(o->units, csvfile_field(f, 1));
    }
    csvfile_close(f);
    assert_int_equal(strmap_count(o->actors), ACTORS);

    f = open_csv(dir, "subjects.csv", "subject,surname,postcode,house_number");
    size_t cap = 1 << 16;
    o->is_container = calloc(cap, 1);
    int containers = 0;
    while (csvfile_next(f, &e) == 1) {
        const char *id = csvfile_field(f, 0);
        uint32_t k = intern(o->subjects, id);
        if (k >= cap) {
            o->is_container = realloc(o->is_container, cap * 2);
            memset(o->is_container + cap, 0, cap);
            cap *= 2;
        }
        /* a container: four letters, the fourth U, seven digits */
        int looks = strlen(id) == 11 && id[3] == 'U' && id[0] >= 'A' && id[0] <= 'Z';
        if (looks) {
            if (!iso6346_ok(id)) fail_msg("container %s: bad ISO 6346 check digit", id);
            o->is_container[k] = 1;
            containers++;
        }
    }
    csvfile_close(f);
    o->nsubj = strmap_count(o->subjects);
    assert_true(containers > 1000);
    /* a known-good number: CSQU305438 has check digit 3 */
    assert_int_equal(port_iso6346_digit("CSQU305438"), 3);
    assert_true(iso6346_ok("CSQU3054383"));
    assert_false(iso6346_ok("CSQU3054384"));

    f = open_csv(dir, "protected.csv", "subject,category");
    while (csvfile_next(f, &e) == 1) {
        assert_true(has(o->subjects, csvfile_field(f, 0)));
        const char *c = csvfile_field(f, 1);
        assert_true(!strcmp(c, "employee") || !strcmp(c, "sensitive"));
    }
    csvfile_close(f);

    f = open_csv(dir, "cases.csv", "case,subject,opened,closed");
    while (csvfile_next(f, &e) == 1) {
        intern(o->cases, csvfile_field(f, 0));
        assert_true(has(o->subjects, csvfile_field(f, 1)));
        int64_t op = when(csvfile_field(f, 2));
        if (*csvfile_field(f, 3)) assert_true(when(csvfile_field(f, 3)) >= op);
    }
    csvfile_close(f);

    f = open_csv(dir, "case_assignments.csv", "case,assignee,from,to");
    while (csvfile_next(f, &e) == 1) {
        assert_true(has(o->cases, csvfile_field(f, 0)));
        const char *who = csvfile_field(f, 1);
        if (!strncmp(who, "unit:", 5))
            assert_true(has(o->units, who + 5));
        else
            assert_true(has(o->actors, who));
        int64_t from = when(csvfile_field(f, 2));
        if (*csvfile_field(f, 3)) assert_true(when(csvfile_field(f, 3)) >= from);
    }
    csvfile_close(f);

    f = open_csv(dir, "incidents.csv", "incident,subject,ts,kind");
    while (csvfile_next(f, &e) == 1) {
        assert_true(has(o->subjects, csvfile_field(f, 1)));
        when(csvfile_field(f, 2));
        const char *k = csvfile_field(f, 3);
        assert_true(!strcmp(k, "extraction") || !strcmp(k, "seizure"));
    }
    csvfile_close(f);

    size_t n;
    char *text = slurp(dir, "events.jsonl", &n), *line = text;
    size_t cap_ev = 0;
    int64_t last = 0;
    while (*line) {
        char *nl = strchr(line, '\n');
        assert_non_null(nl);
        *nl = 0;
        cJSON *j = cJSON_Parse(line);
        if (!j) fail_msg("not JSON: %s", line);
        const cJSON *ts = cJSON_GetObjectItem(j, "ts"), *actor = cJSON_GetObjectItem(j, "actor"),
                    *act = cJSON_GetObjectItem(j, "action"),
                    *st = cJSON_GetObjectItem(j, "subject_type"),
                    *subj = cJSON_GetObjectItem(j, "subject"),
                    *kase = cJSON_GetObjectItem(j, "case");
        assert_true(cJSON_IsString(ts) && cJSON_IsString(actor) && cJSON_IsString(act));
        assert_true(has(o->actors, actor->valuestring));
        int64_t t = when(ts->valuestring);
        assert_true(t >= last);
        last = t;
        assert_true(cJSON_IsString(st));
        const char *type = st->valuestring;
        assert_true(!strcmp(type, "container") || !strcmp(type, "vehicle") ||
                    !strcmp(type, "person") || !strcmp(type, "company"));
        if (subj) {
            int64_t k = strmap_find(o->subjects, subj->valuestring, strlen(subj->valuestring));
            if (k < 0) fail_msg("event on unknown subject %s", subj->valuestring);
            assert_int_equal(o->is_container[k], !strcmp(type, "container"));
        } else {
            assert_string_equal(act->valuestring, "export");
        }
        if (kase) assert_true(has(o->cases, kase->valuestring));
        if (o->nev == cap_ev) {
            cap_ev = cap_ev ? cap_ev * 2 : 4096;
            o->ev = realloc(o->ev, cap_ev * sizeof *o->ev);
            assert_non_null(o->ev);
        }
        o->ev[o->nev++] = j;
        line = nl + 1;
    }
    free(text);
    text = slurp(dir, "truth.json", &n);
    o->truth = cJSON_Parse(text);
    assert_non_null(o->truth);
    free(text);
    assert_int_equal(cJSON_GetObjectItem(o->truth, "events")->valuedouble, (double)o->nev);
}

static void free_org(org *o)
{
    strmap_free(o->actors);
    strmap_free(o->subjects);
    strmap_free(o->cases);
    strmap_free(o->units);
    free(o->is_container);
    for (size_t i = 0; i < o->nev; i++)
        cJSON_Delete(o->ev[i]);
    free(o->ev);
    cJSON_Delete(o->truth);
}

static const char *str(const cJSON *j, const char *k)
{
    const cJSON *v = cJSON_GetObjectItem(j, k);
    return cJSON_IsString(v) ? v->valuestring : "";
}

/* Times at which actor looked at subj (view events), up to max. */
static int views(const org *o, const char *actor, const char *subj, int64_t *out, int max)
{
    int n = 0;
    for (size_t i = 0; i < o->nev && n < max; i++)
        if (!strcmp(str(o->ev[i], "actor"), actor) && !strcmp(str(o->ev[i], "subject"), subj) &&
            !strcmp(str(o->ev[i], "action"), "view"))
            out[n++] = when(str(o->ev[i], "ts"));
    return n;
}

static void test_port_rows_well_formed(void **state)
{
    (void)state;
    char *d = tu_tmpdir();
    gen(d, DEMO_KIND_PORT, 3, ACTORS, DAYS);
    org o;
    read_org(d, &o);
    /* every subject type and every system occurs */
    const char *types[] = {"container", "vehicle", "person", "company"};
    const char *systems[] = {"tos", "gate", "dms", "pass"};
    for (int k = 0; k < 4; k++) {
        int seen_t = 0, seen_s = 0;
        for (size_t i = 0; i < o.nev; i++) {
            seen_t |= !strcmp(str(o.ev[i], "subject_type"), types[k]);
            seen_s |= !strcmp(str(o.ev[i], "system"), systems[k]);
        }
        if (!seen_t || !seen_s) fail_msg("no %s events or no %s events", types[k], systems[k]);
    }
    free_org(&o);
    tu_rmdir(d);
}

static void test_port_plants_in_log(void **state)
{
    (void)state;
    char *d = tu_tmpdir();
    gen(d, DEMO_KIND_PORT, 2, ACTORS, DAYS);
    org o;
    read_org(d, &o);
    char incidents[1 << 14];
    size_t n;
    char *inc = slurp(d, "incidents.csv", &n);
    snprintf(incidents, sizeof incidents, "%s", inc);
    free(inc);
    int insiders = 0, benign = 0;
    const cJSON *p;
    cJSON_ArrayForEach(p, cJSON_GetObjectItem(o.truth, "plants"))
    {
        const char *name = str(p, "scenario");
        const cJSON *actors = cJSON_GetObjectItem(p, "actors"), *a;
        assert_true(cJSON_GetArraySize(actors) >= 1);
        cJSON_ArrayForEach(a, actors)
        {
            assert_true(has(o.actors, a->valuestring));
            size_t mine = 0;
            for (size_t i = 0; i < o.nev; i++)
                mine += !strcmp(str(o.ev[i], "actor"), a->valuestring);
            if (mine < 10) fail_msg("%s: %s has %zu events", name, a->valuestring, mine);
        }
        if (cJSON_IsTrue(cJSON_GetObjectItem(p, "benign")) ||
            cJSON_GetObjectItem(p, "benign")->valueint == 1) {
            benign++;
            continue;
        }
        insiders++;
        const char *who = cJSON_GetArrayItem(actors, 0)->valuestring;
        const cJSON *s;
        int subjects = 0;
        cJSON_ArrayForEach(s, cJSON_GetObjectItem(p, "subjects"))
        {
            int64_t t[8];
            if (views(&o, who, s->valuestring, t, 8) < 1)
                fail_msg("%s: %s never looked at %s", name, who, s->valuestring);
            subjects++;
            if (!strcmp(name, "extraction_tipper") && !strstr(incidents, s->valuestring))
                fail_msg("extraction_tipper: no incident at %s", s->valuestring);
        }
        if (subjects < 3) fail_msg("%s: %d subjects", name, subjects);
        if (!strcmp(name, "inspection_snoop")) {
            /* the inspections stated are assigned to someone else */
            size_t na;
            char *asg = slurp(d, "case_assignments.csv", &na);
            int stated = 0;
            for (size_t i = 0; i < o.nev; i++) {
                const char *k = str(o.ev[i], "case");
                if (strcmp(str(o.ev[i], "actor"), who) || strncmp(k, "INS-", 4)) continue;
                char *row = strstr(asg, k);
                assert_non_null(row);
                if (strncmp(row + strlen(k) + 1, who, strlen(who)) != 0) stated++;
            }
            free(asg);
            if (stated < 3)
                fail_msg("inspection_snoop: %d look-ups on colleagues' inspections", stated);
        }
    }
    assert_true(insiders >= 4);
    assert_true(benign >= 5);
    free_org(&o);
    tu_rmdir(d);
}

/* wachter demo --kind port: loads, ingests with nothing quarantined, and
 * shows every plant. */
static void test_port_demo_runs(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    char org_dir[600];
    snprintf(org_dir, sizeof org_dir, "%s/org", dir);
    tu_run r = tu_wachter(dir, "demo", "--kind", "port", "--actors", "120", "--days", "14",
                          "--seed", "4", "--dir", org_dir, NULL);
    if (r.code != 0) fail_msg("demo --kind port failed: %s", r.err);
    if (*r.err) fail_msg("demo --kind port said: %s", r.err);
    assert_non_null(strstr(r.out, "; 0 quarantined\n"));
    const char *names[] = {"extraction_tipper", "inspection_snoop", "targeting_team", "gate_24_7",
                           "heavy_planner"};
    for (int i = 0; i < 5; i++)
        if (!strstr(r.out, names[i])) fail_msg("the summary does not show %s", names[i]);
    tu_free(&r);
    /* It detected with the port's defaults, which its store keeps. */
    r = tu_wachter(dir, "rules", NULL);
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "kind = port  (set in demo --kind port)\n"));
    assert_non_null(
        strstr(r.out, "  unexplained.prior_rate = 0.15  (port default; default 0.07)\n"));
    tu_free(&r);
    tu_rmdir(dir);
}

int main(void)
{
    tu_demogen_beside_wachter();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_port_deterministic),    cmocka_unit_test(test_municipality_unchanged),
        cmocka_unit_test(test_port_rows_well_formed), cmocka_unit_test(test_port_plants_in_log),
        cmocka_unit_test(test_port_demo_runs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

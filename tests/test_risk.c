/* test_risk — how `risk` weighs an actor's alerts into one score: several
 * kinds of signal weigh more than one kind, but only by as much as the
 * further kinds weigh themselves. Alerts are put into a store by hand, all
 * at the time ranked (no decay). */
#include "testutil.h"

#include "score/risk.h"
#include "store/store_alerts.h"

/* 2026-03-02T09:00:00Z */
#define T0 INT64_C(1772442000000)

/* One alert; a crowd alert names `nwho` actors with weights w. */
typedef struct put {
    const char *id, *actor, *rule;
    double score;
    const char *who[3];
    double w[3];
    size_t nwho;
} put;

typedef struct risk_case {
    const char *name;
    put alerts[6];
    const char *actor; /* whose risk is checked */
    double min, max;   /* its risk score lies within */
} risk_case;

static const risk_case cases[] = {
    /* One of forty staff on a colleague's record after news inside the
     * organisation: the crowd alert weighs 2 in their risk; it adds those
     * 2 points and two fifths of the bonus (46.2), not a quarter of
     * everything else as a second kind of signal would (52.5). */
    {"a token share of a crowd's alert adds its weight, not the bonus of a second kind",
     {{"a-1", "x", "unexplained", 40, {NULL}, {0}, 0},
      {"a-2", "y", "protected", 8, {"y", "x", "z"}, {2, 2, 2}, 3}},
     "x",
     46.1,
     46.3},
    /* Two kinds of signal that each weigh: the bonus as before. */
    {"two kinds of signal that each weigh earn the bonus of a second kind",
     {{"a-1", "x", "unexplained", 40, {NULL}, {0}, 0},
      {"a-2", "x", "protected", 40, {NULL}, {0}, 0}},
     "x",
     99.9,
     100.1},
    /* A further kind weighing half of the full mark: half the bonus. */
    {"a further kind weighing 2.5 earns half the bonus",
     {{"a-1", "x", "unexplained", 40, {NULL}, {0}, 0},
      {"a-2", "x", "first_use", 2.5, {NULL}, {0}, 0}},
     "x",
     47.7,
     47.9},
    /* A single chance hit on a protected record (8) is a kind of its own. */
    {"a further kind weighing 5 or more earns the whole bonus",
     {{"a-1", "x", "incident", 90, {NULL}, {0}, 0}, {"a-2", "x", "protected", 5, {NULL}, {0}, 0}},
     "x",
     118.6,
     118.8},
};

/* Puts n alerts into a new store in dir; returns it open. */
static store *store_with(const char *dir, const put *alerts, size_t n)
{
    char path[600];
    snprintf(path, sizeof path, "%s/t.db", dir);
    store *s;
    assert_int_equal(store_open(path, &s, &(werr){0}), 0);
    assert_int_equal(store_begin(s), 0);
    for (size_t i = 0; i < n && alerts[i].id; i++) {
        const put *p = &alerts[i];
        const char *ev[] = {"e1"}, *subj[] = {"s1"};
        store_alert a = {.id = p->id,
                         .actor = p->actor,
                         .rule = p->rule,
                         .reason = "r",
                         .ts = T0,
                         .severity = 2,
                         .score = p->score,
                         .events = ev,
                         .subjects = subj,
                         .n = 1,
                         .actors = p->nwho ? p->who : NULL,
                         .actor_scores = p->nwho ? p->w : NULL,
                         .nactors = p->nwho};
        int is_new;
        assert_int_equal(store_put_alert(s, &a, &is_new), 0);
    }
    assert_int_equal(store_commit(s), 0);
    return s;
}

static void run_case(void **state)
{
    const risk_case *c = *state;
    char *dir = tu_tmpdir();
    store *s = store_with(dir, c->alerts, 6);
    risk_row *rows;
    size_t n;
    werr e = {0};
    assert_int_equal(risk_rank(s, T0, 0, &rows, &n, &e), 0);
    int found = 0;
    for (size_t i = 0; i < n; i++)
        if (strcmp(rows[i].actor, c->actor) == 0) {
            found = 1;
            if (rows[i].score < c->min || rows[i].score > c->max)
                fail_msg("%s: %s has risk %.2f, want %.1f..%.1f", c->name, c->actor, rows[i].score,
                         c->min, c->max);
        }
    if (!found) fail_msg("%s: %s is not in the risk list", c->name, c->actor);
    risk_free(rows, n);
    store_close(s);
    tu_rmdir(dir);
}

/* The list shows by default only actors whose evidence weighs at least one
 * clear finding (RISK_MIN_SCORE): one with a single chance finding is not
 * ranked unless asked for (--all, --min). */
static void test_floor(void **state)
{
    (void)state;
    static const put alerts[] = {
        {"a-1", "strong", "bulk", 80, {NULL}, {0}, 0},
        {"a-2", "weak", "protected", 20, {NULL}, {0}, 0},
    };
    char *dir = tu_tmpdir();
    store *s = store_with(dir, alerts, 2);
    risk_row *rows;
    size_t n;
    assert_int_equal(risk_rank(s, T0, RISK_MIN_SCORE, &rows, &n, &(werr){0}), 0);
    assert_int_equal(n, 1);
    assert_string_equal(rows[0].actor, "strong");
    risk_free(rows, n);
    assert_int_equal(risk_rank(s, T0, 0, &rows, &n, &(werr){0}), 0);
    assert_int_equal(n, 2);
    assert_string_equal(rows[1].actor, "weak");
    assert_int_equal(rows[1].rank, 2);
    risk_free(rows, n);
    store_close(s);
    /* The command: the same, and --min in between. */
    tu_run r = tu_wachter(dir, "risk", NULL);
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "strong"));
    assert_null(strstr(r.out, "weak"));
    /* The table says what it leaves out, and how to see it. */
    assert_non_null(strstr(r.out, "(1 more with alerts below a score of 50: wachter risk --all)"));
    tu_free(&r);
    const char *const shows_weak[][2] = {{"--all", NULL}, {"--min", "20"}, {"--min=0", NULL}};
    for (size_t i = 0; i < 3; i++) {
        r = tu_wachter(dir, "risk", shows_weak[i][0], shows_weak[i][1], NULL);
        assert_int_equal(r.code, 0);
        if (!strstr(r.out, "weak")) fail_msg("risk %s: no weak\n%s", shows_weak[i][0], r.out);
        tu_free(&r);
    }
    r = tu_wachter(dir, "risk", "--min", "81", NULL);
    assert_int_equal(r.code, 0);
    assert_null(strstr(r.out, "strong"));
    tu_free(&r);
    tu_rmdir(dir);
}

int main(void)
{
    struct CMUnitTest tests[sizeof cases / sizeof *cases + 1];
    size_t n = 0;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        tests[n++] = (struct CMUnitTest){cases[i].name, run_case, NULL, NULL, (void *)&cases[i]};
    tests[n++] =
        (struct CMUnitTest){"the list's floor: one chance finding is not ranked unless asked",
                            test_floor, NULL, NULL, NULL};
    return _cmocka_run_group_tests("risk", tests, n, NULL, NULL);
}

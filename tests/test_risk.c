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

static void run_case(void **state)
{
    const risk_case *c = *state;
    char *dir = tu_tmpdir(), path[600];
    snprintf(path, sizeof path, "%s/t.db", dir);
    store *s;
    assert_int_equal(store_open(path, &s, &(werr){0}), 0);
    assert_int_equal(store_begin(s), 0);
    for (size_t i = 0; i < 6 && c->alerts[i].id; i++) {
        const put *p = &c->alerts[i];
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
    risk_row *rows;
    size_t n;
    werr e = {0};
    assert_int_equal(risk_rank(s, T0, &rows, &n, &e), 0);
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

int main(void)
{
    struct CMUnitTest tests[sizeof cases / sizeof *cases];
    size_t n = 0;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        tests[n++] = (struct CMUnitTest){cases[i].name, run_case, NULL, NULL, (void *)&cases[i]};
    return _cmocka_run_group_tests("risk", tests, n, NULL, NULL);
}

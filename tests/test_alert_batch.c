/* The alerts raised between two commits: findings with the same id merged
 * into one alert, its events kept in order up to the limit, and the batch
 * written in the order of the ids. */
#include "testutil.h"

#include "detect/alert_batch.h"

static det_finding finding(int64_t ts, int severity, double score, const char *reason,
                           const char *const *events, const char *const *subjects, size_t n)
{
    return (det_finding){.actor = 7,
                         .ts = ts,
                         .severity = severity,
                         .score = score,
                         .reason = reason,
                         .events = events,
                         .subjects = subjects,
                         .n = n};
}

typedef struct seen {
    char ids[8][24];
    const alert_pending *last;
    size_t n, stop_at;
} seen;

static int note(const alert_pending *p, void *ctx)
{
    seen *s = ctx;
    snprintf(s->ids[s->n], sizeof s->ids[s->n], "%s", p->id);
    s->last = p;
    return ++s->n == s->stop_at ? 5 : 0;
}

static void test_findings_of_one_id_merge(void **state)
{
    alert_batch *b = alert_batch_new();
    const char *e1[] = {"e1"}, *s1[] = {"p1"}, *e2[] = {"e2", "e3"}, *s2[] = {"p2", "p3"};
    det_finding f = finding(2000, SEV_MEDIUM, 10, "ten of twelve", e1, s1, 1);
    assert_int_equal(alert_batch_add(b, "a-1", 3, &f), 0);
    f = finding(1000, SEV_HIGH, 25, "twenty of twenty", e2, s2, 2);
    assert_int_equal(alert_batch_add(b, "a-1", 3, &f), 0);
    f = finding(3000, SEV_LOW, 5, "a weaker reason", NULL, NULL, 0);
    assert_int_equal(alert_batch_add(b, "a-1", 3, &f), 0);

    seen s = {.stop_at = 99};
    assert_int_equal(alert_batch_each(b, note, &s), 0);
    assert_int_equal(s.n, 1);
    const alert_pending *p = s.last;
    assert_string_equal(p->id, "a-1");
    assert_string_equal(p->reason, "twenty of twenty"); /* the highest score's */
    assert_true(p->score == 25);
    assert_int_equal(p->severity, SEV_HIGH);
    assert_int_equal(p->ts, 1000);
    assert_int_equal(p->rule, 3);
    assert_int_equal(p->actor, 7);
    assert_int_equal(p->n, 3);
    const char *want_e[] = {"e1", "e2", "e3"}, *want_s[] = {"p1", "p2", "p3"};
    for (size_t i = 0; i < 3; i++) {
        assert_string_equal(p->events[i], want_e[i]);
        assert_string_equal(p->subjects[i], want_s[i]);
    }

    /* A reason longer than the room kept for one, then a short one. */
    char longer[300];
    memset(longer, 'x', sizeof longer - 1);
    longer[sizeof longer - 1] = 0;
    f = finding(1000, SEV_HIGH, 30, longer, NULL, NULL, 0);
    assert_int_equal(alert_batch_add(b, "a-1", 3, &f), 0);
    s = (seen){.stop_at = 99};
    assert_int_equal(alert_batch_each(b, note, &s), 0);
    assert_string_equal(s.last->reason, longer);
    f = finding(1000, SEV_HIGH, 40, "forty", NULL, NULL, 0);
    assert_int_equal(alert_batch_add(b, "a-1", 3, &f), 0);
    s = (seen){.stop_at = 99};
    assert_int_equal(alert_batch_each(b, note, &s), 0);
    assert_string_equal(s.last->reason, "forty");
    alert_batch_free(b);
}

static void test_events_kept_up_to_the_limit_in_order(void **state)
{
    alert_batch *b = alert_batch_new();
    char ev[100][8];
    for (int i = 0; i < 100; i++) {
        snprintf(ev[i], sizeof ev[i], "e%02d", i);
        const char *one[] = {ev[i]};
        det_finding f = finding(i, SEV_MEDIUM, i, "r", one, NULL, 1); /* no subjects: "" */
        assert_int_equal(alert_batch_add(b, "a-9", 0, &f), 0);
    }
    seen s = {.stop_at = 99};
    assert_int_equal(alert_batch_each(b, note, &s), 0);
    assert_int_equal(s.last->n, ALERT_MAX_EVENTS);
    for (int i = 0; i < ALERT_MAX_EVENTS; i++) {
        assert_string_equal(s.last->events[i], ev[i]);
        assert_string_equal(s.last->subjects[i], "");
    }
    assert_true(s.last->score == 99); /* later findings still count */
    alert_batch_free(b);
}

static void test_written_in_order_of_id_then_forgotten(void **state)
{
    alert_batch *b = alert_batch_new();
    const char *ids[] = {"a-c", "a-a", "a-d", "a-b"};
    for (int i = 0; i < 4; i++) {
        det_finding f = finding(i, SEV_LOW, i, ids[i], NULL, NULL, 0);
        assert_int_equal(alert_batch_add(b, ids[i], 0, &f), 0);
    }
    seen s = {.stop_at = 99};
    assert_int_equal(alert_batch_each(b, note, &s), 0);
    assert_int_equal(s.n, 4);
    const char *want[] = {"a-a", "a-b", "a-c", "a-d"};
    for (int i = 0; i < 4; i++)
        assert_string_equal(s.ids[i], want[i]);
    assert_string_equal(s.last->reason, "a-d"); /* each its own fields */

    /* A writer's error stops the walk and comes back. */
    seen stop = {.stop_at = 2};
    assert_int_equal(alert_batch_each(b, note, &stop), 5);
    assert_int_equal(stop.n, 2);

    /* Cleared, it is empty; an id seen before starts a new alert. */
    assert_int_equal(alert_batch_clear(b), 0);
    seen none = {.stop_at = 99};
    assert_int_equal(alert_batch_each(b, note, &none), 0);
    assert_int_equal(none.n, 0);
    const char *e[] = {"e5"};
    det_finding f = finding(9, SEV_LOW, 1, "again", e, e, 1);
    assert_int_equal(alert_batch_add(b, "a-c", 0, &f), 0);
    assert_int_equal(alert_batch_each(b, note, &none), 0);
    assert_int_equal(none.n, 1);
    assert_string_equal(none.last->reason, "again");
    assert_int_equal(none.last->n, 1);
    assert_int_equal(none.last->ts, 9);
    alert_batch_free(b);
}

/* An alert about a subject: each finding names all its actors so far, and
 * the latest one's actors, weights and reason are the alert's, even when
 * its score is lower (a crowd weighs less each); the score stays the
 * highest. */
static void test_findings_naming_actors_replace_them(void **state)
{
    alert_batch *b = alert_batch_new();
    const char *e1[] = {"e1"}, *e2[] = {"e2"}, *s1[] = {"v1"};
    int32_t who[] = {7, 8, 9};
    double w2[] = {40, 40}, w3[] = {20, 20, 15};
    det_finding f = finding(1000, SEV_HIGH, 40, "v1 by 2 staff", e1, s1, 1);
    f.actors = who;
    f.actor_scores = w2;
    f.nactors = 2;
    assert_int_equal(alert_batch_add(b, "a-v", 1, &f), 0);
    f = finding(2000, SEV_MEDIUM, 20, "v1 by 3 staff", e2, s1, 1);
    f.actors = who;
    f.actor_scores = w3;
    f.nactors = 3;
    assert_int_equal(alert_batch_add(b, "a-v", 1, &f), 0);
    seen s = {.stop_at = 99};
    assert_int_equal(alert_batch_each(b, note, &s), 0);
    assert_int_equal(s.n, 1);
    const alert_pending *p = s.last;
    assert_string_equal(p->reason, "v1 by 3 staff");
    assert_true(p->score == 40);
    assert_int_equal(p->severity, SEV_HIGH);
    assert_int_equal(p->n, 2);
    assert_int_equal(p->nactors, 3);
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(p->actors[i], who[i]);
        assert_true(p->actor_scores[i] == w3[i]);
    }
    alert_batch_free(b);
}

/* The words of a merged alert: the strongest finding's reason, then what
 * each finding was about, bounded; the same whatever commits the findings
 * came in, and whatever findings were reported again. */
typedef struct words_case {
    const char *name;
    const char *items[12]; /* each finding's subject ("" none), in order */
    const char *want;      /* the reason of the merged alert */
} words_case;

static const words_case WORDS[] = {
    {"alert.one_finding", {"p1"}, "lead"},
    {"alert.one_subject_twice", {"p1", "p1"}, "lead"},
    {"alert.two_subjects", {"p1", "p2"}, "lead; this alert covers 2 subjects: p1 and p2"},
    {"alert.repeats_named_once",
     {"p1", "p2", "p1", "p3", "p2"},
     "lead; this alert covers 3 subjects: p1, p2 and p3"},
    {"alert.summaries_not_named",
     {"", "p1", "", "p2"},
     "lead; this alert covers 2 subjects: p1 and p2"},
    {"alert.merged_bounded",
     {"p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9", "p1", "p10"},
     "lead; this alert covers more than 8 subjects: p1, p2, p3, p4, p5, p6, p7, p8 and others"},
    {"alert.exactly_eight",
     {"p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p8"},
     "lead; this alert covers 8 subjects: p1, p2, p3, p4, p5, p6, p7 and p8"},
};

/* The findings k..end-1 of c into a fresh batch: its alert's words. */
static alert_text batch_words(alert_batch *b, const words_case *c, size_t k, size_t end)
{
    assert_int_equal(alert_batch_clear(b), 0);
    for (size_t i = k; i < end; i++) {
        const char *e[] = {"e"}, *sub[] = {c->items[i]};
        double score = i == 0 ? 50 : 10; /* the first is the strongest */
        det_finding f = finding((int64_t)i, SEV_LOW, score, i == 0 ? "lead" : "weaker", e, sub, 1);
        assert_int_equal(alert_batch_add(b, "a-w", 0, &f), 0);
    }
    seen s = {.stop_at = 99};
    assert_int_equal(alert_batch_each(b, note, &s), 0);
    return alert_pending_text(s.last);
}

static void test_merged_alert_names_its_findings(void **state)
{
    alert_batch *b = alert_batch_new(), *b2 = alert_batch_new();
    for (size_t c = 0; c < sizeof WORDS / sizeof *WORDS; c++) {
        const words_case *w = &WORDS[c];
        size_t n = 0;
        while (n < 12 && w->items[n])
            n++;
        /* In one commit, and split in two at every point (the store's
         * merge, alert_store_put), with the second part reported twice. */
        for (size_t cut = 0; cut <= n; cut++) {
            alert_text all = {0};
            if (cut > 0) {
                alert_text t = batch_words(b, w, 0, cut);
                alert_text_merge(&all, &t);
            }
            if (cut < n) {
                alert_text t = batch_words(b2, w, cut, n);
                alert_text_merge(&all, &t);
                alert_text_merge(&all, &t);
            }
            buf out = {0};
            assert_int_equal(alert_text_compose(&out, &all), 0);
            if (strcmp(out.data, w->want) != 0)
                fail_msg("%s, cut at %zu: \"%s\", want \"%s\"", w->name, cut, out.data, w->want);
            buf_free(&out);
        }
    }
    alert_batch_free(b);
    alert_batch_free(b2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_findings_of_one_id_merge),
        cmocka_unit_test(test_findings_naming_actors_replace_them),
        cmocka_unit_test(test_events_kept_up_to_the_limit_in_order),
        cmocka_unit_test(test_written_in_order_of_id_then_forgotten),
        cmocka_unit_test(test_merged_alert_names_its_findings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

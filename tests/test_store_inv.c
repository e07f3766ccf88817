/* test_store_inv — the store functions investigations and scoring read
 * through (store_access, store_incidents, store_quarantine, store_volume,
 * store_risk), called directly: what a second backend must answer alike. */
#include "testutil.h"
#include "store/store_int.h"

#include "input/ev_parse.h"
#include "store/store_access.h"
#include "store/store_alerts.h"
#include "store/store_events.h"
#include "store/store_incidents.h"
#include "store/store_quarantine.h"
#include "store/store_risk.h"
#include "store/store_volume.h"

typedef struct fixture {
    char *dir;
    store *s;
    arena *a;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    char path[600];
    f->dir = tu_tmpdir();
    snprintf(path, sizeof path, "%s/t.db", f->dir);
    assert_int_equal(store_open(path, &f->s, &(werr){0}), 0);
    f->a = arena_new(4096);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    store_close(f->s);
    arena_free(f->a);
    tu_rmdir(f->dir);
    free(f);
    return 0;
}

/* Stores one event: id, minute of 2026-03-02 09:00, actor, subject ("" for
 * none), case ("" for none). */
static void put(fixture *f, const char *id, int minute, const char *actor, const char *subject,
                const char *kase)
{
    char line[400];
    snprintf(line, sizeof line,
             "{\"id\":\"%s\",\"ts\":\"2026-03-02T09:%02d:00Z\",\"actor\":\"%s\","
             "\"action\":\"view\",\"subject\":\"%s\",\"case\":\"%s\"}",
             id, minute, actor, subject, kase);
    ev_event ev;
    const char *why = NULL;
    assert_int_equal(ev_parse(line, strlen(line), f->a, &ev, &why), 0);
    int inserted;
    assert_int_equal(store_put_event(f->s, &ev, &inserted), 0);
    assert_int_equal(inserted, 1);
}

static int64_t minute(int m)
{
    return INT64_C(1772442000000) + (int64_t)m * 60000; /* 2026-03-02T09:00Z */
}

/* Row ids joined with ",", gathered by the callbacks below. */
typedef struct seen {
    char ids[256];
    int stop_after; /* 0: never */
    int n;
} seen;

static int note(seen *w, const char *id)
{
    size_t l = strlen(w->ids);
    snprintf(w->ids + l, sizeof w->ids - l, "%s%s", l ? "," : "", id);
    return w->stop_after && ++w->n == w->stop_after ? 7 : 0;
}

static int on_access(const store_access *a, void *ctx)
{
    return note(ctx, a->id);
}

static int on_lookup(int64_t ts, const char *actor, const char *subject, const char *kase,
                     void *ctx)
{
    char id[160];
    snprintf(id, sizeof id, "%s>%s%s%s", actor, subject, kase && kase[0] ? "#" : "",
             kase ? kase : "");
    return note(ctx, id);
}

static int on_incident(const store_incident *x, void *ctx)
{
    return note(ctx, x->id);
}

static void test_accesses_and_period(void **state)
{
    fixture *f = *state;
    assert_int_equal(store_begin(f->s), 0);
    put(f, "e3", 3, "ann", "p1", "");
    put(f, "e1", 1, "bob", "p1", "Z-1");
    put(f, "e2", 2, "ann", "p2", "");
    put(f, "e4", 4, "ann", "", "");
    put(f, "e5", 5, "bob", "p1", "");
    assert_int_equal(store_commit(f->s), 0);
    struct {
        const char *what;
        int by_actor;
        const char *key;
        int from, to, stop_after;
        int rc;
        const char *want;
    } cases[] = {
        {"all to p1, oldest first", 0, "p1", 0, 59, 0, 0, "e1,e3,e5"},
        {"to p1 within minutes 2..4", 0, "p1", 2, 4, 0, 0, "e3"},
        {"by ann, even without a subject", 1, "ann", 0, 59, 0, 0, "e2,e3,e4"},
        {"nobody", 1, "carl", 0, 59, 0, 0, ""},
        {"fn stops the read with its value", 0, "p1", 0, 59, 2, 7, "e1,e3"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        seen w = {"", cases[i].stop_after, 0};
        int64_t from = minute(cases[i].from), to = minute(cases[i].to);
        int rc = cases[i].by_actor ? store_accesses_by(f->s, cases[i].key, from, to, on_access, &w)
                                   : store_accesses_to(f->s, cases[i].key, from, to, on_access, &w);
        if (rc != cases[i].rc || strcmp(w.ids, cases[i].want) != 0)
            fail_msg("%s: rc %d, rows %s; want %d, %s", cases[i].what, rc, w.ids, cases[i].rc,
                     cases[i].want);
    }
    /* The period's look-ups: events naming a subject, in time order. */
    seen w = {"", 0, 0};
    assert_int_equal(store_read_begin(f->s), 0);
    assert_int_equal(store_each_lookup_between(f->s, minute(1), minute(4), on_lookup, &w), 0);
    assert_int_equal(store_read_end(f->s), 0);
    assert_string_equal(w.ids, "bob>p1#Z-1,ann>p2,ann>p1");
}

static void test_incidents_new_since_the_mark(void **state)
{
    fixture *f = *state;
    store_incident a = {"i-1", "p1", "explosion", minute(10)}, b = {"i-2", "p2", NULL, minute(5)};
    assert_int_equal(store_incident_put(f->s, &a), 0);
    assert_int_equal(store_incident_put(f->s, &b), 0);
    seen w = {"", 0, 0};
    assert_int_equal(store_incidents_each(f->s, on_incident, &w), 0);
    assert_string_equal(w.ids, "i-2,i-1"); /* by time */
    assert_int_equal(store_incidents_mark(f->s), 0);
    store_incident c = {"i-3", "p3", "", minute(1)}, a2 = {"i-1", "p1", "fire", minute(10)};
    assert_int_equal(store_incident_put(f->s, &c), 0);
    assert_int_equal(store_incident_put(f->s, &a2), 0);
    seen n = {"", 0, 0};
    assert_int_equal(store_incidents_each_new(f->s, on_incident, &n), 0);
    assert_string_equal(n.ids, "i-3,i-1"); /* added, changed; not i-2 */
}

static void test_quarantine_read_back(void **state)
{
    fixture *f = *state;
    int ins;
    assert_int_equal(store_put_quarantine(f->s, "b.jsonl", 2, "malformed JSON", "{x", 2, 9, &ins),
                     0);
    assert_int_equal(store_put_quarantine(f->s, "a.jsonl", 7, "bad", "\xff\0z", 3, 8, &ins), 0);
    assert_int_equal(store_put_quarantine(f->s, "b.jsonl", 1, "bad", "y", 1, 9, &ins), 0);
    store_quarantine_cursor *c;
    assert_int_equal(store_quarantine_open(f->s, &c), 0);
    store_quarantined q;
    const char *want[] = {"a.jsonl:7", "b.jsonl:1", "b.jsonl:2"};
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(store_quarantine_next(c, &q), 1);
        char got[64];
        snprintf(got, sizeof got, "%s:%ld", q.source, q.line);
        assert_string_equal(got, want[i]);
        if (i == 0) {
            assert_int_equal(q.nraw, 3);
            assert_memory_equal(q.raw, "\xff\0z", 3);
            assert_int_equal(q.at, 8);
        }
    }
    assert_int_equal(store_quarantine_next(c, &q), 0);
    store_quarantine_close(c);
}

static int on_day(int64_t day, int64_t subjects, void *ctx)
{
    *(int64_t *)ctx += subjects;
    return 0;
}

static int on_actor(const char *actor, void *ctx)
{
    return note(ctx, actor);
}

static int on_risk(const store_risk_alert *a, void *ctx)
{
    char id[64];
    snprintf(id, sizeof id, "%s/%s", a->actor, a->rule);
    return note(ctx, id);
}

static void test_tally_and_alerts(void **state)
{
    fixture *f = *state;
    assert_int_equal(store_exec(f->s, "INSERT INTO actor_day(actor, day, subjects, events)"
                                      " VALUES('bob', 10, 3, 3), ('bob', 12, 2, 2),"
                                      " ('ann', 11, 5, 9), ('cy', 20, 1, 1)"),
                     0);
    int64_t n = 0, day = 0;
    assert_int_equal(store_actor_days(f->s, "bob", 10, 11, on_day, &n), 0);
    assert_int_equal(n, 3);
    assert_int_equal(store_actor_next_day(f->s, "bob", 11, 30, &day), 1);
    assert_int_equal(day, 12);
    assert_int_equal(store_actor_next_day(f->s, "bob", 13, 30, &day), 0);
    seen w = {"", 0, 0};
    assert_int_equal(store_each_tally_actor(f->s, on_actor, &w), 0);
    assert_string_equal(w.ids, "ann,bob,cy");
    const char *ev[] = {"e1"}, *sub[] = {"p1"};
    store_alert al[] = {
        {"a1", "bob", "volume", "r", minute(1), 2, 40, ev, sub, 1, NULL, NULL, 0, NULL, NULL, 0,
         NULL, 0},
        {"a2", "ann", "volume", "r", minute(2), 2, 40, ev, sub, 1, NULL, NULL, 0, NULL, NULL, 0,
         NULL, 0},
        {"a3", "bob", "incident", "r", minute(3), 2, 40, ev, sub, 1, NULL, NULL, 0, NULL, NULL, 0,
         NULL, 0},
    };
    int is_new;
    for (size_t i = 0; i < 3; i++)
        assert_int_equal(store_put_alert(f->s, &al[i], &is_new), 0);
    seen r = {"", 0, 0};
    assert_int_equal(store_each_alert_by_actor(f->s, on_risk, &r), 0);
    assert_string_equal(r.ids, "ann/volume,bob/incident,bob/volume");
}

static int on_risk_score(const store_risk_alert *a, void *ctx)
{
    char id[64];
    snprintf(id, sizeof id, "%s/%s/%.0f", a->actor, a->rule, a->score);
    return note(ctx, id);
}

static int on_alert(const store_alert *a, void *ctx)
{
    char id[160];
    int l = snprintf(id, sizeof id, "%s:", a->id);
    for (size_t i = 0; i < a->nactors && l > 0 && (size_t)l < sizeof id; i++)
        l += snprintf(id + l, sizeof id - (size_t)l, "%s%s", i ? "+" : "", a->actors[i]);
    return note(ctx, id);
}

/* An alert about a subject naming three actors: each one's alerts list it,
 * it counts in each one's risk with their weight (the latest stored), and
 * its latest reason stands even at a lower score. */
static void test_alert_naming_actors(void **state)
{
    fixture *f = *state;
    const char *ev[] = {"e1"}, *sub[] = {"v1"}, *who[] = {"ann", "bob", "cy"};
    const double w2[] = {60, 60}, w3[] = {30, 30, 25};
    store_alert a = {"a1", "ann", "protected", "by 2", minute(1), 3,    60, ev,   sub,
                     1,    who,   w2,          2,      NULL,      NULL, 0,  NULL, 0};
    store_alert own = {"a2", "bob", "volume", "r", minute(2), 2,    40, ev,   sub,
                       1,    NULL,  NULL,     0,   NULL,      NULL, 0,  NULL, 0};
    int is_new;
    assert_int_equal(store_put_alert(f->s, &a, &is_new), 0);
    assert_int_equal(is_new, 1);
    assert_int_equal(store_put_alert(f->s, &own, &is_new), 0);
    a = (store_alert){"a1", "ann", "protected", "by 3", minute(3), 3,    30, ev,   sub,
                      1,    who,   w3,          3,      NULL,      NULL, 0,  NULL, 0};
    assert_int_equal(store_put_alert(f->s, &a, &is_new), 0);
    assert_int_equal(is_new, 0);
    seen r = {"", 0, 0};
    assert_int_equal(store_each_alert_by_actor(f->s, on_risk_score, &r), 0);
    assert_string_equal(r.ids, "ann/protected/30,bob/protected/30,bob/volume/40,cy/protected/25");
    seen c = {"", 0, 0};
    assert_int_equal(store_each_alert(f->s, "cy", 1, 0, on_alert, &c), 0);
    assert_string_equal(c.ids, "a1:ann+bob+cy");
    seen b = {"", 0, 0};
    assert_int_equal(store_each_alert(f->s, "bob", 1, 0, on_alert, &b), 0);
    assert_string_equal(b.ids, "a2:,a1:ann+bob+cy");
    assert_int_equal(tu_count_of(f->dir, "SELECT count(*) FROM alerts WHERE reason = 'by 3'"
                                         " AND score = 60"),
                     1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_accesses_and_period, setup, teardown),
        cmocka_unit_test_setup_teardown(test_incidents_new_since_the_mark, setup, teardown),
        cmocka_unit_test_setup_teardown(test_quarantine_read_back, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tally_and_alerts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_alert_naming_actors, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

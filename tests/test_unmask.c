/* Unmasking, four eyes (ops/ops_unmask.h): a request needs a reason; the
 * requester may not decide it, nor may a role that does not approve; a
 * decision is final; an approval lets the requester, and only them, see
 * that one identity until it expires; the list shows each status. */
#include "testutil.h"

#include "normalise/ts.h"
#include "ops/ops_unmask.h"

#define NOW INT64_C(1772409600000) /* 2026-03-02 */

typedef struct fixture {
    char *dir;
    store *s;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    f->dir = tu_tmpdir();
    char path[512];
    snprintf(path, sizeof path, "%s/w.db", f->dir);
    assert_int_equal(store_open(path, &f->s, &(werr){0}), 0);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    store_close(f->s);
    tu_rmdir(f->dir);
    free(f);
    return 0;
}

static int64_t ask(store *s, const char *who, const char *actor)
{
    int64_t id = 0;
    werr e = {0};
    if (ops_unmask_request(s, who, actor, "alert a-1 needs the person's manager informed", "a-1",
                           NOW, &id, &e) < 0)
        fail_msg("request: %s", e.msg);
    return id;
}

static int is(const char *actor, void *ctx)
{
    return strcmp(actor, ctx) == 0;
}

/* Whether account may see actor's identity at now. */
static int granted(store *s, const char *account, const char *actor, int64_t now, werr *e)
{
    return ops_unmask_shown(s, account, now, is, (void *)actor, e);
}

/* The ids of the bad-input table (docs/bad-input.md). */
static void test_request_needs_reason(void **state)
{
    fixture *f = *state;
    int64_t id = 0;
    werr e = {0};
    /* unmask.no-reason */
    assert_int_equal(ops_unmask_request(f->s, "ann", "clerk1", "  ", "", NOW, &id, &e), -1);
    assert_int_equal(e.code, WERR_INPUT);
    assert_string_equal(e.msg, "an unmasking needs a reason (--reason TEXT)");
}

static void test_four_eyes(void **state)
{
    fixture *f = *state;
    int64_t id = ask(f->s, "ann", "clerk1");
    werr e = {0};
    /* unmask.own-request */
    assert_int_equal(ops_unmask_decide(f->s, "ann", 1, id, 1, "", 30, NOW, &e), -1);
    assert_int_equal(e.code, WERR_FORBIDDEN);
    assert_non_null(strstr(e.msg, "is ann's own: another account must decide it (four eyes)"));
    /* unmask.role-may-not-decide */
    werr e2 = {0};
    assert_int_equal(ops_unmask_decide(f->s, "bob", 0, id, 1, "", 30, NOW, &e2), -1);
    assert_int_equal(e2.code, WERR_FORBIDDEN);
    assert_non_null(strstr(e2.msg, "bob may not decide unmasking requests"));
    /* Neither changed anything: still pending, not granted. */
    assert_int_equal(granted(f->s, "ann", "clerk1", NOW, &(werr){0}), 0);
    /* The privacy officer approves. */
    assert_int_equal(ops_unmask_decide(f->s, "pia", 1, id, 1, "ok", 30, NOW, &(werr){0}), 0);
    assert_int_equal(granted(f->s, "ann", "clerk1", NOW + TS_DAY_MS, &(werr){0}), 1);
    /* Only that identity, only for ann. */
    assert_int_equal(granted(f->s, "ann", "clerk2", NOW, &(werr){0}), 0);
    assert_int_equal(granted(f->s, "bob", "clerk1", NOW, &(werr){0}), 0);
    /* unmask.decided-already */
    werr e3 = {0};
    assert_int_equal(ops_unmask_decide(f->s, "sam", 1, id, 0, "", 30, NOW, &e3), -1);
    assert_int_equal(e3.code, WERR_CONFLICT);
    assert_string_equal(e3.msg, "request 1 was approved by pia on 2026-03-02 already");
}

static void test_expiry_and_refusal(void **state)
{
    fixture *f = *state;
    int64_t a = ask(f->s, "ann", "clerk1"), b = ask(f->s, "ann", "clerk3");
    assert_int_equal(ops_unmask_decide(f->s, "pia", 1, a, 1, "", 30, NOW, &(werr){0}), 0);
    assert_int_equal(ops_unmask_decide(f->s, "pia", 1, b, 0, "no case", 30, NOW, &(werr){0}), 0);
    /* unmask.expired: 30 days later the approval no longer holds. */
    assert_int_equal(granted(f->s, "ann", "clerk1", NOW + 30 * TS_DAY_MS, &(werr){0}), 0);
    assert_int_equal(granted(f->s, "ann", "clerk3", NOW, &(werr){0}), 0);
    /* unmask.unknown-request */
    werr e = {0};
    assert_int_equal(ops_unmask_decide(f->s, "pia", 1, 99, 1, "", 30, NOW, &e), -1);
    assert_int_equal(e.code, WERR_NOT_FOUND);
    assert_string_equal(e.msg, "no unmasking request 99");
}

typedef struct seen {
    char text[512];
} seen;

static int note_row(const ops_unmask_row *r, void *ctx)
{
    seen *s = ctx;
    size_t l = strlen(s->text);
    snprintf(s->text + l, sizeof s->text - l, "%lld %s %s %s;", (long long)r->id, r->actor,
             r->status, r->decider);
    return 0;
}

static void test_list_statuses(void **state)
{
    fixture *f = *state;
    int64_t a = ask(f->s, "ann", "clerk1"), b = ask(f->s, "ann", "clerk3");
    ask(f->s, "bob", "clerk4");
    assert_int_equal(ops_unmask_decide(f->s, "pia", 1, a, 1, "", 30, NOW, &(werr){0}), 0);
    assert_int_equal(ops_unmask_decide(f->s, "pia", 1, b, 0, "", 30, NOW, &(werr){0}), 0);
    seen all = {""}, ann = {""}, later = {""};
    assert_int_equal(ops_unmask_list(f->s, NULL, NOW, note_row, &all, &(werr){0}), 0);
    assert_string_equal(all.text, "1 clerk1 approved pia;2 clerk3 refused pia;3 clerk4 pending ;");
    assert_int_equal(ops_unmask_list(f->s, "ann", NOW, note_row, &ann, &(werr){0}), 0);
    assert_string_equal(ann.text, "1 clerk1 approved pia;2 clerk3 refused pia;");
    assert_int_equal(
        ops_unmask_list(f->s, "ann", NOW + 31 * TS_DAY_MS, note_row, &later, &(werr){0}), 0);
    assert_string_equal(later.text, "1 clerk1 expired pia;2 clerk3 refused pia;");
}

/* ------------------------------------------------------ through the CLI */

/* wachter acting as account as (NULL: no --as) with password pw (NULL:
 * none), args ending with NULL. */
#define as_run(dir, as, pw, ...) tu_as(dir, "w.db", as, pw, __VA_ARGS__)

static tu_run ok_run(tu_run r)
{
    if (r.code != 0) fail_msg("exit %d: %s", r.code, r.err);
    return r;
}

/* The first alert's "actor" in jsonl alerts text, into out. */
static void first_actor(const char *alerts, char *out, size_t n)
{
    const char *a = strstr(alerts, "\"actor\":\"");
    assert_non_null(a);
    a += 9;
    size_t k = strcspn(a, "\"");
    assert_true(k < n);
    memcpy(out, a, k);
    out[k] = 0;
}

static void add_account(const char *dir, const char *as, const char *name, const char *role)
{
    setenv("WACHTER_NEW_PASSWORD", "pass-word-123", 1);
    tu_run r =
        as_run(dir, as, as ? "pass-word-123" : NULL, "account", "add", name, "--role", role, NULL);
    unsetenv("WACHTER_NEW_PASSWORD");
    tu_free(&r);
}

/* An analyst asks who is behind the pseudonym of an alert; the analyst
 * may not approve it; a privacy officer does; the analyst then sees that
 * one identity, another analyst still the pseudonym; both requests and
 * decision are listed, and are in the audit trail. */
static void test_cli_unmask(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    char org[600];
    snprintf(org, sizeof org, "%s/org", dir);
    tu_run r = ok_run(
        as_run(dir, NULL, NULL, "demo", "--actors", "60", "--days", "10", "--dir", org, NULL));
    tu_free(&r);
    /* The operator, before any account exists, sees both forms. */
    char real[64], pseud[64];
    r = ok_run(as_run(dir, NULL, NULL, "--reveal", "--format", "jsonl", "alerts", NULL));
    first_actor(r.out, real, sizeof real);
    tu_free(&r);
    r = ok_run(as_run(dir, NULL, NULL, "--format", "jsonl", "alerts", NULL));
    first_actor(r.out, pseud, sizeof pseud);
    tu_free(&r);
    assert_non_null(strstr(pseud, "emp-"));
    add_account(dir, NULL, "boss", "administrator");
    add_account(dir, "boss", "ann", "analyst");
    add_account(dir, "boss", "bob", "analyst");
    add_account(dir, "boss", "pia", "privacy-officer");
    const char *pw = "pass-word-123";
    r = ok_run(as_run(dir, "ann", pw, "unmask", "request", pseud, "--reason",
                      "the alert needs their manager told", "--about", "a-1", NULL));
    assert_string_equal(r.out, "unmask request 1: requested; another account decides (unmask"
                               " approve)\n");
    tu_free(&r);
    /* unmask.analyst-may-not-approve: the gate refuses, exit 4. */
    r = as_run(dir, "ann", pw, "unmask", "approve", "1", NULL);
    assert_int_equal(r.code, 4);
    assert_non_null(strstr(r.err, "ann (analyst) may not run unmask approve"));
    tu_free(&r);
    /* Until it is approved, ann sees only the pseudonym. */
    r = ok_run(as_run(dir, "ann", pw, "--format", "jsonl", "alerts", NULL));
    assert_null(strstr(r.out, real));
    tu_free(&r);
    r = ok_run(as_run(dir, "pia", pw, "unmask", "approve", "1", "--note", "ok", NULL));
    assert_string_equal(r.out, "unmask request 1: approved for 30 days\n");
    tu_free(&r);
    r = ok_run(as_run(dir, "ann", pw, "--format", "jsonl", "alerts", NULL));
    assert_non_null(strstr(r.out, real));
    tu_free(&r);
    r = ok_run(as_run(dir, "bob", pw, "--format", "jsonl", "alerts", NULL));
    assert_null(strstr(r.out, real));
    assert_non_null(strstr(r.out, pseud));
    tu_free(&r);
    /* The privacy officer lists every request, the whom as a pseudonym. */
    r = ok_run(as_run(dir, "pia", pw, "--format", "jsonl", "unmask", "list", NULL));
    assert_non_null(strstr(r.out, "\"requester\":\"ann\""));
    assert_non_null(strstr(r.out, "\"status\":\"approved\",\"decider\":\"pia\""));
    assert_non_null(strstr(r.out, pseud));
    assert_null(strstr(r.out, real));
    tu_free(&r);
    /* bob's own list is empty but for its heading. */
    r = ok_run(as_run(dir, "bob", pw, "unmask", "list", NULL));
    assert_int_equal(tu_count_lines(r.out, "ann"), 0);
    tu_free(&r);
    /* The privacy report counts them, with the roles and the trail. */
    r = ok_run(as_run(dir, "bob", pw, "unmask", "request", pseud, "--reason", "curious", NULL));
    tu_free(&r);
    r = ok_run(as_run(dir, "pia", pw, "unmask", "refuse", "2", "--note", "no case", NULL));
    tu_free(&r);
    r = ok_run(as_run(dir, "pia", pw, "privacy-report", NULL));
    assert_non_null(strstr(r.out,
                           "Unmaskings asked for, all time: 2 (1 approved, 1 refused, 0 expired,"
                           " 0 pending)"));
    assert_non_null(strstr(r.out, "  analyst          2\n"));
    assert_non_null(strstr(r.out, "  privacy-officer  1\n"));
    assert_non_null(strstr(r.out, "Audit trail: intact, "));
    assert_non_null(strstr(r.out, "  events    "));
    tu_free(&r);
    /* privacy-report.analyst: for the privacy officer and the auditor. */
    r = as_run(dir, "ann", pw, "privacy-report", NULL);
    assert_int_equal(r.code, 4);
    assert_non_null(strstr(r.err, "ann (analyst) may not run privacy-report"));
    tu_free(&r);
    /* A trail changed by hand: the report says so. */
    char trail[600];
    snprintf(trail, sizeof trail, "%s/w.db.audit", dir);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(trail, &db), SQLITE_OK);
    assert_int_equal(
        sqlite3_exec(db, "UPDATE audit SET account = 'nobody' WHERE seq = 3", NULL, NULL, NULL),
        SQLITE_OK);
    sqlite3_close(db);
    r = ok_run(as_run(dir, "pia", pw, "--format", "jsonl", "privacy-report", NULL));
    assert_non_null(strstr(r.out, "\"audit\":{\"intact\":false,"));
    tu_free(&r);
    tu_rmdir(dir);
}

int main(void)
{
    tu_demogen_beside_wachter();
    unsetenv("WACHTER_KEY");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_request_needs_reason, setup, teardown),
        cmocka_unit_test_setup_teardown(test_four_eyes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_expiry_and_refusal, setup, teardown),
        cmocka_unit_test_setup_teardown(test_list_statuses, setup, teardown),
        cmocka_unit_test(test_cli_unmask),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

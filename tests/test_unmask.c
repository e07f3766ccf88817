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
    assert_int_equal(ops_unmask_granted(f->s, "ann", "clerk1", NOW, &(werr){0}), 0);
    /* The privacy officer approves. */
    assert_int_equal(ops_unmask_decide(f->s, "pia", 1, id, 1, "ok", 30, NOW, &(werr){0}), 0);
    assert_int_equal(ops_unmask_granted(f->s, "ann", "clerk1", NOW + TS_DAY_MS, &(werr){0}), 1);
    /* Only that identity, only for ann. */
    assert_int_equal(ops_unmask_granted(f->s, "ann", "clerk2", NOW, &(werr){0}), 0);
    assert_int_equal(ops_unmask_granted(f->s, "bob", "clerk1", NOW, &(werr){0}), 0);
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
    assert_int_equal(ops_unmask_granted(f->s, "ann", "clerk1", NOW + 30 * TS_DAY_MS, &(werr){0}),
                     0);
    assert_int_equal(ops_unmask_granted(f->s, "ann", "clerk3", NOW, &(werr){0}), 0);
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_request_needs_reason, setup, teardown),
        cmocka_unit_test_setup_teardown(test_four_eyes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_expiry_and_refusal, setup, teardown),
        cmocka_unit_test_setup_teardown(test_list_statuses, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Parsing and normalising one event line: what is accepted, with which
 * values, and the reason given for each kind of bad line. */
#include "testutil.h"

#include "input/ev_parse.h"
#include "input/lines.h"
#include "normalise/ts.h"

typedef struct bad_case {
    const char *line, *reason;
} bad_case;

static const bad_case bad[] = {
    {"not json", "malformed JSON"},
    {"{\"ts\":\"2026-03-02T09:14:05Z\",\"actor\":\"a\"", "malformed JSON"},
    {"[1,2,3]", "not a JSON object"},
    {"{\"ts\":\"2026-03-02T09:14:05Z\",\"actor\":\"a\",\"action\":\"view\"} x",
     "malformed JSON: text after the object"},
    {"{\"ts\":\"2026-03-02T09:14:05Z\",\"actor\":\"\xff\",\"action\":\"view\"}",
     "invalid UTF-8 at byte 38"},
    {"{\"actor\":\"a\",\"action\":\"view\"}", "missing required field 'ts'"},
    {"{\"ts\":\"2026-03-02T09:14:05Z\",\"action\":\"view\"}", "missing required field 'actor'"},
    {"{\"ts\":\"2026-03-02T09:14:05Z\",\"actor\":\"a\"}", "missing required field 'action'"},
    {"{\"ts\":\"2026-03-02T09:14:05Z\",\"actor\":\"\",\"action\":\"view\"}",
     "required field 'actor' is empty"},
    {"{\"ts\":\"2026-02-30T09:14:05Z\",\"actor\":\"a\",\"action\":\"view\"}",
     "impossible time '2026-02-30T09:14:05Z'"},
    {"{\"ts\":\"2026-03-02T25:14:05Z\",\"actor\":\"a\",\"action\":\"view\"}",
     "impossible time '2026-03-02T25:14:05Z'"},
    {"{\"ts\":\"yesterday\",\"actor\":\"a\",\"action\":\"view\"}", "unreadable time 'yesterday'"},
    {"{\"ts\":\"1850-01-01T00:00:00Z\",\"actor\":\"a\",\"action\":\"view\"}",
     "impossible time '1850-01-01T00:00:00Z'"},
    {"{\"ts\":\"2026-03-02T09:14:05Z\",\"actor\":{\"id\":1},\"action\":\"view\"}",
     "field 'actor' must be a string"},
    {"{\"ts\":\"2026-03-02T09:14:05Z\",\"actor\":\"a\",\"actor\":\"b\",\"action\":\"view\"}",
     "field 'actor' appears twice"},
    {"{\"ts\":\"2026-03-02T09:14:05Z\",\"actor\":\"a\",\"action\":\"export\",\"results\":-4}",
     "field 'results' must be a whole number of records"},
};

static void test_bad_lines_give_reasons(void **state)
{
    arena *a = arena_new(0);
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        ev_event ev;
        const char *why = NULL;
        int rc = ev_parse(bad[i].line, strlen(bad[i].line), a, &ev, &why);
        if (rc == 0 || !why || strcmp(why, bad[i].reason) != 0)
            fail_msg("line %zu: got %s, want '%s'", i, rc == 0 ? "accepted" : why, bad[i].reason);
    }
    arena_free(a);
}

static void test_full_event_fields(void **state)
{
    const char *line =
        "{\"id\":\"e1\",\"ts\":\"2026-03-02T10:14:05.250+01:00\",\"actor\":\"k.devries\","
        "\"system\":\"brp\",\"action\":\"VIEW\",\"subject\":\"123456782\",\"subject_type\":"
        "\"person\",\"case\":\"Z-9\",\"purpose\":\"handhaving\",\"query\":\"\",\"results\":1,"
        "\"client\":\"ws-12\",\"vendor_field\":{\"x\":1}}";
    arena *a = arena_new(0);
    ev_event ev;
    const char *why;
    assert_int_equal(ev_parse(line, strlen(line), a, &ev, &why), 0);
    int64_t want;
    assert_int_equal(ts_parse("2026-03-02T09:14:05.250Z", 24, &want), TS_OK);
    assert_int_equal(ev.ts, want);
    assert_string_equal(ev.id, "e1");
    assert_string_equal(ev.actor, "k.devries");
    assert_string_equal(ev.action, "view");
    assert_string_equal(ev.subject, "123456782");
    assert_string_equal(ev.case_id, "Z-9");
    assert_string_equal(ev.purpose, "handhaving");
    assert_int_equal(ev.results, 1);
    assert_string_equal(ev.client, "ws-12");
    assert_string_equal(ev.attrs, "{\"vendor_field\":{\"x\":1}}");
    arena_free(a);
}

static void test_epoch_ms_and_brp_headers(void **state)
{
    const char *line = "{\"ts\":1772442845000,\"x-gebruiker\":\"u7\",\"x-doelbinding\":\"BRP-1\","
                       "\"x-origin-oin\":\"00000001234\",\"action\":\"view\"}";
    arena *a = arena_new(0);
    ev_event ev;
    const char *why;
    assert_int_equal(ev_parse(line, strlen(line), a, &ev, &why), 0);
    assert_int_equal(ev.ts, 1772442845000LL);
    assert_string_equal(ev.actor, "u7");
    assert_string_equal(ev.purpose, "BRP-1");
    assert_string_equal(ev.system, "00000001234");
    arena_free(a);
}

static void test_derived_id_is_stable(void **state)
{
    const char *l1 =
        "{\"ts\":\"2026-03-02T09:14:05Z\",\"actor\":\"a\",\"action\":\"view\",\"subject\":\"s1\"}";
    const char *l2 =
        "{ \"subject\":\"s1\", \"action\":\"view\", \"actor\":\"a\", \"ts\":1772442845000 }";
    const char *l3 =
        "{\"ts\":\"2026-03-02T09:14:05Z\",\"actor\":\"a\",\"action\":\"view\",\"subject\":\"s2\"}";
    arena *a = arena_new(0);
    ev_event e1, e2, e3;
    const char *why;
    assert_int_equal(ev_parse(l1, strlen(l1), a, &e1, &why), 0);
    assert_int_equal(ev_parse(l2, strlen(l2), a, &e2, &why), 0);
    assert_int_equal(ev_parse(l3, strlen(l3), a, &e3, &why), 0);
    assert_string_equal(e1.id, e2.id); /* same look-up, written differently */
    assert_string_not_equal(e1.id, e3.id);
    assert_true(e1.key == e2.key);
    arena_free(a);
}

static void test_times(void **state)
{
    static const struct {
        const char *s;
        int rc;
        long long ms;
    } t[] = {
        {"1970-01-01T00:00:00Z", TS_OK, 0},
        {"2026-03-02T09:14:05Z", TS_OK, 1772442845000LL},
        {"2026-03-02 10:14:05+01:00", TS_OK, 1772442845000LL},
        {"2026-03-01T23:14:05-10:00", TS_OK, 1772442845000LL},
        {"2024-02-29T00:00:00Z", TS_OK, 1709164800000LL},
        {"2023-02-29T00:00:00Z", TS_ERANGE, 0},
        {"2026-03-02T09:14:05", TS_ESYNTAX, 0},
        {"2026-13-02T09:14:05Z", TS_ERANGE, 0},
        {"2026-03-02T09:60:05Z", TS_ERANGE, 0},
        {"1772442845000", TS_OK, 1772442845000LL},
    };
    for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
        int64_t ms = 0;
        int rc = ts_parse(t[i].s, strlen(t[i].s), &ms);
        if (rc != t[i].rc || (rc == TS_OK && ms != t[i].ms))
            fail_msg("%s: rc %d ms %lld", t[i].s, rc, (long long)ms);
    }
    char out[32];
    ts_format(1772442845000LL, out);
    assert_string_equal(out, "2026-03-02T09:14:05Z");
}

static void test_long_line_is_cut_and_next_line_survives(void **state)
{
    size_t big = 200000;
    char *text = malloc(big + 64);
    memset(text, 'x', big);
    strcpy(text + big, "\nsecond\r\nthird");
    FILE *f = fmemopen(text, strlen(text), "r");
    lines *l = lines_new(f, 65536);
    const char *line;
    size_t len;
    long no;
    int too_long;
    assert_int_equal(lines_next(l, &line, &len, &no, &too_long), 1);
    assert_true(too_long);
    assert_int_equal(no, 1);
    assert_int_equal(lines_next(l, &line, &len, &no, &too_long), 1);
    assert_false(too_long);
    assert_int_equal(no, 2);
    assert_int_equal(len, 6);
    assert_memory_equal(line, "second", 6);
    assert_int_equal(lines_next(l, &line, &len, &no, &too_long), 1);
    assert_memory_equal(line, "third", 5);
    assert_int_equal(lines_next(l, &line, &len, &no, &too_long), 0);
    lines_free(l);
    fclose(f);
    free(text);
}

/* A pipe that stays open: with lines_nowait, a half-written line is kept
 * and lines_next says so (2) instead of waiting; the rest completes it. */
/* A reader in nowait mode, lines up to max, over a pipe that stays open:
 * the test writes into fds[1]; *f is the read end, for fclose. */
static lines *nowait_pipe(int fds[2], size_t max, FILE **f)
{
    assert_int_equal(pipe(fds), 0);
    *f = fdopen(fds[0], "rb");
    assert_non_null(*f);
    lines *l = lines_new(*f, max);
    assert_non_null(l);
    lines_nowait(l, 1);
    return l;
}

static void test_nowait_keeps_a_half_line(void **state)
{
    int fds[2];
    FILE *f;
    lines *l = nowait_pipe(fds, 65536, &f);
    const char *line;
    size_t len;
    long no;
    int too_long;
    assert_int_equal(lines_next(l, &line, &len, &no, &too_long), 2); /* nothing yet */
    assert_int_equal(write(fds[1], "abc\nde", 6), 6);
    assert_int_equal(lines_next(l, &line, &len, &no, &too_long), 1);
    assert_int_equal(len, 3);
    assert_memory_equal(line, "abc", 3);
    assert_int_equal(lines_next(l, &line, &len, &no, &too_long), 2);
    assert_int_equal(lines_wait(l, 0), 0);
    assert_int_equal(write(fds[1], "f\n", 2), 2);
    assert_int_equal(lines_wait(l, 0), 1);
    assert_int_equal(lines_next(l, &line, &len, &no, &too_long), 1);
    assert_int_equal(len, 3);
    assert_memory_equal(line, "def", 3);
    assert_int_equal(no, 2);
    close(fds[1]);
    assert_int_equal(lines_next(l, &line, &len, &no, &too_long), 0);
    lines_free(l);
    fclose(f);
}

/* A line longer than the limit whose end has not come yet: not waited
 * for either; its head is returned once the rest has been skipped. */
static void test_nowait_skips_a_long_line_in_parts(void **state)
{
    int fds[2];
    FILE *f;
    lines *l = nowait_pipe(fds, 8, &f);
    const char *line;
    size_t len;
    long no;
    int too_long;
    assert_int_equal(write(fds[1], "0123456789ab", 12), 12);
    assert_int_equal(lines_next(l, &line, &len, &no, &too_long), 2);
    assert_int_equal(write(fds[1], "cdef", 4), 4);
    assert_int_equal(lines_next(l, &line, &len, &no, &too_long), 2);
    assert_int_equal(write(fds[1], "gh\nok\n", 6), 6);
    assert_int_equal(lines_next(l, &line, &len, &no, &too_long), 1);
    assert_int_equal(too_long, 1);
    assert_int_equal(len, 8);
    assert_memory_equal(line, "01234567", 8);
    assert_int_equal(no, 1);
    assert_int_equal(lines_next(l, &line, &len, &no, &too_long), 1);
    assert_int_equal(too_long, 0);
    assert_int_equal(len, 2);
    assert_memory_equal(line, "ok", 2);
    assert_int_equal(no, 2);
    assert_int_equal(lines_bytes(l), 22);
    close(fds[1]);
    assert_int_equal(lines_next(l, &line, &len, &no, &too_long), 0);
    lines_free(l);
    fclose(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bad_lines_give_reasons),
        cmocka_unit_test(test_full_event_fields),
        cmocka_unit_test(test_epoch_ms_and_brp_headers),
        cmocka_unit_test(test_derived_id_is_stable),
        cmocka_unit_test(test_times),
        cmocka_unit_test(test_long_line_is_cut_and_next_line_survives),
        cmocka_unit_test(test_nowait_keeps_a_half_line),
        cmocka_unit_test(test_nowait_skips_a_long_line_in_parts),
    };
    return cmocka_run_group_tests_name("input", tests, NULL, NULL);
}

/* The fast event parser: for each kind of line, what ev_parse() makes of it,
 * whether the fast path took it, and that the general (cJSON) parser makes
 * exactly the same of it. */
#include "testutil.h"
#include "ev_check.h"

#include "input/ev_fast.h"
#include "input/ev_fields.h"
#include "input/ev_parse.h"

#define TS "\"ts\":\"2026-03-02T09:14:05Z\","
#define BASE "{" TS "\"actor\":\"a\",\"action\":\"view\""

typedef struct fcase {
    const char *line;
    size_t len;             /* 0: strlen(line) */
    int fast;               /* the fast path takes the line */
    const char *reason;     /* NULL: accepted */
    const char *want[3][2]; /* field, value on accept */
} fcase;

static const fcase cases[] = {
    /* escapes */
    {BASE ",\"query\":\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\te\"}",
     0,
     1,
     NULL,
     {{"query", "a\"b\\c/d\b\f\n\r\te"}}},
    {"{" TS "\"actor\":\"jos\\u00e9\",\"action\":\"view\"}",
     0,
     1,
     NULL,
     {{"actor", "jos\xc3\xa9"}}},
    {"{" TS "\"actor\":\"\\u00C9\\u20AC\",\"action\":\"view\"}",
     0,
     1,
     NULL,
     {{"actor", "\xc3\x89\xe2\x82\xac"}}},
    {BASE ",\"subject\":\"\\ud83d\\ude00\"}", 0, 1, NULL, {{"subject", "\xf0\x9f\x98\x80"}}},
    {BASE ",\"subject\":\"ab\\u0000cd\"}",
     0,
     0,
     "field 'subject' holds a NUL character (\\u0000)",
     {{0}}},
    {BASE ",\"subject\":\"\\ud800\"}", 0, 0, "malformed JSON", {{0}}},
    {BASE ",\"subject\":\"\\udc00\\ud800\"}", 0, 0, "malformed JSON", {{0}}},
    {BASE ",\"subject\":\"\\x41\"}", 0, 0, "malformed JSON", {{0}}},
    {BASE ",\"subject\":\"\\u12\"}", 0, 0, "malformed JSON", {{0}}},
    /* unicode as bytes */
    {"{" TS "\"actor\":\"Stra\xc3\x9f"
     "e \xe2\x80\x93 \xf0\x9f\x98\x80\",\"action\":\"view\"}",
     0,
     1,
     NULL,
     {{"actor", "Stra\xc3\x9f"
                "e \xe2\x80\x93 \xf0\x9f\x98\x80"}}},
    {"{" TS "\"actor\":\"\xc0\x80\",\"action\":\"view\"}", 0, 0, "invalid UTF-8 at byte 38", {{0}}},
    {"{" TS "\"actor\":\"\xed\xa0\x80\",\"action\":\"view\"}",
     0,
     0,
     "invalid UTF-8 at byte 38",
     {{0}}},
    {"{" TS "\"actor\":\"a\tb\",\"action\":\"view\"}", 0, 0, NULL, {{"actor", "a\tb"}}},
    /* numbers */
    {"{" TS "\"actor\":42,\"action\":\"export\",\"results\":1000}",
     0,
     1,
     NULL,
     {{"actor", "42"}, {"results", "1000"}}},
    {"{\"ts\":1772442845000,\"actor\":\"a\",\"action\":\"view\",\"results\":0}",
     0,
     1,
     NULL,
     {{"ts", "1772442845000"}, {"results", "0"}}},
    {BASE ",\"subject\":-17,\"case\":999999999999999}",
     0,
     1,
     NULL,
     {{"subject", "-17"}, {"case", "999999999999999"}}},
    {BASE ",\"subject\":1234567890123456}", 0, 0, NULL, {{"subject", "1234567890123456"}}},
    {BASE ",\"subject\":1.5,\"case\":1e3,\"query\":-0}",
     0,
     0,
     NULL,
     {{"subject", "1.5"}, {"case", "1e3"}, {"query", "-0"}}},
    {BASE ",\"subject\":007}", 0, 0, NULL, {{"subject", "007"}}},
    {BASE ",\"results\":-1}", 0, 0, "field 'results' must be a whole number of records", {{0}}},
    {BASE ",\"results\":2.5}", 0, 0, "field 'results' must be a whole number of records", {{0}}},
    {BASE ",\"results\":\"5\"}", 0, 0, "field 'results' must be a whole number of records", {{0}}},
    {"{\"ts\":1772442845000.5,\"actor\":\"a\",\"action\":\"view\"}",
     0,
     0,
     "impossible time '1772442845000.5'",
     {{0}}},
    {"{\"ts\":-5,\"actor\":\"a\",\"action\":\"view\"}", 0, 0, "impossible time '-5'", {{0}}},
    {BASE ",\"n\":123456789012345,\"m\":-3}",
     0,
     1,
     NULL,
     {{"attrs", "{\"n\":123456789012345,\"m\":-3}"}}},
    {BASE ",\"f\":1.5,\"e\":1E2}", 0, 0, NULL, {{"attrs", "{\"f\":1.5,\"e\":100}"}}},
    /* nulls */
    {"{\"id\":null," TS "\"actor\":\"a\",\"action\":\"view\",\"subject\":null,\"results\":null}",
     0,
     1,
     NULL,
     {{"subject", ""}, {"results", "-1"}, {"id", "h:"}}},
    {"{\"ts\":null,\"actor\":\"a\",\"action\":\"view\"}",
     0,
     0,
     "missing required field 'ts'",
     {{0}}},
    {"{" TS "\"actor\":null,\"action\":\"view\"}", 0, 0, "missing required field 'actor'", {{0}}},
    {BASE ",\"x\":null,\"t\":true,\"f\":false}",
     0,
     1,
     NULL,
     {{"attrs", "{\"x\":null,\"t\":true,\"f\":false}"}}},
    /* duplicate keys */
    {BASE ",\"actor\":\"b\"}", 0, 0, "field 'actor' appears twice", {{0}}},
    {BASE ",\"x-gebruiker\":\"b\"}", 0, 0, "field 'actor' appears twice", {{0}}},
    {BASE ",\"subject\":null,\"subject\":\"s\"}", 0, 0, "field 'subject' appears twice", {{0}}},
    {BASE ",\"x\":1,\"y\":2,\"x\":3}", 0, 0, "field 'x' appears twice", {{0}}},
    /* keys one byte from a field's name: unknown fields, not that field */
    {BASE ",\"subjects\":\"x\",\"subject\":\"y\"}",
     0,
     1,
     NULL,
     {{"subject", "y"}, {"attrs", "{\"subjects\":\"x\"}"}}},
    {BASE ",\"subject_typ\":\"p\",\"subject_type\":\"person\",\"i\":1}",
     0,
     1,
     NULL,
     {{"subject_type", "person"}, {"attrs", "{\"subject_typ\":\"p\",\"i\":1}"}}},
    {BASE ",\"Case\":\"z1\",\"cas\":\"z2\",\"case\":\"z3\"}", 0, 1, NULL, {{"case", "z3"}}},
    {"{\"t\"", 0, 0, "malformed JSON", {{0}}},
    /* whitespace */
    {" \t{ \"ts\" : 1772442845000 ,\r\n\"actor\":\"a\" ,\n \"action\" : \"VIEW\" }\t \r",
     0,
     1,
     NULL,
     {{"action", "view"}, {"ts", "1772442845000"}}},
    {BASE "}\n", 0, 0, "malformed JSON: text after the object", {{0}}},
    {BASE "},", 0, 0, "malformed JSON: text after the object", {{0}}},
    {"{\"ts\":1772442845000,\0\"actor\":\"a\",\"action\":\"view\"}", 49, 1, NULL, {{"actor", "a"}}},
    {"\xef\xbb\xbf" BASE "}", 0, 0, NULL, {{"actor", "a"}}},
    {BASE ",}", 0, 0, "malformed JSON", {{0}}},
    {"", 0, 0, "malformed JSON", {{0}}},
    {"{}", 0, 0, "missing required field 'ts'", {{0}}},
    /* unknown fields, flat and nested */
    {BASE ",\"http\":{ \"status\" : 200, \"h\":[ \"a\" , 1 , [] , {} ]}}",
     0,
     1,
     NULL,
     {{"attrs", "{\"http\":{\"status\":200,\"h\":[\"a\",1,[],{}]}}"}}},
    {BASE ",\"v\":{\"k\\u00e9y\":\"a\\/b\\u0001\\u0022\\u005c\\u0009\"}}",
     0,
     1,
     NULL,
     {{"attrs", "{\"v\":{\"k\xc3\xa9y\":\"a/b\\u0001\\\"\\\\\\t\"}}"}}},
    {BASE ",\"v\":{\"a\":1,\"a\":2}}", 0, 1, NULL, {{"attrs", "{\"v\":{\"a\":1,\"a\":2}}"}}},
    {BASE
     ",\"deep\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}",
     0,
     0,
     NULL,
     {{"attrs", "{\"deep\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"
                "]]]]]]]]]}"}}},
    {BASE ",\"\":1,\"a\\u0062\":2}", 0, 0, NULL, {{"attrs", "{\"\":1,\"ab\":2}"}}},
    {BASE ",\"\":1}", 0, 1, NULL, {{"attrs", "{\"\":1}"}}},
    {"{" TS "\"actor\":{\"id\":1},\"action\":\"view\"}",
     0,
     0,
     "field 'actor' must be a string",
     {{0}}},
    {"{" TS "\"actor\":true,\"action\":\"view\"}", 0, 0, "field 'actor' must be a string", {{0}}},
    {BASE ",\"v\":{\"a\" 1}}", 0, 0, "malformed JSON", {{0}}},
};

static void test_lines(void **state)
{
    arena *a = arena_new(0);
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const fcase *c = &cases[i];
        size_t len = c->len ? c->len : strlen(c->line);
        ev_event ev, ej, ef;
        const char *why = NULL, *wj = NULL;
        int rc = ev_parse(c->line, len, a, &ev, &why);
        if (c->reason && (rc == 0 || strcmp(why, c->reason) != 0))
            fail_msg("case %zu: got %s, want '%s'", i, rc == 0 ? "accepted" : why, c->reason);
        if (!c->reason && rc != 0) fail_msg("case %zu: rejected: %s", i, why);
        for (int k = 0; !c->reason && k < 3 && c->want[k][0]; k++) {
            char tmp[32];
            const char *got = ev_field_text(&ev, c->want[k][0], tmp);
            size_t n = strcmp(c->want[k][0], "id") == 0 ? 2 : strlen(got) + 1; /* "h:" prefix */
            if (strncmp(got, c->want[k][1], n) != 0)
                fail_msg("case %zu: %s is '%s', want '%s'", i, c->want[k][0], got, c->want[k][1]);
        }
        int fast = ev_fast_parse(c->line, len, a, &ef) == 0;
        if (fast != c->fast)
            fail_msg("case %zu: fast path %s the line", i, fast ? "took" : "declined");
        int rj = ev_parse_json(c->line, len, a, &ej, &wj);
        if ((rj == 0) != (rc == 0) || (rc != 0 && strcmp(why, wj) != 0) ||
            (rc == 0 && !ev_same(&ev, &ej)))
            fail_msg("case %zu: ev_parse and ev_parse_json differ", i);
        if (fast && !ev_same(&ef, &ej)) fail_msg("case %zu: fast path differs", i);
        arena_reset(a);
    }
    arena_free(a);
}

/* The fast key lookup knows exactly the names the general parser knows. */
static void test_field_names_agree(void **state)
{
    for (size_t i = 0; i < ev_field_names_count; i++) {
        const char *name = ev_field_names[i].name;
        size_t n = strlen(name);
        assert_int_equal(ev_fast_field(name, n), (int)ev_field_names[i].f);
        char v[32];
        memcpy(v, name, n);
        v[n - 1] ^= 0x20; /* "actoR", "x-gebruikeR" */
        assert_int_equal(ev_fast_field(v, n), -1);
        assert_int_equal(ev_fast_field(name, n - 1), -1);
    }
    assert_int_equal(ev_fast_field("", 0), -1);
    assert_int_equal(ev_fast_field("Actor", 5), -1);
}

/* The dedupe key depends on the id and system, not on how the line wrote
 * them: escaped or not, a number or its text, system absent or null. The
 * fast path hashes the line's bytes when they need no decoding. */
static void test_key_same_however_written(void **state)
{
    static const char *same[] = {
        BASE ",\"id\":\"e17\",\"system\":\"brp\"}",
        BASE ",\"system\":\"brp\",\"id\":\"e17\"}",
        BASE ",\"id\":\"e\\u0031\\u0037\",\"system\":\"brp\"}",
        BASE ",\"id\":\"e17\",\"system\":\"b\\u0072p\"}",
        ("{\"id\":\"e17\",\"ts\":1772442845000,\"system\":\"brp\",\"actor\":\"x\","
         "\"action\":\"print\"}"),
    };
    static const char *other[] = {
        BASE ",\"id\":\"e17\"}",
        BASE ",\"id\":\"e17\",\"system\":null}",
        BASE ",\"id\":17,\"system\":\"brp\"}",
        BASE ",\"id\":\"e17\",\"system\":\"brpx\"}",
        BASE ",\"id\":\"e171\",\"system\":\"brp\"}",
    };
    arena *a = arena_new(0);
    ev_event ev;
    const char *why;
    assert_int_equal(ev_parse(same[0], strlen(same[0]), a, &ev, &why), 0);
    uint64_t key = ev.key;
    for (size_t i = 0; i < sizeof same / sizeof *same; i++) {
        assert_int_equal(ev_parse(same[i], strlen(same[i]), a, &ev, &why), 0);
        if (ev.key != key) fail_msg("line %zu: another key for the same id and system", i);
    }
    uint64_t keys[sizeof other / sizeof *other];
    for (size_t i = 0; i < sizeof other / sizeof *other; i++) {
        assert_int_equal(ev_parse(other[i], strlen(other[i]), a, &ev, &why), 0);
        keys[i] = ev.key;
        if (ev.key == key) fail_msg("other line %zu: the key of another event", i);
    }
    assert_true(keys[0] == keys[1]); /* no system and a null one are both "" */
    assert_true(keys[2] != keys[3] && keys[3] != keys[4]);
    arena_free(a);
}

/* The shape of the generated benchmark data goes the fast way. */
static void test_common_line_is_fast(void **state)
{
    const char *line =
        "{\"id\":\"e0000000005\",\"ts\":\"2026-01-05T00:00:21Z\",\"actor\":\"a04499\",\"system\":"
        "\"bvh\",\"action\":\"search\",\"purpose\":\"noodhulp\",\"query\":\"plate=AA-25\","
        "\"results\":7,\"client\":\"ws-50996\"}";
    arena *a = arena_new(0);
    ev_event ev;
    assert_int_equal(ev_fast_parse(line, strlen(line), a, &ev), 0);
    assert_string_equal(ev.id, "e0000000005");
    assert_string_equal(ev.system, "bvh");
    assert_string_equal(ev.query, "plate=AA-25");
    assert_string_equal(ev.client, "ws-50996");
    assert_string_equal(ev.subject, "");
    assert_string_equal(ev.attrs, "");
    assert_int_equal(ev.results, 7);
    arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lines),
        cmocka_unit_test(test_field_names_agree),
        cmocka_unit_test(test_key_same_however_written),
        cmocka_unit_test(test_common_line_is_fast),
    };
    return cmocka_run_group_tests_name("ev_fast", tests, NULL, NULL);
}

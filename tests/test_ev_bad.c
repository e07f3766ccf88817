/* Hostile event lines (issue 33): a NUL inside a value, numbers where text
 * belongs, times at the edges, values of the wrong kind, deep nesting and
 * repeated keys. Each case is named by its id in docs/bad-input.md and
 * asserts the reason a line is quarantined with, or the value stored,
 * exactly; the general (cJSON) parser and the fast one must agree. */
#include "testutil.h"
#include "ev_check.h"

#include "input/ev_fast.h"
#include "input/ev_parse.h"

#define TS "\"ts\":\"2026-03-02T09:14:05Z\","
#define BASE "{" TS "\"actor\":\"a\",\"action\":\"view\""
#define WITH_LEN(s) s, sizeof(s) - 1 /* a line with a NUL byte in it */

typedef struct bcase {
    const char *id; /* the class in docs/bad-input.md */
    const char *line;
    size_t len;               /* 0: strlen(line) */
    const char *reason;       /* NULL: accepted */
    const char *field, *want; /* on accept: this field holds this text */
} bcase;

static const bcase cases[] = {
    /* A NUL cut values where cJSON's strings end: quarantined instead. */
    {"ev_nul_value", "{\"id\":\"e1\\u0000x\"," TS "\"actor\":\"a\",\"action\":\"view\"}", 0,
     "field 'id' holds a NUL character (\\u0000)", NULL, NULL},
    {"ev_nul_value", BASE ",\"system\":\"s\\u0000\"}", 0,
     "field 'system' holds a NUL character (\\u0000)", NULL, NULL},
    {"ev_nul_value", "{" TS "\"actor\":\"k.devries\\u0000j.jansen\",\"action\":\"view\"}", 0,
     "field 'actor' holds a NUL character (\\u0000)", NULL, NULL},
    {"ev_nul_value", "{" TS "\"x-gebruiker\":\"k\\u0000\",\"action\":\"view\"}", 0,
     "field 'actor' holds a NUL character (\\u0000)", NULL, NULL},
    {"ev_nul_value", BASE ",\"subject\":\"ab\\u0000cd\"}", 0,
     "field 'subject' holds a NUL character (\\u0000)", NULL, NULL},
    {"ev_nul_value", BASE ",\"case\":\"\\u0000\"}", 0,
     "field 'case' holds a NUL character (\\u0000)", NULL, NULL},
    {"ev_nul_value",
     "{\"ts\":\"2026-03-02T09:14:05Z\\u0000junk\",\"actor\":\"a\",\"action\":\"view\"}", 0,
     "field 'ts' holds a NUL character (\\u0000)", NULL, NULL},
    {"ev_nul_raw", WITH_LEN("{\"id\":\"e1\0x\"," TS "\"actor\":\"a\",\"action\":\"view\"}"),
     "field 'id' holds a NUL character (\\u0000)", NULL, NULL},
    {"ev_nul_unknown", BASE ",\"vendor\":{\"who\":[\"a\\u0000b\"]}}", 0,
     "field 'vendor' holds a NUL character (\\u0000)", NULL, NULL},
    {"ev_nul_key", BASE ",\"id\\u0000x\":\"e2\"}", 0, "a key holds a NUL character (\\u0000)", NULL,
     NULL},
    {"ev_nul_key", BASE ",\"actor\\u0000\":\"b\"}", 0, "a key holds a NUL character (\\u0000)",
     NULL, NULL},
    /* Not a NUL: an escaped backslash before "u0000", and a NUL byte
     * between tokens (whitespace to JSON as cJSON reads it). */
    {"ev_nul_value", BASE ",\"query\":\"a\\\\u0000\"}", 0, NULL, "query", "a\\u0000"},
    {"ev_nul_value", WITH_LEN("{\"ts\":1772442845000,\0\"actor\":\"a\",\"action\":\"view\"}"), NULL,
     "actor", "a"},
    /* Numbers in text fields are their text as written, never a double. */
    {"ev_number_id", "{\"id\":12345678901234567890," TS "\"actor\":\"a\",\"action\":\"view\"}", 0,
     NULL, "id", "12345678901234567890"},
    {"ev_number_id", "{\"id\":12345678901234567891," TS "\"actor\":\"a\",\"action\":\"view\"}", 0,
     NULL, "id", "12345678901234567891"},
    {"ev_number_id", BASE ",\"subject\":123456789012345678901234567890}", 0, NULL, "subject",
     "123456789012345678901234567890"},
    {"ev_number_id", BASE ",\"subject\":1234567890123456}", 0, NULL, "subject", "1234567890123456"},
    {"ev_number_id", "{" TS "\"actor\":98765432109876543210,\"action\":\"view\"}", 0, NULL, "actor",
     "98765432109876543210"},
    {"ev_number_leading_zero", BASE ",\"subject\":012345678}", 0, NULL, "subject", "012345678"},
    {"ev_number_leading_zero", BASE ",\"subject\":007}", 0, NULL, "subject", "007"},
    {"ev_number_leading_zero", "{\"id\":0123," TS "\"actor\":\"a\",\"action\":\"view\"}", 0, NULL,
     "id", "0123"},
    {"ev_number_text", BASE ",\"subject\":1.50}", 0, NULL, "subject", "1.50"},
    {"ev_number_text", BASE ",\"case\":1e3}", 0, NULL, "case", "1e3"},
    {"ev_number_text", BASE ",\"query\":-0}", 0, NULL, "query", "-0"},
    {"ev_number_text", BASE ",\"case\" :  -17 }", 0, NULL, "case", "-17"},
    /* A time of the wrong kind says what it is. */
    {"ev_ts_not_time", "{\"ts\":true,\"actor\":\"a\",\"action\":\"view\"}", 0,
     "field 'ts' must be a time (a string or epoch milliseconds), not true", NULL, NULL},
    {"ev_ts_not_time", "{\"ts\":false,\"actor\":\"a\",\"action\":\"view\"}", 0,
     "field 'ts' must be a time (a string or epoch milliseconds), not false", NULL, NULL},
    {"ev_ts_not_time", "{\"ts\":{\"t\":1},\"actor\":\"a\",\"action\":\"view\"}", 0,
     "field 'ts' must be a time (a string or epoch milliseconds), not an object", NULL, NULL},
    {"ev_ts_not_time", "{\"ts\":[],\"actor\":\"a\",\"action\":\"view\"}", 0,
     "field 'ts' must be a time (a string or epoch milliseconds), not an array", NULL, NULL},
    {"ev_ts_number_range", "{\"ts\":-5,\"actor\":\"a\",\"action\":\"view\"}", 0,
     "impossible time '-5'", NULL, NULL},
    {"ev_ts_number_range", "{\"ts\":1772442845000.5,\"actor\":\"a\",\"action\":\"view\"}", 0,
     "impossible time '1772442845000.5'", NULL, NULL},
    {"ev_ts_number_range", "{\"ts\":4133980800000,\"actor\":\"a\",\"action\":\"view\"}", 0,
     "impossible time '4133980800000'", NULL, NULL},
    /* Leap second: the last millisecond of its minute. */
    {"ev_leap_second", "{\"ts\":\"2016-12-31T23:59:60Z\",\"actor\":\"a\",\"action\":\"view\"}", 0,
     NULL, "ts", "1483228799999"},
    {"ev_leap_second", "{\"ts\":\"2016-12-31T23:59:60.5Z\",\"actor\":\"a\",\"action\":\"view\"}", 0,
     NULL, "ts", "1483228799999"},
    {"ev_leap_second", "{\"ts\":\"2016-12-31T23:59:61Z\",\"actor\":\"a\",\"action\":\"view\"}", 0,
     "impossible time '2016-12-31T23:59:61Z'", NULL, NULL},
    /* 2100 is within range, after it is not. */
    {"ev_year_2100", "{\"ts\":\"2100-12-31T23:59:59.999Z\",\"actor\":\"a\",\"action\":\"view\"}", 0,
     NULL, "ts", "4133980799999"},
    {"ev_year_2100", "{\"ts\":\"2100-12-31\\u005400:00:00Z\",\"actor\":\"a\",\"action\":\"view\"}",
     0, NULL, "ts", "4133894400000"},
    {"ev_year_2100", "{\"ts\":4133980799999,\"actor\":\"a\",\"action\":\"view\"}", 0, NULL, "ts",
     "4133980799999"},
    {"ev_year_2100", "{\"ts\":\"2101-01-01T00:00:00Z\",\"actor\":\"a\",\"action\":\"view\"}", 0,
     "impossible time '2101-01-01T00:00:00Z'", NULL, NULL},
    {"ev_year_2100", "{\"ts\":\"2101-01-01T00:30:00+01:00\",\"actor\":\"a\",\"action\":\"view\"}",
     0, NULL, "ts", "4133979000000"},
    /* The same unknown key twice: quarantined, as a known one is. */
    {"ev_dup_unknown", BASE ",\"x\":1,\"y\":2,\"x\":3}", 0, "field 'x' appears twice", NULL, NULL},
    {"ev_dup_unknown", BASE ",\"x\":1,\"\\u0078\":1}", 0, "field 'x' appears twice", NULL, NULL},
    {"ev_dup_unknown", BASE ",\"v\":{\"a\":1,\"a\":2}}", 0, NULL, "attrs",
     "{\"v\":{\"a\":1,\"a\":2}}"},
};

/* One line through ev_parse (fast path first), ev_parse_json and the fast
 * path alone: the reason or the value is the one wanted, and they agree. */
static void check(const char *id, const char *line, size_t len, const char *reason,
                  const char *fname, const char *want)
{
    arena *a = arena_new(0);
    ev_event ev, ej, ef;
    const char *why = NULL, *wj = NULL;
    int rc = ev_parse(line, len, a, &ev, &why);
    if (reason && (rc == 0 || strcmp(why, reason) != 0))
        fail_msg("%s: %.80s: got %s, want '%s'", id, line, rc == 0 ? "accepted" : why, reason);
    if (!reason && rc != 0) fail_msg("%s: %.80s: quarantined: %s", id, line, why);
    char tmp[32];
    if (!reason && strcmp(ev_field_text(&ev, fname, tmp), want) != 0)
        fail_msg("%s: %s is '%s', want '%s'", id, fname, ev_field_text(&ev, fname, tmp), want);
    int rj = ev_parse_json(line, len, a, &ej, &wj);
    if ((rj == 0) != (rc == 0) || (rc != 0 && strcmp(why, wj) != 0) ||
        (rc == 0 && !ev_same(&ev, &ej)))
        fail_msg("%s: %.80s: ev_parse and ev_parse_json differ", id, line);
    if (ev_fast_parse(line, len, a, &ef) == 0 && (rj != 0 || !ev_same(&ef, &ej)))
        fail_msg("%s: %.80s: the fast path differs", id, line);
    arena_free(a);
}

static void test_hostile_lines(void **state)
{
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const bcase *c = &cases[i];
        check(c->id, c->line, c->len ? c->len : strlen(c->line), c->reason, c->field, c->want);
    }
}

/* ev_nested_deep: 1,000 levels (the object and 999 arrays in an unknown
 * field) are read; one more says so, not "malformed JSON". */
static void test_nesting(void **state)
{
    for (int levels = 1000; levels <= 1001; levels++) {
        int arrays = levels - 1;
        size_t n = strlen(BASE) + 8 + 2 * (size_t)arrays + 2;
        char *line = malloc(n);
        assert_non_null(line);
        char *o = line + sprintf(line, "%s,\"d\":", BASE);
        memset(o, '[', (size_t)arrays);
        o += arrays;
        memset(o, ']', (size_t)arrays);
        o += arrays;
        strcpy(o, "}");
        check("ev_nested_deep", line, strlen(line),
              levels > 1000 ? "JSON nested too deeply (more than 1000 levels)" : NULL, "actor",
              "a");
        free(line);
    }
    /* Braces inside strings do not count. */
    char text[3100] = BASE ",\"q\":\"";
    memset(text + strlen(text), '[', 3000);
    strcpy(text + strlen(BASE) + 6 + 3000, "\"}");
    check("ev_nested_deep", text, strlen(text), NULL, "actor", "a");
}

/* What an ingest makes of them: ev_nul_value and ev_number_id as a user
 * counts them, and the times at the edges stored. Ids that differ only after a NUL are two
 * quarantined lines, never one event and a duplicate; ids beyond a double's digits are two events,
 * stored digit for digit; read = stored + duplicates + quarantined. */
static void test_ingest_counts(void **state)
{
    char *dir = tu_tmpdir();
    static const char events[] =
        "{\"id\":\"e1\\u0000a\",\"ts\":\"2026-03-02T09:00:00Z\",\"actor\":\"c\",\"action\":"
        "\"view\"}\n"
        "{\"id\":\"e1\\u0000b\",\"ts\":\"2026-03-02T09:00:00Z\",\"actor\":\"c\",\"action\":"
        "\"view\"}\n"
        "{\"id\":12345678901234567890,\"ts\":\"2026-03-02T09:00:00Z\",\"actor\":\"c\","
        "\"action\":\"view\",\"subject\":012345678}\n"
        "{\"id\":12345678901234567891,\"ts\":\"2026-03-02T09:00:00Z\",\"actor\":\"c\","
        "\"action\":\"view\",\"subject\":12345678}\n"
        "{\"id\":\"leap\",\"ts\":\"2016-12-31T23:59:60Z\",\"actor\":\"c\",\"action\":\"view\"}\n"
        "{\"id\":\"y2100\",\"ts\":\"2100-12-31T23:59:59.999Z\",\"actor\":\"c\",\"action\":\"view\"}"
        "\n";
    tu_write(dir, "ev.jsonl", events);
    char path[600];
    snprintf(path, sizeof path, "%s/ev.jsonl", dir);
    tu_run r = tu_wachter(dir, "--format", "jsonl", "ingest", path, NULL);
    assert_int_equal(r.code, 0);
    if (!strstr(r.out, "\"read\":6,\"stored\":4,\"duplicates\":0,\"quarantined\":2"))
        fail_msg("ingest printed %s", r.out);
    assert_non_null(
        strstr(r.err, "ev.jsonl:1: quarantined: field 'id' holds a NUL character (\\u0000)"));
    assert_non_null(
        strstr(r.err, "ev.jsonl:2: quarantined: field 'id' holds a NUL character (\\u0000)"));
    tu_free(&r);
    char *rows = tu_rows(dir, "SELECT id, subject FROM events WHERE id GLOB '1*' ORDER BY id");
    assert_string_equal(rows, "12345678901234567890|012345678\n12345678901234567891|12345678\n");
    free(rows);
    /* ev_leap_second and ev_year_2100, stored at their times. */
    rows = tu_rows(dir, "SELECT id, ts FROM events WHERE id IN ('leap', 'y2100') ORDER BY id");
    assert_string_equal(rows, "leap|1483228799999\ny2100|4133980799999\n");
    free(rows);
    tu_rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hostile_lines),
        cmocka_unit_test(test_nesting),
        cmocka_unit_test(test_ingest_counts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_term_output — the people wachter monitors type the values it
 * prints (a case, a purpose, a query, their account name), and those
 * values must not steer the terminal of the investigator who reads them:
 * no control character, bidirectional override or invisible formatting
 * reaches any output raw, in a table or in JSON Lines, on standard output
 * or in a message on standard error, and no output is invalid UTF-8.
 * Each class of hostile value below (docs/bad-input.md names them) is put
 * into events, reference data and arguments, and every read command is
 * run over it in both formats. */
#include "testutil.h"

#include <sys/stat.h>

#include "emit/emit_alerts.h"
#include "emit/emit_quarantine.h"
#include "util/buf.h"
#include "util/esc.h"
#include "util/utf8.h"

typedef struct hostile {
    const char *id;    /* its row in docs/bad-input.md */
    const char *raw;   /* the bytes */
    const char *json;  /* the same written in an event's JSON string; NULL: JSON cannot
                          carry it (not UTF-8), so it comes only through arguments */
    const char *table; /* how a table or a message shows it */
    const char *jsonl; /* how JSON Lines output writes it */
} hostile;

static const hostile hostiles[] = {
    {"term.escape-sequence", "\x1b]0;owned\x07\x1b[2K\r", "\\u001b]0;owned\\u0007\\u001b[2K\\r",
     "\\x1b]0;owned\\x07\\x1b[2K\\x0d", "\\u001b]0;owned\\u0007\\u001b[2K\\r"},
    {"term.bel", "\x07", "\\u0007", "\\x07", "\\u0007"},
    {"term.carriage-return", "\rk.devries", "\\rk.devries", "\\x0dk.devries", "\\rk.devries"},
    {"term.backspace", "\b\b\b", "\\b\\b\\b", "\\x08\\x08\\x08", "\\u0008\\u0008\\u0008"},
    {"term.newline", "\nforged row", "\\nforged row", "\\x0aforged row", "\\nforged row"},
    {"term.del", "\x7f", "\\u007f", "\\x7f", "\\u007f"},
    {"term.c1",
     "\xc2\x9b"
     "2K\xc2\x85",
     "\\u009b2K\\u0085", "\\u009b2K\\u0085", "\\u009b2K\\u0085"},
    {"term.bidi-override",
     "\xe2\x80\xae"
     "321",
     "\\u202e321", "\\u202e321", "\\u202e321"},
    {"term.bidi-isolate",
     "\xe2\x81\xa6"
     "x\xe2\x81\xa9",
     "\\u2066x\\u2069", "\\u2066x\\u2069", "\\u2066x\\u2069"},
    {"term.invisible", "k.de\xe2\x80\x8bvries\xc2\xad", "k.de\\u200bvries\\u00ad",
     "k.de\\u200bvries\\u00ad", "k.de\\u200bvries\\u00ad"},
    {"term.tag-characters", "\xf3\xa0\x81\x81\xf3\xa0\x81\x82", "\\udb40\\udc41\\udb40\\udc42",
     "\\U000e0041\\U000e0042", "\\udb40\\udc41\\udb40\\udc42"},
    {"term.invalid-utf8", "\xff\xc0\xaf\xed\xa0\x80\xe2\x80", NULL,
     "\\xff\\xc0\\xaf\\xed\\xa0\\x80\\xe2\\x80",
     "\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd"},
};

/* A code point no output may hold raw (independent of util/esc.c's own
 * list): C1 controls, bidirectional embeddings, overrides, isolates and
 * marks, zero-width characters, the soft hyphen, tag characters. */
static int forbidden(uint32_t cp)
{
    return (cp >= 0x80 && cp <= 0x9F) || cp == 0xAD || (cp >= 0x200B && cp <= 0x200F) ||
           (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF ||
           (cp >= 0xE0000 && cp <= 0xE007F);
}

/* 0 when s is valid UTF-8 with no control byte (but the newline ending
 * each line) and no forbidden character; else 1, printing what and where. */
static int raw_in(const char *what, const char *s)
{
    size_t n = strlen(s);
    long bad = utf8_invalid_at(s, n);
    if (bad >= 0) {
        print_error("%s: invalid UTF-8 at byte %ld\n", what, bad);
        return 1;
    }
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        uint32_t cp = 0;
        size_t len = esc_char(s + i, n - i, &cp);
        if ((c < 0x20 && c != '\n') || c == 0x7f || forbidden(cp)) {
            print_error("%s: raw U+%04X at byte %zu\n", what, cp, i);
            return 1;
        }
        i += len;
    }
    return 0;
}

/* Fails unless s shows nothing raw (raw_in). */
static void assert_nothing_raw(const char *what, const char *s)
{
    if (raw_in(what, s)) fail_msg("%s: %s", what, s);
}

/* Whether the CSV loader refuses s as a value: a C0 control, DEL or a C1
 * control (U+0080-U+009F) in it. */
static int csv_refuses(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x20 || *p == 0x7f || (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)) return 1;
    return 0;
}

static char *cat(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    char *s = malloc(na + nb + 1);
    memcpy(s, a, na);
    memcpy(s + na, b, nb + 1);
    return s;
}

/* The reference data and events of one hostile value h, in a store under
 * dir: the value in a unit and a case name (CSV), and in an event's case,
 * purpose, query, system, client, subject, actor and time (the last
 * quarantined, its reason quoting it). Plain look-ups besides, so that
 * correlate and convergence have something to rank. */
static int fill(const char *dir, const hostile *h)
{
    char org[400], path[700];
    snprintf(org, sizeof org, "%s/org", dir);
    assert_int_equal(mkdir(org, 0700), 0);
    /* The loader refuses C0, DEL and C1 controls in a CSV value
     * (csv.control_char in docs/bad-input.md): those classes reach the
     * output through events and arguments only. */
    const char *v = h->json && !csv_refuses(h->raw) ? h->raw : "";
    char *text;
    size_t len;
    FILE *f = open_memstream(&text, &len);
    fprintf(f,
            "actor,unit,role,start,end\n\"k.devries\",\"Burger%szaken\",clerk,2020-01-01,\n"
            "j.jansen,Handhaving,clerk,2020-01-01,\n",
            v);
    fclose(f);
    tu_write(org, "actors.csv", text);
    free(text);
    f = open_memstream(&text, &len);
    fprintf(f, "case,subject,opened,closed\n\"Z-1%s/1\",S1,2026-01-01,\n", v);
    fclose(f);
    tu_write(org, "cases.csv", text);
    free(text);
    f = open_memstream(&text, &len);
    fprintf(f, "case,assignee,from,to\n\"Z-1%s/1\",k.devries,2026-01-01,\n", v);
    fclose(f);
    tu_write(org, "case_assignments.csv", text);
    free(text);
    tu_run r = tu_wachter(dir, "load", org, NULL);
    if (r.code != 0) fail_msg("%s: load exited %d: %s", h->id, r.code, r.err);
    tu_free(&r);

    const char *j = h->json ? h->json : "";
    f = open_memstream(&text, &len);
    fprintf(f,
            "{\"id\":\"e1\",\"ts\":\"2026-03-02T09:00:00Z\",\"actor\":\"k.devries\","
            "\"action\":\"view\",\"subject\":\"S1\",\"case\":\"Z-1%s/1\",\"purpose\":\"p%s\","
            "\"query\":\"q%s\",\"system\":\"brp%s\",\"client\":\"c%s\"}\n",
            j, j, j, j, j);
    fprintf(f,
            "{\"id\":\"e2\",\"ts\":\"2026-03-02T09:01:00Z\",\"actor\":\"k.devries\","
            "\"action\":\"view\",\"subject\":\"S2%s\"}\n",
            j);
    fprintf(f,
            "{\"id\":\"e3\",\"ts\":\"2026-03-02T09:02:00Z\",\"actor\":\"x%s\","
            "\"action\":\"view\",\"subject\":\"S1\",\"case\":\"c%s\"}\n",
            j, j);
    fprintf(f, "{\"id\":\"e4\",\"ts\":\"t%s\",\"actor\":\"k.devries\",\"action\":\"view\"}\n", j);
    const char *actors[] = {"k.devries", "j.jansen"}, *subj[] = {"A", "B", "C"};
    for (int a = 0; a < 2; a++)
        for (int s = 0; s < 3; s++)
            fprintf(f,
                    "{\"id\":\"c%d%d\",\"ts\":\"2026-03-03T1%d:00:00Z\",\"actor\":\"%s\","
                    "\"action\":\"view\",\"subject\":\"%s%s\"}\n",
                    a, s, s, actors[a], subj[s], j);
    /* A line that is not UTF-8, quarantined with its raw bytes kept. */
    fprintf(f, "{\"subject\":\"\xff\x1b[2K\",\"ts\":\"2026-03-02T09:03:00Z\","
               "\"actor\":\"k.devries\",\"action\":\"view\"}\n");
    fclose(f);
    snprintf(path, sizeof path, "%s/ev.jsonl", dir);
    FILE *ev = fopen(path, "w");
    fwrite(text, 1, len, ev);
    fclose(ev);
    free(text);
    r = tu_wachter(dir, "ingest", path, NULL);
    assert_int_equal(r.code, 0);
    int bad = raw_in(h->id, r.out) + raw_in(h->id, r.err);
    /* The quarantined time is quoted on standard error, escaped. */
    if (h->json && !strstr(r.err, h->table)) {
        print_error("%s: ingest's quarantine message lacks %s: %s\n", h->id, h->table, r.err);
        bad++;
    }
    tu_free(&r);
    return bad > 0;
}

/* A read command: its arguments (ARG is replaced by a value holding the
 * hostile bytes), and whether its table and its jsonl must show the
 * hostile value: ALWAYS (it comes from an argument), EVENTS (from the
 * events and reference data, which only valid UTF-8 reaches) or NEVER. */
enum shows { NEVER, EVENTS, ALWAYS };
#define ARG "\x01"

static const struct {
    const char *args[8];
    enum shows table, jsonl;
} reads[] = {
    {{"incident", "add", "--id", "I-" ARG, "--subject", "S1", "--ts", "2026-03-05"},
     ALWAYS,
     ALWAYS},
    {{"who-accessed", "S1"}, EVENTS, EVENTS},
    {{"who-accessed", "S2" ARG}, ALWAYS, EVENTS},
    {{"timeline", "k.devries"}, EVENTS, EVENTS},
    {{"timeline", "x" ARG}, ALWAYS, EVENTS},
    {{"protocol", "S1"}, EVENTS, EVENTS},
    {{"protocol", "S2" ARG}, ALWAYS, NEVER},
    {{"alerts"}, EVENTS, EVENTS},
    {{"risk", "--all"}, EVENTS, EVENTS}, /* its one alert is below the default floor */
    {{"quarantine"}, EVENTS, EVENTS},
    {{"correlate"}, ALWAYS, ALWAYS},
    {{"convergence", "--max-p", "1", "--min-shared", "2"}, EVENTS, EVENTS},
};

/* Runs one read command in format fmt with h's value; returns its run. */
static tu_run run_read(const char *dir, size_t k, const char *fmt, const hostile *h)
{
    char *argv[12] = {"--format", (char *)fmt};
    char *owned[8] = {0};
    int n = 2;
    for (int i = 0; i < 8 && reads[k].args[i]; i++) {
        const char *a = reads[k].args[i], *mark = strstr(a, ARG);
        if (mark) {
            size_t pre = (size_t)(mark - a);
            char *s = malloc(pre + strlen(h->raw) + 1);
            memcpy(s, a, pre);
            strcpy(s + pre, h->raw);
            a = owned[i] = s;
        }
        argv[n++] = (char *)a;
    }
    while (n < 12)
        argv[n++] = NULL;
    tu_run r = tu_wachter(dir, argv[0], argv[1], argv[2], argv[3], argv[4], argv[5], argv[6],
                          argv[7], argv[8], argv[9], argv[10], argv[11], NULL);
    for (int i = 0; i < 8; i++)
        free(owned[i]);
    return r;
}

static void test_every_read_command_shows_hostile_values_escaped(void **state)
{
    (void)state;
    int failed = 0, runs = 0;
    for (size_t i = 0; i < sizeof hostiles / sizeof *hostiles; i++) {
        const hostile *h = &hostiles[i];
        char *dir = tu_tmpdir();
        failed += fill(dir, h);
        for (size_t k = 0; k < sizeof reads / sizeof *reads; k++) {
            for (int jsonl = 0; jsonl < 2; jsonl++) {
                tu_run r = run_read(dir, k, jsonl ? "jsonl" : "table", h);
                runs++;
                char what[200];
                snprintf(what, sizeof what, "%s: %s %s (%s)", h->id, reads[k].args[0],
                         reads[k].args[1] ? reads[k].args[1] : "", jsonl ? "jsonl" : "table");
                if (r.code != 0) fail_msg("%s exited %d: %s", what, r.code, r.err);
                int bad = raw_in(what, r.out) + raw_in(what, r.err);
                enum shows s = jsonl ? reads[k].jsonl : reads[k].table;
                const char *want = jsonl ? h->jsonl : h->table;
                if ((s == ALWAYS || (s == EVENTS && h->json)) && !strstr(r.out, want)) {
                    print_error("%s: %s does not appear in:\n%s\n", what, want, r.out);
                    bad++;
                }
                failed += bad > 0;
                tu_free(&r);
            }
        }
        tu_rmdir(dir);
    }
    if (failed) fail_msg("%d of %d runs showed something raw or not escaped", failed, runs);
}

/* The quarantine table shows a line's raw bytes escaped; its jsonl keeps
 * every byte as \u00XX. */
static void test_quarantined_raw_bytes_shown_escaped(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    fill(dir, &hostiles[0]); /* what ingest printed: the test above */
    tu_run r = tu_wachter(dir, "quarantine", NULL);
    assert_int_equal(r.code, 0);
    if (!strstr(r.out, "{\"subject\":\"\\xff\\x1b[2K\",")) fail_msg("quarantine table: %s", r.out);
    tu_free(&r);
    r = tu_wachter(dir, "--format", "jsonl", "quarantine", NULL);
    if (!strstr(r.out, "{\\u0022subject\\u0022:\\u0022\\u00ff\\u001b[2K\\u0022,"))
        fail_msg("quarantine jsonl: %s", r.out);
    tu_free(&r);
    tu_rmdir(dir);
}

/* Runs wachter with up to 10 arguments, the first NULL ending them. */
static tu_run run_args(const char *dir, const char *const a[10])
{
    return tu_wachter(dir, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], NULL);
}

/* Messages on standard error that quote input show it escaped: a bad
 * reference row quoting its value, a bad row of an incidents file named
 * by its path, and usage errors quoting an argument. */
static void test_messages_quoting_input_are_escaped(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof hostiles / sizeof *hostiles; i++) {
        const hostile *h = &hostiles[i];
        char *dir = tu_tmpdir(), org[400], empty[400];
        snprintf(empty, sizeof empty, "%s/none.jsonl", dir);
        tu_write(dir, "none.jsonl", "");
        tu_ingest_expect(dir, empty, "\"read\":0"); /* a store to read */
        if (h->json) {                              /* a CSV value: only what is UTF-8 */
            snprintf(org, sizeof org, "%s/org", dir);
            assert_int_equal(mkdir(org, 0700), 0);
            char *row = cat("case,subject,opened,closed\nZ-9,S1,\"x", h->raw);
            char *csv = cat(row, "x\",\n");
            tu_write(org, "cases.csv", csv);
            tu_run r = tu_wachter(dir, "load", org, NULL);
            assert_int_not_equal(r.code, 0);
            assert_nothing_raw(h->id, r.err);
            if (!strstr(r.err, "cases.csv:2:") ||
                !strstr(r.err, csv_refuses(h->raw) ? "' holds " : h->table))
                fail_msg("%s: load's bad row message: %s", h->id, r.err);
            tu_free(&r);
            free(row);
            free(csv);
        }
        char *name = cat("incidents", h->raw), *file = cat(dir, "/"), *path = cat(file, name);
        tu_write(dir, name, "incident,subject,ts,kind\nI-1,S1,never,fire\n");
        char *from = cat("2026", h->raw), *cmd = cat("who", h->raw);
        const char *const runs[][10] = {
            {"correlate", "--incidents", path},
            {"who-accessed", "S1", "--from", from},
            {"--format", from, "risk"},
            {cmd},
            {"risk", from},
            {"ingest", from},
            {"incident", "add", "--id", "I", "--subject", "S", "--ts", from},
        };
        for (size_t k = 0; k < sizeof runs / sizeof *runs; k++) {
            tu_run r = run_args(dir, runs[k]);
            assert_int_not_equal(r.code, 0);
            assert_nothing_raw(h->id, r.out);
            assert_nothing_raw(h->id, r.err);
            if (!strstr(r.err, h->table))
                fail_msg("%s: %s: the message lacks %s: %s", h->id, runs[k][0], h->table, r.err);
            tu_free(&r);
        }
        free(name);
        free(file);
        free(path);
        free(from);
        free(cmd);
        tu_rmdir(dir);
    }
}

/* util/esc: the one escape form, and the columns it takes. */
static void test_escape_form(void **state)
{
    (void)state;
    static const struct {
        const char *in, *shown;
        size_t cols;
        const char *json;
    } cases[] = {
        {"k.devries", "k.devries", 9, "\"k.devries\""},
        {"GEMEENTE\\jansen", "GEMEENTE\\jansen", 15, "\"GEMEENTE\\\\jansen\""},
        {"M\xc3\xbcller", "M\xc3\xbcller", 6, "\"M\xc3\xbcller\""},
        {"e\xcc\x81", "e\xcc\x81", 1, "\"e\xcc\x81\""},             /* e + combining acute */
        {"\xe6\x9d\xb1\xe4\xba\xac", "\xe6\x9d\xb1\xe4\xba\xac", 4, /* two wide characters */
         "\"\xe6\x9d\xb1\xe4\xba\xac\""},
        {"a\tb", "a\\x09b", 6, "\"a\\tb\""},
        {"\x1b[2K\r", "\\x1b[2K\\x0d", 11, "\"\\u001b[2K\\r\""},
        {"\x7f", "\\x7f", 4, "\"\\u007f\""},
        {"\xc2\x9b", "\\u009b", 6, "\"\\u009b\""},
        {"\xe2\x80\xae", "\\u202e", 6, "\"\\u202e\""},
        {"\xe2\x81\xa9", "\\u2069", 6, "\"\\u2069\""},
        {"\xe2\x80\x8e\xd8\x9c", "\\u200e\\u061c", 12, "\"\\u200e\\u061c\""}, /* marks */
        {"\xe2\x80\xa8\xe2\x81\xa0", "\\u2028\\u2060", 12, "\"\\u2028\\u2060\""},
        {"\xef\xbb\xbf", "\\ufeff", 6, "\"\\ufeff\""},
        {"\xf3\xa0\x80\x81", "\\U000e0001", 10, "\"\\udb40\\udc01\""},
        {"\xff", "\\xff", 4, "\"\\ufffd\""},
        {"\xc0\xaf", "\\xc0\\xaf", 8, "\"\\ufffd\\ufffd\""},                  /* overlong '/' */
        {"\xed\xa0\x80", "\\xed\\xa0\\x80", 12, "\"\\ufffd\\ufffd\\ufffd\""}, /* surrogate */
        {"a\xe2\x80", "a\\xe2\\x80", 9, "\"a\\ufffd\\ufffd\""},               /* cut short */
        {"\xf4\x90\x80\x80", "\\xf4\\x90\\x80\\x80", 16,                      /* above U+10FFFF */
         "\"\\ufffd\\ufffd\\ufffd\\ufffd\""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        buf b = {0}, j = {0};
        assert_int_equal(esc_text(&b, cases[i].in), 0);
        assert_int_equal(buf_json_str(&j, cases[i].in), 0);
        if (strcmp(b.data, cases[i].shown) != 0)
            fail_msg("case %zu: shown %s, want %s", i, b.data, cases[i].shown);
        if (strcmp(j.data, cases[i].json) != 0)
            fail_msg("case %zu: json %s, want %s", i, j.data, cases[i].json);
        assert_int_equal(esc_width(cases[i].in), cases[i].cols);
        assert_nothing_raw("esc_text", b.data);
        assert_nothing_raw("buf_json_str", j.data);
        buf_free(&b);
        buf_free(&j);
    }
}

/* A width pads by the columns of the escaped form, so that the columns
 * after a hostile or non-ASCII value stay aligned; a value wider than its
 * column is not cut. */
static const struct {
    const char *id, *value;
    int width;
    const char *left, *right; /* "%-*s|" and "%*s|" */
} aligned[] = {
    {"term.align", "\x1b", 8, "\\x1b    |", "    \\x1b|"},
    {"term.align", "a\xe2\x80\xae", 8, "a\\u202e |", " a\\u202e|"},
    {"term.align", "M\xc3\xbcller", 8, "M\xc3\xbcller  |", "  M\xc3\xbcller|"},
    {"term.align", "e\xcc\x81", 3, "e\xcc\x81  |", "  e\xcc\x81|"},
    {"term.align", "\xe6\x9d\xb1", 4, "\xe6\x9d\xb1  |", "  \xe6\x9d\xb1|"},
    {"term.align", "toolongvalue", 4, "toolongvalue|", "toolongvalue|"},
    {"term.align", "\xff", 2, "\\xff|", "\\xff|"},
};

static void test_padding_counts_escaped_columns(void **state)
{
    (void)state;
    buf b = {0};
    for (size_t i = 0; i < sizeof aligned / sizeof *aligned; i++) {
        buf_reset(&b);
        assert_int_equal(esc_printf(&b, "%-*s|", aligned[i].width, aligned[i].value), 0);
        if (strcmp(b.data, aligned[i].left) != 0)
            fail_msg("%s %zu: left %s, want %s", aligned[i].id, i, b.data, aligned[i].left);
        buf_reset(&b);
        assert_int_equal(esc_printf(&b, "%*s|", aligned[i].width, aligned[i].value), 0);
        if (strcmp(b.data, aligned[i].right) != 0)
            fail_msg("%s %zu: right %s, want %s", aligned[i].id, i, b.data, aligned[i].right);
    }
    /* A precision counts columns too, and never cuts an escape. */
    buf_reset(&b);
    assert_int_equal(esc_printf(&b, "[%.3s|%.5s|%.10s]", "abcdef", "ab\x1b", "2026-03-02T09"), 0);
    assert_string_equal(b.data, "[abc|ab|2026-03-02]");
    /* Every other conversion is printf's. */
    buf_reset(&b);
    assert_int_equal(esc_printf(&b, "%4d %6ld %5.1f %zu %lld %9.2g %x %c %% %-3s|", -3, 42L, 42.25,
                                (size_t)7, 1LL << 40, 0.000123, 255, 'q', "\x07"),
                     0);
    assert_string_equal(b.data, "  -3     42  42.2 7 1099511627776   0.00012 ff q % \\x07|");

    /* A table row: the actor's escaped form is 9 columns, padded to 14. */
    const char *ev[] = {"e1"}, *subj[] = {"S1"};
    store_alert a = {"a-1",
                     "x\x1b[31m",
                     "employment",
                     "Account is not in the staff register",
                     INT64_C(1772442000000),
                     2,
                     5.0,
                     ev,
                     subj,
                     1,
                     NULL,
                     NULL,
                     0,
                     NULL,
                     NULL,
                     0,
                     NULL,
                     0};
    buf_reset(&b);
    assert_int_equal(emit_alerts_begin(&b, EMIT_TABLE) | emit_alert(&b, EMIT_TABLE, &a), 0);
    assert_string_equal(
        b.data, "TIME                  ACTOR           RULE          SEVERITY  SCORE  REASON\n"
                "2026-03-02T09:00:00Z  x\\x1b[31m       employment    medium      5.0  "
                "Account is not in the staff register\n");
    buf_reset(&b);
    a.actor = "x\xff\xe2\x80\xae";
    assert_int_equal(emit_alert(&b, EMIT_JSONL, &a), 0);
    if (!strstr(b.data, "\"actor\":\"x\\ufffd\\u202e\"")) fail_msg("jsonl: %s", b.data);
    buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escape_form),
        cmocka_unit_test(test_padding_counts_escaped_columns),
        cmocka_unit_test(test_every_read_command_shows_hostile_values_escaped),
        cmocka_unit_test(test_quarantined_raw_bytes_shown_escaped),
        cmocka_unit_test(test_messages_quoting_input_are_escaped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

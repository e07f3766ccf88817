/* Pseudonyms by default (issue 34): on the demo's organisation, no listing
 * names a member of staff by their account id (or their own record's
 * person id) unless --reveal is given; pseudonyms are stable under one key
 * and differ under another; commands take them; a bad key file and an
 * unknown pseudonym are refused with a clear message. */
#include <sys/stat.h>

#include "priv/pkey.h"
#include "priv/pseudonym.h"
#include "testutil.h"

typedef struct org {
    char *dir;
    char **actor, **person; /* actors.csv's columns, owned; person "" when none */
    size_t n;
    char subject[64]; /* a subject an alert names */
    char *pseud;      /* the pseudonym of the top of risk, owned */
    char *real;       /* that actor's account id, owned */
} org;

static org O;

/* Runs "wachter --db DIR/t.db [--reveal] ARGS..." (NULL-terminated). */
static tu_run run(int reveal, ...)
{
    va_list ap;
    va_start(ap, reveal);
    tu_run r = tu_wachter_runv(O.dir, "t.db", reveal, ap);
    va_end(ap);
    return r;
}

static void read_actors(void)
{
    char path[600];
    snprintf(path, sizeof path, "%s/org/actors.csv", O.dir);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char line[1024];
    assert_non_null(fgets(line, sizeof line, f)); /* the heading */
    size_t cap = 0;
    while (fgets(line, sizeof line, f)) {
        char *field[9] = {0}, *p = line;
        for (int k = 0; k < 9 && p; k++) {
            field[k] = p;
            p = strpbrk(p, ",\n");
            if (p) *p++ = 0;
        }
        if (O.n == cap) {
            cap = cap ? cap * 2 : 256;
            O.actor = realloc(O.actor, cap * sizeof *O.actor);
            O.person = realloc(O.person, cap * sizeof *O.person);
        }
        O.actor[O.n] = strdup(field[0]);
        O.person[O.n] = strdup(field[5] ? field[5] : "");
        O.n++;
    }
    fclose(f);
    assert_true(O.n >= 60);
}

/* A copy of the value of "key":"..." in text's first line that has it. */
static char *json_value(const char *text, const char *key)
{
    char pat[64];
    snprintf(pat, sizeof pat, "\"%s\":\"", key);
    const char *p = strstr(text, pat);
    if (!p) return NULL;
    p += strlen(pat);
    return strndup(p, strcspn(p, "\""));
}

static int setup(void **state)
{
    O.dir = tu_tmpdir();
    char orgdir[600];
    snprintf(orgdir, sizeof orgdir, "%s/org", O.dir);
    tu_run r = run(0, "demo", "--actors", "200", "--days", "10", "--dir", orgdir, NULL);
    if (r.code != 0) fail_msg("demo failed: %s", r.err);
    tu_free(&r);
    read_actors();
    /* A quarantined line that names a member of staff. */
    char bad[700], line[200];
    snprintf(line, sizeof line, "{\"actor\":\"%s\",\"system\":\"brp\",\"ts\":\"yesterday\"}\n",
             O.actor[0]);
    tu_write(O.dir, "bad.jsonl", line);
    snprintf(bad, sizeof bad, "%s/bad.jsonl", O.dir);
    r = run(0, "ingest", bad, NULL);
    tu_free(&r);
    r = run(0, "--format", "jsonl", "risk", "--top", "1", NULL);
    assert_int_equal(r.code, 0);
    O.pseud = json_value(r.out, "actor");
    tu_free(&r);
    r = run(1, "--format", "jsonl", "risk", "--top", "1", NULL);
    O.real = json_value(r.out, "actor");
    tu_free(&r);
    r = run(1, "--format", "jsonl", "alerts", "--min-severity", "high", NULL);
    char *s = strstr(r.out, "\"subjects\":[\"");
    assert_non_null(s);
    s += strlen("\"subjects\":[\"");
    snprintf(O.subject, sizeof O.subject, "%.*s", (int)strcspn(s, "\""), s);
    tu_free(&r);
    assert_non_null(O.pseud);
    assert_non_null(O.real);
    assert_true(pseud_looks_like(O.pseud));
    *state = &O;
    return 0;
}

static int teardown(void **state)
{
    for (size_t i = 0; i < O.n; i++) {
        free(O.actor[i]);
        free(O.person[i]);
    }
    free(O.actor);
    free(O.person);
    free(O.pseud);
    free(O.real);
    tu_rmdir(O.dir);
    return 0;
}

static int word_byte(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* Whether an escape (\n, \xHH, \uXXXX: JSON's and the tables') ends
 * just before p: a token may start there. */
static int after_escape(const char *text, const char *p)
{
    size_t k = (size_t)(p - text);
    return (k >= 2 && p[-2] == '\\') || (k >= 4 && p[-4] == '\\' && p[-3] == 'x') ||
           (k >= 6 && p[-6] == '\\' && p[-5] == 'u');
}

/* Where id occurs in text as a whole token, or NULL. */
static const char *token_in(const char *text, const char *id)
{
    size_t n = strlen(id);
    if (!n) return NULL;
    for (const char *p = text; (p = strstr(p, id)); p++)
        if ((p == text || !word_byte(p[-1]) || after_escape(text, p)) &&
            (!word_byte(p[n]) || p[n] == '\\'))
            return p;
    return NULL;
}

/* How many staff ids (accounts and their own records) text names. */
static size_t named(const char *text, const char **first)
{
    size_t k = 0;
    for (size_t i = 0; i < O.n; i++)
        for (int w = 0; w < 2; w++) {
            const char *id = w ? O.person[i] : O.actor[i];
            if (token_in(text, id)) {
                if (!k && first) *first = id;
                k++;
            }
        }
    return k;
}

/* Every listing command, in both formats: exit 0 and no staff id in its
 * output; with --reveal, some (where the listing names staff). */
static void test_listings_show_no_staff_id(void **state)
{
    char subj[64];
    snprintf(subj, sizeof subj, "%s", O.subject);
    const char *const cmds[][6] = {
        {"alerts"},
        {"alerts", "--actor", O.pseud},
        {"risk", "--all"},
        {"timeline", O.pseud},
        {"who-accessed", subj},
        {"protocol", subj},
        {"correlate"},
        {"convergence", "--max-p", "1", "--min-shared", "2"},
        {"quarantine"},
        {"incident", "add", "--id", "I-pseud", "--subject", subj},
    };
    /* --ts for incident add: appended below. */
    const char *fmts[] = {"table", "jsonl"};
    for (size_t c = 0; c < sizeof cmds / sizeof *cmds; c++)
        for (int f = 0; f < 2; f++)
            for (int reveal = 0; reveal < 2; reveal++) {
                const char *a[6];
                memcpy(a, cmds[c], sizeof a);
                int inc = strcmp(a[0], "incident") == 0;
                tu_run r = run(reveal, "--format", fmts[f], a[0], a[1], a[2], a[3], a[4], a[5],
                               inc ? "--ts" : NULL, "2026-09-09", NULL);
                if (r.code != 0)
                    fail_msg("%s %s (--format %s): exit %d: %s", reveal ? "--reveal" : "", a[0],
                             fmts[f], r.code, r.err);
                const char *id = NULL;
                size_t k = named(r.out, &id);
                if (!reveal && k)
                    fail_msg("%s --format %s names %zu staff, e.g. %s:\n%.2000s", a[0], fmts[f], k,
                             id, r.out);
                /* What names staff at all names them with --reveal (a
                 * timeline's jsonl has no heading naming whose it is). */
                int names = strcmp(a[0], "protocol") != 0 && strcmp(a[0], "correlate") != 0 &&
                            strcmp(a[0], "convergence") != 0 && strcmp(a[0], "incident") != 0 &&
                            !(f && strcmp(a[0], "timeline") == 0);
                if (reveal && names && !k)
                    fail_msg("--reveal %s --format %s names no staff:\n%.2000s", a[0], fmts[f],
                             r.out);
                tu_free(&r);
            }
}

/* The demo's own summary: no staff id without --reveal. */
static void test_demo_summary_shows_no_staff_id(void **state)
{
    char orgdir[600];
    snprintf(orgdir, sizeof orgdir, "%s/org2", O.dir);
    for (int f = 0; f < 2; f++) {
        char db[700];
        snprintf(db, sizeof db, "%s/demo%d.db", O.dir, f);
        char *argv[] = {"wachter", "--db",  db,     "--format", f ? "jsonl" : "table",
                        "demo",    "--dir", orgdir, "--actors", "200",
                        "--days",  "10",    NULL};
        tu_run r = tu_main(12, argv);
        assert_int_equal(r.code, 0);
        const char *id = NULL;
        if (named(r.out, &id)) fail_msg("demo names %s:\n%s", id, r.out);
        assert_non_null(strstr(r.out, "emp-"));
        tu_free(&r);
    }
}

/* Whether needle[0..m) occurs in hay[0..n). */
static const void *has_bytes(const void *hay, size_t n, const void *needle, size_t m)
{
    for (size_t i = 0; m <= n && i <= n - m; i++)
        if (memcmp((const char *)hay + i, needle, m) == 0) return (const char *)hay + i;
    return NULL;
}

/* The same pseudonym on every run with one key, the HMAC of the account
 * id under it; another under another key. */
static void test_stable_and_keyed(void **state)
{
    tu_run a = run(0, "--format", "jsonl", "alerts", NULL);
    tu_run b = run(0, "--format", "jsonl", "alerts", NULL);
    assert_int_equal(a.code, 0);
    assert_string_equal(a.out, b.out);
    char keypath[700];
    snprintf(keypath, sizeof keypath, "%s/t.db.key", O.dir);
    struct stat st;
    assert_int_equal(stat(keypath, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600); /* made on first use, its owner's only */
    pkey k;
    werr e = {0};
    assert_int_equal(pkey_open(keypath, &k, &e), 0);
    char want[PSEUD_LEN + 1];
    pseud_name(&k, O.real, want);
    assert_string_equal(want, O.pseud);
    /* The store file holds neither the key nor any pseudonym. */
    char dbpath[700];
    snprintf(dbpath, sizeof dbpath, "%s/t.db", O.dir);
    FILE *f = fopen(dbpath, "rb");
    assert_non_null(f);
    char *bytes = NULL;
    size_t len = 0, got;
    char chunk[1 << 16];
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
        bytes = realloc(bytes, len + got);
        memcpy(bytes + len, chunk, got);
        len += got;
    }
    fclose(f);
    char hex[2 * PKEY_BYTES + 1];
    for (int i = 0; i < PKEY_BYTES; i++)
        snprintf(hex + 2 * i, 3, "%02x", k.k[i]);
    assert_null(has_bytes(bytes, len, k.k, PKEY_BYTES));
    assert_null(has_bytes(bytes, len, hex, 2 * PKEY_BYTES));
    assert_null(has_bytes(bytes, len, O.pseud, PSEUD_LEN));
    free(bytes);

    char other[700];
    snprintf(other, sizeof other, "%s/other.key", O.dir);
    tu_run c = run(0, "--key", other, "--format", "jsonl", "alerts", NULL);
    tu_run d = run(0, "--key", other, "--format", "jsonl", "alerts", NULL);
    assert_int_equal(c.code, 0);
    assert_string_equal(c.out, d.out);
    assert_string_not_equal(a.out, c.out);
    assert_null(strstr(c.out, O.pseud));
    /* WACHTER_KEY names the key as --key does. */
    setenv("WACHTER_KEY", other, 1);
    tu_run x = run(0, "--format", "jsonl", "alerts", NULL);
    unsetenv("WACHTER_KEY");
    assert_string_equal(x.out, c.out);
    tu_free(&a);
    tu_free(&b);
    tu_free(&c);
    tu_free(&d);
    tu_free(&x);
}

/* A pseudonym given to a command is the account behind it. */
static void test_commands_take_pseudonyms(void **state)
{
    tu_run p = run(0, "--format", "jsonl", "alerts", "--actor", O.pseud, NULL);
    tu_run q = run(1, "--format", "jsonl", "alerts", "--actor", O.real, NULL);
    assert_int_equal(p.code, 0);
    assert_true(tu_count_lines(p.out, "\"actor\"") > 0);
    assert_int_equal(tu_count_lines(p.out, "\"actor\""), tu_count_lines(q.out, "\"actor\""));
    tu_free(&p);
    tu_free(&q);
    tu_run t = run(0, "timeline", O.pseud, NULL);
    assert_int_equal(t.code, 0);
    char head[64];
    snprintf(head, sizeof head, "Timeline of %s\n", O.pseud);
    assert_non_null(strstr(t.out, head));
    assert_int_equal(tu_count_lines(t.out, "ALERT") > 0, 1);
    tu_free(&t);
    /* An employee's own record, by their pseudonym: who looked it up. */
    size_t i = 0;
    while (i < O.n && !O.person[i][0])
        i++;
    assert_true(i < O.n);
    char keypath[700], own[PSEUD_LEN + 1];
    snprintf(keypath, sizeof keypath, "%s/t.db.key", O.dir);
    pkey k;
    werr e = {0};
    assert_int_equal(pkey_open(keypath, &k, &e), 0);
    pseud_name(&k, O.actor[i], own);
    tu_run w = run(0, "who-accessed", own, NULL);
    tu_run v = run(1, "who-accessed", O.person[i], NULL);
    assert_int_equal(w.code, 0);
    char tail[64];
    snprintf(tail, sizeof tail, " to %s, ", own);
    assert_non_null(strstr(w.out, tail));
    assert_int_equal(tu_count_lines(w.out, "20"), tu_count_lines(v.out, "20"));
    tu_free(&w);
    tu_free(&v);
    /* Given the real id, the output still shows the pseudonym. */
    t = run(0, "timeline", O.real, NULL);
    assert_non_null(strstr(t.out, head));
    assert_null(token_in(t.out, O.real));
    tu_free(&t);
}

/* bad-input rows pseudonym.unknown, key.readable-by-others, key.malformed */
static void test_unknown_pseudonym_and_bad_keys(void **state)
{
    /* pseudonym.unknown */
    tu_run r = run(0, "timeline", "emp-aaaaaaaaaa", NULL);
    assert_int_equal(r.code, 1);
    assert_non_null(strstr(r.err, "unknown pseudonym emp-aaaaaaaaaa"));
    assert_string_equal(r.out, "");
    tu_free(&r);
    r = run(0, "alerts", "--actor", "emp-aaaaaaaaaa", NULL);
    assert_int_equal(r.code, 1);
    assert_non_null(strstr(r.err, "wachter alerts: unknown pseudonym emp-aaaaaaaaaa"));
    tu_free(&r);

    char key[700];
    snprintf(key, sizeof key, "%s/shared.key", O.dir);
    tu_run ok = run(0, "--key", key, "risk", NULL); /* made here */
    assert_int_equal(ok.code, 0);
    tu_free(&ok);
    /* key.readable-by-others */
    assert_int_equal(chmod(key, 0644), 0);
    r = run(0, "--key", key, "risk", NULL);
    assert_int_equal(r.code, 1);
    assert_non_null(strstr(r.err, "can be read or changed by others (mode 0644)"));
    assert_non_null(strstr(r.err, "chmod 600"));
    assert_string_equal(r.out, "");
    tu_free(&r);
    /* key.malformed */
    tu_write(O.dir, "bad.key", "not a key\n");
    snprintf(key, sizeof key, "%s/bad.key", O.dir);
    assert_int_equal(chmod(key, 0600), 0);
    r = run(0, "--key", key, "alerts", NULL);
    assert_int_equal(r.code, 1);
    assert_non_null(strstr(r.err, "is not a key (64 hexadecimal digits)"));
    assert_string_equal(r.out, "");
    tu_free(&r);
}

/* The rewriting itself, table-driven: what an id looks like in a table,
 * a JSON string and a reason, and what must stay as it is. "@A" in want
 * stands for clerk0's pseudonym, "@B" for k.devries's, "@C" for
 * GEMEENTE\jansen's. */
static void test_rewrite_cases(void **state)
{
    pkey k = {{1, 2, 3}};
    pseud_map *m = pseud_map_new(&k);
    assert_non_null(m);
    assert_int_equal(pseud_map_add(m, "clerk0", "572314723"), 0);
    assert_int_equal(pseud_map_add(m, "k.devries", ""), 0);
    assert_int_equal(pseud_map_add(m, "GEMEENTE\\jansen", NULL), 0);
    char a[PSEUD_LEN + 1], b[PSEUD_LEN + 1], c[PSEUD_LEN + 1];
    pseud_name(&k, "clerk0", a);
    pseud_name(&k, "k.devries", b);
    pseud_name(&k, "GEMEENTE\\jansen", c);
    const struct {
        const char *in, *want;
    } cases[] = {
        {"clerk0", "@A"},
        {"\"actor\":\"clerk0\"", "\"actor\":\"@A\""},
        {"by 3 staff: clerk0, k.devries and clerk1", "by 3 staff: @A, @B and clerk1"},
        {"ended with k.devries.", "ended with @B."},
        {"own record (572314723)", "own record (@A)"},
        {"clerk0      12.0", "@A  12.0"}, /* a table's padding shrinks */
        {"clerk00 xclerk0 clerk0x 5723147230", "clerk00 xclerk0 clerk0x 5723147230"},
        {"\"GEMEENTE\\\\jansen\"", "\"@C\""}, /* JSON */
        {"GEMEENTE\\jansen", "@C"},           /* a table */
        {"items:\\nclerk0\\nk.devries", "items:\\n@A\\n@B"},
        {"\\x1bclerk0", "\\x1b@A"},
        {"", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        buf want = {0}, got = {0};
        for (const char *p = cases[i].want; *p; p++)
            if (p[0] == '@' && (p[1] == 'A' || p[1] == 'B' || p[1] == 'C')) {
                buf_puts(&want, p[1] == 'A' ? a : p[1] == 'B' ? b : c);
                p++;
            } else
                buf_put(&want, p, 1);
        buf_puts(&want, "");
        assert_int_equal(pseud_map_rewrite(m, cases[i].in, strlen(cases[i].in), &got), 0);
        buf_puts(&got, "");
        if (strcmp(want.data ? want.data : "", got.data ? got.data : "") != 0)
            fail_msg("case %zu: %s\n  want %s\n  got  %s", i, cases[i].in, want.data, got.data);
        buf_free(&want);
        buf_free(&got);
    }
    const char *who;
    werr e = {0};
    assert_int_equal(pseud_map_resolve(m, a, 0, &who, &e), 0);
    assert_string_equal(who, "clerk0");
    assert_int_equal(pseud_map_resolve(m, a, 1, &who, &e), 0);
    assert_string_equal(who, "572314723");
    assert_int_equal(pseud_map_resolve(m, b, 1, &who, &e), -1);
    assert_int_equal(e.code, WERR_NOT_FOUND);
    pseud_map_free(m);
}

int main(void)
{
    tu_demogen_beside_wachter();
    unsetenv("WACHTER_KEY");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rewrite_cases),
        cmocka_unit_test(test_listings_show_no_staff_id),
        cmocka_unit_test(test_demo_summary_shows_no_staff_id),
        cmocka_unit_test(test_stable_and_keyed),
        cmocka_unit_test(test_commands_take_pseudonyms),
        cmocka_unit_test(test_unknown_pseudonym_and_bad_keys),
    };
    return cmocka_run_group_tests_name("pseudonyms", tests, setup, teardown);
}

/* The command line's errors and help, as a person at a terminal meets
 * them: a read command pointed at a store that is not there says so and
 * makes none; an option with a bad value names the option, what it takes
 * and the value; --help, help COMMAND and --version answer on standard
 * output. Each case's name starts with its id in docs/bad-input.md. */
#include "testutil.h"

#include <sys/stat.h>

/* Runs wachter with the NULL-terminated args after argv[0], in-process. */
static tu_run run_argv(const char *const *args)
{
    char *argv[32] = {"wachter"};
    int argc = 1;
    while (argc < 31 && args[argc - 1]) {
        argv[argc] = (char *)args[argc - 1];
        argc++;
    }
    argv[argc] = NULL;
    return tu_main(argc, argv);
}

static int exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* Every command that only reads, with the arguments it needs. */
static const char *const read_commands[][4] = {
    {"alerts"},
    {"risk"},
    {"quarantine"},
    {"who-accessed", "p1"},
    {"timeline", "clerk0"},
    {"correlate"},
    {"convergence"},
    {"protocol", "p1"},
};

/* cli.no-store: a read command at a path where no store is (a mistyped
 * --db) says so, exits 1, prints nothing on stdout and creates nothing. */
static void test_read_commands_never_create_a_store(void **state)
{
    char *dir = tu_tmpdir();
    char typo[600], in_missing_dir[600];
    snprintf(typo, sizeof typo, "%s/wachterr.db", dir);
    snprintf(in_missing_dir, sizeof in_missing_dir, "%s/no/such/dir/wachter.db", dir);
    const char *paths[] = {typo, in_missing_dir};
    for (size_t p = 0; p < 2; p++)
        for (size_t k = 0; k < sizeof read_commands / sizeof *read_commands; k++) {
            const char *args[8] = {"--db", paths[p]};
            for (int a = 0; a < 4 && read_commands[k][a]; a++)
                args[2 + a] = read_commands[k][a];
            tu_run r = run_argv(args);
            char want[800];
            snprintf(want, sizeof want,
                     "wachter: no store at %s (create one with wachter load DIR or wachter"
                     " ingest FILE)\n",
                     paths[p]);
            if (r.code != 1 || strcmp(r.err, want) != 0 || *r.out)
                fail_msg("cli.no-store %s: exit %d, stderr '%s', stdout '%s'", read_commands[k][0],
                         r.code, r.err, r.out);
            tu_free(&r);
            assert_false(exists(paths[p]));
            char wal[700];
            snprintf(wal, sizeof wal, "%s-wal", paths[p]);
            assert_false(exists(wal));
        }
    tu_rmdir(dir);
}

/* cli.no-store-empty-file: an empty file at the path (touch'ed, or left by
 * an editor) is no store either; it is left as it was. */
static void test_an_empty_file_is_no_store(void **state)
{
    char *dir = tu_tmpdir();
    tu_write(dir, "t.db", "");
    for (size_t k = 0; k < sizeof read_commands / sizeof *read_commands; k++) {
        tu_run r = tu_wachter(dir, read_commands[k][0], read_commands[k][1], NULL);
        assert_int_equal(r.code, 1);
        assert_non_null(strstr(r.err, "wachter: no store at "));
        tu_free(&r);
    }
    char path[600];
    snprintf(path, sizeof path, "%s/t.db", dir);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_size, 0);
    tu_rmdir(dir);
}

/* The commands that write create the store, as before; a read command
 * then finds it. */
static void test_write_commands_create_the_store(void **state)
{
    const char *const writes[][10] = {
        {"ingest", "/dev/null"},
        {"incident", "add", "--id", "I-1", "--subject", "p1", "--ts", "2026-03-02"},
    };
    for (size_t k = 0; k < sizeof writes / sizeof *writes; k++) {
        char *dir = tu_tmpdir();
        const char *const *w = writes[k];
        tu_run r = tu_wachter(dir, w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7], NULL);
        assert_int_equal(r.code, 0);
        tu_free(&r);
        r = tu_wachter(dir, "--format", "jsonl", "alerts", NULL);
        assert_int_equal(r.code, 0);
        assert_string_equal(r.err, "");
        tu_free(&r);
        tu_rmdir(dir);
    }
}

typedef struct bad_opt {
    const char *name; /* its id in docs/bad-input.md, then which */
    const char *args[8];
    const char *says; /* the whole message on standard error */
} bad_opt;

static const bad_opt bad_opts[] = {
    {"opt.number-zero --batch 0",
     {"ingest", "--batch", "0", "-"},
     "wachter ingest: --batch takes a whole number from 1 to 1000000000, not '0'\n"},
    {"opt.number-negative --batch -5",
     {"ingest", "--batch", "-5", "-"},
     "wachter ingest: --batch takes a whole number from 1 to 1000000000, not '-5'\n"},
    {"opt.number-garbage --batch abc",
     {"ingest", "--batch", "abc", "-"},
     "wachter ingest: --batch takes a whole number from 1 to 1000000000, not 'abc'\n"},
    {"opt.number-garbage --batch 5x",
     {"ingest", "--batch=5x", "-"},
     "wachter ingest: --batch takes a whole number from 1 to 1000000000, not '5x'\n"},
    {"opt.number-overflow --batch 2^64",
     {"ingest", "--batch", "18446744073709551617", "-"},
     "wachter ingest: --batch takes a whole number from 1 to 1000000000, not"
     " '18446744073709551617'\n"},
    {"opt.number-empty --batch ''",
     {"ingest", "--batch", "", "-"},
     "wachter ingest: --batch takes a whole number from 1 to 1000000000, not ''\n"},
    {"opt.number-garbage --threads 1x",
     {"ingest", "--threads", "1x", "-"},
     "wachter ingest: --threads takes 1 or 2, not '1x'\n"},
    {"opt.number-garbage --commit-after 1s",
     {"ingest", "--commit-after", "1s", "-"},
     "wachter ingest: --commit-after takes seconds (0 to 86400), not '1s'\n"},
    {"opt.number-zero --top 0",
     {"risk", "--top", "0"},
     "wachter risk: --top takes a whole number from 1 to 1000000000, not '0'\n"},
    {"opt.number-garbage --top 5x",
     {"risk", "--top", "5x"},
     "wachter risk: --top takes a whole number from 1 to 1000000000, not '5x'\n"},
    {"opt.number-negative risk --min -1",
     {"risk", "--min", "-1"},
     "wachter risk: --min takes a whole number from 0 to 100000, not '-1'\n"},
    {"opt.number-garbage risk --min 50.5",
     {"risk", "--min", "50.5"},
     "wachter risk: --min takes a whole number from 0 to 100000, not '50.5'\n"},
    {"opt.number-negative correlate --top -1",
     {"correlate", "--top", "-1"},
     "wachter correlate: --top takes a whole number from 1 to 1000000000, not '-1'\n"},
    {"opt.fraction --explained-weight ''",
     {"correlate", "--explained-weight", ""},
     "wachter correlate: --explained-weight takes a number from 0 to 1, not ''\n"},
    {"opt.fraction --explained-weight 2",
     {"correlate", "--explained-weight", "2"},
     "wachter correlate: --explained-weight takes a number from 0 to 1, not '2'\n"},
    {"opt.duration --lookback soon",
     {"correlate", "--lookback", "soon"},
     "wachter correlate: --lookback takes a duration from 1s to 36500d, such as 30d or 12h,"
     " not 'soon'\n"},
    {"opt.duration --lookback 0d",
     {"incident", "add", "--lookback", "0d"},
     "wachter incident add: --lookback takes a duration from 1s to 36500d, such as 30d or 12h,"
     " not '0d'\n"},
    {"opt.number-overflow --lookback 2^63 days",
     {"correlate", "--lookback", "9223372036854775807d"},
     "wachter correlate: --lookback takes a duration from 1s to 36500d, such as 30d or 12h,"
     " not '9223372036854775807d'\n"},
    {"opt.number-zero --min-shared 1",
     {"convergence", "--min-shared", "1"},
     "wachter convergence: --min-shared takes a whole number from 2 to 1000000, not '1'\n"},
    {"opt.number-empty --within ''",
     {"convergence", "--within", ""},
     "wachter convergence: --within takes a whole number from 0 to 36500, not ''\n"},
    {"opt.number-overflow --max-accessors 65",
     {"convergence", "--max-accessors", "65"},
     "wachter convergence: --max-accessors takes a whole number from 2 to 64, not '65'\n"},
    {"opt.fraction --max-p 0",
     {"convergence", "--max-p", "0"},
     "wachter convergence: --max-p takes a probability above 0 and at most 1, not '0'\n"},
    {"opt.word --min-severity severe",
     {"alerts", "--min-severity", "severe"},
     "wachter alerts: --min-severity takes low, medium, high or critical, not 'severe'\n"},
    {"opt.word --format xml",
     {"alerts", "--format", "xml"},
     "wachter: --format takes table or jsonl, not 'xml'\n"},
    {"opt.word --db ''",
     {"--db", "", "alerts"},
     "wachter: --db takes the path of a store, not ''\n"},
    {"opt.time --from yesterday",
     {"who-accessed", "p1", "--from", "yesterday"},
     "wachter who-accessed: --from takes a time (2026-03-02, 2026-03-02T09:00:00Z or epoch ms),"
     " not 'yesterday'\n"},
    {"opt.time --to 2026-13-01",
     {"timeline", "clerk0", "--to", "2026-13-01"},
     "wachter timeline: --to takes a time (2026-03-02, 2026-03-02T09:00:00Z or epoch ms), not"
     " '2026-13-01'\n"},
    {"opt.time --ts soon",
     {"incident", "add", "--id", "I-1", "--subject", "p1", "--ts", "soon"},
     "wachter incident add: --ts takes a time, not 'soon'\n"},
    {"opt.number-garbage demo --actors abc",
     {"demo", "--actors", "abc"},
     "wachter demo: --actors takes a whole number from 1 to 2147483647, not 'abc'\n"},
    {"opt.number-negative demo --days -5",
     {"demo", "--days", "-5"},
     "wachter demo: --days takes a whole number from 1 to 2147483647, not '-5'\n"},
    {"opt.number-garbage demo --seed 1.5",
     {"demo", "--seed", "1.5"},
     "wachter demo: --seed takes a whole number from 0 to 9223372036854775807, not '1.5'\n"},
    {"opt.demo-kind demo --kind ship",
     {"demo", "--kind", "ship"},
     "wachter demo: --kind takes municipality or port, not 'ship'\n"},
    {"opt.missing-value --batch", {"ingest", "--batch"}, "wachter: --batch needs a value\n"},
    {"opt.period --from after --to",
     {"who-accessed", "p1", "--from", "2026-05-01", "--to", "2026-04-01"},
     "wachter who-accessed: --from is after --to: no time lies between them\n"},
    {"opt.period convergence --from after --to",
     {"convergence", "--to", "2026-04-01", "--from", "2026-05-01"},
     "wachter convergence: --from is after --to: no time lies between them\n"},
    {"opt.empty-argument who-accessed ''",
     {"who-accessed", ""},
     "wachter who-accessed: which subject? (wachter who-accessed SUBJECT)\n"},
    {"opt.empty-argument timeline ''",
     {"timeline", ""},
     "wachter timeline: whose? (wachter timeline ACTOR)\n"},
    {"opt.unknown risk --bottom",
     {"risk", "--bottom", "3"},
     "wachter risk: unexpected argument '--bottom' (see wachter risk --help)\n"},
};

/* Every bad option value exits 2 with one line naming the option, what it
 * takes and the value; nothing runs (no store, no output, no demo). */
static void test_bad_option_values_say_what_they_take(void **state)
{
    for (size_t k = 0; k < sizeof bad_opts / sizeof *bad_opts; k++) {
        const bad_opt *b = &bad_opts[k];
        char *dir = tu_tmpdir();
        char db[600];
        snprintf(db, sizeof db, "%s/t.db", dir);
        const char *args[12] = {"--db", db};
        int n = 2;
        if (strcmp(b->args[0], "--db") == 0) n = 0; /* the case gives its own */
        for (int a = 0; a < 8 && b->args[a]; a++)
            args[n++] = b->args[a];
        if (chdir(dir) != 0) fail_msg("cannot enter %s", dir); /* demo would write here */
        tu_run r = run_argv(args);
        if (r.code != 2 || strcmp(r.err, b->says) != 0 || *r.out)
            fail_msg("%s: exit %d, stderr '%s' (want '%s'), stdout '%s'", b->name, r.code, r.err,
                     b->says, r.out);
        tu_free(&r);
        assert_false(exists(db));
        char org[600];
        snprintf(org, sizeof org, "%s/demo-org", dir);
        assert_false(exists(org));
        if (chdir("/") != 0) fail_msg("cannot leave %s", dir);
        tu_rmdir(dir);
    }
}

typedef struct help_case {
    const char *args[4];
    int code;
    const char *shows[3]; /* on standard output */
} help_case;

static const help_case helps[] = {
    {{"--help"}, 0, {"usage: wachter [--db PATH]", "  who-accessed ", "wachter COMMAND --help"}},
    {{"-h"}, 0, {"usage: wachter [--db PATH]", "  ingest "}},
    {{"help"}, 0, {"usage: wachter [--db PATH]", "  demo "}},
    {{"help", "ingest"},
     0,
     {"usage: wachter [--db PATH] ingest [--detect-only] [--batch N]",
      "\n  --batch N              commit every N events, 1 to 1000000000",
      "\nexample:\n  wachter --db wachter.db ingest events.jsonl\n"}},
    {{"ingest", "--batch", "5", "--help"}, 0, {"usage: wachter [--db PATH] ingest "}},
    {{"alerts", "-h"}, 0, {"  --min-severity S       only alerts of severity S or above"}},
    {{"incident", "add", "--help"}, 0, {"usage: wachter [--db PATH] incident add --id ID"}},
};

/* wachter --help, -h, help, help COMMAND and COMMAND --help print usage on
 * standard output and exit 0, running nothing. */
static void test_help(void **state)
{
    char *dir = tu_tmpdir();
    for (size_t k = 0; k < sizeof helps / sizeof *helps; k++) {
        const help_case *h = &helps[k];
        tu_run r = tu_wachter(dir, h->args[0], h->args[1], h->args[2], h->args[3], NULL);
        assert_int_equal(r.code, h->code);
        assert_string_equal(r.err, "");
        for (int s = 0; s < 3 && h->shows[s]; s++)
            if (!strstr(r.out, h->shows[s]))
                fail_msg("wachter %s %s: no '%s' in\n%s", h->args[0], h->args[1] ? h->args[1] : "",
                         h->shows[s], r.out);
        tu_free(&r);
    }
    tu_run r = tu_wachter(dir, "help", "nosuch", NULL);
    assert_int_equal(r.code, 2);
    assert_string_equal(r.err, "wachter: unknown command 'nosuch' (see wachter help)\n");
    tu_free(&r);

    /* Every command has its usage: synopsis, options and an example. */
    size_t n;
    const cli_command *cmds = cli_commands(&n);
    for (size_t k = 0; k < n; k++) {
        r = tu_wachter(dir, cmds[k].name, "--help", NULL);
        char want[200];
        snprintf(want, sizeof want, "usage: wachter [--db PATH] %s", cmds[k].name);
        assert_int_equal(r.code, 0);
        if (!strstr(r.out, want) || !strstr(r.out, "\nexample:\n  wachter "))
            fail_msg("%s --help printed\n%s", cmds[k].name, r.out);
        tu_free(&r);
    }
    char db[600];
    snprintf(db, sizeof db, "%s/t.db", dir);
    assert_false(exists(db)); /* help ran nothing */
    tu_rmdir(dir);
}

static void test_version(void **state)
{
    const char *args[] = {"--version", NULL};
    tu_run r = run_argv(args);
    assert_int_equal(r.code, 0);
    char want[200];
    snprintf(want, sizeof want, "wachter %s\n", cli_version());
    assert_string_equal(r.out, want);
    assert_true(strlen(cli_version()) > 0);
    assert_string_equal(r.err, "");
    tu_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_read_commands_never_create_a_store),
        cmocka_unit_test(test_an_empty_file_is_no_store),
        cmocka_unit_test(test_write_commands_create_the_store),
        cmocka_unit_test(test_bad_option_values_say_what_they_take),
        cmocka_unit_test(test_help),
        cmocka_unit_test(test_version),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

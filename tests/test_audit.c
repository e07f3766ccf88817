/* The tamper-evident audit trail (issue 34): every command recorded with
 * its parameters, listed by `wachter audit`; `audit verify` exits 0 on an
 * intact trail and 5, naming the first bad entry, when one was changed,
 * removed, inserted or reordered by hand in sqlite3; with `--head`, a
 * trail cut short is found too. The store here has no accounts: the
 * operating-system user acts. */
#include "testutil.h"

#include "normalise/ts.h"
#include "ops/ops_audit.h"

/* Runs SQL on the trail's file (STORE.audit) as an intruder would. */
static void tamper(const char *dir, const char *sql)
{
    char path[600];
    snprintf(path, sizeof path, "%s/t.db.audit", dir);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    char *err = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) fail_msg("%s: %s", sql, err);
    sqlite3_close(db);
}

/* A store with a trail of 6 entries: rules load, then alerts, risk, rules,
 * quarantine and alerts --min-severity high. */
static char *store_with_trail(void)
{
    char *dir = tu_tmpdir();
    tu_write(dir, "r.conf", "# nothing set\n");
    char conf[600];
    snprintf(conf, sizeof conf, "%s/r.conf", dir);
    const char *cmds[][3] = {{"rules", "load", conf},    {"alerts", NULL, NULL},
                             {"risk", NULL, NULL},       {"rules", NULL, NULL},
                             {"quarantine", NULL, NULL}, {"alerts", "--min-severity", "high"}};
    for (size_t i = 0; i < sizeof cmds / sizeof *cmds; i++) {
        tu_run r = tu_wachter(dir, cmds[i][0], cmds[i][1], cmds[i][2], NULL);
        if (r.code != 0) fail_msg("%s: %d %s", cmds[i][0], r.code, r.err);
        tu_free(&r);
    }
    return dir;
}

static tu_run verify(const char *dir, const char *head)
{
    return head ? tu_wachter(dir, "audit", "verify", "--head", head, NULL)
                : tu_wachter(dir, "audit", "verify", NULL);
}

/* Expects verify to fail with exit 5 naming what (e.g. "entry 3 ("). */
static void expect_broken(const char *dir, const char *head, const char *what)
{
    tu_run r = verify(dir, head);
    if (r.code != 5 || !strstr(r.out, what) || !strstr(r.err, what))
        fail_msg("verify: exit %d, out %s, err %s (wanted %s)", r.code, r.out, r.err, what);
    assert_non_null(strstr(r.out, "audit trail broken: "));
    tu_free(&r);
}

static void lists_each_action(void **state)
{
    char *dir = store_with_trail();
    tu_run r = tu_wachter(dir, "--format", "jsonl", "audit", NULL);
    assert_int_equal(r.code, 0);
    assert_int_equal(tu_count_lines(r.out, "\"seq\":"), 7); /* the listing's own entry too */
    assert_non_null(strstr(r.out, "\"action\":\"rules load\""));
    /* The tests run with --reveal (testutil.h): the entry says so. */
    assert_non_null(strstr(r.out, "\"action\":\"alerts\",\"params\":\"{\\\"args\\\":["
                                  "\\\"--min-severity\\\",\\\"high\\\"],"
                                  "\\\"reveal\\\":true}\""));
    assert_non_null(strstr(r.out, "\"account\":\"os:"));
    tu_free(&r);
    r = tu_wachter(dir, "audit", "--account", "nobody", NULL);
    assert_int_equal(r.code, 0);
    assert_int_equal(tu_count_lines(r.out, "os:"), 0);
    tu_free(&r);
    r = tu_wachter(dir, "audit", "--to", "2020-01-01", NULL);
    assert_int_equal(r.code, 0);
    assert_int_equal(tu_count_lines(r.out, "os:"), 0);
    tu_free(&r);
    tu_rmdir(dir);
}

static void intact(void **state)
{
    char *dir = store_with_trail();
    tu_run r = verify(dir, NULL);
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "audit trail intact: 7 entries, head "));
    tu_free(&r);
    tu_rmdir(dir);
}

/* audit.changed: one byte of one entry changed. */
static void one_byte_changed(void **state)
{
    char *dir = store_with_trail();
    tamper(dir, "UPDATE audit SET params = replace(params, 'high', 'hiGh') WHERE seq = 6");
    expect_broken(dir, NULL, "entry 6 (");
    tu_run j = tu_wachter(dir, "--format", "jsonl", "audit", "verify", NULL);
    assert_int_equal(j.code, 5);
    assert_non_null(strstr(j.out, "{\"intact\":false,\"entries\":"));
    assert_non_null(strstr(j.out, "\"bad_entry\":6,"));
    assert_non_null(strstr(j.out, "it was changed"));
    tu_free(&j);
    /* The account of an entry, too. */
    char *other = store_with_trail();
    tamper(other, "UPDATE audit SET account = 'os:nobody' WHERE seq = 2");
    expect_broken(other, NULL, "entry 2 (");
    tu_rmdir(other);
    tu_rmdir(dir);
}

/* audit.removed */
static void one_removed(void **state)
{
    char *dir = store_with_trail();
    tamper(dir, "DELETE FROM audit WHERE seq = 3");
    expect_broken(dir, NULL, "entry 4 (");
    expect_broken(dir, NULL, "entry 3 is missing");
    /* Renumbered to hide the gap: the chain still breaks there. */
    char *other = store_with_trail();
    tamper(other, "DELETE FROM audit WHERE seq = 3; UPDATE audit SET seq = seq - 1 WHERE seq > 3");
    expect_broken(other, NULL, "entry 3 (");
    tu_rmdir(other);
    tu_rmdir(dir);
}

/* audit.inserted: an entry copied in between, the later ones renumbered. */
static void one_inserted(void **state)
{
    char *dir = store_with_trail();
    tamper(dir, "UPDATE audit SET seq = seq + 1000 WHERE seq >= 3;"
                "UPDATE audit SET seq = seq - 999 WHERE seq >= 1003;"
                "INSERT INTO audit SELECT 3, at, account, 'risk', params, prev, hash"
                "  FROM audit WHERE seq = 2;");
    expect_broken(dir, NULL, "entry 3 (");
    tu_rmdir(dir);
}

/* audit.reordered: two entries swapped. */
static void two_swapped(void **state)
{
    char *dir = store_with_trail();
    tamper(dir, "UPDATE audit SET seq = -1 WHERE seq = 4; UPDATE audit SET seq = 4 WHERE seq = 5;"
                "UPDATE audit SET seq = 5 WHERE seq = -1;");
    expect_broken(dir, NULL, "entry 4 (");
    tu_rmdir(dir);
}

/* audit.truncated: the last entries removed; only a head kept elsewhere
 * tells. audit.bad-head: --head that is no hash. */
static void truncated(void **state)
{
    char *dir = store_with_trail();
    tu_run r = tu_wachter(dir, "audit", "head", NULL);
    assert_int_equal(r.code, 0);
    char head[65];
    assert_int_equal(strlen(r.out), 64 + strlen(" 7\n"));
    assert_string_equal(r.out + 64, " 7\n");
    snprintf(head, sizeof head, "%.64s", r.out);
    tu_free(&r);
    r = verify(dir, head);
    assert_int_equal(r.code, 0);
    tu_free(&r);
    tamper(dir, "DELETE FROM audit WHERE seq >= 6");
    r = verify(dir, NULL);
    assert_int_equal(r.code, 0); /* without the head, a shorter trail is a trail */
    tu_free(&r);
    expect_broken(dir, head, "does not reach head");
    r = tu_wachter(dir, "audit", "verify", "--head", "xyz", NULL);
    assert_int_equal(r.code, 2);
    assert_non_null(strstr(r.err, "--head takes a hash of 64 hex digits"));
    tu_free(&r);
    tu_rmdir(dir);
}

/* The trail's own retention (ops_audit_purge): the entries before the cut
 * go, gone from the file; an "audit purged" entry says up to which, and
 * the rest still verifies; removing one more by hand is found. */
static void purged_still_verifies(void **state)
{
    char *dir = store_with_trail();
    char path[600];
    snprintf(path, sizeof path, "%s/t.db", dir);
    store *s;
    assert_int_equal(store_open(path, &s, &(werr){0}), 0);
    int64_t deleted = 0;
    werr e = {0};
    /* A dry run: how many would go, nothing gone. */
    assert_int_equal(ops_audit_purge(s, ts_now_ms() + 1000, 1, &deleted, &e), 0);
    assert_int_equal(deleted, 5); /* every entry but the newest of 6 */
    assert_int_equal(ops_audit_purge(s, ts_now_ms() + 1000, 0, &deleted, &e), 0);
    assert_int_equal(deleted, 5);
    store_close(s);
    tu_run r = verify(dir, NULL);
    if (r.code != 0) fail_msg("after a purge: exit %d %s %s", r.code, r.out, r.err);
    assert_non_null(strstr(r.out, "audit trail intact: "));
    tu_free(&r);
    /* The first command's parameters (the rules file's path) are gone from
     * the trail's file and its log. */
    char conf[600], file[700];
    snprintf(conf, sizeof conf, "%s/r.conf", dir);
    for (int i = 0; i < 2; i++) {
        snprintf(file, sizeof file, "%s/t.db.audit%s", dir, i ? "-wal" : "");
        FILE *f = fopen(file, "rb");
        if (!f) continue;
        char buf[1 << 16];
        size_t n = fread(buf, 1, sizeof buf, f);
        fclose(f);
        for (size_t k = 0; k + 10 <= n; k++)
            if (memcmp(buf + k, "rules load", 10) == 0)
                fail_msg("%s still holds a purged entry", file);
    }
    /* One more entry removed by hand: not what the purge recorded. */
    tamper(dir, "DELETE FROM audit WHERE seq = (SELECT min(seq) FROM audit)");
    expect_broken(dir, NULL, "are missing: removed");
    tu_rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(lists_each_action), cmocka_unit_test(intact),
        cmocka_unit_test(one_byte_changed),  cmocka_unit_test(one_removed),
        cmocka_unit_test(one_inserted),      cmocka_unit_test(two_swapped),
        cmocka_unit_test(truncated),         cmocka_unit_test(purged_still_verifies),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

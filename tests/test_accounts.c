/* Accounts and roles (issue 34): adding, listing, disabling an account and
 * changing its role; the first administrator of a store without accounts;
 * the password kept only as an Argon2id hash; and every refusal (wrong
 * password, disabled, unknown account, a role that may not, no --as once
 * accounts exist) a clear message, exit 4 and an entry in the audit
 * trail. */
#include "testutil.h"

#include <fcntl.h>
#include <pwd.h>

#include "ops/ops_access.h"

#define ADMIN_PW "admin-secret-1"
#define ALICE_PW "alice-Pa55word"
#define AUDIT_PW "auditor-pw-99"

/* wachter acting as account as (NULL: no --as) with password pw (NULL:
 * none), args ending with NULL. */
#define as_run(dir, as, pw, ...) tu_as(dir, "t.db", as, pw, __VA_ARGS__)

static void expect(tu_run r, int code, const char *in_err)
{
    if (r.code != code || (in_err && !strstr(r.err, in_err)))
        fail_msg("exit %d (wanted %d), stderr: %s (wanted: %s), stdout: %s", r.code, code, r.err,
                 in_err ? in_err : "", r.out);
    tu_free(&r);
}

/* A store with an administrator (boss) added by the operating-system
 * user, then an auditor (aud) added by boss. */
static char *store_with_admin(void)
{
    char *dir = tu_tmpdir();
    setenv("WACHTER_NEW_PASSWORD", ADMIN_PW, 1);
    expect(as_run(dir, NULL, NULL, "account", "add", "boss", "--role", "administrator", NULL), 0,
           NULL);
    setenv("WACHTER_NEW_PASSWORD", AUDIT_PW, 1);
    expect(as_run(dir, "boss", ADMIN_PW, "account", "add", "aud", "--role", "auditor", NULL), 0,
           NULL);
    unsetenv("WACHTER_NEW_PASSWORD");
    return dir;
}

/* The audit trail as the auditor sees it, jsonl. Owned. */
static char *trail(const char *dir)
{
    tu_run r = as_run(dir, "aud", AUDIT_PW, "audit", "--format", "jsonl", NULL);
    if (r.code != 0) fail_msg("audit: %d %s", r.code, r.err);
    free(r.err);
    return r.out;
}

/* "account|action\n" per entry of the trail's file, read as sqlite3
 * would. Owned. */
static char *trail_rows(const char *dir)
{
    char path[600];
    snprintf(path, sizeof path, "%s/t.db.audit", dir);
    sqlite3 *db;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *st;
    assert_int_equal(
        sqlite3_prepare_v2(db, "SELECT account, action FROM audit ORDER BY seq", -1, &st, NULL),
        SQLITE_OK);
    char *text;
    size_t len;
    FILE *m = open_memstream(&text, &len);
    while (sqlite3_step(st) == SQLITE_ROW)
        fprintf(m, "%s|%s\n", sqlite3_column_text(st, 0), sqlite3_column_text(st, 1));
    sqlite3_finalize(st);
    sqlite3_close(db);
    fclose(m);
    return text;
}

static void os_name(char *out, size_t n)
{
    struct passwd *p = getpwuid(geteuid());
    snprintf(out, n, "os:%s", p ? p->pw_name : "?");
}

/* The first administrator on a store with no accounts, by whoever can
 * open it; recorded as the operating-system user. account.first-not-admin:
 * a first account that is not an administrator is refused. */
static void first_administrator(void **state)
{
    char *dir = tu_tmpdir();
    setenv("WACHTER_NEW_PASSWORD", ADMIN_PW, 1);
    expect(as_run(dir, NULL, NULL, "account", "add", "al", "--role", "analyst", NULL), 1,
           "the first account of a store must be an administrator");
    tu_run r = as_run(dir, NULL, NULL, "account", "add", "boss", "--role", "administrator", NULL);
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "account boss: added (administrator)"));
    tu_free(&r);
    unsetenv("WACHTER_NEW_PASSWORD");
    r = as_run(dir, "boss", ADMIN_PW, "account", "list", NULL);
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "boss"));
    assert_non_null(strstr(r.out, "administrator"));
    assert_null(strstr(r.out, "al "));
    tu_free(&r);
    char me[128];
    os_name(me, sizeof me);
    char *rows = trail_rows(dir);
    char want[200];
    snprintf(want, sizeof want, "%s|account add\n", me);
    if (!strstr(rows, want)) fail_msg("no entry %s in %s", want, rows);
    assert_non_null(strstr(rows, "boss|account list\n"));
    free(rows);
    tu_rmdir(dir);
}

static void add_list_disable_role(void **state)
{
    char *dir = store_with_admin();
    setenv("WACHTER_NEW_PASSWORD", ALICE_PW, 1);
    expect(as_run(dir, "boss", ADMIN_PW, "account", "add", "alice", "--role", "analyst", NULL), 0,
           NULL);
    /* account.exists */
    expect(as_run(dir, "boss", ADMIN_PW, "account", "add", "alice", "--role", "analyst", NULL), 1,
           "account 'alice' exists already");
    unsetenv("WACHTER_NEW_PASSWORD");
    tu_run r = as_run(dir, "boss", ADMIN_PW, "--format", "jsonl", "account", "list", NULL);
    assert_int_equal(r.code, 0);
    assert_non_null(
        strstr(r.out, "{\"account\":\"alice\",\"role\":\"analyst\",\"disabled\":false"));
    assert_null(strstr(r.out, "argon2"));
    tu_free(&r);
    /* alice may list alerts as an analyst (an empty store: no alerts) */
    expect(as_run(dir, "alice", ALICE_PW, "alerts", NULL), 0, NULL);
    expect(as_run(dir, "boss", ADMIN_PW, "account", "role", "alice", "investigator", NULL), 0,
           NULL);
    /* account.bad-role */
    expect(as_run(dir, "boss", ADMIN_PW, "account", "role", "alice", "boss", NULL), 1,
           "unknown role 'boss'");
    expect(as_run(dir, "boss", ADMIN_PW, "account", "disable", "alice", NULL), 0, NULL);
    r = as_run(dir, "aud", AUDIT_PW, "account", "list", NULL);
    assert_int_equal(r.code, 0);
    int found = 0;
    for (char *line = strtok(r.out, "\n"); line; line = strtok(NULL, "\n"))
        if (strncmp(line, "alice ", 6) == 0) {
            found = 1;
            assert_non_null(strstr(line, "investigator"));
            assert_non_null(strstr(line, "disabled"));
        }
    assert_true(found);
    tu_free(&r);
    /* account.last-admin: boss is the only administrator */
    expect(as_run(dir, "boss", ADMIN_PW, "account", "disable", "boss", NULL), 1,
           "'boss' is the last enabled administrator");
    expect(as_run(dir, "boss", ADMIN_PW, "account", "role", "boss", "analyst", NULL), 1,
           "'boss' is the last enabled administrator");
    /* account.not-found */
    expect(as_run(dir, "boss", ADMIN_PW, "account", "disable", "nobody", NULL), 1,
           "no account 'nobody'");
    char *t = trail(dir);
    assert_non_null(strstr(t,
                           "\"action\":\"account role\",\"params\":\"{\\\"args\\\":[\\\"role\\\","
                           "\\\"alice\\\",\\\"investigator\\\"]}\""));
    assert_non_null(strstr(t, "\"action\":\"account disable\""));
    free(t);
    tu_rmdir(dir);
}

/* account.bad-name, account.short-password */
static void bad_new_accounts(void **state)
{
    char *dir = store_with_admin();
    setenv("WACHTER_NEW_PASSWORD", ALICE_PW, 1);
    expect(as_run(dir, "boss", ADMIN_PW, "account", "add", "al ice", "--role", "analyst", NULL), 1,
           "account name 'al ice': 1 to 64 letters");
    setenv("WACHTER_NEW_PASSWORD", "short", 1);
    expect(as_run(dir, "boss", ADMIN_PW, "account", "add", "bob", "--role", "analyst", NULL), 1,
           "shorter than 8 characters");
    unsetenv("WACHTER_NEW_PASSWORD");
    assert_int_equal(tu_count_of(dir, "SELECT count(*) FROM accounts"), 2);
    tu_rmdir(dir);
}

/* Whether needle occurs in the n bytes at data. */
static int holds(const char *data, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(data + i, needle, k) == 0) return 1;
    return 0;
}

/* Argon2id: the hash is stored, the password nowhere in the store's
 * files. */
static void password_only_hashed(void **state)
{
    char *dir = store_with_admin();
    char *h = tu_rows(dir, "SELECT hash FROM accounts WHERE name = 'boss'");
    assert_int_equal(strncmp(h, "$argon2id$", 10), 0);
    free(h);
    const char *files[] = {"t.db", "t.db-wal", "t.db.audit"};
    for (size_t i = 0; i < 3; i++) {
        char path[600];
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        FILE *f = fopen(path, "rb");
        if (!f) continue;
        char *data = NULL;
        size_t n = 0;
        FILE *m = open_memstream(&data, &n);
        char chunk[4096];
        size_t got;
        while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
            fwrite(chunk, 1, got, m);
        fclose(f);
        fclose(m);
        assert_false(holds(data, n, ADMIN_PW));
        assert_false(holds(data, n, AUDIT_PW));
        free(data);
    }
    tu_rmdir(dir);
}

/* Each refusal: a clear message, exit 4, and a "refused" entry with the
 * reason in the trail. */
static void refusals(void **state)
{
    char *dir = store_with_admin();
    setenv("WACHTER_NEW_PASSWORD", ALICE_PW, 1);
    expect(as_run(dir, "boss", ADMIN_PW, "account", "add", "alice", "--role", "analyst", NULL), 0,
           NULL);
    setenv("WACHTER_NEW_PASSWORD", "carol-pw-1234", 1);
    expect(as_run(dir, "boss", ADMIN_PW, "account", "add", "carol", "--role", "analyst", NULL), 0,
           NULL);
    unsetenv("WACHTER_NEW_PASSWORD");
    expect(as_run(dir, "boss", ADMIN_PW, "account", "disable", "carol", NULL), 0, NULL);
    struct {
        const char *id, *as, *pw, *cmd, *msg;
    } cases[] = {
        {"account.wrong-password", "alice", "not-her-password", "alerts",
         "wachter alerts: wrong password for account 'alice'"},
        {"account.disabled", "carol", "carol-pw-1234", "risk",
         "wachter risk: account 'carol' is disabled"},
        {"account.unknown", "mallory", "whatever1", "alerts",
         "wachter alerts: no account 'mallory' in this store"},
        {"account.role-not-allowed", "alice", ALICE_PW, "audit",
         "wachter audit: alice (analyst) may not run audit; privacy-officer, auditor may"},
        {"account.no-as", NULL, NULL, "alerts",
         "wachter alerts: this store has accounts: say which is yours with --as NAME"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        tu_run r = as_run(dir, cases[i].as, cases[i].pw, cases[i].cmd, NULL);
        if (r.code != 4 || !strstr(r.err, cases[i].msg))
            fail_msg("%s: exit %d, stderr %s", cases[i].id, r.code, r.err);
        assert_string_equal(r.out, "");
        tu_free(&r);
    }
    char *t = trail(dir);
    const char *reasons[] = {"wrong password for account 'alice'", "account 'carol' is disabled",
                             "no account 'mallory' in this store",
                             "alice (analyst) may not run audit",
                             "this store has accounts: say which is yours with --as NAME"};
    for (size_t i = 0; i < sizeof reasons / sizeof *reasons; i++) {
        int n = 0;
        for (char *line = t; line && *line;) {
            char *end = strchr(line, '\n');
            if (end) *end = 0;
            if (strstr(line, "\"action\":\"refused\"") && strstr(line, reasons[i])) n++;
            if (end) *end = '\n';
            line = end ? end + 1 : NULL;
        }
        if (n != 1) fail_msg("%d refused entries for '%s' in %s", n, reasons[i], t);
    }
    /* The wrong password itself is in no entry. */
    assert_null(strstr(t, "not-her-password"));
    free(t);
    tu_rmdir(dir);
}

/* account.as-without-accounts: --as on a store that has no accounts. */
static void as_without_accounts(void **state)
{
    char *dir = tu_tmpdir();
    tu_write(dir, "r.conf", "# nothing set\n");
    char conf[600];
    snprintf(conf, sizeof conf, "%s/r.conf", dir);
    expect(as_run(dir, NULL, NULL, "rules", "load", conf, NULL), 0, NULL);
    expect(as_run(dir, "alice", "x12345678", "rules", NULL), 4,
           "this store has no accounts: --as alice names none");
    /* And no store at all: nothing is made. */
    char *other = tu_tmpdir();
    expect(as_run(other, "alice", "x12345678", "alerts", NULL), 4, "there is no store at");
    tu_rmdir(other);
    tu_rmdir(dir);
}

/* account.no-password: neither WACHTER_PASSWORD nor a terminal. */
static void no_password(void **state)
{
    int fd = open("/dev/tty", O_RDWR | O_NOCTTY);
    if (fd >= 0) {
        close(fd);
        skip(); /* a terminal would be asked */
    }
    char *dir = store_with_admin();
    expect(as_run(dir, "boss", NULL, "account", "list", NULL), 4,
           "no password for 'boss': set WACHTER_PASSWORD or run wachter on a terminal");
    tu_rmdir(dir);
}

/* Every command but help is in the one permission table. */
/* account.reveal-not-allowed: --reveal (real identities instead of
 * pseudonyms) is for operators; an analyst's attempt is refused and
 * recorded, an administrator's use is in the command's entry. */
static void reveal_only_for_operators(void **state)
{
    char *dir = store_with_admin();
    setenv("WACHTER_NEW_PASSWORD", ALICE_PW, 1);
    expect(as_run(dir, "boss", ADMIN_PW, "account", "add", "alice", "--role", "analyst", NULL), 0,
           NULL);
    unsetenv("WACHTER_NEW_PASSWORD");
    tu_run r = as_run(dir, "alice", ALICE_PW, "--reveal", "alerts", NULL);
    if (r.code != 4 || !strstr(r.err, "wachter alerts: alice (analyst) may not run reveal"))
        fail_msg("an analyst's --reveal: exit %d, stderr %s", r.code, r.err);
    assert_string_equal(r.out, "");
    tu_free(&r);
    expect(as_run(dir, "alice", ALICE_PW, "alerts", NULL), 0, NULL);
    expect(as_run(dir, "boss", ADMIN_PW, "--reveal", "quarantine", NULL), 0, NULL);
    char *t = trail(dir);
    assert_non_null(strstr(t, "alice (analyst) may not run reveal"));
    int revealed = 0;
    for (char *line = t; line && *line;) {
        char *end = strchr(line, '\n');
        if (end) *end = 0;
        if (strstr(line, "\"account\":\"boss\"") && strstr(line, "\"action\":\"quarantine\"") &&
            strstr(line, "\\\"reveal\\\":true"))
            revealed++;
        if (end) *end = '\n';
        line = end ? end + 1 : NULL;
    }
    if (revealed != 1) fail_msg("boss's --reveal not in the trail: %s", t);
    free(t);
    tu_rmdir(dir);
}

static void every_command_has_roles(void **state)
{
    size_t n;
    const cli_command *k = cli_commands(&n);
    for (size_t i = 0; i < n; i++)
        if (strcmp(k[i].name, "help") != 0 && !ops_access_known(k[i].name))
            fail_msg("command %s is not in ops_access's table", k[i].name);
    ops_actor analyst = {"a", OPS_ROLE_ANALYST}, admin = {"b", OPS_ROLE_ADMIN};
    werr e = {0};
    assert_int_equal(ops_access_check(&analyst, "alerts", &e), 0);
    assert_int_equal(ops_access_check(&analyst, "account add", &e), -1);
    assert_int_equal(e.code, WERR_FORBIDDEN);
    werr_clear(&e);
    assert_int_equal(ops_access_check(&admin, "account add", &e), 0);
    assert_int_equal(ops_access_check(&admin, "no such action", &e), -1);
    assert_int_equal(ops_role_parse("senior analyst"), OPS_ROLE_SENIOR);
    assert_int_equal(ops_role_parse("root"), OPS_ROLE_NONE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(first_administrator),
        cmocka_unit_test(add_list_disable_role),
        cmocka_unit_test(bad_new_accounts),
        cmocka_unit_test(password_only_hashed),
        cmocka_unit_test(refusals),
        cmocka_unit_test(as_without_accounts),
        cmocka_unit_test(no_password),
        cmocka_unit_test(reveal_only_for_operators),
        cmocka_unit_test(every_command_has_roles),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

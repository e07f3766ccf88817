/* Retention, purge, minimisation and file modes (issue 34; README
 * "Retention and minimisation"): the policy is shown and set, and a bad
 * value changes nothing; a purge deletes exactly what is past retention,
 * keeps what an alert or an open case holds, changes nothing with
 * --dry-run, and leaves no deleted text in the store file or its
 * write-ahead log; a dropped field's value is never stored while detection
 * works on; the store and its companions are readable by their owner only. */
#include <sys/stat.h>

#include "testutil.h"

/* Whether the file at DIR/name holds needle anywhere (grep -a); a file
 * that is not there holds nothing. */
static int file_has(const char *dir, const char *name, const char *needle)
{
    char path[700];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    if (!f) return 0;
    char *data = NULL;
    size_t cap = 0, n = 0, k;
    for (;;) {
        if (n + 65536 > cap) {
            cap = (cap + 65536) * 2;
            data = realloc(data, cap);
            assert_non_null(data);
        }
        if ((k = fread(data + n, 1, 65536, f)) == 0) break;
        n += k;
    }
    fclose(f);
    size_t k2 = strlen(needle);
    int found = 0;
    for (size_t i = 0; !found && i + k2 <= n; i++)
        found = memcmp(data + i, needle, k2) == 0;
    free(data);
    return found;
}

static int store_has(const char *dir, const char *needle)
{
    return file_has(dir, "t.db", needle) || file_has(dir, "t.db-wal", needle);
}

static tu_run ok(tu_run r)
{
    if (r.code != 0) fail_msg("exit %d: %s", r.code, r.err);
    return r;
}

static void run_ok(const char *dir, const char *a, const char *b, const char *c, const char *d)
{
    tu_run r = ok(tu_wachter(dir, a, b, c, d, NULL));
    tu_free(&r);
}

/* ------------------------------------------------------------- the policy */

static void test_policy_default_set_show(void **state)
{
    char *dir = tu_tmpdir();
    run_ok(dir, "minimise", "drop", "none", NULL); /* makes the store */
    tu_run r = ok(tu_wachter(dir, "retention", NULL));
    /* Nothing is deleted until a retention is set. */
    assert_int_equal(tu_count_lines(r.out, "forever"), 5);
    tu_free(&r);
    r = ok(tu_wachter(dir, "retention", "set", "events", "400d", NULL));
    assert_non_null(strstr(r.out, "events       400d"));
    tu_free(&r);
    run_ok(dir, "retention", "set", "alerts", "2y");
    run_ok(dir, "retention", "set", "quarantine", "12w");
    r = ok(tu_wachter(dir, "--format", "jsonl", "retention", NULL));
    assert_non_null(strstr(r.out, "{\"kind\":\"events\",\"days\":400,"));
    assert_non_null(strstr(r.out, "{\"kind\":\"alerts\",\"days\":730,"));
    assert_non_null(strstr(r.out, "{\"kind\":\"quarantine\",\"days\":84,"));
    assert_non_null(strstr(r.out, "{\"kind\":\"cases\",\"days\":null,"));
    assert_non_null(strstr(r.out, "{\"kind\":\"audit\",\"days\":null,"));
    tu_free(&r);
    r = ok(tu_wachter(dir, "--format", "jsonl", "retention", "set", "alerts", "forever", NULL));
    assert_non_null(strstr(r.out, "{\"kind\":\"alerts\",\"days\":null,"));
    tu_free(&r);
    tu_rmdir(dir);
}

/* One row per class of bad value (docs/bad-input.md): exit status, the
 * message, and the policy as it was. */
static void test_policy_bad_values(void **state)
{
    static const struct {
        const char *id, *kind, *duration;
        int code;
        const char *says;
    } rows[] = {
        {"retention.unknown-kind", "logs", "400d", 1,
         "wachter retention: unknown kind 'logs': one of events, quarantine, alerts, cases,"
         " audit\n"},
        {"retention.garbage", "events", "-5d", 1,
         "wachter retention: duration '-5d': a whole number of days, weeks or years (400d, 12w,"
         " 2y), or forever\n"},
        {"retention.garbage", "events", "400", 1, "duration '400': a whole number"},
        {"retention.garbage", "events", "400days", 1, "duration '400days': a whole number"},
        {"retention.garbage", "events", "1.5y", 1, "duration '1.5y': a whole number"},
        {"retention.garbage", "events", "4 00d", 1, "duration '4 00d': a whole number"},
        {"retention.garbage", "events", "", 1, "duration '': a whole number"},
        {"retention.out-of-range", "events", "0d", 1,
         "wachter retention: duration '0d': from 1d to 36500d (a hundred years), or forever\n"},
        {"retention.out-of-range", "events", "101y", 1, "duration '101y': from 1d to 36500d"},
        {"retention.out-of-range", "events", "99999999999999999999999d", 1, "from 1d to 36500d"},
        {"retention.missing", "events", NULL, 2,
         "wachter retention: set what for how long? (wachter retention set KIND DURATION, e.g."
         " set events 400d)\n"},
    };
    char *dir = tu_tmpdir();
    run_ok(dir, "retention", "set", "events", "400d");
    tu_run before = ok(tu_wachter(dir, "--format", "jsonl", "retention", NULL));
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        tu_run r = tu_wachter(dir, "retention", "set", rows[i].kind, rows[i].duration, NULL);
        if (r.code != rows[i].code || !strstr(r.err, rows[i].says))
            fail_msg("%s (%s %s): exit %d, said %s", rows[i].id, rows[i].kind,
                     rows[i].duration ? rows[i].duration : "-", r.code, r.err);
        assert_string_equal(r.out, "");
        tu_free(&r);
        r = ok(tu_wachter(dir, "--format", "jsonl", "retention", NULL));
        assert_string_equal(r.out, before.out);
        tu_free(&r);
    }
    tu_free(&before);
    /* A bad value makes no store where there was none. */
    char *none = tu_tmpdir();
    tu_run r = tu_wachter(none, "retention", "set", "logs", "400d", NULL);
    assert_int_equal(r.code, 1);
    tu_free(&r);
    r = tu_wachter(none, "minimise", "drop", "qurey", NULL);
    assert_int_equal(r.code, 1);
    tu_free(&r);
    char path[700];
    snprintf(path, sizeof path, "%s/t.db", none);
    assert_int_equal(access(path, F_OK), -1);
    /* purge.no-store: a purge makes none either. */
    r = tu_wachter(none, "purge", NULL);
    assert_int_equal(r.code, 1);
    assert_non_null(strstr(r.err, "no store at"));
    tu_free(&r);
    assert_int_equal(access(path, F_OK), -1);
    tu_rmdir(none);
    tu_rmdir(dir);
}

/* ------------------------------------------------------------------ purge */

/* An organisation with an open case on S-HOLD and cases closed in 2020 on
 * S-OLDCASE and S-NOEVENTS; old events (2020) about S-GONE (nothing holds
 * it), S-HOLD (the open case), S-INC (an incident alert names it), one
 * stating the open case; recent ones about S-NEW and the old case's
 * subject S-OLDCASE (which holds that case); a bad line. */
static void fixture(const char *dir)
{
    char org[300];
    snprintf(org, sizeof org, "%s/org", dir);
    assert_int_equal(mkdir(org, 0700), 0);
    tu_write(org, "actors.csv",
             "actor,unit,role,start,end,person,surname,postcode,house_number\n"
             "u1,burgerzaken,clerk,2019-01-01,,,,,\n");
    tu_write(org, "cases.csv",
             "case,subject,opened,closed\n"
             "Z-OPEN,S-HOLD,2019-06-01,\n"
             "Z-OLD,S-OLDCASE,2019-06-01,2020-02-01\n"
             "Z-OLDER,S-NOEVENTS,2019-06-01,2020-02-01\n");
    tu_write(org, "case_assignments.csv",
             "case,assignee,from,to\n"
             "Z-OLDER,u1,2019-06-01,2020-02-01\n");
    tu_write(dir, "ev.jsonl",
             "{\"id\":\"EVT-GONE-1\",\"ts\":\"2020-01-10T10:00:00Z\",\"actor\":\"u1\","
             "\"system\":\"brp\",\"action\":\"view\",\"subject\":\"S-GONE\","
             "\"query\":\"SECRET-OLD-QUERY\",\"client\":\"ws-SECRET-CLIENT\","
             "\"purpose\":\"SECRET-PURPOSE\",\"x_note\":\"SECRET-ATTR\"}\n"
             "{\"id\":\"EVT-HOLD-1\",\"ts\":\"2020-01-10T10:05:00Z\",\"actor\":\"u1\","
             "\"system\":\"brp\",\"action\":\"view\",\"subject\":\"S-HOLD\","
             "\"query\":\"HELD-BY-CASE\"}\n"
             "{\"id\":\"EVT-STATED-1\",\"ts\":\"2020-01-10T10:05:30Z\",\"actor\":\"u1\","
             "\"system\":\"brp\",\"action\":\"view\",\"subject\":\"S-OTHER\",\"case\":\"Z-OPEN\","
             "\"query\":\"HELD-BY-STATED-CASE\"}\n"
             "{\"id\":\"EVT-INC-1\",\"ts\":\"2020-01-10T10:06:00Z\",\"actor\":\"u1\","
             "\"system\":\"brp\",\"action\":\"view\",\"subject\":\"S-INC\","
             "\"query\":\"HELD-BY-ALERT\"}\n"
             "{\"id\":\"EVT-OLDCASE-1\",\"ts\":\"2099-11-01T10:00:00Z\",\"actor\":\"u1\","
             "\"system\":\"brp\",\"action\":\"view\",\"subject\":\"S-OLDCASE\","
             "\"query\":\"OLD-CASE-QUERY\"}\n"
             "{\"id\":\"EVT-NEW-1\",\"ts\":\"2099-12-01T10:00:00Z\",\"actor\":\"u1\","
             "\"system\":\"brp\",\"action\":\"view\",\"subject\":\"S-NEW\","
             "\"query\":\"RECENT-QUERY\"}\n"
             "not json SECRET-QUARANTINED\n");
    run_ok(dir, "load", org, NULL, NULL);
    char ev[600];
    snprintf(ev, sizeof ev, "%s/ev.jsonl", dir);
    tu_run r = tu_wachter(dir, "ingest", ev, NULL);
    assert_int_equal(r.code, 0);
    tu_free(&r);
    r = ok(tu_wachter(dir, "incident", "add", "--id", "I1", "--subject", "S-INC", "--ts",
                      "2020-01-15", NULL));
    tu_free(&r);
}

static char *event_ids(const char *dir)
{
    return tu_rows(dir, "SELECT id FROM events ORDER BY id");
}

static void test_purge_dry_run_changes_nothing(void **state)
{
    char *dir = tu_tmpdir();
    fixture(dir);
    run_ok(dir, "retention", "set", "events", "400d");
    run_ok(dir, "retention", "set", "cases", "100d");
    char *ids = event_ids(dir), *cases = tu_rows(dir, "SELECT case_id FROM cases ORDER BY 1");
    tu_run r = ok(tu_wachter(dir, "purge", "--dry-run", NULL));
    assert_non_null(strstr(r.out, "WOULD DELETE"));
    assert_non_null(strstr(r.out, "                 1           3\n")); /* events */
    tu_free(&r);
    char *after = event_ids(dir),
         *cases_after = tu_rows(dir, "SELECT case_id FROM cases ORDER BY 1");
    assert_string_equal(after, ids);
    assert_string_equal(cases_after, cases);
    assert_true(store_has(dir, "SECRET-OLD-QUERY"));
    free(ids);
    free(after);
    free(cases);
    free(cases_after);
    tu_rmdir(dir);
}

static void test_purge_deletes_past_keeps_held(void **state)
{
    char *dir = tu_tmpdir();
    fixture(dir);
    run_ok(dir, "retention", "set", "events", "400d");
    run_ok(dir, "retention", "set", "cases", "100d");
    tu_run r = ok(tu_wachter(dir, "--format", "jsonl", "purge", NULL));
    assert_non_null(strstr(r.out, "{\"kind\":\"events\",\"dry_run\":false,\"days\":400,"));
    assert_non_null(strstr(r.out, "\"deleted\":1,\"held\":3}\n{\"kind\":\"quarantine\""));
    /* Z-OLDER goes; Z-OLD stays: an event about its subject is stored. */
    assert_non_null(strstr(r.out, "{\"kind\":\"cases\",\"dry_run\":false,\"days\":100,"));
    assert_non_null(strstr(r.out, "\"deleted\":1,\"held\":1}\n{\"kind\":\"audit\""));
    assert_non_null(strstr(r.out, "{\"kind\":\"alerts\",\"dry_run\":false,\"days\":null,"
                                  "\"before\":null,\"deleted\":0,\"held\":0}"));
    tu_free(&r);
    /* The purge's counts are in the audit trail. */
    r = ok(tu_wachter(dir, "--format", "jsonl", "audit", NULL));
    assert_non_null(strstr(r.out, "\"action\":\"purge done\",\"params\":\"{\\\"deleted\\\":{"
                                  "\\\"events\\\":1,"));
    tu_free(&r);
    char *ids = event_ids(dir);
    assert_string_equal(ids, "EVT-HOLD-1\nEVT-INC-1\nEVT-NEW-1\nEVT-OLDCASE-1\nEVT-STATED-1\n");
    free(ids);
    char *cases = tu_rows(dir, "SELECT case_id FROM cases ORDER BY 1");
    assert_string_equal(cases, "Z-OLD\nZ-OPEN\n");
    free(cases);
    assert_int_equal(tu_count_of(dir, "SELECT count(*) FROM case_assignments"), 0);
    /* Look-ups of what stays are found as before (the postings were built
     * again); the deleted event is gone from every answer. */
    r = ok(tu_wachter(dir, "who-accessed", "S-HOLD", NULL));
    assert_non_null(strstr(r.out, "u1"));
    tu_free(&r);
    r = ok(tu_wachter(dir, "--format", "jsonl", "timeline", "u1", NULL));
    assert_null(strstr(r.out, "S-GONE"));
    assert_non_null(strstr(r.out, "S-NEW"));
    tu_free(&r);
    /* Once the alert is past its own retention, it holds its event no
     * longer: both go in one purge. */
    run_ok(dir, "retention", "set", "alerts", "400d");
    r = ok(tu_wachter(dir, "--format", "jsonl", "purge", NULL));
    assert_non_null(strstr(r.out, "\"deleted\":1,\"held\":2}\n{\"kind\":\"quarantine\""));
    assert_non_null(strstr(r.out, "{\"kind\":\"alerts\",\"dry_run\":false,\"days\":400,"));
    tu_free(&r);
    assert_int_equal(tu_count_of(dir, "SELECT count(*) FROM alerts"), 0);
    assert_int_equal(tu_count_of(dir, "SELECT count(*) FROM alert_events"), 0);
    ids = event_ids(dir);
    assert_string_equal(ids, "EVT-HOLD-1\nEVT-NEW-1\nEVT-OLDCASE-1\nEVT-STATED-1\n");
    free(ids);
    /* A second purge finds nothing more. */
    r = ok(tu_wachter(dir, "purge", NULL));
    assert_int_equal(tu_count_lines(r.out, "           0  "), 5);
    tu_free(&r);
    tu_rmdir(dir);
}

/* Quarantined lines go by when they were quarantined. */
static void test_purge_quarantine(void **state)
{
    char *dir = tu_tmpdir();
    fixture(dir);
    run_ok(dir, "retention", "set", "quarantine", "30d");
    tu_run r = ok(tu_wachter(dir, "--format", "jsonl", "purge", NULL));
    assert_non_null(strstr(r.out, "{\"kind\":\"quarantine\",\"dry_run\":false,\"days\":30,"));
    assert_non_null(strstr(r.out, "\"deleted\":0,\"held\":0}\n{\"kind\":\"alerts\""));
    tu_free(&r);
    char path[700];
    snprintf(path, sizeof path, "%s/t.db", dir);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(
        sqlite3_exec(db, "UPDATE quarantine SET at = at - 31 * 86400000", NULL, NULL, NULL),
        SQLITE_OK);
    sqlite3_close(db);
    r = ok(tu_wachter(dir, "--format", "jsonl", "purge", NULL));
    assert_non_null(strstr(r.out, "\"deleted\":1,\"held\":0}\n{\"kind\":\"alerts\""));
    tu_free(&r);
    r = ok(tu_wachter(dir, "quarantine", NULL));
    assert_null(strstr(r.out, "SECRET-QUARANTINED"));
    tu_free(&r);
    assert_false(store_has(dir, "SECRET-QUARANTINED"));
    tu_rmdir(dir);
}

/* Deleted means gone from the file: none of the deleted event's text is
 * in the store file or its write-ahead log (grep -a), with a reader's
 * connection open throughout, so that the log is not removed at the end
 * but must have been emptied. */
static void test_purge_text_gone_from_file(void **state)
{
    char *dir = tu_tmpdir();
    fixture(dir);
    static const char *const gone[] = {"SECRET-OLD-QUERY", "ws-SECRET-CLIENT", "SECRET-PURPOSE",
                                       "SECRET-ATTR", "EVT-GONE-1"};
    for (size_t i = 0; i < sizeof gone / sizeof *gone; i++)
        if (!store_has(dir, gone[i])) fail_msg("%s is not in the store to begin with", gone[i]);
    char path[700];
    snprintf(path, sizeof path, "%s/t.db", dir);
    sqlite3 *reader;
    assert_int_equal(sqlite3_open(path, &reader), SQLITE_OK);
    assert_int_equal(tu_sql_int(reader, "SELECT count(*) FROM events"), 6);
    run_ok(dir, "retention", "set", "events", "400d");
    tu_run r = ok(tu_wachter(dir, "purge", NULL));
    tu_free(&r);
    for (size_t i = 0; i < sizeof gone / sizeof *gone; i++) {
        if (file_has(dir, "t.db", gone[i])) fail_msg("%s is still in t.db", gone[i]);
        if (file_has(dir, "t.db-wal", gone[i])) fail_msg("%s is still in t.db-wal", gone[i]);
    }
    /* What stays is found where it is (the search would see it). */
    assert_true(store_has(dir, "HELD-BY-CASE"));
    assert_true(store_has(dir, "RECENT-QUERY"));
    assert_int_equal(tu_sql_int(reader, "SELECT count(*) FROM events"), 5);
    sqlite3_close(reader);
    tu_rmdir(dir);
}

/* ---------------------------------------------------------- minimisation */

static void test_minimise_drops_fields(void **state)
{
    char *dir = tu_tmpdir();
    tu_run r = ok(tu_wachter(dir, "minimise", "drop", "query,client,attrs", NULL));
    assert_string_equal(r.out, "dropped at ingest: query, client, attrs\n");
    tu_free(&r);
    r = ok(tu_wachter(dir, "--format", "jsonl", "minimise", NULL));
    assert_string_equal(r.out, "{\"dropped\":[\"query\",\"client\",\"attrs\"]}\n");
    tu_free(&r);
    /* u1 left in 2020: employment reports the look-up whatever the
     * dropped fields held. */
    char org[300];
    snprintf(org, sizeof org, "%s/org", dir);
    assert_int_equal(mkdir(org, 0700), 0);
    tu_write(org, "actors.csv",
             "actor,unit,role,start,end,person,surname,postcode,house_number\n"
             "u1,burgerzaken,clerk,2019-01-01,2020-01-01,,,,\n");
    run_ok(dir, "load", org, NULL, NULL);
    tu_write(dir, "ev.jsonl",
             "{\"id\":\"m1\",\"ts\":\"2026-03-02T09:00:00Z\",\"actor\":\"u1\",\"system\":\"brp\","
             "\"action\":\"search\",\"query\":\"DROPPED-QUERY-VALUE\",\"client\":\"DROPPED-WS\","
             "\"purpose\":\"KEPT-PURPOSE\",\"x_extra\":\"DROPPED-ATTR\"}\n");
    char ev[600];
    snprintf(ev, sizeof ev, "%s/ev.jsonl", dir);
    tu_ingest_expect(dir, ev, "\"stored\":1");
    assert_false(store_has(dir, "DROPPED-QUERY-VALUE"));
    assert_false(store_has(dir, "DROPPED-WS"));
    assert_false(store_has(dir, "DROPPED-ATTR"));
    assert_true(store_has(dir, "KEPT-PURPOSE"));
    char *row = tu_rows(dir, "SELECT id, query, client, attrs, purpose FROM events");
    assert_string_equal(row, "m1||||KEPT-PURPOSE\n");
    free(row);
    r = ok(tu_wachter(dir, "alerts", NULL));
    assert_non_null(strstr(r.out, "Account used 2251 days after employment ended"));
    tu_free(&r);
    /* The same event again is the same event: its id does not depend on
     * what is dropped. */
    tu_ingest_expect(dir, ev, "\"duplicates\":1");
    r = ok(tu_wachter(dir, "minimise", "drop", "none", NULL));
    assert_string_equal(r.out, "dropped at ingest: none (every field is stored)\n");
    tu_free(&r);
    tu_rmdir(dir);
}

static void test_minimise_bad_lists(void **state)
{
    static const struct {
        const char *id, *list, *says;
    } rows[] = {
        {"minimise.unknown-field", "qurey",
         "wachter minimise: unknown field 'qurey': one of purpose, query, client, results,"
         " subject_type, attrs, or none\n"},
        {"minimise.needed-field", "actor",
         "wachter minimise: field 'actor' cannot be dropped: detection, explanation and"
         " deduplication stand on it"},
        {"minimise.needed-field", "query,case", "field 'case' cannot be dropped"},
        {"minimise.empty-name", "query,,client",
         "wachter minimise: field list 'query,,client': an empty name (fields are separated by"
         " single commas)\n"},
        {"minimise.empty-name", "", "field list '': an empty name"},
    };
    char *dir = tu_tmpdir();
    run_ok(dir, "minimise", "drop", "purpose", NULL);
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        tu_run r = tu_wachter(dir, "minimise", "drop", rows[i].list, NULL);
        if (r.code != 1 || !strstr(r.err, rows[i].says))
            fail_msg("%s (%s): exit %d, said %s", rows[i].id, rows[i].list, r.code, r.err);
        tu_free(&r);
        r = ok(tu_wachter(dir, "minimise", NULL));
        assert_string_equal(r.out, "dropped at ingest: purpose\n");
        tu_free(&r);
    }
    tu_rmdir(dir);
}

/* ------------------------------------------------------------ file modes */

static void expect_mode(const char *dir, const char *name, mode_t want)
{
    char path[700];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    struct stat st;
    if (stat(path, &st) != 0) fail_msg("%s: not there", name);
    if ((st.st_mode & 0777) != want)
        fail_msg("%s: mode %o, not %o", name, (unsigned)(st.st_mode & 0777), (unsigned)want);
}

static void test_file_modes(void **state)
{
    mode_t old = umask(022);
    char *dir = tu_tmpdir();
    char path[700];
    snprintf(path, sizeof path, "%s/t.db", dir);
    tu_write(
        dir, "ev.jsonl",
        "{\"id\":\"f1\",\"ts\":\"2026-03-02T09:00:00Z\",\"actor\":\"u1\",\"action\":\"view\"}\n");
    char ev[600];
    snprintf(ev, sizeof ev, "%s/ev.jsonl", dir);
    tu_ingest_expect(dir, ev, "\"stored\":1");
    expect_mode(dir, "t.db", 0600);
    expect_mode(dir, "t.db.lock", 0600);
    /* The audit trail beside it and the pseudonym key: who looked at whom,
     * and what undoes the pseudonyms. */
    expect_mode(dir, "t.db.audit", 0600);
    expect_mode(dir, "t.db.key", 0600);
    /* The write-ahead log and its index, kept while a reader is open. */
    sqlite3 *reader;
    assert_int_equal(sqlite3_open(path, &reader), SQLITE_OK);
    assert_int_equal(tu_sql_int(reader, "SELECT count(*) FROM events"), 1);
    tu_ingest_expect(dir, ev, "\"duplicates\":1");
    expect_mode(dir, "t.db-wal", 0600);
    expect_mode(dir, "t.db-shm", 0600);
    sqlite3_close(reader);
    /* A store left readable by others (an older wachter, a copy) is made
     * private by the next command, one that only reads too; its lock file
     * by the next that writes. */
    assert_int_equal(chmod(path, 0644), 0);
    tu_run r = ok(tu_wachter(dir, "alerts", NULL));
    tu_free(&r);
    expect_mode(dir, "t.db", 0600);
    assert_int_equal(chmod(path, 0644), 0);
    snprintf(path, sizeof path, "%s/t.db.lock", dir);
    assert_int_equal(chmod(path, 0644), 0);
    tu_ingest_expect(dir, ev, "\"duplicates\":1");
    expect_mode(dir, "t.db", 0600);
    expect_mode(dir, "t.db.lock", 0600);
    tu_rmdir(dir);
    umask(old);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_policy_default_set_show),
        cmocka_unit_test(test_policy_bad_values),
        cmocka_unit_test(test_purge_dry_run_changes_nothing),
        cmocka_unit_test(test_purge_deletes_past_keeps_held),
        cmocka_unit_test(test_purge_quarantine),
        cmocka_unit_test(test_purge_text_gone_from_file),
        cmocka_unit_test(test_minimise_drops_fields),
        cmocka_unit_test(test_minimise_bad_lists),
        cmocka_unit_test(test_file_modes),
    };
    return cmocka_run_group_tests_name("retention, purge, minimisation, file modes", tests, NULL,
                                       NULL);
}

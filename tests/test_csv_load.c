/* Hostile reference CSVs (issue 33, item 1), as `wachter load --replace`
 * meets them. For each class of bad file (docs/bad-input.md, the ids
 * below): the message names the file and line and says why, load exits 3,
 * and the table is as it was, row for row, though --replace would have
 * emptied it. For each file a spreadsheet saves (CR, CRLF, ';', a byte
 * order mark): it loads, every row. And `correlate --incidents FILE`
 * refuses a bad file the same way. */
#include "testutil.h"

#include <sys/stat.h>

/* bytes with their length: a file may hold a NUL */
typedef struct bytes {
    const char *p;
    size_t n;
} bytes;
#define B(s)                                                                                       \
    {                                                                                              \
        s, sizeof(s) - 1                                                                           \
    }

typedef struct csv_case {
    const char *id;   /* the class's id in docs/bad-input.md */
    const char *file; /* which reference file it is */
    bytes text;
    int code;         /* load's exit status */
    const char *msg;  /* on stderr, after "DIR/" (for 0: a row's value loaded) */
    const char *msg2; /* a second message, or NULL */
    long rows;        /* for 0: the table's rows after the load */
} csv_case;

#define CASES_H "case,subject,opened,closed\n"

static const csv_case cases[] = {
    /* The issue's own: one stray quote swallowed the rest of the file. */
    {"csv.unterminated_quote", "cases.csv",
     B(CASES_H "C1,S1,2025-01-01,\n\"C2,S2,2025-01-01,\nC3,S3,,\nC4,S4,,\n"), 3,
     "cases.csv:3: unterminated quote: the quoted field that begins on this line is not closed"
     " before the end of the file",
     "cases.csv: not loaded (1 bad row); its table is unchanged", 0},
    {"csv.unterminated_quote_crlf", "cases.csv",
     B(CASES_H "C1,S1,,\r\nC2,S2,,\r\nC3,\"S3,,\r\nC4,S4,,\r\n"), 3,
     "cases.csv:4: unterminated quote", NULL, 0},
    {"csv.quote_inside_field", "cases.csv", B(CASES_H "C1,S1,,\nC2,Jan \"Pim\" J,,\n"), 3,
     "cases.csv:3: a '\"' inside a field: a field that holds '\"' must be quoted whole", NULL, 0},
    {"csv.value_over_lines", "cases.csv", B(CASES_H "C1,\"S1,,\nC2,S2\",,\nC3,S3,,\n"), 3,
     "cases.csv:2: column 'subject' holds a line break (a quoted value over several lines: a"
     " stray '\"'?)",
     NULL, 0},
    {"csv.record_too_long",
     "subjects.csv",
     {NULL, 0},
     3,
     "subjects.csv:3: a record longer than 64 KiB",
     NULL,
     0},
    {"csv.quote_open_64k",
     "subjects.csv",
     {NULL, 1},
     3,
     "subjects.csv:3: a quoted field begins on this line and is not closed within 64 KiB",
     NULL,
     0},
    /* Line endings: all three load, and lines are counted in each. */
    {"csv.cr_line_endings", "cases.csv",
     B("case,subject,opened,closed\rC1,S1,,\rC2,S2,,\rC3,S3,,\r"), 0, "C3|S3", NULL, 3},
    {"csv.crlf_line_endings", "cases.csv",
     B("case,subject,opened,closed\r\nC1,S1,,\r\nC2,S2,,\r\nC3,S3,,\r\n"), 0, "C2|S2", NULL, 3},
    {"csv.no_final_line_end", "cases.csv", B(CASES_H "C1,S1,,\nC2,S2,,"), 0, "C2|S2", NULL, 2},
    {"csv.cr_line_numbers", "cases.csv", B("case,subject,opened,closed\rC1,S1,,\r,S2,,\rC3,S3,,\r"),
     3, "cases.csv:3: column 'case' is empty", NULL, 0},
    /* What Excel saves: ';' in a Dutch locale, a byte order mark, CRLF,
     * rows of separators only where rows were once used. */
    {"csv.excel_semicolon_bom", "cases.csv",
     B("\xEF\xBB\xBF"
       "case;subject;opened;closed\r\nC1;\"S;1\";2025-01-01;\r\nC2;M\xC3\xBCller;;\r\n;;;\r\n"),
     0, "C1|S;1", NULL, 2},
    {"csv.bom_quoted_header", "cases.csv", B("\xEF\xBB\xBF\"case\",\"subject\"\nC1,S1\n"), 0,
     "C1|S1", NULL, 1},
    {"csv.windows_1252", "cases.csv", B(CASES_H "C1,S1,,\nC2,M\xFCller,,\n"), 3,
     "cases.csv:3: column 'subject' is not UTF-8: byte 0xFC, '\xC3\xBC' in Windows-1252; the file"
     " seems saved as Windows-1252 (Excel's \"CSV\"), which wachter does not read: save it as "
     "\"CSV UTF-8\"",
     NULL, 0},
    {"csv.utf16", "cases.csv",
     B("\xFF\xFE"
       "c\0a\0s\0e\0,\0s\0\n\0"),
     3,
     "cases.csv:1: the file is UTF-16 (Excel's \"Unicode text\"), which wachter does not read:"
     " save it as \"CSV UTF-8\"",
     NULL, 0},
    {"csv.invalid_utf8", "cases.csv", B(CASES_H "C1,S\x81,,\n"), 3,
     "cases.csv:2: column 'subject' is not UTF-8 (byte 0x81 at offset 1)", NULL, 0},
    {"csv.nul_in_field", "cases.csv", B(CASES_H "C1,S1\0X,,\nC2,S2,,\n"), 3,
     "cases.csv:2: column 'subject' holds a NUL byte", NULL, 0},
    {"csv.control_char", "cases.csv", B(CASES_H "C1,S1\x1B]0;x\x07,,\n"), 3,
     "cases.csv:2: column 'subject' holds the control character 0x1B", NULL, 0},
    {"csv.c1_control", "cases.csv",
     B(CASES_H "C1,S1\xC2\x9B"
               "2K,,\n"),
     3, "cases.csv:2: column 'subject' holds the control character U+009B", NULL, 0},
    /* The header. */
    {"csv.header_unknown_column", "actors.csv",
     B("actor,unit,role,start,ennd\na1,u,clerk,2025-01-01,2025-06-30\n"), 3,
     "actors.csv:1: unknown column 'ennd' (known: actor, unit, role, start, end, person, surname,"
     " postcode, house_number)",
     NULL, 0},
    {"csv.header_missing_key", "cases.csv", B("subject,opened\nS1,2025-01-01\n"), 3,
     "cases.csv:1: header lacks required column 'case'", NULL, 0},
    {"csv.header_duplicate_column", "cases.csv", B("case,subject,subject\nC1,S1,S2\n"), 3,
     "cases.csv:1: header: column 'subject' appears twice", NULL, 0},
    {"csv.empty_file", "cases.csv", B(""), 3, "cases.csv: no header row", NULL, 0},
    /* Rows. */
    {"csv.duplicate_key", "cases.csv", B(CASES_H "C1,S1,,\nC1,S2,,\nC1,S1,2025-01-01,\n"), 3,
     "cases.csv:4: duplicate key (case 'C1', subject 'S1'): line 2 has it already", NULL, 0},
    {"csv.duplicate_key_actor", "actors.csv", B("actor,unit\nk.devries,front\nk.devries,back\n"), 3,
     "actors.csv:3: duplicate key (actor 'k.devries'): line 2 has it already", NULL, 0},
    {"csv.end_before_start", "actors.csv",
     B("actor,unit,role,start,end\na1,u,clerk,2025-02-01,2025-01-31\n"), 3,
     "actors.csv:2: 'end' (2025-01-31) is before 'start' (2025-02-01)", NULL, 0},
    {"csv.end_before_start_case", "cases.csv", B(CASES_H "C1,S1,2025-03-01,2025-02-28\n"), 3,
     "cases.csv:2: 'closed' (2025-02-28) is before 'opened' (2025-03-01)", NULL, 0},
    {"csv.end_before_start_assignment", "case_assignments.csv",
     B("case,assignee,from,to\nC1,a1,2025-03-01T10:00:00Z,2025-03-01T09:00:00Z\n"), 3,
     "case_assignments.csv:2: 'to' (2025-03-01T09:00:00Z) is before 'from' (2025-03-01T10:00:00Z)",
     NULL, 0},
    {"csv.same_day_end", "actors.csv",
     B("actor,unit,role,start,end\na1,u,clerk,2025-02-01,2025-02-01\n"), 0, "a1|u", NULL, 1},
    {"csv.too_many_fields", "cases.csv", B(CASES_H "C1,Jansen, J,,\n"), 3,
     "cases.csv:2: 5 fields where the header has 4 (a value holding ',' must be quoted)", NULL, 0},
    {"csv.too_few_fields", "cases.csv", B(CASES_H "C1,S1\n"), 3,
     "cases.csv:2: 2 fields where the header has 4", NULL, 0},
    {"csv.empty_key", "cases.csv", B(CASES_H "C1,S1,,\n,S2,,\n"), 3,
     "cases.csv:3: column 'case' is empty", NULL, 0},
    {"csv.bad_time", "cases.csv", B(CASES_H "C1,S1,first of May,\n"), 3,
     "cases.csv:2: column 'opened': unreadable time 'first of May'", NULL, 0},
    {"csv.missing_time", "incidents.csv", B("incident,subject,ts,kind\nI1,S1,,arson\n"), 3,
     "incidents.csv:2: column 'ts': missing time ''", NULL, 0},
    {"csv.many_bad_rows",
     "cases.csv",
     {NULL, 2},
     3,
     "cases.csv:101: column 'opened': unreadable time 'x'",
     "cases.csv: 50 more bad rows not shown",
     0},
    {"csv.blank_lines", "cases.csv", B("\n" CASES_H "\nC1,S1,,\n  \n\nC2,S2,,\n,,,\n"), 0, "C2|S2",
     NULL, 2},
};

enum { NCASES = sizeof cases / sizeof *cases };

/* The table each file loads into, its rows in a fixed order. */
static const char *table_sql(const char *file)
{
    if (!strcmp(file, "actors.csv")) return "SELECT * FROM actors ORDER BY actor";
    if (!strcmp(file, "subjects.csv")) return "SELECT * FROM subjects ORDER BY subject";
    if (!strcmp(file, "cases.csv")) return "SELECT * FROM cases ORDER BY case_id, subject";
    if (!strcmp(file, "case_assignments.csv"))
        return "SELECT * FROM case_assignments ORDER BY case_id, assignee, from_ts";
    return "SELECT * FROM incidents ORDER BY incident, subject";
}

static void write_bytes(const char *dir, const char *name, const char *p, size_t n)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(p, 1, n, f), n);
    fclose(f);
}

/* The files built rather than written out: n of {NULL, n} says which. */
static char *built(const csv_case *c, size_t *len)
{
    char *t;
    FILE *m = open_memstream(&t, len);
    if (c->text.n == 0) { /* a second row of 70,000 bytes */
        fputs("subject,surname\nP1,Jansen\nP2,", m);
        for (int i = 0; i < 70000; i++)
            fputc('x', m);
        fputs("\nP3,Bakker\n", m);
    } else if (c->text.n == 1) { /* a quote opened and never closed in 64 KiB */
        fputs("subject,surname\nP1,Jansen\nP2,\"Bak", m);
        for (int i = 0; i < 2000; i++)
            fputs("\nP9,some surname well over thirty-two bytes", m);
        fputc('\n', m);
    } else { /* 150 bad rows after 99 good ones */
        fputs(CASES_H, m);
        for (int i = 0; i < 99; i++)
            fprintf(m, "C%d,S%d,,\n", i, i);
        for (int i = 0; i < 150; i++)
            fprintf(m, "X%d,S%d,x,\n", i, i);
    }
    fclose(m);
    return t;
}

/* A store with two rows in every table, loaded from good files. */
static void baseline(const char *dir)
{
    char org[300];
    snprintf(org, sizeof org, "%s/base", dir);
    assert_int_equal(mkdir(org, 0700), 0);
    tu_write(org, "actors.csv",
             "actor,unit,role,start,end\nb1,front,clerk,2024-01-01,\nb2,back,clerk,2024-01-01,\n");
    tu_write(org, "subjects.csv", "subject,surname\nB1,Visser\nB2,Smit\n");
    tu_write(org, "cases.csv", CASES_H "BC1,B1,2024-01-01,\nBC2,B2,2024-01-01,2024-06-30\n");
    tu_write(org, "case_assignments.csv", "case,assignee,from,to\nBC1,b1,,\nBC2,b2,,\n");
    tu_write(org, "incidents.csv",
             "incident,subject,ts,kind\nBI1,B1,2024-03-01,arson\n"
             "BI2,B2,2024-04-01,arson\n");
    tu_run r = tu_wachter(dir, "load", org, NULL);
    if (r.code != 0) fail_msg("baseline load: %s", r.err);
    tu_free(&r);
}

static void run_case(const csv_case *c)
{
    char *dir = tu_tmpdir(), bad[300];
    baseline(dir);
    char *before = tu_rows(dir, table_sql(c->file));
    snprintf(bad, sizeof bad, "%s/bad", dir);
    assert_int_equal(mkdir(bad, 0700), 0);
    if (c->text.p)
        write_bytes(bad, c->file, c->text.p, c->text.n);
    else {
        size_t n;
        char *t = built(c, &n);
        write_bytes(bad, c->file, t, n);
        free(t);
    }
    tu_run r = tu_wachter(dir, "load", "--replace", bad, NULL);
    char *after = tu_rows(dir, table_sql(c->file));
    if (r.code != c->code)
        fail_msg("%s: load exited %d, not %d: %s", c->id, r.code, c->code, r.err);
    if (c->code == 0) {
        if (!strstr(after, c->msg)) fail_msg("%s: no row %s in\n%s", c->id, c->msg, after);
        if (tu_count_lines(after, "|") != c->rows)
            fail_msg("%s: %d rows loaded, not %ld:\n%s", c->id, tu_count_lines(after, "|"), c->rows,
                     after);
        if (r.err[0]) fail_msg("%s: load said %s", c->id, r.err);
    } else {
        char want[1024];
        for (int k = 0; k < 2; k++) {
            const char *m = k ? c->msg2 : c->msg;
            if (!m) continue;
            snprintf(want, sizeof want, "%s/%s", bad, m);
            if (!strstr(r.err, want))
                fail_msg("%s: stderr lacks\n  %s\nit said:\n%s", c->id, want, r.err);
        }
        snprintf(want, sizeof want, "%s/%s: not loaded (", bad, c->file);
        if (!strstr(r.err, want)) fail_msg("%s: no 'not loaded' in %s", c->id, r.err);
        if (!strstr(r.out, "1 files not loaded")) fail_msg("%s: stdout %s", c->id, r.out);
        /* The table unchanged, row for row, though --replace empties it. */
        if (strcmp(before, after) != 0)
            fail_msg("%s: table changed:\nbefore\n%s\nafter\n%s", c->id, before, after);
    }
    tu_free(&r);
    free(before);
    free(after);
    tu_rmdir(dir);
}

static void test_hostile_csv(void **state)
{
    run_case(*state);
}

/* One bad file leaves the others to load: all or nothing per file. */
static void test_other_files_load(void **state)
{
    char *dir = tu_tmpdir();
    tu_write(dir, "cases.csv", CASES_H "C1,S1,,\n\"C2,S2,,\n");
    tu_write(dir, "subjects.csv", "subject,surname\nP1,Jansen\nP2,Bakker\n");
    tu_run r = tu_wachter(dir, "load", dir, NULL);
    assert_int_equal(r.code, 3);
    assert_non_null(strstr(r.out, "loaded 2 rows from 1 files; 1 files not loaded (1 bad rows)"));
    assert_int_equal(tu_count_of(dir, "SELECT count(*) FROM subjects"), 2);
    assert_int_equal(tu_count_of(dir, "SELECT count(*) FROM cases"), 0);
    tu_free(&r);
    tu_rmdir(dir);
}

/* correlate --incidents FILE: the file is read by the same rules, and a
 * bad row refuses it: exit 3, the row named, no ranking printed. */
static void test_correlate_refuses_bad_file(void **state)
{
    static const struct {
        const char *id;
        bytes text;
        const char *msg;
    } bad[] = {
        {"csv.incidents_duplicate",
         B("incident,subject,ts,kind\nI1,S1,2026-01-01,x\nI1,S1,2026-01-02,x\n"),
         "inc.csv:3: duplicate key (incident 'I1', subject 'S1'): line 2 has it already"},
        {"csv.incidents_unknown_column", B("incident,subject,ts,knd\nI1,S1,2026-01-01,x\n"),
         "inc.csv:1: unknown column 'knd' (known: incident, subject, ts, kind)"},
        {"csv.incidents_unterminated_quote",
         B("incident,subject,ts\nI1,S1,2026-01-01\n\"I2,S2,2026-01-02\n"),
         "inc.csv:3: unterminated quote"},
        {"csv.incidents_nul",
         B("incident,subject,ts\nI1,S\0"
           "1,2026-01-01\n"),
         "inc.csv:2: column 'subject' holds a NUL byte"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char *dir = tu_tmpdir(), path[600];
        write_bytes(dir, "inc.csv", bad[i].text.p, bad[i].text.n);
        snprintf(path, sizeof path, "%s/inc.csv", dir);
        tu_run made = tu_wachter(dir, "ingest", "/dev/null", NULL); /* a store to read */
        assert_int_equal(made.code, 0);
        tu_free(&made);
        tu_run r = tu_wachter(dir, "correlate", "--incidents", path, NULL);
        if (r.code != 3) fail_msg("%s: exit %d: %s", bad[i].id, r.code, r.err);
        if (!strstr(r.err, bad[i].msg)) fail_msg("%s: stderr %s", bad[i].id, r.err);
        if (!strstr(r.err, "inc.csv: not read (1 bad row)"))
            fail_msg("%s: stderr %s", bad[i].id, r.err);
        if (r.out[0]) fail_msg("%s: printed %s", bad[i].id, r.out);
        tu_free(&r);
        tu_rmdir(dir);
    }
}

int main(void)
{
    struct CMUnitTest tests[NCASES + 2];
    for (size_t i = 0; i < NCASES; i++)
        tests[i] =
            (struct CMUnitTest){cases[i].id, test_hostile_csv, NULL, NULL, (void *)&cases[i]};
    tests[NCASES] = (struct CMUnitTest)cmocka_unit_test(test_other_files_load);
    tests[NCASES + 1] = (struct CMUnitTest)cmocka_unit_test(test_correlate_refuses_bad_file);
    return _cmocka_run_group_tests("csv_load", tests, NCASES + 2, NULL, NULL);
}

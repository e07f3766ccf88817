/* CSV and syslog event input (issue 37): records through the converter
 * (input/evconv.h) as ingest reads them — the event each becomes, or the
 * reason it is quarantined with and the line it is named by — and the
 * whole `wachter ingest --input csv|syslog` as a user runs it. Cases of
 * bad input are named by their ids in docs/bad-input.md. */
#include "testutil.h"

#include "input/ev_parse.h"
#include "input/evconv.h"

/* One record's outcome. */
typedef struct rec {
    long line;
    char why[300]; /* "" when an event */
    ev_event ev;
} rec;

typedef struct run {
    int n;
    rec r[16];
    werr e; /* of evconv_new or evconv_start */
} run;

/* Converts input as `ingest --input KIND --map MAP [--timezone TZ]`. */
static run convert(enum evconv_kind kind, const char *map, const char *tz, const char *input,
                   size_t len, arena *a)
{
    run out = {0};
    evconv_opts o = {.kind = kind, .timezone = tz, .year = 2026, .now_ms = 0};
    evconv *cv = NULL;
    if (evmap_add(&o.map, map, &out.e) < 0 || evconv_new(&o, &cv, &out.e) < 0) {
        evmap_free(&o.map);
        out.n = -1;
        return out;
    }
    FILE *f = fmemopen((void *)input, len ? len : strlen(input), "rb");
    lines *l = lines_new(f, EV_MAX_LINE);
    if (evconv_start(cv, l, &out.e) < 0) {
        out.n = -1;
    } else {
        const char *raw, *why;
        size_t rawlen;
        while (out.n < 16) {
            rec *r = &out.r[out.n];
            int rc = evconv_next(cv, l, a, &r->ev, &raw, &rawlen, &r->line, &why);
            if (rc != 1) break;
            snprintf(r->why, sizeof r->why, "%s", why ? why : "");
            out.n++;
        }
    }
    lines_free(l);
    fclose(f);
    evconv_free(cv);
    return out;
}

#define MAP "ts=Tijdstip,actor=Gebruiker,subject=BSN,action=Actie,system=:brp"
#define HDR "Tijdstip;Gebruiker;BSN;Actie\n"

static void assert_why(const rec *r, long line, const char *why)
{
    if (strstr(r->why, why) == NULL || r->line != line)
        fail_msg("line %ld: '%s', wanted line %ld: '%s'", r->line, r->why, line, why);
}

/* A Dutch export: BOM, ';', CRLF, a quoted value over two lines holding
 * ';' and a doubled quote, a local time in Europe/Amsterdam, a fixed
 * system, an unmapped column kept. (evin.csv_excel) */
static void test_csv_dutch_export(void **state)
{
    arena *a = arena_new(1 << 16);
    const char *in = "\xEF\xBB\xBFTijdstip;Gebruiker;BSN;Actie;Opmerking\r\n"
                     "07-12-2026 09:14:05;jansen;012345678;Raadplegen;\"zie \"\"dossier\"\";\r\n"
                     "regel twee\"\r\n"
                     "\r\n"
                     ";;;;\r\n" /* a row Excel once used: skipped as a blank line */
                     "2026-12-07T10:00:00Z;pietersen;123;view;\r\n";
    run r = convert(EVCONV_CSV, MAP, "Europe/Amsterdam", in, 0, a);
    assert_int_equal(r.n, 2);
    assert_string_equal(r.r[0].why, "");
    assert_int_equal(r.r[0].line, 2);
    assert_int_equal(r.r[0].ev.ts, INT64_C(1796631245000)); /* 08:14:05Z: CET is +01:00 */
    assert_string_equal(r.r[0].ev.actor, "jansen");
    assert_string_equal(r.r[0].ev.subject, "012345678"); /* its leading zero kept */
    assert_string_equal(r.r[0].ev.action, "raadplegen");
    assert_string_equal(r.r[0].ev.system, "brp");
    assert_string_equal(r.r[0].ev.attrs, "{\"Opmerking\":\"zie \\\"dossier\\\";\\nregel twee\"}");
    assert_int_equal(r.r[1].line, 6);
    assert_int_equal(r.r[1].ev.ts, INT64_C(1796637600000));
    assert_string_equal(r.r[1].ev.attrs, ""); /* an empty value is left out */
    arena_free(a);
}

/* Columns by number, ',' chosen from the header, epoch ms, results. */
static void test_csv_by_number(void **state)
{
    arena *a = arena_new(1 << 16);
    run r = convert(EVCONV_CSV, "ts=#1,actor=#2,action=#3,results=#4", NULL,
                    "when,who,what,n\n1796637600000,k,export,120\n", 0, a);
    assert_int_equal(r.n, 1);
    assert_string_equal(r.r[0].why, "");
    assert_int_equal(r.r[0].ev.ts, INT64_C(1796637600000));
    assert_int_equal(r.r[0].ev.results, 120);
    arena_free(a);
}

/* Every kind of bad record, each quarantined alone with the line where it
 * starts; the records after it are read. */
static void test_csv_bad_records(void **state)
{
    arena *a = arena_new(1 << 16);
    const char *in = HDR "2026-12-07T10:00:00Z;a;1\n"          /* 2: evin.csv_field_count */
                         "2026-12-07T10:00:00Z;a;1;view;x\n"   /* 3: evin.csv_field_count */
                         "07-12-2026 25:00:00;a;1;view\n"      /* 4: evin.time_impossible */
                         ";a;1;view\n"                         /* 5: evin.missing_value */
                         "2026-12-07 10:00:00;a;1;view\n"      /* 6: evin.time_no_zone */
                         "yesterday;a;1;view\n"                /* 7: evin.time_unreadable */
                         "2026-12-07T10:00:00Z;j\xff;1;view\n" /* 8: evin.invalid_utf8 */
                         "2026-12-07T10:00:00Z;a\"b;1;view\n"  /* 9: evin.csv_stray_quote */
                         "2026-12-07T10:00:00Z;ok;1;view\n"    /* 10 */
                         "2026-12-07T10:00:00Z;a;\"1;view\n"   /* 11: evin.csv_unterminated */
                         "more\n";
    run r = convert(EVCONV_CSV, MAP, NULL, in, 0, a);
    assert_int_equal(r.n, 10);
    assert_why(&r.r[0], 2, "the row has 3 values, the header 4 columns");
    assert_why(&r.r[1], 3, "the row has 5 values, the header 4 columns");
    assert_why(&r.r[2], 4, "impossible time");
    assert_why(&r.r[3], 5, "no value for required field 'ts' (from 'Tijdstip')");
    assert_why(&r.r[4], 6, "a time without an offset, and no --timezone");
    assert_why(&r.r[5], 7, "unreadable time 'yesterday'");
    assert_why(&r.r[6], 8, "invalid UTF-8 at byte 23");
    assert_why(&r.r[7], 9, "a '\"' inside an unquoted value");
    assert_why(&r.r[8], 10, "");
    assert_string_equal(r.r[8].ev.actor, "ok");
    assert_why(&r.r[9], 11, "a quoted value is not closed by the end of the input");
    arena_free(a);
}

/* evin.nul: a NUL byte in a record; evin.line_too_long: a line over 64 KiB. */
static void test_csv_nul_and_long(void **state)
{
    arena *a = arena_new(1 << 16);
    static const char nul[] =
        HDR "2026-12-07T10:00:00Z;a\0b;1;view\n2026-12-07T10:00:00Z;c;1;view\n";
    run r = convert(EVCONV_CSV, MAP, NULL, nul, sizeof nul - 1, a);
    assert_int_equal(r.n, 2);
    assert_why(&r.r[0], 2, "NUL byte in the record");
    assert_why(&r.r[1], 3, "");
    size_t big = 70000;
    char *in = malloc(big + 200);
    int k = sprintf(in, HDR "2026-12-07T10:00:00Z;a;1;");
    memset(in + k, 'x', big);
    strcpy(in + k + big, "\n2026-12-07T10:00:00Z;c;1;view\n");
    r = convert(EVCONV_CSV, MAP, NULL, in, 0, a);
    assert_int_equal(r.n, 2);
    assert_why(&r.r[0], 2, "line longer than 65536 bytes");
    assert_why(&r.r[1], 3, "");
    free(in);
    arena_free(a);
}

/* The clocks going forward and back in Europe/Amsterdam (evin.time_gap). */
static void test_timezone_changes(void **state)
{
    arena *a = arena_new(1 << 16);
    run r = convert(EVCONV_CSV, MAP, "Europe/Amsterdam",
                    HDR "2026-03-29 02:30:00;a;1;view\n"
                        "2026-10-25 02:30:00;a;1;view\n29/03/2026 01:59:59;a;1;view\n",
                    0, a);
    assert_int_equal(r.n, 3);
    assert_why(&r.r[0], 2, "a local time that does not occur");
    /* An hour that occurs twice is the first: 02:30 CEST = 00:30Z. */
    assert_int_equal(r.r[1].ev.ts, INT64_C(1792888200000));
    assert_int_equal(r.r[2].ev.ts, INT64_C(1774745999000)); /* 00:59:59Z */
    arena_free(a);
}

/* A mapping that cannot work is refused before any record is read
 * (evin.map_unknown_field, evin.map_missing_required, evin.map_no_column,
 * evin.map_clash, evin.header_duplicate, evin.bad_timezone). */
static void test_mapping_refused(void **state)
{
    arena *a = arena_new(1 << 16);
    run r = convert(EVCONV_CSV, "ts=a,actor=b,action=c,gebruiker=d", NULL, "a,b,c\n", 0, a);
    assert_int_equal(r.n, -1);
    assert_non_null(strstr(r.e.msg, "unknown field 'gebruiker'"));
    r = convert(EVCONV_CSV, "ts=a,action=c", NULL, "a,b,c\n", 0, a);
    assert_int_equal(r.n, -1);
    assert_non_null(strstr(r.e.msg, "the mapping gives no column for 'actor'"));
    r = convert(EVCONV_CSV, "ts=a,actor=b,action=Actie", NULL, "a,b,c\n", 0, a);
    assert_int_equal(r.n, -1);
    assert_non_null(
        strstr(r.e.msg, "the header has no column 'Actie' (for action); it has: a, b, c"));
    r = convert(EVCONV_CSV, "ts=a,actor=b,action=c", NULL, "a,b,c,actor\n", 0, a);
    assert_int_equal(r.n, -1);
    assert_non_null(strstr(r.e.msg, "column 'actor' is not mapped"));
    r = convert(EVCONV_CSV, "ts=a,actor=b,action=c", NULL, "a,b,c,x,x\n", 0, a);
    assert_int_equal(r.n, -1);
    assert_non_null(strstr(r.e.msg, "names column 'x' twice"));
    r = convert(EVCONV_CSV, "ts=a,actor=b,action=c", "Mars/Olympus", "a,b,c\n", 0, a);
    assert_int_equal(r.n, -1);
    assert_non_null(strstr(r.e.msg, "'Mars/Olympus' is not a time zone"));
    r = convert(EVCONV_SYSLOG, "ts=time,actor=#2,action=msg.action", NULL, "", 0, a);
    assert_int_equal(r.n, -1);
    assert_non_null(strstr(r.e.msg, "syslog's fields have names"));
    arena_free(a);
}

#define SMAP                                                                                       \
    "ts=time,actor=sd.req@32473.user,action=msg.action,subject=sd.req@32473.bsn,"                  \
    "purpose=sd.req@32473.doel,system=app,results=msg.results"

/* RFC 5424 with structured data (its escapes) and key=value pairs; RFC
 * 3164 with --year and --timezone; a JSON message. */
static void test_syslog_lines(void **state)
{
    arena *a = arena_new(1 << 16);
    const char *in =
        "<134>1 2026-12-07T09:14:05.123+01:00 gw01 brp-gw 4242 LOOKUP [req@32473 user=\"jansen\""
        " bsn=\"012345678\" doel=\"bijstand \\\"B\\\" \\]x\\\\\"] action=view results=3\n"
        "<134>Dec  7 09:15:00 gw02 brp-gw[77]: action=search query=\"de vries\"\n"
        "<134>1 2026-12-07T09:16:05Z gw01 brp-gw - - - {\"action\":\"export\",\"n\":5}\n";
    run r = convert(EVCONV_SYSLOG, SMAP, "Europe/Amsterdam", in, 0, a);
    assert_int_equal(r.n, 3);
    assert_why(&r.r[0], 1, "");
    assert_int_equal(r.r[0].ev.ts, INT64_C(1796631245123));
    assert_string_equal(r.r[0].ev.actor, "jansen");
    assert_string_equal(r.r[0].ev.subject, "012345678");
    assert_string_equal(r.r[0].ev.purpose, "bijstand \"B\" ]x\\");
    assert_string_equal(r.r[0].ev.system, "brp-gw");
    assert_int_equal(r.r[0].ev.results, 3);
    assert_string_equal(r.r[0].ev.attrs,
                        "{\"host\":\"gw01\",\"procid\":\"4242\",\"msgid\":\"LOOKUP\"}");
    /* RFC 3164 has no actor here: quarantined with the field it lacks. */
    assert_why(&r.r[1], 2, "no value for required field 'actor' (from 'sd.req@32473.user')");
    assert_why(&r.r[2], 3, "no value for required field 'actor'");
    r = convert(EVCONV_SYSLOG, "ts=time,actor=host,action=msg.action,query=msg.query",
                "Europe/Amsterdam", in, 0, a);
    assert_int_equal(r.r[1].ev.ts, INT64_C(1796631300000)); /* 2026-12-07 08:15:00Z */
    assert_string_equal(r.r[1].ev.actor, "gw02");
    assert_string_equal(r.r[1].ev.query, "de vries");
    assert_string_equal(r.r[1].ev.attrs, "{\"app\":\"brp-gw\",\"procid\":\"77\"}");
    assert_string_equal(r.r[2].ev.action, "export");
    assert_string_equal(r.r[2].ev.attrs, "{\"app\":\"brp-gw\",\"msg.n\":\"5\"}");
    /* What syslog daemons write to files: no PRI; RFC 3164's time, or
     * rsyslog's RFC 3339 one. */
    r = convert(EVCONV_SYSLOG, "ts=time,actor=msg.user,action=msg.action", "Europe/Amsterdam",
                "Dec  7 09:15:00 gw02 brp-gw[77]: user=jansen action=view\n"
                "2026-12-07T09:16:00.250+01:00 gw02 brp-gw[77]: user=jansen action=export\n",
                0, a);
    assert_int_equal(r.n, 2);
    assert_int_equal(r.r[0].ev.ts, INT64_C(1796631300000));
    assert_int_equal(r.r[1].ev.ts, INT64_C(1796631360250));
    assert_string_equal(r.r[1].ev.action, "export");
    assert_string_equal(r.r[1].ev.attrs,
                        "{\"host\":\"gw02\",\"app\":\"brp-gw\",\"procid\":\"77\"}");
    arena_free(a);
}

/* Bad syslog lines (evin.syslog_no_pri, evin.syslog_bad_sd,
 * evin.syslog_kind, evin.time_no_zone for RFC 3164 without --timezone). */
static void test_syslog_bad(void **state)
{
    arena *a = arena_new(1 << 16);
    const char *in = "no pri here\n"
                     "<134>1 2026-12-07T09:14:05Z h a - - [x@1 k=\"v] action=view\n"
                     "<134>Dec  7 09:15:00 gw02 app: action=view\n";
    run r = convert(EVCONV_SYSLOG, "ts=time,actor=host,action=msg.action", NULL, in, 0, a);
    assert_int_equal(r.n, 3);
    assert_why(&r.r[0], 1, "not a syslog line: no <PRI>");
    assert_why(&r.r[1], 2, "malformed structured data");
    assert_why(&r.r[2], 3, "a time without an offset, and no --timezone");
    r = convert(EVCONV_SYSLOG5424, "ts=time,actor=host,action=msg.action", NULL, in, 0, a);
    assert_why(&r.r[2], 3, "not an RFC 5424 line");
    arena_free(a);
}

/* RFC 3164 has no year: without --year, this year, or the last for a
 * time more than two days ahead of now (a December line read on 2 January). */
static void test_syslog_year(void **state)
{
    arena *a = arena_new(1 << 16);
    evconv_opts o = {.kind = EVCONV_SYSLOG3164,
                     .timezone = "UTC",
                     .now_ms = INT64_C(1798848000000)}; /* 2027-01-02T12:00:00Z */
    werr e = {0};
    assert_int_equal(evmap_add(&o.map, "ts=time,actor=host,action=msg.action", &e), 0);
    evconv *cv;
    assert_int_equal(evconv_new(&o, &cv, &e), 0);
    const char *in =
        "<13>Dec 31 23:00:00 h app: action=view\n<13>Jan  2 11:00:00 h app: action=view\n"
        "<13>Jan  3 11:00:00 h app: action=view\n";
    FILE *f = fmemopen((void *)in, strlen(in), "rb");
    lines *l = lines_new(f, EV_MAX_LINE);
    assert_int_equal(evconv_start(cv, l, &e), 0);
    static const int64_t want[] = {INT64_C(1798758000000), INT64_C(1798887600000),
                                   INT64_C(1798974000000)};
    for (int i = 0; i < 3; i++) {
        ev_event ev;
        const char *raw, *why;
        size_t rawlen;
        long line;
        assert_int_equal(evconv_next(cv, l, a, &ev, &raw, &rawlen, &line, &why), 1);
        assert_null(why);
        assert_int_equal(ev.ts, want[i]);
    }
    lines_free(l);
    fclose(f);
    evconv_free(cv);
    arena_free(a);
}

/* The whole command: stored once, quarantined once, the same again. */
static void test_ingest_csv_twice(void **state)
{
    char *dir = tu_tmpdir();
    tu_write(dir, "e.csv",
             HDR "07-12-2026 09:14:05;jansen;1;view\n07-12-2026 25:00:00;x;1;view\n"
                 "07-12-2026 09:15:05;jansen;2;view\n");
    char file[600];
    snprintf(file, sizeof file, "%s/e.csv", dir);
    tu_run r = tu_wachter(dir, "ingest", "--input", "csv", "--map", MAP, "--timezone",
                          "Europe/Amsterdam", "--format", "jsonl", file, NULL);
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "\"read\":3,\"stored\":2,\"duplicates\":0,\"quarantined\":1"));
    assert_non_null(strstr(r.err, "e.csv:3: quarantined: impossible time"));
    free(r.out), free(r.err);
    r = tu_wachter(dir, "ingest", "--input", "csv", "--map", MAP, "--timezone", "Europe/Amsterdam",
                   "--format", "jsonl", file, NULL);
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "\"stored\":0,\"duplicates\":2"));
    assert_null(strstr(r.err, "quarantined:")); /* not told twice */
    free(r.out), free(r.err);
    r = tu_wachter(dir, "quarantine", "--format", "jsonl", NULL);
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "07-12-2026 25:00:00;x;1;view"));
    free(r.out), free(r.err);
    /* A mapping file, with a comment; an unknown field in it exits 1,
     * on the command line 2; nothing is ingested. */
    tu_write(dir, "brp.map",
             "# the BRP gateway's export\nts = Tijdstip\nactor = Gebruiker\naction = Actie\n");
    char mapf[600];
    snprintf(mapf, sizeof mapf, "%s/brp.map", dir);
    r = tu_wachter(dir, "ingest", "--input", "csv", "--map-file", mapf, "--timezone",
                   "Europe/Amsterdam", "--format", "jsonl", file, NULL);
    assert_int_equal(r.code, 0);
    free(r.out), free(r.err);
    tu_write(dir, "bad.map", "ts = Tijdstip\nwho = Gebruiker\n");
    snprintf(mapf, sizeof mapf, "%s/bad.map", dir);
    r = tu_wachter(dir, "ingest", "--input", "csv", "--map-file", mapf, file, NULL);
    assert_int_equal(r.code, 1);
    assert_non_null(strstr(r.err, "bad.map:2: unknown field 'who'"));
    free(r.out), free(r.err);
    r = tu_wachter(dir, "ingest", "--input", "csv", "--map", "ts=Tijdstip,action=Actie", file,
                   NULL);
    assert_int_equal(r.code, 2);
    assert_non_null(strstr(r.err, "no column for 'actor'"));
    free(r.out), free(r.err);
    r = tu_wachter(dir, "ingest", "--input", "csv", "--map", "ts=Tijdstip,actor=Wie,action=Actie",
                   file, NULL);
    assert_int_equal(r.code, 1);
    assert_non_null(strstr(r.err, "the header has no column 'Wie'"));
    free(r.out), free(r.err);
    /* Another separator, given. */
    tu_write(dir, "p.csv", "when|who|what\n2026-12-07T10:00:00Z|k|view\n");
    snprintf(file, sizeof file, "%s/p.csv", dir);
    r = tu_wachter(dir, "ingest", "--input", "csv", "--delimiter", "|", "--map",
                   "ts=when,actor=who,action=what", "--format", "jsonl", file, NULL);
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "\"read\":1,\"stored\":1"));
    free(r.out), free(r.err);
    r = tu_wachter(dir, "ingest", "--input", "syslog", "--delimiter", "|", "--map",
                   "ts=time,actor=host,action=msg.a", file, NULL);
    assert_int_equal(r.code, 2);
    free(r.out), free(r.err);
    r = tu_wachter(dir, "ingest", "--map", MAP, file, NULL);
    assert_int_equal(r.code, 2);
    assert_non_null(strstr(r.err, "are for --input csv or syslog"));
    free(r.out), free(r.err);
    tu_rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv_dutch_export), cmocka_unit_test(test_csv_by_number),
        cmocka_unit_test(test_csv_bad_records),  cmocka_unit_test(test_csv_nul_and_long),
        cmocka_unit_test(test_timezone_changes), cmocka_unit_test(test_mapping_refused),
        cmocka_unit_test(test_syslog_lines),     cmocka_unit_test(test_syslog_bad),
        cmocka_unit_test(test_syslog_year),      cmocka_unit_test(test_ingest_csv_twice),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

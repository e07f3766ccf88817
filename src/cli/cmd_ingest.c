/* wachter ingest [--detect-only] [--batch N] [--commit-after S] [--threads N]
 *                [--input KIND --map SPEC ...] [FILE|-]
 * wachter ingest --from nats://HOST:PORT[,...] --stream NAME [--durable NAME]
 *                [--partitions I/N ...] [--until-idle S] (cmd_ingest_nats.c) */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli_report.h"
#include "cli/commands.h"
#include "emit/emit_ingest.h"
#include "cli/cli_auth.h"
#include "cli/cli_evsrc.h"
#include "cli/cli_stream.h"
#include "ops/ops_ingest.h"

/* Events a commit holds unless --batch says. A file's events are all
 * there: every commit also saves detection state, tallies and runs for
 * each actor and subject it touched, and makes SQLite write and sync
 * pages again, so fewer and larger commits are faster and take less
 * memory at their peak (bench/ANALYSIS.md, item 35).
 * From standard input or a pipe, events arrive over time and a commit is
 * when they become visible and their alerts are written: sooner. */
enum { BATCH_FILE = 1000000, BATCH_STREAM = 100000 };
/* The most --batch takes: a file's events in one commit, however many. */
#define BATCH_MAX 1000000000

/* Seconds after which a stream's batch commits unless --commit-after says:
 * a line that arrives alone is stored, findable and its alerts written
 * about a second later, not once 100,000 more have come. */
#define COMMIT_AFTER_STREAM 1.0
/* How often a stream's ingest runs the whole-population analyses
 * (convergence), which a file's ingest runs once at its end: a stream may
 * never end. */
#define ANALYSE_EVERY_STREAM 60.0

static int is_file(FILE *in)
{
    struct stat st;
    return fstat(fileno(in), &st) == 0 && S_ISREG(st.st_mode);
}

int cmd_ingest(cli *c, int argc, char **argv)
{
    const char *path = NULL, *v;
    long long n;
    ingest_opts o = {.store_events = 1,
                     .batch = 0,
                     .on_bad = cli_quarantined,
                     .on_bad_ctx = c->err,
                     .commit_after = -1};
    cli_evsrc src = {0};
    cli_stream so = {0};
    evconv *conv = NULL;
    int code;
    for (int i = 1; i < argc; i++) {
        int rc;
        if ((rc = cli_evsrc_opt(c, &src, argc, argv, &i, &code)) != 0) {
            if (rc < 0) {
                cli_evsrc_free(&src);
                return code;
            }
        } else if ((rc = cli_stream_opt(c, "ingest", &so, argc, argv, &i)) != 0) {
            if (rc < 0) goto usage;
        } else if (strcmp(argv[i], "--detect-only") == 0)
            o.store_events = 0;
        else if ((rc = cli_count_opt(c, argc, argv, &i, "ingest", "--batch", 1, BATCH_MAX, &n)) !=
                 0) {
            if (rc < 0) goto usage;
            o.batch = (long)n;
        } else if ((rc = cli_opt(c, argc, argv, &i, "--commit-after", &v)) != 0) {
            char *end;
            if (rc < 0) goto usage;
            o.commit_after = strtod(v, &end);
            if (end == v || *end || !(o.commit_after >= 0 && o.commit_after <= 86400)) {
                cli_say(c->err,
                        "wachter ingest: --commit-after takes seconds (0 to 86400), not '%s'\n", v);
                goto usage;
            }
        } else if ((rc = cli_count_opt(c, argc, argv, &i, "ingest", "--threads", 1, 2, &n)) != 0) {
            if (rc < 0) goto usage;
            o.threads = (int)n;
        } else if ((rc = cli_format_opt(c, argc, argv, &i)) != 0) {
            if (rc < 0) goto usage;
        } else if (!path && (argv[i][0] != '-' || strcmp(argv[i], "-") == 0))
            path = argv[i];
        else {
            cli_evsrc_free(&src);
            return cli_usage(c, "ingest", argv[i]);
        }
    }
    if (so.from || so.stream || so.durable || so.share.n || so.until_idle > 0 || so.prefix) {
        if (path || !o.store_events || src.input || src.any) {
            cli_evsrc_free(&src);
            cli_say(c->err, "wachter ingest: --from takes JSON Lines from the stream: no FILE,"
                            " --input or --detect-only with it\n");
            return CLI_EXIT_USAGE;
        }
        cli_evsrc_free(&src);
        return cmd_ingest_nats(c, &so, &o);
    }
    if (cli_evsrc_make(c, &src, &conv, &code) < 0) return code;
    o.conv = conv;
    o.kind = !conv ? "json" : src.o.kind == EVCONV_CSV ? "csv" : "syslog";
    FILE *in = stdin;
    o.source = "stdin";
    if (path && strcmp(path, "-") != 0) {
        if (!(in = fopen(path, "rb"))) {
            cli_say(c->err, "wachter ingest: %s: cannot open\n", path);
            evconv_free(conv);
            return CLI_EXIT_FAIL;
        }
        o.source = path;
    }
    int file = is_file(in);
    if (!o.batch) o.batch = file ? BATCH_FILE : BATCH_STREAM;
    if (o.commit_after < 0) o.commit_after = file ? 0 : COMMIT_AFTER_STREAM;
    o.analyse_every = file ? 0 : ANALYSE_EVERY_STREAM;
    o.bulk = file;
    store *s = NULL;
    code = CLI_EXIT_FAIL;
    if (cli_open_store(c, STORE_CREATE, &s) < 0) goto done;
    cli_note_to to;
    ops_notes notes = cli_notes(c, "ingest", &to);
    ingest_stats st;
    werr e = {0};
    if (ops_ingest(s, in, &o, &notes, &st, &e) < 0) {
        code = cli_fail(c, "ingest", &e);
        goto done;
    }
    code = cli_ingest_done(c, s, "ingest", "ingest done", o.source ? o.source : "-", &st,
                           !o.store_events);
done:
    store_close(s);
    if (in != stdin) fclose(in);
    evconv_free(conv);
    return code;
usage:
    cli_evsrc_free(&src);
    return CLI_EXIT_USAGE;
}

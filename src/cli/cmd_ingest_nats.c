/* wachter ingest --from nats://HOST:PORT[,...] --stream NAME [--subject P]
 *                [--durable NAME] [--partitions I/N ...] [--until-idle S]
 *                [--batch N] [--commit-after S]
 * A worker on a NATS JetStream stream (ops/ops_stream.h) until SIGINT or
 * SIGTERM (it commits, acknowledges and exits 0) or, with --until-idle,
 * until no message came for that long. */
#include <signal.h>
#include <stdio.h>
#include <time.h>

#include "cli/cli_auth.h"
#include "cli/cli_report.h"
#include "cli/cli_stream.h"
#include "cli/commands.h"
#include "emit/emit_ingest.h"
#include "ops/ops_stream.h"
#include "util/buf.h"

/* Events a commit holds at most, and seconds after a batch's first event
 * it commits, unless --batch and --commit-after say (as from a pipe). */
#define STREAM_BATCH 100000
#define STREAM_COMMIT_AFTER 1.0

/* Whether SIGINT or SIGTERM came (they are blocked: taken here). */
static int stop_asked(void *ctx)
{
    const sigset_t *set = ctx;
    struct timespec zero = {0, 0};
    return sigtimedwait(set, NULL, &zero) > 0;
}

int cmd_ingest_nats(cli *c, cli_stream *so, const ingest_opts *io)
{
    if (cli_stream_check(c, "ingest", so) < 0) return CLI_EXIT_USAGE;
    /* Blocked before the client's threads start, so that they inherit it
     * and the signals wait for stop_asked. */
    sigset_t stop;
    cli_block_stop_signals(&stop, NULL);
    ops_stream_opts o = {.servers = &so->servers,
                         .stream = so->stream,
                         .prefix = so->prefix,
                         .durable = so->durable,
                         .share = &so->share,
                         .batch = io->batch ? io->batch : STREAM_BATCH,
                         .commit_after =
                             io->commit_after >= 0 ? io->commit_after : STREAM_COMMIT_AFTER,
                         .until_idle = so->until_idle,
                         .stop = stop_asked,
                         .stop_ctx = &stop,
                         .on_bad = cli_quarantined,
                         .on_bad_ctx = c->err,
                         .threads = io->threads};
    store *s = NULL;
    int code = CLI_EXIT_FAIL;
    if (cli_open_store(c, STORE_CREATE, &s) < 0) return CLI_EXIT_FAIL;
    cli_note_to to;
    ops_notes notes = cli_notes(c, "ingest", &to);
    ingest_stats st;
    werr e = {0};
    if (ops_ingest_stream(s, &o, &notes, &st, &e) < 0) {
        code = cli_fail(c, "ingest", &e);
        goto done;
    }
    char source[128];
    snprintf(source, sizeof source, "%s%s", OPS_STREAM_SOURCE_PREFIX, so->stream);
    code = cli_ingest_done(c, s, "ingest", "ingest done", source, &st, 0);
done:
    store_close(s);
    return code;
}

/* cli_report — where the CLI tells what an operation reports beside its
 * result: bad reference rows, quarantined event lines and notes, each on
 * the command's error stream in the form scripts have relied on. */
#ifndef WACHTER_CLI_REPORT_H
#define WACHTER_CLI_REPORT_H
#include "cli/cli.h"
#include "input/refload.h"
#include "ops/ops.h"
#include "pipeline/ingest.h"
#include "store/store.h"

/* A load's bad files, headers and rows on c->err: "file:line: reason", or
 * the reason alone when it names its place itself. */
refload_report cli_refload_report(const cli *c);

/* An ingest's quarantined line on the stream err (a FILE *):
 * "source:line: quarantined: why" (ingest_bad_fn). */
void cli_quarantined(const char *source, long lineno, const char *why, void *err);

/* Where a command's notes go: kept by the caller while notes may come. */
typedef struct cli_note_to {
    FILE *err;
    const char *cmd;
} cli_note_to;

/* Notes for command cmd on c->err as "wachter CMD: note"; to is their
 * storage (filled here). */
ops_notes cli_notes(const cli *c, const char *cmd, cli_note_to *to);

/* The end of an ingest of any kind (a file, the receiver, a stream) as
 * command cmd: its counts into the audit trail as action ("ingest done")
 * with source, then its summary on standard output (detect_only: nothing
 * stored). CLI_EXIT_OK, or CLI_EXIT_FAIL reported. */
int cli_ingest_done(cli *c, store *s, const char *cmd, const char *action, const char *source,
                    const ingest_stats *st, int detect_only);
#endif

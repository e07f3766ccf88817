/* cli_stream — the options of `publish` and `ingest --from` that name a
 * NATS JetStream stream: servers, stream, subject prefix, partitions. */
#ifndef WACHTER_CLI_STREAM_H
#define WACHTER_CLI_STREAM_H
#include "cli/cli.h"
#include "stream/stream_part.h"

typedef struct cli_stream {
    const char *from;    /* --to (publish) or --from (ingest): the server list */
    const char *stream;  /* --stream */
    const char *prefix;  /* --subject (default: the stream's name) */
    const char *durable; /* --durable (ingest; default "wachter") */
    long partitions;     /* --partitions N (publish; default 16) */
    long replicas;       /* --replicas N (publish; 0: 3 in a cluster of three, else 1) */
    double until_idle;   /* --until-idle S (ingest) */
    stream_servers servers;
    stream_share share; /* --partitions I/N ... (ingest) */
} cli_stream;

/* Takes one of the stream options at argv[*i] for command cmd (publish:
 * --to, --partitions N, --replicas N; ingest: --from, --durable,
 * --partitions I/N, --until-idle S; both: --stream, --subject). 1 matched,
 * 0 not, -1 a bad value (reported). */
int cli_stream_opt(const cli *c, const char *cmd, cli_stream *o, int argc, char **argv, int *i);
/* Checks what was given (servers parsed, names valid, --stream given):
 * 0, or -1 (reported: a usage error). */
int cli_stream_check(const cli *c, const char *cmd, cli_stream *o);
#endif

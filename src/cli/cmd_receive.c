/* wachter receive: the Logboek Dataverwerkingen receiver (OTLP/HTTP,
 * src/serve/receive.h) until SIGINT or SIGTERM, the store's writer
 * meanwhile. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "cli/cli_auth.h"
#include "cli/cli_report.h"
#include "cli/commands.h"
#include "emit/emit_ingest.h"
#include "normalise/ts.h"
#include "ops/ops_receive.h"
#include "serve/receive.h"

/* OTLP/HTTP's port. */
#define RECV_PORT 4318
/* How long a record waits for its other half unless --wait says (s). */
#define RECV_WAIT 300

/* The token in path (its first line, without trailing blanks) into out.
 * 0, or -1 reported. */
static int read_token(const cli *c, const char *path, char *out, size_t n)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        cli_say(c->err, "wachter receive: cannot read the token file %s: %s\n", path,
                strerror(errno));
        return -1;
    }
    if (!fgets(out, (int)n, f)) out[0] = 0;
    fclose(f);
    size_t len = strlen(out);
    while (len && (out[len - 1] == '\n' || out[len - 1] == '\r' || out[len - 1] == ' ' ||
                   out[len - 1] == '\t'))
        out[--len] = 0;
    if (len < 16) {
        cli_say(c->err,
                "wachter receive: the token in %s is shorter than 16 characters (make one with"
                " `head -c 24 /dev/urandom | base64`)\n",
                path);
        return -1;
    }
    return 0;
}

static void log_line(const char *line, void *ctx)
{
    FILE *err = ctx;
    fprintf(err, "wachter receive: %s\n", line);
    fflush(err);
}

static void note_line(const char *note, void *ctx)
{
    log_line(note, ctx);
}

int cmd_receive(cli *c, int argc, char **argv)
{
    recv_config cfg = {.port = RECV_PORT};
    char addr[64] = "127.0.0.1", token[512];
    const char *listen = NULL, *token_file = NULL;
    long long wait = RECV_WAIT;
    for (int i = 1; i < argc; i++) {
        int rc = cli_opt(c, argc, argv, &i, "--listen", &listen);
        if (rc == 0) rc = cli_opt(c, argc, argv, &i, "--token-file", &token_file);
        if (rc == 0) rc = cli_opt(c, argc, argv, &i, "--tls-cert", &cfg.tls_cert);
        if (rc == 0) rc = cli_opt(c, argc, argv, &i, "--tls-key", &cfg.tls_key);
        if (rc == 0) rc = cli_count_opt(c, argc, argv, &i, "receive", "--wait", 1, 604800, &wait);
        if (rc == 0) rc = cli_format_opt(c, argc, argv, &i);
        if (rc < 0) return CLI_EXIT_USAGE;
        if (rc == 0) return cli_usage(c, "receive", argv[i]);
    }
    if (listen &&
        cli_listen_value(c, "receive", RECV_PORT, listen, addr, sizeof addr, &cfg.port) < 0)
        return CLI_EXIT_USAGE;
    if (!cfg.tls_cert != !cfg.tls_key) {
        fprintf(c->err, "wachter receive: TLS needs both --tls-cert FILE and --tls-key FILE\n");
        return CLI_EXIT_USAGE;
    }
    if (!recv_loopback(addr) && (!token_file || !cfg.tls_cert)) {
        cli_say(c->err,
                "wachter receive: listening on %s, beyond this machine, needs --token-file F"
                " (the senders' bearer token) and --tls-cert F --tls-key F: processing records"
                " name citizens\n",
                addr);
        return CLI_EXIT_USAGE;
    }
    if (token_file && read_token(c, token_file, token, sizeof token) < 0) return CLI_EXIT_USAGE;
    cfg.addr = addr;
    cfg.token = token_file ? token : NULL;
    cfg.log = log_line;
    cfg.log_ctx = c->err;

    store *s = NULL;
    if (cli_open_store(c, STORE_CREATE, &s) < 0) return CLI_EXIT_FAIL;
    sigset_t stop;
    cli_block_stop_signals(&stop, NULL);
    ops_notes notes = {note_line, c->err};
    ops_receiver *r = NULL;
    recv_server *sv = NULL;
    unsigned port = 0;
    werr e = {0};
    int code = CLI_EXIT_FAIL;
    if (ops_receive_open(s, (int64_t)wait * 1000, ts_now_ms(), &notes, &r, &e) < 0 ||
        recv_start(&cfg, r, &sv, &port, &e) < 0) {
        code = cli_fail(c, "receive", &e);
        ops_receive_abort(r);
        goto done;
    }
    int v6 = strchr(addr, ':') != NULL;
    cli_say(c->out, "wachter receive: listening on %s://%s%s%s:%u/v1/traces (store %s)\n",
            cfg.tls_cert ? "https" : "http", v6 ? "[" : "", addr, v6 ? "]" : "", port, c->db);
    fflush(c->out);
    int sig = 0;
    struct timespec tick = {1, 0};
    while ((sig = sigtimedwait(&stop, NULL, &tick)) < 0 && !recv_failed(sv))
        continue;
    if (recv_stop(sv, &e) < 0) {
        /* The round that failed was answered 503: none of it is kept. */
        ops_receive_abort(r);
        code = cli_fail(c, "receive", &e);
        goto done;
    }
    ingest_stats st;
    if (ops_receive_close(r, &st, &e) < 0) {
        code = cli_fail(c, "receive", &e);
        goto done;
    }
    fprintf(c->err, "wachter receive: stopped (%s)\n",
            sig == SIGINT    ? "SIGINT"
            : sig == SIGTERM ? "SIGTERM"
                             : "store failure");
    code = cli_ingest_done(c, s, "receive", "receive done", "otlp", &st, 0);
done:
    store_close(s);
    return code;
}

/* wachter serve: the workbench (src/serve/serve.h) until SIGINT or
 * SIGTERM. */
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "serve/serve.h"

#define CHART_JS "/usr/share/javascript/chart.js/chart.min.js"

/* The web UI's directory when none is given: web/ beside the directory
 * of the binary (build/wachter: the checkout's web/), else ./web. */
static void default_web(char *out, size_t n)
{
    char exe[PATH_MAX];
    ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    struct stat st;
    if (len > 0) {
        exe[len] = 0;
        char *slash = strrchr(exe, '/');
        if (slash) *slash = 0;
        if (snprintf(out, n, "%s/../web", exe) < (int)n && stat(out, &st) == 0 &&
            S_ISDIR(st.st_mode))
            return;
    }
    snprintf(out, n, "web");
}

static void log_line(const char *line, void *ctx)
{
    fprintf(ctx, "wachter serve: %s\n", line);
}

int cmd_serve(cli *c, int argc, char **argv)
{
    /* A thread per processor (two at least): more threads than
     * processors only lengthen the slowest answers (bench/README.md). */
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    serve_config cfg = {.db = c->db,
                        .threads = ncpu > 2 ? (unsigned)ncpu : 2,
                        .max_conns = 64,
                        .chart_js = CHART_JS};
    char addr[64] = "127.0.0.1", web[PATH_MAX], key[PATH_MAX];
    cfg.port = 8080;
    const char *listen = NULL;
    for (int i = 1; i < argc; i++) {
        int rc = cli_opt(c, argc, argv, &i, "--listen", &listen);
        if (rc == 0) rc = cli_opt(c, argc, argv, &i, "--tls-cert", &cfg.tls_cert);
        if (rc == 0) rc = cli_opt(c, argc, argv, &i, "--tls-key", &cfg.tls_key);
        if (rc == 0) rc = cli_opt(c, argc, argv, &i, "--web", &cfg.web);
        if (rc == 0)
            rc = cli_opt(c, argc, argv, &i, "--metrics-token-file", &cfg.metrics_token_file);
        if (rc < 0) return CLI_EXIT_USAGE;
        if (rc == 0) return cli_usage(c, "serve", argv[i]);
    }
    if (listen && cli_listen_value(c, "serve", 8080, listen, addr, sizeof addr, &cfg.port) < 0)
        return CLI_EXIT_USAGE;
    if (!cfg.tls_cert != !cfg.tls_key) {
        fprintf(c->err, "wachter serve: TLS needs both --tls-cert FILE and --tls-key FILE\n");
        return CLI_EXIT_USAGE;
    }
    cfg.addr = addr;
    if (!cfg.web) {
        default_web(web, sizeof web);
        cfg.web = web;
    }
    if (c->key)
        snprintf(key, sizeof key, "%s", c->key);
    else if (snprintf(key, sizeof key, "%s.key", c->db) >= (int)sizeof key) {
        cli_say(c->err, "wachter serve: the store's path is too long: %s\n", c->db);
        return CLI_EXIT_FAIL;
    }
    cfg.key = key;
    /* There must be a store (each thread opens its own). */
    store *s = NULL;
    if (cli_open_store(c, STORE_EXISTING, &s) < 0) return CLI_EXIT_FAIL;
    store_close(s);
    /* The signals that stop the server are waited for here, not
     * delivered to its threads (which inherit this mask). */
    sigset_t stop;
    cli_block_stop_signals(&stop, NULL);
    cfg.log = log_line;
    cfg.log_ctx = c->err;
    serve *sv = NULL;
    unsigned port = 0;
    werr e = {0};
    if (serve_start(&cfg, &sv, &port, &e) < 0) return cli_fail(c, "serve", &e);
    int v6 = strchr(addr, ':') != NULL;
    cli_say(c->out, "wachter serve: listening on %s://%s%s%s:%u/ (store %s)\n",
            cfg.tls_cert ? "https" : "http", v6 ? "[" : "", addr, v6 ? "]" : "", port, c->db);
    fflush(c->out);
    int sig = 0;
    sigwait(&stop, &sig);
    serve_stop(sv);
    fprintf(c->err, "wachter serve: stopped (%s)\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
    return CLI_EXIT_OK;
}

/* serve — `wachter serve`: the analyst's workbench over HTTP(S) with
 * libmicrohttpd. A JSON API under /api/v1/ (the routes of serve_api.h's
 * tables and the session routes of serve_session.h), the web UI's files
 * at /. Each of its threads has its own connection to the store and its
 * own pseudonym maps; sessions live in memory (docs/serve.md). */
#ifndef WACHTER_SERVE_H
#define WACHTER_SERVE_H
#include "util/werr.h"

/* One line of the server's log (no identifying data: method, route
 * pattern, status, milliseconds), for the front end to write. */
typedef void (*serve_log_fn)(const char *line, void *ctx);

typedef struct serve_config {
    const char *db;       /* the store's path */
    const char *key;      /* the pseudonym key's file (priv/pkey.h) */
    const char *addr;     /* the address to listen on: "127.0.0.1", "::1" */
    unsigned port;        /* 0: one the kernel chooses (serve_start says which) */
    const char *tls_cert; /* PEM files, both or neither: HTTPS */
    const char *tls_key;
    const char *web;      /* the web UI's directory */
    const char *chart_js; /* the file served as /static/chart.js */
    unsigned threads;     /* worker threads */
    unsigned max_conns;   /* connections at once, at most */
    /* A file holding the token a Prometheus scraper sends as
     * "Authorization: Bearer TOKEN" for /metrics; NULL: /metrics answers
     * loopback clients only. */
    const char *metrics_token_file;
    serve_log_fn log; /* may be NULL */
    void *log_ctx;
} serve_config;

typedef struct serve serve;

/* Starts serving as cfg says (borrowed until serve_stop). *port receives
 * the port listened on. WERR_INPUT for a bad address or a certificate or
 * key that cannot be read; WERR_UNAVAILABLE when the port cannot be
 * had. 0 with *out (owned: serve_stop it), or -1 with e. */
int serve_start(const serve_config *cfg, serve **out, unsigned *port, werr *e);
/* Stops: waits for the requests under way, closes every connection to
 * the store, forgets the sessions. */
void serve_stop(serve *s);
#endif

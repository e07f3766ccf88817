/* receive — `wachter receive`'s listener: OTLP/HTTP (POST /v1/traces,
 * OTLP/JSON) and the audit records (POST /v1/audit, JSON Lines) over
 * libmicrohttpd (serve_mhd.h, opened with dlopen), a thread per
 * connection. One writer thread owns the receiver (ops/ops_receive.h):
 * it takes every request waiting, feeds them, commits them together, and
 * only then are their answers sent: a 200 means stored. Records that
 * waited too long are quarantined about once a second. */
#ifndef WACHTER_RECEIVE_H
#define WACHTER_RECEIVE_H
#include <stddef.h>

#include "ops/ops_receive.h"
#include "serve/serve.h"
#include "util/werr.h"

/* Bodies larger than this are refused (413) unless the config says. */
#define RECV_BODY_MAX ((size_t)4 << 20)

typedef struct recv_config {
    const char *addr;     /* numeric IPv4 or IPv6 address */
    unsigned port;        /* 0: any free one */
    const char *token;    /* the bearer token asked for; NULL: none */
    const char *tls_cert; /* PEM files, both or neither */
    const char *tls_key;
    size_t body_max;    /* 0: RECV_BODY_MAX */
    unsigned max_conns; /* 0: 64 */
    serve_log_fn log;   /* one line per request; may be NULL */
    void *log_ctx;
} recv_config;

typedef struct recv_server recv_server;

/* 1 when addr (numeric) is a loopback address. */
int recv_loopback(const char *addr);
/* Starts listening, feeding r (borrowed until recv_stop; only the writer
 * thread touches it meanwhile). 0 with *out and the port bound, or -1
 * with e. */
int recv_start(const recv_config *cfg, ops_receiver *r, recv_server **out, unsigned *port, werr *e);
/* 1 once the writer failed (a store error): every later request gets 503;
 * the caller should stop. */
int recv_failed(recv_server *sv);
/* Stops accepting, answers the requests under way, commits them, ends
 * the writer and frees sv. 0, or -1 with e when a commit failed. */
int recv_stop(recv_server *sv, werr *e);
#endif

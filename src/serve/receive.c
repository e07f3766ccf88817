#include "serve/receive.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>

#include "emit/emit_receive.h"
#include "normalise/ts.h"
#include "serve/serve_listen.h"
#include "serve/serve_mhd.h"
#include "util/buf.h"

/* A body up to this many times the limit is read and dropped before the
 * 413; a larger one is refused at once. */
#define RECV_DROP_FACTOR 4
/* How often the writer looks for records that waited too long (ms). */
#define EXPIRE_EVERY_MS 1000

enum route { R_NONE, R_TRACES, R_AUDIT };

/* One request, from its first call to its answer. */
typedef struct job {
    enum route route;
    buf body;
    int too_big, started;
    size_t seen;
    int64_t t0;
    /* Set by the writer: */
    int status, done;
    buf out;
    ops_received res;
    struct job *next;
} job;

struct recv_server {
    recv_config cfg;
    serve_mhd mhd;
    struct MHD_Daemon *d;
    ops_receiver *r;
    char *cert_pem, *key_pem;
    pthread_t writer;
    int writer_started;
    pthread_mutex_t mu;
    pthread_cond_t wake, done;
    job *queue, **tail;
    int stopping, failed;
    werr err; /* the writer's failure */
};

int recv_loopback(const char *addr)
{
    struct in_addr a4;
    struct in6_addr a6;
    if (inet_pton(AF_INET, addr, &a4) == 1) return (ntohl(a4.s_addr) >> 24) == 127;
    if (inet_pton(AF_INET6, addr, &a6) == 1) return IN6_IS_ADDR_LOOPBACK(&a6);
    return 0;
}

/* The writer's answer to one job, rendered. */
static void answer_error(job *j, int status, const char *msg)
{
    j->status = status;
    buf_reset(&j->out);
    emit_receive_error(&j->out, status, msg);
}

/* Runs one job through the receiver. 0, or -1 on a store failure (e). */
static int run_job(recv_server *sv, job *j, int64_t now, werr *e)
{
    werr_clear(e);
    int rc = j->route == R_TRACES ? ops_receive_traces(sv->r, j->body.data ? j->body.data : "",
                                                       j->body.len, now, &j->res, e)
                                  : ops_receive_audit(sv->r, j->body.data ? j->body.data : "",
                                                      j->body.len, now, &j->res, e);
    if (rc < 0 && e->code != WERR_INPUT) return -1;
    if (rc < 0) {
        answer_error(j, 400, e->msg);
        return 0;
    }
    j->status = 200;
    buf_reset(&j->out);
    if ((j->route == R_TRACES ? emit_receive_traces(&j->out, &j->res)
                              : emit_receive_audit(&j->out, &j->res)) < 0)
        return werr_set(e, WERR_INTERNAL, "out of memory");
    return 0;
}

/* Feeds a round of jobs (and the expiry when due) and commits them. A
 * failure fails the round and every later one. */
static void run_round(recv_server *sv, job *list, int64_t *expired_at)
{
    werr e = {0};
    int64_t now = ts_now_ms();
    int any = list != NULL, bad = sv->failed;
    for (job *j = list; j && !bad; j = j->next)
        if (run_job(sv, j, now, &e) < 0) bad = 1;
    if (!bad && now - *expired_at >= EXPIRE_EVERY_MS) {
        *expired_at = now;
        long n = ops_receive_expire(sv->r, now, &e);
        if (n < 0) bad = 1;
        if (n > 0) any = 1;
    }
    if (!bad && any && ops_receive_commit(sv->r, &e) < 0) bad = 1;
    if (bad && !sv->failed) {
        sv->err = e;
        if (sv->cfg.log) {
            char line[640];
            snprintf(line, sizeof line, "the store failed, refusing from now on: %s", e.msg);
            sv->cfg.log(line, sv->cfg.log_ctx);
        }
    }
    for (job *j = list; j; j = j->next)
        if (bad) answer_error(j, 503, "not stored: the receiver's store failed; send again later");
    pthread_mutex_lock(&sv->mu);
    if (bad) sv->failed = 1;
    for (job *j = list; j; j = j->next)
        j->done = 1;
    pthread_cond_broadcast(&sv->done);
    pthread_mutex_unlock(&sv->mu);
}

static void *writer_main(void *p)
{
    recv_server *sv = p;
    int64_t expired_at = 0;
    pthread_mutex_lock(&sv->mu);
    for (;;) {
        if (!sv->queue && !sv->stopping) {
            struct timespec until;
            clock_gettime(CLOCK_REALTIME, &until);
            until.tv_nsec += 100 * 1000000L;
            if (until.tv_nsec >= 1000000000L) {
                until.tv_sec++;
                until.tv_nsec -= 1000000000L;
            }
            pthread_cond_timedwait(&sv->wake, &sv->mu, &until);
        }
        job *list = sv->queue;
        sv->queue = NULL;
        sv->tail = &sv->queue;
        int stop = sv->stopping;
        pthread_mutex_unlock(&sv->mu);
        run_round(sv, list, &expired_at);
        pthread_mutex_lock(&sv->mu);
        if (stop && !sv->queue) break;
    }
    pthread_mutex_unlock(&sv->mu);
    return NULL;
}

/* Hands j to the writer and waits for its answer. */
static void submit(recv_server *sv, job *j)
{
    pthread_mutex_lock(&sv->mu);
    j->next = NULL;
    *sv->tail = j;
    sv->tail = &j->next;
    pthread_cond_signal(&sv->wake);
    while (!j->done)
        pthread_cond_wait(&sv->done, &sv->mu);
    pthread_mutex_unlock(&sv->mu);
}

static void log_request(recv_server *sv, const char *method, const char *url, const job *j)
{
    if (!sv->cfg.log) return;
    char line[512];
    const char *path = !j || j->route == R_NONE ? "-"
                       : j->route == R_TRACES   ? "/v1/traces"
                                                : "/v1/audit";
    if (!j || !j->done)
        snprintf(line, sizeof line, "%.16s %s %d", method, path, j ? j->status : 0);
    else
        snprintf(line, sizeof line,
                 "%.16s %s %d records=%ld rejected=%ld events=%ld waiting=%ld duplicates=%ld"
                 " %lldms",
                 method, path, j->status, j->res.records, j->res.rejected, j->res.events,
                 j->res.waiting, j->res.duplicates, (long long)(ts_mono_ms() - j->t0));
    (void)url; /* the log names the route, never the path asked for */
    sv->cfg.log(line, sv->cfg.log_ctx);
}

static enum MHD_Result reply(recv_server *sv, struct MHD_Connection *conn, job *j)
{
    struct MHD_Response *resp = sv->mhd.create_response_from_buffer(
        j->out.len, j->out.data ? j->out.data : (void *)"", MHD_RESPMEM_MUST_COPY);
    if (!resp) return MHD_NO;
    sv->mhd.add_response_header(resp, "Content-Type", "application/json");
    sv->mhd.add_response_header(resp, "Cache-Control", "no-store");
    if (j->status == 401) sv->mhd.add_response_header(resp, "WWW-Authenticate", "Bearer");
    enum MHD_Result r = sv->mhd.queue_response(conn, (unsigned)j->status, resp);
    sv->mhd.destroy_response(resp);
    return r;
}

/* Answers j at once with an error (nothing stored). */
static enum MHD_Result refuse(recv_server *sv, struct MHD_Connection *conn, const char *method,
                              job *j, int status, const char *msg)
{
    answer_error(j, status, msg);
    log_request(sv, method, NULL, j);
    return reply(sv, conn, j);
}

/* Constant time in the token's length: 1 when header is "Bearer TOKEN". */
static int token_ok(const char *want, const char *header)
{
    if (!want) return 1;
    if (!header || strncmp(header, "Bearer ", 7) != 0) return 0;
    const char *got = header + 7;
    size_t n = strlen(want), m = strlen(got);
    unsigned diff = n != m;
    for (size_t i = 0; i < n; i++)
        diff |= (unsigned char)want[i] ^ (unsigned char)(i < m ? got[i] : 0);
    return diff == 0;
}

/* The media type of a Content-Type header, without parameters, is t. */
static int media_is(const char *ct, const char *t)
{
    size_t n = strlen(t);
    return ct && strncasecmp(ct, t, n) == 0 && (ct[n] == 0 || ct[n] == ';' || ct[n] == ' ');
}

/* The 413's message into msg. */
static void too_large(const recv_server *sv, const job *j, char *msg, size_t n)
{
    (void)j;
    snprintf(msg, n, "the body is larger than %zu bytes: send fewer spans at once",
             sv->cfg.body_max);
}

/* The first call of a request: route, method, token, media type, size.
 * An answer now (MHD_YES after queueing) or 0 to read the body. */
static int check_first(recv_server *sv, struct MHD_Connection *conn, const char *url,
                       const char *method, job *j, enum MHD_Result *r)
{
    const char *ct = sv->mhd.lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Type");
    const char *len = sv->mhd.lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
    const char *auth = sv->mhd.lookup_connection_value(conn, MHD_HEADER_KIND, "Authorization");
    char msg[160];
    int status = 0;
    if (strcmp(url, "/v1/traces") == 0)
        j->route = R_TRACES;
    else if (strcmp(url, "/v1/audit") == 0)
        j->route = R_AUDIT;
    else
        status = 404;
    if (status) {
        *r = refuse(sv, conn, method, j, 404,
                    "no such route: POST /v1/traces (OTLP/JSON) or /v1/audit (JSON Lines)");
        return 1;
    }
    if (strcmp(method, "POST") != 0) {
        *r = refuse(sv, conn, method, j, 405, "only POST is received");
        return 1;
    }
    if (!token_ok(sv->cfg.token, auth)) {
        *r = refuse(sv, conn, method, j, 401,
                    auth ? "the bearer token is wrong" : "Authorization: Bearer TOKEN is required");
        return 1;
    }
    if (j->route == R_TRACES && media_is(ct, "application/x-protobuf")) {
        *r = refuse(sv, conn, method, j, 415,
                    "OTLP/protobuf is not received: send OTLP/JSON (Content-Type:"
                    " application/json; an exporter's protocol http/json)");
        return 1;
    }
    if (j->route == R_TRACES
            ? !media_is(ct, "application/json")
            : !(media_is(ct, "application/x-ndjson") || media_is(ct, "application/jsonl") ||
                media_is(ct, "application/json"))) {
        snprintf(msg, sizeof msg, "Content-Type %s is not received here: %s", ct ? ct : "(none)",
                 j->route == R_TRACES ? "application/json (OTLP/JSON)"
                                      : "application/x-ndjson (JSON Lines)");
        *r = refuse(sv, conn, method, j, 415, msg);
        return 1;
    }
    const char *enc = sv->mhd.lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Encoding");
    if (enc && strcasecmp(enc, "identity") != 0) {
        snprintf(msg, sizeof msg,
                 "Content-Encoding %.32s is not received: send the body uncompressed (an"
                 " exporter's compression none)",
                 enc);
        *r = refuse(sv, conn, method, j, 415, msg);
        return 1;
    }
    unsigned long long declared = len ? strtoull(len, NULL, 10) : 0;
    /* A body a little too large is read and dropped, so that the sender,
     * still sending, gets the 413 rather than a broken pipe; a far larger
     * one is refused at once. */
    if (declared > RECV_DROP_FACTOR * sv->cfg.body_max) {
        too_large(sv, j, msg, sizeof msg);
        *r = refuse(sv, conn, method, j, 413, msg);
        return 1;
    }
    j->too_big = declared > sv->cfg.body_max;
    return 0;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version, const char *data,
                                  size_t *size, void **ctx)
{
    recv_server *sv = cls;
    job *j = *ctx;
    (void)version;
    if (!j) {
        if (!(j = calloc(1, sizeof *j))) return MHD_NO;
        j->t0 = ts_mono_ms();
        *ctx = j;
        enum MHD_Result r;
        if (check_first(sv, conn, url, method, j, &r)) return r;
        return MHD_YES;
    }
    if (j->status) { /* answered already: the rest of the body is dropped */
        *size = 0;
        return MHD_YES;
    }
    if (*size) {
        j->seen += *size;
        if (j->seen > RECV_DROP_FACTOR * sv->cfg.body_max) {
            char msg[96];
            too_large(sv, j, msg, sizeof msg);
            *size = 0;
            return refuse(sv, conn, method, j, 413, msg);
        }
        if (!j->too_big && j->body.len + *size <= sv->cfg.body_max) {
            if (buf_put(&j->body, data, *size) < 0) return MHD_NO;
        } else {
            j->too_big = 1;
            buf_free(&j->body);
        }
        *size = 0;
        return MHD_YES;
    }
    if (j->too_big) {
        char msg[96];
        too_large(sv, j, msg, sizeof msg);
        return refuse(sv, conn, method, j, 413, msg);
    }
    pthread_mutex_lock(&sv->mu);
    int failed = sv->failed;
    pthread_mutex_unlock(&sv->mu);
    if (failed)
        return refuse(sv, conn, method, j, 503,
                      "not stored: the receiver's store failed; send again later");
    submit(sv, j);
    log_request(sv, method, url, j);
    return reply(sv, conn, j);
}

static void on_done(void *cls, struct MHD_Connection *conn, void **ctx,
                    enum MHD_RequestTerminationCode why)
{
    job *j = *ctx;
    (void)cls, (void)conn, (void)why;
    if (!j) return;
    buf_free(&j->body);
    buf_free(&j->out);
    free(j);
    *ctx = NULL;
}

static void server_free(recv_server *sv)
{
    if (sv->key_pem) {
        memset(sv->key_pem, 0, strlen(sv->key_pem));
        free(sv->key_pem);
    }
    free(sv->cert_pem);
    serve_mhd_close(&sv->mhd);
    pthread_mutex_destroy(&sv->mu);
    pthread_cond_destroy(&sv->wake);
    pthread_cond_destroy(&sv->done);
    free(sv);
}

int recv_start(const recv_config *cfg, ops_receiver *r, recv_server **out, unsigned *port, werr *e)
{
    recv_server *sv = calloc(1, sizeof *sv);
    if (!sv) return werr_set(e, WERR_INTERNAL, "out of memory");
    sv->cfg = *cfg;
    if (!sv->cfg.body_max) sv->cfg.body_max = RECV_BODY_MAX;
    if (!sv->cfg.max_conns) sv->cfg.max_conns = 64;
    sv->r = r;
    sv->tail = &sv->queue;
    pthread_mutex_init(&sv->mu, NULL);
    pthread_cond_init(&sv->wake, NULL);
    pthread_cond_init(&sv->done, NULL);
    struct sockaddr_storage ss;
    int v6 = 0, tls = cfg->tls_cert != NULL;
    if (serve_sock_addr(cfg->addr, cfg->port, &ss, &v6, e) < 0 || serve_mhd_open(&sv->mhd, e) < 0)
        goto fail;
    if (tls &&
        serve_tls_load(&sv->mhd, cfg->tls_cert, cfg->tls_key, &sv->cert_pem, &sv->key_pem, e) < 0)
        goto fail;
    if (pthread_create(&sv->writer, NULL, writer_main, sv) != 0) {
        werr_set(e, WERR_UNAVAILABLE, "cannot start the writer thread");
        goto fail;
    }
    sv->writer_started = 1;
    struct MHD_OptionItem tlsopt[] = {
        {MHD_OPTION_HTTPS_MEM_KEY, 0, sv->key_pem},
        {MHD_OPTION_HTTPS_MEM_CERT, 0, sv->cert_pem},
        {MHD_OPTION_END, 0, NULL},
    };
    if (!tls) tlsopt[0].option = MHD_OPTION_END;
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION |
                     (tls ? MHD_USE_TLS : 0) | (v6 ? MHD_USE_IPv6 : 0);
    errno = 0;
    sv->d = sv->mhd.start_daemon(
        flags, (uint16_t)cfg->port, NULL, NULL, on_request, sv, MHD_OPTION_SOCK_ADDR,
        (struct sockaddr *)&ss, MHD_OPTION_CONNECTION_LIMIT, sv->cfg.max_conns,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30, MHD_OPTION_NOTIFY_COMPLETED, on_done, sv,
        MHD_OPTION_ARRAY, tlsopt, MHD_OPTION_END);
    if (!sv->d) {
        werr_set(e, WERR_UNAVAILABLE, "cannot listen on %s port %u%s%s%s", cfg->addr, cfg->port,
                 errno ? ": " : "", errno ? strerror(errno) : "",
                 tls ? " (or the TLS certificate and key do not fit)" : "");
        goto fail;
    }
    const union MHD_DaemonInfo *di = sv->mhd.get_daemon_info(sv->d, MHD_DAEMON_INFO_BIND_PORT);
    *port = di ? di->port : cfg->port;
    *out = sv;
    return 0;
fail:
    recv_stop(sv, NULL);
    return -1;
}

int recv_failed(recv_server *sv)
{
    pthread_mutex_lock(&sv->mu);
    int f = sv->failed;
    pthread_mutex_unlock(&sv->mu);
    return f;
}

int recv_stop(recv_server *sv, werr *e)
{
    if (!sv) return 0;
    /* The daemon first: its threads wait for the writer's answers. */
    if (sv->d) sv->mhd.stop_daemon(sv->d);
    if (sv->writer_started) {
        pthread_mutex_lock(&sv->mu);
        sv->stopping = 1;
        pthread_cond_signal(&sv->wake);
        pthread_mutex_unlock(&sv->mu);
        pthread_join(sv->writer, NULL);
    }
    int rc = 0;
    if (sv->failed) {
        if (e) *e = sv->err;
        rc = -1;
    }
    server_free(sv);
    return rc;
}

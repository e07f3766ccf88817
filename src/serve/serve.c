/* The server: libmicrohttpd's daemon with a pool of threads, each
 * request read whole (within the limits of serve_int.h), then an API call
 * (serve_call.c) or a file of the web UI (serve_static.c), answered with
 * the security headers every response carries. */
#include "serve/serve.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "emit/emit_serve.h"
#include "normalise/ts.h"
#include "serve/serve_int.h"
#include "serve/serve_listen.h"

#define CSP                                                                                        \
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self';"               \
    " frame-ancestors 'none'"

const char *serve_cookie_token(const serve *sv, struct MHD_Connection *conn)
{
    return sv->mhd.lookup_connection_value(conn, MHD_COOKIE_KIND, "wachter_session");
}

void serve_client_addr(const serve *sv, struct MHD_Connection *conn, char *out, size_t n)
{
    const union MHD_ConnectionInfo *ci =
        sv->mhd.get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    snprintf(out, n, "?");
    if (!ci || !ci->client_addr) return;
    const struct sockaddr *sa = ci->client_addr;
    if (sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, out,
                  (socklen_t)n);
    else if (sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, out,
                  (socklen_t)n);
}

/* The whole URL as sent, before MHD parses it: its length is checked and
 * its query recorded. Becomes the request's context. */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
    serve_conn_req *rq = calloc(1, sizeof *rq);
    if (!rq) return NULL;
    rq->uri = strdup(uri ? uri : "");
    rq->t0 = ts_mono_ms();
    if (!rq->uri) {
        free(rq);
        return NULL;
    }
    return rq;
}

static void on_done(void *cls, struct MHD_Connection *conn, void **ctx,
                    enum MHD_RequestTerminationCode why)
{
    serve_conn_req *rq = *ctx;
    if (!rq) return;
    free(rq->uri);
    buf_free(&rq->body);
    free(rq);
    *ctx = NULL;
}

/* The log names the route's pattern ("/api/v1/alerts/:id"), never the
 * path asked for: it may hold a subject's number. */
static void log_line(serve *sv, const char *method, const char *pattern, int status, int64_t ms)
{
    if (!sv->cfg.log) return;
    char line[256];
    if (!pattern) pattern = "-";
    snprintf(line, sizeof line, "%s %s%s %d %lldms", method, *pattern == '/' ? "" : "/api/v1/",
             pattern, status, (long long)ms);
    sv->cfg.log(line, sv->cfg.log_ctx);
}

/* Answers with o (its body or file taken). */
static enum MHD_Result answer(serve *sv, struct MHD_Connection *conn, serve_conn_req *rq,
                              const char *method, serve_out *o)
{
    struct MHD_Response *resp;
    if (o->fd >= 0) {
        resp = sv->mhd.create_response_from_fd64(o->fd_size, o->fd);
        if (!resp) close(o->fd);
        o->fd = -1;
    } else if (o->body.data) {
        resp =
            sv->mhd.create_response_from_buffer(o->body.len, o->body.data, MHD_RESPMEM_MUST_FREE);
        if (resp) memset(&o->body, 0, sizeof o->body);
    } else {
        resp = sv->mhd.create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
    }
    buf_free(&o->body);
    if (!resp) return MHD_NO;
    sv->mhd.add_response_header(resp, "Content-Type", o->ctype ? o->ctype : "application/json");
    sv->mhd.add_response_header(resp, "Content-Security-Policy", CSP);
    sv->mhd.add_response_header(resp, "X-Content-Type-Options", "nosniff");
    sv->mhd.add_response_header(resp, "Referrer-Policy", "no-referrer");
    sv->mhd.add_response_header(resp, "X-Frame-Options", "DENY");
    sv->mhd.add_response_header(resp, "Cache-Control", o->api ? "no-store" : "no-cache");
    if (sv->tls) sv->mhd.add_response_header(resp, "Strict-Transport-Security", "max-age=31536000");
    if (o->cookie && *o->cookie) sv->mhd.add_response_header(resp, "Set-Cookie", o->cookie);
    enum MHD_Result r = sv->mhd.queue_response(conn, (unsigned)o->status, resp);
    sv->mhd.destroy_response(resp);
    const char *pattern = o->pattern ? o->pattern : o->api ? "/api/*" : "/*";
    int64_t ms = ts_mono_ms() - rq->t0;
    log_line(sv, method, pattern, o->status, ms);
    serve_metrics_note(sv->metrics, pattern, o->status, ms);
    return r;
}

static enum MHD_Result fail_now(serve *sv, struct MHD_Connection *conn, serve_conn_req *rq,
                                const char *method, int status, const char *msg, int api)
{
    serve_out o = {.fd = -1, .api = api};
    if (serve_out_error(&o, status, msg) < 0) {
        buf_free(&o.body);
        return MHD_NO;
    }
    return answer(sv, conn, rq, method, &o);
}

/* Whether the request is the API's: /api/ and below. */
static int is_api(const char *url)
{
    return strncmp(url, "/api/", 5) == 0 || strcmp(url, "/api") == 0;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version, const char *data,
                                  size_t *size, void **ctx)
{
    serve *sv = cls;
    serve_conn_req *rq = *ctx;
    if (!rq) return MHD_NO; /* out of memory in on_uri */
    int api = is_api(url);
    int get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
    int post = strcmp(method, "POST") == 0;
    if (!rq->started) {
        rq->started = 1;
        if (strlen(rq->uri) > SERVE_URL_MAX)
            return fail_now(sv, conn, rq, method, 414, "the URL is longer than 4096 bytes", api);
        if (strstr(rq->uri, "%00") || strstr(rq->uri, "%2500"))
            return fail_now(sv, conn, rq, method, 400, "the URL holds a NUL", api);
        if (!get && !post)
            return fail_now(sv, conn, rq, method, 405, "only GET and POST are served", api);
        const char *len = sv->mhd.lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
        /* A body a little too large is read and dropped, so that the
         * client, still sending, gets the 413 rather than a broken pipe;
         * a far larger one is refused at once. */
        unsigned long long declared = len ? strtoull(len, NULL, 10) : 0;
        if (declared > SERVE_BODY_DROP_MAX)
            return fail_now(sv, conn, rq, method, 413, "the request's body is larger than 1 MiB",
                            api);
        rq->too_big = declared > SERVE_BODY_MAX;
        return MHD_YES;
    }
    if (*size) {
        rq->seen += *size;
        if (rq->seen > SERVE_BODY_DROP_MAX)
            return fail_now(sv, conn, rq, method, 413, "the request's body is larger than 1 MiB",
                            api);
        if (!rq->too_big && rq->body.len + *size <= SERVE_BODY_MAX) {
            if (buf_put(&rq->body, data, *size) < 0) return MHD_NO;
        } else {
            rq->too_big = 1;
            buf_free(&rq->body);
        }
        *size = 0;
        return MHD_YES;
    }
    if (rq->too_big)
        return fail_now(sv, conn, rq, method, 413, "the request's body is larger than 1 MiB", api);
    serve_out o = {.fd = -1, .api = api};
    int rc;
    if (strncmp(url, "/api/v1/", 8) == 0) {
        o.pattern = "/api/v1/?";
        rc = serve_api_call(sv, conn, rq, post ? "POST" : "GET", url + 8, &o);
    } else if (strcmp(url, "/metrics") == 0 && get) {
        rc = serve_scrape(sv, conn, &o);
    } else if (api) {
        rc = serve_out_error(&o, 404, "no such API route (the API is under /api/v1/)");
    } else if (!get) {
        rc = serve_out_error(&o, 405, "the workbench's pages take GET");
    } else {
        rc = serve_static(sv, conn, url, &o);
    }
    if (rc < 0) {
        buf_free(&o.body);
        if (o.fd >= 0) close(o.fd);
        return fail_now(sv, conn, rq, method, 500, "out of memory", api);
    }
    return answer(sv, conn, rq, method, &o);
}

int serve_start(const serve_config *cfg, serve **out, unsigned *port, werr *e)
{
    serve *sv = calloc(1, sizeof *sv);
    if (!sv) return werr_set(e, WERR_INTERNAL, "out of memory");
    sv->cfg = *cfg;
    if (serve_mhd_open(&sv->mhd, e) < 0) goto fail;
    struct sockaddr_storage ss;
    int v6 = 0;
    if (serve_sock_addr(cfg->addr, cfg->port, &ss, &v6, e) < 0) goto fail;
    if (!cfg->tls_cert != !cfg->tls_key) {
        werr_set(e, WERR_INPUT, "TLS needs both --tls-cert and --tls-key");
        goto fail;
    }
    if (cfg->tls_cert) {
        if (serve_tls_load(&sv->mhd, cfg->tls_cert, cfg->tls_key, &sv->cert_pem, &sv->key_pem, e) <
            0)
            goto fail;
        sv->tls = 1;
    }
    if (cfg->metrics_token_file && serve_scrape_token(sv, cfg->metrics_token_file, e) < 0)
        goto fail;
    if (!(sv->metrics = serve_metrics_new())) {
        werr_set(e, WERR_INTERNAL, "out of memory");
        goto fail;
    }
    if (pkey_open(cfg->key, &sv->key, e) < 0) goto fail;
    if (!(sv->sessions = serve_sessions_new()) ||
        !(sv->workers = serve_workers_new(cfg->db, &sv->key))) {
        werr_set(e, WERR_INTERNAL, "out of memory");
        goto fail;
    }
    /* The risk list made before the first request, not while ten wait
     * for it (a failure here is the first page's to report). */
    serve_workers_warm(sv->workers);
    struct MHD_OptionItem tls[] = {
        {MHD_OPTION_HTTPS_MEM_KEY, 0, sv->key_pem},
        {MHD_OPTION_HTTPS_MEM_CERT, 0, sv->cert_pem},
        {MHD_OPTION_END, 0, NULL},
    };
    if (!sv->tls) tls[0].option = MHD_OPTION_END;
    unsigned flags =
        MHD_USE_AUTO_INTERNAL_THREAD | (sv->tls ? MHD_USE_TLS : 0) | (v6 ? MHD_USE_IPv6 : 0);
    errno = 0;
    sv->d = sv->mhd.start_daemon(
        flags, (uint16_t)cfg->port, NULL, NULL, on_request, sv, MHD_OPTION_SOCK_ADDR,
        (struct sockaddr *)&ss, MHD_OPTION_THREAD_POOL_SIZE, (unsigned)cfg->threads,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)cfg->max_conns, MHD_OPTION_CONNECTION_TIMEOUT,
        (unsigned)30, MHD_OPTION_URI_LOG_CALLBACK, on_uri, sv, MHD_OPTION_NOTIFY_COMPLETED, on_done,
        sv, MHD_OPTION_ARRAY, tls, MHD_OPTION_END);
    if (!sv->d) {
        werr_set(e, WERR_UNAVAILABLE, "cannot listen on %s port %u%s%s%s", cfg->addr, cfg->port,
                 errno ? ": " : "", errno ? strerror(errno) : "",
                 sv->tls ? " (or the TLS certificate and key do not fit)" : "");
        goto fail;
    }
    const union MHD_DaemonInfo *di = sv->mhd.get_daemon_info(sv->d, MHD_DAEMON_INFO_BIND_PORT);
    *port = di ? di->port : cfg->port;
    *out = sv;
    return 0;
fail:
    serve_stop(sv);
    return -1;
}

void serve_stop(serve *sv)
{
    if (!sv) return;
    if (sv->d) sv->mhd.stop_daemon(sv->d);
    serve_workers_free(sv->workers);
    serve_sessions_free(sv->sessions);
    pkey_wipe(&sv->key);
    if (sv->key_pem) {
        memset(sv->key_pem, 0, strlen(sv->key_pem));
        free(sv->key_pem);
    }
    free(sv->cert_pem);
    if (sv->metrics_token) {
        memset(sv->metrics_token, 0, strlen(sv->metrics_token));
        free(sv->metrics_token);
    }
    serve_metrics_free(sv->metrics);
    serve_mhd_close(&sv->mhd);
    free(sv);
}

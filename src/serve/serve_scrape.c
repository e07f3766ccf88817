/* serve_scrape — GET /metrics. A Prometheus scraper is not an analyst:
 * it has no account and no session, and what it gets names no one (rules,
 * statuses, route patterns, counts). So it is let in by a token of its
 * own (--metrics-token-file), or, without one, only from the machine
 * itself. Scrapes are not in the audit trail: they read no personal data. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "emit/emit_metrics.h"
#include "normalise/ts.h"
#include "serve/serve_int.h"
#include "store/store_metrics.h"

int serve_scrape_token(serve *sv, const char *path, werr *e)
{
    FILE *f = fopen(path, "rb");
    char t[300];
    size_t n = f ? fread(t, 1, sizeof t - 1, f) : 0;
    if (f) fclose(f);
    if (!f) return werr_set(e, WERR_INPUT, "cannot read the metrics token file %s", path);
    t[n] = 0;
    while (n && (t[n - 1] == '\n' || t[n - 1] == '\r'))
        t[--n] = 0;
    int ok = n >= 16 && n <= 256;
    for (size_t i = 0; i < n; i++)
        if (t[i] <= ' ' || t[i] == 0x7f) ok = 0;
    if (!ok) {
        sodium_memzero(t, sizeof t);
        return werr_set(e, WERR_INPUT,
                        "the metrics token file %s must hold one token of 16 to 256 printable"
                        " characters without spaces",
                        path);
    }
    sv->metrics_token = strdup(t);
    sodium_memzero(t, sizeof t);
    return sv->metrics_token ? 0 : werr_set(e, WERR_INTERNAL, "out of memory");
}

/* Whether the client is this machine (127.0.0.0/8, ::1, ::ffff:127.x). */
static int loopback(const serve *sv, struct MHD_Connection *conn)
{
    const union MHD_ConnectionInfo *ci =
        sv->mhd.get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (!ci || !ci->client_addr) return 0;
    const struct sockaddr *sa = ci->client_addr;
    if (sa->sa_family == AF_INET)
        return (ntohl(((const struct sockaddr_in *)(const void *)sa)->sin_addr.s_addr) >> 24) ==
               127;
    if (sa->sa_family == AF_INET6) {
        const struct in6_addr *a = &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr;
        return IN6_IS_ADDR_LOOPBACK(a) || (IN6_IS_ADDR_V4MAPPED(a) && a->s6_addr[12] == 127);
    }
    return 0;
}

/* Whether the request carries the metrics token. */
static int bearer_ok(const serve *sv, struct MHD_Connection *conn)
{
    const char *h = sv->mhd.lookup_connection_value(conn, MHD_HEADER_KIND, "Authorization");
    if (!h || strncmp(h, "Bearer ", 7) != 0) return 0;
    h += 7;
    size_t n = strlen(sv->metrics_token);
    return strlen(h) == n && sodium_memcmp(h, sv->metrics_token, n) == 0;
}

int serve_scrape(serve *sv, struct MHD_Connection *conn, serve_out *o)
{
    o->pattern = "/metrics";
    o->api = 1; /* not to be cached */
    if (sv->metrics_token ? !bearer_ok(sv, conn) : !loopback(sv, conn))
        return serve_out_error(o, sv->metrics_token ? 401 : 403,
                               sv->metrics_token
                                   ? "/metrics needs the metrics token (Authorization: Bearer)"
                                   : "/metrics answers this machine only (or serve"
                                     " --metrics-token-file)");
    serve_worker *w;
    werr e = {0};
    store_metrics m;
    if (serve_worker_get(sv->workers, &w, &e) < 0 ||
        store_metrics_read(serve_worker_store(w), &m, &e) < 0)
        return serve_out_error(o, 503, "the store's counters cannot be read");
    emit_http_stats *h = malloc(sizeof *h);
    if (!h) return -1;
    serve_metrics_get(sv->metrics, h);
    o->status = 200;
    o->ctype = "text/plain; version=0.0.4; charset=utf-8";
    int rc = emit_metrics(&o->body, &m, h, ts_now_ms());
    free(h);
    return rc;
}

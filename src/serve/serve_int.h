/* serve_int — what the server's files share; private to src/serve/. */
#ifndef WACHTER_SERVE_INT_H
#define WACHTER_SERVE_INT_H
#include <pthread.h>
#include <stdint.h>

#include "priv/pkey.h"
#include "priv/pseudonym.h"
#include "serve/serve.h"
#include "serve/serve_api.h"
#include "serve/serve_metrics.h"
#include "serve/serve_mhd.h"
#include "serve/serve_session.h"
#include "serve/serve_worker.h"

/* Limits of a request (docs/serve.md "Limits"). */
#define SERVE_BODY_MAX (1024 * 1024)          /* bytes of a POST's body: 413 beyond */
#define SERVE_BODY_DROP_MAX (8 * 1024 * 1024) /* read and dropped up to this, then cut */
#define SERVE_URL_MAX 4096                    /* bytes of the URL with its query: 414 beyond */

struct serve {
    serve_config cfg;
    pkey key;
    int tls;
    char *cert_pem, *key_pem; /* owned, for MHD */
    serve_mhd mhd;            /* libmicrohttpd, opened by serve_start */
    struct MHD_Daemon *d;
    serve_sessions *sessions;
    serve_workers *workers;
    serve_metrics *metrics;
    char *metrics_token; /* owned: --metrics-token-file's token, or NULL */
};

/* One request while MHD reads it: made by the URI callback (it sees the
 * whole URL with its query) and freed when the request completes. */
typedef struct serve_conn_req {
    char *uri;        /* the URL as sent, owned */
    int started;      /* the headers were seen */
    int too_big;      /* the body passed SERVE_BODY_MAX */
    uint64_t seen;    /* bytes of the body received */
    int64_t t0;       /* when it began (ms, monotonic) */
    buf body;         /* a POST's body */
    char cookie[256]; /* the response's Set-Cookie, when it has one */
} serve_conn_req;

/* What serve_req.impl points at during an API call. */
typedef struct serve_call {
    serve *sv;
    struct MHD_Connection *conn;
    serve_worker *w;
    pseud_map *map;    /* the account's pseudonyms, borrowed from w */
    const char *token; /* the session's token from the cookie, or NULL */
    ops_actor who;     /* the account acting (serve_req.who points here) */
    char cookie[256];  /* a Set-Cookie to send ("" none) */
    char client[64];   /* the client's address */
    int risk_held;     /* serve_risk_list lent the workers' risk list: release it */
} serve_call;

/* The response to one request: status, body (JSON or a file's), its
 * Content-Type, a Set-Cookie, whether it is the API's (no caching). */
typedef struct serve_out {
    int status;
    buf body;
    int fd; /* a file to send instead of body (owned), or -1 */
    uint64_t fd_size;
    const char *ctype;
    const char *cookie; /* borrowed, NULL or "" for none */
    int api;
    const char *pattern; /* what the log names: a route pattern, "/", "static" */
} serve_out;

/* Fills o with status and {"error": msg}. 0 or -1 (out of memory). */
int serve_out_error(serve_out *o, int status, const char *msg);
/* The API call (path under /api/v1/) of method with its JSON body (NULL
 * when none). Fills o. 0 or -1 (out of memory). */
int serve_api_call(serve *sv, struct MHD_Connection *conn, serve_conn_req *rq, const char *method,
                   const char *path, serve_out *o);
/* A file of the web UI for the GET of url. Fills o. 0 or -1. */
int serve_static(serve *sv, struct MHD_Connection *conn, const char *url, serve_out *o);
/* The session cookie's token in the request, or NULL. */
const char *serve_cookie_token(const serve *sv, struct MHD_Connection *conn);
/* The client's address as text into out. */
void serve_client_addr(const serve *sv, struct MHD_Connection *conn, char *out, size_t n);
/* Records action (params a JSON object) as account in w's store's audit
 * trail; a refusal when why is not NULL ("refused", the action, params,
 * why). 0 or -1 with e. */
int serve_audit(serve_worker *w, const char *account, const char *action, const char *params,
                const char *why, werr *e);

/* GET /metrics (serve_scrape.c): the Prometheus exposition, for the
 * bearer of the metrics token, or without one for a loopback client.
 * Fills o. 0 or -1 (out of memory). */
int serve_scrape(serve *sv, struct MHD_Connection *conn, serve_out *o);
/* Reads the metrics token from path into sv (16 to 256 printable bytes,
 * a final newline dropped). 0, or -1 with e. */
int serve_scrape_token(serve *sv, const char *path, werr *e);

/* The session routes (login, logout, me, health): api_session.c. */
const serve_route *serve_routes_session(size_t *n);
#endif

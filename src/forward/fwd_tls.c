#include "forward/fwd_tls.h"

#include <dlfcn.h>
#include <gnutls/gnutls.h>
#include <stdlib.h>
#include <string.h>

/* GnuTLS's functions, typed by its header, found with dlsym. */
typedef struct gt {
    void *lib;
    __typeof__(gnutls_certificate_allocate_credentials) *alloc_cred;
    __typeof__(gnutls_certificate_free_credentials) *free_cred;
    __typeof__(gnutls_certificate_set_x509_trust_file) *trust_file;
    __typeof__(gnutls_certificate_set_x509_system_trust) *system_trust;
    __typeof__(gnutls_certificate_set_x509_key_file) *key_file;
    __typeof__(gnutls_init) *init;
    __typeof__(gnutls_deinit) *deinit;
    __typeof__(gnutls_server_name_set) *server_name;
    __typeof__(gnutls_set_default_priority) *priority;
    __typeof__(gnutls_credentials_set) *cred_set;
    __typeof__(gnutls_session_set_verify_cert) *verify_cert;
    __typeof__(gnutls_transport_set_int2) *set_int2;
    __typeof__(gnutls_handshake_set_timeout) *hs_timeout;
    __typeof__(gnutls_handshake) *handshake;
    __typeof__(gnutls_record_send) *send;
    __typeof__(gnutls_record_recv) *recv;
    __typeof__(gnutls_bye) *bye;
    __typeof__(gnutls_strerror) *strerror;
} gt;

struct fwd_tls {
    gt g;
    gnutls_session_t session;
    gnutls_certificate_credentials_t cred;
    const char *host;
};

static const char *const libs[] = {"libgnutls.so.30", "libgnutls.so"};

static int load(gt *g, werr *e)
{
    memset(g, 0, sizeof *g);
    for (size_t i = 0; i < sizeof libs / sizeof *libs && !g->lib; i++)
        g->lib = dlopen(libs[i], RTLD_NOW | RTLD_LOCAL);
    if (!g->lib)
        return werr_set(e, WERR_UNAVAILABLE, "cannot load GnuTLS (Debian's libgnutls30): %s",
                        dlerror());
    struct {
        const char *name;
        void **fn;
    } const want[] = {
        {"gnutls_certificate_allocate_credentials", (void **)&g->alloc_cred},
        {"gnutls_certificate_free_credentials", (void **)&g->free_cred},
        {"gnutls_certificate_set_x509_trust_file", (void **)&g->trust_file},
        {"gnutls_certificate_set_x509_system_trust", (void **)&g->system_trust},
        {"gnutls_certificate_set_x509_key_file", (void **)&g->key_file},
        {"gnutls_init", (void **)&g->init},
        {"gnutls_deinit", (void **)&g->deinit},
        {"gnutls_server_name_set", (void **)&g->server_name},
        {"gnutls_set_default_priority", (void **)&g->priority},
        {"gnutls_credentials_set", (void **)&g->cred_set},
        {"gnutls_session_set_verify_cert", (void **)&g->verify_cert},
        {"gnutls_transport_set_int2", (void **)&g->set_int2},
        {"gnutls_handshake_set_timeout", (void **)&g->hs_timeout},
        {"gnutls_handshake", (void **)&g->handshake},
        {"gnutls_record_send", (void **)&g->send},
        {"gnutls_record_recv", (void **)&g->recv},
        {"gnutls_bye", (void **)&g->bye},
        {"gnutls_strerror", (void **)&g->strerror},
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++)
        if (!(*want[i].fn = dlsym(g->lib, want[i].name))) {
            werr_set(e, WERR_UNAVAILABLE, "GnuTLS lacks %s", want[i].name);
            dlclose(g->lib);
            g->lib = NULL;
            return -1;
        }
    return 0;
}

/* 1 when host is an IP address (no server name is sent for one). */
static int is_address(const char *host)
{
    return strchr(host, ':') || strspn(host, "0123456789.") == strlen(host);
}

static int fail(fwd_tls *t, werr *e, const char *what, int r)
{
    return werr_set(e, WERR_UNAVAILABLE, "TLS to %s: %s: %s", t->host, what, t->g.strerror(r));
}

int fwd_tls_open(int fd, const char *host, const char *ca, const char *cert, const char *key,
                 int timeout_s, fwd_tls **out, werr *e)
{
    *out = NULL;
    fwd_tls *t = calloc(1, sizeof *t);
    if (!t) return werr_set(e, WERR_INTERNAL, "out of memory");
    t->host = host;
    if (load(&t->g, e) < 0) {
        free(t);
        return -1;
    }
    *out = t;
    gt *g = &t->g;
    int r = g->alloc_cred(&t->cred);
    if (r < 0) return fail(t, e, "credentials", r);
    r = ca ? g->trust_file(t->cred, ca, GNUTLS_X509_FMT_PEM) : g->system_trust(t->cred);
    if (r <= 0)
        return werr_set(e, WERR_INPUT, "TLS to %s: no CA certificate read from %s%s%s", host,
                        ca ? ca : "the system's store", r < 0 ? ": " : "",
                        r < 0 ? g->strerror(r) : "");
    if (cert && (r = g->key_file(t->cred, cert, key ? key : cert, GNUTLS_X509_FMT_PEM)) < 0)
        return werr_set(e, WERR_INPUT, "TLS to %s: the client certificate %s: %s", host, cert,
                        g->strerror(r));
    if ((r = g->init(&t->session, GNUTLS_CLIENT)) < 0) {
        t->session = NULL;
        return fail(t, e, "session", r);
    }
    if (!is_address(host)) g->server_name(t->session, GNUTLS_NAME_DNS, host, strlen(host));
    if ((r = g->priority(t->session)) < 0 ||
        (r = g->cred_set(t->session, GNUTLS_CRD_CERTIFICATE, t->cred)) < 0)
        return fail(t, e, "session", r);
    g->verify_cert(t->session, host, 0);
    g->set_int2(t->session, fd, fd);
    g->hs_timeout(t->session, (unsigned)timeout_s * 1000u);
    do
        r = g->handshake(t->session);
    while (r == GNUTLS_E_INTERRUPTED);
    if (r < 0) return fail(t, e, "handshake (is the collector's certificate signed by --ca?)", r);
    return 0;
}

int fwd_tls_write(fwd_tls *t, const char *p, size_t n, werr *e)
{
    while (n) {
        ssize_t w = t->g.send(t->session, p, n);
        if (w == GNUTLS_E_INTERRUPTED) continue;
        if (w < 0) return fail(t, e, "the collector stopped taking messages", (int)w);
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

int fwd_tls_finish(fwd_tls *t, werr *e)
{
    int r;
    do
        r = t->g.bye(t->session, GNUTLS_SHUT_WR);
    while (r == GNUTLS_E_INTERRUPTED);
    if (r < 0) return fail(t, e, "closing", r);
    char sink[512];
    for (;;) {
        ssize_t got = t->g.recv(t->session, sink, sizeof sink);
        /* The collector read up to our close_notify and closed: with its
         * own close_notify, or by closing the connection. */
        if (got == 0 || got == GNUTLS_E_PREMATURE_TERMINATION) return 0;
        if (got == GNUTLS_E_INTERRUPTED) continue;
        if (got < 0)
            return fail(t, e, "the collector did not confirm the batch (it did not close)",
                        (int)got);
    }
}

void fwd_tls_close(fwd_tls *t)
{
    if (!t) return;
    if (t->session) t->g.deinit(t->session);
    if (t->cred) t->g.free_cred(t->cred);
    if (t->g.lib) dlclose(t->g.lib);
    free(t);
}

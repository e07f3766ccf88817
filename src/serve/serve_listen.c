#include "serve/serve_listen.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "util/buf.h"

int serve_sock_addr(const char *addr, unsigned port, struct sockaddr_storage *ss, int *v6, werr *e)
{
    memset(ss, 0, sizeof *ss);
    struct sockaddr_in *a4 = (struct sockaddr_in *)(void *)ss;
    struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)(void *)ss;
    *v6 = 0;
    if (inet_pton(AF_INET, addr, &a4->sin_addr) == 1) {
        a4->sin_family = AF_INET;
        a4->sin_port = htons((uint16_t)port);
        return 0;
    }
    if (inet_pton(AF_INET6, addr, &a6->sin6_addr) == 1) {
        a6->sin6_family = AF_INET6;
        a6->sin6_port = htons((uint16_t)port);
        *v6 = 1;
        return 0;
    }
    return werr_set(e, WERR_INPUT, "'%s' is not an IPv4 or IPv6 address to listen on", addr);
}

/* The whole of a PEM file at path, owned, or NULL with e; what names it
 * in the message ("certificate", "key"). */
static char *read_pem(const char *path, const char *what, werr *e)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        werr_set(e, WERR_INPUT, "cannot read the TLS %s %s: %s", what, path, strerror(errno));
        return NULL;
    }
    buf b = {0};
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && b.len < (1 << 20))
        if (buf_put(&b, chunk, n) < 0) break;
    int bad = ferror(f);
    fclose(f);
    if (bad || !b.data || !strstr(b.data, "-----BEGIN")) {
        buf_free(&b);
        werr_set(e, WERR_INPUT, "the TLS %s %s is not a PEM file", what, path);
        return NULL;
    }
    return b.data;
}

int serve_tls_load(const serve_mhd *m, const char *cert, const char *key, char **cert_pem,
                   char **key_pem, werr *e)
{
    if (!m->is_feature_supported(MHD_FEATURE_TLS))
        return werr_set(e, WERR_UNAVAILABLE, "this libmicrohttpd was built without TLS");
    if (!(*cert_pem = read_pem(cert, "certificate", e)) || !(*key_pem = read_pem(key, "key", e)))
        return -1;
    return 0;
}

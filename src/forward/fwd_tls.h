/* fwd_tls — a TLS client over a connected socket, with GnuTLS loaded at
 * its first use (dlopen; `wachter --version` and every command that does
 * not forward over TLS never load it). */
#ifndef WACHTER_FWD_TLS_H
#define WACHTER_FWD_TLS_H
#include <stddef.h>

#include "util/werr.h"

typedef struct fwd_tls fwd_tls;

/* Shakes hands over the connected socket fd with host (its certificate
 * must name host and be signed by the CA in ca, or the system's when ca
 * is NULL), presenting cert and key when given. Owned: fwd_tls_close.
 * 0 or -1 with e. */
int fwd_tls_open(int fd, const char *host, const char *ca, const char *cert, const char *key,
                 int timeout_s, fwd_tls **out, werr *e);
/* Writes all n bytes. 0 or -1 with e. */
int fwd_tls_write(fwd_tls *t, const char *p, size_t n, werr *e);
/* Ends the writing side (close_notify) and reads until the peer closes:
 * 0 when it did, -1 with e otherwise. */
int fwd_tls_finish(fwd_tls *t, werr *e);
void fwd_tls_close(fwd_tls *t);
#endif

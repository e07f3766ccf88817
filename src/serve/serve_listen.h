/* serve_listen — what the workbench's server and the receiver share to
 * listen: the address to bind, and the TLS certificate and key. */
#ifndef WACHTER_SERVE_LISTEN_H
#define WACHTER_SERVE_LISTEN_H
#include <sys/socket.h>

#include "serve/serve_mhd.h"
#include "util/werr.h"

/* addr (an IPv4 or IPv6 address, not a name) and port as a socket
 * address into ss; *v6 says which. 0, or -1 with e. */
int serve_sock_addr(const char *addr, unsigned port, struct sockaddr_storage *ss, int *v6, werr *e);

/* TLS for a server on m: the certificate and key files (PEM, at most
 * 1 MiB each) read whole into *cert_pem and *key_pem (owned; the caller
 * frees both, also after a failure), once m's libmicrohttpd is known to
 * do TLS. 0, or -1 with e. */
int serve_tls_load(const serve_mhd *m, const char *cert, const char *key, char **cert_pem,
                   char **key_pem, werr *e);
#endif

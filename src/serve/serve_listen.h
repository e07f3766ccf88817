/* serve_listen — what the workbench's server and the receiver share to
 * listen: the address to bind, and the TLS certificate and key. */
#ifndef WACHTER_SERVE_LISTEN_H
#define WACHTER_SERVE_LISTEN_H
#include <sys/socket.h>

#include "util/werr.h"

/* addr (an IPv4 or IPv6 address, not a name) and port as a socket
 * address into ss; *v6 says which. 0, or -1 with e. */
int serve_sock_addr(const char *addr, unsigned port, struct sockaddr_storage *ss, int *v6, werr *e);

/* The whole of a PEM file at path (at most 1 MiB), owned, or NULL with e;
 * what names it in the message ("certificate", "key"). */
char *serve_read_pem(const char *path, const char *what, werr *e);
#endif

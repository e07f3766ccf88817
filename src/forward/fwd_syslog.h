/* fwd_syslog — alerts to a syslog collector over TCP or TLS (RFC 6587's
 * octet-counting framing, RFC 5425 for TLS: "LEN SP MSG" per message;
 * rsyslog's imtcp and imtcp with gtls take it).
 *
 * Plain TCP has no acknowledgement: bytes written into a socket whose
 * collector died are lost without a word. So a batch is one connection:
 * its messages are written, the connection is closed for writing
 * (shutdown(SHUT_WR), or TLS's close_notify), and the batch counts as
 * delivered only when the collector, having read everything up to that
 * end, closes its side too. A collector that died, or reset the
 * connection, fails the batch: it is sent again (whole) next time. */
#ifndef WACHTER_FWD_SYSLOG_H
#define WACHTER_FWD_SYSLOG_H
#include <stddef.h>

#include "forward/fwd_url.h"
#include "util/buf.h"

/* TLS's files (syslog+tls): the CA that signed the collector's
 * certificate (NULL: the system's), and a client certificate and its key
 * (both NULL: none). */
typedef struct fwd_tls_files {
    const char *ca, *cert, *key;
} fwd_tls_files;

/* Appends msg (n bytes, without its line end) to frames as one
 * octet-counted frame. 0 or -1. */
int fwd_syslog_frame(buf *frames, const char *msg, size_t n);
/* Sends frames (n bytes) to u's collector as one batch, as above; waits
 * at most timeout_s seconds for each step. 0 (delivered), or -1 with e
 * (WERR_UNAVAILABLE, naming the collector and what failed). */
int fwd_syslog_send(const fwd_url *u, const fwd_tls_files *tls, const char *frames, size_t n,
                    int timeout_s, werr *e);
#endif

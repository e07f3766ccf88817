#include "forward/fwd_syslog.h"

#include <errno.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "forward/fwd_tls.h"

int fwd_syslog_frame(buf *frames, const char *msg, size_t n)
{
    return buf_printf(frames, "%zu ", n) | buf_put(frames, msg, n);
}

/* A connected socket to u, with send and receive timeouts. -1 with e. */
static int dial(const fwd_url *u, int timeout_s, werr *e)
{
    struct addrinfo hints = {0}, *res = NULL;
    hints.ai_socktype = SOCK_STREAM;
    int g = getaddrinfo(u->host, u->port, &hints, &res);
    if (g != 0)
        return werr_set(e, WERR_UNAVAILABLE, "%s: cannot resolve %s: %s", u->url, u->host,
                        gai_strerror(g));
    int fd = -1, err = 0;
    for (struct addrinfo *a = res; a && fd < 0; a = a->ai_next) {
        fd = socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
        if (fd < 0) {
            err = errno;
            continue;
        }
        struct timeval tv = {timeout_s, 0};
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        if (connect(fd, a->ai_addr, a->ai_addrlen) < 0) {
            err = errno;
            close(fd);
            fd = -1;
        }
    }
    freeaddrinfo(res);
    if (fd < 0)
        return werr_set(e, WERR_UNAVAILABLE, "%s: cannot connect to the collector: %s", u->url,
                        strerror(err));
    return fd;
}

static int write_all(int fd, const char *p, size_t n, const fwd_url *u, werr *e)
{
    while (n) {
        ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0)
            return werr_set(e, WERR_UNAVAILABLE, "%s: the collector stopped taking messages: %s",
                            u->url, w < 0 ? strerror(errno) : "closed");
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* After shutdown(SHUT_WR): reads until the collector closes (0), or
 * fails (a reset, a timeout). */
static int await_close(int fd, const fwd_url *u, werr *e)
{
    char sink[512];
    for (;;) {
        ssize_t r = recv(fd, sink, sizeof sink, 0);
        if (r == 0) return 0;
        if (r < 0 && errno == EINTR) continue;
        if (r < 0)
            return werr_set(e, WERR_UNAVAILABLE,
                            "%s: the collector did not confirm the batch (it did not close the"
                            " connection after reading it): %s",
                            u->url, strerror(errno));
    }
}

int fwd_syslog_send(const fwd_url *u, const fwd_tls_files *tls, const char *frames, size_t n,
                    int timeout_s, werr *e)
{
    int fd = dial(u, timeout_s, e);
    if (fd < 0) return -1;
    int rc;
    if (u->scheme == FWD_SYSLOG_TLS) {
        fwd_tls *t = NULL;
        rc = fwd_tls_open(fd, u->host, tls ? tls->ca : NULL, tls ? tls->cert : NULL,
                          tls ? tls->key : NULL, timeout_s, &t, e);
        if (rc == 0) rc = fwd_tls_write(t, frames, n, e);
        if (rc == 0) rc = fwd_tls_finish(t, e);
        fwd_tls_close(t);
    } else {
        rc = write_all(fd, frames, n, u, e);
        if (rc == 0 && shutdown(fd, SHUT_WR) < 0)
            rc = werr_set(e, WERR_UNAVAILABLE, "%s: %s", u->url, strerror(errno));
        if (rc == 0) rc = await_close(fd, u, e);
    }
    close(fd);
    return rc;
}

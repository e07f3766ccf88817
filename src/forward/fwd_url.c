#include "forward/fwd_url.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int bad(werr *e, const char *url, const char *why)
{
    werr_set(e, WERR_INPUT, "--to %s: %s", url, why);
    return -1;
}

int fwd_url_parse(const char *url, fwd_url *u, werr *e)
{
    memset(u, 0, sizeof *u);
    u->url = url;
    for (const unsigned char *p = (const unsigned char *)url; *p; p++)
        if (*p <= ' ' || *p == 0x7f)
            return bad(e, url, "a URL holds no spaces or control characters");
    const char *rest;
    if (strncmp(url, "syslog+tcp://", 13) == 0) {
        u->scheme = FWD_SYSLOG_TCP;
        rest = url + 13;
    } else if (strncmp(url, "syslog+tls://", 13) == 0) {
        u->scheme = FWD_SYSLOG_TLS;
        rest = url + 13;
    } else if (strncmp(url, "http://", 7) == 0 || strncmp(url, "https://", 8) == 0) {
        u->scheme = FWD_HTTP;
        rest = strchr(url, ':') + 3;
    } else
        return bad(e, url,
                   "takes syslog+tcp://HOST:PORT, syslog+tls://HOST:PORT, http://... or"
                   " https://...");
    size_t auth = strcspn(rest, "/?#");
    if (memchr(rest, '@', auth))
        return bad(e, url, "no user or password in the URL: give a key with --token-file");
    const char *h = rest, *hend, *colon;
    if (*h == '[') {
        hend = memchr(h, ']', auth);
        if (!hend) return bad(e, url, "an IPv6 address's '[' is not closed");
        h++;
        colon = hend + 1 < rest + auth && hend[1] == ':' ? hend + 1 : NULL;
    } else {
        colon = memchr(h, ':', auth);
        hend = colon ? colon : rest + auth;
    }
    size_t hn = (size_t)(hend - h);
    if (hn == 0) return bad(e, url, "no host");
    if (hn >= sizeof u->host) return bad(e, url, "the host name is too long");
    memcpy(u->host, h, hn);
    if (colon) {
        size_t pn = (size_t)(rest + auth - colon - 1);
        char *end;
        char digits[8] = "";
        if (pn == 0 || pn > 5) return bad(e, url, "the port is a number from 1 to 65535");
        memcpy(digits, colon + 1, pn);
        long port = strtol(digits, &end, 10);
        if (*end || digits[0] == '-' || digits[0] == '+' || port < 1 || port > 65535)
            return bad(e, url, "the port is a number from 1 to 65535");
        snprintf(u->port, sizeof u->port, "%ld", port);
    }
    if (u->scheme != FWD_HTTP) {
        if (!colon) return bad(e, url, "a syslog collector's URL names its port (HOST:PORT)");
        if (rest[auth] && strcmp(rest + auth, "/") != 0)
            return bad(e, url, "a syslog collector's URL has no path");
    }
    return 0;
}

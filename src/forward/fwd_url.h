/* fwd_url — where `wachter forward --to URL` sends: a syslog collector
 * over TCP (syslog+tcp://HOST:PORT) or TLS (syslog+tls://HOST:PORT), or a
 * webhook (http:// or https://). */
#ifndef WACHTER_FWD_URL_H
#define WACHTER_FWD_URL_H
#include "util/werr.h"

enum fwd_scheme { FWD_SYSLOG_TCP, FWD_SYSLOG_TLS, FWD_HTTP };

typedef struct fwd_url {
    enum fwd_scheme scheme;
    char host[256];  /* without an IPv6 address's brackets */
    char port[8];    /* "514"; for http(s) "" (the URL says) */
    const char *url; /* the URL as given, borrowed */
} fwd_url;

/* Parses url. Refused (WERR_INPUT, saying what and where): another
 * scheme, no host, a syslog URL without a port or with a path, a port
 * outside 1-65535, a user or password in the URL (give a key with
 * --token-file instead: a URL is shown and audited), spaces or control
 * characters. 0 or -1. */
int fwd_url_parse(const char *url, fwd_url *u, werr *e);
#endif

/* fwd_http — alerts to a webhook (TheHive 5's POST /api/v1/alert, or any
 * receiver of JSON or text), one POST per alert, with libcurl loaded at
 * its first use (dlopen). A 2xx answer is a delivery; anything else (or
 * no answer) is not, and the caller tries again later. */
#ifndef WACHTER_FWD_HTTP_H
#define WACHTER_FWD_HTTP_H
#include <stddef.h>

#include "util/werr.h"

typedef struct fwd_http fwd_http;

/* A client for url: bearer (NULL: none) is sent as "Authorization:
 * Bearer ..."; ca (NULL: the system's) verifies an https server.
 * content_type: the bodies' type. Owned: fwd_http_close. 0 or -1 with e. */
int fwd_http_open(const char *url, const char *bearer, const char *ca, const char *content_type,
                  int timeout_s, fwd_http **out, werr *e);
/* POSTs body (n bytes). 0 on a 2xx answer; -1 with e (WERR_UNAVAILABLE:
 * the status or why there was none) otherwise. */
int fwd_http_post(fwd_http *h, const char *body, size_t n, werr *e);
/* The last answer's HTTP status (0: none) and the start of its body
 * (NUL-terminated, at most 1 KB), borrowed until the next post. */
long fwd_http_status(const fwd_http *h, const char **body);
void fwd_http_close(fwd_http *h);
#endif

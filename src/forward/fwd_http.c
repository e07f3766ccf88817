#include "forward/fwd_http.h"

#include <curl/curl.h>
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct fwd_http {
    void *lib;
    __typeof__(curl_easy_init) *init;
    __typeof__(curl_easy_setopt) *setopt;
    __typeof__(curl_easy_perform) *perform;
    __typeof__(curl_easy_getinfo) *getinfo;
    __typeof__(curl_easy_cleanup) *cleanup;
    __typeof__(curl_easy_strerror) *strerror;
    __typeof__(curl_slist_append) *append;
    __typeof__(curl_slist_free_all) *free_all;
    CURL *curl;
    struct curl_slist *headers;
    const char *url;
    char errbuf[CURL_ERROR_SIZE];
    long status;
    char body[1024]; /* the answer's start */
    size_t nbody;
};

static const char *const libs[] = {"libcurl-gnutls.so.4", "libcurl.so.4"};

/* Keeps the answer's first KB (TheHive says why it refused there). */
static size_t keep(char *p, size_t size, size_t n, void *ctx)
{
    fwd_http *h = ctx;
    size_t len = size * n, room = sizeof h->body - 1 - h->nbody;
    size_t take = len < room ? len : room;
    memcpy(h->body + h->nbody, p, take);
    h->nbody += take;
    h->body[h->nbody] = 0;
    return len;
}

static int load(fwd_http *h, werr *e)
{
    for (size_t i = 0; i < sizeof libs / sizeof *libs && !h->lib; i++)
        h->lib = dlopen(libs[i], RTLD_NOW | RTLD_LOCAL);
    if (!h->lib)
        return werr_set(e, WERR_UNAVAILABLE, "cannot load libcurl (Debian's libcurl3-gnutls): %s",
                        dlerror());
    struct {
        const char *name;
        void **fn;
    } const want[] = {
        {"curl_easy_init", (void **)&h->init},       {"curl_easy_setopt", (void **)&h->setopt},
        {"curl_easy_perform", (void **)&h->perform}, {"curl_easy_getinfo", (void **)&h->getinfo},
        {"curl_easy_cleanup", (void **)&h->cleanup}, {"curl_easy_strerror", (void **)&h->strerror},
        {"curl_slist_append", (void **)&h->append},  {"curl_slist_free_all", (void **)&h->free_all},
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++)
        if (!(*want[i].fn = dlsym(h->lib, want[i].name)))
            return werr_set(e, WERR_UNAVAILABLE, "libcurl lacks %s", want[i].name);
    return 0;
}

/* Adds header line to h's headers. 0 or -1. */
static int header(fwd_http *h, const char *a, const char *b)
{
    size_t n = strlen(a) + strlen(b) + 1;
    char *line = malloc(n);
    if (!line) return -1;
    snprintf(line, n, "%s%s", a, b);
    struct curl_slist *l = h->append(h->headers, line);
    free(line);
    if (!l) return -1;
    h->headers = l;
    return 0;
}

int fwd_http_open(const char *url, const char *bearer, const char *ca, const char *content_type,
                  int timeout_s, fwd_http **out, werr *e)
{
    fwd_http *h = calloc(1, sizeof *h);
    *out = h;
    if (!h) return werr_set(e, WERR_INTERNAL, "out of memory");
    h->url = url;
    if (load(h, e) < 0) return -1;
    if (!(h->curl = h->init())) return werr_set(e, WERR_INTERNAL, "libcurl: cannot start");
    if (header(h, "Content-Type: ", content_type) < 0 ||
        (bearer && header(h, "Authorization: Bearer ", bearer) < 0) || header(h, "Expect:", "") < 0)
        return werr_set(e, WERR_INTERNAL, "out of memory");
    CURL *c = h->curl;
    h->setopt(c, CURLOPT_URL, url);
    h->setopt(c, CURLOPT_HTTPHEADER, h->headers);
    h->setopt(c, CURLOPT_NOSIGNAL, 1L);
    h->setopt(c, CURLOPT_TIMEOUT, (long)timeout_s);
    h->setopt(c, CURLOPT_CONNECTTIMEOUT, (long)timeout_s);
    h->setopt(c, CURLOPT_WRITEFUNCTION, keep);
    h->setopt(c, CURLOPT_WRITEDATA, h);
    h->setopt(c, CURLOPT_ERRORBUFFER, h->errbuf);
    h->setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    h->setopt(c, CURLOPT_USERAGENT, "wachter");
    if (ca) h->setopt(c, CURLOPT_CAINFO, ca);
    return 0;
}

int fwd_http_post(fwd_http *h, const char *body, size_t n, werr *e)
{
    h->errbuf[0] = 0;
    h->status = 0;
    h->nbody = 0;
    h->body[0] = 0;
    h->setopt(h->curl, CURLOPT_POSTFIELDS, body);
    h->setopt(h->curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)n);
    CURLcode r = h->perform(h->curl);
    if (r != CURLE_OK)
        return werr_set(e, WERR_UNAVAILABLE, "%s: %s", h->url,
                        h->errbuf[0] ? h->errbuf : h->strerror(r));
    long status = 0;
    h->getinfo(h->curl, CURLINFO_RESPONSE_CODE, &status);
    h->status = status;
    if (status < 200 || status > 299)
        return werr_set(e, WERR_UNAVAILABLE, "%s answered HTTP %ld", h->url, status);
    return 0;
}

long fwd_http_status(const fwd_http *h, const char **body)
{
    *body = h->body;
    return h->status;
}

void fwd_http_close(fwd_http *h)
{
    if (!h) return;
    if (h->headers) h->free_all(h->headers);
    if (h->curl) h->cleanup(h->curl);
    if (h->lib) dlclose(h->lib);
    free(h);
}

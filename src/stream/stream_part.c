#include "stream/stream_part.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int name_char(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           ch == '-' || ch == '_';
}

/* One "nats://HOST:PORT" (s[0..n)) into out. 0, or -1 with *why. */
static int server_parse(const char *s, size_t n, char *out, size_t cap, const char **why)
{
    static const char scheme[] = "nats://";
    if (n < sizeof scheme - 1 || strncmp(s, scheme, sizeof scheme - 1) != 0) {
        *why = "not a nats:// URL";
        return -1;
    }
    const char *h = s + sizeof scheme - 1, *end = s + n, *colon;
    if (memchr(h, '@', (size_t)(end - h))) {
        *why = "a user in the URL is not taken";
        return -1;
    }
    if (h < end && *h == '[') {
        const char *close = memchr(h, ']', (size_t)(end - h));
        if (!close || close == h + 1) {
            *why = "an IPv6 address needs its closing ]";
            return -1;
        }
        for (const char *p = h + 1; p < close; p++)
            if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f') ||
                  (*p >= 'A' && *p <= 'F') || *p == ':' || *p == '.')) {
                *why = "not an IPv6 address between [ and ]";
                return -1;
            }
        colon = close + 1;
        if (colon >= end || *colon != ':') {
            *why = "no :PORT";
            return -1;
        }
    } else {
        colon = NULL;
        for (const char *p = h; p < end; p++) {
            if (*p == ':') {
                colon = p;
                break;
            }
            if (!(name_char(*p) || *p == '.')) {
                *why = *p == '@'   ? "a user in the URL is not taken"
                       : *p == '/' ? "no path: nats://HOST:PORT"
                                   : "a host name has letters, digits, '-' and '.'";
                return -1;
            }
        }
        if (!colon) {
            *why = "no :PORT";
            return -1;
        }
        if (colon == h) {
            *why = "no host";
            return -1;
        }
    }
    const char *port = colon + 1;
    long v = 0;
    if (port >= end) {
        *why = "no port after ':'";
        return -1;
    }
    for (const char *p = port; p < end; p++) {
        if (*p < '0' || *p > '9' || v > 65535) {
            *why = *p == '/' ? "no path: nats://HOST:PORT" : "the port is not a number 1 to 65535";
            return -1;
        }
        v = v * 10 + (*p - '0');
    }
    if (v < 1 || v > 65535) {
        *why = "the port is not a number 1 to 65535";
        return -1;
    }
    if (n >= cap) {
        *why = "too long";
        return -1;
    }
    memcpy(out, s, n);
    out[n] = 0;
    return 0;
}

int stream_servers_parse(const char *list, stream_servers *out, werr *e)
{
    memset(out, 0, sizeof *out);
    if (!list || !*list) return werr_set(e, WERR_INPUT, "no NATS server: nats://HOST:PORT");
    const char *p = list;
    for (;;) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        const char *why = NULL;
        if (out->n == STREAM_MAX_SERVERS)
            return werr_set(e, WERR_INPUT, "more than %d NATS servers", STREAM_MAX_SERVERS);
        if (n == 0) return werr_set(e, WERR_INPUT, "'%s': an empty server in the list", list);
        if (server_parse(p, n, out->url[out->n], sizeof out->url[0], &why) < 0)
            return werr_set(e, WERR_INPUT, "'%.*s': %s (nats://HOST:PORT)",
                            (int)(n > 200 ? 200 : n), p, why);
        out->n++;
        if (!comma) break;
        p = comma + 1;
    }
    return 0;
}

int stream_name_check(const char *name, werr *e)
{
    size_t n = name ? strlen(name) : 0;
    if (n == 0 || n > 64) return werr_set(e, WERR_INPUT, "a stream's name has 1 to 64 characters");
    for (size_t i = 0; i < n; i++)
        if (!name_char(name[i]))
            return werr_set(e, WERR_INPUT,
                            "stream '%.64s': a stream's name has letters, digits, '-' and '_'",
                            name);
    return 0;
}

int stream_prefix_check(const char *prefix, werr *e)
{
    size_t n = prefix ? strlen(prefix) : 0;
    if (n == 0 || n > 200)
        return werr_set(e, WERR_INPUT, "a subject prefix has 1 to 200 characters");
    for (size_t i = 0; i < n; i++) {
        if (prefix[i] == '.') {
            if (i == 0 || i == n - 1 || prefix[i + 1] == '.')
                return werr_set(e, WERR_INPUT, "subject '%.200s': an empty token", prefix);
        } else if (!name_char(prefix[i])) {
            return werr_set(e, WERR_INPUT,
                            "subject '%.200s': tokens of letters, digits, '-' and '_' between dots"
                            " (no wildcards)",
                            prefix);
        }
    }
    return 0;
}

unsigned stream_partition(const char *actor, size_t len, unsigned n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)actor[i];
        h *= 16777619u;
    }
    return n ? h % n : 0;
}

int stream_subject(char *out, size_t cap, const char *prefix, unsigned p)
{
    int n = snprintf(out, cap, "%s.%u", prefix, p);
    return n < 0 || (size_t)n >= cap ? -1 : 0;
}

/* A number 0..max at *p (advanced past it). 0, or -1. */
static int number(const char **p, long max, long *v)
{
    char *end;
    if (**p < '0' || **p > '9') return -1;
    *v = strtol(*p, &end, 10);
    if (*v > max) return -1;
    *p = end;
    return 0;
}

int stream_share_add(stream_share *s, const char *spec, werr *e)
{
    const char *slash = strrchr(spec, '/');
    long n;
    const char *q = slash ? slash + 1 : NULL;
    if (!slash || number(&q, STREAM_MAX_PARTITIONS, &n) < 0 || *q || n < 1)
        return werr_set(e, WERR_INPUT,
                        "--partitions '%.100s': I/N, I,J/N or I-J/N with N the stream's partitions"
                        " (1 to %d)",
                        spec, STREAM_MAX_PARTITIONS);
    if (s->n && s->n != (unsigned)n)
        return werr_set(e, WERR_INPUT,
                        "--partitions '%.100s': every value needs the same N (the stream's"
                        " partitions), not %u and %ld",
                        spec, s->n, n);
    const char *p = spec;
    while (p < slash) {
        long a, b;
        if (number(&p, n - 1, &a) < 0) goto bad;
        b = a;
        if (*p == '-') {
            p++;
            if (number(&p, n - 1, &b) < 0 || b < a) goto bad;
        }
        for (long i = a; i <= b; i++)
            s->own[i] = 1;
        if (p < slash && *p++ != ',') goto bad;
        if (p == slash && p[-1] == ',') goto bad;
    }
    if (p == spec) goto bad;
    s->n = (unsigned)n;
    return 0;
bad:
    return werr_set(e, WERR_INPUT,
                    "--partitions '%.100s': each partition is a number 0 to %ld (I, I,J or I-J"
                    " before /%ld)",
                    spec, n - 1, n);
}

unsigned stream_share_count(const stream_share *s)
{
    unsigned c = 0;
    for (unsigned i = 0; i < s->n; i++)
        c += s->own[i];
    return c;
}

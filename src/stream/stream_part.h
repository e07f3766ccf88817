/* stream_part — the pure parts of the NATS JetStream stream: the server
 * list (nats://HOST:PORT[,nats://...]), stream and subject names, an
 * actor's partition (a hash that every build and run computes the same)
 * and a worker's share of the partitions (--partitions I/N). No I/O. */
#ifndef WACHTER_STREAM_PART_H
#define WACHTER_STREAM_PART_H
#include <stddef.h>
#include <stdint.h>

#include "util/werr.h"

/* The most servers a list names, and partitions a stream has. */
enum { STREAM_MAX_SERVERS = 16, STREAM_MAX_PARTITIONS = 1024, STREAM_DEFAULT_PARTITIONS = 16 };

typedef struct stream_servers {
    int n;
    char url[STREAM_MAX_SERVERS][256]; /* "nats://HOST:PORT" each */
} stream_servers;

/* Parses a comma-separated list of nats://HOST:PORT (HOST a name, an IPv4
 * address or [IPv6]; PORT 1 to 65535; no user, path or query). 0 with
 * *out, or -1 with e (WERR_INPUT naming the bad entry and why). */
int stream_servers_parse(const char *list, stream_servers *out, werr *e);

/* A stream's name as JetStream takes it: 1 to 64 of letters, digits, '-'
 * and '_'. 0, or -1 with e (WERR_INPUT). */
int stream_name_check(const char *name, werr *e);
/* A subject prefix: dot-separated tokens of letters, digits, '-' and '_',
 * at most 200 bytes (no wildcards, no spaces). 0, or -1 with e. */
int stream_prefix_check(const char *prefix, werr *e);

/* The partition (0 to n-1) of an actor's events: FNV-1a (32 bits) of its
 * bytes modulo n; the same in every build, on every machine. */
unsigned stream_partition(const char *actor, size_t len, unsigned n);
/* The subject of partition p: "PREFIX.p" into out (cap bytes). 0, or -1
 * when it does not fit. */
int stream_subject(char *out, size_t cap, const char *prefix, unsigned p);

/* A worker's partitions: own[p] for p in 0..n-1. */
typedef struct stream_share {
    unsigned n; /* the stream's partitions (the publisher's --partitions); 0: all, no filter */
    unsigned char own[STREAM_MAX_PARTITIONS];
} stream_share;

/* Adds one --partitions value to *s: "I/N", "I,J,.../N" or "I-J/N" (each
 * index 0 to N-1; N 1 to 1024, the same N in every value). 0, or -1 with
 * e (WERR_INPUT saying what is wrong). */
int stream_share_add(stream_share *s, const char *spec, werr *e);
/* How many partitions *s owns. */
unsigned stream_share_count(const stream_share *s);
#endif

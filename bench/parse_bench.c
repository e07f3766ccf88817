/* parse_bench — the event parser both ways: ev_parse_json() (cJSON) and
 * ev_parse() (fast path, falling back to cJSON).  Reads up to N lines of a
 * JSON Lines file into memory, parses them all with each parser, five runs
 * each (interleaved), and prints the median MB/s and lines/s of each and
 * the ratio.  For scale it also times splitting the same bytes into lines.
 *
 *   make build/libwachter.a
 *   cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -Isrc -o build/parse_bench \
 *      bench/parse_bench.c build/libwachter.a -lcjson
 *   build/parse_bench FILE [N]
 *
 * A file to try: bench/gen -n 1000000 -o DIR (branch bench), DIR/events.jsonl. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "input/ev_fast.h"
#include "input/ev_parse.h"

enum { RUNS = 5, BATCH = 4096 /* lines per arena reset, as a batch in ingest */ };

typedef struct corpus {
    char *text;
    const char **line;
    size_t *len, n, bytes; /* bytes: with the newlines */
} corpus;

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int load(const char *path, size_t max, corpus *c)
{
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    c->text = malloc((size_t)size + 1);
    c->line = malloc(sizeof *c->line * max);
    c->len = malloc(sizeof *c->len * max);
    if (!c->text || !c->line || !c->len || fread(c->text, 1, (size_t)size, f) != (size_t)size) {
        fclose(f);
        return -1;
    }
    fclose(f);
    c->n = c->bytes = 0;
    for (char *p = c->text, *end = c->text + size; p < end && c->n < max;) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = (size_t)((nl ? nl : end) - p);
        c->line[c->n] = p;
        c->len[c->n++] = n;
        c->bytes += n + (nl != NULL);
        p += n + 1;
    }
    return 0;
}

typedef int parse_fn(const char *, size_t, arena *, ev_event *, const char **);

/* Seconds to parse every line; *ok counts the accepted ones. */
static double run(const corpus *c, parse_fn *fn, arena *a, size_t *ok, uint64_t *sum)
{
    double t0 = now_s();
    *ok = 0;
    for (size_t i = 0; i < c->n; i++) {
        ev_event ev;
        const char *why;
        if (fn(c->line[i], c->len[i], a, &ev, &why) == 0) {
            (*ok)++;
            *sum += ev.key;
        }
        if (i % BATCH == BATCH - 1) arena_reset(a);
    }
    arena_reset(a);
    return now_s() - t0;
}

/* The reference: finding the line ends in the same bytes. */
static double run_split(const corpus *c, uint64_t *sum)
{
    double t0 = now_s();
    const char *p = c->text, *end = c->text + c->bytes;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) break;
        *sum += (uint64_t)(nl - p);
        p = nl + 1;
    }
    return now_s() - t0;
}

static int cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

static double median(double *t)
{
    qsort(t, RUNS, sizeof *t, cmp_double);
    return t[RUNS / 2];
}

static void report(const char *name, const corpus *c, double s)
{
    printf("%-22s %9.1f MB/s %12.0f lines/s   (median of %d: %.3f s)\n", name, c->bytes / s / 1e6,
           c->n / s, RUNS, s);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: parse_bench FILE [N]\n");
        return 2;
    }
    size_t max = argc > 2 ? strtoull(argv[2], NULL, 10) : 1000000;
    corpus c;
    if (load(argv[1], max, &c) < 0) {
        fprintf(stderr, "parse_bench: cannot read %s\n", argv[1]);
        return 1;
    }
    arena *a = arena_new(1 << 20);
    double tj[RUNS], tf[RUNS], ts[RUNS];
    size_t okj = 0, okf = 0, fast = 0;
    uint64_t sum = 0;
    for (int r = 0; r < RUNS; r++) {
        tj[r] = run(&c, ev_parse_json, a, &okj, &sum);
        tf[r] = run(&c, ev_parse, a, &okf, &sum);
        ts[r] = run_split(&c, &sum);
    }
    for (size_t i = 0; i < c.n; i++) {
        ev_event ev;
        fast += ev_fast_parse(c.line[i], c.len[i], a, &ev) == 0;
        if (i % BATCH == BATCH - 1) arena_reset(a);
    }
    printf("%zu lines, %.1f MB, %zu accepted (cJSON) / %zu (fast+fallback), %zu by the fast path\n",
           c.n, c.bytes / 1e6, okj, okf, fast);
    double mj = median(tj), mf = median(tf), ms = median(ts);
    report("ev_parse_json (cJSON)", &c, mj);
    report("ev_parse (fast)", &c, mf);
    report("split into lines", &c, ms);
    printf("ratio fast/cJSON: %.2fx   (checksum %llx)\n", mj / mf,
           (unsigned long long)(sum & 0xffff));
    arena_free(a);
    free(c.text);
    free(c.line);
    free(c.len);
    return okj == okf ? 0 : 1;
}

/* mem_lat — what a random read into a large array costs on this machine,
 * the unit in which detection pays for its look-ups (a subject map of 1.8M
 * keys is 64 MB, and so are the subject records and convergence's entries).
 * Three ways, in arrays of 64 and 256 MiB on 4 KiB and on 2 MiB pages:
 *   - dependent: each read's address comes from the one before (a walk
 *     through a random cycle of cache lines): the full latency of a miss;
 *   - prefetched: independent reads at random addresses, each fetched
 *     AHEAD reads before it is used: what the memory sustains when misses
 *     overlap;
 *   - prefetched, with WORK dependent multiply-adds between two reads (some
 *     100 ns, as detection does between two events): whatever this adds to
 *     the work alone (the last column) is a prefetch that did not hide its
 *     miss.
 * Prints the median of RUNS runs of each, in ns a read.
 *
 *   cc -O2 -std=c11 -D_DEFAULT_SOURCE -o build/mem_lat bench/mem_lat.c
 *   build/mem_lat */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

enum { LINE = 64, RUNS = 3, AHEAD = 8, READS = 2000000, WORK = 100 };

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static uint64_t next_rand(uint64_t *x)
{
    *x ^= *x << 13;
    *x ^= *x >> 7;
    *x ^= *x << 17;
    return *x;
}

/* bytes of memory on 2 MiB pages (huge) or 4 KiB ones, every page touched. */
static unsigned char *region(size_t bytes, int huge)
{
    unsigned char *p = aligned_alloc(2u << 20, bytes);
    if (!p) return NULL;
    madvise(p, bytes, huge ? MADV_HUGEPAGE : MADV_NOHUGEPAGE);
    memset(p, 0, bytes);
    return p;
}

/* Links the n lines of p into one random cycle: line i's first 8 bytes
 * hold the index of the line after it (Sattolo's shuffle). */
static void link_cycle(unsigned char *p, size_t n, uint64_t *x)
{
    size_t *order = malloc(n * sizeof *order);
    if (!order) exit(1);
    for (size_t i = 0; i < n; i++)
        order[i] = i;
    for (size_t i = n - 1; i > 0; i--) {
        size_t j = next_rand(x) % i, t = order[i];
        order[i] = order[j];
        order[j] = t;
    }
    for (size_t i = 0; i < n; i++) {
        uint64_t to = order[(i + 1) % n];
        memcpy(p + order[i] * LINE, &to, sizeof to);
    }
    free(order);
}

/* ns a read, walking the cycle. */
static double dependent(const unsigned char *p)
{
    uint64_t at = 0;
    double t0 = now_s();
    for (size_t i = 0; i < READS; i++)
        memcpy(&at, p + at * LINE, sizeof at);
    double t = now_s() - t0;
    if (at == UINT64_MAX) puts(""); /* keeps the walk */
    return t * 1e9 / READS;
}

/* ns a read: reads at the lines of idx, each prefetched AHEAD before,
 * with work multiply-adds after each. */
static double prefetched(const unsigned char *p, const uint32_t *idx, int work)
{
    uint64_t sum = 0, acc = 1;
    double t0 = now_s();
    for (size_t i = 0; i < READS; i++) {
        if (i + AHEAD < READS) __builtin_prefetch(p + (size_t)idx[i + AHEAD] * LINE);
        sum += p[(size_t)idx[i] * LINE + 8];
        for (int k = 0; k < work; k++) {
            acc = acc * 6364136223846793005ULL + 1442695040888963407ULL;
            __asm__ volatile("" : "+r"(acc)); /* one after the other, not folded */
        }
    }
    double t = now_s() - t0;
    if (sum + acc == 0) puts("");
    return t * 1e9 / READS;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The median of RUNS runs of one way (0 dependent, 1 prefetched, 2 with work). */
static double median_of(const unsigned char *p, const uint32_t *idx, int way)
{
    double t[RUNS];
    for (int r = 0; r < RUNS; r++)
        t[r] = way == 0 ? dependent(p) : prefetched(p, idx, way == 2 ? WORK : 0);
    qsort(t, RUNS, sizeof *t, by_value);
    return t[RUNS / 2];
}

int main(void)
{
    static const size_t mib[2] = {64, 256};
    static const char *const way[3] = {"dependent (each address from the read before)",
                                       "independent, each prefetched 8 reads ahead",
                                       "the same, with about 100 ns of work between two reads"};
    double res[3][4], alone = 0;
    uint64_t x = 0x9E3779B97F4A7C15ULL;
    uint32_t *idx = malloc(READS * sizeof *idx);
    if (!idx) return 1;
    for (int c = 0; c < 4; c++) {
        size_t bytes = mib[c / 2] << 20, n = bytes / LINE;
        unsigned char *p = region(bytes, c % 2);
        if (!p) return 1;
        for (size_t i = 0; i < READS; i++)
            idx[i] = (uint32_t)(next_rand(&x) % n);
        link_cycle(p, n, &x);
        for (int w = 0; w < 3; w++)
            res[w][c] = median_of(p, idx, w);
        if (c == 0) { /* the work alone: every read in one cache line */
            memset(idx, 0, READS * sizeof *idx);
            alone = median_of(p, idx, 2);
        }
        free(p);
    }
    puts("| ns a random read | 64 MiB, 4 KiB pages | 64 MiB, 2 MiB pages | 256 MiB, 4 KiB pages |"
         " 256 MiB, 2 MiB pages | the work alone |");
    puts("|---|---|---|---|---|---|");
    for (int w = 0; w < 3; w++) {
        printf("| %s |", way[w]);
        for (int c = 0; c < 4; c++)
            printf(" %.1f |", res[w][c]);
        if (w == 2)
            printf(" %.1f |\n", alone);
        else
            printf(" |\n");
    }
    free(idx);
    return 0;
}

/* gen — what the two data generators share: bench/gen (the benchmark's
 * large access log) and tools/demogen (the organisation behind `wachter
 * demo`). Random numbers, numbers and timestamps written by hand, dates,
 * growing arrays, directories; gen_out.h writes their files.
 *
 * The generators differ in everything they model (units, names, schedules,
 * plants), so only these mechanics are here; each keeps its own world. The
 * writers are static inline because bench/gen calls them about fifteen
 * times per event and is built without link-time optimisation. */
#ifndef WACHTER_GEN_H
#define WACHTER_GEN_H
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* ---- random numbers -------------------------------------------------- */

/* splitmix64: advances *x and returns the next value. bench/gen draws from
 * it directly; the demo expands seeds with it into xoshiro256** state. */
static inline uint64_t gen_splitmix64(uint64_t *x)
{
    uint64_t z = (*x += UINT64_C(0x9e3779b97f4a7c15));
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

/* ---- writing numbers and text into a buffer ---------------------------
 * Each writes at p (the caller has reserved room) and returns the end. */

static inline char *gen_put_str(char *p, const char *s)
{
    size_t n = strlen(s);
    memcpy(p, s, n);
    return p + n;
}

#define GEN_PUT_LIT(p, lit) (memcpy((p), (lit), sizeof(lit) - 1), (p) + sizeof(lit) - 1)

/* v with exactly w digits, zero-padded (v must fit). */
static inline char *gen_put_fixed(char *p, uint64_t v, int w)
{
    for (int i = w - 1; i >= 0; i--) {
        p[i] = (char)('0' + v % 10);
        v /= 10;
    }
    return p + w;
}

static inline char *gen_put_u64(char *p, uint64_t v)
{
    char tmp[20];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n)
        *p++ = tmp[--n];
    return p;
}

/* ---- dates and timestamps --------------------------------------------- */

/* Days since 1970-01-01 of a civil date, and back (H. Hinnant's algorithms). */
int64_t gen_days_from_civil(int64_t y, int m, int d);
void gen_civil_from_days(int64_t z, int *y, int *m, int *d);

/* Writes epoch seconds as "YYYY-MM-DDTHH:MM:SSZ" (20 bytes, no NUL). The
 * date part is cached in the gen_tsfmt (set day to -1 first): a generator
 * writes in time order, so it changes rarely. */
typedef struct gen_tsfmt {
    int64_t day;
    char date[11];
} gen_tsfmt;

void gen_tsfmt_date(gen_tsfmt *c, int64_t day); /* fills the cache for day */

static inline char *gen_put_ts(char *p, gen_tsfmt *c, int64_t t)
{
    int64_t day = t / 86400, sod = t % 86400;
    if (day != c->day) gen_tsfmt_date(c, day);
    memcpy(p, c->date, 11);
    p = gen_put_fixed(p + 11, (uint64_t)(sod / 3600), 2);
    *p++ = ':';
    p = gen_put_fixed(p, (uint64_t)(sod / 60 % 60), 2);
    *p++ = ':';
    p = gen_put_fixed(p, (uint64_t)(sod % 60), 2);
    *p++ = 'Z';
    return p;
}

/* ---- memory and directories ------------------------------------------- */

/* Grows the array *v (elements of size sz, capacity *cap) to hold at least
 * need, doubling from 64. Returns 0, or -1 (out of memory; *v is kept). */
int gen_grow(void **v, size_t *cap, size_t need, size_t sz);

/* Creates directory dir and its missing parents (mkdir -p), readable by
 * their owner only (0700): a generated organisation holds staff addresses. Returns 0 when
 * dir is a directory afterwards; -1 when a mkdir failed (errno says why,
 * the directory it tried is written to failed, size n); -2 when dir exists
 * but is not a directory. */
int gen_mkdirs(const char *dir, char *failed, size_t n);
#endif

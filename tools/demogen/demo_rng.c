/* demo_rng — xoshiro256** seeded through splitmix64. Everything random in
 * the demo goes through a demo_rng held by the caller, so one seed gives
 * one organisation on every machine. */
#include "demo_int.h"

#include <math.h>
#include <stdlib.h>

void demo_rng_seed(demo_rng *r, uint64_t seed)
{
    uint64_t x = seed;
    for (int i = 0; i < 4; i++)
        r->s[i] = gen_splitmix64(&x);
}

void demo_rng_derive(demo_rng *r, uint64_t seed, uint64_t salt, uint64_t a, uint64_t b)
{
    uint64_t x = seed;
    uint64_t h = gen_splitmix64(&x);
    x = h ^ (salt * 0xd1342543de82ef95ULL);
    h = gen_splitmix64(&x);
    x = h ^ (a * 0x9e3779b97f4a7c15ULL);
    h = gen_splitmix64(&x);
    x = h ^ (b * 0xc2b2ae3d27d4eb4fULL);
    demo_rng_seed(r, gen_splitmix64(&x));
}

static uint64_t rotl(uint64_t v, int k)
{
    return (v << k) | (v >> (64 - k));
}

uint64_t demo_rng_next(demo_rng *r)
{
    uint64_t *s = r->s;
    uint64_t out = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return out;
}

uint32_t demo_rng_below(demo_rng *r, uint32_t n)
{
    /* Lemire's multiply-shift; the bias for n < 2^32 is below 2^-32. */
    return (uint32_t)(((demo_rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

int demo_rng_range(demo_rng *r, int lo, int hi)
{
    if (hi <= lo) return lo;
    return lo + (int)demo_rng_below(r, (uint32_t)(hi - lo + 1));
}

double demo_rng_unit(demo_rng *r)
{
    return (double)(demo_rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

int demo_rng_chance(demo_rng *r, double p)
{
    return demo_rng_unit(r) < p;
}

double demo_rng_normal(demo_rng *r)
{
    double u = demo_rng_unit(r), v = demo_rng_unit(r);
    if (u < 1e-300) u = 1e-300;
    return sqrt(-2.0 * log(u)) * cos(6.283185307179586 * v);
}

int demo_rng_poisson(demo_rng *r, double lambda)
{
    if (lambda <= 0) return 0;
    if (lambda > 60) { /* normal approximation; exp(-lambda) would lose precision */
        double x = lambda + sqrt(lambda) * demo_rng_normal(r) + 0.5;
        return x < 0 ? 0 : (int)x;
    }
    double limit = exp(-lambda), p = demo_rng_unit(r);
    int k = 0;
    while (p > limit) {
        p *= demo_rng_unit(r);
        k++;
    }
    return k;
}

int demo_rng_pick(demo_rng *r, const double *w, int n)
{
    double sum = 0;
    for (int i = 0; i < n; i++)
        sum += w[i];
    double x = demo_rng_unit(r) * sum;
    for (int i = 0; i < n; i++) {
        if (x < w[i]) return i;
        x -= w[i];
    }
    return n - 1;
}

void demo_rng_shuffle(demo_rng *r, uint32_t *v, size_t n)
{
    for (size_t i = n; i > 1; i--) {
        size_t j = demo_rng_below(r, (uint32_t)i);
        uint32_t t = v[i - 1];
        v[i - 1] = v[j];
        v[j] = t;
    }
}

#include "util/hll.h"

#include <math.h>

void hll_add(uint8_t reg[HLL_M], uint64_t h)
{
    uint32_t idx = (uint32_t)(h >> (64 - HLL_BITS));
    uint64_t rest = h << HLL_BITS | (UINT64_C(1) << (HLL_BITS - 1)); /* bounds the rank */
    uint8_t rank = (uint8_t)(__builtin_clzll(rest) + 1);
    if (rank > reg[idx]) reg[idx] = rank;
}

void hll_merge(uint8_t reg[HLL_M], const uint8_t other[HLL_M])
{
    for (int i = 0; i < HLL_M; i++)
        if (other[i] > reg[i]) reg[i] = other[i];
}

double hll_count(const uint8_t reg[HLL_M])
{
    double sum = 0;
    int zeros = 0;
    for (int i = 0; i < HLL_M; i++) {
        sum += ldexp(1.0, -reg[i]);
        zeros += reg[i] == 0;
    }
    double m = HLL_M, e = 0.7213 / (1 + 1.079 / m) * m * m / sum;
    /* Few items: linear counting of the empty registers is more exact. */
    if (e <= 2.5 * m && zeros) e = m * log(m / zeros);
    return e;
}

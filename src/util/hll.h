/* hll — HyperLogLog: how many distinct items a stream holds, estimated in
 * 4 KiB with a standard error of about 1.6 %, and mergeable (the registers
 * of two sketches combine by maximum). */
#ifndef WACHTER_HLL_H
#define WACHTER_HLL_H
#include <stdint.h>

enum { HLL_BITS = 12, HLL_M = 1 << HLL_BITS };

/* Adds one item by its 64-bit hash (a well-mixed one, e.g. hash64). */
void hll_add(uint8_t reg[HLL_M], uint64_t h);
/* reg = max(reg, other), register by register. */
void hll_merge(uint8_t reg[HLL_M], const uint8_t other[HLL_M]);
/* The estimated number of distinct items added. */
double hll_count(const uint8_t reg[HLL_M]);
#endif

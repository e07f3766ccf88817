/* ops_sodium — libsodium made ready before the first operation that
 * hashes or derives: sodium_init, which is idempotent and safe to call
 * from every such operation (libsodium keeps its own once-flag). */
#ifndef WACHTER_OPS_SODIUM_H
#define WACHTER_OPS_SODIUM_H
#include "util/werr.h"

/* 0, or -1 with WERR_INTERNAL when libsodium cannot start. */
int ops_sodium_init(werr *e);
#endif

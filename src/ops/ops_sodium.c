#include "ops/ops_sodium.h"

#include <sodium.h>

int ops_sodium_init(werr *e)
{
    if (sodium_init() < 0)
        return werr_set(e, WERR_INTERNAL, "libsodium cannot start (no source of randomness?)");
    return 0;
}

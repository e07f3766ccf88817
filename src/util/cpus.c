#include "util/cpus.h"

#include <unistd.h>

int cpus_threads(int asked)
{
    if (asked > 0) return asked;
    return sysconf(_SC_NPROCESSORS_ONLN) >= 2 ? 2 : 1;
}

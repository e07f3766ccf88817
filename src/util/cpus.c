#include "util/cpus.h"

#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

int cpus_threads(int asked)
{
    if (asked > 0) return asked;
    return sysconf(_SC_NPROCESSORS_ONLN) >= 2 ? 2 : 1;
}

void cpus_name_thread(const char *name)
{
#ifdef __linux__
    prctl(PR_SET_NAME, name, 0, 0, 0);
#else
    (void)name;
#endif
}

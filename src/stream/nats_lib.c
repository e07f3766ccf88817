#include "stream/nats_lib.h"

#include <dlfcn.h>
#include <string.h>

/* The versioned name first (the runtime package has no unversioned link). */
static const char *const libs[] = {"libnats.so.3.4", "libnats.so"};

int nats_lib_open(nats_lib *l, werr *e)
{
    memset(l, 0, sizeof *l);
    for (size_t i = 0; i < sizeof libs / sizeof *libs && !l->lib; i++)
        l->lib = dlopen(libs[i], RTLD_NOW | RTLD_LOCAL);
    if (!l->lib)
        return werr_set(e, WERR_UNAVAILABLE,
                        "cannot load the NATS client library (Debian's libnats3.4): %s", dlerror());
#define NATS_LIB_LOAD(name)                                                                        \
    if (!(*(void **)&l->name = dlsym(l->lib, #name)))                                              \
        return werr_set(e, WERR_UNAVAILABLE, "the NATS client library lacks %s", #name);
    NATS_LIB_FNS(NATS_LIB_LOAD)
#undef NATS_LIB_LOAD
    return 0;
}

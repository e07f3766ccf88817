#include "serve/serve_mhd.h"

#include <dlfcn.h>
#include <string.h>

/* The library's names, the versioned one first (the runtime package has
 * no unversioned link). */
static const char *const libs[] = {"libmicrohttpd.so.12", "libmicrohttpd.so"};

int serve_mhd_open(serve_mhd *m, werr *e)
{
    memset(m, 0, sizeof *m);
    for (size_t i = 0; i < sizeof libs / sizeof *libs && !m->lib; i++)
        m->lib = dlopen(libs[i], RTLD_NOW | RTLD_LOCAL);
    if (!m->lib)
        return werr_set(e, WERR_UNAVAILABLE,
                        "cannot load libmicrohttpd (Debian's libmicrohttpd12): %s", dlerror());
    struct {
        const char *name;
        void **fn;
    } const want[] = {
        {"MHD_start_daemon", (void **)&m->start_daemon},
        {"MHD_stop_daemon", (void **)&m->stop_daemon},
        {"MHD_get_daemon_info", (void **)&m->get_daemon_info},
        {"MHD_is_feature_supported", (void **)&m->is_feature_supported},
        {"MHD_lookup_connection_value", (void **)&m->lookup_connection_value},
        {"MHD_get_connection_info", (void **)&m->get_connection_info},
        {"MHD_create_response_from_buffer", (void **)&m->create_response_from_buffer},
        {"MHD_create_response_from_fd64", (void **)&m->create_response_from_fd64},
        {"MHD_add_response_header", (void **)&m->add_response_header},
        {"MHD_queue_response", (void **)&m->queue_response},
        {"MHD_destroy_response", (void **)&m->destroy_response},
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        *want[i].fn = dlsym(m->lib, want[i].name);
        if (!*want[i].fn) {
            werr_set(e, WERR_UNAVAILABLE, "libmicrohttpd lacks %s", want[i].name);
            serve_mhd_close(m);
            return -1;
        }
    }
    return 0;
}

void serve_mhd_close(serve_mhd *m)
{
    if (m->lib) dlclose(m->lib);
    memset(m, 0, sizeof *m);
}

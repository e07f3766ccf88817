/* serve_mhd — libmicrohttpd, opened when a server starts (dlopen), not
 * linked into wachter: every other command would load it, and TLS's
 * libraries with it, at each start (over a millisecond of a listing's few:
 * bench/README.md). The functions the server calls, as pointers. */
#ifndef WACHTER_SERVE_MHD_H
#define WACHTER_SERVE_MHD_H
#include <microhttpd.h>

#include "util/werr.h"

typedef struct serve_mhd {
    void *lib; /* dlopen's handle */
    struct MHD_Daemon *(*start_daemon)(unsigned int flags, uint16_t port,
                                       MHD_AcceptPolicyCallback apc, void *apc_cls,
                                       MHD_AccessHandlerCallback dh, void *dh_cls, ...);
    void (*stop_daemon)(struct MHD_Daemon *d);
    const union MHD_DaemonInfo *(*get_daemon_info)(struct MHD_Daemon *d,
                                                   enum MHD_DaemonInfoType info, ...);
    enum MHD_Result (*is_feature_supported)(enum MHD_FEATURE feature);
    const char *(*lookup_connection_value)(struct MHD_Connection *c, enum MHD_ValueKind kind,
                                           const char *key);
    const union MHD_ConnectionInfo *(*get_connection_info)(struct MHD_Connection *c,
                                                           enum MHD_ConnectionInfoType info, ...);
    struct MHD_Response *(*create_response_from_buffer)(size_t size, void *buffer,
                                                        enum MHD_ResponseMemoryMode mode);
    struct MHD_Response *(*create_response_from_fd64)(uint64_t size, int fd);
    enum MHD_Result (*add_response_header)(struct MHD_Response *r, const char *header,
                                           const char *content);
    enum MHD_Result (*queue_response)(struct MHD_Connection *c, unsigned int status,
                                      struct MHD_Response *r);
    void (*destroy_response)(struct MHD_Response *r);
} serve_mhd;

/* Opens libmicrohttpd and finds its functions. 0, or -1 with e (then
 * nothing is held). */
int serve_mhd_open(serve_mhd *m, werr *e);
void serve_mhd_close(serve_mhd *m);
#endif

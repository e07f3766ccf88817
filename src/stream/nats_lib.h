/* nats_lib — the NATS C client (Debian's libnats3.4), loaded with dlopen
 * when a command talks to NATS, so that every other command starts
 * without it (as serve/serve_mhd.h does for libmicrohttpd). Its header
 * gives the types; the functions are called through this table. */
#ifndef WACHTER_NATS_LIB_H
#define WACHTER_NATS_LIB_H
#include <nats/nats.h>

#include "util/werr.h"

#define NATS_LIB_FNS(X)                                                                            \
    X(natsOptions_Create)                                                                          \
    X(natsOptions_SetServers)                                                                      \
    X(natsOptions_SetTimeout)                                                                      \
    X(natsOptions_SetName)                                                                         \
    X(natsOptions_SetMaxReconnect)                                                                 \
    X(natsOptions_SetReconnectWait)                                                                \
    X(natsOptions_Destroy)                                                                         \
    X(natsConnection_Connect)                                                                      \
    X(natsConnection_FlushTimeout)                                                                 \
    X(natsConnection_GetServers)                                                                   \
    X(natsConnection_Destroy)                                                                      \
    X(natsStatus_GetText)                                                                          \
    X(nats_GetLastError)                                                                           \
    X(natsConnection_JetStream)                                                                    \
    X(jsCtx_Destroy)                                                                               \
    X(jsOptions_Init)                                                                              \
    X(jsStreamConfig_Init)                                                                         \
    X(js_AddStream)                                                                                \
    X(js_GetStreamInfo)                                                                            \
    X(js_GetLastMsg)                                                                               \
    X(natsMsg_GetSequence)                                                                         \
    X(jsStreamInfo_Destroy)                                                                        \
    X(jsConsumerConfig_Init)                                                                       \
    X(js_AddConsumer)                                                                              \
    X(js_GetConsumerInfo)                                                                          \
    X(js_DeleteConsumer)                                                                           \
    X(jsConsumerInfo_Destroy)                                                                      \
    X(jsSubOptions_Init)                                                                           \
    X(js_PullSubscribe)                                                                            \
    X(natsSubscription_Fetch)                                                                      \
    X(natsSubscription_Destroy)                                                                    \
    X(natsMsgList_Destroy)                                                                         \
    X(natsMsg_Create)                                                                              \
    X(natsMsgHeader_Set)                                                                           \
    X(natsMsg_Destroy)                                                                             \
    X(natsMsg_GetData)                                                                             \
    X(natsMsg_GetDataLength)                                                                       \
    X(natsMsg_GetMetaData)                                                                         \
    X(jsMsgMetaData_Destroy)                                                                       \
    X(natsMsg_Ack)                                                                                 \
    X(jsPubOptions_Init)                                                                           \
    X(js_PublishMsgAsync)                                                                          \
    X(js_PublishAsyncComplete)                                                                     \
    X(js_PublishAsyncGetPendingList)

typedef struct nats_lib {
    void *lib;
#define NATS_LIB_FIELD(name) __typeof__(&name) name;
    NATS_LIB_FNS(NATS_LIB_FIELD)
#undef NATS_LIB_FIELD
} nats_lib;

/* Loads the library into *l. 0, or -1 with e (WERR_UNAVAILABLE: not
 * installed, naming Debian's package). The library stays loaded for the
 * process (its threads may outlive a connection). */
int nats_lib_open(nats_lib *l, werr *e);
#endif

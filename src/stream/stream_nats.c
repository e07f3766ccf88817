#include "stream/stream_nats.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "stream/nats_lib.h"

/* How long messages stay in the stream's duplicate window (ns): a line
 * published again within it is dropped by the stream itself (and after
 * it, by the store's event ids). */
#define DUP_WINDOW_NS (10LL * 60 * 1000000000)
/* How long a consumer waits for a delivered message's acknowledgement
 * before it delivers it again (ns): longer than a commit takes. */
#define ACK_WAIT_NS (120LL * 1000000000)
/* The most messages delivered and not acknowledged: what a worker fetches
 * before its commit. */
#define MAX_ACK_PENDING 1000000

struct stream_conn {
    nats_lib l;
    natsConnection *nc;
    jsCtx *js;
    stream_pub *pub; /* the publisher whose acknowledgements come here */
    char servers[512];
};

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* e from status s of what (the client's own text where it has one). */
static int nats_failed(const stream_conn *c, natsStatus s, jsErrCode jerr, const char *what,
                       werr *e)
{
    natsStatus ls = s;
    const char *detail = c->l.nats_GetLastError(&ls);
    werr_code code = s == NATS_NOT_FOUND ? WERR_NOT_FOUND : WERR_UNAVAILABLE;
    if (jerr)
        return werr_set(e, code, "NATS: %s: %s (JetStream error %d)", what,
                        detail && *detail ? detail : c->l.natsStatus_GetText(s), (int)jerr);
    return werr_set(e, code, "NATS: %s: %s", what,
                    detail && *detail ? detail : c->l.natsStatus_GetText(s));
}

static void on_ack(jsCtx *js, natsMsg *msg, jsPubAck *pa, jsPubAckErr *pae, void *closure);

/* How long a JetStream request is tried again while the cluster does not
 * answer (a server gone, a leader being elected), ms. */
#define RETRY_MS 30000

/* Whether a request that failed with s is worth trying again: 1 after a
 * pause, while less than RETRY_MS passed since t0. */
static int again(natsStatus s, int64_t t0)
{
    if (s != NATS_TIMEOUT && s != NATS_NO_RESPONDERS && s != NATS_CONNECTION_DISCONNECTED) return 0;
    if (now_ms() - t0 > RETRY_MS) return 0;
    struct timespec pause = {0, 250 * 1000000};
    nanosleep(&pause, NULL);
    return 1;
}

int stream_connect(const stream_servers *sv, const char *client_name, stream_conn **out, werr *e)
{
    stream_conn *c = calloc(1, sizeof *c);
    if (!c) return werr_set(e, WERR_INTERNAL, "out of memory");
    if (nats_lib_open(&c->l, e) < 0) {
        free(c);
        return -1;
    }
    for (int i = 0, at = 0; i < sv->n && at < (int)sizeof c->servers; i++)
        at += snprintf(c->servers + at, sizeof c->servers - (size_t)at, "%s%s", i ? "," : "",
                       sv->url[i]);
    const char *urls[STREAM_MAX_SERVERS];
    for (int i = 0; i < sv->n; i++)
        urls[i] = sv->url[i];
    natsOptions *o = NULL;
    natsStatus s = c->l.natsOptions_Create(&o);
    if (s == NATS_OK) s = c->l.natsOptions_SetServers(o, urls, sv->n);
    if (s == NATS_OK) s = c->l.natsOptions_SetTimeout(o, STREAM_CONNECT_MS);
    if (s == NATS_OK) s = c->l.natsOptions_SetName(o, client_name);
    /* A server that goes: the others are tried for a minute. */
    if (s == NATS_OK) s = c->l.natsOptions_SetMaxReconnect(o, 240);
    if (s == NATS_OK) s = c->l.natsOptions_SetReconnectWait(o, 250);
    if (s == NATS_OK) s = c->l.natsConnection_Connect(&c->nc, o);
    if (o) c->l.natsOptions_Destroy(o);
    if (s != NATS_OK) {
        werr_set(e, WERR_UNAVAILABLE, "NATS: cannot connect to %s: %s", c->servers,
                 c->l.natsStatus_GetText(s));
        stream_close(c);
        return -1;
    }
    jsOptions jo;
    c->l.jsOptions_Init(&jo);
    jo.Wait = STREAM_REQUEST_MS;
    jo.PublishAsync.AckHandler = on_ack;
    jo.PublishAsync.AckHandlerClosure = c;
    jo.PublishAsync.MaxPending = 1 << 20;
    if ((s = c->l.natsConnection_JetStream(&c->js, c->nc, &jo)) != NATS_OK) {
        nats_failed(c, s, 0, "JetStream", e);
        stream_close(c);
        return -1;
    }
    *out = c;
    return 0;
}

void stream_close(stream_conn *c)
{
    if (!c) return;
    if (c->nc) c->l.natsConnection_FlushTimeout(c->nc, 2000);
    if (c->js) c->l.jsCtx_Destroy(c->js);
    if (c->nc) c->l.natsConnection_Destroy(c->nc);
    free(c);
}

/* How many servers the connection knows (those given and those the
 * cluster told of). */
static int servers_known(stream_conn *c)
{
    char **list = NULL;
    int n = 0;
    if (c->l.natsConnection_GetServers(c->nc, &list, &n) != NATS_OK) return 1;
    for (int i = 0; i < n; i++)
        free(list[i]);
    free(list);
    return n;
}

int stream_ensure(stream_conn *c, const char *name, const char *prefix, int replicas, int *created,
                  werr *e)
{
    jsStreamInfo *si = NULL;
    jsErrCode jerr = 0;
    *created = 0;
    natsStatus s;
    for (int64_t t0 = now_ms();
         (s = c->l.js_GetStreamInfo(&si, c->js, name, NULL, &jerr)) != NATS_OK && again(s, t0);)
        jerr = 0;
    if (s == NATS_OK) {
        c->l.jsStreamInfo_Destroy(si);
        return 0;
    }
    if (s != NATS_NOT_FOUND) return nats_failed(c, s, jerr, name, e);
    char subject[256];
    if (snprintf(subject, sizeof subject, "%s.*", prefix) >= (int)sizeof subject)
        return werr_set(e, WERR_INPUT, "subject prefix too long");
    const char *subjects[1] = {subject};
    jsStreamConfig cfg;
    c->l.jsStreamConfig_Init(&cfg);
    cfg.Name = name;
    cfg.Subjects = subjects;
    cfg.SubjectsLen = 1;
    cfg.Storage = js_FileStorage;
    cfg.Replicas = replicas > 0 ? replicas : servers_known(c) >= 3 ? 3 : 1;
    cfg.Duplicates = DUP_WINDOW_NS;
    jerr = 0;
    for (int64_t t0 = now_ms();
         (s = c->l.js_AddStream(&si, c->js, &cfg, NULL, &jerr)) != NATS_OK && again(s, t0);)
        jerr = 0;
    if (s == NATS_OK) {
        c->l.jsStreamInfo_Destroy(si);
        *created = 1;
        return 0;
    }
    /* Another publisher made it meanwhile. */
    if (jerr == JSStreamNameExistErr) return 0;
    char what[160];
    snprintf(what, sizeof what, "creating stream %s (%d replicas)", name, (int)cfg.Replicas);
    return nats_failed(c, s, jerr, what, e);
}

int stream_last_seq(stream_conn *c, const char *name, uint64_t *last, werr *e)
{
    jsStreamInfo *si = NULL;
    jsErrCode jerr = 0;
    natsStatus s = c->l.js_GetStreamInfo(&si, c->js, name, NULL, &jerr);
    if (s != NATS_OK) return nats_failed(c, s, jerr, name, e);
    *last = si->State.LastSeq;
    c->l.jsStreamInfo_Destroy(si);
    return 0;
}

/* ---- publishing ---- */

enum { PUB_NEW, PUB_SENT, PUB_OK, PUB_DUP, PUB_ERR, PUB_DONE };

typedef struct pub_entry {
    char *block; /* subject \0 id \0 data */
    size_t n;    /* data's length */
    size_t id_at, data_at;
    natsMsg *m; /* while the library or its acknowledgement holds it */
    int state;
} pub_entry;

struct stream_pub {
    stream_conn *c;
    pthread_mutex_t mu;
    pub_entry *w;
    int cap, n, cursor;
    int timeout_ms;
    stream_pub_stats st;
};

/* The acknowledgement (or failure) of msg, in the library's thread: the
 * message is the caller's from here on (freed at the window's end). */
static void on_ack(jsCtx *js, natsMsg *msg, jsPubAck *pa, jsPubAckErr *pae, void *closure)
{
    stream_conn *c = closure;
    stream_pub *p = c->pub;
    int found = 0;
    if (p) {
        pthread_mutex_lock(&p->mu);
        for (int k = 0; k < p->n && !found; k++) {
            int i = (p->cursor + k) % p->n;
            if (p->w[i].m == msg && p->w[i].state == PUB_SENT) {
                p->w[i].state = pa ? (pa->Duplicate ? PUB_DUP : PUB_OK) : PUB_ERR;
                p->cursor = i + 1;
                found = 1;
            }
        }
        pthread_mutex_unlock(&p->mu);
    }
    if (!found) c->l.natsMsg_Destroy(msg);
}

int stream_pub_open(stream_conn *c, int window, int timeout_ms, stream_pub **out, werr *e)
{
    stream_pub *p = calloc(1, sizeof *p);
    if (!p || !(p->w = calloc((size_t)window, sizeof *p->w))) {
        free(p);
        return werr_set(e, WERR_INTERNAL, "out of memory");
    }
    pthread_mutex_init(&p->mu, NULL);
    p->c = c;
    p->cap = window;
    p->timeout_ms = timeout_ms;
    c->pub = p;
    *out = p;
    return 0;
}

static void entry_release(stream_pub *p, pub_entry *en)
{
    if (en->m) p->c->l.natsMsg_Destroy(en->m);
    en->m = NULL;
}

/* Sends every entry not acknowledged yet. */
static void send_round(stream_pub *p)
{
    stream_conn *c = p->c;
    for (int i = 0; i < p->n; i++) {
        pub_entry *en = &p->w[i];
        if (en->state != PUB_NEW) continue;
        natsMsg *m = NULL;
        natsStatus s =
            c->l.natsMsg_Create(&m, en->block, NULL, en->block + en->data_at, (int)en->n);
        if (s == NATS_OK) s = c->l.natsMsgHeader_Set(m, "Nats-Msg-Id", en->block + en->id_at);
        if (s != NATS_OK) {
            if (m) c->l.natsMsg_Destroy(m);
            continue; /* stays new: sent again next round */
        }
        pthread_mutex_lock(&p->mu);
        en->m = m;
        en->state = PUB_SENT;
        pthread_mutex_unlock(&p->mu);
        natsMsg *mine = m;
        if (c->l.js_PublishMsgAsync(c->js, &mine, NULL) != NATS_OK) {
            pthread_mutex_lock(&p->mu);
            en->m = NULL;
            en->state = PUB_NEW;
            pthread_mutex_unlock(&p->mu);
            if (mine) c->l.natsMsg_Destroy(mine);
        }
    }
}

int stream_pub_flush(stream_pub *p, werr *e)
{
    stream_conn *c = p->c;
    int64_t last_progress = now_ms();
    for (int round = 0; p->n; round++) {
        send_round(p);
        jsPubOptions po;
        c->l.jsPubOptions_Init(&po);
        po.MaxWait = 2000;
        natsStatus s = c->l.js_PublishAsyncComplete(c->js, &po);
        if (s != NATS_OK) {
            /* What has no acknowledgement yet is the caller's again. */
            natsMsgList pending = {0};
            if (c->l.js_PublishAsyncGetPendingList(&pending, c->js) == NATS_OK) {
                pthread_mutex_lock(&p->mu);
                for (int k = 0; k < pending.Count; k++)
                    for (int i = 0; i < p->n; i++)
                        if (p->w[i].m == pending.Msgs[k] && p->w[i].state == PUB_SENT) {
                            p->w[i].m = NULL;
                            p->w[i].state = PUB_NEW;
                            break;
                        }
                pthread_mutex_unlock(&p->mu);
                c->l.natsMsgList_Destroy(&pending);
            }
        }
        int left = 0, progress = 0;
        pthread_mutex_lock(&p->mu);
        for (int i = 0; i < p->n; i++) {
            pub_entry *en = &p->w[i];
            if (en->state == PUB_OK || en->state == PUB_DUP) {
                if (en->state == PUB_OK)
                    p->st.published++;
                else
                    p->st.duplicates++;
                entry_release(p, en);
                en->state = PUB_DONE;
                progress = 1;
            } else if (en->state == PUB_ERR) {
                entry_release(p, en);
                en->state = PUB_NEW;
            }
            if (en->state == PUB_NEW || en->state == PUB_SENT) left++;
        }
        pthread_mutex_unlock(&p->mu);
        if (!left) break;
        p->st.resent += left;
        if (progress) last_progress = now_ms();
        if (now_ms() - last_progress > p->timeout_ms)
            return werr_set(e, WERR_UNAVAILABLE,
                            "NATS: %d messages without the stream's acknowledgement for %d s"
                            " (servers %s)",
                            left, p->timeout_ms / 1000, c->servers);
        struct timespec pause = {0, 250 * 1000000};
        nanosleep(&pause, NULL);
    }
    for (int i = 0; i < p->n; i++) {
        free(p->w[i].block);
        p->w[i].block = NULL;
    }
    p->n = 0;
    p->cursor = 0;
    return 0;
}

int stream_pub_add(stream_pub *p, const char *subject, const char *msg_id, const char *data,
                   size_t n, werr *e)
{
    if (p->n == p->cap && stream_pub_flush(p, e) < 0) return -1;
    size_t ls = strlen(subject) + 1, li = strlen(msg_id) + 1;
    pub_entry *en = &p->w[p->n];
    memset(en, 0, sizeof *en);
    if (!(en->block = malloc(ls + li + n + 1))) return werr_set(e, WERR_INTERNAL, "out of memory");
    memcpy(en->block, subject, ls);
    memcpy(en->block + ls, msg_id, li);
    memcpy(en->block + ls + li, data, n);
    en->id_at = ls;
    en->data_at = ls + li;
    en->n = n;
    en->state = PUB_NEW;
    pthread_mutex_lock(&p->mu);
    p->n++;
    pthread_mutex_unlock(&p->mu);
    return 0;
}

const stream_pub_stats *stream_pub_stats_of(const stream_pub *p)
{
    return &p->st;
}

void stream_pub_free(stream_pub *p)
{
    if (!p) return;
    /* Nothing pending is left for the handler after a flush; after a
     * failure, what the library holds is dropped with the connection. */
    pthread_mutex_lock(&p->mu);
    p->c->pub = NULL;
    for (int i = 0; i < p->n; i++) {
        if (p->w[i].state != PUB_SENT) entry_release(p, &p->w[i]);
        free(p->w[i].block);
    }
    pthread_mutex_unlock(&p->mu);
    pthread_mutex_destroy(&p->mu);
    free(p->w);
    free(p);
}

/* ---- consuming ---- */

struct stream_sub {
    stream_conn *c;
    natsSubscription *sub;
    natsMsgList list;   /* the last fetch */
    natsMsg *processed; /* the last message processed, to acknowledge */
    char stream[128], durable[160], filter[256];
};

/* Creates consumer durable over filter, delivering from start (0: all). */
static int consumer_add(stream_conn *c, const char *stream, const char *durable, const char *filter,
                        uint64_t start, werr *e)
{
    jsConsumerConfig cc;
    c->l.jsConsumerConfig_Init(&cc);
    cc.Durable = durable;
    cc.AckPolicy = js_AckAll;
    cc.AckWait = ACK_WAIT_NS;
    cc.MaxAckPending = MAX_ACK_PENDING;
    cc.FilterSubject = filter;
    cc.MaxDeliver = -1;
    if (start) {
        cc.DeliverPolicy = js_DeliverByStartSequence;
        cc.OptStartSeq = start;
    } else {
        cc.DeliverPolicy = js_DeliverAll;
    }
    jsConsumerInfo *ci = NULL;
    jsErrCode jerr = 0;
    natsStatus s;
    for (int64_t t0 = now_ms();
         (s = c->l.js_AddConsumer(&ci, c->js, stream, &cc, NULL, &jerr)) != NATS_OK &&
         again(s, t0);)
        jerr = 0;
    if (s != NATS_OK) {
        char what[200];
        snprintf(what, sizeof what, "creating consumer %s on stream %s", durable, stream);
        return nats_failed(c, s, jerr, what, e);
    }
    c->l.jsConsumerInfo_Destroy(ci);
    return 0;
}

int stream_sub_open(stream_conn *c, const char *stream, const char *durable, const char *filter,
                    stream_sub **out, werr *e)
{
    jsConsumerInfo *ci = NULL;
    jsErrCode jerr = 0;
    natsStatus s;
    for (int64_t t0 = now_ms();
         (s = c->l.js_GetConsumerInfo(&ci, c->js, stream, durable, NULL, &jerr)) != NATS_OK &&
         again(s, t0);)
        jerr = 0;
    if (s != NATS_OK && jerr == JSStreamNotFoundErr)
        return werr_set(e, WERR_NOT_FOUND, "NATS: no stream %s (wachter publish makes it)", stream);
    if (s == NATS_NOT_FOUND || (s != NATS_OK && jerr == JSConsumerNotFoundErr)) {
        if (consumer_add(c, stream, durable, filter, 0, e) < 0) return -1;
    } else if (s != NATS_OK) {
        return nats_failed(c, s, jerr, durable, e);
    } else {
        uint64_t floor = ci->AckFloor.Stream, delivered = ci->Delivered.Stream;
        int pending = ci->NumAckPending > 0 || delivered > floor;
        c->l.jsConsumerInfo_Destroy(ci);
        if (pending) {
            /* Delivered to a worker that is gone, not acknowledged: again
             * from the floor, now and in order. */
            jerr = 0;
            if ((s = c->l.js_DeleteConsumer(c->js, stream, durable, NULL, &jerr)) != NATS_OK)
                return nats_failed(c, s, jerr, durable, e);
            if (consumer_add(c, stream, durable, filter, floor + 1, e) < 0) return -1;
        }
    }
    stream_sub *sb = calloc(1, sizeof *sb);
    if (!sb) return werr_set(e, WERR_INTERNAL, "out of memory");
    sb->c = c;
    snprintf(sb->stream, sizeof sb->stream, "%s", stream);
    snprintf(sb->durable, sizeof sb->durable, "%s", durable);
    snprintf(sb->filter, sizeof sb->filter, "%s", filter);
    jsSubOptions so;
    c->l.jsSubOptions_Init(&so);
    so.Stream = stream;
    so.Consumer = durable;
    jerr = 0;
    s = c->l.js_PullSubscribe(&sb->sub, c->js, filter, durable, NULL, &so, &jerr);
    if (s != NATS_OK) {
        free(sb);
        return nats_failed(c, s, jerr, durable, e);
    }
    *out = sb;
    return 0;
}

int stream_sub_fetch(stream_sub *s, int max, int wait_ms, werr *e)
{
    stream_conn *c = s->c;
    if (s->list.Msgs) c->l.natsMsgList_Destroy(&s->list);
    memset(&s->list, 0, sizeof s->list);
    jsErrCode jerr = 0;
    natsStatus st = c->l.natsSubscription_Fetch(&s->list, s->sub, max, wait_ms, &jerr);
    if (st == NATS_OK) return s->list.Count;
    memset(&s->list, 0, sizeof s->list);
    /* Nothing came in time, or a server went and the client reconnects:
     * the next fetch tries again. */
    if (st == NATS_TIMEOUT || st == NATS_CONNECTION_DISCONNECTED || st == NATS_NO_RESPONDERS ||
        st == NATS_NOT_FOUND || st == NATS_MISMATCH)
        return 0;
    return nats_failed(c, st, jerr, "fetching", e);
}

void stream_sub_msg(const stream_sub *s, int i, const char **data, size_t *n, uint64_t *seq)
{
    natsMsg *m = s->list.Msgs[i];
    const stream_conn *c = s->c;
    *data = c->l.natsMsg_GetData(m);
    *n = (size_t)c->l.natsMsg_GetDataLength(m);
    *seq = 0;
    jsMsgMetaData *meta = NULL;
    if (c->l.natsMsg_GetMetaData(&meta, m) == NATS_OK) {
        *seq = meta->Sequence.Stream;
        c->l.jsMsgMetaData_Destroy(meta);
    }
}

void stream_sub_done(stream_sub *s)
{
    stream_conn *c = s->c;
    if (s->list.Count > 0) {
        if (s->processed) c->l.natsMsg_Destroy(s->processed);
        s->processed = s->list.Msgs[s->list.Count - 1];
        s->list.Msgs[s->list.Count - 1] = NULL;
    }
    if (s->list.Msgs) c->l.natsMsgList_Destroy(&s->list);
    memset(&s->list, 0, sizeof s->list);
}

int stream_sub_ack(stream_sub *s, werr *e)
{
    if (!s->processed) return 0;
    stream_conn *c = s->c;
    natsStatus st = c->l.natsMsg_Ack(s->processed, NULL);
    c->l.natsMsg_Destroy(s->processed);
    s->processed = NULL;
    /* An acknowledgement that is lost only brings its messages again: the
     * store knows them (event ids). */
    return st == NATS_OK || st == NATS_CONNECTION_DISCONNECTED ? 0
                                                               : nats_failed(c, st, 0, "ack", e);
}

int stream_sub_pending(stream_sub *s, uint64_t *n)
{
    stream_conn *c = s->c;
    jsConsumerInfo *ci = NULL;
    jsErrCode jerr = 0;
    if (c->l.js_GetConsumerInfo(&ci, c->js, s->stream, s->durable, NULL, &jerr) != NATS_OK)
        return -1;
    uint64_t floor = ci->AckFloor.Stream, last = 0;
    c->l.jsConsumerInfo_Destroy(ci);
    /* The last message the consumer's subject has, from the stream itself
     * (a consumer's own count of what is pending can lag behind a leader
     * that changed). */
    if (strchr(s->filter, '*')) {
        if (stream_last_seq(c, s->stream, &last, NULL) < 0) return -1;
    } else {
        natsMsg *m = NULL;
        jerr = 0;
        natsStatus st = c->l.js_GetLastMsg(&m, c->js, s->stream, s->filter, NULL, &jerr);
        if (st == NATS_OK) {
            last = c->l.natsMsg_GetSequence(m);
            c->l.natsMsg_Destroy(m);
        } else if (st != NATS_NOT_FOUND) {
            return -1;
        }
    }
    *n = last > floor ? last - floor : 0;
    return 0;
}

void stream_sub_free(stream_sub *s)
{
    if (!s) return;
    stream_conn *c = s->c;
    if (s->list.Msgs) c->l.natsMsgList_Destroy(&s->list);
    if (s->processed) c->l.natsMsg_Destroy(s->processed);
    if (s->sub) c->l.natsSubscription_Destroy(s->sub);
    free(s);
}

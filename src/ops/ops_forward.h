/* ops_forward — `wachter forward`: each alert sent once to a SOC's
 * collector or webhook (forward/), in the order alerts were first stored,
 * from a cursor per destination kept in the store (store_forward.h).
 *
 * What "once" means. The cursor moves only after delivery is confirmed:
 * for syslog over TCP or TLS when the collector has read a whole batch
 * and closed the connection (fwd_syslog.h), for a webhook on its 2xx
 * answer to each alert. An alert is sent again, and arrives twice, only
 * when wachter stops between that confirmation and the cursor's commit
 * (a crash, a kill -9; the window is one batch), or when a webhook took
 * an alert but its answer was lost. Every payload carries the alert's id
 * (ECS event.id, CEF externalId, syslog's [wachter@32473 alert=...],
 * TheHive's sourceRef) for a receiver to drop such a repeat (TheHive's
 * refusal of one, "already exists", counts as delivered). An alert is
 * never skipped: a failed batch leaves the cursor where it was.
 *
 * Staff are named by pseudonym in everything sent (priv/pseudonym.h,
 * under the store's key), by account only when the operator asked
 * (--reveal: key NULL). */
#ifndef WACHTER_OPS_FORWARD_H
#define WACHTER_OPS_FORWARD_H
#include <signal.h>
#include <stdint.h>

#include "emit/emit_siem.h"
#include "forward/fwd_syslog.h"
#include "priv/pkey.h"
#include "store/store_forward.h"

typedef struct ops_fwd_opts {
    const char *to;              /* the destination's URL (fwd_url.h) */
    int payload;                 /* enum emit_siem; -1: syslog for syslog+*, ecs for http(s) */
    fwd_tls_files tls;           /* --ca, --cert, --key */
    const char *bearer;          /* a webhook's key (Authorization: Bearer); NULL none */
    const pkey *key;             /* the pseudonyms' key; NULL: real accounts (--reveal) */
    emit_siem_from from;         /* the sender, as the payloads name it */
    int batch;                   /* alerts per syslog batch (0: 500) */
    int tries;                   /* a webhook: tries per alert in one pass (0: 3) */
    int timeout_s;               /* per network step (0: 10) */
    volatile sig_atomic_t *stop; /* set (SIGTERM): stop after the batch under way */
} ops_fwd_opts;

/* What a pass did: alerts delivered, the first and last of them, the
 * cursor after it, and how many wait still. */
typedef struct ops_fwd_result {
    const char *dest, *payload;
    int64_t sent, cursor, pending;
    char first[64], last[64];
} ops_fwd_result;

/* Checks o (its URL and payload) without sending. 0 or -1 with e
 * (WERR_INPUT). */
int ops_forward_check(const ops_fwd_opts *o, werr *e);
/* One pass: every alert after the destination's cursor, in batches,
 * until none is left, a batch fails or o->stop is set. 0, or -1 with e
 * (the failure, also recorded as the destination's last error; r says
 * what was delivered before it). */
int ops_forward_once(store *s, const ops_fwd_opts *o, ops_fwd_result *r, werr *e);
/* Passes every every_s seconds until o->stop is set; after each pass
 * that sent something or failed, calls pass(r, e or NULL, ctx). Failures
 * are retried at the next pass. Returns 0 when stopped, -1 with e when
 * the store failed. */
typedef void (*ops_fwd_pass_fn)(const ops_fwd_result *r, const werr *failed, void *ctx);
int ops_forward_follow(store *s, const ops_fwd_opts *o, int every_s, ops_fwd_pass_fn pass,
                       void *ctx, werr *e);
/* Calls fn for each destination with its cursor, pending count and last
 * error. 0, fn's non-zero, or -1 with e. */
int ops_forward_status(store *s, store_fwd_fn fn, void *ctx, werr *e);
#endif

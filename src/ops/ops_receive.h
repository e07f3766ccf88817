/* ops_receive — the Logboek Dataverwerkingen receiver's domain: spans
 * (processing records, OTLP/JSON) and the application's audit records
 * (who did it) joined on trace and operation id into canonical events,
 * fed through the ingest's pipeline (pipeline/ingest_feed.h). A record
 * whose other half has not come waits in the store (store/store_otlp.h)
 * for wait_ms, then is quarantined with the reason; a span that carries
 * its user (enduser.id) needs no join. The purpose of an event is the
 * processing activity's name in the register (activities.csv), else its
 * id (told once per id in a note). Nothing is committed until
 * ops_receive_commit: the caller acknowledges after it. Time (now, ms) is
 * the caller's, so tests inject it. One thread uses a receiver. */
#ifndef WACHTER_OPS_RECEIVE_H
#define WACHTER_OPS_RECEIVE_H
#include <stddef.h>
#include <stdint.h>

#include "ops/ops.h"
#include "pipeline/ingest.h"
#include "store/store.h"
#include "util/werr.h"

/* The quarantine's sources: spans (and bodies that are not OTLP), audit
 * records. */
#define OPS_RECEIVE_SOURCE "otlp"
#define OPS_RECEIVE_AUDIT_SOURCE "otlp-audit"

typedef struct ops_receiver ops_receiver;

/* What one request did: records taken, bad ones (quarantined; the first's
 * reason in error), events made now, records left waiting, spans whose
 * event was stored before (sent again). */
typedef struct ops_received {
    long records, rejected, events, waiting, duplicates;
    char error[320];
} ops_received;

/* Becomes s's writer (store_lock.h; until close or abort), loads the
 * reference data and the rules, and opens the feed. wait_ms: how long a
 * record waits for its other half; started (ms): when the receiver
 * started, so that records that waited while it was down get the whole
 * wait again. 0 with *out, or -1 with e. */
int ops_receive_open(store *s, int64_t wait_ms, int64_t started, const ops_notes *notes,
                     ops_receiver **out, werr *e);
/* An ExportTraceServiceRequest in OTLP/JSON (body[0..n)) received at now:
 * its spans joined, made to wait or quarantined (res). A body that is not
 * OTLP/JSON at all is quarantined whole and returned -1 with e of
 * WERR_INPUT; -1 with another code: a store failure (abort). */
int ops_receive_traces(ops_receiver *r, const char *body, size_t n, int64_t now, ops_received *res,
                       werr *e);
/* Audit records as JSON Lines (body[0..n)): {"user", "trace_id",
 * "operation_id", "ts"?} each, joined or made to wait; a bad line is
 * quarantined (source otlp-audit, its line number). 0, or -1 with e (a
 * store failure). */
int ops_receive_audit(ops_receiver *r, const char *body, size_t n, int64_t now, ops_received *res,
                      werr *e);
/* Quarantines the records that waited wait_ms before now (once the
 * receiver has run that long): "processing record without an audit record
 * after 300 s: trace T operation O" and the reverse. Returns how many, or
 * -1 with e. */
long ops_receive_expire(ops_receiver *r, int64_t now, werr *e);
/* Commits everything taken since the last commit. 0, or -1 with e (then
 * abort: nothing of it is stored). */
int ops_receive_commit(ops_receiver *r, werr *e);
/* The last commit (with the whole-population analyses), the counts of
 * the whole run into *st, and frees r. 0, or -1 with e (r is freed). */
int ops_receive_close(ops_receiver *r, ingest_stats *st, werr *e);
/* Rolls back what was not committed and frees r (NULL: nothing). */
void ops_receive_abort(ops_receiver *r);
#endif

/* store_otlp — what the Logboek Dataverwerkingen receiver keeps
 * (ops/ops_receive.h): records waiting for their other half, by trace and
 * operation id, and the register of processing activities' names. All of
 * it runs inside the caller's transaction. */
#ifndef WACHTER_STORE_OTLP_H
#define WACHTER_STORE_OTLP_H
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "util/buf.h"

typedef enum store_otlp_kind { STORE_OTLP_SPAN, STORE_OTLP_AUDIT } store_otlp_kind;

/* Keeps a record of kind k waiting: received (ms) when it came, record
 * its JSON as it will be joined, raw[0..nraw) its bytes as received. A
 * record of the same kind, trace and operation waiting already is
 * replaced (a sender's retry). 0 or -1 (store_errmsg). */
int store_otlp_wait(store *s, store_otlp_kind k, const char *trace, const char *op,
                    int64_t received, const char *record, const char *raw, size_t nraw);
/* Takes the waiting record of kind k for trace and op: its JSON appended
 * to out and the row deleted. 1 when found, 0 when none, -1 on a store
 * error. */
int store_otlp_take(store *s, store_otlp_kind k, const char *trace, const char *op, buf *out);

/* One record that waited too long; strings borrowed for the call. */
typedef struct store_otlp_expired {
    store_otlp_kind kind;
    const char *trace, *op;
    int64_t received;
    const char *raw;
    size_t nraw;
} store_otlp_expired;

/* Calls fn for each record received before `before` (ms), oldest first,
 * then deletes them. fn returns 0, or -1 to stop (then nothing is
 * deleted and -1 returned). Returns the number of records, or -1. */
long store_otlp_expire(store *s, int64_t before, int (*fn)(const store_otlp_expired *, void *),
                       void *ctx);
/* Records waiting: into *spans and *audits. 0 or -1. */
int store_otlp_waiting(store *s, long *spans, long *audits);

/* The register's name of activity id appended to out: 1, 0 when the
 * register does not hold it, -1 on a store error. */
int store_activity_name(store *s, const char *id, buf *out);
#endif

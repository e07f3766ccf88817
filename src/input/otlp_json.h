/* otlp_json — the Logboek Dataverwerkingen profile of OTLP/JSON: an
 * ExportTraceServiceRequest's spans, and the application's audit records,
 * into records the receiver joins (ops/ops_receive.h).
 *
 * OTLP/JSON as the OpenTelemetry specification defines it: keys in
 * lowerCamelCase, traceId (32) and spanId (16) as hex, not base64,
 * startTimeUnixNano as a decimal string (a number too), attributes as
 * [{key, value: {stringValue|intValue|doubleValue|boolValue|...}}], status
 * code as an integer (0 unset, 1 ok, 2 error). */
#ifndef WACHTER_OTLP_JSON_H
#define WACHTER_OTLP_JSON_H
#include <stddef.h>
#include <stdint.h>

#include "util/arena.h"
#include "util/buf.h"

/* The span attributes the profile reads. */
#define OTLP_ATTR_ACTIVITY "dpl.core.processing_activity_id"
#define OTLP_ATTR_SUBJECT "dpl.core.data_subject_id"
#define OTLP_ATTR_USER "enduser.id"
#define OTLP_ATTR_ACTION "wachter.action"
#define OTLP_ATTR_SYSTEM "service.name"

/* One record: a span (a processing record) or an audit record. Strings
 * live in the arena given to the decoder and are never NULL ("" when
 * absent). */
typedef struct otlp_rec {
    char trace[33], op[17]; /* lowercase hex */
    int64_t ts;             /* ms; 0 when absent (an audit record's may be) */
    const char *name;       /* the span's name */
    const char *activity;   /* dpl.core.processing_activity_id */
    const char *subject;    /* dpl.core.data_subject_id */
    const char *system;     /* the resource's service.name */
    const char *user;       /* enduser.id, or the audit record's user */
    const char *action;     /* wachter.action, else the span's name */
    const char *status;     /* "unset", "ok", "error" */
    const char *attrs;      /* the other attributes, a JSON object ("{}") */
    const char *raw;        /* the record's JSON as received (not terminated) */
    size_t nraw;
    const char *why; /* NULL: a good record; else why it is bad */
} otlp_rec;

/* Decodes body[0..n), an ExportTraceServiceRequest in OTLP/JSON, into
 * *out (*nout records, in the arena, one per span, bad ones with why
 * set). Returns 0, or -1 with *why (static) when the body is not one at
 * all (not JSON, no resourceSpans array) or out of memory. */
int otlp_decode_traces(const char *body, size_t n, arena *a, otlp_rec **out, size_t *nout,
                       const char **why);

/* Decodes one record in the receiver's own JSON (an audit log's line, or
 * a waiting record: otlp_rec_json): trace_id, operation_id, user, ts (RFC
 * 3339 or epoch ms) and, from a span, name, activity, subject, system,
 * action, status, attributes. With need_user (an audit record), user is
 * required; else activity and subject are. Returns 0, or -1 with r->why
 * (r->raw is line either way). */
int otlp_decode_record(const char *line, size_t n, int need_user, arena *a, otlp_rec *r);

/* Appends r as the receiver's own JSON (what otlp_decode_record reads).
 * 0 or -1 (out of memory). */
int otlp_rec_json(const otlp_rec *r, buf *b);

/* Appends the canonical event (JSON Lines, docs/design.md "Input") of
 * span joined with its user: id trace:operation, ts, actor user, subject,
 * system, action, purpose, and the rest under trace_id, operation_id,
 * processing_activity_id, span_name, status, span_attributes. 0 or -1. */
int otlp_event_json(const otlp_rec *span, const char *user, const char *purpose, buf *b);
#endif

/* emit_receive — what `wachter receive` answers its senders: the OTLP
 * ExportTraceServiceResponse (partialSuccess when spans were rejected),
 * the audit endpoint's counts, and an error's body (google.rpc.Status's
 * shape, as OTLP/HTTP answers failures). */
#ifndef WACHTER_EMIT_RECEIVE_H
#define WACHTER_EMIT_RECEIVE_H
#include "ops/ops_receive.h"
#include "util/buf.h"

/* {} when every span was taken; else {"partialSuccess":{"rejectedSpans":
 * "N","errorMessage":"span 3: ..."}} (int64 as a string, proto3 JSON). */
int emit_receive_traces(buf *b, const ops_received *r);
/* {"accepted":N,"rejected":M,"events":E,"waiting":W,"duplicates":D
 *  [,"errorMessage":"..."]} */
int emit_receive_audit(buf *b, const ops_received *r);
/* {"code":C,"message":"..."}: C the gRPC status code that fits the HTTP
 * status (3 invalid argument, 16 unauthenticated, 14 unavailable, ...). */
int emit_receive_error(buf *b, int http_status, const char *msg);
#endif

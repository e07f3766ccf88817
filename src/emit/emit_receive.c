#include "emit/emit_receive.h"

int emit_receive_traces(buf *b, const ops_received *r)
{
    if (!r->rejected) return buf_puts(b, "{}");
    if (buf_printf(b, "{\"partialSuccess\":{\"rejectedSpans\":\"%ld\",\"errorMessage\":",
                   r->rejected) < 0 ||
        buf_json_str(b, r->error) < 0)
        return -1;
    return buf_puts(b, "}}");
}

int emit_receive_audit(buf *b, const ops_received *r)
{
    if (buf_printf(b,
                   "{\"accepted\":%ld,\"rejected\":%ld,\"events\":%ld,\"waiting\":%ld,"
                   "\"duplicates\":%ld",
                   r->records - r->rejected, r->rejected, r->events, r->waiting, r->duplicates) < 0)
        return -1;
    if (r->rejected && (buf_puts(b, ",\"errorMessage\":") < 0 || buf_json_str(b, r->error) < 0))
        return -1;
    return buf_puts(b, "}");
}

static int grpc_code(int status)
{
    switch (status) {
    case 400:
    case 413:
    case 415:
        return 3; /* INVALID_ARGUMENT */
    case 401:
        return 16; /* UNAUTHENTICATED */
    case 404:
    case 405:
        return 12; /* UNIMPLEMENTED */
    case 503:
        return 14; /* UNAVAILABLE */
    default:
        return 13; /* INTERNAL */
    }
}

int emit_receive_error(buf *b, int http_status, const char *msg)
{
    if (buf_printf(b, "{\"code\":%d,\"message\":", grpc_code(http_status)) < 0 ||
        buf_json_str(b, msg) < 0)
        return -1;
    return buf_puts(b, "}");
}

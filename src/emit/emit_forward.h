/* emit_forward — what `wachter forward` did, and its destinations. */
#ifndef WACHTER_EMIT_FORWARD_H
#define WACHTER_EMIT_FORWARD_H
#include "emit/emit.h"
#include "ops/ops_forward.h"
#include "util/buf.h"

/* One pass (borrowed): a sentence, or one line
 * {"to","payload","sent","first","last","cursor","pending"} with
 * "error" when failed is not NULL. */
int emit_fwd_result(buf *b, enum emit_format f, const ops_fwd_result *r, const werr *failed);
/* The destinations' heading (table only), then one per destination:
 * {"to","payload","cursor","sent","pending","last_ok","last_error","error_at"}. */
int emit_fwd_status_begin(buf *b, enum emit_format f);
int emit_fwd_status(buf *b, enum emit_format f, const store_fwd *d);
#endif

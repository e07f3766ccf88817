/* emit_unmask — requests to see who is behind a pseudonym (`wachter
 * unmask`). The actor column is an account id like any other in output:
 * the CLI's pseudonymising shows it as a pseudonym, unless an approval
 * lets the reader see it. */
#ifndef WACHTER_EMIT_UNMASK_H
#define WACHTER_EMIT_UNMASK_H
#include <stdint.h>

#include "emit/emit.h"
#include "ops/ops_unmask.h"
#include "util/buf.h"

/* The requests' table heading; nothing in jsonl. */
int emit_unmask_begin(buf *b, enum emit_format f);
/* One request: id, asked, requester, whom, status, decider, until, what
 * it concerns and the reason; or {"id","asked","requester","actor",
 * "reason","concerns","status","decider","decided","note","expires"}. */
int emit_unmask_row(buf *b, enum emit_format f, const ops_unmask_row *r);
/* A request made or decided: "unmask request N: WHAT", or {"id","done"}. */
int emit_unmask_done(buf *b, enum emit_format f, int64_t id, const char *what);
#endif

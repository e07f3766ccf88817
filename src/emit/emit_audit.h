/* emit_audit — the audit trail (`wachter audit`, `audit verify`, `audit
 * head`) and the accounts (`wachter account`). No password and no hash
 * of one is ever rendered. */
#ifndef WACHTER_EMIT_AUDIT_H
#define WACHTER_EMIT_AUDIT_H
#include <stdint.h>

#include "emit/emit.h"
#include "ops/ops_audit.h"
#include "store/store_accounts.h"
#include "util/buf.h"

/* The entries' table heading; nothing in jsonl. */
int emit_audit_begin(buf *b, enum emit_format f);
/* One entry: a table row (seq, time, account, action, parameters), or
 * {"seq","at","account","action","params","hash"}, params the entry's JSON
 * text as a string. */
int emit_audit_entry(buf *b, enum emit_format f, const store_audit_entry *e);
/* What `audit verify` found: "audit trail intact: N entries, head H" or
 * "audit trail broken: WHY"; {"intact","entries","head"|"bad_entry","why"}. */
int emit_audit_verify(buf *b, enum emit_format f, const ops_audit_check *c);
/* The same for the workbench's API, one object: {"ok":true,"entries",
 * "head"} or {"ok":false,"entries","first_bad","why"}. */
int emit_audit_verify_api(buf *b, const ops_audit_check *c);
/* The head: "HASH N" (the last entry's hash and the number of entries),
 * or {"head","entries"}. */
int emit_audit_head(buf *b, enum emit_format f, const char *head, int64_t n);

/* The accounts' table heading; nothing in jsonl. */
int emit_accounts_begin(buf *b, enum emit_format f);
/* One account: name, role, enabled or disabled, created; never its hash. */
int emit_account(buf *b, enum emit_format f, const store_account *a);
/* An account change done: "account NAME: WHAT", or {"account","done"}. */
int emit_account_done(buf *b, enum emit_format f, const char *name, const char *what);
#endif

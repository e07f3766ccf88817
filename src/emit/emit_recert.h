/* emit_recert — recertification campaigns (`wachter recert`, the API's
 * recert routes): the campaigns with their progress, a campaign's review
 * items, its history, the overdue items and the revocation list (CSV). */
#ifndef WACHTER_EMIT_RECERT_H
#define WACHTER_EMIT_RECERT_H
#include <stddef.h>
#include <stdint.h>

#include "emit/emit.h"
#include "store/store_recert.h"
#include "util/buf.h"

/* The campaigns' table heading; nothing in jsonl. */
int emit_recert_campaigns_begin(buf *b, enum emit_format f);
/* One campaign with its progress at now: {"id","title","scope","value",
 * "owner","due","created_by","created","status","closed","closed_by",
 * "items","decided","kept","revoked","open","overdue"}, or a table row. */
int emit_recert_campaign(buf *b, enum emit_format f, const store_recert_campaign *c, int64_t now);

/* The items' table heading; nothing in jsonl. */
int emit_recert_items_begin(buf *b, enum emit_format f);
/* One review item; overdue: undecided in an open campaign past due.
 * {"id","campaign","actor","system","action","right" ("brp:view"),
 * "granted","last_use" (null: never),"decision","reason","decided_by",
 * "decided","overdue"}, or a table row. */
int emit_recert_item(buf *b, enum emit_format f, const store_recert_item *it, int overdue);

/* The history's heading; one change {"seq","item","at","account",
 * "action","from","to","detail"}, or a table row. */
int emit_recert_history_begin(buf *b, enum emit_format f);
int emit_recert_change(buf *b, enum emit_format f, const store_recert_change *c);

/* The overdue items' heading; one item of campaign c: the item's members
 * and "owner","due", or a table row. */
int emit_recert_overdue_begin(buf *b, enum emit_format f);
int emit_recert_overdue(buf *b, enum emit_format f, const store_recert_item *it,
                        const store_recert_campaign *c);

/* The revocation list for the identity-management system, CSV with a
 * header: actor,system,right,granted,reason,decided_by,decided_at (dates
 * and times in UTC). A field is quoted when it holds a comma or a quote;
 * a control character becomes a space and a field that a spreadsheet
 * would take for a formula (= + - @ first) is prefixed with '. */
int emit_recert_csv(buf *b, const store_recert_item *v, size_t n);
#endif

/* emit_workflow — the workflow's results (`wachter alert`, `alerts` with
 * workflow options, `suppress`, `rules effectiveness`, and the API's
 * bodies): one JSON object per row in jsonl, aligned rows in a table.
 * The row renderers end a JSON object with a newline, so that rows joined
 * by commas inside an array (emit_doc's) are one JSON document too. */
#ifndef WACHTER_EMIT_WORKFLOW_H
#define WACHTER_EMIT_WORKFLOW_H
#include <stdint.h>

#include "emit/emit.h"
#include "ops/ops_suppress.h"
#include "ops/ops_workflow.h"
#include "util/buf.h"

/* A JSON document built of parts: {"key":value,"key":[row,row],...}.
 * emit_doc_key opens the next member (the comma before it included);
 * emit_doc_row separates an array's rows. rc collects failures. */
typedef struct emit_doc {
    buf *b;
    enum emit_format f;
    int members, rows, part, rc;
    unsigned want; /* the parts a document has (the renderers' own) */
} emit_doc;
void emit_doc_begin(emit_doc *d, buf *b, enum emit_format f);
void emit_doc_key(emit_doc *d, const char *key);
void emit_doc_row(emit_doc *d);
void emit_doc_raw(emit_doc *d, const char *json);
/* Closes the object (jsonl only; a table needs nothing). 0 or -1. */
int emit_doc_end(emit_doc *d);

/* The queue's table heading; nothing in jsonl. */
int emit_wf_queue_begin(buf *b, enum emit_format f);
/* One alert with its workflow: {"id","ts" (ms),"time","actor","unit",
 * "rule","severity","score","reason","status","disposition","assignee",
 * "suppressed"}, or a table row. */
int emit_wf_alert(buf *b, enum emit_format f, const store_wf_alert *a);
/* The counts by status and the total: {"counts":{"new":N,...},"total":N}
 * members (jsonl: without the braces, for a document), or one line. */
int emit_wf_counts(buf *b, enum emit_format f, const int64_t *counts, int64_t total);
/* {"at","account","text"} / {"at","account","action","from","to","detail"}. */
int emit_wf_note(buf *b, enum emit_format f, const store_wf_note *n);
int emit_wf_change(buf *b, enum emit_format f, const store_wf_change *c);
/* {"count","open","confirmed","benign","false_positive","duplicate","ids"}. */
int emit_wf_similar(buf *b, enum emit_format f, const char *what, const store_wf_similar *s);

/* An alert's page (ops_wf_show): fills fns with renderers writing into
 * the document d (its ctx): {"alert":{...,"why","events":[{"id",
 * "subject"}]},"notes":[...],"history":[...],"similar":{"same_rule_person",
 * "same_subject"},"dossier":null|{"id","title","status"}}. */
void emit_wf_show_fns(ops_wf_show_fns *fns);
/* Closes what emit_wf_show_fns's renderers left open. 0 or -1. */
int emit_wf_show_end(emit_doc *d);

/* A bulk action's result: {"changed":N,"failed":[{"id","error"}]}: the
 * failures first, one call each (first: the first one), then the end. */
int emit_wf_bulk_fail(buf *b, enum emit_format f, int first, const char *id, const char *error);
int emit_wf_bulk_end(buf *b, enum emit_format f, int any, int64_t changed);

/* Suppressions: the table heading; one {"id","rule","scope","value",
 * "reason","until","by","at","ended","active"} (active at now). */
int emit_suppress_begin(buf *b, enum emit_format f);
int emit_suppression(buf *b, enum emit_format f, const store_suppression *p, int64_t now);

/* Rule effectiveness: the heading; one {"rule","alerts","open",
 * "confirmed","benign","false_positive","duplicate","suppressed",
 * "precision"} (confirmed over judged; null when none was). */
int emit_wf_rules_begin(buf *b, enum emit_format f);
int emit_wf_rule(buf *b, enum emit_format f, const store_wf_rule_row *r);
#endif

/* emit_dossier — integrity cases (`wachter dossier`, the API's
 * dossiers): the list, one dossier's page and its evidence report. */
#ifndef WACHTER_EMIT_DOSSIER_H
#define WACHTER_EMIT_DOSSIER_H
#include "emit/emit_workflow.h"
#include "ops/ops_dossier.h"

/* The list's heading; nothing in jsonl. */
int emit_dossier_begin(buf *b, enum emit_format f);
/* One dossier: {"id","actor","title","status","investigator","opened",
 * "closed","outcome","alerts":N}, or a table row. */
int emit_dossier(buf *b, enum emit_format f, const store_dossier *d);

/* Starts a dossier's page / report in d (emit_doc_begin). */
void emit_dossier_show_begin(emit_doc *d, buf *b, enum emit_format f);
void emit_dossier_report_begin(emit_doc *d, buf *b, enum emit_format f);
/* A dossier's page (ops_dossier_show), into the document d (ctx):
 * {"dossier":{...},"alerts":[...],"notes":[...],"history":[...]}. */
void emit_dossier_show_fns(ops_dossier_show_fns *fns);
/* The evidence report (ops_dossier_report): {"dossier":{...},"person",
 * "period":{"from","to"},"timeline":[{"ts","time","system","action",
 * "subject","query","results","client","explanation","alert_ids"}],
 * "alerts":[{"id","rule","severity","reason","status","disposition",...}],
 * "notes":[...]}; a table: the same in sections. */
void emit_dossier_report_fns(ops_dossier_report_fns *fns);
/* Closes what the renderers left open. 0 or -1. */
int emit_dossier_end(emit_doc *d);
#endif

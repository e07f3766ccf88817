/* emit — every result wachter shows, rendered into a buf: JSON Lines for
 * programs, aligned tables for people. A front end (the CLI, later an HTTP
 * handler) parses its input, calls one domain operation, renders the
 * result with the emit_* function for its kind, and writes the buf.
 *
 * One file per kind of result, each with its header: emit_alerts.h,
 * emit_risk.h, emit_who.h, emit_timeline.h, emit_correlate.h,
 * emit_converge.h, emit_protocol.h, emit_incident.h, emit_quarantine.h,
 * emit_ingest.h, emit_load.h, emit_demo.h. Every emit_* function appends
 * to the buf (util/buf.h) it is given and returns 0, or -1 when out of
 * memory (what was appended stays valid). Field names follow
 * docs/design.md's CLI contract. This header needs no buf, so that cli.h
 * can name the format alone. */
#ifndef WACHTER_EMIT_H
#define WACHTER_EMIT_H

enum emit_format {
    EMIT_TABLE, /* aligned columns with a heading, for a person */
    EMIT_JSONL, /* one JSON object per line, for a program */
};

/* Parses a format name: "table", "jsonl" (or "json"). Returns 0 with *f,
 * or -1 when s names none. */
int emit_format_parse(const char *s, enum emit_format *f);
/* "low", "medium", "high", "critical"; "none" for anything else. */
const char *emit_severity_name(int severity);
/* Parses a severity word; returns 1..4, or -1. */
int emit_severity_parse(const char *s);
#endif

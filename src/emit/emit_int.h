/* emit_int — JSON pieces the emit_*.c files share; private to src/emit/. */
#ifndef WACHTER_EMIT_INT_H
#define WACHTER_EMIT_INT_H
#include <stddef.h>
#include <stdint.h>

#include "enrich/explain.h"
#include "util/buf.h"

/* Appends v[0..n) as a JSON array of strings. 0 or -1. */
int emit_json_list(buf *b, const char *const *v, size_t n);
/* The "explained" value of an access: null when there is nothing to
 * explain, true when a case covers it, else false. */
const char *emit_json_explained(ex_status st);
/* A time (epoch ms) as a value: "2026-03-02T09:14:05Z" for a table, the
 * same quoted for JSON; 0 (none) as "-" or null. */
void emit_when(int64_t ms, int json, char out[40]);
#endif

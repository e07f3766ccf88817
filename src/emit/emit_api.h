/* emit_api — JSON pieces of the workbench's API responses (src/serve/)
 * that are not one kind of result: an array rendered already, put in an
 * object under a key. */
#ifndef WACHTER_EMIT_API_H
#define WACHTER_EMIT_API_H
#include "util/buf.h"

/* Appends {"key":json}, json (borrowed) a rendered JSON value. 0 or -1. */
int emit_api_wrap(buf *b, const char *key, const buf *json);
/* emit_api_wrap with a member "total":total after key (a page of a longer
 * list). 0 or -1. */
int emit_api_wrap_total(buf *b, const char *key, const buf *json, long long total);
#endif

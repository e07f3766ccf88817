/* emit_serve — the workbench server's own JSON: errors, the session's
 * answers (login, me, health) and what its audit entries hold. */
#ifndef WACHTER_EMIT_SERVE_H
#define WACHTER_EMIT_SERVE_H
#include <stddef.h>

#include <cjson/cJSON.h>

#include "util/buf.h"

/* {"error":msg}. */
int emit_serve_error(buf *b, const char *msg);
/* {"ok":true}. */
int emit_serve_ok(buf *b);
/* {} */
int emit_serve_empty(buf *b);
/* {"account","role","csrf"} and, when may is not NULL, "may":[...] (n
 * actions). */
int emit_serve_session(buf *b, const char *account, const char *role, const char *csrf,
                       const char *const *may, size_t n);
/* An API call's audit parameters: {"method","path","query"} (query ""
 * when there is none), and "client" when client is not NULL. */
int emit_serve_call(buf *b, const char *method, const char *path, const char *query,
                    const char *client);
/* The same with what a POST's body asked ("body": the object, when at
 * most EMIT_SERVE_BODY_MAX bytes; else "body_bytes": its size): a search
 * by a citizen's number sends it there, not in the path. */
enum { EMIT_SERVE_BODY_MAX = 4096 };
int emit_serve_call_body(buf *b, const char *method, const char *path, const char *query,
                         const cJSON *body);
/* A refusal's audit parameters, as the CLI's gate records one:
 * {"action","params":PARAMS,"reason"} (params a JSON object). */
int emit_serve_refusal(buf *b, const char *action, const char *params, const char *why);
#endif

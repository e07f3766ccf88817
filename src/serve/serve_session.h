/* serve_session — the workbench's sessions and its login throttle, in
 * memory (a restart logs everyone out): a session is a random 32-byte
 * token (libsodium's randombytes_buf) sent as a cookie, with its
 * account, a CSRF token of its own and when it was last used; it ends
 * after SERVE_SESSION_IDLE_MS without a request, or at logout. Tokens are
 * compared in constant time. The throttle counts failed logins per
 * account and per client address. Safe to use from several threads. */
#ifndef WACHTER_SERVE_SESSION_H
#define WACHTER_SERVE_SESSION_H
#include <stdint.h>

#include "ops/ops_access.h"

#define SERVE_SESSION_IDLE_MS (12LL * 3600 * 1000)
#define SERVE_THROTTLE_FAILS 5                      /* failed logins ... */
#define SERVE_THROTTLE_WINDOW_MS (15LL * 60 * 1000) /* ... within this: 429 */
#define SERVE_TOKEN_HEX 65                          /* 32 bytes as hex, and a NUL */

typedef struct serve_sessions serve_sessions;

/* What a session holds. */
typedef struct serve_session {
    char account[80];
    char csrf[SERVE_TOKEN_HEX];
} serve_session;

/* An empty table; NULL when out of memory. Owned: serve_sessions_free. */
serve_sessions *serve_sessions_new(void);
void serve_sessions_free(serve_sessions *ss);
/* A new session for account at now: its token into token, its CSRF token
 * into csrf. 0, or -1 when out of memory. */
int serve_session_open(serve_sessions *ss, const char *account, int64_t now,
                       char token[SERVE_TOKEN_HEX], char csrf[SERVE_TOKEN_HEX]);
/* The session of token (hex, from the cookie) at now into *out, and its
 * idle time restarts: 1, or 0 when there is none (or it has expired, and
 * is then forgotten). */
int serve_session_find(serve_sessions *ss, const char *token, int64_t now, serve_session *out);
/* Ends the session of token (none: nothing). */
void serve_session_close(serve_sessions *ss, const char *token);

/* Whether a login for account from client address addr is refused at
 * now: 1 when one of them failed SERVE_THROTTLE_FAILS times within the
 * last SERVE_THROTTLE_WINDOW_MS, with *which "account" or "address";
 * else 0. */
int serve_throttled(serve_sessions *ss, const char *account, const char *addr, int64_t now,
                    const char **which);
/* Counts a failed login for account and for addr at now. */
void serve_throttle_fail(serve_sessions *ss, const char *account, const char *addr, int64_t now);
#endif

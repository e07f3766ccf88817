/* ops_accounts — analysts' accounts and acting as one: adding, listing,
 * disabling an account and changing its role; logging in (a password
 * checked against its Argon2id hash); and ops_session, the gate every
 * front end passes an action through: who acts, whether their role may,
 * and the action's entry in the audit trail (ops/ops_audit.h), refused
 * attempts included. */
#ifndef WACHTER_OPS_ACCOUNTS_H
#define WACHTER_OPS_ACCOUNTS_H
#include <stddef.h>

#include "ops/ops_access.h"
#include "store/store.h"
#include "store/store_accounts.h"

/* Shortest password an account may have, in bytes. */
#define OPS_PASSWORD_MIN 8
/* Longest account name. */
#define OPS_ACCOUNT_NAME_MAX 64

/* Gives the password of the account being logged into: a NUL-terminated
 * string into pw (cap bytes). 0, or -1 with e (no terminal, say). The
 * caller wipes pw after use. */
typedef int (*ops_password_fn)(void *ctx, char *pw, size_t cap, werr *e);

/* Who acts on s. On a store without accounts: the operating-system user,
 * "os:" os_user, who may do everything, and as (when not NULL) is
 * refused. Once accounts exist: as is required, must name an enabled
 * account, and pw's password must match its hash. 0 with *out, or -1
 * with e: WERR_FORBIDDEN for every refusal (no --as, no such account,
 * disabled, wrong password), naming what. */
int ops_login(store *s, const char *as, const char *os_user, ops_password_fn pw, void *pw_ctx,
              ops_actor *out, werr *e);

/* The account name as it stands now (a session of the workbench asks at
 * each request: a role changed or an account disabled since the login
 * takes effect at once). 0 with *out, or -1 with e: WERR_FORBIDDEN when
 * there is no such account or it is disabled. */
int ops_account_current(store *s, const char *name, ops_actor *out, werr *e);

/* Spends the time checking password against an account's hash takes,
 * checking nothing: a front end that answers "no such account" and
 * "wrong password" alike (the workbench's login) calls it for an account
 * that does not exist or is disabled, so that the time of the answer does
 * not tell either. */
void ops_login_delay(const char *password);

/* The gate: ops_login, then ops_access_check of action (and of "reveal"
 * when reveal is set: the caller shows real identities), then the audit
 * entry: the action with params_json (a JSON object) when allowed, or a
 * "refused" entry (the action, its params and the reason) when not; a
 * refusal is recorded even though the action fails. When the entry
 * cannot be written the action is refused too (nothing unrecorded
 * runs). 0 with *out, or -1 with e. */
int ops_session(store *s, const char *as, const char *os_user, ops_password_fn pw, void *pw_ctx,
                const char *action, int reveal, const char *params_json, ops_actor *out, werr *e);

/* Adds account name (letters, digits, '.', '_', '-'; up to
 * OPS_ACCOUNT_NAME_MAX) with role (ops_role_parse's names) and password
 * (at least OPS_PASSWORD_MIN bytes), stored as an Argon2id hash only.
 * The first account of a store must be an administrator. WERR_INPUT for
 * a bad name, role or password; WERR_CONFLICT when it exists. 0 or -1
 * with e. */
int ops_account_add(store *s, const char *name, const char *role, const char *password, werr *e);
/* Every account, by name (fn: store_accounts.h). 0 or -1 with e. */
int ops_accounts_each(store *s, store_account_fn fn, void *ctx, werr *e);
/* Disables account name: it can no longer act; its entries stay.
 * WERR_NOT_FOUND when there is none; WERR_CONFLICT when it is the last
 * enabled administrator. 0 or -1 with e. */
int ops_account_disable(store *s, const char *name, werr *e);
/* Gives account name the role; the same errors, and WERR_INPUT for an
 * unknown role. 0 or -1 with e. */
int ops_account_role(store *s, const char *name, const char *role, werr *e);
#endif

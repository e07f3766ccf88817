/* store_accounts — the analysts' accounts as stored: name, role, password
 * hash (never the password), disabled, created. The rules about them
 * (who may add whom, the first administrator) are ops/ops_accounts.h's. */
#ifndef WACHTER_STORE_ACCOUNTS_H
#define WACHTER_STORE_ACCOUNTS_H
#include <stdint.h>

#include "store/store.h"

/* One account; the strings are borrowed for the call that gives it. */
typedef struct store_account {
    const char *name, *role, *hash;
    int disabled;
    int64_t created; /* epoch ms */
} store_account;

/* Called per account; returns 0 to go on, non-zero to stop (returned). */
typedef int (*store_account_fn)(const store_account *a, void *ctx);

/* The number of accounts into *n (disabled ones too). 0 or -1. */
int store_accounts_count(store *s, int64_t *n);
/* The number of enabled accounts with role into *n. 0 or -1. */
int store_accounts_count_role(store *s, const char *role, int64_t *n);
/* Calls fn with the account named name: 1 when there is one (fn's
 * return does not matter), 0 when there is none, -1 on error. */
int store_account_get(store *s, const char *name, store_account_fn fn, void *ctx);
/* Every account, by name; fn's non-zero return stops and is returned. */
int store_accounts_each(store *s, store_account_fn fn, void *ctx);
/* Adds a (all fields). 1 added, 0 when the name exists, -1 on error. */
int store_account_add(store *s, const store_account *a);
/* Sets the role, or disables. 1 changed, 0 no such account, -1 error. */
int store_account_set_role(store *s, const char *name, const char *role);
int store_account_disable(store *s, const char *name);
#endif

#include "ops/ops_accounts.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "normalise/ts.h"
#include "ops/ops_audit.h"
#include "ops/ops_sodium.h"
#include "util/buf.h"

typedef struct found {
    char role[32];
    char hash[crypto_pwhash_STRBYTES];
    int disabled;
} found;

static int keep(const store_account *a, void *ctx)
{
    found *f = ctx;
    snprintf(f->role, sizeof f->role, "%s", a->role ? a->role : "");
    snprintf(f->hash, sizeof f->hash, "%s", a->hash ? a->hash : "");
    f->disabled = a->disabled;
    return 0;
}

static int read_failed(store *s, werr *e)
{
    return werr_set(e, WERR_UNAVAILABLE, "reading the accounts: %s", store_errmsg(s));
}

int ops_login(store *s, const char *as, const char *os_user, ops_password_fn pw, void *pw_ctx,
              ops_actor *out, werr *e)
{
    int64_t n;
    if (store_accounts_count(s, &n) < 0) return read_failed(s, e);
    if (n == 0) {
        if (as)
            return werr_set(e, WERR_FORBIDDEN,
                            "this store has no accounts: --as %s names none (without --as"
                            " you act as os:%s; add the first administrator with wachter"
                            " account add NAME --role administrator)",
                            as, os_user);
        snprintf(out->name, sizeof out->name, "os:%s", os_user);
        out->role = OPS_ROLE_OS;
        return 0;
    }
    if (!as)
        return werr_set(e, WERR_FORBIDDEN,
                        "this store has accounts: say which is yours with --as NAME");
    found f = {0};
    int got = store_account_get(s, as, keep, &f);
    if (got < 0) return read_failed(s, e);
    if (got == 0) return werr_set(e, WERR_FORBIDDEN, "no account '%s' in this store", as);
    if (f.disabled) return werr_set(e, WERR_FORBIDDEN, "account '%s' is disabled", as);
    if (ops_sodium_init(e) < 0) return -1;
    char p[256] = "";
    if (pw(pw_ctx, p, sizeof p, e) < 0) return -1;
    int ok = crypto_pwhash_str_verify(f.hash, p, strlen(p)) == 0;
    sodium_memzero(p, sizeof p);
    if (!ok) return werr_set(e, WERR_FORBIDDEN, "wrong password for account '%s'", as);
    snprintf(out->name, sizeof out->name, "%s", as);
    out->role = ops_role_parse(f.role);
    if (out->role == OPS_ROLE_NONE)
        return werr_set(e, WERR_FORBIDDEN, "account '%s' has an unknown role '%s'", as, f.role);
    return 0;
}

int ops_account_current(store *s, const char *name, ops_actor *out, werr *e)
{
    found f = {0};
    int got = store_account_get(s, name, keep, &f);
    if (got < 0) return read_failed(s, e);
    if (got == 0) return werr_set(e, WERR_FORBIDDEN, "no account '%s' in this store", name);
    if (f.disabled) return werr_set(e, WERR_FORBIDDEN, "account '%s' is disabled", name);
    snprintf(out->name, sizeof out->name, "%s", name);
    out->role = ops_role_parse(f.role);
    if (out->role == OPS_ROLE_NONE)
        return werr_set(e, WERR_FORBIDDEN, "account '%s' has an unknown role '%s'", name, f.role);
    return 0;
}

void ops_login_delay(const char *password)
{
    werr e = {0};
    char hash[crypto_pwhash_STRBYTES];
    /* Its result is of no use: the time it takes is. */
    if (ops_sodium_init(&e) == 0 &&
        crypto_pwhash_str(hash, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        memset(hash, 0, sizeof hash);
    sodium_memzero(hash, sizeof hash);
}

/* {"action":ACTION,"params":PARAMS,"reason":WHY}, owned by b. */
static int refusal(buf *b, const char *action, const char *params, const char *why)
{
    int rc = buf_puts(b, "{\"action\":");
    rc |= buf_json_str(b, action);
    rc |= buf_printf(b, ",\"params\":%s,\"reason\":", params ? params : "{}");
    rc |= buf_json_str(b, why);
    return rc | buf_puts(b, "}");
}

int ops_session(store *s, const char *as, const char *os_user, ops_password_fn pw, void *pw_ctx,
                const char *action, int reveal, const char *params_json, ops_actor *out, werr *e)
{
    memset(out, 0, sizeof *out);
    if (ops_login(s, as, os_user, pw, pw_ctx, out, e) == 0 &&
        ops_access_check(out, action, e) == 0 &&
        (!reveal || ops_access_check(out, "reveal", e) == 0))
        return ops_audit(s, out->name, action, params_json, e) < 0
                   ? werr_wrap(e, "%s not run: ", action)
                   : 0;
    if (e->code != WERR_FORBIDDEN) return -1; /* the store failed: nothing to record in */
    char who[100];
    if (out->name[0])
        snprintf(who, sizeof who, "%s", out->name);
    else if (as)
        snprintf(who, sizeof who, "%s", as);
    else
        snprintf(who, sizeof who, "os:%s", os_user);
    buf b = {0};
    werr ae = {0};
    if (refusal(&b, action, params_json, e->msg) == 0) ops_audit(s, who, "refused", b.data, &ae);
    buf_free(&b);
    return -1;
}

static int name_ok(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || n > OPS_ACCOUNT_NAME_MAX) return 0;
    for (size_t i = 0; i < n; i++) {
        char c = name[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == '-'))
            return 0;
    }
    return name[0] != '-';
}

int ops_account_add(store *s, const char *name, const char *role, const char *password, werr *e)
{
    if (!name_ok(name))
        return werr_set(e, WERR_INPUT,
                        "account name '%s': 1 to %d letters, digits, '.', '_' or '-' (not"
                        " starting with '-')",
                        name, OPS_ACCOUNT_NAME_MAX);
    ops_role r = ops_role_parse(role);
    if (r == OPS_ROLE_NONE)
        return werr_set(e, WERR_INPUT, "unknown role '%s' (%s)", role, ops_role_names());
    if (strlen(password) < OPS_PASSWORD_MIN)
        return werr_set(e, WERR_INPUT, "the password for '%s' is shorter than %d characters", name,
                        OPS_PASSWORD_MIN);
    if (ops_sodium_init(e) < 0) return -1;
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(hash, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return werr_set(e, WERR_INTERNAL, "out of memory hashing the password");
    if (store_begin(s) < 0)
        return werr_set(e, WERR_UNAVAILABLE, "adding account '%s': %s", name, store_errmsg(s));
    int64_t n;
    int added = -1;
    if (store_accounts_count(s, &n) < 0) goto fail;
    if (n == 0 && r != OPS_ROLE_ADMIN) {
        store_rollback(s);
        return werr_set(e, WERR_INPUT,
                        "the first account of a store must be an administrator (--role"
                        " administrator), not %s",
                        ops_role_name(r));
    }
    store_account a = {name, ops_role_name(r), hash, 0, ts_now_ms()};
    if ((added = store_account_add(s, &a)) < 0) goto fail;
    if (added == 0) {
        store_rollback(s);
        return werr_set(e, WERR_CONFLICT, "account '%s' exists already", name);
    }
    if (store_commit(s) == 0) return 0;
fail:
    werr_set(e, WERR_UNAVAILABLE, "adding account '%s': %s", name, store_errmsg(s));
    store_rollback(s);
    return -1;
}

int ops_accounts_each(store *s, store_account_fn fn, void *ctx, werr *e)
{
    if (store_accounts_each(s, fn, ctx) < 0) return read_failed(s, e);
    return 0;
}

/* Changes name to role (NULL: disables it), refusing to leave no enabled
 * administrator. */
static int change(store *s, const char *name, const char *role, werr *e)
{
    if (store_begin(s) < 0) return read_failed(s, e);
    found f = {0};
    int64_t admins = 0;
    int got = store_account_get(s, name, keep, &f);
    if (got < 0 || store_accounts_count_role(s, ops_role_name(OPS_ROLE_ADMIN), &admins) < 0)
        goto fail;
    if (got == 0) {
        store_rollback(s);
        return werr_set(e, WERR_NOT_FOUND, "no account '%s' in this store", name);
    }
    int admin = !f.disabled && strcmp(f.role, ops_role_name(OPS_ROLE_ADMIN)) == 0;
    int stays = role && strcmp(role, ops_role_name(OPS_ROLE_ADMIN)) == 0;
    if (admin && !stays && admins <= 1) {
        store_rollback(s);
        return werr_set(e, WERR_CONFLICT,
                        "'%s' is the last enabled administrator: add another administrator"
                        " first",
                        name);
    }
    if ((role ? store_account_set_role(s, name, role) : store_account_disable(s, name)) < 0)
        goto fail;
    if (store_commit(s) == 0) return 0;
fail:
    werr_set(e, WERR_UNAVAILABLE, "changing account '%s': %s", name, store_errmsg(s));
    store_rollback(s);
    return -1;
}

int ops_account_disable(store *s, const char *name, werr *e)
{
    return change(s, name, NULL, e);
}

int ops_account_role(store *s, const char *name, const char *role, werr *e)
{
    ops_role r = ops_role_parse(role);
    if (r == OPS_ROLE_NONE)
        return werr_set(e, WERR_INPUT, "unknown role '%s' (%s)", role, ops_role_names());
    return change(s, name, ops_role_name(r), e);
}

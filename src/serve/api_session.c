/* The session routes (API35.md "Session"): login, logout, me, and
 * health; the server's own, so they see the call behind the request
 * (serve_int.h). */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "emit/emit_serve.h"
#include "normalise/ts.h"
#include "ops/ops_accounts.h"
#include "serve/serve_int.h"

/* The Set-Cookie of a session (token "" ends it). */
static void cookie(serve_call *c, const char *token)
{
    snprintf(c->cookie, sizeof c->cookie,
             "wachter_session=%s; HttpOnly; SameSite=Strict; Path=/%s%s", token,
             *token ? "" : "; Max-Age=0", c->sv->tls ? "; Secure" : "");
}

static int fail(serve_resp *out, werr_code code, const char *msg)
{
    werr e = {0};
    werr_set(&e, code, "%s", msg);
    return serve_fail(out, &e);
}

static int status(serve_resp *out, int st, const char *msg)
{
    buf b = {0};
    if (emit_serve_error(&b, msg) < 0) {
        buf_free(&b);
        return -1;
    }
    return serve_ok(out, st, &b);
}

typedef struct pw_ctx {
    const char *pw;
} pw_ctx;

static int password(void *ctx, char *pw, size_t cap, werr *e)
{
    const pw_ctx *p = ctx;
    if (strlen(p->pw) >= cap)
        return werr_set(e, WERR_FORBIDDEN, "the password is longer than %zu bytes", cap - 1);
    memcpy(pw, p->pw, strlen(p->pw) + 1);
    return 0;
}

/* Records a login's refusal (why) as account. */
static void refused(serve_req *r, const char *account, const char *why)
{
    serve_call *c = r->impl;
    buf p = {0};
    werr e = {0};
    if (emit_serve_call(&p, r->method, r->path, "", c->client) == 0)
        serve_audit(c->w, account, "api login", (const char *)p.data, why, &e);
    buf_free(&p);
}

static int login(serve_req *r, serve_resp *out)
{
    serve_call *c = r->impl;
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(r->body, "account");
    const cJSON *p = cJSON_GetObjectItemCaseSensitive(r->body, "password");
    if (!cJSON_IsString(a) || !cJSON_IsString(p) || !*a->valuestring)
        return fail(out, WERR_INPUT, "login takes {\"account\": NAME, \"password\": PASSWORD}");
    const char *name = a->valuestring;
    int64_t now = ts_now_ms();
    const char *which = "";
    if (serve_throttled(c->sv->sessions, name, c->client, now, &which)) {
        char why[160];
        snprintf(why, sizeof why, "too many failed logins for this %s: wait %lld minutes", which,
                 (long long)(SERVE_THROTTLE_WINDOW_MS / 60000));
        refused(r, name, why);
        return status(out, 429, why);
    }
    ops_actor who = {0};
    werr e = {0};
    /* Without an account name ops_login lets the os user in only where
     * there are no accounts: that is how a store without any is told. */
    if (ops_login(r->store, NULL, "serve", password, NULL, &who, &e) == 0)
        return fail(out, WERR_FORBIDDEN,
                    "this store has no accounts: create an administrator first (wachter"
                    " account add NAME --role administrator)");
    werr_clear(&e);
    pw_ctx pc = {p->valuestring};
    /* An account that does not exist or is disabled costs the time of a
     * password check too. */
    ops_actor exists;
    int known = ops_account_current(r->store, name, &exists, &e) == 0;
    if (!known && e.code != WERR_FORBIDDEN) return serve_fail(out, &e);
    werr_clear(&e);
    if (!known) ops_login_delay(p->valuestring);
    if (ops_login(r->store, name, "serve", password, &pc, &who, &e) < 0) {
        if (e.code != WERR_FORBIDDEN) return serve_fail(out, &e);
        serve_throttle_fail(c->sv->sessions, name, c->client, now);
        refused(r, name, e.msg);
        /* Which of them it was stays in the audit trail: the answer does
         * not tell whether the account exists. */
        return status(out, 401, "wrong account or password, or the account is disabled");
    }
    char token[SERVE_TOKEN_HEX], csrf[SERVE_TOKEN_HEX];
    buf b = {0}, params = {0};
    if (serve_session_open(c->sv->sessions, who.name, now, token, csrf) < 0 ||
        emit_serve_call(&params, r->method, r->path, "", c->client) < 0 ||
        emit_serve_session(&b, who.name, ops_role_name(who.role), csrf, NULL, 0) < 0)
        goto oom;
    if (serve_audit(c->w, who.name, "api login", (const char *)params.data, NULL, &e) < 0) {
        serve_session_close(c->sv->sessions, token);
        buf_free(&b);
        buf_free(&params);
        return serve_fail(out, &e);
    }
    cookie(c, token);
    sodium_memzero(token, sizeof token);
    buf_free(&params);
    return serve_ok(out, 200, &b);
oom:
    buf_free(&b);
    buf_free(&params);
    return -1;
}

static int logout(serve_req *r, serve_resp *out)
{
    serve_call *c = r->impl;
    serve_session_close(c->sv->sessions, c->token);
    cookie(c, "");
    buf b = {0};
    if (emit_serve_empty(&b) < 0) return -1;
    return serve_ok(out, 200, &b);
}

typedef struct may {
    const char *v[128];
    size_t n;
} may;

static int add_may(const char *action, void *ctx)
{
    may *m = ctx;
    if (m->n < sizeof m->v / sizeof *m->v) m->v[m->n++] = action;
    return 0;
}

static int me(serve_req *r, serve_resp *out)
{
    serve_call *c = r->impl;
    serve_session s;
    if (!serve_session_find(c->sv->sessions, c->token, ts_now_ms(), &s))
        return status(out, 401, "not logged in");
    may m = {.n = 0};
    ops_access_each(r->who->role, add_may, &m);
    buf b = {0};
    if (emit_serve_session(&b, r->who->name, ops_role_name(r->who->role), s.csrf, m.v, m.n) < 0) {
        buf_free(&b);
        return -1;
    }
    return serve_ok(out, 200, &b);
}

static int health(serve_req *r, serve_resp *out)
{
    buf b = {0};
    if (emit_serve_ok(&b) < 0) return -1;
    return serve_ok(out, 200, &b);
}

/* action NULL: no login needed (serve_call.c). */
static const serve_route routes[] = {
    {"POST", "login", NULL, login},
    {"GET", "health", NULL, health},
    {"POST", "logout", "session", logout},
    {"GET", "me", "session", me},
};

const serve_route *serve_routes_session(size_t *n)
{
    *n = sizeof routes / sizeof *routes;
    return routes;
}

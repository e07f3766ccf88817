#include "cli/cli_auth.h"

#include <fcntl.h>
#include <pwd.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "ops/ops_accounts.h"
#include "ops/ops_audit.h"
#include "util/esc.h"

enum { ASK_CANCELLED = -2 };

/* Reads a line from the terminal without echoing it, after prompt. The
 * terminal's own line editing and signals are off meanwhile, so that
 * Ctrl-C or Ctrl-D cancels here, with the terminal put back as it was,
 * not by a signal that leaves it silent: backspace and Ctrl-U are done
 * here. 0, ASK_CANCELLED, or -1 when there is no terminal or it cannot
 * be read. */
static int ask(const char *prompt, char *pw, size_t cap)
{
    int fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) return -1;
    struct termios was, quiet;
    int tty = tcgetattr(fd, &was) == 0;
    if (tty) {
        quiet = was;
        quiet.c_lflag &= ~(tcflag_t)(ECHO | ICANON | ISIG);
        quiet.c_cc[VMIN] = 1;
        quiet.c_cc[VTIME] = 0;
        tty = tcsetattr(fd, TCSAFLUSH, &quiet) == 0;
    }
    if (write(fd, prompt, strlen(prompt)) < 0) { /* the read below still works */
    }
    size_t n = 0;
    int rc = -1;
    for (char ch; n + 1 < cap;) {
        ssize_t got = read(fd, &ch, 1);
        if (got <= 0) break;
        if (ch == '\n' || ch == '\r') {
            rc = 0;
            break;
        }
        if (ch == 3 || ch == 4) { /* Ctrl-C, Ctrl-D */
            rc = ASK_CANCELLED;
            break;
        }
        if (ch == 127 || ch == 8) { /* backspace */
            n -= n > 0;
            continue;
        }
        if (ch == 21) { /* Ctrl-U */
            n = 0;
            continue;
        }
        pw[n++] = ch;
    }
    pw[n] = 0;
    if (rc == ASK_CANCELLED) sodium_memzero(pw, cap);
    if (tty) tcsetattr(fd, TCSAFLUSH, &was);
    if (write(fd, "\n", 1) < 0) {
    }
    close(fd);
    return rc;
}

/* "LEAD NAME: " into out, NAME as wachter writes any typed text (no
 * control character reaches the terminal raw: util/esc.h). */
static void prompt_for(char *out, size_t n, const char *lead, const char *name)
{
    buf b = {0};
    if (esc_printf(&b, "%s %s: ", lead, name) == 0 && b.data)
        snprintf(out, n, "%s", b.data);
    else
        snprintf(out, n, "%s: ", lead);
    buf_free(&b);
}

typedef struct pw_ctx {
    const char *as;
} pw_ctx;

static int password(void *ctx, char *pw, size_t cap, werr *e)
{
    pw_ctx *p = ctx;
    const char *env = getenv("WACHTER_PASSWORD");
    if (env) {
        if (strlen(env) >= cap)
            return werr_set(e, WERR_FORBIDDEN, "WACHTER_PASSWORD is longer than %zu bytes",
                            cap - 1);
        memcpy(pw, env, strlen(env) + 1);
        return 0;
    }
    char prompt[160];
    prompt_for(prompt, sizeof prompt, "Password for", p->as);
    int rc = ask(prompt, pw, cap);
    if (rc == ASK_CANCELLED)
        return werr_set(e, WERR_FORBIDDEN, "no password for '%s': cancelled at the prompt", p->as);
    if (rc < 0)
        return werr_set(e, WERR_FORBIDDEN,
                        "no password for '%s': set WACHTER_PASSWORD or run wachter on a"
                        " terminal",
                        p->as);
    return 0;
}

int cli_new_password(const cli *c, const char *cmd, const char *name, char *pw, size_t cap)
{
    const char *env = getenv("WACHTER_NEW_PASSWORD");
    if (env) {
        if (strlen(env) >= cap) {
            fprintf(c->err, "wachter %s: WACHTER_NEW_PASSWORD is longer than %zu bytes\n", cmd,
                    cap - 1);
            return -1;
        }
        memcpy(pw, env, strlen(env) + 1);
        return 0;
    }
    char prompt[160], again[256];
    prompt_for(prompt, sizeof prompt, "New password for", name);
    int rc = ask(prompt, pw, cap);
    if (rc == ASK_CANCELLED) {
        cli_say(c->err, "wachter %s: cancelled at the prompt; nothing was changed\n", cmd);
        return -1;
    }
    if (rc < 0) {
        cli_say(c->err,
                "wachter %s: no password for the new account '%s': set WACHTER_NEW_PASSWORD"
                " or run wachter on a terminal\n",
                cmd, name);
        return -1;
    }
    int same = ask("Again: ", again, sizeof again) == 0 && strcmp(pw, again) == 0;
    sodium_memzero(again, sizeof again);
    if (!same) {
        sodium_memzero(pw, cap);
        fprintf(c->err, "wachter %s: the two passwords differ; nothing was changed\n", cmd);
        return -1;
    }
    return 0;
}

/* The operating-system user's name, into out. */
static void os_user(char *out, size_t n)
{
    struct passwd *p = getpwuid(geteuid());
    if (p && p->pw_name)
        snprintf(out, n, "%s", p->pw_name);
    else
        snprintf(out, n, "uid%u", (unsigned)geteuid());
}

/* The action: the command, with its subcommand when the access table has
 * that pair ("rules load"), else the command alone ("rules"). */
static void action_of(int argc, char **argv, char *out, size_t n)
{
    snprintf(out, n, "%s", argv[0]);
    if (argc < 2 || argv[1][0] == '-') return;
    char pair[64];
    snprintf(pair, sizeof pair, "%s %s", argv[0], argv[1]);
    if (ops_access_known(pair)) snprintf(out, n, "%s", pair);
}

/* {"args":[...]}, with "reveal":true when --reveal shows real identities. */
static int params_of(const cli *c, int argc, char **argv, buf *b)
{
    int rc = buf_puts(b, "{\"args\":[");
    for (int i = 1; i < argc; i++) {
        if (i > 1) rc |= buf_puts(b, ",");
        rc |= buf_json_str(b, argv[i]);
    }
    return rc | buf_puts(b, c->reveal ? "],\"reveal\":true}" : "]}");
}

/* A store's note (a schema upgrade under way) on the error stream ctx. */
static void print_note(const char *note, void *ctx)
{
    cli_say(ctx, "wachter: %s\n", note);
}

int cli_gate_open(cli *c, int argc, char **argv, cli_gate *g)
{
    memset(g, 0, sizeof *g);
    action_of(argc, argv, g->action, sizeof g->action);
    if (params_of(c, argc, argv, &g->params) < 0) {
        fprintf(c->err, "wachter %s: out of memory\n", argv[0]);
        return CLI_EXIT_FAIL;
    }
    char me[64];
    os_user(me, sizeof me);
    store *s = NULL;
    werr e = {0};
    if (store_open_noting(c->db, STORE_EXISTING, &s, print_note, c->err, &e) < 0) {
        if (e.code != WERR_NOT_FOUND) {
            cli_say(c->err, "wachter: %s\n", e.msg);
            return CLI_EXIT_FAIL;
        }
        /* No store yet: no accounts, nothing to record in until the
         * command makes one. */
        if (c->as) {
            cli_say(c->err,
                    "wachter %s: there is no store at %s, so no account '%s' (without --as"
                    " you act as os:%s)\n",
                    argv[0], c->db, c->as, me);
            return CLI_EXIT_DENIED;
        }
        snprintf(g->actor.name, sizeof g->actor.name, "os:%s", me);
        g->actor.role = OPS_ROLE_OS;
        g->record_after = 1;
        c->actor = g->actor.name;
        c->who = &g->actor;
        return CLI_EXIT_OK;
    }
    pw_ctx p = {c->as};
    int rc = ops_session(s, c->as, me, password, &p, g->action, c->reveal,
                         (const char *)g->params.data, &g->actor, &e);
    if (rc < 0) {
        store_close(s);
        return cli_fail(c, argv[0], &e);
    }
    g->store = s;
    c->held = &g->store;
    c->actor = g->actor.name;
    c->who = &g->actor;
    return CLI_EXIT_OK;
}

void cli_gate_done(cli *c, cli_gate *g)
{
    store_close(g->store); /* when the command did not take it */
    g->store = NULL;
    c->held = NULL;
    if (g->record_after) {
        store *s = NULL;
        werr e = {0};
        if (store_open_noting(c->db, STORE_EXISTING, &s, NULL, NULL, &e) == 0 &&
            ops_audit(s, g->actor.name, g->action, (const char *)g->params.data, &e) < 0)
            cli_say(c->err, "wachter %s: %s\n", g->action, e.msg);
        store_close(s);
    }
    buf_free(&g->params);
}

void cli_audit_done(const cli *c, store *s, const char *action, const char *params_json)
{
    werr e = {0};
    if (ops_audit(s, c->actor ? c->actor : "os:?", action, params_json, &e) < 0)
        cli_say(c->err, "wachter %s: %s\n", action, e.msg);
}

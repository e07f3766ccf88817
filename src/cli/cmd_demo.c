/* wachter demo [--kind municipality|port] [--actors N] [--days D] [--seed S] [--dir DIR]: has the
 * demo's generator (wachter-demogen, tools/demogen) build a synthetic
 * organisation with planted insiders and hard benign cases, runs load →
 * ingest → risk on it, and shows a person where each plant ranked. */
#include <errno.h>
#include <limits.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli_pseud.h"
#include "cli/cli_report.h"
#include "cli/commands.h"
#include "emit/emit_demo.h"
#include "ops/ops_demo.h"
#include "util/buf.h"

extern char **environ; /* the generator runs in wachter's environment */

typedef struct demo_args {
    const char *actors, *days, *seed; /* passed on to the generator; NULL: its default */
    const char *dir;
    const char *kind; /* passed on as it is; NULL: the generator's default */
    char text[3][24]; /* what actors, days and seed point to */
} demo_args;

/* Keeps the number n as the generator's argument *arg. */
static void keep(demo_args *a, int k, long long n, const char **arg)
{
    snprintf(a->text[k], sizeof a->text[k], "%lld", n);
    *arg = a->text[k];
}

static int parse(cli *c, int argc, char **argv, demo_args *a)
{
    memset(a, 0, sizeof *a);
    a->dir = "demo-org";
    for (int i = 1; i < argc; i++) {
        const char *v;
        int rc;
        long long n;
        /* Checked here: the generator would read "5x" as 5 and "abc" as
         * its default. The range of actors and days is its to tell. */
        if ((rc = cli_count_opt(c, argc, argv, &i, "demo", "--actors", 1, INT_MAX, &n)) != 0) {
            if (rc < 0) return -1;
            keep(a, 0, n, &a->actors);
        } else if ((rc = cli_count_opt(c, argc, argv, &i, "demo", "--days", 1, INT_MAX, &n)) != 0) {
            if (rc < 0) return -1;
            keep(a, 1, n, &a->days);
        } else if ((rc = cli_count_opt(c, argc, argv, &i, "demo", "--seed", 0, LLONG_MAX, &n)) !=
                   0) {
            if (rc < 0) return -1;
            keep(a, 2, n, &a->seed);
        } else if ((rc = cli_opt(c, argc, argv, &i, "--kind", &v)) != 0) {
            if (rc < 0) return -1;
            if (strcmp(v, "municipality") != 0 && strcmp(v, "port") != 0) {
                cli_say(c->err, "wachter demo: --kind takes municipality or port, not '%s'\n", v);
                return -1;
            }
            a->kind = v;
        } else if ((rc = cli_opt(c, argc, argv, &i, "--dir", &v)) != 0) {
            if (rc < 0) return -1;
            a->dir = v;
        } else if ((rc = cli_format_opt(c, argc, argv, &i)) != 0) {
            if (rc < 0) return -1;
        } else {
            cli_usage(c, "demo", argv[i]);
            return -1;
        }
    }
    return 0;
}

/* The generator: $WACHTER_DEMOGEN, else wachter-demogen beside the
 * running binary (the build puts both in one directory). */
static int generator_path(char *out, size_t n)
{
    const char *env = getenv("WACHTER_DEMOGEN");
    if (env && *env) return snprintf(out, n, "%s", env) < (int)n ? 0 : -1;
    ssize_t k = readlink("/proc/self/exe", out, n - 1);
    if (k <= 0) return -1;
    out[k] = 0;
    char *slash = strrchr(out, '/');
    if (!slash) return -1;
    slash[1] = 0;
    size_t used = (size_t)(slash + 1 - out);
    return snprintf(slash + 1, n - used, "wachter-demogen") < (int)(n - used) ? 0 : -1;
}

/* Runs the generator into a->dir. Its messages arrive on c->err as they
 * did when it was part of wachter: it is named "wachter demo" (argv[0]),
 * and its standard error is copied to c->err. 0 when it succeeded. */
static int generate(cli *c, const demo_args *a)
{
    char path[4096];
    if (generator_path(path, sizeof path) < 0) {
        fprintf(c->err, "wachter demo: cannot find wachter-demogen (set WACHTER_DEMOGEN)\n");
        return -1;
    }
    char *argv[14];
    int n = 0;
    argv[n++] = "wachter demo";
    if (a->kind) {
        argv[n++] = "--kind";
        argv[n++] = (char *)a->kind;
    }
    const char *const opt[3][2] = {
        {"--actors", a->actors}, {"--days", a->days}, {"--seed", a->seed}};
    for (int i = 0; i < 3; i++)
        if (opt[i][1]) {
            argv[n++] = (char *)opt[i][0];
            argv[n++] = (char *)opt[i][1];
        }
    argv[n++] = "--";
    argv[n++] = (char *)a->dir;
    argv[n] = NULL;

    int fd[2];
    if (pipe(fd) < 0) {
        fprintf(c->err, "wachter demo: cannot run %s: %s\n", path, strerror(errno));
        return -1;
    }
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fd[1], 2);
    posix_spawn_file_actions_addclose(&fa, fd[0]);
    posix_spawn_file_actions_addclose(&fa, fd[1]);
    fflush(c->out);
    fflush(c->err);
    pid_t pid;
    int rc = posix_spawn(&pid, path, &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(fd[1]);
    if (rc != 0) {
        close(fd[0]);
        fprintf(c->err, "wachter demo: cannot run %s: %s\n", path, strerror(rc));
        return -1;
    }
    char chunk[4096];
    ssize_t k;
    while ((k = read(fd[0], chunk, sizeof chunk)) != 0) {
        if (k < 0 && errno == EINTR) continue;
        if (k < 0) break;
        fwrite(chunk, 1, (size_t)k, c->err);
    }
    close(fd[0]);
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) {
            fprintf(c->err, "wachter demo: waiting for %s: %s\n", path, strerror(errno));
            return -1;
        }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return 0;
    if (WIFSIGNALED(status))
        fprintf(c->err, "wachter demo: %s was killed by signal %d\n", path, WTERMSIG(status));
    return -1;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int cmd_demo(cli *c, int argc, char **argv)
{
    demo_args a;
    if (parse(c, argc, argv, &a) < 0) return CLI_EXIT_USAGE;
    double t0 = now_s();
    if (generate(c, &a) < 0) return CLI_EXIT_FAIL;
    store *s;
    if (cli_open_store(c, STORE_CREATE, &s) < 0) return CLI_EXIT_FAIL;
    demo_result res = {.gen_s = now_s() - t0};
    refload_report rep = cli_refload_report(c);
    cli_note_to to;
    ops_notes notes = cli_notes(c, "demo", &to);
    werr e = {0};
    /* The port's demo detects with the port's defaults (detect/rule_kinds.h); the
     * municipality's with the store's configuration, as before. */
    const char *kind = a.kind && strcmp(a.kind, "port") == 0 ? "port" : NULL;
    int rc = ops_demo(s, a.dir, kind, &rep, cli_quarantined, c->err, &notes, &res, &e);
    /* The staff it loaded, for the pseudonyms of its summary. */
    int named = rc < 0 || cli_pseud_load(c, s) == 0;
    store_close(s);
    int code;
    if (rc < 0) {
        code = cli_fail(c, "demo", &e);
    } else if (!named) {
        code = CLI_EXIT_FAIL;
    } else {
        buf out = {0};
        int shown =
            c->format == EMIT_JSONL ? emit_demo_json(&out, &res) : emit_demo_table(&out, &res);
        code = cli_write(c, "demo", &out, shown) < 0 ? CLI_EXIT_FAIL : CLI_EXIT_OK;
        buf_free(&out);
    }
    ops_demo_free(&res);
    return code;
}

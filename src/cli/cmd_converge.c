/* wachter convergence [--from T] [--to T] [--min-shared N] [--max-accessors N]
 *                     [--within DAYS] [--max-p P] [--same-unit]: groups of actors sharing several
 * unexplained subjects that few others touched (investigate/converge.h).
 * The period defaults to the 90 days up to the newest event (ops_converge.h). */
#include <stdlib.h>
#include <string.h>

#include "cli/cli_range.h"
#include "cli/commands.h"
#include "emit/emit_converge.h"
#include "ops/ops_converge.h"

enum { MAX_ACCESSORS_LIMIT = 64 };

static int count_opt(const cli *c, int argc, char **argv, int *i, const char *name, int lo, int hi,
                     int *out)
{
    long long n;
    int rc = cli_count_opt(c, argc, argv, i, "convergence", name, lo, hi, &n);
    if (rc == 1) *out = (int)n;
    return rc;
}

static int p_opt(const cli *c, int argc, char **argv, int *i, double *out)
{
    const char *v;
    int rc = cli_opt(c, argc, argv, i, "--max-p", &v);
    if (rc <= 0) return rc;
    char *end;
    *out = strtod(v, &end);
    if (end == v || *end || !(*out > 0 && *out <= 1)) {
        fprintf(c->err,
                "wachter convergence: --max-p takes a probability above 0 and at most 1,"
                " not '%s'\n",
                v);
        return -1;
    }
    return 1;
}

static int parse(cli *c, int argc, char **argv, inv_conv_opts *o)
{
    for (int i = 1; i < argc; i++) {
        int rc;
        if (strcmp(argv[i], "--same-unit") == 0)
            o->same_unit = 1;
        else if ((rc = cli_range_opt(c, argc, argv, &i, "convergence", &o->from, &o->to)) != 0 ||
                 (rc = count_opt(c, argc, argv, &i, "--min-shared", 2, 1000000, &o->min_shared)) !=
                     0 ||
                 (rc = count_opt(c, argc, argv, &i, "--max-accessors", 2, MAX_ACCESSORS_LIMIT,
                                 &o->max_accessors)) != 0 ||
                 (rc = count_opt(c, argc, argv, &i, "--within", 0, 36500, &o->within_days)) != 0 ||
                 (rc = cli_format_opt(c, argc, argv, &i)) != 0) {
            if (rc < 0) return -1;
        } else if ((rc = p_opt(c, argc, argv, &i, &o->max_p)) != 0) {
            if (rc < 0) return -1;
        } else {
            cli_usage(c, "convergence", argv[i]);
            return -1;
        }
    }
    return cli_range_check(c, "convergence", o->from, o->to);
}

int cmd_converge(cli *c, int argc, char **argv)
{
    inv_conv_opts o = {-1, CLI_TIME_MAX, 3, 5, 0, 30, 0.01};
    if (parse(c, argc, argv, &o) < 0) return CLI_EXIT_USAGE;
    store *s;
    if (cli_open_store(c, STORE_EXISTING, &s) < 0) return CLI_EXIT_FAIL;
    inv_convergence v = {0};
    buf b = {0};
    werr e = {0};
    int code = CLI_EXIT_OK;
    if (ops_converge(s, &o, &v, &e) < 0)
        code = cli_fail(c, "convergence", &e);
    else if (cli_write(c, "convergence", &b, emit_converge(&b, c->format, &o, &v)) < 0)
        code = CLI_EXIT_FAIL;
    buf_free(&b);
    inv_convergence_free(&v);
    store_close(s);
    return code;
}

/* wachter retention [set KIND DURATION]: the retention policy, or one
 * kind's retention set. */
#include <string.h>

#include "cli/commands.h"
#include "emit/emit_retention.h"
#include "ops/ops_retention.h"

static int show(cli *c)
{
    store *s;
    if (cli_open_store(c, STORE_EXISTING, &s) < 0) return CLI_EXIT_FAIL;
    werr e = {0};
    ops_retention r;
    int rc = ops_retention_get(s, &r, &e);
    store_close(s);
    if (rc < 0) return cli_fail(c, "retention", &e);
    buf b = {0};
    int wrote = cli_write(c, "retention", &b, emit_retention(&b, c->format, &r));
    buf_free(&b);
    return wrote < 0 ? CLI_EXIT_FAIL : CLI_EXIT_OK;
}

static int set(cli *c, const char *kind, const char *duration)
{
    werr e = {0};
    int64_t days;
    /* A bad value is refused before the store is touched (or made). */
    if (ops_retention_check(kind, duration, &days, &e) < 0) return cli_fail(c, "retention", &e);
    store *s;
    if (cli_open_store(c, STORE_CREATE, &s) < 0) return CLI_EXIT_FAIL;
    ops_retention r;
    int rc = ops_retention_set(s, kind, duration, &e);
    if (rc == 0) rc = ops_retention_get(s, &r, &e);
    store_close(s);
    if (rc < 0) return cli_fail(c, "retention", &e);
    buf b = {0};
    int wrote = cli_write(c, "retention", &b, emit_retention(&b, c->format, &r));
    buf_free(&b);
    return wrote < 0 ? CLI_EXIT_FAIL : CLI_EXIT_OK;
}

int cmd_retention(cli *c, int argc, char **argv)
{
    const char *arg[3] = {NULL, NULL, NULL};
    int n = 0;
    for (int i = 1; i < argc; i++) {
        int rc = cli_format_opt(c, argc, argv, &i);
        if (rc < 0) return CLI_EXIT_USAGE;
        if (rc == 1) continue;
        if (n < 3 && (argv[i][0] != '-' || n == 2))
            arg[n++] = argv[i];
        else
            return cli_usage(c, "retention", argv[i]);
    }
    if (n == 0) return show(c);
    if (strcmp(arg[0], "set") != 0) return cli_usage(c, "retention", arg[0]);
    if (n < 3) {
        fprintf(c->err, "wachter retention: set what for how long? (wachter retention set KIND"
                        " DURATION, e.g. set events 400d)\n");
        return CLI_EXIT_USAGE;
    }
    return set(c, arg[1], arg[2]);
}

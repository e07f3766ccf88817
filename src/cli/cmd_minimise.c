/* wachter minimise [drop LIST]: the event fields dropped at ingest, or
 * the list of them set. */
#include <string.h>

#include "cli/commands.h"
#include "emit/emit_retention.h"
#include "ops/ops_retention.h"

int cmd_minimise(cli *c, int argc, char **argv)
{
    const char *arg[2] = {NULL, NULL};
    int n = 0;
    for (int i = 1; i < argc; i++) {
        int rc = cli_format_opt(c, argc, argv, &i);
        if (rc < 0) return CLI_EXIT_USAGE;
        if (rc == 1) continue;
        if (n < 2 && (argv[i][0] != '-' || n == 1))
            arg[n++] = argv[i];
        else
            return cli_usage(c, "minimise", argv[i]);
    }
    if (n > 0 && strcmp(arg[0], "drop") != 0) return cli_usage(c, "minimise", arg[0]);
    if (n == 1) {
        fprintf(c->err, "wachter minimise: drop which fields? (wachter minimise drop"
                        " query,client; drop none keeps them all)\n");
        return CLI_EXIT_USAGE;
    }
    werr e = {0};
    /* A bad list is refused before the store is touched (or made). */
    if (n && ops_minimise_check(arg[1], &e) < 0) return cli_fail(c, "minimise", &e);
    store *s;
    if (cli_open_store(c, n ? STORE_CREATE : STORE_EXISTING, &s) < 0) return CLI_EXIT_FAIL;
    unsigned mask = 0;
    int rc = n ? ops_minimise_set(s, arg[1], &e) : 0;
    if (rc == 0) rc = ops_minimise_get(s, &mask, &e);
    store_close(s);
    if (rc < 0) return cli_fail(c, "minimise", &e);
    buf b = {0};
    int wrote = cli_write(c, "minimise", &b, emit_minimise(&b, c->format, mask));
    buf_free(&b);
    return wrote < 0 ? CLI_EXIT_FAIL : CLI_EXIT_OK;
}

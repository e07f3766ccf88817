/* wachter who-accessed SUBJECT [--from T] [--to T]: the subject access
 * report, every access oldest first, each explained or not and why. */
#include "cli/cli_range.h"
#include "cli/cli_pseud.h"
#include "cli/commands.h"
#include "emit/emit_who.h"
#include "investigate/who.h"

int cmd_who(cli *c, int argc, char **argv)
{
    const char *subject = NULL;
    int64_t from = 0, to = CLI_TIME_MAX;
    for (int i = 1; i < argc; i++) {
        int rc;
        if ((rc = cli_range_opt(c, argc, argv, &i, "who-accessed", &from, &to)) != 0 ||
            (rc = cli_format_opt(c, argc, argv, &i)) != 0) {
            if (rc < 0) return CLI_EXIT_USAGE;
        } else if (!subject && argv[i][0] != '-')
            subject = argv[i];
        else
            return cli_usage(c, "who-accessed", argv[i]);
    }
    if (!subject || !*subject) {
        fprintf(c->err, "wachter who-accessed: which subject? (wachter who-accessed SUBJECT)\n");
        return CLI_EXIT_USAGE;
    }
    if (cli_range_check(c, "who-accessed", from, to) < 0) return CLI_EXIT_USAGE;
    store *s;
    if (cli_open_store(c, STORE_EXISTING, &s) < 0) return CLI_EXIT_FAIL;
    int bad = cli_pseud_arg(c, "who-accessed", subject, 1, &subject);
    if (bad) {
        store_close(s);
        return bad;
    }
    inv_accesses a = {0};
    refdata *r = NULL;
    buf b = {0};
    werr e = {0};
    int code = CLI_EXIT_OK;
    if (inv_who(s, subject, from, to, &a, &r, &e) < 0)
        code = cli_fail(c, "who-accessed", &e);
    else if (cli_write(c, "who-accessed", &b, emit_who(&b, c->format, subject, &a, r)) < 0)
        code = CLI_EXIT_FAIL;
    buf_free(&b);
    inv_accesses_free(&a);
    refdata_free(r);
    store_close(s);
    return code;
}

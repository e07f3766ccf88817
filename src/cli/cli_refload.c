#include "cli/cli_refload.h"

static void print_bad_row(void *ctx, const char *file, long line, const char *reason)
{
    FILE *err = ctx;
    if (line > 0)
        fprintf(err, "%s:%ld: %s\n", file, line, reason);
    else
        fprintf(err, "%s\n", reason); /* the reason names the file itself */
}

int cli_refload(const cli *c, store *s, const char *dir, int replace, refload_counts *n)
{
    refload_report rep = {print_bad_row, c->err};
    werr e = {0};
    if (refload_dir(s, dir, replace, &rep, n, &e) < 0) {
        fprintf(c->err, "%s\n", e.msg);
        return -1;
    }
    return 0;
}

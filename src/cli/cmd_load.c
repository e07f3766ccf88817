/* wachter load [--replace] DIR */
#include <string.h>

#include "cli/commands.h"
#include "input/refload.h"

int cmd_load(cli *c, int argc, char **argv)
{
    const char *dir = NULL;
    int replace = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--replace") == 0) replace = 1;
        else if (!dir && argv[i][0] != '-') dir = argv[i];
        else return cli_usage(c, "load", argv[i]);
    }
    if (!dir) {
        fprintf(c->err, "wachter load: which directory? (wachter load DIR)\n");
        return 2;
    }
    store *s;
    if (cli_open_store(c, &s) < 0) return 1;
    refload_counts n;
    int rc = refload_dir(s, dir, replace, c->err, &n);
    store_close(s);
    if (rc < 0) return 1;
    if (n.files == 0) {
        fprintf(c->err, "wachter load: %s holds none of actors.csv, subjects.csv, cases.csv,"
                        " case_assignments.csv, protected.csv, incidents.csv\n", dir);
        return 1;
    }
    fprintf(c->out, "loaded %ld rows from %ld files; %ld bad rows skipped\n", n.rows, n.files,
            n.bad);
    return n.bad ? 3 : 0;
}

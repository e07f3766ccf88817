/* cli_refload — `wachter load`'s and `wachter demo`'s loading of the
 * reference CSVs, with what it skipped told on the command's error stream. */
#ifndef WACHTER_CLI_REFLOAD_H
#define WACHTER_CLI_REFLOAD_H
#include "cli/cli.h"
#include "input/refload.h"

/* refload_dir, printing each bad file, header or row on c->err ("file:line:
 * reason") and a failure as its message. 0 or -1. */
int cli_refload(const cli *c, store *s, const char *dir, int replace, refload_counts *n);
#endif

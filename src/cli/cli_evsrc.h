/* cli_evsrc — ingest's options for CSV and syslog sources (--input, --map,
 * --map-file, --delimiter, --timezone, --year), gathered while the command
 * line is read and turned into the converter (input/evconv.h) at its end. */
#ifndef WACHTER_CLI_EVSRC_H
#define WACHTER_CLI_EVSRC_H
#include "cli/cli.h"
#include "input/evconv.h"

typedef struct cli_evsrc {
    evconv_opts o;     /* kind 0: JSON Lines */
    int from_file;     /* a mapping file was read */
    int any;           /* an option only a CSV or syslog source takes was given */
    const char *input; /* --input's value, for messages */
} cli_evsrc;

/* Takes argv[*i] (and its value) when it is one of these options: 1, 0
 * when it is not one, -1 after a usage message (the caller exits 2) or a
 * bad mapping file (*code set to the exit status). */
int cli_evsrc_opt(cli *c, cli_evsrc *s, int argc, char **argv, int *i, int *code);
/* After the command line: *out the converter, or NULL for JSON Lines. 0,
 * or -1 with a message on c->err and *code the exit status. */
int cli_evsrc_make(cli *c, cli_evsrc *s, evconv **out, int *code);
/* Frees what s holds (when cli_evsrc_make was not reached). */
void cli_evsrc_free(cli_evsrc *s);
#endif

/* cli_pseud — pseudonyms in the CLI: every command's output goes through
 * cli_write, which names staff by pseudonym (priv/pseudonym.h) unless
 * --reveal was given; the arguments that name an actor (or an employee's
 * own record) take a pseudonym. The key is --key FILE, else $WACHTER_KEY,
 * else the store's path + ".key" (priv/pkey.h). */
#ifndef WACHTER_CLI_PSEUD_H
#define WACHTER_CLI_PSEUD_H
#include "cli/cli.h"
#include "priv/pseudonym.h"

typedef struct cli_pseud {
    pseud_map *map;  /* NULL until a store is opened */
    struct buf *out; /* what cli_write writes, kept between calls; owned */
} cli_pseud;

/* Reads the key and the staff of store s into c->ps (again when it was
 * read before: a command that loaded staff calls it once more before its
 * output). With --reveal too: arguments still take pseudonyms. 0, or -1
 * reported on c->err. */
int cli_pseud_load(const cli *c, store *s);
void cli_pseud_free(cli_pseud *p);
/* Reads the pseudonyms' key (--key FILE, $WACHTER_KEY, or the store's
 * path + ".key") into k: pkey_wipe it after use. 0, or -1 reported on
 * c->err. */
int cli_pseud_key(const cli *c, pkey *k);
/* Writes in[0..n) to c->out as c's output shows it: staff by pseudonym;
 * as it is with --reveal or before any store was opened. 0, or -1 when
 * out of memory (what was rewritten is written). */
int cli_pseud_write(const cli *c, const char *in, size_t n);
/* An argument arg of command cmd that names an actor (person 0) or an
 * employee's own record as a subject (person 1): a pseudonym becomes the
 * account (or its person id), anything else is taken as it is. *real is
 * borrowed (from arg or c->ps). Call it after cli_open_store. 0, or the
 * exit status of a failure reported on c->err (an unknown pseudonym). */
int cli_pseud_arg(const cli *c, const char *cmd, const char *arg, int person, const char **real);
#endif

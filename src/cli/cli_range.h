/* cli_range — the time options investigation commands share. */
#ifndef WACHTER_CLI_RANGE_H
#define WACHTER_CLI_RANGE_H
#include <stdint.h>

#include "cli/cli.h"

/* Everything: from 0 to the largest time. */
#define CLI_TIME_MAX INT64_MAX

/* Takes "--from T" or "--to T": RFC 3339, epoch ms or YYYY-MM-DD (for
 * --to, through the end of that day). Returns 1 matched, 0 not, -1 bad
 * value (reported, naming cmd). */
int cli_range_opt(const cli *c, int argc, char **argv, int *i, const char *cmd, int64_t *from,
                  int64_t *to);
/* Checks a period once its options are read: -1 (reported, naming cmd)
 * when from lies after to, which no look-up could be in; else 0. */
int cli_range_check(const cli *c, const char *cmd, int64_t from, int64_t to);
/* Takes "--lookback D" (30d, 12h, ...) into *ms. 1 / 0 / -1 as above. */
int cli_lookback_opt(const cli *c, int argc, char **argv, int *i, const char *cmd, int64_t *ms);
#endif

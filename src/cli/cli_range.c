#include "cli/cli_range.h"

#include "input/refload.h"
#include "normalise/ts.h"

/* A century: longer is a slip of the keyboard. */
#define LOOKBACK_MAX_MS (36500 * TS_DAY_MS)

int cli_range_opt(const cli *c, int argc, char **argv, int *i, const char *cmd, int64_t *from,
                  int64_t *to)
{
    const char *v;
    int to_opt = 0, rc = cli_opt(c, argc, argv, i, "--from", &v);
    if (rc == 0) rc = cli_opt(c, argc, argv, i, "--to", &v), to_opt = 1;
    if (rc <= 0) return rc;
    long long ms;
    if (refload_time(v, to_opt, &ms) != 1) {
        cli_say(c->err,
                "wachter %s: %s takes a time (2026-03-02, 2026-03-02T09:00:00Z or"
                " epoch ms), not '%s'\n",
                cmd, to_opt ? "--to" : "--from", v);
        return -1;
    }
    *(to_opt ? to : from) = ms;
    return 1;
}

int cli_range_check(const cli *c, const char *cmd, int64_t from, int64_t to)
{
    if (from <= to) return 0;
    fprintf(c->err, "wachter %s: --from is after --to: no time lies between them\n", cmd);
    return -1;
}

int cli_lookback_opt(const cli *c, int argc, char **argv, int *i, const char *cmd, int64_t *ms)
{
    const char *v;
    int rc = cli_opt(c, argc, argv, i, "--lookback", &v);
    if (rc <= 0) return rc;
    if ((*ms = ts_duration(v)) <= 0 || *ms > LOOKBACK_MAX_MS) {
        cli_say(c->err,
                "wachter %s: --lookback takes a duration from 1s to 36500d, such as 30d or 12h,"
                " not '%s'\n",
                cmd, v);
        return -1;
    }
    return 1;
}

/* wachter timeline ACTOR [--from T] [--to T] [--unexplained]
 * [--with-alerts]: one actor's look-ups, each explained, interleaved with
 * the alerts they raised; the filters keep only the unexplained look-ups,
 * or those an alert lists (each then shown with its alerts' ids). */
#include <string.h>

#include "cli/cli_range.h"
#include "cli/cli_pseud.h"
#include "cli/commands.h"
#include "emit/emit_timeline.h"
#include "investigate/timeline.h"

int cmd_timeline(cli *c, int argc, char **argv)
{
    const char *actor = NULL;
    int64_t from = 0, to = CLI_TIME_MAX;
    inv_timeline_opts o = {0, 0, 0};
    long long newest = 0;
    for (int i = 1; i < argc; i++) {
        int rc;
        if ((rc = cli_count_opt(c, argc, argv, &i, "timeline", "--newest", 1, 100000000,
                                &newest)) != 0) {
            if (rc < 0) return CLI_EXIT_USAGE;
            o.newest = (size_t)newest;
        } else if (strcmp(argv[i], "--unexplained") == 0)
            o.unexplained_only = 1;
        else if (strcmp(argv[i], "--with-alerts") == 0)
            o.with_alerts = 1;
        else if ((rc = cli_range_opt(c, argc, argv, &i, "timeline", &from, &to)) != 0 ||
                 (rc = cli_format_opt(c, argc, argv, &i)) != 0) {
            if (rc < 0) return CLI_EXIT_USAGE;
        } else if (!actor && argv[i][0] != '-')
            actor = argv[i];
        else
            return cli_usage(c, "timeline", argv[i]);
    }
    if (!actor || !*actor) {
        fprintf(c->err, "wachter timeline: whose? (wachter timeline ACTOR)\n");
        return CLI_EXIT_USAGE;
    }
    if (cli_range_check(c, "timeline", from, to) < 0) return CLI_EXIT_USAGE;
    store *s;
    if (cli_open_store(c, STORE_EXISTING, &s) < 0) return CLI_EXIT_FAIL;
    int bad = cli_pseud_arg(c, "timeline", actor, 0, &actor);
    if (bad) {
        store_close(s);
        return bad;
    }
    inv_timeline t = {0};
    buf b = {0};
    werr e = {0};
    int code = CLI_EXIT_OK;
    if (inv_timeline_query(s, actor, from, to, &o, &t, &e) < 0)
        code = cli_fail(c, "timeline", &e);
    else if (cli_write(c, "timeline", &b,
                       o.with_alerts ? emit_timeline_ids(&b, c->format, actor, &t)
                                     : emit_timeline(&b, c->format, actor, &t)) < 0)
        code = CLI_EXIT_FAIL;
    buf_free(&b);
    inv_timeline_free(&t);
    store_close(s);
    return code;
}

/* wachter publish --to nats://HOST:PORT[,...] --stream NAME [--subject P]
 *                 [--partitions N] [--replicas N] [FILE|-] */
#include <string.h>

#include "cli/cli_report.h"
#include "cli/cli_stream.h"
#include "cli/commands.h"
#include "emit/emit_publish.h"
#include "ops/ops_publish.h"
#include "util/buf.h"

int cmd_publish(cli *c, int argc, char **argv)
{
    cli_stream so = {0};
    const char *path = NULL;
    for (int i = 1; i < argc; i++) {
        int rc;
        if ((rc = cli_stream_opt(c, "publish", &so, argc, argv, &i)) != 0) {
            if (rc < 0) return CLI_EXIT_USAGE;
        } else if ((rc = cli_format_opt(c, argc, argv, &i)) != 0) {
            if (rc < 0) return CLI_EXIT_USAGE;
        } else if (!path && (argv[i][0] != '-' || strcmp(argv[i], "-") == 0)) {
            path = argv[i];
        } else {
            return cli_usage(c, "publish", argv[i]);
        }
    }
    if (cli_stream_check(c, "publish", &so) < 0) return CLI_EXIT_USAGE;
    FILE *in = stdin;
    ops_publish_opts o = {.servers = &so.servers,
                          .stream = so.stream,
                          .prefix = so.prefix,
                          .partitions = (unsigned)so.partitions,
                          .replicas = (int)so.replicas,
                          .source = "stdin",
                          .on_bad = cli_quarantined,
                          .on_bad_ctx = c->err};
    if (path && strcmp(path, "-") != 0) {
        if (!(in = fopen(path, "rb"))) {
            cli_say(c->err, "wachter publish: %s: cannot open\n", path);
            return CLI_EXIT_FAIL;
        }
        o.source = path;
    }
    ops_published st;
    werr e = {0};
    int code = CLI_EXIT_FAIL;
    if (ops_publish(in, &o, &st, &e) < 0) {
        code = cli_fail(c, "publish", &e);
        if (st.published)
            cli_say(c->err, "wachter publish: %ld events were published and acknowledged before\n",
                    st.published);
    } else {
        buf b = {0};
        if (cli_write(c, "publish", &b, emit_publish(&b, c->format, so.stream, &st)) == 0)
            code = CLI_EXIT_OK;
        buf_free(&b);
    }
    if (in != stdin) fclose(in);
    return code;
}

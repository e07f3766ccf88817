#include "cli/cli_stream.h"

#include <stdlib.h>
#include <string.h>

int cli_stream_opt(const cli *c, const char *cmd, cli_stream *o, int argc, char **argv, int *i)
{
    int publish = strcmp(cmd, "publish") == 0, rc;
    const char *v;
    long long n;
    werr e = {0};
    if ((rc = cli_opt(c, argc, argv, i, publish ? "--to" : "--from", &o->from)) != 0) return rc;
    if ((rc = cli_opt(c, argc, argv, i, "--stream", &o->stream)) != 0) return rc;
    if ((rc = cli_opt(c, argc, argv, i, "--subject", &o->prefix)) != 0) return rc;
    if (publish) {
        if ((rc = cli_count_opt(c, argc, argv, i, cmd, "--partitions", 1, STREAM_MAX_PARTITIONS,
                                &n)) != 0) {
            if (rc > 0) o->partitions = (long)n;
            return rc;
        }
        if ((rc = cli_count_opt(c, argc, argv, i, cmd, "--replicas", 1, 5, &n)) != 0) {
            if (rc > 0) o->replicas = (long)n;
            return rc;
        }
        return 0;
    }
    if ((rc = cli_opt(c, argc, argv, i, "--durable", &o->durable)) != 0) return rc;
    if ((rc = cli_opt(c, argc, argv, i, "--partitions", &v)) != 0) {
        if (rc < 0) return rc;
        if (stream_share_add(&o->share, v, &e) < 0) {
            cli_say(c->err, "wachter %s: %s\n", cmd, e.msg);
            return -1;
        }
        return 1;
    }
    if ((rc = cli_opt(c, argc, argv, i, "--until-idle", &v)) != 0) {
        char *end;
        if (rc < 0) return rc;
        o->until_idle = strtod(v, &end);
        if (end == v || *end || !(o->until_idle > 0 && o->until_idle <= 86400)) {
            cli_say(c->err,
                    "wachter %s: --until-idle takes seconds (above 0, to 86400), not '%s'\n", cmd,
                    v);
            return -1;
        }
        return 1;
    }
    return 0;
}

int cli_stream_check(const cli *c, const char *cmd, cli_stream *o)
{
    werr e = {0};
    int publish = strcmp(cmd, "publish") == 0;
    if (!o->from) {
        cli_say(c->err, "wachter %s: %s nats://HOST:PORT[,nats://...] is needed\n", cmd,
                publish ? "--to" : "--from");
        return -1;
    }
    if (!o->stream) {
        cli_say(c->err, "wachter %s: --stream NAME is needed\n", cmd);
        return -1;
    }
    if (!o->prefix) o->prefix = o->stream;
    if (!o->durable) o->durable = "wachter";
    if (!o->partitions) o->partitions = STREAM_DEFAULT_PARTITIONS;
    if (stream_servers_parse(o->from, &o->servers, &e) < 0 ||
        stream_name_check(o->stream, &e) < 0 || stream_prefix_check(o->prefix, &e) < 0 ||
        stream_name_check(o->durable, &e) < 0) {
        cli_say(c->err, "wachter %s: %s\n", cmd, e.msg);
        return -1;
    }
    if (o->durable && strlen(o->durable) > 48) {
        cli_say(c->err, "wachter %s: --durable takes at most 48 characters\n", cmd);
        return -1;
    }
    return 0;
}

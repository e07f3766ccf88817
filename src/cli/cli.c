#include "cli/cli.h"

#include <string.h>

#include "enrich/refdata_cache.h"

int cli_open_store(const cli *c, store **s)
{
    char err[512];
    if (store_open_noting(c->db, s, c->err, err, sizeof err) < 0) {
        fprintf(c->err, "wachter: %s\n", err);
        return -1;
    }
    return 0;
}

int cli_open_ref(const cli *c, int threads, store **s, refdata **r)
{
    werr e = {0};
    if (cli_open_store(c, s) < 0) return -1;
    if (refdata_load(*s, threads, r, &e) < 0) {
        fprintf(c->err, "wachter: %s\n", e.msg);
        store_close(*s);
        *s = NULL;
        return -1;
    }
    return 0;
}

void cli_cache_ref(const cli *c, const char *cmd, store *s, const refdata *r)
{
    werr e = {0};
    if (!refdata_cached(r) && refcache_write(s, r, &e) < 0)
        fprintf(c->err,
                "wachter %s: note: reference data not cached (%s); the next start reads"
                " the tables again\n",
                cmd, e.msg);
}

int cli_opt(const cli *c, int argc, char **argv, int *i, const char *name, const char **val)
{
    size_t n = strlen(name);
    const char *a = argv[*i];
    if (strncmp(a, name, n) != 0) return 0;
    if (a[n] == '=') {
        *val = a + n + 1;
        return 1;
    }
    if (a[n] != 0) return 0;
    if (*i + 1 >= argc) {
        fprintf(c->err, "wachter: %s needs a value\n", name);
        return -1;
    }
    *val = argv[++*i];
    return 1;
}

int cli_format_opt(cli *c, int argc, char **argv, int *i)
{
    const char *v;
    int rc = cli_opt(c, argc, argv, i, "--format", &v);
    if (rc <= 0) return rc;
    if (strcmp(v, "table") == 0) c->format = FMT_TABLE;
    else if (strcmp(v, "jsonl") == 0 || strcmp(v, "json") == 0) c->format = FMT_JSONL;
    else {
        fprintf(c->err, "wachter: --format takes table or jsonl, not '%s'\n", v);
        return -1;
    }
    return 1;
}

int cli_usage(const cli *c, const char *cmd, const char *arg)
{
    fprintf(c->err, "wachter %s: unexpected argument '%s' (see wachter help)\n", cmd, arg);
    return 2;
}

/* wachter-orggen: writes an organisation (reference data in two parts, a
 * month of access events, the truth) for bench/eval.sh. docs/orggen.md. */
#include "orggen.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] = "usage: wachter-orggen [--kind police|port|customs] [--seed S] "
                            "[--actors N] [--days D] --out DIR\n"
                            "  writes DIR/ref (load before the ingest), DIR/late (load after it),\n"
                            "  DIR/events.jsonl, DIR/truth.csv and DIR/meta.env\n";

static int num(const char *opt, const char *s, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || *s < '0' || *s > '9' || *end || v < lo || v > hi) {
        fprintf(stderr, "wachter-orggen: %s takes a whole number from %ld to %ld, not '%s'\n", opt,
                lo, hi, s);
        return -1;
    }
    *out = v;
    return 0;
}

int main(int argc, char **argv)
{
    orggen_opts o = {orggen_kind("police"), 1, 1000, 30, NULL};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        long v;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(usage, stdout);
            return 0;
        }
        if (i + 1 >= argc) {
            fprintf(stderr, "wachter-orggen: %s needs a value\n%s", a, usage);
            return 2;
        }
        const char *val = argv[++i];
        if (strcmp(a, "--kind") == 0) {
            if (!(o.kind = orggen_kind(val))) {
                fprintf(stderr, "wachter-orggen: --kind takes police, port or customs, not '%s'\n",
                        val);
                return 2;
            }
        } else if (strcmp(a, "--seed") == 0) {
            if (num(a, val, 0, 1000000000L, &v)) return 2;
            o.seed = (uint64_t)v;
        } else if (strcmp(a, "--actors") == 0) {
            if (num(a, val, 100, 100000, &v)) return 2;
            o.actors = (int)v;
        } else if (strcmp(a, "--days") == 0) {
            if (num(a, val, 14, 365, &v)) return 2;
            o.days = (int)v;
        } else if (strcmp(a, "--out") == 0) {
            o.out = val;
        } else {
            fprintf(stderr, "wachter-orggen: unknown option %s\n%s", a, usage);
            return 2;
        }
    }
    if (!o.out) {
        fprintf(stderr, "wachter-orggen: --out DIR is needed\n%s", usage);
        return 2;
    }
    char err[512];
    if (orggen_run(&o, err, sizeof err) != 0) {
        fprintf(stderr, "wachter-orggen: %s\n", err);
        return 1;
    }
    return 0;
}

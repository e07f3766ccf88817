/* wachter-demogen [--kind municipality|port] [--actors N] [--days D] [--seed S] [--] DIR:
 * writes the synthetic organisation of `wachter demo` into DIR (demo_gen.h says what
 * it holds). `wachter demo` runs it, then loads and ingests DIR.
 *
 * Messages start with argv[0]: wachter runs it as "wachter demo", so that
 * they read as they did when the generator was part of wachter. Exit
 * status 0, 1 when generating failed, 2 for a bad command line. */
#include "demo_gen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int usage(const char *prog)
{
    fprintf(stderr,
            "usage: %s [--kind municipality|port] [--actors N] [--days D] [--seed S] [--] DIR\n",
            prog);
    return 2;
}

int main(int argc, char **argv)
{
    /* The organisation's files hold (synthetic) staff addresses, written
     * as a real deployment's would be: readable by their owner only. */
    umask(077);
    const char *prog = argc > 0 ? argv[0] : "wachter-demogen";
    const char *dir = NULL;
    demo_opts o;
    demo_opts_init(&o);
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        /* the same conversions as wachter demo made when it held the generator */
        if (!strcmp(arg, "--actors") && i + 1 < argc) {
            o.actors = atoi(argv[++i]);
        } else if (!strcmp(arg, "--days") && i + 1 < argc) {
            o.days = atoi(argv[++i]);
        } else if (!strcmp(arg, "--seed") && i + 1 < argc) {
            o.seed = strtoull(argv[++i], NULL, 10);
        } else if (!strcmp(arg, "--kind") && i + 1 < argc) {
            o.kind = demo_kind_parse(argv[++i]);
            if (o.kind < 0) {
                fprintf(stderr, "%s: --kind takes municipality or port, not '%s'\n", prog, argv[i]);
                return 2;
            }
        } else if (!strcmp(arg, "--") && i + 2 == argc && !dir) {
            dir = argv[++i];
        } else if (arg[0] != '-' && !dir) {
            dir = arg;
        } else {
            return usage(prog);
        }
    }
    if (!dir) return usage(prog);
    char err[512];
    demo_truth *t = NULL;
    if (demo_generate(&o, dir, &t, err, sizeof err) < 0) {
        fprintf(stderr, "%s: %s\n", prog, err);
        return 1;
    }
    demo_truth_free(t);
    return 0;
}

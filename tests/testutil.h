/* testutil — what the cmocka tests share: a temporary directory, files
 * written into it, and wachter run through cli_main with its output
 * captured, so tests go through the same code path as a user. */
#ifndef WACHTER_TESTUTIL_H
#define WACHTER_TESTUTIL_H
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

/* A new empty directory under /tmp; owned string. */
static inline char *tu_tmpdir(void)
{
    char tmpl[] = "/tmp/wachter-test-XXXXXX";
    char *d = mkdtemp(tmpl);
    assert_non_null(d);
    return strdup(d);
}

/* Removes path: a file, or a directory with everything in it. */
static inline void tu_rm(const char *path)
{
    DIR *d = opendir(path);
    if (d) {
        for (struct dirent *e; (e = readdir(d));) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
            size_t n = strlen(path) + strlen(e->d_name) + 2;
            char *sub = malloc(n);
            if (!sub) break;
            snprintf(sub, n, "%s/%s", path, e->d_name);
            tu_rm(sub);
            free(sub);
        }
        closedir(d);
    }
    remove(path);
}

/* Removes dir and everything in it, and frees the string. */
static inline void tu_rmdir(char *dir)
{
    if (dir) tu_rm(dir);
    free(dir);
}

/* dir/name as an owned string. */
static inline char *tu_path(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    assert_non_null(p);
    snprintf(p, n, "%s/%s", dir, name);
    return p;
}

/* Writes text into dir/name. */
static inline void tu_write(const char *dir, const char *name, const char *text)
{
    char *p = tu_path(dir, name);
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    free(p);
}

/* Runs "wachter --db DB args..." (args end with NULL). Returns the exit
 * code; *out and *err (either may be NULL) receive what was printed,
 * owned. */
static inline int tu_run(const char *db, char **out, char **err, ...)
{
    char *argv[64] = {"wachter", "--db", (char *)db};
    int argc = 3;
    va_list ap;
    va_start(ap, err);
    for (const char *a; argc < 63 && (a = va_arg(ap, const char *));)
        argv[argc++] = (char *)a;
    va_end(ap);
    argv[argc] = NULL;
    char *ob = NULL, *eb = NULL;
    size_t on = 0, en = 0;
    FILE *o = open_memstream(&ob, &on), *e = open_memstream(&eb, &en);
    assert_true(o && e);
    int rc = cli_main(argc, argv, o, e);
    fclose(o);
    fclose(e);
    if (out)
        *out = ob;
    else
        free(ob);
    if (err)
        *err = eb;
    else
        free(eb);
    return rc;
}
#endif

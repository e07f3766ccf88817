/* gen — dates, growing arrays and directories for the generators. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* mkdir, strdup under -std=c11 (bench/run.sh) */
#endif
#include "gen.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

int64_t gen_days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void gen_civil_from_days(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

void gen_tsfmt_date(gen_tsfmt *c, int64_t day)
{
    int y, m, d;
    gen_civil_from_days(day, &y, &m, &d);
    char *q = gen_put_fixed(c->date, (uint64_t)y, 4);
    *q++ = '-';
    q = gen_put_fixed(q, (uint64_t)m, 2);
    *q++ = '-';
    q = gen_put_fixed(q, (uint64_t)d, 2);
    *q = 'T';
    c->day = day;
}

int gen_grow(void **v, size_t *cap, size_t need, size_t sz)
{
    if (need <= *cap) return 0;
    size_t nc = *cap ? *cap : 64;
    while (nc < need)
        nc *= 2;
    void *nv = realloc(*v, nc * sz);
    if (!nv) return -1;
    *v = nv;
    *cap = nc;
    return 0;
}

int gen_mkdirs(const char *dir, char *failed, size_t n)
{
    char *p = strdup(dir);
    if (!p) {
        snprintf(failed, n, "%s", dir);
        return -1; /* errno is ENOMEM */
    }
    for (char *s = p + 1;; s++) {
        if (*s != '/' && *s) continue;
        char keep = *s;
        *s = 0;
        if (mkdir(p, 0700) < 0 && errno != EEXIST) {
            snprintf(failed, n, "%s", p);
            free(p);
            return -1;
        }
        *s = keep;
        if (!keep) break;
    }
    free(p);
    struct stat st;
    if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode)) {
        snprintf(failed, n, "%s", dir);
        return -2;
    }
    return 0;
}

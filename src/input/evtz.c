#include "input/evtz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The transitions of the 64-bit part of a TZif file (RFC 8536): from
 * at[i] on, the offset is off[i]; before at[0], off0. Debian's files are
 * "fat": they list transitions up to 2037; past the last, its offset holds. */
struct evtz {
    size_t n;
    int64_t *at;
    int32_t *off;
    int32_t off0;
};

static int64_t be(const unsigned char *p, int k)
{
    uint64_t v = 0;
    for (int i = 0; i < k; i++)
        v = v << 8 | p[i];
    if (k == 4) return (int32_t)(uint32_t)v;
    return (int64_t)v;
}

/* Parses a TZif file's bytes. 0, or -1 when they are not one. */
static int parse(evtz *z, const unsigned char *d, size_t len)
{
    size_t pos = 0;
    for (int part = 1; part <= 2; part++) {
        if (len - pos < 44 || memcmp(d + pos, "TZif", 4) != 0) return -1;
        if (part == 1 && d[pos + 4] < '2') return -1; /* v1 only: none on Debian */
        int64_t c[6];
        for (int i = 0; i < 6; i++)
            c[i] = be(d + pos + 20 + 4 * i, 4);
        int64_t isut = c[0], isstd = c[1], leap = c[2], timecnt = c[3], typecnt = c[4],
                chars = c[5];
        for (int i = 0; i < 6; i++)
            if (c[i] < 0 || c[i] > 100000) return -1;
        int tk = part == 1 ? 4 : 8;
        size_t body =
            (size_t)(timecnt * tk + timecnt + typecnt * 6 + chars + leap * (tk + 4) + isstd + isut);
        pos += 44;
        if (len - pos < body || typecnt < 1) return -1;
        if (part == 1) {
            pos += body;
            continue;
        }
        const unsigned char *times = d + pos, *idx = times + timecnt * 8, *types = idx + timecnt;
        z->n = (size_t)timecnt;
        z->at = malloc(sizeof *z->at * (z->n + 1));
        z->off = malloc(sizeof *z->off * (z->n + 1));
        if (!z->at || !z->off) return -1;
        for (size_t i = 0; i < z->n; i++) {
            if (idx[i] >= typecnt) return -1;
            z->at[i] = be(times + 8 * i, 8);
            z->off[i] = (int32_t)be(types + 6 * idx[i], 4);
        }
        z->off0 = (int32_t)be(types, 4);
        return 0;
    }
    return -1;
}

int evtz_load(const char *name, evtz **out, werr *e)
{
    *out = NULL;
    evtz *z = calloc(1, sizeof *z);
    if (!z) return werr_set(e, WERR_INTERNAL, "out of memory");
    if (strcmp(name, "UTC") == 0 || strcmp(name, "Z") == 0) {
        *out = z;
        return 0;
    }
    /* A zone's name, never a path out of the database. */
    if (!*name || name[0] == '/' || strstr(name, "..") || strlen(name) > 100) {
        free(z);
        return werr_set(e, WERR_INPUT, "--timezone: '%s' is not a time zone's name", name);
    }
    char path[160];
    snprintf(path, sizeof path, "/usr/share/zoneinfo/%s", name);
    FILE *f = fopen(path, "rb");
    unsigned char *d = malloc(1 << 20);
    size_t len = f && d ? fread(d, 1, 1 << 20, f) : 0;
    int ok = f && d && parse(z, d, len) == 0;
    if (f) fclose(f);
    free(d);
    if (!ok) {
        evtz_free(z);
        return werr_set(e, WERR_INPUT,
                        "--timezone: '%s' is not a time zone of the tz database"
                        " (e.g. Europe/Amsterdam, UTC)",
                        name);
    }
    *out = z;
    return 0;
}

void evtz_free(evtz *z)
{
    if (!z) return;
    free(z->at);
    free(z->off);
    free(z);
}

int32_t evtz_offset(const evtz *z, int64_t t)
{
    if (!z->n || t < z->at[0]) return z->off0;
    size_t lo = 0, hi = z->n; /* the last transition at or before t */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (z->at[mid] <= t)
            lo = mid;
        else
            hi = mid;
    }
    return z->off[lo];
}

int evtz_to_utc(const evtz *z, int64_t local, int64_t *utc)
{
    /* The offsets in force a day either side are the candidates: a local
     * time is valid under an offset when that offset is in force then. */
    int32_t cand[2] = {evtz_offset(z, local - 86400), evtz_offset(z, local + 86400)};
    int found = 0;
    for (int i = 0; i < 2; i++) {
        int64_t t = local - cand[i];
        if (evtz_offset(z, t) == cand[i] && (!found || t < *utc)) {
            *utc = t;
            found = 1;
        }
    }
    return found ? 0 : -1;
}

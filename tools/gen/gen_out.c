/* gen_out — buffered output files of the generators. */
#ifdef __linux__
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* sync_file_range */
#endif
#include <fcntl.h>
#endif
#include "gen_out.h"

#include <stdlib.h>
#include <string.h>

int gen_out_open(gen_out *o, const char *dir, const char *name, int flags)
{
    memset(o, 0, sizeof *o);
    o->flags = flags;
    size_t n = strlen(dir) + strlen(name) + 2;
    if (!(o->path = malloc(n))) return -1;
    snprintf(o->path, n, "%s/%s", dir, name);
    if (!(o->f = fopen(o->path, "wb"))) return -1;
    setvbuf(o->f, NULL, _IONBF, 0); /* the buffer is ours */
    if (!(o->buf = o->p = malloc(GEN_OUT_CAP + GEN_OUT_SLACK))) return -1;
    return 0;
}

#ifdef __linux__
/* Every GEN_OUT_DROP bytes: start writeback of the new chunk, wait for the
 * one before it and drop it from the cache (fwrite is unbuffered here, so
 * the bytes are in the file). Failures only cost speed. */
static void drop_behind(gen_out *o)
{
    if (o->written - o->synced < GEN_OUT_DROP) return;
    int fd = fileno(o->f);
    sync_file_range(fd, (off_t)o->synced, (off_t)(o->written - o->synced), SYNC_FILE_RANGE_WRITE);
    if (o->synced >= GEN_OUT_DROP) {
        off_t from = (off_t)(o->synced - GEN_OUT_DROP);
        sync_file_range(fd, from, GEN_OUT_DROP,
                        SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE |
                            SYNC_FILE_RANGE_WAIT_AFTER);
        posix_fadvise(fd, from, GEN_OUT_DROP, POSIX_FADV_DONTNEED);
    }
    o->synced = o->written;
}
#endif

int gen_out_flush(gen_out *o)
{
    size_t n = (size_t)(o->p - o->buf);
    o->p = o->buf;
    if (n && fwrite(o->buf, 1, n, o->f) != n) {
        o->failed = 1;
        return -1;
    }
    o->written += n;
#ifdef __linux__
    if (o->flags & GEN_OUT_DROP_BEHIND) drop_behind(o);
#endif
    return 0;
}

int gen_out_write(gen_out *o, const void *data, size_t n)
{
    const char *s = data;
    while (n) {
        if (o->p - o->buf >= GEN_OUT_CAP && gen_out_flush(o) < 0) return -1;
        size_t room = GEN_OUT_CAP - (size_t)(o->p - o->buf);
        size_t k = n < room ? n : room;
        memcpy(o->p, s, k);
        o->p += k;
        s += k;
        n -= k;
    }
    return 0;
}

int gen_out_close(gen_out *o)
{
    int rc = 0;
    if (o->f) {
        if (o->buf && gen_out_flush(o) < 0) rc = -1;
        if (fclose(o->f) != 0) rc = -1;
    }
    if (o->failed) rc = -1;
    free(o->buf);
    free(o->path);
    memset(o, 0, sizeof *o);
    return rc;
}

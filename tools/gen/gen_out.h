/* gen_out — a generator's output file: a big private buffer that the
 * caller writes into directly (gen.h's writers at p), flushed with one
 * fwrite when nearly full. The struct is open on purpose: bench/gen writes
 * every byte through p, and a call per field would cost it more than the
 * writing itself. */
#ifndef WACHTER_GEN_OUT_H
#define WACHTER_GEN_OUT_H
#include <stdint.h>
#include <stdio.h>

enum {
    GEN_OUT_CAP = 1 << 22,  /* flush when this much is buffered */
    GEN_OUT_SLACK = 4096,   /* room a caller may write past GEN_OUT_CAP: one record */
    GEN_OUT_DROP = 1 << 26, /* drop-behind step, see GEN_OUT_DROP_BEHIND */
};

/* Flags of gen_out_open. GEN_OUT_DROP_BEHIND (Linux): written data is
 * pushed to disk and dropped from the page cache as it goes (bench/gen):
 * filling RAM with dirty pages made the kernel's reclaim cost more than
 * generating. Without it the file stays cached for whoever reads it next
 * (the demo, which ingests it at once). */
enum { GEN_OUT_DROP_BEHIND = 1 };

typedef struct gen_out {
    FILE *f;
    char *buf, *p; /* buffer and the write position in it */
    char *path;    /* dir/name, owned */
    int flags;
    int failed;               /* a write failed; gen_out_close reports it */
    uint64_t written, synced; /* bytes written; bytes handed to writeback */
} gen_out;

/* Creates (truncates) dir/name. Returns 0, or -1 with errno set; o->path
 * then names the file when it could be allocated (NULL otherwise) and
 * gen_out_close(o) releases it. */
int gen_out_open(gen_out *o, const char *dir, const char *name, int flags);
/* Writes out what is buffered. Returns 0, or -1 (also noted in o->failed). */
int gen_out_flush(gen_out *o);
/* Call after each record written at o->p: flushes once nearly full. */
static inline int gen_out_maybe_flush(gen_out *o)
{
    return o->p - o->buf >= GEN_OUT_CAP ? gen_out_flush(o) : 0;
}
/* Appends n bytes (any size). Returns 0 or -1. */
int gen_out_write(gen_out *o, const void *data, size_t n);
/* Flushes, closes and frees; a gen_out that failed to open is fine.
 * Returns 0, or -1 when any write, the flush or the close failed. */
int gen_out_close(gen_out *o);
#endif

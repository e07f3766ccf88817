/* chunkq — a bounded queue of parsed chunks between the reader thread and
 * the thread that stores and detects. A fixed pool of chunks circulates:
 * the reader takes a free one, fills it and pushes it; the consumer pops it,
 * uses it and recycles it. Memory stays bounded by the pool. */
#ifndef WACHTER_CHUNKQ_H
#define WACHTER_CHUNKQ_H
#include <stddef.h>

#include "detect/detect.h"
#include "normalise/event.h"
#include "store/store_tally.h"
#include "util/arena.h"

/* One read line's outcome. Every pointer points into the chunk's arena or
 * at a static string, never into the reader's line buffer. */
typedef struct chunk_item {
    long lineno;
    const char *why; /* NULL: ev holds the event; else the reason it is bad */
    const char *raw; /* with why: the line's bytes (not NUL-terminated) */
    size_t rawlen;
    ev_event ev;
    det_prep prep; /* with an event: what detection looks up ahead */
    int fresh;     /* with an event, set once stored: 0 for a duplicate */
} chunk_item;

enum { CHUNK_MORE = 1, CHUNK_END = 0, CHUNK_EREAD = -1, CHUNK_ENOMEM = -2 };

typedef struct chunk {
    chunk_item *items; /* cap items, n used, in input order */
    size_t n, cap;
    size_t bytes; /* input bytes of the items, to bound the arena */
    arena *a;     /* owns what the items point to */
    int status;   /* CHUNK_MORE, or the reader's last chunk: END, EREAD, ENOMEM */
    long lineno;  /* with a last chunk: the number of the last line read */
} chunk;

/* Starts fetching what detection and the tally t (NULL: none) will read
 * for the events a few items after item i of c (det_ahead's steps), none
 * at or past end. With stored, only for items stored as new (item.fresh):
 * duplicates are not detected. */
void chunk_ahead(const chunk *c, const det_engine *d, const store_tally *t, size_t i, size_t end,
                 int stored);

typedef struct chunkq chunkq;

/* Returns an owned queue of nchunks chunks of cap items each, or NULL. */
chunkq *chunkq_new(size_t nchunks, size_t cap);
/* Frees the queue and every chunk, wherever it is. Both threads must be done. */
void chunkq_free(chunkq *q);
/* Reader: waits for an empty chunk (owned until pushed); NULL once aborted. */
chunk *chunkq_take(chunkq *q);
/* Reader: hands a filled chunk to the consumer. Never blocks. */
void chunkq_push(chunkq *q, chunk *c);
/* Consumer: waits for the next filled chunk, in push order. until > 0: not
 * past that time (seconds on CLOCK_MONOTONIC, as ingest_now()): then NULL. */
chunk *chunkq_pop(chunkq *q, double until);
/* Consumer: empties c (its arena is reset) and returns it to the pool. */
void chunkq_recycle(chunkq *q, chunk *c);
/* Consumer: stops the reader; its next chunkq_take returns NULL. */
void chunkq_abort(chunkq *q);
/* Reader: 1 once chunkq_abort was called (cheap: check it per line). */
int chunkq_aborted(chunkq *q);
#endif

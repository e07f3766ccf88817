/* kv — one key/value entry of saved state, as handed to whoever loads it. */
#ifndef WACHTER_KV_H
#define WACHTER_KV_H
#include <stddef.h>

/* A NUL-terminated key and n bytes of value, both borrowed: valid only
 * during the call that passes them. */
typedef struct kv_entry {
    const char *key;
    const void *p;
    size_t n;
} kv_entry;

/* Entries are passed at most this many at a time, so that a loader can
 * overlap the memory waits of their look-ups. */
enum { KV_BATCH = 64 };
#endif

/* buf — growable byte buffer for building output and blobs. */
#ifndef WACHTER_BUF_H
#define WACHTER_BUF_H
#include <stddef.h>
#include <stdio.h>

typedef struct buf {
    char *data; /* NUL-terminated while len < cap */
    size_t len, cap;
} buf;

/* All return 0, or -1 when out of memory (the buffer stays valid). */
int buf_put(buf *b, const void *p, size_t n);
int buf_puts(buf *b, const char *s);
int buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends s as a JSON string literal, quotes included: the controls and
 * invisible formatting characters util/esc.h lists (C0, DEL, C1, bidi
 * overrides and isolates, ...) as \uXXXX (a surrogate pair above
 * U+FFFF), and each byte that is not UTF-8 as \ufffd, so that what it
 * appends is valid UTF-8 and shows nothing raw to a terminal. */
int buf_json_str(buf *b, const char *s);
void buf_reset(buf *b);
void buf_free(buf *b);
#endif

/* lines — splits a byte stream into lines, with a hard length limit so a
 * runaway line cannot exhaust memory. */
#ifndef WACHTER_LINES_H
#define WACHTER_LINES_H
#include <stddef.h>
#include <stdio.h>

typedef struct lines lines;

/* Returns an owned reader over fp (borrowed), or NULL. max = longest line
 * kept. It reads fp's descriptor itself (fp's buffer only when it has no
 * descriptor): nothing else may read fp. */
lines *lines_new(FILE *fp, size_t max);
void lines_free(lines *l);
/* Next line without its "\n" (and a "\r" before it). Returns 1 with a line,
 * 0 at end of input, -1 on a read error, and with lines_nowait 2 when no
 * whole line has come yet (what has is kept). *too_long is set when the
 * line was longer than max: then only its first max bytes are returned.
 * The line is borrowed until the next call; *lineno counts from 1. */
int lines_next(lines *l, const char **line, size_t *len, long *lineno, int *too_long);
/* With on, lines_next returns 2 rather than wait for input, also in the
 * middle of skipping an over-long line. */
void lines_nowait(lines *l, int on);
/* 1 when lines_next would not wait for input: a whole line is buffered,
 * or the input has bytes (or its end, or an error) to read within ms
 * milliseconds (0: now). 0 when it would wait longer. */
int lines_wait(const lines *l, int ms);
/* Bytes consumed so far. */
size_t lines_bytes(const lines *l);
#endif

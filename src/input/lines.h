/* lines — splits a byte stream into lines, with a hard length limit so a
 * runaway line cannot exhaust memory. */
#ifndef WACHTER_LINES_H
#define WACHTER_LINES_H
#include <stddef.h>
#include <stdio.h>

typedef struct lines lines;

/* Returns an owned reader over fp (borrowed), or NULL. max = longest line kept. */
lines *lines_new(FILE *fp, size_t max);
void lines_free(lines *l);
/* Next line without its "\n" (and a "\r" before it). Returns 1 with a line,
 * 0 at end of input, -1 on a read error. *too_long is set when the line was
 * longer than max: then only its first max bytes are returned. The line is
 * borrowed until the next call; *lineno counts from 1. */
int lines_next(lines *l, const char **line, size_t *len, long *lineno, int *too_long);
/* Bytes consumed so far. */
size_t lines_bytes(const lines *l);
#endif

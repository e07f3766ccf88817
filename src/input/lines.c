#include "input/lines.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct lines {
    FILE *fp;
    char *buf, *head; /* head: the kept start of an over-long line */
    size_t cap, start, end, max, bytes;
    long lineno;
    int eof;
    int nowait;   /* lines_next returns 2 rather than wait for input */
    int skipping; /* head holds an over-long line's start; its rest is being skipped */
};

lines *lines_new(FILE *fp, size_t max)
{
    lines *l = calloc(1, sizeof *l);
    if (!l) return NULL;
    l->fp = fp;
    l->max = max;
    l->cap = (max + 1) * 2 > (1u << 20) ? (max + 1) * 2 : (1u << 20);
    l->buf = malloc(l->cap);
    if (!l->buf) {
        free(l);
        return NULL;
    }
    return l;
}

void lines_free(lines *l)
{
    if (!l) return;
    free(l->buf);
    free(l->head);
    free(l);
}

/* Moves the unread bytes to the front and reads more: what the input has
 * now, not a full buffer (a pipe's lines come when they come). 0, or -1 on
 * error. */
static int refill(lines *l)
{
    memmove(l->buf, l->buf + l->start, l->end - l->start);
    l->end -= l->start;
    l->start = 0;
    ssize_t n;
    if (fileno(l->fp) < 0) { /* a stream without a descriptor (fmemopen) */
        n = (ssize_t)fread(l->buf + l->end, 1, l->cap - l->end, l->fp);
        if (n == 0 && ferror(l->fp)) return -1;
    } else {
        while ((n = read(fileno(l->fp), l->buf + l->end, l->cap - l->end)) < 0 && errno == EINTR)
            continue;
        if (n < 0) return -1;
    }
    l->end += (size_t)n;
    if (n == 0) l->eof = 1;
    return 0;
}

/* 1 when the input has bytes (or its end, or an error) to read within ms
 * milliseconds (0: now), 0 when not. */
static int input_ready(const lines *l, int ms)
{
    if (fileno(l->fp) < 0) return 1;
    struct pollfd p = {.fd = fileno(l->fp), .events = POLLIN};
    int rc;
    while ((rc = poll(&p, 1, ms)) < 0 && errno == EINTR)
        continue;
    return rc != 0; /* an error too: the next read reports it */
}

/* Drops the buffered bytes up to just past the next newline, or all of
 * them when none has come. 1 when the line ended (or the input did). */
static int skip_some(lines *l)
{
    char *nl = memchr(l->buf + l->start, '\n', l->end - l->start);
    size_t n = nl ? (size_t)(nl - (l->buf + l->start)) + 1 : l->end - l->start;
    l->bytes += n;
    l->start += n;
    return nl || l->eof;
}

int lines_next(lines *l, const char **line, size_t *len, long *lineno, int *too_long)
{
    *too_long = 0;
    for (;;) {
        if (l->skipping) {
            if (skip_some(l)) { /* the over-long line ended: its head */
                l->skipping = 0;
                *too_long = 1;
                *line = l->head;
                *len = l->max;
                *lineno = ++l->lineno;
                return 1;
            }
        } else {
            size_t avail = l->end - l->start;
            char *nl = memchr(l->buf + l->start, '\n', avail);
            size_t n = nl ? (size_t)(nl - (l->buf + l->start)) : avail;
            if (n > l->max) {
                /* Keep the head for the quarantine, then skip the rest. */
                if (!l->head && !(l->head = malloc(l->max))) return -1;
                memcpy(l->head, l->buf + l->start, l->max);
                l->skipping = 1;
                continue;
            }
            if (nl || (l->eof && avail)) {
                *line = l->buf + l->start;
                l->start += n + (nl ? 1 : 0);
                l->bytes += n + (nl ? 1 : 0);
                if (n && (*line)[n - 1] == '\r') n--;
                *len = n;
                *lineno = ++l->lineno;
                return 1;
            }
            if (l->eof) return 0;
        }
        if (l->nowait && !input_ready(l, 0)) return 2;
        if (refill(l) < 0) return -1;
    }
}

void lines_nowait(lines *l, int on)
{
    l->nowait = on;
}

int lines_wait(const lines *l, int ms)
{
    if (l->eof || memchr(l->buf + l->start, '\n', l->end - l->start)) return 1;
    return input_ready(l, ms);
}

size_t lines_bytes(const lines *l)
{
    return l->bytes;
}

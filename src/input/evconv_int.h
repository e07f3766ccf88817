/* evconv_int — what evconv's files share: the converter's state and the
 * columns of the record under way. Private to src/input/evconv*.c. */
#ifndef WACHTER_EVCONV_INT_H
#define WACHTER_EVCONV_INT_H
#include <csv.h>

#include "input/evconv.h"
#include "input/evtz.h"
#include "util/buf.h"

enum { EVCONV_MAXCOL = 256 };

struct evconv {
    enum evconv_kind kind;
    evmap map;
    size_t map_len[EV_F_COUNT]; /* strlen of each field's column name */
    evtz *tz;                   /* NULL: no --timezone */
    int year;
    int64_t now_ms;
    /* The record under way: its columns (names and values borrowed from
     * hdr/scratch), which of them a field took, the JSON built from them. */
    size_t ncol;
    const char *name[EVCONV_MAXCOL], *val[EVCONV_MAXCOL];
    unsigned char used[EVCONV_MAXCOL];
    size_t name_len[EVCONV_MAXCOL]; /* strlen(name[i]) */
    char *scratch;                  /* the values (and syslog's names), NUL-terminated */
    size_t scratch_len, scratch_cap;
    int overflow; /* more columns or bytes than fit */
    buf json, rec;
    /* CSV */
    struct csv_parser csv;
    char delim;
    int started;            /* the header was read */
    size_t hdr_n;           /* its columns */
    char **hdr;             /* owned names */
    int col_of[EV_F_COUNT]; /* the column each field takes, -1: fixed or none */
    long rec_line;          /* where the record under way began; 0: none */
    int qstate;             /* the quote state at the end of the record so far */
};

/* Appends a NUL-terminated copy of s[0..n) to cv->scratch and returns it,
 * or NULL (cv->overflow set) when it does not fit. */
const char *evconv_keep(evconv *cv, const char *s, size_t n);
/* Adds column name = value (both borrowed until the record is done). 0, or
 * -1 with cv->overflow set. */
int evconv_col(evconv *cv, const char *name, const char *val);
/* Builds the canonical event from the columns and parses it: 0 with ev, or
 * -1 with *why (static or in a). Out of memory: -2. */
int evconv_build(evconv *cv, arena *a, ev_event *ev, const char **why);
/* A reason in a (printf-like; cut at 300 bytes). Never NULL. */
const char *evconv_whyf(arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* CSV: the header (evconv_start's work) and the next record. */
int evconv_csv_start(evconv *cv, lines *l, werr *e);
int evconv_csv_next(evconv *cv, lines *l, arena *a, ev_event *ev, const char **rec, size_t *reclen,
                    long *lineno, const char **why);
/* Syslog: the columns of one line; 0, or -1 with *why (static). */
int evconv_syslog_cols(evconv *cv, const char *line, size_t len, const char **why);
/* Local wall-clock fields → the JSON text of an RFC 3339 time with the
 * offset cv's zone has then, appended to out. 0, or -1 with *why. frac:
 * the fraction's digits ("" for none). */
int evconv_local_time(evconv *cv, int y, int mo, int d, int h, int mi, int s, const char *frac,
                      size_t fraclen, buf *out, const char **why);
#endif

/* evconv — events from CSV and syslog sources (README "CSV and syslog"):
 * each record (a CSV row, a syslog line) becomes the canonical JSON object
 * its mapping (input/evmap.h) describes, which ev_parse then reads as it
 * reads a JSON Lines line. So detection, duplicates, ids and quarantine
 * are those of JSON Lines; a bad record is quarantined with the number of
 * the physical line where it starts and its raw bytes. */
#ifndef WACHTER_EVCONV_H
#define WACHTER_EVCONV_H
#include <stddef.h>
#include <stdint.h>

#include "input/evmap.h"
#include "input/lines.h"
#include "normalise/event.h"
#include "util/arena.h"
#include "util/werr.h"

enum evconv_kind {
    EVCONV_CSV = 1,
    EVCONV_SYSLOG,     /* RFC 5424 or RFC 3164, told apart per line */
    EVCONV_SYSLOG5424, /* RFC 5424 only: other lines are quarantined */
    EVCONV_SYSLOG3164, /* RFC 3164 only */
};

typedef struct evconv_opts {
    enum evconv_kind kind;
    evmap map;            /* taken by evconv_new, which clears it */
    char delim;           /* CSV: ',' or ';' etc.; 0: ';' when the header has ';' and no ',' */
    const char *timezone; /* borrowed; the zone of times without an offset; NULL: none */
    int year;             /* RFC 3164: the year of its times; 0: from now_ms */
    int64_t now_ms;       /* RFC 3164 without year: the current year, or the last when
                             that puts a time more than two days ahead of now */
} evconv_opts;

typedef struct evconv evconv;

/* Returns 0 with *out owned (evconv_free it), or -1 with e (WERR_INPUT: a
 * mapping that lacks ts/actor/action, a #N for syslog, an unknown zone).
 * Takes o->map in either case. */
int evconv_new(evconv_opts *o, evconv **out, werr *e);
void evconv_free(evconv *cv);
/* Before the first evconv_next: a CSV source's header is read from l and
 * the mapping's columns found in it. 0, or -1 with e (WERR_INPUT: a column
 * the header lacks, a column named twice, an unmapped column named as a
 * field the mapping fills from another; WERR_UNAVAILABLE: a read error).
 * An empty input has no header: then 0, and evconv_next finds no record. */
int evconv_start(evconv *cv, lines *l, werr *e);
/* The next record of l: 1 with *rec and *reclen (its raw bytes, borrowed until
 * the next call), *lineno (where it starts) and either *why NULL and *ev
 * filled (strings in a), or *why the reason it is bad (static or in a).
 * 0 at end of input, -1 on a read error or out of memory, 2 as lines_next
 * (no whole record yet: call again). Blank lines are skipped. */
int evconv_next(evconv *cv, lines *l, arena *a, ev_event *ev, const char **rec, size_t *reclen,
                long *lineno, const char **why);
#endif

/* ev_fast_int — what the scanner (ev_fast.c) hands the builder
 * (ev_fast_build.c).  Internal to the fast parser. */
#ifndef WACHTER_EV_FAST_INT_H
#define WACHTER_EV_FAST_INT_H
#include <stddef.h>
#include <stdint.h>

#include "input/ev_fields.h"
#include "util/arena.h"

enum { EV_FAST_MAX_UNKNOWN = 32 /* more unknown keys than this: declined */ };

enum ev_fast_kind {
    EV_K_NONE,
    EV_K_NULL,
    EV_K_STR,
    EV_K_NUM,
    EV_K_OTHER /* true, false, object, array */
};

/* Where one value lies in the line, once checked. */
typedef struct ev_fast_val {
    const char *p; /* string: first byte after the quote; else first byte */
    size_t n;      /* string: bytes between the quotes; else bytes of the text */
    unsigned char kind, esc /* string holds a backslash */, neg /* number < 0 */;
} ev_fast_val;

/* The values of one line: known fields by enum ev_field, unknown ones in
 * the order they came. */
typedef struct ev_fast_scan {
    ev_fast_val known[EV_F_COUNT];
    struct {
        const char *key; /* no escapes: printed as it is */
        size_t kn;
        ev_fast_val v;
    } unk[EV_FAST_MAX_UNKNOWN];
    int n_unk;
} ev_fast_scan;

/* Scans the string whose opening quote is at *pp, up to end (ev_fast.c);
 * moves *pp past the closing quote.  Returns 0, or -1 for anything not
 * taken. */
int ev_fast_string(const char **pp, const char *end, ev_fast_val *v);

/* Checks a scanned line (the len bytes at line) as ev_parse_json() would
 * and fills ev, its strings in one block of arena a (ev_fast_build.c).
 * Returns 0, EV_FAST_DECLINED or EV_FAST_NOMEM. */
int ev_fast_build(const ev_fast_scan *s, const char *line, size_t len, arena *a, ev_event *ev);

/* The value of four hex digits at p, or -1. */
static inline int ev_fast_hex4(const char *p)
{
    int v = 0;
    for (int i = 0; i < 4; i++) {
        unsigned char c = (unsigned char)p[i];
        int d = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
        if (d < 0) return -1;
        v = v * 16 + d;
    }
    return v;
}
#endif

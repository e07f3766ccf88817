/* ev_raw — the top-level members of an event line as the line writes them.
 * Internal to src/input: the general parser (ev_parse.c) asks it what cJSON
 * does not keep, namely a number's text as written and where a string held
 * a NUL (which cJSON's C strings end at). */
#ifndef WACHTER_EV_RAW_H
#define WACHTER_EV_RAW_H
#include <stddef.h>

/* One member: its value's text (whitespace around it excluded) and whether
 * its key or a string anywhere in its value holds a NUL, escaped (\u0000)
 * or as a raw byte. */
typedef struct ev_raw_member {
    const char *v;
    size_t vn;
    int key_nul, val_nul;
} ev_raw_member;

typedef struct ev_raw {
    const char *p, *end;
} ev_raw;

/* Starts at the object that line[0..len) holds, which cJSON has parsed
 * (the walk relies on the line being JSON as cJSON reads it: a byte-order
 * mark and bytes up to 0x20 as whitespace). Borrows the line. */
void ev_raw_open(ev_raw *r, const char *line, size_t len);

/* The next member, in the order of the line (cJSON's order of children):
 * 1 with *m filled, or 0 after the last. */
int ev_raw_next(ev_raw *r, ev_raw_member *m);

/* 1 when the line may hold a NUL inside a string: a raw NUL byte or the
 * text \u0000. Cheap; ev_raw_next() says where. */
int ev_raw_may_hold_nul(const char *line, size_t len);

/* 1 when objects and arrays in line[0..len) (outside strings) nest deeper
 * than limit levels, the top-level object counting as one. */
int ev_raw_deeper_than(const char *line, size_t len, int limit);
#endif

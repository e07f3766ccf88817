/* werr — wachter's one error type: a code that says what kind of failure
 * it is, and a message for a person that says what was wrong and where
 * (file, line, field, subject). Library code fills one in and returns -1;
 * only a front end prints it, mapping the code to an exit status (cli.c)
 * or, later, an HTTP status. */
#ifndef WACHTER_WERR_H
#define WACHTER_WERR_H
#include <stddef.h>

typedef enum werr_code {
    WERR_OK = 0,
    WERR_INPUT,       /* the caller's input is bad: a value, a file, a line */
    WERR_NOT_FOUND,   /* what was asked for does not exist */
    WERR_FORBIDDEN,   /* the caller may not do this */
    WERR_CONFLICT,    /* the request contradicts the state (e.g. held by another writer) */
    WERR_UNAVAILABLE, /* a resource is missing or busy: disk, lock, server */
    WERR_INTERNAL,    /* a bug or out of memory */
} werr_code;

typedef struct werr {
    werr_code code;
    char msg[512];
} werr;

/* Sets *e (when e is not NULL) to code and the formatted message, unless
 * it already holds an error (the first, innermost failure is kept).
 * Returns -1, so that `return werr_set(e, ...)` fails a function. */
int werr_set(werr *e, werr_code code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Prefixes e's message with the formatted context ("loading cases.csv: ")
 * when it holds an error. Returns -1. */
int werr_wrap(werr *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Clears e to no error. */
void werr_clear(werr *e);
/* "bad input", "not found", "forbidden", "conflict", "unavailable",
 * "internal" (for logs and JSON); "ok" for WERR_OK. */
const char *werr_code_name(werr_code code);
#endif

#include "util/werr.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int werr_set(werr *e, werr_code code, const char *fmt, ...)
{
    if (!e || e->code != WERR_OK) return -1;
    e->code = code;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
    return -1;
}

int werr_wrap(werr *e, const char *fmt, ...)
{
    if (!e || e->code == WERR_OK) return -1;
    char head[256], old[sizeof e->msg];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(head, sizeof head, fmt, ap);
    va_end(ap);
    memcpy(old, e->msg, sizeof old);
    /* Cut to fit: a long context may push the end of the message out.
     * (The result is used, which tells gcc the truncation is meant.) */
    if (snprintf(e->msg, sizeof e->msg, "%s%s", head, old) < 0) e->msg[0] = 0;
    return -1;
}

void werr_clear(werr *e)
{
    if (!e) return;
    e->code = WERR_OK;
    e->msg[0] = 0;
}

const char *werr_code_name(werr_code code)
{
    static const char *const names[] = {
        [WERR_OK] = "ok",
        [WERR_INPUT] = "bad input",
        [WERR_NOT_FOUND] = "not found",
        [WERR_FORBIDDEN] = "forbidden",
        [WERR_CONFLICT] = "conflict",
        [WERR_UNAVAILABLE] = "unavailable",
        [WERR_INTERNAL] = "internal",
    };
    return (unsigned)code < sizeof names / sizeof *names ? names[code] : "internal";
}

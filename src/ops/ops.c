#include "ops/ops.h"

#include <stdarg.h>
#include <stdio.h>

void ops_note(const ops_notes *n, const char *fmt, ...)
{
    if (!n || !n->fn) return;
    char msg[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    n->fn(msg, n->ctx);
}

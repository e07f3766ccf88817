#include "emit/emit_int.h"

#include <stdio.h>

#include "normalise/ts.h"

int emit_json_list(buf *b, const char *const *v, size_t n)
{
    int rc = buf_puts(b, "[");
    for (size_t i = 0; i < n; i++) {
        if (i) rc |= buf_puts(b, ",");
        rc |= buf_json_str(b, v[i]);
    }
    return rc | buf_puts(b, "]");
}

const char *emit_json_explained(ex_status st)
{
    return st == EX_NA ? "null" : st == EX_CASE ? "true" : "false";
}

void emit_when(int64_t ms, int json, char out[40])
{
    char t[32];
    if (!ms) {
        snprintf(out, 40, "%s", json ? "null" : "-");
        return;
    }
    ts_format(ms, t);
    snprintf(out, 40, json ? "\"%s\"" : "%s", t);
}

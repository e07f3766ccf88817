#include "emit/emit.h"

#include <string.h>

static const char *const sev_names[] = {"none", "low", "medium", "high", "critical"};

int emit_format_parse(const char *s, enum emit_format *f)
{
    if (strcmp(s, "table") == 0)
        *f = EMIT_TABLE;
    else if (strcmp(s, "jsonl") == 0 || strcmp(s, "json") == 0)
        *f = EMIT_JSONL;
    else
        return -1;
    return 0;
}

const char *emit_severity_name(int severity)
{
    return severity >= 1 && severity <= 4 ? sev_names[severity] : "none";
}

int emit_severity_parse(const char *s)
{
    for (int i = 1; i <= 4; i++)
        if (strcmp(s, sev_names[i]) == 0) return i;
    return -1;
}

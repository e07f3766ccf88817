#include "normalise/minimise.h"

#include <string.h>

static const struct {
    const char *name;
    unsigned bit;
} FIELDS[] = {
    {"purpose", MIN_PURPOSE},
    {"query", MIN_QUERY},
    {"client", MIN_CLIENT},
    {"results", MIN_RESULTS},
    {"subject_type", MIN_SUBJECT_TYPE},
    {"attrs", MIN_ATTRS},
};

/* The canonical fields that must stay (design.md "Input"). */
static const char *const NEEDED[] = {"id", "ts", "actor", "system", "action", "subject", "case"};

int minimise_field(const char *name)
{
    for (size_t i = 0; i < sizeof FIELDS / sizeof *FIELDS; i++)
        if (strcmp(FIELDS[i].name, name) == 0) return (int)FIELDS[i].bit;
    for (size_t i = 0; i < sizeof NEEDED / sizeof *NEEDED; i++)
        if (strcmp(NEEDED[i], name) == 0) return MIN_NEEDED;
    return 0;
}

const char *minimise_name(unsigned bit)
{
    for (size_t i = 0; i < sizeof FIELDS / sizeof *FIELDS; i++)
        if (FIELDS[i].bit == bit) return FIELDS[i].name;
    return NULL;
}

const char *minimise_names(void)
{
    return "purpose, query, client, results, subject_type, attrs";
}

void minimise_event(ev_event *ev, unsigned mask)
{
    if (mask & MIN_PURPOSE) ev->purpose = "";
    if (mask & MIN_QUERY) ev->query = "";
    if (mask & MIN_CLIENT) ev->client = "";
    if (mask & MIN_RESULTS) ev->results = -1;
    if (mask & MIN_SUBJECT_TYPE) ev->subject_type = "";
    if (mask & MIN_ATTRS) ev->attrs = "";
}

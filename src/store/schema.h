/* schema — the store's migrations (private to the store layer). */
#ifndef WACHTER_SCHEMA_H
#define WACHTER_SCHEMA_H
#include <stddef.h>

/* Number of migrations; the schema version after all of them. */
size_t schema_count(void);
/* SQL of migration i (0-based; migration i brings version i to i+1). */
const char *schema_migration(size_t i);
/* The version whose migration needs store_post_build after its SQL. */
enum { SCHEMA_POSTINGS = 7 };
#endif

/* schema — the store's migrations (private to the store layer). */
#ifndef WACHTER_SCHEMA_H
#define WACHTER_SCHEMA_H
#include <stddef.h>

/* Number of migrations; the schema version after all of them. */
size_t schema_count(void);
/* SQL of migration i (0-based; migration i brings version i to i+1). */
const char *schema_migration(size_t i);
/* The version whose migration moves the events to rowids that lead with
 * their time (store_rowid_upgrade after its SQL), and builds the postings
 * of every stored event (store_post_build) after that: the postings
 * tables that migration 7 made hold rowids. */
enum { SCHEMA_TIME_ROWIDS = 8 };
#endif

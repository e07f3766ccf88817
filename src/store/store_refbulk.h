/* store_refbulk — loading a reference table in bulk. The table's triggers
 * that work row by row (dropping the compact copy of the reference data;
 * counting the listed subjects) are set aside inside the load's
 * transaction and their work is done once for the whole load; at the end
 * they are put back as they were. A load that fails or is killed rolls
 * back with its transaction, triggers included. Row by row, the triggers
 * took more than half of a large load's time. */
#ifndef WACHTER_STORE_REFBULK_H
#define WACHTER_STORE_REFBULK_H
#include "store/store.h"

enum { STORE_REFBULK_MAX = 8 };

typedef struct store_refbulk {
    char *table;
    char *sql[STORE_REFBULK_MAX]; /* the triggers set aside, as created */
    size_t n;
} store_refbulk;

/* Sets table's row-by-row triggers aside and drops the copy of the
 * reference data. Inside a transaction. 0, or -1 (b is then empty). */
int store_refbulk_begin(store *s, const char *table, store_refbulk *b);
/* Does the work of the triggers set aside for everything loaded, puts them
 * back and frees what b holds. 0 or -1 (b is freed either way). */
int store_refbulk_end(store *s, store_refbulk *b);
/* Frees what b holds without putting anything back (the transaction is
 * rolled back). */
void store_refbulk_free(store_refbulk *b);
#endif

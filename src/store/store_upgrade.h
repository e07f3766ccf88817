/* store_upgrade — the parts of migrations that SQL alone cannot do. */
#ifndef WACHTER_STORE_UPGRADE_H
#define WACHTER_STORE_UPGRADE_H
#include <sqlite3.h>

/* Migration 8, after its SQL copied the events into events_v8 under rowids
 * that lead with their time: stores the events whose slot another event
 * of the same millisecond took in the next free slot, puts events_v8 in
 * the place of events and rebuilds every posting (their rowids changed).
 * Inside the migration's transaction. 0 or -1 (SQLite's error on db). */
int store_rowid_upgrade(sqlite3 *db);
#endif

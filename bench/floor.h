/* floor — sqlite_floor's layouts beyond one indexed row per event:
 * postings in sorted runs (floor_runs.c) and events in blocks
 * (floor_blocks.c). Measurements to decide by, not wachter's store. */
#ifndef WACHTER_FLOOR_H
#define WACHTER_FLOOR_H
#include <sqlite3.h>
#include <stdint.h>

/* One generated event, as sqlite_floor makes them. */
typedef struct floor_event {
    int64_t key, ts;
    char id[24], actor[24], subject[24];
    const char *rest;
} floor_event;

/* Fills *e with the i-th event (i ascending from 0). */
typedef void (*floor_source)(void *arg, long i, floor_event *e);
/* 1 when the event at ref is of subject, 0 when not (a hash collision),
 * -1 on error. */
typedef int (*floor_is)(sqlite3 *db, uint64_t ref, const char *subject);

double floor_now(void);
uint64_t floor_hash(const char *s);

/* The tables of postings runs (pr: as written; pm: merged). */
#define FLOOR_RUNS_SCHEMA                                                                          \
    "CREATE TABLE pr(id INTEGER PRIMARY KEY, day INTEGER NOT NULL, kind "                          \
    "INTEGER NOT NULL,"                                                                            \
    " data BLOB NOT NULL);"                                                                        \
    "CREATE INDEX pr_day ON pr(kind, day);"                                                        \
    "CREATE TABLE pm(id INTEGER PRIMARY KEY, kind INTEGER NOT NULL, day "                          \
    "INTEGER NOT NULL,"                                                                            \
    " lo INTEGER NOT NULL, data BLOB NOT NULL);"                                                   \
    "CREATE INDEX pm_lo ON pm(kind, day, lo);"

/* This commit's postings, written as runs when the day changes or at
 * floor_runs_flush (call it before each COMMIT). With lsm, the day does
 * not split them: each flush adds one run per kind, merged as it goes
 * (floor_runs.c), so that the load pays for the merging. */
typedef struct floor_runs floor_runs;
/* NULL on error; the tables must exist. */
floor_runs *floor_runs_new(sqlite3 *db, int lsm);
void floor_runs_free(floor_runs *r);
int floor_runs_add(floor_runs *r, int64_t day, const char *subject, const char *actor,
                   uint64_t ref);
int floor_runs_flush(floor_runs *r);
/* Merges the runs into one sorted run per day (per_day), or into one for
 * all days: seconds, or < 0. */
double floor_runs_merge(sqlite3 *db, int per_day);
/* How many stored events are of subject (every day, each checked with
 * is), or -1. */
long floor_runs_lookup(sqlite3 *db, const char *subject, floor_is is);

/* Seconds to load n events from next into db (settings applied; empty, or
 * holding a load of the same key_runs), committing every commit_every;
 * < 0 on error. key_runs: de-duplicate with sorted runs of (ts, key) per
 * commit instead of a B-tree of them (floor_blocks.c). */
double floor_blocks_load(sqlite3 *db, int key_runs, floor_source next, void *arg, long n,
                         long commit_every);
/* floor_is for a blocks store: ref is block << 10 | slot. */
int floor_blocks_is(sqlite3 *db, uint64_t ref, const char *subject);
#endif

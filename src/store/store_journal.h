/* store_journal — how the store writes its commits: through SQLite's WAL
 * (the default: analysts read while a stream is ingested), or, for the
 * length of a file's ingest, through a rollback journal, which writes a
 * page added to the file once instead of three times (bench/ANALYSIS
 * item 53). */
#ifndef WACHTER_STORE_JOURNAL_H
#define WACHTER_STORE_JOURNAL_H
#include "store/store.h"

/* How long a store's connection waits for another one's lock. */
enum { STORE_BUSY_WAIT_MS = 10000 };

/* At open, and after a file's ingest: the WAL with synchronous=NORMAL (a
 * committed batch survives a crash of wachter; an OS crash can lose the
 * last commits, never corrupt). While a file's ingest holds the store in
 * its rollback journal, the store is read that way, synchronous=FULL:
 * readers then wait while a batch commits. After an ingest, a store that
 * another connection reads stays as it is until the next open. 0 or -1. */
int store_journal_open(store *s);
/* Before a file's ingest, outside a transaction: the rollback journal
 * with synchronous=FULL (as safe against a crash or power loss as the
 * WAL). Returns 1 when switched; 0 when another connection has the store
 * open, which keeps the WAL; -1 on error. */
int store_journal_bulk(store *s);
#endif

/* ingest — the pipeline for a stream of events: split into lines, parse
 * and normalise, quarantine what is bad, store (deduplicated), detect,
 * commit in batches. */
#ifndef WACHTER_INGEST_H
#define WACHTER_INGEST_H
#include <stdio.h>

#include "detect/detect.h"
#include "store/store.h"
#include "util/werr.h"

/* Called for a line put in quarantine (not for one an earlier ingest put
 * there already): the source's name, the line's number and why it is bad,
 * borrowed for the call. */
typedef void (*ingest_bad_fn)(const char *source, long lineno, const char *why, void *ctx);

typedef struct ingest_opts {
    const char *source;   /* name for quarantine records: the file, or "stdin" */
    int store_events;     /* 0: detect only, raw events are not kept */
    long batch;           /* events per transaction */
    ingest_bad_fn on_bad; /* reports quarantined lines, may be NULL */
    void *on_bad_ctx;
    int threads; /* 1: one thread; 2: parse in a second thread while this one
                    stores and detects (storing: detection in a third);
                    0: cpus_threads(0), two where there are two cores */
    /* > 0: the input is a stream. Lines are taken as they arrive, and a batch
     * also commits this many seconds after its first line. 0: only full
     * batches commit (and the end of input). */
    double commit_after;
    /* > 0 (a stream that may never end): the whole-population analyses
     * (det_flush: convergence) also run at a commit once this many seconds
     * have passed since they last ran. They always run at the end. */
    double analyse_every;
    /* 1 (a file: all its events are there): its commits go through a
     * rollback journal, faster for pages added to the store, while
     * analysts' reads wait for each commit (store/store_journal.h). */
    int bulk;
    /* The fields dropped from every event before it is stored or detected
     * (normalise/minimise.h; ops_ingest sets it from the store's
     * configuration). 0: none. */
    unsigned drop;
    /* A CSV or syslog source (input/evconv.h), borrowed and used by one
     * thread at a time; NULL: JSON Lines. */
    struct evconv *conv;
    /* The source's kind for the store's counters: "json" (NULL), "csv",
     * "syslog" (store/store_metrics.h). */
    const char *kind;
} ingest_opts;

typedef struct ingest_stats {
    long read, stored, duplicates, quarantined, alerts;
    long detected;  /* events run through detection */
    double elapsed; /* seconds */
    size_t bytes;
} ingest_stats;

/* Ingests every line of in. Everything committed is acknowledged: a crash
 * loses at most the batch under way, and ingesting again completes it
 * without duplicates. With o->commit_after, lines that arrive slowly are
 * stored and their alerts written within about that many seconds.
 * Returns 0, or -1 with e on a store or read error or out of memory (its
 * message begins with o->source: "events.jsonl: read error after line
 * 12"). Both thread counts store the same events, quarantine the same
 * lines and raise the same alerts, in the same order. */
int ingest_stream(store *s, det_engine *d, FILE *in, const ingest_opts *o, ingest_stats *out,
                  werr *e);
#endif

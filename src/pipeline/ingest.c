#include "pipeline/ingest.h"

#include <string.h>
#include <time.h>

#include "pipeline/ingest_int.h"
#include "util/cpus.h"

double ingest_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int ingest_stream(store *s, det_engine *d, FILE *in, const ingest_opts *o, ingest_stats *out,
                  werr *e)
{
    memset(out, 0, sizeof *out);
    return ingest_chunked(s, d, in, o, cpus_threads(o->threads), out, e);
}

#include "pipeline/ingest.h"

#include <string.h>
#include <time.h>
#include <unistd.h>

#include "pipeline/ingest_int.h"

double ingest_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int ingest_default_threads(void)
{
    return sysconf(_SC_NPROCESSORS_ONLN) >= 2 ? 2 : 1;
}

int ingest_stream(store *s, det_engine *d, FILE *in, const ingest_opts *o, ingest_stats *out)
{
    memset(out, 0, sizeof *out);
    int threads = o->threads > 0 ? o->threads : ingest_default_threads();
    return ingest_chunked(s, d, in, o, threads, out);
}

#include "pipeline/ingest.h"

#include <string.h>
#include <time.h>
#include <unistd.h>

#include "input/ev_parse.h"
#include "input/lines.h"
#include "pipeline/ingest_int.h"
#include "util/arena.h"

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

/* The single-threaded loop: the reference the pipeline must match. */
static int ingest_serial(store *s, det_engine *d, FILE *in, const ingest_opts *o,
                         ingest_stats *out)
{
    double t0 = ingest_now();
    ingest_sink k;
    lines *l = lines_new(in, EV_MAX_LINE);
    arena *a = arena_new(1 << 20);
    if (sink_open(&k, s, d, o, out) < 0 || !l || !a) goto fail;
    const char *line;
    size_t len;
    long lineno = 0;
    int too_long, rc;
    while ((rc = lines_next(l, &line, &len, &lineno, &too_long)) == 1) {
        if (len == 0 && !too_long) continue; /* blank lines carry nothing */
        out->read++;
        ev_event ev;
        const char *why = NULL;
        if (too_long) why = "line longer than 65536 bytes";
        else if (ev_parse(line, len, a, &ev, &why) == 0) why = NULL;
        if ((why ? sink_bad(&k, lineno, why, line, len) : sink_event(&k, &ev, NULL)) < 0) goto fail;
        int done = sink_line_done(&k);
        if (done < 0) goto fail;
        if (done) arena_reset(a);
    }
    if (rc < 0) {
        if (o->errs) fprintf(o->errs, "%s: read error after line %ld\n", o->source, lineno);
        goto fail;
    }
    if (sink_close(&k) < 0) goto fail;
    out->bytes = lines_bytes(l);
    out->elapsed = ingest_now() - t0;
    lines_free(l);
    arena_free(a);
    return 0;
fail:
    sink_abort(&k);
    lines_free(l);
    arena_free(a);
    return -1;
}

int ingest_stream(store *s, det_engine *d, FILE *in, const ingest_opts *o, ingest_stats *out)
{
    memset(out, 0, sizeof *out);
    int threads = o->threads > 0 ? o->threads : ingest_default_threads();
    return threads >= 2 ? ingest_pipeline(s, d, in, o, out) : ingest_serial(s, d, in, o, out);
}

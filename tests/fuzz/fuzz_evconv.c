/* fuzz_evconv — libFuzzer target for the CSV and syslog event input
 * (input/evconv.h), as `ingest --input csv|syslog` reads a file: the
 * first byte picks the kind (and whether a --timezone is given), the rest
 * is the file. Invariants, each a finding when broken: no crash (the
 * sanitizers watch it); every record is an event or has a reason; an
 * event has a time in 1970..2100, an actor and an action; records come
 * in the order of their lines.
 *
 *   make fuzz [FUZZ_TIME=300]   (clang, -fsanitize=fuzzer,address,undefined) */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/ev_parse.h"
#include "input/evconv.h"
#include "normalise/ts.h"

static const char *const MAPS[] = {
    "ts=Tijdstip,actor=Gebruiker,subject=BSN,action=Actie,system=:brp,results=#5",
    "ts=time,actor=sd.req@1.user,action=msg.action,subject=msg.bsn,purpose=sd.req@1.doel,"
    "system=app,results=msg.n",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    static const enum evconv_kind kinds[] = {EVCONV_CSV, EVCONV_SYSLOG, EVCONV_SYSLOG5424,
                                             EVCONV_SYSLOG3164};
    evconv_opts o = {.kind = kinds[data[0] & 3],
                     .timezone = data[0] & 4 ? "Europe/Amsterdam" : NULL,
                     .year = data[0] & 8 ? 2026 : 0,
                     .now_ms = INT64_C(1796637600000)};
    werr e = {0};
    if (evmap_add(&o.map, MAPS[o.kind != EVCONV_CSV], &e) < 0) abort();
    evconv *cv;
    if (evconv_new(&o, &cv, &e) < 0) abort();
    FILE *f = fmemopen((void *)(data + 1), size - 1 ? size - 1 : 1, "rb");
    if (!f) abort();
    if (size == 1) fgetc(f); /* fmemopen wants a size: an empty file */
    lines *l = lines_new(f, EV_MAX_LINE);
    arena *a = arena_new(1 << 16);
    if (!l || !a) abort();
    if (evconv_start(cv, l, &e) == 0) {
        ev_event ev;
        const char *raw, *why;
        size_t rawlen;
        long line, last = 0;
        int rc;
        while ((rc = evconv_next(cv, l, a, &ev, &raw, &rawlen, &line, &why)) == 1) {
            if (line <= last || rawlen > EV_MAX_LINE) abort();
            last = line;
            if (!why && (ts_check_ms(ev.ts) != TS_OK || !ev.actor[0] || !ev.action[0])) abort();
            arena_reset(a);
        }
        if (rc < 0) abort(); /* memory never fails here */
    }
    arena_free(a);
    lines_free(l);
    fclose(f);
    evconv_free(cv);
    return 0;
}

/* port_write — the port on disk, in the formats of README "Input": the
 * reference CSVs, the events as JSON Lines sorted by time, truth.json as
 * the demo's summary reads it. */
#include "port_int.h"
#include "normalise/ts.h"

#include <stdlib.h>
#include <string.h>

#define CHUNK (1u << 20)

static int by_ev(const void *x, const void *y)
{
    const port_ev *a = x, *b = y;
    if (a->ts != b->ts) return a->ts < b->ts ? -1 : 1;
    return a->ord < b->ord ? -1 : a->ord > b->ord;
}

static const char *subj_key(const void *p, uint32_t i)
{
    return ((const port_ctx *)p)->subj[i].id;
}

static int64_t case_num(const void *p, uint32_t i)
{
    return ((const port_ctx *)p)->cases[i].opened;
}

static int64_t inc_num(const void *p, uint32_t i)
{
    return ((const port_ctx *)p)->inc[i].ts;
}

static void time_str(int64_t ms, char out[32])
{
    if (ms == DEMO_OPEN)
        out[0] = 0;
    else
        ts_format(ms, out);
}

static int event_line(port_ctx *p, buf *b, const port_ev *e)
{
    const port_actor *a = &p->act[e->actor];
    char ts[32], cl[24], q[64];
    ts_format(e->ts, ts);
    demo_client_str(e->client, cl);
    int rc = buf_printf(b,
                        "{\"id\":\"%s-%08u\",\"ts\":\"%s\",\"actor\":\"%s\",\"system\":\"%s\","
                        "\"action\":\"%s\"",
                        port_sys_names[e->sys], ++p->sys_seq[e->sys], ts, a->id,
                        port_sys_names[e->sys], demo_act_names[e->act]);
    if (e->subj != DEMO_NONE) rc |= buf_printf(b, ",\"subject\":\"%s\"", p->subj[e->subj].id);
    rc |= buf_printf(b, ",\"subject_type\":\"%s\"", port_st_names[e->stype]);
    if (e->kase >= 0) rc |= buf_printf(b, ",\"case\":\"%s\"", p->cases[e->kase].id);
    rc |= buf_puts(b, ",\"purpose\":");
    rc |= buf_json_str(b, port_units[a->unit].purpose);
    if (e->act == DEMO_ACT_SEARCH || e->act == DEMO_ACT_EXPORT) {
        if (e->qkind == PORT_Q_RELEASES)
            snprintf(q, sizeof q, "release status line %sU", port_line_codes[e->qarg]);
        else if (e->qkind == PORT_Q_PROFILE)
            snprintf(q, sizeof q, "risk profile %u", e->qarg);
        else
            snprintf(q, sizeof q, "%s", p->subj[e->subj].id);
        rc |= buf_puts(b, ",\"query\":");
        rc |= buf_json_str(b, q);
    }
    if (e->act == DEMO_ACT_SEARCH || e->act == DEMO_ACT_EXPORT || e->act == DEMO_ACT_PRINT)
        rc |= buf_printf(b, ",\"results\":%u", e->results);
    rc |= buf_printf(b, ",\"client\":\"%s\"}\n", cl);
    return rc ? -1 : 0;
}

static int write_events(port_ctx *p, gen_out *f, buf *b)
{
    qsort(p->ev, p->nev, sizeof *p->ev, by_ev);
    for (size_t i = 0; i < p->nev; i++) {
        if (event_line(p, b, &p->ev[i]) < 0) return -1;
        if (b->len >= CHUNK && demo_spill(f, b) < 0) return -1;
    }
    p->m.events = (long)p->nev;
    return 0;
}

static int write_actors(port_ctx *p, gen_out *f, buf *b)
{
    int rc = buf_puts(b, "actor,unit,role,start,end,person,surname,postcode,house_number\n");
    for (uint32_t i = 0; i < p->nact && !rc; i++) {
        const port_actor *a = &p->act[i];
        char start[16];
        demo_date_str(&p->m, a->start_day, start);
        const char *f9[9] = {a->id,
                             port_units[a->unit].name,
                             a->lead ? "team lead" : port_units[a->unit].role,
                             start,
                             "",
                             p->subj[a->person].id,
                             p->m.names[a->surname],
                             a->postcode,
                             a->house};
        rc = demo_csv_row(b, 9, f9);
        if (!rc && b->len >= CHUNK) rc = demo_spill(f, b);
    }
    return rc;
}

static int write_subjects(port_ctx *p, gen_out *f, buf *b, buf *bp)
{
    uint32_t *o = demo_order(p->nsubj, subj_key, NULL, p);
    if (!o) return -1;
    int rc =
        buf_puts(b, "subject,surname,postcode,house_number\n") | buf_puts(bp, "subject,category\n");
    for (size_t i = 0; i < p->nsubj && !rc; i++) {
        const port_subj *s = &p->subj[o[i]];
        int person = s->type == PORT_ST_PERSON;
        rc = demo_subject_row(b, bp, s->id, person ? p->m.names[s->surname] : "",
                              person ? s->postcode : "", person ? s->house : "", s->prot);
        if (!rc && b->len >= CHUNK) rc = demo_spill(f, b);
    }
    free(o);
    return rc;
}

static int write_cases(port_ctx *p, gen_out *f, gen_out *fa, buf *b, buf *ba)
{
    uint32_t *o = demo_order(p->ncases, NULL, case_num, p), *first = NULL, *next = NULL;
    int rc = -1;
    if (!o) goto done;
    rc = buf_puts(b, "case,subject,opened,closed\n") | buf_puts(ba, "case,assignee,from,to\n");
    for (size_t i = 0; i < p->ncases && !rc; i++) {
        const port_case *k = &p->cases[o[i]];
        char op[32], cl[32];
        time_str(k->opened, op);
        time_str(k->closed, cl);
        for (int s = 0; s < k->nsubj; s++)
            rc |= demo_csv_row(b, 4, (const char *const[]){k->id, p->subj[k->subj[s]].id, op, cl});
        if (!rc && b->len >= CHUNK) rc = demo_spill(f, b);
    }
    /* assignments in case order, a case's in the order they were made */
    first = malloc((p->ncases + 1) * sizeof *first);
    next = malloc((p->nasg + 1) * sizeof *next);
    if (!first || !next) {
        rc = -1;
        goto done;
    }
    memset(first, 0xff, (p->ncases + 1) * sizeof *first);
    for (size_t i = p->nasg; i-- > 0;) {
        next[i] = first[p->asg[i].kase];
        first[p->asg[i].kase] = (uint32_t)i;
    }
    for (size_t i = 0; i < p->ncases && !rc; i++)
        for (uint32_t j = first[o[i]]; j != UINT32_MAX && !rc; j = next[j]) {
            const port_assign *a = &p->asg[j];
            char from[32], to[32], who[48];
            time_str(a->from, from);
            time_str(a->to, to);
            if (a->who & DEMO_UNIT_BIT)
                snprintf(who, sizeof who, "unit:%s", port_units[a->who & ~DEMO_UNIT_BIT].name);
            else
                snprintf(who, sizeof who, "%s", p->act[a->who].id);
            rc = demo_csv_row(ba, 4, (const char *const[]){p->cases[a->kase].id, who, from, to});
            if (!rc && ba->len >= CHUNK) rc = demo_spill(fa, ba);
        }
done:
    free(o);
    free(first);
    free(next);
    return rc;
}

static int write_incidents(port_ctx *p, buf *b)
{
    static const char *const kind[] = {"extraction", "seizure"};
    uint32_t *o = demo_order(p->ninc, NULL, inc_num, p);
    if (!o) return -1;
    int rc = buf_puts(b, "incident,subject,ts,kind\n");
    for (size_t i = 0; i < p->ninc && !rc; i++) {
        const port_incident *in = &p->inc[o[i]];
        rc = demo_incident_row(b, i, p->subj[in->subj].id, in->ts, kind[in->kind]);
    }
    free(o);
    return rc;
}

static const char *subj_id(const void *u, uint32_t i)
{
    return ((const port_ctx *)u)->subj[i].id;
}

static int write_truth(port_ctx *p, buf *b)
{
    char start[16];
    demo_date_str(&p->m, 0, start);
    return demo_truth_buf(b, p->m.seed, p->nact, p->days, start, (long)p->nev, p->plants,
                          p->nplants, p->plant_subj, p->plant_subj_off, subj_id, p);
}

int port_write(port_ctx *p, const char *dir)
{
    enum { EV, ACT, SUBJ, PROT, CASES, ASG, INC, TRUTH, NF };
    static const char *const names[NF] = {"events.jsonl",  "actors.csv", "subjects.csv",
                                          "protected.csv", "cases.csv",  "case_assignments.csv",
                                          "incidents.csv", "truth.json"};
    gen_out f[NF] = {{0}};
    buf b[NF] = {{0}};
    int rc = -1, opened = 0;
    for (; opened < NF; opened++)
        if (demo_open_out(&p->m, &f[opened], dir, names[opened]) < 0) goto fail;
    if (write_events(p, &f[EV], &b[EV]) || write_actors(p, &f[ACT], &b[ACT]) ||
        write_subjects(p, &f[SUBJ], &b[SUBJ], &b[PROT]) ||
        write_cases(p, &f[CASES], &f[ASG], &b[CASES], &b[ASG]) || write_incidents(p, &b[INC]) ||
        write_truth(p, &b[TRUTH])) {
        demo_fail(&p->m, "out of memory or write error writing %s", dir);
        goto fail;
    }
    rc = 0;
    for (int i = 0; i < NF; i++)
        if (demo_spill(&f[i], &b[i]) < 0)
            rc = demo_fail(&p->m, "cannot write %s/%s", dir, names[i]);
fail:
    for (int i = 0; i < opened; i++) {
        if (gen_out_close(&f[i]) < 0 && rc == 0)
            rc = demo_fail(&p->m, "cannot write %s/%s", dir, names[i]);
    }
    for (int i = 0; i < NF; i++)
        buf_free(&b[i]);
    return rc;
}

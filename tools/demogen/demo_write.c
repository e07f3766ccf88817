/* demo_write — the organisation on disk: reference CSVs with the headers of
 * docs/design.md "Input", events as canonical JSON Lines, and truth.json. */
#include "demo_int.h"
#include "gen_out.h"
#include "normalise/ts.h"

#include <stdlib.h>
#include <string.h>

#define CHUNK (1u << 20)

struct demo_writer {
    gen_out f;
    buf b;
    const demo_ctx *c;
    uint32_t seq[DEMO_NSYS];
    int failed;
};

void demo_case_id(const demo_ctx *c, uint32_t kase, char out[24])
{
    char ts[32];
    ts_format(c->cases[kase].opened, ts);
    snprintf(out, 24, "Z%.4s-%06u", ts, c->cases[kase].num);
}

void demo_client_str(uint32_t client, char out[24])
{
    snprintf(out, 24, "%s-%04u", client & DEMO_CL_VPN ? "vpn" : "ws", DEMO_CL_NUM(client));
}

void demo_date_str(const demo_ctx *c, int day, char out[16])
{
    char ts[32];
    ts_format((c->day0 + day) * TS_DAY_MS + 12 * TS_HOUR_MS, ts);
    snprintf(out, 16, "%.10s", ts);
}

/* The files are gen_outs without drop-behind: wachter reads them next. */
int demo_open_out(demo_ctx *c, gen_out *f, const char *dir, const char *name)
{
    if (gen_out_open(f, dir, name, 0) == 0) return 0;
    gen_out_close(f);
    return demo_fail(c, "cannot write %s/%s", dir, name);
}

/* Moves what b holds to f. */
int demo_spill(gen_out *f, buf *b)
{
    int rc = b->len ? gen_out_write(f, b->data, b->len) : 0;
    buf_reset(b);
    return rc;
}

int demo_writer_open(demo_writer **out, const char *dir, demo_ctx *c)
{
    demo_writer *w = calloc(1, sizeof *w);
    if (!w) return demo_fail(c, "out of memory");
    if (demo_open_out(c, &w->f, dir, "events.jsonl") < 0) {
        free(w);
        return -1;
    }
    if (demo_use_init(c) < 0) {
        gen_out_close(&w->f);
        free(w);
        return demo_fail(c, "out of memory");
    }
    w->c = c;
    *out = w;
    return 0;
}

static void query_str(const demo_ctx *c, const demo_ev *e, char *out, size_t n)
{
    const demo_subj *s = e->qform == DEMO_Q_SELECTION ? NULL : &c->subj[e->qsubj];
    const demo_addr *ad = s && s->type == DEMO_ST_PERSON ? &c->addr[s->addr] : NULL;
    switch (e->qform) {
    case DEMO_Q_NAME_PC:
        snprintf(out, n, "%s %s", c->names[s->surname], ad->postcode);
        break;
    case DEMO_Q_PC_HN:
        snprintf(out, n, "%s %s", ad->postcode, ad->house);
        break;
    case DEMO_Q_NAME:
        snprintf(out, n, "%s", c->names[s->surname]);
        break;
    case DEMO_Q_SELECTION:
        snprintf(out, n, "%s", demo_selections[e->qsubj]);
        break;
    default:
        snprintf(out, n, "%s", s->id);
    }
}

static int event_line(demo_writer *w, const demo_ev *e)
{
    const demo_ctx *c = w->c;
    const demo_unit_info *ui = &demo_units[c->act[e->actor].unit];
    buf *b = &w->b;
    char ts[32], cl[24], q[128];
    ts_format(e->ts, ts);
    demo_client_str(e->client, cl);
    int rc = buf_printf(b,
                        "{\"id\":\"%s-%08u\",\"ts\":\"%s\",\"actor\":\"%s\",\"system\":\"%s\","
                        "\"action\":\"%s\"",
                        demo_sys_names[e->sys], ++w->seq[e->sys], ts, c->act[e->actor].id,
                        demo_sys_names[e->sys], demo_act_names[e->act]);
    if (e->subject != DEMO_NONE) rc |= buf_printf(b, ",\"subject\":\"%s\"", c->subj[e->subject].id);
    rc |= buf_printf(b, ",\"subject_type\":\"%s\"",
                     e->stype == DEMO_ST_VEHICLE ? "vehicle" : "person");
    if (e->kase >= 0) {
        char id[24];
        demo_case_id(c, (uint32_t)e->kase, id);
        rc |= buf_printf(b, ",\"case\":\"%s\"", id);
    }
    rc |= buf_puts(b, ",\"purpose\":");
    rc |= buf_json_str(b, ui->purposes[e->purpose]);
    if (e->act == DEMO_ACT_SEARCH || e->act == DEMO_ACT_EXPORT) {
        query_str(c, e, q, sizeof q);
        rc |= buf_puts(b, ",\"query\":");
        rc |= buf_json_str(b, q);
    }
    if (e->act == DEMO_ACT_SEARCH || e->act == DEMO_ACT_EXPORT || e->act == DEMO_ACT_PRINT)
        rc |= buf_printf(b, ",\"results\":%u", e->results);
    rc |= buf_printf(b, ",\"client\":\"%s\"}\n", cl);
    return rc ? -1 : 0;
}

int demo_writer_events(demo_writer *w, const demo_ev *ev, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (event_line(w, &ev[i]) < 0) return -1;
        demo_use_note(w->c, &ev[i]);
        if (w->b.len >= CHUNK && demo_spill(&w->f, &w->b) < 0) w->failed = 1;
    }
    return w->failed ? -1 : 0;
}

int demo_writer_close(demo_writer *w)
{
    if (!w) return 0;
    int rc = w->failed || demo_spill(&w->f, &w->b) < 0 ? -1 : 0;
    if (gen_out_close(&w->f) < 0) rc = -1;
    buf_free(&w->b);
    free(w);
    return rc;
}

/* ---- reference CSVs ------------------------------------------------ */

static int csv_field(buf *b, const char *s, int last)
{
    int rc = 0;
    if (strpbrk(s, ",\"\n\r")) {
        rc |= buf_put(b, "\"", 1);
        for (; *s; s++)
            rc |= *s == '"' ? buf_put(b, "\"\"", 2) : buf_put(b, s, 1);
        rc |= buf_put(b, "\"", 1);
    } else {
        rc |= buf_puts(b, s);
    }
    return rc | buf_put(b, last ? "\n" : ",", 1);
}

int demo_subject_row(buf *b, buf *bp, const char *id, const char *surname, const char *postcode,
                     const char *house, int prot)
{
    static const char *const cat[] = {"", "vip", "employee", "sensitive"};
    int rc = demo_csv_row(b, 4, (const char *const[]){id, surname, postcode, house});
    if (prot) rc |= demo_csv_row(bp, 2, (const char *const[]){id, cat[prot]});
    return rc;
}

int demo_incident_row(buf *b, size_t i, const char *subject, int64_t ts, const char *kind)
{
    char id[24], t[32];
    snprintf(id, sizeof id, "inc-%04zu", i + 1);
    ts_format(ts, t);
    return demo_csv_row(b, 4, (const char *const[]){id, subject, t, kind});
}

int demo_csv_row(buf *b, int n, const char *const *f)
{
    int rc = 0;
    for (int i = 0; i < n; i++)
        rc |= csv_field(b, f[i], i == n - 1);
    return rc;
}

static int csv_time(int64_t ms, char out[32])
{
    if (ms == DEMO_OPEN)
        out[0] = 0;
    else
        ts_format(ms, out);
    return 0;
}

typedef struct key_idx {
    const char *key;
    int64_t num;
    uint32_t idx;
} key_idx;

static int by_key(const void *x, const void *y)
{
    const key_idx *a = x, *b = y;
    int s = a->key && b->key ? strcmp(a->key, b->key) : 0;
    if (s) return s;
    if (a->num != b->num) return a->num < b->num ? -1 : 1;
    return a->idx < b->idx ? -1 : a->idx > b->idx;
}

uint32_t *demo_order(size_t n, const char *(*key)(const void *, uint32_t),
                     int64_t (*num)(const void *, uint32_t), const void *c)
{
    key_idx *k = malloc((n + 1) * sizeof *k);
    uint32_t *o = malloc((n + 1) * sizeof *o);
    if (!k || !o) {
        free(k);
        free(o);
        return NULL;
    }
    for (uint32_t i = 0; i < n; i++)
        k[i] = (key_idx){key ? key(c, i) : NULL, num ? num(c, i) : 0, i};
    qsort(k, n, sizeof *k, by_key);
    for (size_t i = 0; i < n; i++)
        o[i] = k[i].idx;
    free(k);
    return o;
}

static const char *actor_key(const void *c, uint32_t i)
{
    return ((const demo_ctx *)c)->act[i].id;
}
static const char *subj_key(const void *c, uint32_t i)
{
    return ((const demo_ctx *)c)->subj[i].id;
}
static int64_t case_num(const void *c, uint32_t i)
{
    return ((const demo_ctx *)c)->cases[i].opened;
}
static int64_t inc_num(const void *c, uint32_t i)
{
    return ((const demo_ctx *)c)->inc[i].ts;
}

static int write_actors(demo_ctx *c, gen_out *f, buf *b)
{
    uint32_t *o = demo_order(c->nact, actor_key, NULL, c);
    if (!o) return -1;
    int rc = buf_puts(b, "actor,unit,role,start,end,person,surname,postcode,house_number\n");
    for (uint32_t i = 0; i < c->nact && !rc; i++) {
        const demo_actor *a = &c->act[o[i]];
        char start[16], end[16] = "";
        demo_date_str(c, a->start_day, start);
        if (a->end_day != DEMO_NEVER) demo_date_str(c, a->end_day, end);
        const char *f9[9] = {a->id,
                             demo_units[a->unit].name,
                             demo_units[a->unit].roles[a->role].name,
                             start,
                             end,
                             a->person == DEMO_NONE ? "" : c->subj[a->person].id,
                             c->names[a->surname],
                             a->postcode,
                             a->house};
        rc = demo_csv_row(b, 9, f9);
        if (!rc && b->len >= CHUNK) rc = demo_spill(f, b);
    }
    free(o);
    return rc;
}

static int write_subjects(demo_ctx *c, gen_out *f, gen_out *fp, buf *b, buf *bp)
{
    uint32_t *o = demo_order(c->nsubj, subj_key, NULL, c);
    if (!o) return -1;
    int rc =
        buf_puts(b, "subject,surname,postcode,house_number\n") | buf_puts(bp, "subject,category\n");
    for (size_t i = 0; i < c->nsubj && !rc; i++) {
        const demo_subj *s = &c->subj[o[i]];
        const demo_addr *ad = s->type == DEMO_ST_PERSON ? &c->addr[s->addr] : NULL;
        rc = demo_subject_row(b, bp, s->id, ad ? c->names[s->surname] : "", ad ? ad->postcode : "",
                              ad ? ad->house : "", s->prot);
        if (!rc && b->len >= CHUNK) rc = demo_spill(f, b);
    }
    free(o);
    return rc;
}

static int write_cases(demo_ctx *c, gen_out *f, gen_out *fa, buf *b, buf *ba)
{
    uint32_t *o = demo_order(c->ncases, NULL, case_num, c);
    uint32_t *rank = malloc((c->ncases + 1) * sizeof *rank);
    int rc = -1;
    if (!o || !rank) goto fail;
    for (uint32_t i = 0; i < c->ncases; i++)
        rank[o[i]] = i;
    rc = buf_puts(b, "case,subject,opened,closed\n") | buf_puts(ba, "case,assignee,from,to\n");
    for (size_t i = 0; i < c->ncases && !rc; i++) {
        const demo_case *k = &c->cases[o[i]];
        char id[24], op[32], cl[32];
        demo_case_id(c, o[i], id);
        csv_time(k->opened, op);
        csv_time(k->closed, cl);
        for (int s = 0; s < k->nsubj; s++)
            rc |= demo_csv_row(
                b, 4,
                (const char *const[]){id, c->subj[c->case_subj[k->subj_first + (uint32_t)s]].id, op,
                                      cl});
        if (!rc && b->len >= CHUNK) rc = demo_spill(f, b);
    }
    /* assignments in case order; a case's rows in the order they were made */
    key_idx *k = malloc((c->nasg + 1) * sizeof *k);
    if (!k) {
        rc = -1;
        goto fail;
    }
    for (uint32_t i = 0; i < c->nasg; i++)
        k[i] = (key_idx){NULL, rank[c->asg[i].kase], i};
    qsort(k, c->nasg, sizeof *k, by_key);
    for (size_t i = 0; i < c->nasg && !rc; i++) {
        const demo_assign *a = &c->asg[k[i].idx];
        char id[24], from[32], to[32], who[48];
        demo_case_id(c, a->kase, id);
        csv_time(a->from, from);
        csv_time(a->to, to);
        if (a->who & DEMO_UNIT_BIT)
            snprintf(who, sizeof who, "unit:%s", demo_units[a->who & ~DEMO_UNIT_BIT].name);
        else
            snprintf(who, sizeof who, "%s", c->act[a->who].id);
        rc |= demo_csv_row(ba, 4, (const char *const[]){id, who, from, to});
        if (!rc && ba->len >= CHUNK) rc = demo_spill(fa, ba);
    }
    free(k);
fail:
    free(o);
    free(rank);
    return rc;
}

static int write_incidents(demo_ctx *c, buf *b)
{
    static const char *const kind[] = {"explosion", "arson", "shots_fired"};
    uint32_t *o = demo_order(c->ninc, NULL, inc_num, c);
    if (!o) return -1;
    int rc = buf_puts(b, "incident,subject,ts,kind\n");
    for (size_t i = 0; i < c->ninc && !rc; i++) {
        const demo_incident *in = &c->inc[o[i]];
        rc = demo_incident_row(b, i, c->subj[in->subj].id, in->ts, kind[in->kind]);
    }
    free(o);
    return rc;
}

int demo_write_reference(demo_ctx *c, const char *dir)
{
    static const char *const names[] = {"actors.csv", "subjects.csv",         "protected.csv",
                                        "cases.csv",  "case_assignments.csv", "incidents.csv"};
    gen_out f[6] = {{0}};
    buf b[6] = {{0}};
    int rc = -1;
    for (int i = 0; i < 6; i++)
        if (demo_open_out(c, &f[i], dir, names[i]) < 0) goto fail;
    if (write_actors(c, &f[0], &b[0]) || write_subjects(c, &f[1], &f[2], &b[1], &b[2]) ||
        write_cases(c, &f[3], &f[4], &b[3], &b[4]) || write_incidents(c, &b[5])) {
        demo_fail(c, "out of memory or write error writing reference data in %s", dir);
        goto fail;
    }
    rc = 0;
    for (int i = 0; i < 6; i++)
        if (demo_spill(&f[i], &b[i]) < 0) rc = demo_fail(c, "cannot write %s/%s", dir, names[i]);
fail:
    for (int i = 0; i < 6; i++) {
        if (gen_out_close(&f[i]) < 0 && rc == 0)
            rc = demo_fail(c, "cannot write %s/%s", dir, names[i]);
        buf_free(&b[i]);
    }
    return rc;
}

static const char *subj_id(const void *u, uint32_t i)
{
    return ((const demo_ctx *)u)->subj[i].id;
}

int demo_truth_buf(buf *b, uint64_t seed, unsigned actors, int days, const char *start, long events,
                   const demo_plant *plants, size_t nplants, const uint32_t *subj,
                   const uint32_t *off, const char *(*id)(const void *u, uint32_t i), const void *u)
{
    int rc = buf_printf(b,
                        "{\"seed\":%llu,\"actors\":%u,\"days\":%d,\"start\":\"%s\",\"events\":%ld,"
                        "\"plants\":[",
                        (unsigned long long)seed, actors, days, start, events);
    for (size_t i = 0; i < nplants; i++) {
        const demo_plant *p = &plants[i];
        rc |= buf_puts(b, i ? ",\n {\"scenario\":" : "\n {\"scenario\":");
        rc |= buf_json_str(b, p->scenario);
        rc |= buf_printf(b, ",\"benign\":%d,\"description\":", p->benign);
        rc |= buf_json_str(b, p->description);
        rc |= buf_puts(b, ",\"actors\":[");
        for (int k = 0; k < p->nactors; k++) {
            if (k) rc |= buf_puts(b, ",");
            rc |= buf_json_str(b, p->actors[k]);
        }
        rc |= buf_puts(b, "],\"subjects\":[");
        for (uint32_t s = off[i]; s < off[i + 1]; s++) {
            if (s > off[i]) rc |= buf_puts(b, ",");
            rc |= buf_json_str(b, id(u, subj[s]));
        }
        rc |= buf_puts(b, "]}");
    }
    rc |= buf_puts(b, "\n]}\n");
    return rc ? -1 : 0;
}

int demo_write_truth(demo_ctx *c, const char *dir)
{
    gen_out f;
    buf b = {0};
    char start[16];
    if (demo_open_out(c, &f, dir, "truth.json") < 0) return -1;
    demo_date_str(c, 0, start);
    int rc = demo_truth_buf(&b, c->seed, c->nact, c->days, start, c->events, c->plants, c->nplants,
                            c->plant_subj, c->plant_subj_off, subj_id, c);
    if (rc || demo_spill(&f, &b) < 0) rc = -1;
    if (gen_out_close(&f) < 0) rc = -1;
    buf_free(&b);
    return rc ? demo_fail(c, "cannot write %s/truth.json", dir) : 0;
}

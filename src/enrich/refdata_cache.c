#include "enrich/refdata_cache.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "enrich/refdata_int.h"
#include "store/store_refcache.h"
#include "util/buf.h"
#include "util/cpus.h"
#include "util/hugemem.h"

/* Layout: MAGIC, then unsigned LEB128 varints (signed ones zigzagged, so
 * REF_NONE takes one byte): the eight maps' keys in id order, the actors,
 * subjects and cases field by field, the subject → case list, the
 * assignments, the incidents, the rights (their systems' and keys' maps,
 * each key's number of periods, the periods), and MAGIC again. Varints keep it small
 * (about 20 bytes a subject) and the same on every machine. The store
 * keeps the bytes (store/store_refcache.h). */
static const char MAGIC[8] = "wrefc02";

/* ---- writing ---- */

static int put_uv(buf *b, uint64_t v)
{
    unsigned char t[10];
    size_t n = 0;
    do {
        t[n++] = (unsigned char)((v & 0x7f) | (v > 0x7f ? 0x80 : 0));
        v >>= 7;
    } while (v);
    return buf_put(b, t, n);
}

static int put_sv(buf *b, int64_t v)
{
    return put_uv(b, ((uint64_t)v << 1) ^ (uint64_t)(v >> 63));
}

static int put_str(buf *b, const char *s)
{
    size_t n = strlen(s);
    return put_uv(b, n) < 0 ? -1 : buf_put(b, s, n);
}

/* The eight maps, in the copy's order. */
static void maps_of(const refdata *r, strmap *m[8])
{
    strmap *all[8] = {r->actors,   r->units,     r->peers, r->subjects,
                      r->surnames, r->postcodes, r->addrs, r->cases};
    memcpy(m, all, sizeof all);
}

static int encode_rights(buf *b, const refdata *r)
{
    int rc = 0;
    strmap *m[2] = {r->rsystems, r->rkeys};
    for (int i = 0; i < 2; i++) {
        size_t n = strmap_count(m[i]);
        rc |= put_uv(b, n);
        for (size_t k = 0; k < n; k++)
            rc |= put_str(b, strmap_key(m[i], (uint32_t)k));
    }
    size_t nk = strmap_count(r->rkeys);
    for (size_t k = 0; k < nk; k++)
        rc |= put_uv(b, r->rkey0[k + 1] - r->rkey0[k]);
    for (size_t i = 0; i < r->nrspan; i++)
        rc |= put_sv(b, r->rspan[i].from) | put_sv(b, r->rspan[i].to);
    return rc;
}

static int encode(buf *b, const refdata *r)
{
    int rc = buf_put(b, MAGIC, sizeof MAGIC);
    strmap *m[8];
    maps_of(r, m);
    for (int i = 0; i < 8; i++) {
        size_t n = strmap_count(m[i]);
        rc |= put_uv(b, n);
        for (size_t k = 0; k < n; k++)
            rc |= put_str(b, strmap_key(m[i], (uint32_t)k));
    }
    for (size_t i = 0; i < strmap_count(r->actors); i++) {
        const ref_actor *a = &r->actor[i];
        int64_t f[] = {a->known,  a->start,   a->end,      a->unit, a->peer,
                       a->person, a->surname, a->postcode, a->addr};
        for (size_t k = 0; k < sizeof f / sizeof *f; k++)
            rc |= put_sv(b, f[k]);
    }
    for (size_t i = 0; i < strmap_count(r->subjects); i++) {
        const ref_subject *s = &r->subject[i];
        int64_t f[] = {s->surname, s->addr,   s->postcode, s->protect,
                       s->case0,   s->ncases, s->inc0,     s->nincidents};
        for (size_t k = 0; k < sizeof f / sizeof *f; k++)
            rc |= put_sv(b, f[k]);
    }
    for (size_t i = 0; i < strmap_count(r->cases); i++) {
        const ref_case *c = &r->kase[i];
        rc |= put_sv(b, c->opened) | put_sv(b, c->closed) | put_uv(b, c->asg0) | put_uv(b, c->nasg);
    }
    rc |= put_uv(b, r->nsubject_case);
    for (size_t i = 0; i < r->nsubject_case; i++)
        rc |= put_sv(b, r->subject_case[i]);
    rc |= put_uv(b, r->nasg);
    for (size_t i = 0; i < r->nasg; i++) {
        const ref_assignment *a = &r->asg[i];
        rc |= put_sv(b, a->actor) | put_sv(b, a->unit) | put_sv(b, a->from) | put_sv(b, a->to);
    }
    rc |= put_uv(b, r->ninc);
    for (size_t i = 0; i < r->ninc; i++)
        rc |= put_str(b, r->inc[i].name) | put_str(b, r->inc[i].kind) | put_sv(b, r->inc[i].ts);
    rc |= encode_rights(b, r);
    rc |= buf_put(b, MAGIC, sizeof MAGIC);
    return rc ? -1 : 0;
}

int refcache_write(store *s, const refdata *r, werr *e)
{
    buf b = {0};
    int rc = encode(&b, r);
    if (rc < 0)
        werr_set(e, WERR_INTERNAL, "out of memory");
    else
        rc = store_refcache_write(s, b.data, b.len, e);
    buf_free(&b);
    return rc;
}

/* ---- reading ---- */

typedef struct cursor {
    const unsigned char *p, *end;
    int bad; /* set by any read past the end or out of range */
} cursor;

static uint64_t get_uv(cursor *c)
{
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (c->p >= c->end) break;
        unsigned char x = *c->p++;
        v |= (uint64_t)(x & 0x7f) << shift;
        if (!(x & 0x80)) return v;
    }
    c->bad = 1;
    return 0;
}

static int64_t get_sv(cursor *c)
{
    uint64_t v = get_uv(c);
    return (int64_t)(v >> 1) ^ -(int64_t)(v & 1);
}

/* An id field: REF_NONE or below n. */
static int32_t get_id(cursor *c, size_t n)
{
    int64_t v = get_sv(c);
    if (v < REF_NONE || v >= (int64_t)n) c->bad = 1;
    return c->bad ? REF_NONE : (int32_t)v;
}

/* A count no larger than the bytes left (every item takes one or more). */
static size_t get_count(cursor *c)
{
    uint64_t n = get_uv(c);
    if (n > (uint64_t)(c->end - c->p)) c->bad = 1;
    return c->bad ? 0 : (size_t)n;
}

static const char *get_bytes(cursor *c, size_t *len)
{
    *len = get_count(c);
    const char *s = (const char *)c->p;
    c->p += *len;
    return c->bad ? NULL : s;
}

/* One map's keys in the copy: n of them, from p to end. */
typedef struct section {
    const unsigned char *p, *end;
    size_t n;
} section;

/* Finds where each of the eight maps' keys lie, so that they can be read in
 * any order; leaves c after them. -1 when the copy is cut short. */
static int find_maps(cursor *c, section s[8])
{
    for (int i = 0; i < 8; i++) {
        s[i].n = get_count(c);
        s[i].p = c->p;
        for (size_t k = 0; k < s[i].n && !c->bad; k++) {
            size_t len;
            get_bytes(c, &len);
        }
        s[i].end = c->p;
    }
    return c->bad ? -1 : 0;
}

static int read_map(const section *s, strmap *m)
{
    enum { BATCH = 32 };
    cursor c = {s->p, s->end, 0};
    size_t n = s->n;
    if (strmap_reserve(m, n) < 0) return -1;
    for (size_t i = 0; i < n;) {
        const char *key[BATCH];
        size_t len[BATCH], b = 0;
        for (; b < BATCH && i + b < n; b++) {
            if (!(key[b] = get_bytes(&c, &len[b]))) return -1;
            strmap_prefetch(m, key[b], len[b]);
        }
        for (size_t k = 0; k < b; k++) {
            uint32_t id;
            if (strmap_intern(m, key[k], len[k], &id) != 1 || id != i + k) return -1;
        }
        i += b;
    }
    return c.p == c.end ? 0 : -1;
}

/* The subjects' map, by far the largest, read in a thread of its own while
 * the caller reads the rest: a start is mostly memory being handed out and
 * filled, and two cores fill it faster than one. */
typedef struct map_job {
    const section *s;
    strmap *m;
    int rc;
} map_job;

static void *map_thread(void *arg)
{
    map_job *j = arg;
    cpus_name_thread("wachter-refmap");
    j->rc = read_map(j->s, j->m);
    return NULL;
}

static void *array(size_t n, size_t size)
{
    return mem_huge_alloc(n * size);
}

/* nsubjects: the subjects' map's size (it may still be being filled). */
static int read_actors(cursor *c, refdata *r, size_t nsubjects)
{
    size_t n = strmap_count(r->actors);
    if (!(r->actor = array(n, sizeof *r->actor))) return -1;
    r->actor_cap = n;
    for (size_t i = 0; i < n; i++) {
        ref_actor *a = &r->actor[i];
        a->name = strmap_key(r->actors, (uint32_t)i);
        a->known = get_sv(c) != 0;
        a->start = get_sv(c);
        a->end = get_sv(c);
        a->unit = get_id(c, strmap_count(r->units));
        a->peer = get_id(c, strmap_count(r->peers));
        a->person = get_id(c, nsubjects);
        a->surname = get_id(c, strmap_count(r->surnames));
        a->postcode = get_id(c, strmap_count(r->postcodes));
        a->addr = get_id(c, strmap_count(r->addrs));
        r->known_actors += (size_t)a->known;
    }
    return c->bad ? -1 : 0;
}

/* A slice [*first, *first + n) of a list; slices_fit checks it. */
static uint32_t get_slice(cursor *c, uint32_t *first)
{
    *first = (uint32_t)get_sv(c);
    return (uint32_t)get_sv(c);
}

static int read_subjects(cursor *c, refdata *r, size_t n)
{
    if (!(r->subject = array(n, sizeof *r->subject))) return -1;
    r->subject_cap = n;
    for (size_t i = 0; i < n && !c->bad; i++) {
        ref_subject *s = &r->subject[i];
        s->surname = get_id(c, strmap_count(r->surnames));
        s->addr = get_id(c, strmap_count(r->addrs));
        s->postcode = get_id(c, strmap_count(r->postcodes));
        int64_t protect = get_sv(c);
        if (protect < PROT_NONE || protect > PROT_OTHER) c->bad = 1;
        s->protect = (uint8_t)protect;
        s->ncases = get_slice(c, &s->case0);
        s->nincidents = get_slice(c, &s->inc0);
    }
    return c->bad ? -1 : 0;
}

static int read_cases(cursor *c, refdata *r)
{
    size_t n = strmap_count(r->cases);
    if (!(r->kase = array(n, sizeof *r->kase))) return -1;
    r->case_cap = n;
    for (size_t i = 0; i < n && !c->bad; i++) {
        ref_case *k = &r->kase[i];
        k->name = strmap_key(r->cases, (uint32_t)i);
        k->opened = get_sv(c);
        k->closed = get_sv(c);
        k->asg0 = (uint32_t)get_uv(c);
        k->nasg = (uint32_t)get_uv(c);
    }
    return c->bad ? -1 : 0;
}

static int read_lists(cursor *c, refdata *r)
{
    r->nsubject_case = get_count(c);
    if (!(r->subject_case = array(r->nsubject_case, sizeof *r->subject_case))) return -1;
    for (size_t i = 0; i < r->nsubject_case; i++)
        r->subject_case[i] = (uint32_t)get_id(c, strmap_count(r->cases));
    r->nasg = get_count(c);
    if (!(r->asg = array(r->nasg, sizeof *r->asg))) return -1;
    for (size_t i = 0; i < r->nasg; i++) {
        ref_assignment *a = &r->asg[i];
        a->actor = get_id(c, strmap_count(r->actors));
        a->unit = get_id(c, strmap_count(r->units));
        a->from = get_sv(c);
        a->to = get_sv(c);
    }
    r->ninc = get_count(c);
    if (!(r->inc = array(r->ninc, sizeof *r->inc))) return -1;
    for (size_t i = 0; i < r->ninc && !c->bad; i++) {
        size_t ln, lk;
        const char *name = get_bytes(c, &ln), *kind = get_bytes(c, &lk);
        if (c->bad) break;
        r->inc[i].name = arena_strndup(r->strings, name, ln);
        r->inc[i].kind = arena_strndup(r->strings, kind, lk);
        r->inc[i].ts = get_sv(c);
        if (!r->inc[i].name || !r->inc[i].kind) return -1;
    }
    return c->bad ? -1 : 0;
}

/* The rights (encode_rights): their maps, then each key's periods. */
static int read_rights(cursor *c, refdata *r)
{
    strmap *m[2] = {r->rsystems, r->rkeys};
    for (int i = 0; i < 2; i++) {
        section sec;
        sec.n = get_count(c);
        sec.p = c->p;
        for (size_t k = 0; k < sec.n && !c->bad; k++) {
            size_t len;
            get_bytes(c, &len);
        }
        sec.end = c->p;
        if (c->bad || read_map(&sec, m[i]) < 0) return -1;
    }
    size_t nk = strmap_count(r->rkeys);
    if (!(r->rkey0 = calloc(nk + 1, sizeof *r->rkey0))) return -1;
    uint64_t total = 0;
    for (size_t k = 0; k < nk && !c->bad; k++) {
        total += get_count(c);
        if (total > UINT32_MAX) c->bad = 1;
        r->rkey0[k + 1] = (uint32_t)total;
    }
    if (c->bad || total > (uint64_t)(c->end - c->p)) return -1;
    r->nrspan = (size_t)total;
    if (!(r->rspan = malloc((total ? total : 1) * sizeof *r->rspan))) return -1;
    for (size_t i = 0; i < total; i++) {
        r->rspan[i].from = get_sv(c);
        r->rspan[i].to = get_sv(c);
    }
    return c->bad ? -1 : 0;
}

/* Every slice a subject or case holds lies inside its list. */
static int slices_fit(const refdata *r)
{
    for (size_t i = 0; i < strmap_count(r->subjects); i++) {
        const ref_subject *s = &r->subject[i];
        if ((uint64_t)s->case0 + s->ncases > r->nsubject_case ||
            (uint64_t)s->inc0 + s->nincidents > r->ninc)
            return 0;
    }
    for (size_t i = 0; i < strmap_count(r->cases); i++)
        if ((uint64_t)r->kase[i].asg0 + r->kase[i].nasg > r->nasg) return 0;
    return 1;
}

enum { SUBJECTS = 3 }; /* in maps_of's order */

static int decode(cursor *c, refdata *r, int threads)
{
    if (c->end - c->p < (long)(2 * sizeof MAGIC) || memcmp(c->p, MAGIC, sizeof MAGIC) != 0 ||
        memcmp(c->end - sizeof MAGIC, MAGIC, sizeof MAGIC) != 0)
        return -1;
    c->p += sizeof MAGIC;
    c->end -= sizeof MAGIC;
    strmap *m[8];
    section sec[8];
    maps_of(r, m);
    if (find_maps(c, sec) < 0) return -1;
    map_job job = {&sec[SUBJECTS], m[SUBJECTS], -1};
    pthread_t helper;
    int apart = threads > 1 && pthread_create(&helper, NULL, map_thread, &job) == 0;
    int rc = 0;
    for (int i = 0; i < 8 && rc == 0; i++)
        if (i != SUBJECTS || !apart) rc = read_map(&sec[i], m[i]);
    size_t nsubjects = sec[SUBJECTS].n;
    if (rc == 0 && (read_actors(c, r, nsubjects) < 0 || read_subjects(c, r, nsubjects) < 0 ||
                    read_cases(c, r) < 0 || read_lists(c, r) < 0 || read_rights(c, r) < 0))
        rc = -1;
    if (apart) {
        pthread_join(helper, NULL);
        if (job.rc < 0) rc = -1;
    }
    return rc == 0 && c->p == c->end && slices_fit(r) ? 0 : -1;
}

int refcache_read(store *s, refdata *r, int threads)
{
    unsigned char *data;
    size_t len;
    /* An unreadable copy is only a slower start: its error is not kept. */
    if (store_refcache_read(s, &data, &len, NULL) != 1) return 0;
    cursor c = {data, data + len, 0};
    int ok = decode(&c, r, threads) == 0;
    free(data);
    r->cached = ok;
    return ok;
}

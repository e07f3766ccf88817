#include "priv/pseudonym.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "util/strmap.h"

/* Base 32 without the letters and digits people confuse (l, o, 0, 1). */
static const char alphabet[] = "abcdefghijkmnpqrstuvwxyz23456789";

/* The pseudonym of id from keyed, an HMAC state already keyed (copied,
 * so that it serves the next id). */
static void name_from(const crypto_auth_hmacsha256_state *keyed, const char *id,
                      char out[PSEUD_LEN + 1])
{
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_state st = *keyed;
    crypto_auth_hmacsha256_update(&st, (const unsigned char *)id, strlen(id));
    crypto_auth_hmacsha256_final(&st, mac);
    sodium_memzero(&st, sizeof st);
    memcpy(out, PSEUD_PREFIX, 4);
    /* 50 bits: among 80,000 staff two share one with a chance of about
     * three in a million (pseud_map_resolve says so when they do). */
    uint64_t v = 0;
    for (int i = 0; i < 7; i++)
        v = v << 8 | mac[i];
    for (int i = 0; i < 10; i++)
        out[4 + i] = alphabet[(v >> (51 - 5 * i)) & 31];
    out[PSEUD_LEN] = 0;
}

void pseud_name(const pkey *k, const char *id, char out[PSEUD_LEN + 1])
{
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, k->k, sizeof k->k);
    name_from(&st, id, out);
    sodium_memzero(&st, sizeof st);
}

int pseud_looks_like(const char *s)
{
    if (strncmp(s, PSEUD_PREFIX, 4) != 0 || strlen(s) != PSEUD_LEN) return 0;
    for (int i = 4; i < PSEUD_LEN; i++)
        if (!s[i] || !strchr(alphabet, s[i])) return 0;
    return 1;
}

struct pseud_map {
    pkey key;
    /* The HMAC keyed once: a map names many accounts. */
    crypto_auth_hmacsha256_state keyed;
    strmap *ids;                 /* accounts and person ids */
    uint32_t *acct;              /* per id: the account whose pseudonym it shows as */
    char (*name)[PSEUD_LEN + 1]; /* per account id: its pseudonym, "" until needed */
    uint32_t *person;            /* per account id: its person id, UINT32_MAX when none */
    size_t cap;
    strmap *shown; /* accounts shown as they are (pseud_map_show); NULL: none */
};

pseud_map *pseud_map_new(const pkey *k)
{
    pseud_map *m = calloc(1, sizeof *m);
    if (!m || !(m->ids = strmap_new())) {
        free(m);
        return NULL;
    }
    m->key = *k;
    crypto_auth_hmacsha256_init(&m->keyed, k->k, sizeof k->k);
    return m;
}

void pseud_map_free(pseud_map *m)
{
    if (!m) return;
    strmap_free(m->ids);
    strmap_free(m->shown);
    free(m->acct);
    free(m->name);
    free(m->person);
    sodium_memzero(&m->key, sizeof m->key);
    sodium_memzero(&m->keyed, sizeof m->keyed);
    free(m);
}

static int grow(pseud_map *m, size_t n)
{
    if (n <= m->cap) return 0;
    size_t cap = m->cap ? m->cap * 2 : 1024;
    while (cap < n)
        cap *= 2;
    uint32_t *acct = realloc(m->acct, cap * sizeof *acct);
    if (acct) m->acct = acct;
    char(*name)[PSEUD_LEN + 1] = realloc(m->name, cap * sizeof *name);
    if (name) m->name = name;
    uint32_t *person = realloc(m->person, cap * sizeof *person);
    if (person) m->person = person;
    if (!acct || !name || !person) return -1;
    m->cap = cap;
    return 0;
}

int pseud_map_reserve(pseud_map *m, size_t n)
{
    return strmap_reserve(m->ids, n) < 0 || grow(m, n) < 0 ? -1 : 0;
}

/* Interns s; a new id starts as its own account, with no pseudonym yet. */
static int intern(pseud_map *m, const char *s, uint32_t *id)
{
    int rc = strmap_intern(m->ids, s, strlen(s), id);
    if (rc < 0 || grow(m, (size_t)*id + 1) < 0) return -1;
    if (rc == 1) {
        m->acct[*id] = *id;
        m->name[*id][0] = 0;
        m->person[*id] = UINT32_MAX;
    }
    return rc;
}

int pseud_map_add(pseud_map *m, const char *actor, const char *person)
{
    if (!actor || !*actor) return 0;
    uint32_t a, p;
    if (intern(m, actor, &a) < 0) return -1;
    m->acct[a] = a; /* an account named like someone's person id stays an account */
    if (!person || !*person || strcmp(person, actor) == 0) return 0;
    int rc = intern(m, person, &p);
    if (rc < 0) return -1;
    if (rc == 1 || m->acct[p] != p) m->acct[p] = a; /* only a new or a person's id */
    m->person[a] = p;
    return 0;
}

/* The pseudonym id shows as, computed once. */
static const char *name_of(pseud_map *m, uint32_t id)
{
    uint32_t a = m->acct[id];
    if (!m->name[a][0]) name_from(&m->keyed, strmap_key(m->ids, a), m->name[a]);
    return m->name[a];
}

static int token_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-' || c == '.' || c == '@' || c == '\\' || c >= 0x80;
}

int pseud_map_show(pseud_map *m, const char *actor)
{
    uint32_t id;
    if (!m->shown && !(m->shown = strmap_new())) return -1;
    return strmap_intern(m->shown, actor, strlen(actor), &id) < 0 ? -1 : 0;
}

/* id, or -1 when it is (or is the person id of) an account shown as it is. */
static int64_t hidden(const pseud_map *m, int64_t id)
{
    if (id < 0 || !m->shown) return id;
    const char *a = strmap_key(m->ids, m->acct[id]);
    return strmap_find(m->shown, a, strlen(a)) >= 0 ? -1 : id;
}

/* The id in[0..n) names, trying it also without full stops at its end: its
 * map id and *len its length, or -1. */
static int64_t find_id(const pseud_map *m, const char *in, size_t *len)
{
    int64_t id = strmap_find(m->ids, in, *len);
    while (id < 0 && *len > 1 && in[*len - 1] == '.')
        id = strmap_find(m->ids, in, --*len);
    return hidden(m, id);
}

/* The id a JSON string's token names, its backslashes written "\\\\":
 * DOMAIN\\user is DOMAIN\user. -1 when none. */
static int64_t find_unescaped(const pseud_map *m, const char *in, size_t n)
{
    char small[256];
    if (n > sizeof small) return -1;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (in[i] != '\\') {
            small[k++] = in[i];
        } else if (i + 1 < n && in[i + 1] == '\\') {
            small[k++] = '\\';
            i++;
        } else
            return -1; /* another escape: not one id */
    }
    return hidden(m, strmap_find(m->ids, small, k));
}

/* How long the escape at in[0..n) (a backslash first) is: \n, \t, \", ...
 * 2, \xHH 4, \uXXXX 6, \UXXXXXXXX 10 (util/esc.h's and JSON's); 1 for a
 * backslash that starts none. */
static size_t escape_len(const char *in, size_t n)
{
    if (n < 2) return 1;
    size_t want = in[1] == 'x' ? 4 : in[1] == 'u' ? 6 : in[1] == 'U' ? 10 : 2;
    return want <= n ? want : n;
}

static int put_name(pseud_map *m, int64_t id, buf *out)
{
    return buf_put(out, name_of(m, (uint32_t)id), PSEUD_LEN);
}

/* Appends the token in[0..n) with the ids between its escapes replaced
 * (a token such as \nclerk0 in a JSON string or \x1bclerk0 in a table). */
static int rewrite_parts(pseud_map *m, const char *in, size_t n, buf *out)
{
    int rc = 0;
    size_t i = 0;
    while (i < n) {
        if (in[i] == '\\') {
            size_t e = escape_len(in + i, n - i);
            rc |= buf_put(out, in + i, e);
            i += e;
            continue;
        }
        size_t j = i;
        while (j < n && in[j] != '\\')
            j++;
        size_t len = j - i;
        int64_t id = find_id(m, in + i, &len);
        if (id >= 0) {
            rc |= put_name(m, id, out);
            rc |= buf_put(out, in + i + len, j - i - len);
        } else
            rc |= buf_put(out, in + i, j - i);
        i = j;
    }
    return rc;
}

int pseud_map_rewrite(pseud_map *m, const char *in, size_t n, buf *out)
{
    int rc = 0;
    size_t done = 0, i = 0;
    while (i < n && rc == 0) {
        if (!token_byte((unsigned char)in[i])) {
            i++;
            continue;
        }
        size_t start = i;
        while (i < n && token_byte((unsigned char)in[i]))
            i++;
        size_t len = i - start;
        int64_t id = find_id(m, in + start, &len);
        if (id < 0 && memchr(in + start, '\\', i - start)) {
            len = i - start;
            if ((id = find_unescaped(m, in + start, len)) < 0) {
                rc |= buf_put(out, in + done, start - done);
                rc |= rewrite_parts(m, in + start, len, out);
                done = i;
                continue;
            }
        }
        if (id < 0) continue;
        rc |= buf_put(out, in + done, start - done);
        rc |= put_name(m, id, out);
        done = start + len;
        if (done < i) continue; /* the full stops follow */
        size_t sp = 0;
        while (i + sp < n && in[i + sp] == ' ')
            sp++;
        size_t longer = PSEUD_LEN > len ? PSEUD_LEN - len : 0, keep = sp < 2 ? sp : 2;
        size_t drop = sp - keep < longer ? sp - keep : longer;
        done = i + drop;
        i = done;
    }
    return rc | buf_put(out, in + done, n - done);
}

int pseud_map_resolve(pseud_map *m, const char *name, int person, const char **actor, werr *e)
{
    size_t n = strmap_count(m->ids);
    int64_t found = -1;
    for (uint32_t id = 0; id < n; id++) {
        if (m->acct[id] != id || strcmp(name_of(m, id), name) != 0) continue;
        if (found >= 0)
            return werr_set(e, WERR_CONFLICT,
                            "two accounts share the pseudonym %s; ask an operator (--reveal)",
                            name);
        found = id;
    }
    if (found >= 0 && person && m->person[found] == UINT32_MAX)
        return werr_set(e, WERR_NOT_FOUND,
                        "%s has no record of their own as a citizen in the staff register", name);
    if (found < 0)
        return werr_set(e, WERR_NOT_FOUND,
                        "unknown pseudonym %s: no member of staff in this store has it (under"
                        " this store's pseudonym key)",
                        name);
    *actor = strmap_key(m->ids, person ? m->person[found] : (uint32_t)found);
    return 0;
}

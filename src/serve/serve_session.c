#include "serve/serve_session.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How many sessions and throttle entries are kept at most: a full table
 * drops its longest idle session, or the entry failed longest ago. */
enum { MAX_SESSIONS = 4096, MAX_THROTTLE = 4096 };

typedef struct sess {
    unsigned char token[32];
    int used;
    int64_t last;
    serve_session s;
} sess;

typedef struct fails {
    char key[160];                    /* "a:NAME" or "c:ADDRESS" */
    int64_t at[SERVE_THROTTLE_FAILS]; /* the latest failures, a ring */
    int n, next;
} fails;

struct serve_sessions {
    pthread_mutex_t mu;
    sess *s;
    fails *f;
};

serve_sessions *serve_sessions_new(void)
{
    if (sodium_init() < 0) return NULL;
    serve_sessions *ss = calloc(1, sizeof *ss);
    if (!ss) return NULL;
    ss->s = calloc(MAX_SESSIONS, sizeof *ss->s);
    ss->f = calloc(MAX_THROTTLE, sizeof *ss->f);
    if (!ss->s || !ss->f || pthread_mutex_init(&ss->mu, NULL) != 0) {
        free(ss->s);
        free(ss->f);
        free(ss);
        return NULL;
    }
    return ss;
}

void serve_sessions_free(serve_sessions *ss)
{
    if (!ss) return;
    sodium_memzero(ss->s, MAX_SESSIONS * sizeof *ss->s);
    free(ss->s);
    free(ss->f);
    pthread_mutex_destroy(&ss->mu);
    free(ss);
}

static void random_hex(unsigned char raw[32], char hex[SERVE_TOKEN_HEX])
{
    randombytes_buf(raw, 32);
    sodium_bin2hex(hex, SERVE_TOKEN_HEX, raw, 32);
}

int serve_session_open(serve_sessions *ss, const char *account, int64_t now,
                       char token[SERVE_TOKEN_HEX], char csrf[SERVE_TOKEN_HEX])
{
    unsigned char raw[32];
    pthread_mutex_lock(&ss->mu);
    size_t slot = 0;
    for (size_t i = 0; i < MAX_SESSIONS; i++) {
        sess *x = &ss->s[i];
        if (x->used && now - x->last > SERVE_SESSION_IDLE_MS) x->used = 0;
        if (!x->used) {
            slot = i;
            break;
        }
        if (x->last < ss->s[slot].last) slot = i;
    }
    sess *x = &ss->s[slot];
    memset(x, 0, sizeof *x);
    random_hex(x->token, token);
    random_hex(raw, csrf);
    snprintf(x->s.account, sizeof x->s.account, "%s", account);
    memcpy(x->s.csrf, csrf, SERVE_TOKEN_HEX);
    x->last = now;
    x->used = 1;
    pthread_mutex_unlock(&ss->mu);
    sodium_memzero(raw, sizeof raw);
    return 0;
}

/* The slot of token's session, or -1; every used slot's token is
 * compared, each in constant time. */
static int lookup(serve_sessions *ss, const char *token)
{
    unsigned char raw[32];
    size_t got = 0;
    if (!token || strlen(token) != 64 ||
        sodium_hex2bin(raw, sizeof raw, token, 64, NULL, &got, NULL) != 0 || got != 32)
        return -1;
    int found = -1;
    for (int i = 0; i < MAX_SESSIONS; i++)
        if (ss->s[i].used && sodium_memcmp(ss->s[i].token, raw, 32) == 0) found = i;
    sodium_memzero(raw, sizeof raw);
    return found;
}

int serve_session_find(serve_sessions *ss, const char *token, int64_t now, serve_session *out)
{
    pthread_mutex_lock(&ss->mu);
    int i = lookup(ss, token), ok = 0;
    if (i >= 0 && now - ss->s[i].last > SERVE_SESSION_IDLE_MS) {
        sodium_memzero(&ss->s[i], sizeof ss->s[i]);
    } else if (i >= 0) {
        ss->s[i].last = now;
        *out = ss->s[i].s;
        ok = 1;
    }
    pthread_mutex_unlock(&ss->mu);
    return ok;
}

void serve_session_close(serve_sessions *ss, const char *token)
{
    pthread_mutex_lock(&ss->mu);
    int i = lookup(ss, token);
    if (i >= 0) sodium_memzero(&ss->s[i], sizeof ss->s[i]);
    pthread_mutex_unlock(&ss->mu);
}

static void key_of(char *out, size_t n, char kind, const char *v)
{
    snprintf(out, n, "%c:%s", kind, v ? v : "");
}

static fails *find_fails(serve_sessions *ss, const char *key)
{
    for (size_t i = 0; i < MAX_THROTTLE; i++)
        if (ss->f[i].n && strcmp(ss->f[i].key, key) == 0) return &ss->f[i];
    return NULL;
}

/* Whether f's last SERVE_THROTTLE_FAILS failures all fall in the window
 * before now. */
static int blocked(const fails *f, int64_t now)
{
    if (!f || f->n < SERVE_THROTTLE_FAILS) return 0;
    /* The oldest of the ring is the one written next. */
    return now - f->at[f->next] < SERVE_THROTTLE_WINDOW_MS;
}

int serve_throttled(serve_sessions *ss, const char *account, const char *addr, int64_t now,
                    const char **which)
{
    char ka[160], kc[160];
    key_of(ka, sizeof ka, 'a', account);
    key_of(kc, sizeof kc, 'c', addr);
    pthread_mutex_lock(&ss->mu);
    int a = blocked(find_fails(ss, ka), now), c = blocked(find_fails(ss, kc), now);
    pthread_mutex_unlock(&ss->mu);
    if (which) *which = a ? "account" : "address";
    return a || c;
}

static void count(serve_sessions *ss, const char *key, int64_t now)
{
    fails *f = find_fails(ss, key);
    if (!f) {
        /* A free entry, else the one whose latest failure is oldest. */
        size_t best = 0;
        int64_t oldest = INT64_MAX;
        for (size_t i = 0; i < MAX_THROTTLE; i++) {
            fails *x = &ss->f[i];
            int64_t latest =
                x->n ? x->at[(x->next + SERVE_THROTTLE_FAILS - 1) % SERVE_THROTTLE_FAILS]
                     : INT64_MIN;
            if (latest < oldest) {
                oldest = latest;
                best = i;
            }
            if (!x->n) break;
        }
        f = &ss->f[best];
        memset(f, 0, sizeof *f);
        snprintf(f->key, sizeof f->key, "%s", key);
    }
    f->at[f->next] = now;
    f->next = (f->next + 1) % SERVE_THROTTLE_FAILS;
    if (f->n < SERVE_THROTTLE_FAILS) f->n++;
}

void serve_throttle_fail(serve_sessions *ss, const char *account, const char *addr, int64_t now)
{
    char ka[160], kc[160];
    key_of(ka, sizeof ka, 'a', account);
    key_of(kc, sizeof kc, 'c', addr);
    pthread_mutex_lock(&ss->mu);
    count(ss, ka, now);
    count(ss, kc, now);
    pthread_mutex_unlock(&ss->mu);
}

/* pseudonym — what stands for a member of staff in everything an analyst
 * sees: "emp-" and 10 base-32 characters of the keyed HMAC-SHA-256 of
 * their account id (pkey.h's key), the same on every run with the same
 * key, different under another. A pseud_map knows a store's staff (their
 * accounts, and each one's own record as a citizen, the person id) and
 * rewrites rendered output so that none of them appears, and turns a
 * pseudonym an analyst gives back into the account. */
#ifndef WACHTER_PSEUDONYM_H
#define WACHTER_PSEUDONYM_H
#include <stddef.h>

#include "priv/pkey.h"
#include "util/buf.h"
#include "util/werr.h"

#define PSEUD_PREFIX "emp-"
#define PSEUD_LEN 14 /* "emp-" and 10 characters */

/* Writes the pseudonym of the account id into out (PSEUD_LEN + 1 bytes). */
void pseud_name(const pkey *k, const char *id, char out[PSEUD_LEN + 1]);
/* 1 when s has the shape of a pseudonym ("emp-" and 10 characters of the
 * alphabet pseudonyms use), else 0. */
int pseud_looks_like(const char *s);

typedef struct pseud_map pseud_map;

/* An empty map under key k (copied). Owned: pseud_map_free it. NULL when
 * out of memory. */
pseud_map *pseud_map_new(const pkey *k);
void pseud_map_free(pseud_map *m);
/* Makes room for n ids in all (accounts and person ids), so that adding
 * them grows nothing. A hint: 0, or -1 when out of memory. */
int pseud_map_reserve(pseud_map *m, size_t n);
/* Adds an account (its id) and, when person is not NULL or empty, that
 * person's id as a citizen, which then shows as the account's pseudonym
 * too (a finding about "their own record" stays legible). An id added
 * twice is kept once. 0, or -1 when out of memory. */
int pseud_map_add(pseud_map *m, const char *actor, const char *person);
/* Appends in[0..n) to out with every whole token that is an added id
 * replaced by its pseudonym. A token is a longest run of letters, digits,
 * "_-.@\\" and bytes of multi-byte characters; a token ending in full
 * stops is also tried without them, one with backslashes also as a JSON
 * string's ("\\\\" for one), and else the parts between its escapes
 * (\n, \xHH, \uXXXX, ...) each as a token. Where a replacement is longer
 * than the id and spaces follow it (a table's padding), as many of them
 * as keep two are dropped, so that columns stay aligned. 0 or -1 (out of
 * memory; out holds what was rewritten so far). */
int pseud_map_rewrite(pseud_map *m, const char *in, size_t n, buf *out);
/* Shows the account actor (and its person id) as it is from now on: an
 * approved unmasking (ops/ops_unmask.h) for the one who asked. 0, or -1
 * when out of memory. */
int pseud_map_show(pseud_map *m, const char *actor);
/* The account whose pseudonym is name, borrowed from the map, through
 * *actor. With person set, the person id of that account instead (an
 * account without one is then not found). Fails with WERR_NOT_FOUND when
 * no account of the map has that pseudonym. 0 or -1. */
int pseud_map_resolve(pseud_map *m, const char *name, int person, const char **actor, werr *e);
#endif

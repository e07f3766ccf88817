/* pkey — the deployment's pseudonym key: 32 random bytes in a file of
 * their own beside the store (never inside it), so that a copy of the
 * store file alone does not tell whose account a pseudonym stands for.
 * The file holds the key as 64 hexadecimal digits and a newline, readable
 * by its owner only (mode 0600). docs/privacy.md says how to keep it. */
#ifndef WACHTER_PKEY_H
#define WACHTER_PKEY_H
#include "util/werr.h"

#define PKEY_BYTES 32

typedef struct pkey {
    unsigned char k[PKEY_BYTES];
} pkey;

/* Reads the key in the file at path into *k; where there is no such file,
 * makes one with a new random key (mode 0600) and uses that. Fails, with
 * *e naming path, when the file is readable or writable by anyone but its
 * owner (WERR_FORBIDDEN), is not a regular file or does not hold exactly
 * one key (WERR_INPUT), or cannot be read or made (WERR_UNAVAILABLE).
 * 0 or -1. */
int pkey_open(const char *path, pkey *k, werr *e);
/* Overwrites *k with zeros (a copy no longer needed). */
void pkey_wipe(pkey *k);
#endif

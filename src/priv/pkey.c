#include "priv/pkey.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* What the file holds: the key in hex and a newline. */
#define PKEY_TEXT (2 * PKEY_BYTES + 1)

static int hexval(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Parses text (n bytes): 64 hex digits, then at most one newline. */
static int parse(const char *text, size_t n, pkey *k)
{
    if (n == PKEY_TEXT && text[n - 1] == '\n') n--;
    if (n != 2 * PKEY_BYTES) return -1;
    for (size_t i = 0; i < PKEY_BYTES; i++) {
        int hi = hexval((unsigned char)text[2 * i]), lo = hexval((unsigned char)text[2 * i + 1]);
        if (hi < 0 || lo < 0) return -1;
        k->k[i] = (unsigned char)(hi << 4 | lo);
    }
    return 0;
}

/* Makes the file with a new key, whole or not at all: written to a
 * temporary file beside it, then linked to its name, so that a command
 * starting at the same moment reads either no file or the whole key.
 * 1 when another process made it first (its key is the one to read). */
static int create(const char *path, pkey *k, werr *e)
{
    char tmp[4200];
    if (snprintf(tmp, sizeof tmp, "%s.XXXXXX", path) >= (int)sizeof tmp)
        return werr_set(e, WERR_INPUT, "the pseudonym key's path is too long: %s", path);
    int fd = mkstemp(tmp); /* mode 0600 */
    if (fd < 0)
        return werr_set(e, WERR_UNAVAILABLE, "cannot make the pseudonym key %s: %s", path,
                        strerror(errno));
    randombytes_buf(k->k, sizeof k->k);
    char text[PKEY_TEXT];
    static const char hex[] = "0123456789abcdef";
    for (size_t i = 0; i < PKEY_BYTES; i++) {
        text[2 * i] = hex[k->k[i] >> 4];
        text[2 * i + 1] = hex[k->k[i] & 15];
    }
    text[PKEY_TEXT - 1] = '\n';
    int ok = fchmod(fd, 0600) == 0 && write(fd, text, sizeof text) == (ssize_t)sizeof text &&
             fsync(fd) == 0;
    int err = errno;
    sodium_memzero(text, sizeof text);
    if (close(fd) != 0 && ok) {
        ok = 0;
        err = errno;
    }
    int rc = 0;
    if (ok && link(tmp, path) != 0) {
        if (errno == EEXIST)
            rc = 1;
        else {
            ok = 0;
            err = errno;
        }
    }
    unlink(tmp);
    if (!ok)
        return werr_set(e, WERR_UNAVAILABLE, "cannot write the pseudonym key %s: %s", path,
                        strerror(err));
    return rc;
}

static int read_key(const char *path, pkey *k, werr *e)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0 && errno == ELOOP)
        return werr_set(e, WERR_INPUT,
                        "the pseudonym key %s is a symbolic link; give the file itself (--key)",
                        path);
    if (fd < 0)
        return werr_set(e, WERR_UNAVAILABLE, "cannot read the pseudonym key %s: %s", path,
                        strerror(errno));
    struct stat st;
    char text[PKEY_TEXT + 1];
    ssize_t n = -1;
    int rc = -1;
    if (fstat(fd, &st) != 0)
        werr_set(e, WERR_UNAVAILABLE, "cannot read the pseudonym key %s: %s", path,
                 strerror(errno));
    else if (!S_ISREG(st.st_mode))
        werr_set(e, WERR_INPUT, "the pseudonym key %s is not a file", path);
    else if (st.st_mode & 077)
        werr_set(e, WERR_FORBIDDEN,
                 "the pseudonym key %s can be read or changed by others (mode %04o); make it"
                 " its owner's only: chmod 600 %s",
                 path, (unsigned)(st.st_mode & 07777), path);
    else if ((n = read(fd, text, sizeof text)) < 0)
        werr_set(e, WERR_UNAVAILABLE, "cannot read the pseudonym key %s: %s", path,
                 strerror(errno));
    else if (parse(text, (size_t)n, k) < 0)
        werr_set(e, WERR_INPUT,
                 "the pseudonym key %s is not a key (64 hexadecimal digits); restore it from"
                 " its backup, or give another with --key",
                 path);
    else
        rc = 0;
    sodium_memzero(text, sizeof text);
    close(fd);
    return rc;
}

int pkey_open(const char *path, pkey *k, werr *e)
{
    if (sodium_init() < 0) return werr_set(e, WERR_INTERNAL, "libsodium cannot start");
    if (!path || !*path) return werr_set(e, WERR_INPUT, "no file named for the pseudonym key");
    struct stat st;
    if (lstat(path, &st) != 0 && errno == ENOENT) {
        int rc = create(path, k, e);
        if (rc <= 0) return rc;
    }
    return read_key(path, k, e);
}

void pkey_wipe(pkey *k)
{
    sodium_memzero(k, sizeof *k);
}

/* store_lock — the SQLite backend's writer lock: an flock on PATH.lock. */
#include "store/store_lock.h"
#include "store/store_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* How often a waiting writer tries again. */
enum { RETRY_MS = 100 };

void store_writer_wait(store *s, int seconds)
{
    store_wlock_of(s)->wait_s = seconds;
}

/* The holder's lines from the lock file, as "pid N (what) since T"; a
 * holder that has not written them yet is "another process". */
static void holder_of(int fd, char *out, size_t size)
{
    char text[512], pid[32] = "", what[320] = "", since[40] = "";
    ssize_t n = pread(fd, text, sizeof text - 1, 0);
    text[n > 0 ? n : 0] = 0;
    for (char *line = text, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next) *next++ = 0;
        if (strncmp(line, "pid ", 4) == 0) snprintf(pid, sizeof pid, "%s", line + 4);
        if (strncmp(line, "command ", 8) == 0) snprintf(what, sizeof what, "%s", line + 8);
        if (strncmp(line, "since ", 6) == 0) snprintf(since, sizeof since, "%s", line + 6);
    }
    if (!pid[0]) {
        snprintf(out, size, "another process");
        return;
    }
    snprintf(out, size, "pid %s (%s) since %s", pid, what[0] ? what : "?", since[0] ? since : "?");
}

/* Writes who holds the lock into it. Failing to is no failure: the lock
 * holds without the lines, and a refused writer says "another process". */
static void write_holder(int fd, const char *what)
{
    char since[32], text[512];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(since, sizeof since, "%Y-%m-%dT%H:%M:%SZ", &tm);
    char op[320];
    snprintf(op, sizeof op, "%s", what);
    for (char *c = op; *c; c++) /* one line, nothing a terminal would act on */
        if ((unsigned char)*c < 0x20 || *c == 0x7f) *c = '?';
    int n =
        snprintf(text, sizeof text, "pid %ld\ncommand %s\nsince %s\n", (long)getpid(), op, since);
    if (n < 0 || (size_t)n >= sizeof text) n = (int)strlen(text);
    if (ftruncate(fd, 0) == 0 && pwrite(fd, text, (size_t)n, 0) < 0) return;
}

/* flock, waiting up to wait_s seconds (negative: for ever). 0, or -1 with
 * errno (EWOULDBLOCK when another holds it). */
static int take(int fd, int wait_s)
{
    long waited = 0;
    for (;;) {
        if (flock(fd, LOCK_EX | LOCK_NB) == 0) return 0;
        if (errno != EWOULDBLOCK && errno != EINTR) return -1;
        if (wait_s >= 0 && waited >= (long)wait_s * 1000) {
            errno = EWOULDBLOCK;
            return -1;
        }
        struct timespec ts = {0, RETRY_MS * 1000000L};
        nanosleep(&ts, NULL);
        waited += RETRY_MS;
    }
}

int store_writer_begin(store *s, const char *what, werr *e)
{
    store_wlock *w = store_wlock_of(s);
    if (w->depth++ > 0) return 0;
    const char *db = sqlite3_db_filename(store_db(s), "main");
    if (!db || !db[0]) return 0; /* in memory or temporary: no other writer */
    char path[4096];
    if ((size_t)snprintf(path, sizeof path, "%s.lock", db) >= sizeof path) {
        w->depth = 0;
        return werr_set(e, WERR_UNAVAILABLE, "%s: path too long for its lock file", db);
    }
    /* Owner only, as the store (store_private_file): it names what the
     * holder runs, a file's path among it. */
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    struct stat st;
    if (fd >= 0 && fstat(fd, &st) == 0 && st.st_uid == geteuid() && (st.st_mode & 077) &&
        fchmod(fd, 0600) < 0) { /* left as it was: the lock works all the same */
    }
    if (fd < 0) {
        w->depth = 0;
        return werr_set(e, WERR_UNAVAILABLE, "cannot open the store's lock file %s: %s", path,
                        strerror(errno));
    }
    if (take(fd, w->wait_s) < 0) {
        int err = errno;
        char who[480];
        holder_of(fd, who, sizeof who);
        close(fd);
        w->depth = 0;
        if (err != EWOULDBLOCK)
            return werr_set(e, WERR_UNAVAILABLE, "cannot lock %s: %s", path, strerror(err));
        if (w->wait_s > 0)
            return werr_set(e, WERR_CONFLICT,
                            "%s is being written by %s; one writer at a time, and it still was"
                            " after %d s",
                            db, who, w->wait_s);
        return werr_set(e, WERR_CONFLICT,
                        "%s is being written by %s; one writer at a time: try again when it has"
                        " finished (--wait waits for it)",
                        db, who);
    }
    write_holder(fd, what);
    w->fd = fd;
    return 0;
}

void store_writer_end(store *s)
{
    store_wlock *w = store_wlock_of(s);
    if (w->depth == 0 || --w->depth > 0) return;
    if (w->fd < 0) return;
    if (ftruncate(w->fd, 0) < 0) { /* the lines only inform: the lock is the flock */
    }
    close(w->fd); /* releases the flock */
    w->fd = -1;
}

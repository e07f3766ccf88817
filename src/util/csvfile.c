#include "util/csvfile.h"

#include <csv.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_FIELDS = 64 };

typedef struct record {
    char *field[MAX_FIELDS];
    size_t n;
    int done;
} record;

struct csvfile {
    FILE *fp;
    struct csv_parser p;
    char *header[MAX_FIELDS];
    size_t nheader;
    record rec, pending; /* pending: record completed past the current one */
    long line, rec_line, pending_line;
    char *linebuf;
    size_t linecap;
    int eof;
};

static void rec_clear(record *r)
{
    for (size_t i = 0; i < r->n; i++)
        free(r->field[i]);
    r->n = 0;
    r->done = 0;
}

static char *trimdup(const char *s, size_t n)
{
    while (n && isspace((unsigned char)*s))
        s++, n--;
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    char *d = malloc(n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = 0;
    }
    return d;
}

static void on_field(void *s, size_t n, void *data)
{
    csvfile *f = data;
    record *r = f->rec.done ? &f->pending : &f->rec;
    if (r->n < MAX_FIELDS) r->field[r->n++] = trimdup(s ? s : "", s ? n : 0);
}

static void on_record(int c, void *data)
{
    csvfile *f = data;
    (void)c;
    if (!f->rec.done) {
        f->rec.done = 1;
        f->rec_line = f->line;
    } else {
        f->pending.done = 1;
        f->pending_line = f->line;
    }
}

/* Feeds lines until a record is complete or the file ends. */
static int fill(csvfile *f, werr *e)
{
    while (!f->rec.done && !f->eof) {
        ssize_t n = getline(&f->linebuf, &f->linecap, f->fp);
        if (n < 0) {
            f->eof = 1;
            csv_fini(&f->p, on_field, on_record, f);
            break;
        }
        f->line++;
        if (csv_parse(&f->p, f->linebuf, (size_t)n, on_field, on_record, f) != (size_t)n) {
            return werr_set(e, WERR_INPUT, "line %ld: %s", f->line, csv_strerror(csv_error(&f->p)));
        }
    }
    return 0;
}

int csvfile_open(const char *path, csvfile **out, werr *e)
{
    csvfile *f = calloc(1, sizeof *f);
    if (!f) goto oom;
    if (csv_init(&f->p, CSV_APPEND_NULL) != 0) goto oom;
    f->fp = fopen(path, "r");
    if (!f->fp) {
        werr_set(e, WERR_NOT_FOUND, "%s: cannot open", path);
        goto fail;
    }
    int rc = csvfile_next(f, e);
    if (rc <= 0) {
        if (rc == 0) werr_set(e, WERR_INPUT, "%s: no header row", path);
        goto fail;
    }
    for (size_t i = 0; i < f->rec.n; i++) {
        f->header[i] = f->rec.field[i];
        /* A UTF-8 byte order mark before the first name is not part of it. */
        if (i == 0 && strncmp(f->header[0], "\xEF\xBB\xBF", 3) == 0)
            memmove(f->header[0], f->header[0] + 3, strlen(f->header[0]) - 2);
    }
    f->nheader = f->rec.n;
    f->rec.n = 0;
    *out = f;
    return 0;
oom:
    werr_set(e, WERR_INTERNAL, "%s: out of memory", path);
fail:
    csvfile_close(f);
    return -1;
}

void csvfile_close(csvfile *f)
{
    if (!f) return;
    if (f->fp) fclose(f->fp);
    csv_free(&f->p);
    rec_clear(&f->rec);
    rec_clear(&f->pending);
    for (size_t i = 0; i < f->nheader; i++)
        free(f->header[i]);
    free(f->linebuf);
    free(f);
}

int csvfile_col(const csvfile *f, const char *name)
{
    for (size_t i = 0; i < f->nheader; i++)
        if (strcmp(f->header[i], name) == 0) return (int)i;
    return -1;
}

int csvfile_next(csvfile *f, werr *e)
{
    for (;;) {
        rec_clear(&f->rec);
        if (f->pending.done || f->pending.n) {
            f->rec = f->pending;
            f->rec_line = f->pending_line;
            memset(&f->pending, 0, sizeof f->pending);
        }
        if (fill(f, e) < 0) return -1;
        if (!f->rec.done && !f->rec.n) return 0;
        /* Skip blank lines: one empty field. */
        if (f->rec.n == 1 && f->rec.field[0][0] == 0) continue;
        return 1;
    }
}

const char *csvfile_field(const csvfile *f, int i)
{
    return i >= 0 && (size_t)i < f->rec.n ? f->rec.field[i] : "";
}

size_t csvfile_nfields(const csvfile *f)
{
    return f->rec.n;
}

long csvfile_line(const csvfile *f)
{
    /* rec_line is the line on which the record ended; count back its newlines. */
    long nl = 0;
    for (size_t i = 0; i < f->rec.n; i++)
        for (const char *p = f->rec.field[i]; *p; p++)
            nl += *p == '\n';
    return f->rec_line - nl;
}

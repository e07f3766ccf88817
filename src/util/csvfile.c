#include "util/csvfile.h"

#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"

enum { MAX_FIELDS = CSVFILE_MAX_FIELDS };

typedef struct record {
    char *field[MAX_FIELDS];
    size_t len[MAX_FIELDS]; /* a field may hold a NUL: its length counts */
    size_t n;               /* fields kept */
    size_t total;           /* fields seen, also beyond MAX_FIELDS */
    int done;
} record;

/* libcsv is fed one line at a time (up to and with its CR, LF or CRLF), so
 * that at most one record ends per call and the line of each record, and of
 * each quote, is known. Whether a quoted field is open at the end of a line
 * is the parity of the line's quotes: in strict mode a quote appears only
 * to open or close a field, or doubled inside one. */
struct csvfile {
    FILE *fp;
    struct csv_parser p;
    int parser_ok;
    char *header[MAX_FIELDS];
    size_t nheader;
    int have_header;
    char sep;
    int sep_known;
    record rec;
    long line;       /* lines fed so far */
    long rec_line;   /* the line the current record began on */
    long quote_line; /* the line the open quoted field began on */
    long err_line;   /* the line a failure of csvfile_next concerns */
    int in_quote;
    size_t rec_bytes;
    char *lb; /* getline's buffer: the line (to LF) the next chunk comes from */
    size_t lcap, llen, lpos;
    int eof, oom;
    char why[320];
};

static void rec_clear(record *r)
{
    for (size_t i = 0; i < r->n; i++)
        free(r->field[i]);
    memset(r, 0, sizeof *r);
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t';
}

static void on_field(void *s, size_t n, void *data)
{
    csvfile *f = data;
    record *r = &f->rec;
    r->total++;
    if (r->n == MAX_FIELDS) return;
    const char *v = s ? s : "";
    n = s ? n : 0;
    while (n && is_blank(*v))
        v++, n--;
    while (n && is_blank(v[n - 1]))
        n--;
    char *d = malloc(n + 1);
    if (!d) {
        f->oom = 1;
        return;
    }
    memcpy(d, v, n);
    d[n] = 0;
    r->field[r->n] = d;
    r->len[r->n++] = n;
}

static void on_record(int c, void *data)
{
    (void)c;
    ((csvfile *)data)->rec.done = 1;
}

/* The next line of the file, up to and with its end (CR, LF or CRLF), in
 * *c, *n (borrowed until the next call). 1, 0 at the end, -1 read error. */
static int next_chunk(csvfile *f, const char **c, size_t *n)
{
    if (f->lpos == f->llen) {
        ssize_t got = getline(&f->lb, &f->lcap, f->fp);
        if (got <= 0) return ferror(f->fp) ? -1 : 0;
        f->llen = (size_t)got;
        f->lpos = 0;
    }
    const char *s = f->lb + f->lpos;
    size_t rest = f->llen - f->lpos, k = rest;
    const char *cr = memchr(s, '\r', rest);
    if (cr) {
        k = (size_t)(cr - s) + 1;
        if (k < rest && s[k] == '\n') k++;
    }
    f->lpos += k;
    *c = s;
    *n = k;
    return 1;
}

/* The separator: ';' when the header line holds ';' and no ',' outside
 * quotes. Decided on the first line that holds anything. */
static void detect_sep(csvfile *f, const char *c, size_t n)
{
    size_t commas = 0, semis = 0, content = 0;
    int q = 0;
    for (size_t i = 0; i < n; i++) {
        q ^= c[i] == '"';
        commas += !q && c[i] == ',';
        semis += !q && c[i] == ';';
        content += !is_blank(c[i]) && c[i] != '\r' && c[i] != '\n';
    }
    if (!content) return;
    f->sep = semis && !commas ? ';' : ',';
    csv_set_delim(&f->p, (unsigned char)f->sep);
    f->sep_known = 1;
}

/* Feeds lines until a record is complete or the file ends. 0, or -1 with
 * e set and err_line. */
static int fill(csvfile *f, werr *e)
{
    while (!f->rec.done) {
        const char *c;
        size_t n;
        int rc = next_chunk(f, &c, &n);
        if (rc < 0) {
            f->err_line = f->line + 1;
            return werr_set(e, WERR_UNAVAILABLE, "cannot read: %s", strerror(errno));
        }
        if (rc == 0) {
            if (f->eof) return 0;
            f->eof = 1;
            if (f->in_quote) {
                f->err_line = f->quote_line;
                return werr_set(e, WERR_INPUT,
                                "unterminated quote: the quoted field that begins on this line"
                                " is not closed before the end of the file");
            }
            csv_fini(&f->p, on_field, on_record, f);
            break;
        }
        f->line++;
        if (f->line == 1 && n >= 2 &&
            (memcmp(c, "\xFF\xFE", 2) == 0 || memcmp(c, "\xFE\xFF", 2) == 0)) {
            f->err_line = 1;
            return werr_set(e, WERR_INPUT,
                            "the file is UTF-16 (Excel's \"Unicode text\"), which wachter does"
                            " not read: save it as \"CSV UTF-8\"");
        }
        if (f->line == 1 && n >= 3 && memcmp(c, "\xEF\xBB\xBF", 3) == 0) c += 3, n -= 3;
        if (!f->sep_known) detect_sep(f, c, n);
        if (!f->in_quote) {
            f->rec_line = f->line;
            f->rec_bytes = 0;
        }
        int q = f->in_quote;
        for (size_t i = 0; i < n; i++)
            q ^= c[i] == '"';
        if (q && !f->in_quote) f->quote_line = f->line;
        f->rec_bytes += n;
        if (f->rec_bytes > CSVFILE_MAX_RECORD) {
            f->err_line = q ? f->quote_line : f->line;
            return werr_set(e, WERR_INPUT, "%s",
                            q ? "a quoted field begins on this line and is not closed within"
                                " 64 KiB: a stray '\"'?"
                              : "a record longer than 64 KiB");
        }
        if (csv_parse(&f->p, c, n, on_field, on_record, f) != n) {
            f->err_line = f->line;
            if (csv_error(&f->p) == CSV_EPARSE)
                return werr_set(e, WERR_INPUT,
                                "a '\"' inside a field: a field that holds '\"' must be quoted"
                                " whole, each '\"' in it doubled");
            return werr_set(e, WERR_INTERNAL, "%s", csv_strerror(csv_error(&f->p)));
        }
        f->in_quote = q;
    }
    if (f->oom) {
        f->err_line = f->line;
        return werr_set(e, WERR_INTERNAL, "out of memory");
    }
    return 0;
}

/* Windows-1252's characters for the bytes 0x80-0x9F (0: none); from 0xA0
 * on, a byte is the code point of the same number. */
static const unsigned short cp1252[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

static void utf8_put(unsigned cp, char out[4])
{
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | cp >> 6);
        out[1] = (char)(0x80 | (cp & 0x3F));
        out[2] = 0;
    } else {
        out[0] = (char)(0xE0 | cp >> 12);
        out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        out[3] = 0;
    }
}

/* Why the value s[0..n) of column col cannot be taken, in f->why; 0 when
 * it can. */
static int check_value(csvfile *f, const char *col, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n; i++) {
        if (u[i] >= 0x20 && u[i] != 0x7F) continue;
        if (u[i] == 0)
            snprintf(f->why, sizeof f->why, "%s holds a NUL byte", col);
        else if (u[i] == '\n' || u[i] == '\r')
            snprintf(f->why, sizeof f->why,
                     "%s holds a line break (a quoted value over several lines: a stray '\"'?)",
                     col);
        else
            snprintf(f->why, sizeof f->why, "%s holds the control character 0x%02X", col, u[i]);
        return -1;
    }
    long bad = utf8_invalid_at(s, n);
    if (bad >= 0) {
        unsigned b = u[bad], cp = b >= 0xA0 ? b : b >= 0x80 ? cp1252[b - 0x80] : 0;
        char ch[4];
        if (cp) {
            utf8_put(cp, ch);
            snprintf(f->why, sizeof f->why,
                     "%s is not UTF-8: byte 0x%02X, '%s' in Windows-1252; the file seems saved "
                     "as Windows-1252 (Excel's \"CSV\"), which wachter does not read: save it "
                     "as \"CSV UTF-8\"",
                     col, b, ch);
        } else
            snprintf(f->why, sizeof f->why, "%s is not UTF-8 (byte 0x%02X at offset %ld)", col, b,
                     bad);
        return -1;
    }
    /* C1 controls (U+0080-U+009F) act on a terminal like ESC sequences. */
    for (size_t i = 0; i + 1 < n; i++)
        if (u[i] == 0xC2 && u[i + 1] < 0xA0) {
            snprintf(f->why, sizeof f->why, "%s holds the control character U+%04X", col, u[i + 1]);
            return -1;
        }
    return 0;
}

/* Checks the current record: its values, then its number of fields. */
static void check_record(csvfile *f)
{
    record *r = &f->rec;
    f->why[0] = 0;
    for (size_t i = 0; i < r->n; i++) {
        char col[96];
        if (i < f->nheader)
            snprintf(col, sizeof col, "column '%.60s'", f->header[i]);
        else
            snprintf(col, sizeof col, "field %zu", i + 1);
        if (check_value(f, col, r->field[i], r->len[i]) < 0) return;
    }
    if (f->have_header && r->total != f->nheader)
        snprintf(f->why, sizeof f->why, "%zu fields where the header has %zu%s", r->total,
                 f->nheader,
                 r->total > f->nheader ? f->sep == ',' ? " (a value holding ',' must be quoted)"
                                                       : " (a value holding ';' must be quoted)"
                                       : "");
}

static int all_empty(const record *r)
{
    for (size_t i = 0; i < r->n; i++)
        if (r->len[i]) return 0;
    return 1;
}

int csvfile_next(csvfile *f, werr *e)
{
    for (;;) {
        rec_clear(&f->rec);
        if (fill(f, e) < 0) return -1;
        if (!f->rec.done) return 0;
        /* Skip blank lines, and rows of separators only (what a
         * spreadsheet saves of rows once used). */
        if (f->rec.total <= MAX_FIELDS && all_empty(&f->rec)) continue;
        check_record(f);
        return 1;
    }
}

int csvfile_open(const char *path, csvfile **out, werr *e)
{
    csvfile *f = calloc(1, sizeof *f);
    if (!f) goto oom;
    if (csv_init(&f->p, CSV_APPEND_NULL | CSV_STRICT) != 0) goto oom;
    f->parser_ok = 1;
    f->sep = ',';
    f->fp = fopen(path, "rb");
    if (!f->fp) {
        int err = errno;
        werr_set(e,
                 err == ENOENT   ? WERR_NOT_FOUND
                 : err == EACCES ? WERR_FORBIDDEN
                                 : WERR_UNAVAILABLE,
                 "%s: cannot open: %s", path, strerror(err));
        goto fail;
    }
    int rc = csvfile_next(f, e);
    if (rc < 0) {
        werr_wrap(e, "%s:%ld: ", path, f->err_line);
        goto fail;
    }
    if (rc == 0) {
        werr_set(e, WERR_INPUT, "%s: no header row", path);
        goto fail;
    }
    if (f->why[0] || f->rec.total > MAX_FIELDS) {
        werr_set(e, WERR_INPUT, "%s:%ld: header: %s", path, f->rec_line,
                 f->why[0] ? f->why : "more than 64 columns");
        goto fail;
    }
    for (size_t i = 0; i < f->rec.n; i++)
        for (size_t j = 0; j < i; j++)
            if (strcmp(f->rec.field[j], f->rec.field[i]) == 0) {
                werr_set(e, WERR_INPUT, "%s:%ld: header: column '%.60s' appears twice", path,
                         f->rec_line, f->rec.field[i]);
                goto fail;
            }
    for (size_t i = 0; i < f->rec.n; i++)
        f->header[i] = f->rec.field[i];
    f->nheader = f->rec.n;
    f->have_header = 1;
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
    if (f->parser_ok) csv_free(&f->p);
    rec_clear(&f->rec);
    for (size_t i = 0; i < f->nheader; i++)
        free(f->header[i]);
    free(f->lb);
    free(f);
}

int csvfile_col(const csvfile *f, const char *name)
{
    for (size_t i = 0; i < f->nheader; i++)
        if (strcmp(f->header[i], name) == 0) return (int)i;
    return -1;
}

size_t csvfile_ncols(const csvfile *f)
{
    return f->nheader;
}

const char *csvfile_colname(const csvfile *f, size_t i)
{
    return i < f->nheader ? f->header[i] : "";
}

char csvfile_sep(const csvfile *f)
{
    return f->sep;
}

const char *csvfile_bad(const csvfile *f)
{
    return f->why[0] ? f->why : NULL;
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
    return f->rec_line;
}

long csvfile_errline(const csvfile *f)
{
    return f->err_line;
}

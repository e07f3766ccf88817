/* evconv_csv — CSV records for evconv: the header, then each record (a row
 * that may span lines inside quotes) parsed by libcsv into the header's
 * columns. A record is found by following quotes line by line, so that a
 * bad record is quarantined alone with the line it began on, and the next
 * one is read as usual. */
#include <stdlib.h>
#include <string.h>

#include "input/ev_parse.h"
#include "input/evconv_int.h"
#include "util/utf8.h"

enum { Q_START, Q_PLAIN, Q_QUOTED, Q_QUOTE }; /* where a line leaves the record */

/* The quote state after line[0..len), from state q. */
static int follow_quotes(int q, char delim, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        switch (q) {
        case Q_START:
            q = c == delim                ? Q_START
                : c == '"'                ? Q_QUOTED
                : (c == ' ' || c == '\t') ? Q_START
                                          : Q_PLAIN;
            break;
        case Q_PLAIN:
            q = c == delim ? Q_START : Q_PLAIN;
            break;
        case Q_QUOTED:
            q = c == '"' ? Q_QUOTE : Q_QUOTED;
            break;
        default: /* Q_QUOTE: "" is a quote; else the value ended */
            q = c == '"' ? Q_QUOTED : c == delim ? Q_START : Q_PLAIN;
        }
    }
    return q;
}

static void on_field(void *s, size_t len, void *data)
{
    evconv *cv = data;
    const char *v = evconv_keep(cv, s ? s : "", s ? len : 0);
    const char *name = cv->ncol < cv->hdr_n ? cv->hdr[cv->ncol] : "";
    if (v) evconv_col(cv, name, v);
}

static void on_row(int c, void *data)
{
    (void)c;
    (void)data;
}

/* split() for a record without quotes, the usual kind, without libcsv's
 * call per byte: values between separators, spaces and tabs trimmed from
 * their ends as libcsv trims an unquoted value's. */
static int split_plain(evconv *cv, const char *rec, size_t len)
{
    for (size_t i = 0;;) {
        const char *end = memchr(rec + i, cv->delim, len - i);
        size_t b = i, e = end ? (size_t)(end - rec) : len;
        while (b < e && (rec[b] == ' ' || rec[b] == '\t'))
            b++;
        size_t t = e;
        while (t > b && (rec[t - 1] == ' ' || rec[t - 1] == '\t'))
            t--;
        const char *v = evconv_keep(cv, rec + b, t - b);
        if (v) evconv_col(cv, cv->ncol < cv->hdr_n ? cv->hdr[cv->ncol] : "", v);
        if (!end) break;
        i = e + 1;
    }
    return 0;
}

/* Splits rec[0..len) into cv's columns. 0, or -1 with *why (static). */
static int split(evconv *cv, const char *rec, size_t len, const char **why)
{
    cv->ncol = 0;
    cv->scratch_len = 0;
    cv->overflow = 0;
    if (cv->hdr && !memchr(rec, '"', len)) {
        split_plain(cv, rec, len);
        if (cv->overflow) {
            *why = "more than 256 columns";
            return -1;
        }
        return 0;
    }
    if (csv_parse(&cv->csv, rec, len, on_field, on_row, cv) != len ||
        csv_fini(&cv->csv, on_field, on_row, cv) != 0) {
        int err = csv_error(&cv->csv);
        csv_free(&cv->csv); /* a fresh parser for the next record */
        csv_init(&cv->csv, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
        csv_set_delim(&cv->csv, (unsigned char)cv->delim);
        *why = err == CSV_ENOMEM ? "out of memory"
                                 : "a '\"' inside an unquoted value, or text after a closing"
                                   " quote";
        return -1;
    }
    if (cv->overflow) {
        *why = "more than 256 columns";
        return -1;
    }
    return 0;
}

/* Reads the next whole record into cv->rec. 1 with it (*why set when it is
 * bad as a whole), 0 at end, -1 read error, 2 not yet whole. */
static int read_record(evconv *cv, lines *l, const char **why)
{
    const char *line;
    size_t len;
    long no;
    int too_long, rc;
    *why = NULL;
    for (;;) {
        rc = lines_next(l, &line, &len, &no, &too_long);
        if (rc == 2 || rc < 0) return rc;
        if (rc == 0) {
            if (!cv->rec_line) return 0;
            *why = "a quoted value is not closed by the end of the input";
            return 1;
        }
        if (!cv->rec_line) {
            if (len == 0 && !too_long) continue;
            buf_reset(&cv->rec);
            cv->rec_line = no;
            cv->qstate = Q_START;
        } else if (buf_put(&cv->rec, "\n", 1) < 0)
            return -1;
        if (!cv->started && no == 1 && len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0)
            line += 3, len -= 3; /* a byte order mark */
        if (!cv->delim) cv->delim = memchr(line, ';', len) && !memchr(line, ',', len) ? ';' : ',';
        size_t room = EV_MAX_LINE - (cv->rec.len < EV_MAX_LINE ? cv->rec.len : EV_MAX_LINE);
        if (buf_put(&cv->rec, line, len < room ? len : room) < 0) return -1;
        if (too_long) {
            *why = "line longer than 65536 bytes";
            return 1;
        }
        if (len > room) {
            *why = "record longer than 65536 bytes (a quoted value not closed?)";
            return 1;
        }
        cv->qstate = follow_quotes(cv->qstate, cv->delim, line, len);
        if (cv->qstate != Q_QUOTED) return 1;
    }
}

/* Whether the header's column i is a field's name (or alias) that the
 * mapping fills from elsewhere: then it would be read twice. */
static int clashes(const evconv *cv, size_t i)
{
    for (size_t k = 0; k < ev_field_names_count; k++)
        if (strcmp(cv->hdr[i], ev_field_names[k].name) == 0 &&
            cv->map.f[ev_field_names[k].f].kind != EVMAP_NONE &&
            cv->col_of[ev_field_names[k].f] != (int)i)
            return 1;
    return 0;
}

/* Finds the mapping's columns in the header. 0, or -1 with e. */
static int resolve(evconv *cv, werr *e)
{
    unsigned char taken[EVCONV_MAXCOL] = {0};
    for (int f = 0; f < EV_F_COUNT; f++) {
        evmap_src *m = &cv->map.f[f];
        int c = -1;
        if (m->kind == EVMAP_COL) {
            for (size_t i = 0; i < cv->hdr_n && c < 0; i++)
                if (strcmp(cv->hdr[i], m->text) == 0) c = (int)i;
            if (c < 0)
                return werr_set(e, WERR_INPUT,
                                "the header has no column '%.80s' (for %s); it has: %.300s",
                                m->text, evmap_field_name(f), cv->scratch);
        } else if (m->kind == EVMAP_IDX) {
            if ((size_t)m->idx >= cv->hdr_n)
                return werr_set(e, WERR_INPUT, "the header has %zu columns, not #%d (for %s)",
                                cv->hdr_n, m->idx + 1, evmap_field_name(f));
            c = m->idx;
        }
        cv->col_of[f] = c;
        if (c >= 0) taken[c] = 1;
    }
    for (size_t i = 0; i < cv->hdr_n; i++) {
        for (size_t k = 0; k < i; k++)
            if (strcmp(cv->hdr[i], cv->hdr[k]) == 0)
                return werr_set(e, WERR_INPUT, "line 1: the header names column '%.80s' twice",
                                cv->hdr[i]);
        if (!taken[i] && clashes(cv, i))
            return werr_set(e, WERR_INPUT,
                            "column '%.80s' is not mapped, but the mapping fills that field from"
                            " another column: map it, or leave the field to it",
                            cv->hdr[i]);
    }
    return 0;
}

int evconv_csv_start(evconv *cv, lines *l, werr *e)
{
    const char *why;
    int rc = read_record(cv, l, &why);
    if (rc < 0) return werr_set(e, WERR_UNAVAILABLE, "read error in the header");
    cv->started = 1;
    if (rc == 0) return 0; /* empty: no header, no records */
    long at = cv->rec_line;
    cv->rec_line = 0;
    csv_set_delim(&cv->csv, (unsigned char)cv->delim);
    if (!why &&
        (memchr(cv->rec.data, 0, cv->rec.len) || utf8_invalid_at(cv->rec.data, cv->rec.len) >= 0))
        why = "not UTF-8, or holding a NUL";
    if (why || split(cv, cv->rec.data, cv->rec.len, &why) < 0)
        return werr_set(e, WERR_INPUT, "line %ld: the header cannot be read: %s", at, why);
    if (!(cv->hdr = calloc(cv->ncol ? cv->ncol : 1, sizeof *cv->hdr)))
        return werr_set(e, WERR_INTERNAL, "out of memory");
    for (size_t i = 0; i < cv->ncol; i++) {
        char num[16];
        snprintf(num, sizeof num, "#%zu", i + 1); /* an empty name: its position */
        if (!(cv->hdr[i] = strdup(cv->val[i][0] ? cv->val[i] : num)))
            return werr_set(e, WERR_INTERNAL, "out of memory");
        cv->hdr_n++;
    }
    /* The header's names, for a message about a missing one. */
    buf names = {0};
    for (size_t i = 0; i < cv->hdr_n; i++)
        if (buf_puts(&names, i ? ", " : "") < 0 || buf_puts(&names, cv->hdr[i]) < 0) break;
    snprintf(cv->scratch, 400, "%s", names.data ? names.data : "");
    buf_free(&names);
    return resolve(cv, e);
}

int evconv_csv_next(evconv *cv, lines *l, arena *a, ev_event *ev, const char **rec, size_t *reclen,
                    long *lineno, const char **why)
{
    int rc;
again:
    if ((rc = read_record(cv, l, why)) != 1) return rc;
    *rec = cv->rec.data;
    *reclen = cv->rec.len;
    *lineno = cv->rec_line;
    cv->rec_line = 0;
    if (*why) return 1;
    long bad;
    if (memchr(*rec, 0, *reclen)) {
        *why = "NUL byte in the record";
        return 1;
    }
    if ((bad = utf8_invalid_at(*rec, *reclen)) >= 0) {
        *why = evconv_whyf(a, "invalid UTF-8 at byte %ld", bad + 1);
        return 1;
    }
    if (split(cv, *rec, *reclen, why) < 0) return 1;
    size_t empty = 0;
    while (empty < cv->ncol && !cv->val[empty][0])
        empty++;
    if (empty == cv->ncol) goto again; /* ";;;": a spreadsheet's unused row, like a blank line */
    if (cv->ncol != cv->hdr_n) {
        *why =
            evconv_whyf(a, "the row has %zu values, the header %zu columns", cv->ncol, cv->hdr_n);
        return 1;
    }
    for (int f = 0; f < EV_F_COUNT; f++)
        if (cv->col_of[f] >= 0) cv->used[cv->col_of[f]] = 1;
    return evconv_build(cv, a, ev, why) == -2 ? -1 : 1;
}

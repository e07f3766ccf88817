/* ev_fast_build — the second half of the fast parser: checks a scanned line
 * the way ev_parse_json() does and writes the event, its strings decoded,
 * numbers as cJSON turns them into text, unknown fields printed as
 * cJSON_PrintUnformatted would print them. */
#include <string.h>

#include "input/ev_fast.h"
#include "input/ev_fast_int.h"
#include "normalise/ts.h"
#include "util/strmap.h"

enum { MAX_TS_ESC = 128 /* an escaped ts is decoded on the stack */ };

typedef ev_fast_val val;
typedef ev_fast_scan scan;

static char *put_utf8(char *o, unsigned cp)
{
    if (cp < 0x80) {
        *o++ = (char)cp;
    } else if (cp < 0x800) {
        *o++ = (char)(0xC0 | cp >> 6);
        *o++ = (char)(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        *o++ = (char)(0xE0 | cp >> 12);
        *o++ = (char)(0x80 | (cp >> 6 & 0x3F));
        *o++ = (char)(0x80 | (cp & 0x3F));
    } else {
        *o++ = (char)(0xF0 | cp >> 18);
        *o++ = (char)(0x80 | (cp >> 12 & 0x3F));
        *o++ = (char)(0x80 | (cp >> 6 & 0x3F));
        *o++ = (char)(0x80 | (cp & 0x3F));
    }
    return o;
}

/* The code point of the \u escape at s (checked by the scanner); moves *s. */
static unsigned escaped_cp(const char **s)
{
    unsigned cp = (unsigned)ev_fast_hex4(*s + 2);
    *s += 6;
    if (cp >= 0xD800 && cp <= 0xDBFF) {
        cp = 0x10000 + ((cp & 0x3FF) << 10 | ((unsigned)ev_fast_hex4(*s + 2) & 0x3FF));
        *s += 6;
    }
    return cp;
}

static char short_escape(char c)
{
    switch (c) {
    case 'b':
        return '\b';
    case 'f':
        return '\f';
    case 'n':
        return '\n';
    case 'r':
        return '\r';
    case 't':
        return '\t';
    default:
        return c; /* '"', '\\', '/' */
    }
}

/* Writes the decoded bytes of a checked string value at o; returns the
 * end.  Never longer than the value's text. */
static char *decode(char *o, const val *v)
{
    if (!v->esc) {
        memcpy(o, v->p, v->n);
        return o + v->n;
    }
    const char *s = v->p, *e = v->p + v->n;
    while (s < e) {
        const char *b = memchr(s, '\\', (size_t)(e - s));
        size_t run = (size_t)((b ? b : e) - s);
        memcpy(o, s, run);
        o += run;
        s += run;
        if (!b) break;
        if (s[1] == 'u') {
            o = put_utf8(o, escaped_cp(&s));
        } else {
            *o++ = short_escape(s[1]);
            s += 2;
        }
    }
    return o;
}

/* Writes one decoded byte or code point as cJSON prints it in a string. */
static char *print_cp(char *o, unsigned cp)
{
    static const char hex[] = "0123456789abcdef";
    const char *named = cp == '"'    ? "\\\""
                        : cp == '\\' ? "\\\\"
                        : cp == '\b' ? "\\b"
                        : cp == '\f' ? "\\f"
                        : cp == '\n' ? "\\n"
                        : cp == '\r' ? "\\r"
                        : cp == '\t' ? "\\t"
                                     : NULL;
    if (named) {
        memcpy(o, named, 2);
        return o + 2;
    }
    if (cp < 0x20) {
        memcpy(o, "\\u00", 4);
        o[4] = hex[cp >> 4];
        o[5] = hex[cp & 15];
        return o + 6;
    }
    return put_utf8(o, cp);
}

/* Writes a checked string as cJSON_PrintUnformatted would: decoded, then
 * escaped again its way.  Never longer than the value's text plus quotes. */
static char *print_string(char *o, const val *v)
{
    *o++ = '"';
    const char *s = v->p, *e = v->p + v->n;
    while (s < e) {
        const char *b = v->esc ? memchr(s, '\\', (size_t)(e - s)) : NULL;
        size_t run = (size_t)((b ? b : e) - s);
        memcpy(o, s, run); /* plain bytes print as they are */
        o += run;
        s += run;
        if (!b) break;
        if (s[1] == 'u') {
            o = print_cp(o, escaped_cp(&s));
        } else {
            o = print_cp(o, (unsigned char)short_escape(s[1]));
            s += 2;
        }
    }
    *o++ = '"';
    return o;
}

/* Writes a checked value of an unknown field as cJSON prints it: strings
 * re-escaped, whitespace dropped, everything else as written. */
static char *print_value(char *o, const val *v)
{
    if (v->kind == EV_K_STR) return print_string(o, v);
    const char *p = v->p, *e = v->p + v->n;
    while (p < e) {
        unsigned char c = (unsigned char)*p;
        if (c <= 0x20) {
            p++;
        } else if (c == '"') {
            val s;
            ev_fast_string(&p, e, &s); /* checked before: cannot fail */
            o = print_string(o, &s);
        } else {
            *o++ = (char)c;
            p++;
        }
    }
    return o;
}

static size_t attrs_bound(const scan *s)
{
    if (!s->n_unk) return 0;
    size_t n = 3; /* {}\0 */
    for (int i = 0; i < s->n_unk; i++)
        n += s->unk[i].kn + 4 + s->unk[i].v.n + 2;
    return n;
}

static char *print_attrs(char *o, const scan *s)
{
    *o++ = '{';
    for (int i = 0; i < s->n_unk; i++) {
        if (i) *o++ = ',';
        *o++ = '"';
        memcpy(o, s->unk[i].key, s->unk[i].kn); /* keys hold no escapes */
        o += s->unk[i].kn;
        *o++ = '"';
        *o++ = ':';
        o = print_value(o, &s->unk[i].v);
    }
    *o++ = '}';
    *o++ = '\0';
    return o;
}

static int64_t digits_value(const val *v)
{
    int64_t x = 0;
    for (size_t i = v->neg; i < v->n; i++)
        x = x * 10 + (v->p[i] - '0');
    return v->neg ? -x : x;
}

static int parse_ts(const val *v, int64_t *ms)
{
    if (v->kind == EV_K_NUM) {
        if (v->neg) return -1;
        *ms = digits_value(v);
        return ts_check_ms(*ms) == TS_OK ? 0 : -1;
    }
    if (v->kind != EV_K_STR) return -1;
    if (!v->esc) return ts_parse(v->p, v->n, ms) == TS_OK ? 0 : -1;
    char tmp[MAX_TS_ESC];
    if (v->n > sizeof tmp) return -1;
    return ts_parse(tmp, (size_t)(decode(tmp, v) - tmp), ms) == TS_OK ? 0 : -1;
}

/* The field has text (a string or a number): the event gets it, else "". */
static int has_text(const val *v)
{
    return v->kind == EV_K_STR || v->kind == EV_K_NUM;
}

/* The field's text is the line's bytes, unchanged. */
static int verbatim(const val *v)
{
    return v->kind == EV_K_NUM || (v->kind == EV_K_STR && !v->esc);
}

int ev_fast_build(const scan *s, const char *line, size_t len, arena *a, ev_event *ev)
{
    const val *k = s->known;
    if (parse_ts(&k[EV_F_TS], &ev->ts) < 0) return EV_FAST_DECLINED;
    for (int f = 0; f < EV_F_COUNT; f++)
        if (k[f].kind == EV_K_OTHER && ev_field_slot(ev, f))
            return EV_FAST_DECLINED; /* "must be a string" */
    /* Non-empty: a string with text decodes to at least one byte. */
    if (k[EV_F_ACTOR].kind < EV_K_STR || !k[EV_F_ACTOR].n) return EV_FAST_DECLINED;
    if (k[EV_F_ACTION].kind < EV_K_STR || !k[EV_F_ACTION].n) return EV_FAST_DECLINED;
    ev->results = -1;
    if (k[EV_F_RESULTS].kind != EV_K_NONE && k[EV_F_RESULTS].kind != EV_K_NULL) {
        if (k[EV_F_RESULTS].kind != EV_K_NUM || k[EV_F_RESULTS].neg) return EV_FAST_DECLINED;
        ev->results = digits_value(&k[EV_F_RESULTS]);
    }

    /* The strings stay where the line has them, in one copy of it: each
     * ends where its closing quote (or the byte after a number) was. Only
     * a string with escapes is written again, decoded, in its own place
     * (never longer than its text). One copy of the line costs less than
     * one of each field. */
    char *o = arena_alloc(a, len + 1 + attrs_bound(s));
    if (!o) return EV_FAST_NOMEM;
    memcpy(o, line, len);
    for (int f = 0; f < EV_F_COUNT; f++) {
        const char **dst = ev_field_slot(ev, f);
        if (!dst) continue;
        *dst = "";
        if (!has_text(&k[f])) continue;
        char *t = o + (k[f].p - line);
        *dst = t;
        *(k[f].kind == EV_K_STR && k[f].esc ? decode(t, &k[f]) : t + k[f].n) = '\0';
    }
    /* Actions are words; sources differ in case ("VIEW", "View"). */
    for (char *p = (char *)ev->action; *p; p++)
        if (*p >= 'A' && *p <= 'Z') *p += 'a' - 'A';
    ev->attrs = "";
    if (s->n_unk) {
        ev->attrs = o + len + 1;
        print_attrs(o + len + 1, s);
    }
    /* The key hashes the id and system as they stand in the line when
     * decoding copied them unchanged: hashing the copies just written
     * waits for those stores (the loads straddle them), about a tenth
     * of the reader thread's time in a two-thread ingest. */
    const val *id = &k[EV_F_ID], *sys = &k[EV_F_SYSTEM];
    if (verbatim(id) && id->n && (!has_text(sys) || verbatim(sys))) {
        uint64_t hs = has_text(sys) ? hash64(sys->p, sys->n) : hash64("", 0);
        ev->key = ev_key(hs, hash64(id->p, id->n));
        return 0;
    }
    return ev_finish(ev, a) < 0 ? EV_FAST_NOMEM : 0;
}

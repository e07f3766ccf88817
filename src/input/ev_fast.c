/* ev_fast — one pass over the line, no tree, one arena allocation.
 *
 * Two steps.  scan_line() walks the line once: it checks the JSON syntax,
 * the escapes and the UTF-8, and notes where each value lies; inside
 * strings it skips sixteen plain bytes at a time, and a canonical key is
 * compared whole instead of scanned.  ev_fast_build() (ev_fast_build.c)
 * then checks what ev_parse_json() would check, and only then copies the
 * line into one arena block, where each value ends in place.  A line that
 * fails anywhere is declined, never rejected: the reasons for bad lines
 * are ev_parse_json()'s alone.
 *
 * The shapes taken are the ones whose cJSON result is certain without
 * reproducing cJSON's number handling: numbers are whole, at most 15 digits
 * and written the plain way (no leading zero, no "-0", no fraction or
 * exponent), which a double holds exactly and cJSON prints back as written.
 * Strings may hold any escape except one that decodes to U+0000 (cJSON
 * would cut the string there); raw control bytes in strings, escaped keys
 * and repeated keys are declined too.  Whitespace is any byte up to 0x20,
 * as in cJSON.  Build with -DEV_FAST_PORTABLE to test the path without
 * SSE2. */
#include "input/ev_fast.h"

#include <stddef.h>
#include <string.h>

#include "input/ev_fast_int.h"
#include "util/utf8.h"

#if defined(__SSE2__) && defined(__GNUC__) && !defined(EV_FAST_PORTABLE)
#include <emmintrin.h>
#define EV_FAST_SSE2 1
#endif

enum {
    MAX_DEPTH = 32,  /* deeper nesting in an unknown field: declined */
    MAX_DIGITS = 15, /* below 1e15 a double is exact and cJSON prints it as written */
};

typedef ev_fast_val val;

/* ------------------------------------------------------------ special bytes */

static int is_special(unsigned char c)
{
    return c == '"' || c == '\\' || c < 0x20 || c >= 0x80;
}

/* The first byte at or after p that ends a plain run inside a string ('"',
 * '\\', a control byte, a non-ASCII byte), or end.  Sixteen bytes at a time
 * with SSE2, where a signed compare below 0x20 also catches the bytes from
 * 0x80 up; else eight at a time in a uint64_t, each test confined to its
 * own byte (no carries between bytes). */
static inline const char *next_special(const char *p, const char *end)
{
#ifdef EV_FAST_SSE2
    while (end - p >= 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
        __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('"')),
                                              _mm_cmpeq_epi8(x, _mm_set1_epi8('\\'))),
                                 _mm_cmplt_epi8(x, _mm_set1_epi8(0x20)));
        unsigned bits = (unsigned)_mm_movemask_epi8(m);
        if (bits) return p + __builtin_ctz(bits);
        p += 16;
    }
#endif
    const uint64_t lo7 = 0x7F7F7F7F7F7F7F7Fu, high = 0x8080808080808080u;
    const uint64_t ones = 0x0101010101010101u;
    while (end - p >= 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        uint64_t q = w ^ (ones * '"'), b = w ^ (ones * '\\');
        uint64_t is_q = ~(((q & lo7) + lo7) | q), is_b = ~(((b & lo7) + lo7) | b);
        uint64_t is_ctl = ~(((w & lo7) + ones * 0x60) | w);
        if ((is_q | is_b | is_ctl | w) & high) break; /* it is among these eight */
        p += 8;
    }
    while (p < end && !is_special((unsigned char)*p))
        p++;
    return p;
}

/* ------------------------------------------------------------ values */

static const char *skip_ws(const char *p, const char *end)
{
    while (p < end && (unsigned char)*p <= 0x20)
        p++;
    return p;
}

/* Bytes of the valid escape at p ('\\'), or 0.  \u0000 and lone or
 * misordered surrogates are declined. */
static size_t escape_len(const char *p, const char *end)
{
    if (end - p < 2) return 0;
    switch (p[1]) {
    case '"':
    case '\\':
    case '/':
    case 'b':
    case 'f':
    case 'n':
    case 'r':
    case 't':
        return 2;
    case 'u':
        break;
    default:
        return 0;
    }
    int cp = end - p >= 6 ? ev_fast_hex4(p + 2) : -1;
    if (cp <= 0 || (cp >= 0xDC00 && cp <= 0xDFFF)) return 0;
    if (cp < 0xD800 || cp > 0xDBFF) return 6;
    if (end - p < 12 || p[6] != '\\' || p[7] != 'u') return 0;
    int lo = ev_fast_hex4(p + 8);
    return lo >= 0xDC00 && lo <= 0xDFFF ? 12 : 0;
}

/* Bytes of the valid UTF-8 sequence at p, or 0. */
static size_t utf8_len(const char *p, const char *end)
{
    unsigned char c = (unsigned char)*p;
    size_t n = c >= 0xC2 && c <= 0xDF   ? 2
               : c >= 0xE0 && c <= 0xEF ? 3
               : c >= 0xF0 && c <= 0xF4 ? 4
                                        : 0;
    if (!n || (size_t)(end - p) < n || utf8_invalid_at(p, n) >= 0) return 0;
    return n;
}

/* The rest of a string from p, which is special: escapes, UTF-8. */
static int string_rest(const char **pp, const char *p, const char *end, val *v)
{
    for (;;) {
        if (p >= end) return -1;
        unsigned char c = (unsigned char)*p;
        size_t k;
        if (c == '"') break;
        if (c == '\\') {
            if (!(k = escape_len(p, end))) return -1;
            v->esc = 1;
        } else if (c >= 0x80) {
            if (!(k = utf8_len(p, end))) return -1;
        } else {
            return -1; /* a raw control byte */
        }
        p = next_special(p + k, end);
    }
    v->n = (size_t)(p - v->p);
    *pp = p + 1;
    return 0;
}

static inline int scan_string(const char **pp, const char *end, val *v)
{
    const char *p = next_special(*pp + 1, end);
    v->p = *pp + 1;
    v->kind = EV_K_STR;
    v->esc = 0;
    if (p < end && *p == '"') { /* plain ASCII: the common case */
        v->n = (size_t)(p - v->p);
        *pp = p + 1;
        return 0;
    }
    return string_rest(pp, p, end, v);
}

int ev_fast_string(const char **pp, const char *end, ev_fast_val *v)
{
    return scan_string(pp, end, v);
}

static int scan_number(const char **pp, const char *end, val *v)
{
    const char *p = *pp;
    v->p = p;
    v->kind = EV_K_NUM;
    v->neg = *p == '-';
    p += v->neg;
    const char *d = p;
    while (p < end && *p >= '0' && *p <= '9')
        p++;
    size_t nd = (size_t)(p - d);
    if (nd == 0 || nd > MAX_DIGITS || (d[0] == '0' && (nd > 1 || v->neg))) return -1;
    if (p < end && (*p == '.' || *p == 'e' || *p == 'E' || *p == '+' || *p == '-')) return -1;
    v->n = (size_t)(p - v->p);
    *pp = p;
    return 0;
}

static int scan_literal(const char **pp, const char *end, val *v, const char *lit, size_t n,
                        int kind)
{
    if ((size_t)(end - *pp) < n || memcmp(*pp, lit, n) != 0) return -1;
    v->p = *pp;
    v->n = n;
    v->kind = (unsigned char)kind;
    *pp += n;
    return 0;
}

static int scan_value(const char **pp, const char *end, val *v, int depth);

/* An object or array inside an unknown field; *pp is at '{' or '['. */
static int scan_nested(const char **pp, const char *end, int depth)
{
    if (depth >= MAX_DEPTH) return -1;
    char close = **pp == '{' ? '}' : ']';
    const char *p = skip_ws(*pp + 1, end);
    val v;
    if (p < end && *p == close) goto done;
    for (;;) {
        if (close == '}') {
            if (p >= end || *p != '"' || scan_string(&p, end, &v) < 0) return -1;
            p = skip_ws(p, end);
            if (p >= end || *p != ':') return -1;
            p = skip_ws(p + 1, end);
        }
        if (scan_value(&p, end, &v, depth + 1) < 0) return -1;
        p = skip_ws(p, end);
        if (p < end && *p == ',') {
            p = skip_ws(p + 1, end);
            continue;
        }
        if (p < end && *p == close) break;
        return -1;
    }
done:
    *pp = p + 1;
    return 0;
}

static int scan_value(const char **pp, const char *end, val *v, int depth)
{
    if (*pp >= end) return -1;
    switch (**pp) {
    case '"':
        return scan_string(pp, end, v);
    case 'n':
        return scan_literal(pp, end, v, "null", 4, EV_K_NULL);
    case 't':
        return scan_literal(pp, end, v, "true", 4, EV_K_OTHER);
    case 'f':
        return scan_literal(pp, end, v, "false", 5, EV_K_OTHER);
    case '{':
    case '[': {
        const char *start = *pp;
        if (scan_nested(pp, end, depth) < 0) return -1;
        v->p = start;
        v->n = (size_t)(*pp - start);
        v->kind = EV_K_OTHER;
        return 0;
    }
    default:
        if (**pp == '-' || (**pp >= '0' && **pp <= '9')) return scan_number(pp, end, v);
        return -1;
    }
}

/* ------------------------------------------------------------ the line */

/* Switch on the length, then fixed-size compares the compiler inlines.
 * Must know exactly the names in ev_field_names (test_ev_fast checks). */
static inline int field_of(const char *k, size_t n)
{
#define IS(lit) (memcmp(k, lit, sizeof lit - 1) == 0)
    switch (n) {
    case 2:
        return IS("id") ? EV_F_ID : IS("ts") ? EV_F_TS : -1;
    case 4:
        return IS("case") ? EV_F_CASE : -1;
    case 5:
        return IS("actor") ? EV_F_ACTOR : IS("query") ? EV_F_QUERY : -1;
    case 6:
        return IS("system")   ? EV_F_SYSTEM
               : IS("action") ? EV_F_ACTION
               : IS("client") ? EV_F_CLIENT
                              : -1;
    case 7:
        return IS("subject")   ? EV_F_SUBJECT
               : IS("purpose") ? EV_F_PURPOSE
               : IS("results") ? EV_F_RESULTS
                               : -1;
    case 11:
        return IS("x-gebruiker") ? EV_F_ACTOR : -1;
    case 12:
        return IS("subject_type")   ? EV_F_SUBJECT_TYPE
               : IS("x-verwerking") ? EV_F_CASE
               : IS("x-origin-oin") ? EV_F_SYSTEM
                                    : -1;
    case 13:
        return IS("x-doelbinding") ? EV_F_PURPOSE : -1;
    default:
        return -1;
    }
#undef IS
}

/* The field of the canonical key whose opening quote is at p, found by its
 * first letter and its name and closing quote compared whole, with *after
 * past that quote: the key is not scanned. -1 for any other key (an alias,
 * an unknown one, an escape), which scan_line then scans. */
static inline int known_key(const char *p, const char *end, const char **after)
{
#define KEY(lit, f)                                                                                \
    if (end - p > (ptrdiff_t)sizeof lit && memcmp(p + 1, lit "\"", sizeof lit) == 0) {             \
        *after = p + sizeof lit + 1;                                                               \
        return f;                                                                                  \
    }
    if (end - p < 2) return -1;
    switch (p[1]) {
    case 'i':
        KEY("id", EV_F_ID)
        break;
    case 't':
        KEY("ts", EV_F_TS)
        break;
    case 'a':
        KEY("actor", EV_F_ACTOR)
        KEY("action", EV_F_ACTION)
        break;
    case 's':
        KEY("system", EV_F_SYSTEM)
        KEY("subject", EV_F_SUBJECT)
        KEY("subject_type", EV_F_SUBJECT_TYPE)
        break;
    case 'c':
        KEY("case", EV_F_CASE)
        KEY("client", EV_F_CLIENT)
        break;
    case 'p':
        KEY("purpose", EV_F_PURPOSE)
        break;
    case 'q':
        KEY("query", EV_F_QUERY)
        break;
    case 'r':
        KEY("results", EV_F_RESULTS)
        break;
    default:
        break;
    }
    return -1;
#undef KEY
}

/* Where the value of field f goes; NULL when it came before. */
static inline val *field_slot(ev_fast_scan *s, int f)
{
    return s->known[f].kind == EV_K_NONE ? &s->known[f] : NULL; /* "appears twice" */
}

/* Where the value of key goes: its field, or the next unknown slot.  NULL
 * for a second occurrence of a key, or too many unknown keys. */
static val *slot_for(ev_fast_scan *s, const val *key)
{
    int f = field_of(key->p, key->n);
    if (f >= 0) return field_slot(s, f);
    /* cJSON keeps the first of two equal unknown keys; rare, so declined. */
    for (int i = 0; i < s->n_unk; i++)
        if (s->unk[i].kn == key->n && memcmp(s->unk[i].key, key->p, key->n) == 0) return NULL;
    if (s->n_unk == EV_FAST_MAX_UNKNOWN) return NULL;
    s->unk[s->n_unk].key = key->p;
    s->unk[s->n_unk].kn = key->n;
    return &s->unk[s->n_unk++].v;
}

static int scan_line(ev_fast_scan *s, const char *line, size_t len)
{
    const char *end = line + len, *p = skip_ws(line, end);
    if (p >= end || *p != '{') return -1;
    p = skip_ws(p + 1, end);
    for (;;) {
        val key, *v;
        const char *after;
        if (p >= end || *p != '"') return -1;
        int f = known_key(p, end, &after);
        if (f >= 0)
            p = after;
        else if (scan_string(&p, end, &key) < 0 || key.esc)
            return -1;
        p = skip_ws(p, end);
        if (p >= end || *p != ':') return -1;
        p = skip_ws(p + 1, end);
        /* Scanned straight into its place: copying a val costs a stall. */
        if (!(v = f >= 0 ? field_slot(s, f) : slot_for(s, &key))) return -1;
        if (p < end && *p == '"' ? scan_string(&p, end, v) < 0 : scan_value(&p, end, v, 1) < 0)
            return -1;
        p = skip_ws(p, end);
        if (p < end && *p == ',') {
            p = skip_ws(p + 1, end);
            continue;
        }
        if (p < end && *p == '}') break;
        return -1;
    }
    /* ev_parse_json allows exactly these after the object. */
    for (p++; p < end; p++)
        if (*p != ' ' && *p != '\t' && *p != '\r') return -1;
    return 0;
}

int ev_fast_parse(const char *line, size_t len, arena *a, ev_event *ev)
{
    ev_fast_scan s;
    for (int f = 0; f < EV_F_COUNT; f++)
        s.known[f].kind = EV_K_NONE;
    s.n_unk = 0;
    if (scan_line(&s, line, len) < 0) return EV_FAST_DECLINED;
    return ev_fast_build(&s, line, len, a, ev);
}

int ev_fast_field(const char *key, size_t n)
{
    return field_of(key, n);
}

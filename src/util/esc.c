#include "util/esc.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>

typedef struct range {
    uint32_t lo, hi;
} range;

/* Shown escaped: controls, and the characters a terminal draws as
 * nothing or uses to reorder, join or hide what follows (Unicode's
 * format characters, category Cf, the line and paragraph separators and
 * the fillers that render blank). Sorted. */
static const range hidden[] = {
    {0x00, 0x1F},       {0x7F, 0x9F},       {0xAD, 0xAD},       {0x34F, 0x34F},
    {0x600, 0x605},     {0x61C, 0x61C},     {0x6DD, 0x6DD},     {0x70F, 0x70F},
    {0x890, 0x891},     {0x8E2, 0x8E2},     {0x115F, 0x1160},   {0x17B4, 0x17B5},
    {0x180B, 0x180F},   {0x200B, 0x200F},   {0x2028, 0x202E},   {0x2060, 0x206F},
    {0x3164, 0x3164},   {0xFEFF, 0xFEFF},   {0xFFA0, 0xFFA0},   {0xFFF9, 0xFFFB},
    {0x110BD, 0x110BD}, {0x110CD, 0x110CD}, {0x13430, 0x1343F}, {0x1BCA0, 0x1BCA3},
    {0x1D173, 0x1D17A}, {0xE0000, 0xE0FFF},
};

/* Combining marks and variation selectors: drawn on the character before. */
static const range zero_width[] = {
    {0x300, 0x36F},   {0x483, 0x489},   {0x591, 0x5BD},   {0x610, 0x61A},   {0x64B, 0x65F},
    {0x1AB0, 0x1AFF}, {0x1DC0, 0x1DFF}, {0x20D0, 0x20FF}, {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F},
};

/* East Asian wide and fullwidth characters: two columns. */
static const range wide[] = {
    {0x1100, 0x115E},   {0x2E80, 0x303E},   {0x3041, 0x33FF},   {0x3400, 0x4DBF},
    {0x4E00, 0x9FFF},   {0xA000, 0xA4CF},   {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},
    {0xFE30, 0xFE4F},   {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6},   {0x1F300, 0x1F64F},
    {0x1F900, 0x1F9FF}, {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
};

static int in(const range *r, size_t n, uint32_t cp)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (cp < r[mid].lo)
            hi = mid;
        else if (cp > r[mid].hi)
            lo = mid + 1;
        else
            return 1;
    }
    return 0;
}

size_t esc_char(const char *s, size_t n, uint32_t *cp)
{
    const unsigned char *p = (const unsigned char *)s;
    unsigned c = p[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t len;
    unsigned lo = 0x80, hi = 0xBF;
    uint32_t v;
    if (c >= 0xC2 && c <= 0xDF)
        len = 2, v = c & 0x1F;
    else if (c >= 0xE0 && c <= 0xEF) {
        len = 3, v = c & 0x0F;
        if (c == 0xE0) lo = 0xA0;
        if (c == 0xED) hi = 0x9F; /* surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4, v = c & 0x07;
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;
    } else
        return 0;
    if (n < len || p[1] < lo || p[1] > hi) return 0;
    v = v << 6 | (p[1] & 0x3F);
    for (size_t k = 2; k < len; k++) {
        if (p[k] < 0x80 || p[k] > 0xBF) return 0;
        v = v << 6 | (p[k] & 0x3F);
    }
    *cp = v;
    return len;
}

int esc_hidden(uint32_t cp)
{
    if (cp >= 0x20 && cp < 0x7F) return 0;
    return in(hidden, sizeof hidden / sizeof *hidden, cp);
}

/* Appends (when b is not NULL) the escape form of s[0..n), as far as it
 * fits in max columns; *cols receives the columns it took. 0 or -1. */
static int shown(buf *b, const char *s, size_t n, size_t max, size_t *cols)
{
    size_t used = 0, i = 0;
    while (i < n && used < max) {
        /* A run of printable ASCII, the usual case, in one piece. */
        size_t k = i;
        while (k < n && k - i < max - used && (unsigned char)s[k] >= 0x20 &&
               (unsigned char)s[k] < 0x7F)
            k++;
        if (k > i) {
            if (b && buf_put(b, s + i, k - i) < 0) return -1;
            used += k - i;
            i = k;
            continue;
        }
        uint32_t cp = 0;
        size_t len = esc_char(s + i, n - i, &cp), w;
        char e[16];
        const char *out = e;
        if (len == 0 || cp < 0x80) { /* a control, DEL, or a byte that is not UTF-8 */
            w = (size_t)snprintf(e, sizeof e, "\\x%02x", (unsigned char)s[i]);
            len = 1;
        } else if (esc_hidden(cp))
            w = (size_t)snprintf(e, sizeof e, cp > 0xFFFF ? "\\U%08x" : "\\u%04x", (unsigned)cp);
        else {
            out = s + i;
            w = in(zero_width, sizeof zero_width / sizeof *zero_width, cp) ? 0
                : in(wide, sizeof wide / sizeof *wide, cp)                 ? 2
                                                                           : 1;
        }
        if (w > max - used) break;
        if (b && buf_put(b, out, out == e ? w : len) < 0) return -1;
        used += w;
        i += len;
    }
    *cols = used;
    return 0;
}

int esc_text(buf *b, const char *s)
{
    size_t cols;
    s = s ? s : "";
    return shown(b, s, strlen(s), SIZE_MAX, &cols);
}

int esc_bytes(buf *b, const char *s, size_t n)
{
    size_t cols;
    return shown(b, s, n, SIZE_MAX, &cols);
}

size_t esc_width(const char *s)
{
    size_t cols = 0;
    s = s ? s : "";
    shown(NULL, s, strlen(s), SIZE_MAX, &cols);
    return cols;
}

static int pad(buf *b, size_t n)
{
    static const char spaces[] = "                                ";
    while (n > 0) {
        size_t k = n < sizeof spaces - 1 ? n : sizeof spaces - 1;
        if (buf_put(b, spaces, k) < 0) return -1;
        n -= k;
    }
    return 0;
}

/* A %s: s escaped, cut to prec columns (prec < 0: not cut), padded to
 * width columns, on the left unless left. */
static int put_str(buf *b, const char *s, int left, int width, int prec)
{
    s = s ? s : "(null)";
    size_t n = strlen(s), max = prec < 0 ? SIZE_MAX : (size_t)prec, cols;
    if (width <= 0) return shown(b, s, n, max, &cols);
    if (shown(NULL, s, n, max, &cols) < 0) return -1;
    size_t fill = cols < (size_t)width ? (size_t)width - cols : 0;
    if (!left && pad(b, fill) < 0) return -1;
    if (shown(b, s, n, max, &cols) < 0) return -1;
    return left ? pad(b, fill) : 0;
}

/* Any other conversion: spec (its flags, width and precision written
 * out, its length modifier and conversion) with the argument it takes
 * from ap, through buf_printf. */
static int put_other(buf *b, const char *spec, const char *len, char conv, va_list *ap)
{
    switch (conv) {
    case 'd':
    case 'i':
        if (strcmp(len, "l") == 0) return buf_printf(b, spec, va_arg(*ap, long));
        if (strcmp(len, "ll") == 0) return buf_printf(b, spec, va_arg(*ap, long long));
        if (strcmp(len, "z") == 0) return buf_printf(b, spec, va_arg(*ap, ssize_t));
        if (strcmp(len, "j") == 0) return buf_printf(b, spec, va_arg(*ap, intmax_t));
        if (strcmp(len, "t") == 0) return buf_printf(b, spec, va_arg(*ap, ptrdiff_t));
        return buf_printf(b, spec, va_arg(*ap, int));
    case 'u':
    case 'o':
    case 'x':
    case 'X':
        if (strcmp(len, "l") == 0) return buf_printf(b, spec, va_arg(*ap, unsigned long));
        if (strcmp(len, "ll") == 0) return buf_printf(b, spec, va_arg(*ap, unsigned long long));
        if (strcmp(len, "z") == 0) return buf_printf(b, spec, va_arg(*ap, size_t));
        if (strcmp(len, "j") == 0) return buf_printf(b, spec, va_arg(*ap, uintmax_t));
        if (strcmp(len, "t") == 0) return buf_printf(b, spec, va_arg(*ap, ptrdiff_t));
        return buf_printf(b, spec, va_arg(*ap, unsigned));
    case 'c':
        return buf_printf(b, spec, va_arg(*ap, int));
    case 'f':
    case 'F':
    case 'e':
    case 'E':
    case 'g':
    case 'G':
    case 'a':
    case 'A':
        if (strcmp(len, "L") == 0) return buf_printf(b, spec, va_arg(*ap, long double));
        return buf_printf(b, spec, va_arg(*ap, double));
    case 'p':
        return buf_printf(b, spec, va_arg(*ap, void *));
    default:
        return -1; /* %n and what printf does not know */
    }
}

/* The format is checked by the compiler at each caller; here it is only
 * taken apart, so the spec is built at run time. */
#pragma GCC diagnostic ignored "-Wformat-nonliteral"

int esc_vprintf(buf *b, const char *fmt, va_list ap0)
{
    va_list ap;
    va_copy(ap, ap0);
    int rc = 0;
    const char *p = fmt;
    while (*p && rc == 0) {
        const char *pct = strchr(p, '%');
        if (!pct) {
            rc = buf_puts(b, p);
            break;
        }
        if (pct > p) rc |= buf_put(b, p, (size_t)(pct - p));
        p = pct + 1;
        if (*p == '%') {
            rc |= buf_put(b, "%", 1);
            p++;
            continue;
        }
        char flags[8] = "";
        size_t nf = 0;
        for (; *p && strchr("-+ #0", *p); p++)
            if (nf < sizeof flags - 1) flags[nf++] = *p;
        flags[nf] = 0;
        int width = -1, prec = -1;
        if (*p == '*') {
            width = va_arg(ap, int);
            p++;
            if (width < 0) {
                width = -width;
                if (nf < sizeof flags - 1) flags[nf++] = '-', flags[nf] = 0;
            }
        } else if (*p >= '0' && *p <= '9') {
            for (width = 0; *p >= '0' && *p <= '9'; p++)
                width = width * 10 + (*p - '0');
        }
        if (*p == '.') {
            p++;
            if (*p == '*') {
                prec = va_arg(ap, int);
                p++;
            } else
                for (prec = 0; *p >= '0' && *p <= '9'; p++)
                    prec = prec * 10 + (*p - '0');
        }
        char len[3] = "";
        size_t nl = 0;
        while (*p && strchr("hlLjzt", *p) && nl < 2)
            len[nl++] = *p++;
        len[nl] = 0;
        char conv = *p ? *p++ : 0;
        if (conv == 's') {
            rc |= put_str(b, va_arg(ap, const char *), strchr(flags, '-') != NULL, width, prec);
            continue;
        }
        char spec[64], w[16] = "", pr[16] = "";
        if (width >= 0) snprintf(w, sizeof w, "%d", width);
        if (prec >= 0) snprintf(pr, sizeof pr, ".%d", prec);
        snprintf(spec, sizeof spec, "%%%s%s%s%s%c", flags, w, pr, len, conv);
        rc |= put_other(b, spec, len, conv, &ap);
    }
    va_end(ap);
    return rc ? -1 : 0;
}

int esc_printf(buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = esc_vprintf(b, fmt, ap);
    va_end(ap);
    return rc;
}

/* esc — untrusted text shown safely: every value wachter prints (a case,
 * a query, an actor, a quarantine reason quoting a field) was typed by
 * the people it monitors, and must not be able to steer the terminal
 * that shows it (move the cursor, rewrite a row, retitle the window,
 * reverse or hide text). The store keeps values exactly as they came in;
 * they are escaped only where they are printed.
 *
 * The one escape form, for tables and messages (esc_text, esc_printf):
 *   - a C0 control byte (0x00-0x1F), DEL (0x7F), and each byte that does
 *     not begin a valid UTF-8 character: \xHH ("\x1b", "\x07", "\xff");
 *   - a hidden character (esc_hidden: C1 controls U+0080-U+009F, the
 *     bidirectional embeddings, overrides, isolates and marks, zero-width
 *     spaces and joiners, soft hyphen, byte-order mark, tag characters,
 *     line and paragraph separators, the blank Hangul fillers): \uXXXX
 *     ("\u202e"), or \UXXXXXXXX above U+FFFF ("\U000e0041");
 *   - everything else as it is, a backslash too (so that an account such
 *     as "GEMEENTE\jansen" reads as itself; `--format jsonl` gives every
 *     value exactly).
 * JSON strings (buf_json_str) escape the same characters as \uXXXX, and
 * each byte that is not UTF-8 as \ufffd, so that jsonl output is always
 * valid UTF-8. */
#ifndef WACHTER_ESC_H
#define WACHTER_ESC_H
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

/* The UTF-8 character at s (n > 0 bytes readable): returns its length
 * (1 to 4) with *cp its code point, or 0 when s[0] does not begin a valid
 * character (overlong, surrogate, above U+10FFFF, cut short). */
size_t esc_char(const char *s, size_t n, uint32_t *cp);
/* 1 when code point cp is a control or invisible formatting character
 * that is shown escaped (C0, DEL, C1 and the others listed above). */
int esc_hidden(uint32_t cp);
/* Appends s (NULL reads as "") in the escape form above. 0 or -1 (out of
 * memory). */
int esc_text(buf *b, const char *s);
/* Appends the n bytes at s (NUL bytes too) in the escape form above. */
int esc_bytes(buf *b, const char *s, size_t n);
/* The terminal columns esc_text(s) takes: one per character, none for a
 * combining mark, two for a wide East Asian character. */
size_t esc_width(const char *s);
/* Like buf_printf, but every %s argument is appended as esc_text shows
 * it, and a width or precision given to a %s counts the escaped form's
 * columns, not bytes (a precision never cuts an escape or a character).
 * The format itself is trusted and copied as it is. 0 or -1 (out of
 * memory, or a conversion it does not know: %n). */
int esc_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int esc_vprintf(buf *b, const char *fmt, va_list ap);
#endif

/* utf8 — validation of untrusted input bytes. */
#ifndef WACHTER_UTF8_H
#define WACHTER_UTF8_H
#include <stddef.h>

/* Returns -1 if s[0..n) is valid UTF-8 (no overlongs, no surrogates,
 * nothing above U+10FFFF), else the offset of the first bad byte. */
long utf8_invalid_at(const char *s, size_t n);
#endif

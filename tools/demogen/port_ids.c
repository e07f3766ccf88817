/* port_ids — the identifiers of a port: ISO 6346 container numbers (owner
 * code, equipment category U, serial, check digit), EAN-13 company codes
 * (as on a driver's pass and in a pre-notification). */
#include "port_int.h"

#include <stdio.h>
#include <string.h>

int port_iso6346_digit(const char *s)
{
    /* Letters count 10 upwards, skipping the multiples of 11; position i
     * weighs 2^i; the sum mod 11, with 10 read as 0. */
    static const int letter[26] = {10, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 23, 24,
                                   25, 26, 27, 28, 29, 30, 31, 32, 34, 35, 36, 37, 38};
    long sum = 0;
    for (int i = 0; i < 10; i++) {
        int v;
        if (i < 4 && s[i] >= 'A' && s[i] <= 'Z')
            v = letter[s[i] - 'A'];
        else if (i >= 4 && s[i] >= '0' && s[i] <= '9')
            v = s[i] - '0';
        else
            return -1;
        sum += (long)v << i;
    }
    return (int)(sum % 11 % 10);
}

void port_container_id(const char *owner, uint32_t serial, char out[16])
{
    snprintf(out, 16, "%.3sU%06u", owner, serial % 1000000);
    out[10] = (char)('0' + port_iso6346_digit(out));
    out[11] = 0;
}

void port_ean13(demo_rng *r, char out[16])
{
    /* 871 (the Netherlands), nine digits, the check digit: weights 1 and 3. */
    int d[13] = {8, 7, 1}, sum = 0;
    for (int i = 3; i < 12; i++)
        d[i] = (int)demo_rng_below(r, 10);
    for (int i = 0; i < 12; i++)
        sum += d[i] * (i % 2 ? 3 : 1);
    d[12] = (10 - sum % 10) % 10;
    for (int i = 0; i < 13; i++)
        out[i] = (char)('0' + d[i]);
    out[13] = 0;
}

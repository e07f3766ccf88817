#include "investigate/chance.h"

#include <math.h>

enum { MAX_ITER = 100000 };

/* ln of the series for P(a, x), valid and fast for x < a + 1. */
static double ln_p_series(double a, double x)
{
    double term = 1.0 / a, sum = term;
    for (int n = 1; n < MAX_ITER; n++) {
        term *= x / (a + n);
        sum += term;
        if (term < sum * 1e-15) break;
    }
    return -x + a * log(x) - lgamma(a) + log(sum);
}

/* Q(a, x) = 1 - P(a, x) by its continued fraction (modified Lentz), for
 * x >= a + 1. */
static double q_fraction(double a, double x)
{
    const double tiny = 1e-300;
    double b = x + 1 - a, c = 1 / tiny, d = 1 / b, h = d;
    for (int i = 1; i < MAX_ITER; i++) {
        double an = -i * (i - a);
        b += 2;
        d = an * d + b;
        if (fabs(d) < tiny) d = tiny;
        c = b + an / c;
        if (fabs(c) < tiny) c = tiny;
        d = 1 / d;
        double del = d * c;
        h *= del;
        if (fabs(del - 1) < 1e-15) break;
    }
    return exp(-x + a * log(x) - lgamma(a)) * h;
}

double inv_log10_tail(double k, double lambda)
{
    if (k <= 0) return 0;
    if (lambda <= 0) return -INFINITY;
    double ln_p = lambda < k + 1 ? ln_p_series(k, lambda) : log1p(-q_fraction(k, lambda));
    if (ln_p > 0) ln_p = 0;
    return ln_p / log(10);
}

double inv_any_of(double p, double m)
{
    if (p >= 1) return 1;
    if (m <= 1) return p;
    return -expm1(m * log1p(-p));
}

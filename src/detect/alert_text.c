#include "detect/alert_text.h"

#include <string.h>

int alert_text_find(const alert_text *t, const char *item)
{
    for (size_t i = 0; i < t->nitems; i++)
        if (strcmp(t->items[i], item) == 0) return (int)i;
    return -1;
}

void alert_text_merge(alert_text *t, const alert_text *add)
{
    if (!t->lead || add->score > t->score) {
        t->lead = add->lead;
        t->score = add->score;
    }
    t->more |= add->more;
    for (size_t i = 0; i < add->nitems; i++) {
        if (alert_text_find(t, add->items[i]) >= 0) continue;
        if (t->nitems < ALERT_ITEMS)
            t->items[t->nitems++] = add->items[i];
        else
            t->more = 1;
    }
}

int alert_text_compose(buf *b, const alert_text *t)
{
    int rc = buf_puts(b, t->lead ? t->lead : "");
    if (t->nitems <= 1 && !t->more) return rc;
    if (t->more)
        rc |= buf_printf(b, "; this alert covers more than %zu subjects: ", t->nitems);
    else
        rc |= buf_printf(b, "; this alert covers %zu subjects: ", t->nitems);
    for (size_t i = 0; i < t->nitems; i++) {
        const char *sep = i == 0 ? "" : i + 1 < t->nitems || t->more ? ", " : " and ";
        rc |= buf_printf(b, "%s%s", sep, t->items[i]);
    }
    if (t->more) rc |= buf_puts(b, " and others");
    return rc;
}

int alert_text_join(buf *b, const alert_text *t)
{
    int rc = 0;
    for (size_t i = 0; i < t->nitems; i++)
        rc |= buf_printf(b, "%s\n", t->items[i]);
    return rc;
}

void alert_text_split(alert_text *t, char *s)
{
    t->nitems = 0;
    while (s && *s && t->nitems < ALERT_ITEMS) {
        char *nl = strchr(s, '\n');
        if (nl) *nl = 0;
        t->items[t->nitems++] = s;
        s = nl ? nl + 1 : NULL;
    }
}

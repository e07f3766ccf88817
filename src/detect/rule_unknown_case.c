/* unknown_case — an actor who states several case numbers in one day that
 * the case register does not hold.
 *
 * The case an event states is typed by the person monitored. A stated case
 * the register does not know explains nothing (explain: unverified), so the
 * look-ups it was meant to cover count as unexplained in every other rule;
 * this rule adds that making up case numbers is itself a signal. One unknown
 * number is a typo or a case not registered yet; several distinct ones in a
 * day are a pattern. Counted over every event that states a case, also
 * searches and exports, and also when another case covers the look-up. */
#include <stdio.h>
#include <string.h>

#include "detect/rule.h"
#include "util/strmap.h"

/* Distinct numbers remembered per day (by hash), and of them named. */
enum { MAX_SEEN = 6, MAX_NAMED = 3, NAME_LEN = 20 };

/* Parameters (docs/rules.md; README "Configuring detection"). */
enum { P_MIN_DISTINCT, NPARAM };
static const rule_param params[NPARAM] = {
    [P_MIN_DISTINCT] = {"min_distinct", 3, 1, MAX_SEEN, 1, "case numbers",
                        "distinct unknown case numbers stated in one day that raise an alert"},
};

typedef struct state {
    int32_t day;
    uint32_t n; /* distinct unknown case numbers today (up to MAX_SEEN) */
    uint32_t seen[MAX_SEEN];
    char names[MAX_NAMED][NAME_LEN]; /* the first ones, cut to NAME_LEN - 1 bytes */
} state;

/* k cut to fit out (NAME_LEN - 1 bytes), never inside a UTF-8 character. */
static void name_cut(char out[NAME_LEN], const char *k)
{
    size_t n = strlen(k);
    if (n >= NAME_LEN) {
        n = NAME_LEN - 1;
        while (n > 0 && ((unsigned char)k[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(out, k, n);
    out[n] = 0;
}

/* Appends ", name" (or "name" first) to out. */
static void add_name(char *out, size_t cap, const char *name, int first)
{
    size_t l = strlen(out);
    if (l + 1 < cap) snprintf(out + l, cap - l, "%s%s", first ? "" : ", ", name);
}

static int on_event(rule_ctx *rc, void *st, const det_event *e)
{
    if (!e->stated_unknown) return 0;
    state *s = st;
    if (e->day > s->day) {
        memset(s, 0, sizeof *s);
        s->day = e->day;
    }
    const char *k = e->ev->case_id;
    uint32_t h = (uint32_t)hash64(k, strlen(k));
    for (unsigned i = 0; i < s->n; i++)
        if (s->seen[i] == h) return 0; /* stated before today */
    if (s->n == MAX_SEEN) return 0;    /* the day's alert is raised already */
    /* Before storing: the reason names the earlier ones and this one. */
    if (s->n < MAX_NAMED) name_cut(s->names[s->n], k);
    s->seen[s->n++] = h;
    const unsigned min_distinct = (unsigned)rule_params(rc)[P_MIN_DISTINCT];
    if (s->n < min_distinct) return 0;
    char list[(MAX_NAMED + 1) * (NAME_LEN + 2) + 32] = "";
    unsigned named = s->n < MAX_NAMED ? s->n : MAX_NAMED;
    for (unsigned i = 0; i < named; i++)
        add_name(list, sizeof list, s->names[i], i == 0);
    if (s->n > MAX_NAMED) {
        char last[NAME_LEN];
        name_cut(last, k);
        add_name(list, sizeof list, last, 0);
    }
    if (s->n > MAX_NAMED + 1) {
        size_t l = strlen(list);
        snprintf(list + l, sizeof list - l, " (and %u more)", s->n - MAX_NAMED - 1);
    }
    char reason[sizeof list + 120];
    snprintf(reason, sizeof reason,
             "Stated %u case numbers today that the case register does not hold: %s", s->n, list);
    /* A higher score with every further number: the alert keeps the reason
     * naming the most. */
    double score = 20 + 6.0 * (s->n - min_distinct);
    if (score > 50) score = 50;
    return rule_emit_event(rc, e, s->n >= 2 * min_distinct ? SEV_HIGH : SEV_MEDIUM, score, reason);
}

const rule_def rule_unknown_case = {
    .name = "unknown_case",
    .version = 1,
    .actor_state = sizeof(state),
    .params = params,
    .nparams = NPARAM,
    .on_event = on_event,
};

/* unknown_case — an actor who keeps stating case numbers that the case
 * register does not hold.
 *
 * The case an event states is typed by the person monitored. A stated case
 * the register does not know explains nothing (explain: unverified), so the
 * look-ups it was meant to cover count as unexplained in every other rule;
 * this rule adds that making up case numbers is itself a signal. One or two
 * unknown numbers are a typo or a case not registered yet, and a real case
 * is stated again and again; a new unknown number every day or two over
 * weeks is a pattern. What counts is how many distinct unknown numbers the
 * actor stated in the last UC_WINDOW_DAYS days: from UC_MIN_DISTINCT on,
 * every day that brings a new one is an alert, weighing more with every
 * number. A number stated again later is not new. Counted over every event
 * that states a case, also searches and exports, and also when another
 * case covers the look-up. (Numbers registered later: loading the cases
 * re-judges the alerts.) */
#include <stdio.h>
#include <string.h>

#include "detect/rule.h"
#include "util/strmap.h"

/* The alert's score at min_distinct numbers, what every further one adds,
 * and its ceiling. */
static const double UC_BASE_SCORE = 15, UC_STEP_SCORE = 8, UC_MAX_SCORE = 90;
/* Distinct numbers remembered per actor (by hash; past it the oldest is
 * forgotten), and of today's named in the reason. */
enum { UC_REMEMBER = 24, MAX_NAMED = 3, NAME_LEN = 20 };

/* Parameters (docs/rules.md; README "Configuring detection"). */
enum { P_MIN_DISTINCT, P_WINDOW, NPARAM };
static const rule_param params[NPARAM] = {
    [P_MIN_DISTINCT] = {"min_distinct", 3, 1, UC_REMEMBER, 1, "case numbers",
                        "distinct unknown case numbers stated within window_days that raise an"
                        " alert"},
    [P_WINDOW] = {"window_days", 28, 1, 365, 1, "days",
                  "the period over which distinct unknown case numbers add up"},
};

typedef struct state {
    int32_t day;   /* of names */
    uint32_t next; /* where the next number is remembered (ring) */
    uint32_t seen[UC_REMEMBER];
    int32_t seen_day[UC_REMEMBER];   /* the day it was first stated; 0: empty */
    uint32_t today;                  /* new numbers today */
    char names[MAX_NAMED][NAME_LEN]; /* today's first ones, cut to NAME_LEN - 1 bytes */
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
    if (e->day != s->day) {
        s->day = e->day;
        s->today = 0;
    }
    const char *k = e->ev->case_id;
    uint32_t h = (uint32_t)hash64(k, strlen(k));
    const unsigned min_distinct = (unsigned)rule_params(rc)[P_MIN_DISTINCT];
    const int window = (int)rule_params(rc)[P_WINDOW];
    unsigned recent = 0;
    for (unsigned i = 0; i < UC_REMEMBER; i++) {
        if (!s->seen_day[i]) continue;
        if (s->seen[i] == h) return 0; /* stated before: not new */
        recent += s->seen_day[i] > e->day - window;
    }
    /* Before storing: the reason names today's earlier ones and this one. */
    if (s->today < MAX_NAMED) name_cut(s->names[s->today], k);
    s->today++;
    s->seen[s->next] = h;
    s->seen_day[s->next] = e->day ? e->day : 1;
    s->next = (s->next + 1) % UC_REMEMBER;
    unsigned n = recent + 1;
    if (n < min_distinct) return 0;
    char list[(MAX_NAMED + 1) * (NAME_LEN + 2) + 32] = "";
    unsigned named = s->today < MAX_NAMED ? s->today : MAX_NAMED;
    for (unsigned i = 0; i < named; i++)
        add_name(list, sizeof list, s->names[i], i == 0);
    if (s->today > MAX_NAMED) {
        char last[NAME_LEN];
        name_cut(last, k);
        add_name(list, sizeof list, last, 0);
    }
    if (s->today > MAX_NAMED + 1) {
        size_t l = strlen(list);
        snprintf(list + l, sizeof list - l, " (and %u more)", s->today - MAX_NAMED - 1);
    }
    char reason[sizeof list + 160];
    if (s->today == n)
        snprintf(reason, sizeof reason,
                 "Stated %u case numbers today that the case register does not hold: %s", n, list);
    else
        snprintf(reason, sizeof reason,
                 "Stated %u case numbers in %d days that the case register does not hold, %u of "
                 "them today: %s",
                 n, window, s->today, list);
    /* A higher score with every further number: the day's alert keeps the
     * reason naming the most. */
    double score = UC_BASE_SCORE + UC_STEP_SCORE * (n - min_distinct);
    if (score > UC_MAX_SCORE) score = UC_MAX_SCORE;
    return rule_emit_event(rc, e, n >= 2 * min_distinct ? SEV_HIGH : SEV_MEDIUM, score, reason);
}

const rule_def rule_unknown_case = {
    .name = "unknown_case",
    .version = 2,
    .actor_state = sizeof(state),
    .params = params,
    .nparams = NPARAM,
    .on_event = on_event,
};

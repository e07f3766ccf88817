/* bulk — exports and prints of many records, and enumeration: many
 * subjects looked up within an hour, far beyond the actor's own busiest
 * hours.
 *
 * An export is judged against the case it states and against what the
 * actor's peer group (their unit and role) routinely exports. Under a
 * registered case that covers the actor (assigned to them or their unit
 * at the time), exporting lists is the work itself (an intelligence team,
 * a risk-analysis team): only an export far beyond anything the actor or
 * any of their peers has made is an alert. Without such a case, an export
 * well above what the actor routinely exports (the largest they made
 * twice: one large export is not yet a routine) and what most of their
 * peers reach is. In the store's first days (rule_store_warm) nobody's
 * routine is known yet: only an export large by itself is an alert (with
 * a covering case, far larger than without). The same holds under a
 * covering case when neither the actor nor any peer has exported before:
 * a unit's first routine list is measured against nothing, not against
 * zero. */
#include <stdio.h>
#include <stdlib.h>
#include <stddef.h>
#include <string.h>

#include "detect/rule.h"
#include "normalise/ts.h"

/* Parameters (docs/rules.md; README "Configuring detection"), in records
 * (exports) and look-ups within an hour. */
enum {
    P_EXPORT_MIN,
    P_EXPORT_TIMES,
    P_EXPORT_FLOOR,
    P_EXPORT_COLD_MIN,
    P_CASE_EXPORT_MIN,
    P_CASE_EXPORT_TIMES,
    P_CASE_EXPORT_COLD_MIN,
    P_HOUR_MIN,
    P_HOUR_TIMES,
    P_HOUR_FLOOR,
    P_HOUR_COLD_MIN,
    P_DEPART_MIN_SHARE,
    P_DEPART_EXPORT_TIMES,
    P_DEPART_HOUR_TIMES,
    NPARAM
};
static const rule_param params[NPARAM] = {
    [P_EXPORT_MIN] = {"export_min", 100, 1, 1e9, 1, "records",
                      "without a covering case: an export of fewer records is never bulk"},
    [P_EXPORT_TIMES] = {"export_times", 5, 1, 1000, 0, "times",
                        "without a covering case: an export is bulk at this many times the usual"
                        " (the actor's largest, most of their peers')"},
    [P_EXPORT_FLOOR] = {"export_floor", 20, 1, 1e9, 1, "records",
                        "the usual export is taken as at least this"},
    [P_EXPORT_COLD_MIN] = {"export_cold_min", 1000, 1, 1e9, 1, "records",
                           "without a covering case, in the store's warm-up: an export of this"
                           " many records is bulk by itself"},
    [P_CASE_EXPORT_MIN] = {"case_export_min", 2000, 1, 1e9, 1, "records",
                           "under a covering case: an export of fewer records is never bulk"},
    [P_CASE_EXPORT_TIMES] = {"case_export_times", 10, 1, 1000, 0, "times",
                             "under a covering case: an export is bulk at this many times the"
                             " largest of the actor and their peers"},
    /* With nothing to compare with (the store's warm-up, or no export by
     * the actor or a peer yet). */
    [P_CASE_EXPORT_COLD_MIN] = {"case_export_cold_min", 20000, 1, 1e9, 1, "records",
                                "under a covering case with nothing to compare with: an export"
                                " of this many records is bulk by itself"},
    [P_HOUR_MIN] = {"hour_min", 60, 1, 65535, 1, "look-ups",
                    "look-ups within an hour: fewer are never enumeration"},
    [P_HOUR_TIMES] = {"hour_times", 3, 1, 1000, 0, "times",
                      "look-ups within an hour are enumeration at this many times the usual"
                      " busiest hour"},
    [P_HOUR_FLOOR] = {"hour_floor", 15, 1, 65535, 1, "look-ups",
                      "the usual busiest hour is taken as at least this"},
    [P_HOUR_COLD_MIN] = {"hour_cold_min", 120, 1, 65535, 1, "look-ups",
                         "in the store's warm-up, look-ups within an hour: fewer are never"
                         " enumeration"},
    /* Before a known end date, without a covering case. */
    [P_DEPART_MIN_SHARE] = {"departing_min_share", 0.5, 0.01, 1, 0, "share",
                            "before a known end date: the share of each minimum (exports, an"
                            " hour's look-ups) that applies"},
    [P_DEPART_EXPORT_TIMES] = {"departing_export_times", 2, 1, 1000, 0, "times",
                               "before a known end date: export_times instead"},
    [P_DEPART_HOUR_TIMES] = {"departing_hour_times", 1.5, 1, 1000, 0, "times",
                             "before a known end date: hour_times instead"},
};

/* Below these (the lowest minimum of any kind of actor), nothing is
 * looked at further: computed in init from the parameters. */
typedef struct global {
    double export_gate, hour_gate;
} global;

typedef struct state {
    int32_t hour;           /* hours since 1970 */
    uint16_t in_hour, next; /* subject look-ups this hour; next count to report at */
    uint32_t max_hour;      /* busiest ordinary hour so far (32 bits: peers read it) */
    uint32_t max_results;   /* largest export so far */
    /* The largest the actor has made twice (an export at least this large
     * before, and another since): what is routine for them. */
    uint32_t routine;
    uint8_t alerted;
} state;

/* The peer group's reference, computed at most once a day per group. */
typedef struct peer_ref {
    int32_t day;
    uint32_t export_p75, export_max; /* of the peers' largest exports */
    uint32_t hour_p75, hour_max;     /* of the peers' busiest hours */
} peer_ref;

static const peer_ref *peers_of(rule_ctx *rc, const det_event *e)
{
    int stale;
    peer_ref *p = rule_peer_entry(rc, e, sizeof *p, &stale);
    if (p && stale) {
        rule_peer_spread(rc, e, offsetof(state, max_results), &p->export_p75, &p->export_max);
        rule_peer_spread(rc, e, offsetof(state, max_hour), &p->hour_p75, &p->hour_max);
    }
    return p;
}

static uint64_t max3(uint64_t a, uint64_t b, uint64_t c)
{
    uint64_t m = a > b ? a : b;
    return m > c ? m : c;
}

static double depart_weight(const det_event *e, double score)
{
    return score * e->depart->weight > 95 ? 95 : score * e->depart->weight;
}

static int export_check(rule_ctx *rc, state *s, const det_event *e)
{
    const char *act = e->ev->action;
    if (strcmp(act, "export") != 0 && strcmp(act, "print") != 0) return 0;
    if (e->ev->results < 0) return 0;
    uint32_t own = s->routine, largest = s->max_results;
    /* Learned whatever happens: an alert is raised once per jump, and a
     * role's regular exports become the actor's own normal once made
     * twice. One large export is not a routine: the first, made in the
     * store's warm-up before anything could judge it, does not make the
     * next one ordinary. */
    uint32_t r = e->ev->results > UINT32_MAX ? UINT32_MAX : (uint32_t)e->ev->results;
    uint32_t second = r < s->max_results ? r : s->max_results;
    if (second > s->routine) s->routine = second;
    if (r > s->max_results) s->max_results = r;
    uint64_t results = (uint64_t)e->ev->results;
    const global *g = rule_global(rc);
    if (results < g->export_gate) return 0; /* below every bar */
    const double *pa = rule_params(rc);
    /* A print of one person's record is covered by the case that explains
     * the look-up; a list names no subject, only the case stated. */
    int covered =
        e->ex.status == EX_CASE || (e->ex.status == EX_NA && rule_case_covers(rule_refdata(rc), e));
    const peer_ref *p = peers_of(rc, e);
    uint32_t p75 = p ? p->export_p75 : 0, pmax = p ? p->export_max : 0;
    /* The window before a known end date lowers the bar and weighs the
     * finding more for exports without a covering case: work under one
     * goes on until the last day, and is not theft by a leaver. */
    char why[96] = "";
    int leaving = !covered && rule_depart_days(e, why, sizeof why) > 0;
    uint64_t usual;
    if (covered) {
        /* The case explains the export; its size is the unit's routine
         * unless it is far beyond anything the actor or a peer has made. */
        usual = largest > pmax ? largest : pmax;
        if (!rule_store_warm(e) || usual == 0) {
            if (results < pa[P_CASE_EXPORT_COLD_MIN]) return 0;
        } else if (results < pa[P_CASE_EXPORT_MIN] || results < pa[P_CASE_EXPORT_TIMES] * usual) {
            return 0;
        }
        if (usual < 1) usual = 1;
    } else {
        /* Before a known end date the bar drops and the finding weighs
         * more. In the store's warm-up the usual is what is known so far. */
        usual = max3(own, p75, (uint64_t)pa[P_EXPORT_FLOOR]);
        double min = rule_store_warm(e) ? pa[P_EXPORT_MIN] : pa[P_EXPORT_COLD_MIN];
        if (results < (leaving ? min * pa[P_DEPART_MIN_SHARE] : min) ||
            results < (leaving ? pa[P_DEPART_EXPORT_TIMES] : pa[P_EXPORT_TIMES]) * usual)
            return 0;
    }
    double ratio = (double)results / (double)usual;
    double score = 35 + 5 * ratio;
    if (score > 85) score = 85;
    if (leaving) score = depart_weight(e, score);
    char reason[320], how[160];
    if (covered && largest == 0 && pmax == 0)
        snprintf(how, sizeof how,
                 " under case %.40s, with no export by this person or any of their",
                 e->ev->case_id);
    else if (covered)
        snprintf(how, sizeof how, " under case %s, %.0fx the largest this person or any of their",
                 e->ev->case_id, ratio);
    else if (e->ev->case_id[0])
        snprintf(how, sizeof how,
                 " stating case %.40s, which does not cover it, %.0fx the largest this person"
                 " made twice or most of their",
                 e->ev->case_id, ratio);
    else
        snprintf(how, sizeof how,
                 " without a case, %.0fx the largest this person made twice or most of their",
                 ratio);
    snprintf(reason, sizeof reason, "%s of %llu records%s peers made before%s%s",
             strcmp(act, "export") == 0 ? "Export" : "Print", (unsigned long long)results, how,
             leaving ? "," : "", why);
    return rule_emit_event(rc, e, SEV_HIGH, score, reason);
}

static int enumeration_check(rule_ctx *rc, state *s, const det_event *e)
{
    if (!e->ev->subject[0]) return 0;
    int32_t hour = (int32_t)(e->ev->ts / TS_HOUR_MS);
    if (hour > s->hour) {
        if (!s->alerted && s->in_hour > s->max_hour) s->max_hour = s->in_hour;
        s->hour = hour;
        s->in_hour = 0;
        s->next = 0;
        s->alerted = 0;
    }
    if (s->in_hour < UINT16_MAX) s->in_hour++;
    /* Per event: the rest is looked at only for a busy hour, and its
     * words only for an alert. */
    if (s->in_hour < ((const global *)rule_global(rc))->hour_gate || s->in_hour < s->next) return 0;
    const double *pa = rule_params(rc);
    int leaving = rule_depart_days(e, NULL, 0) > 0;
    uint64_t floor_ = (uint64_t)pa[P_HOUR_FLOOR];
    uint64_t usual = s->max_hour > floor_ ? s->max_hour : floor_;
    double min = pa[P_HOUR_MIN];
    int warm = rule_warm(e);
    if (!warm) {
        /* Without a history of their own, the busiest hours most of
         * their peers have had; in the store's first days a higher bar. */
        const peer_ref *p = peers_of(rc, e);
        if (p && p->hour_p75 > usual) usual = p->hour_p75;
        if (!rule_store_warm(e)) min = pa[P_HOUR_COLD_MIN];
    }
    if (s->in_hour < (leaving ? min * pa[P_DEPART_MIN_SHARE] : min) ||
        s->in_hour < (leaving ? pa[P_DEPART_HOUR_TIMES] : pa[P_HOUR_TIMES]) * usual)
        return 0;
    s->alerted = 1;
    s->next = (uint16_t)(s->in_hour + 20);
    double ratio = (double)s->in_hour / usual;
    double score = 30 + 6 * ratio;
    if (score > 80) score = 80;
    if (leaving) score = depart_weight(e, score);
    char why[96] = "";
    if (leaving) rule_depart_days(e, why, sizeof why);
    char reason[240];
    snprintf(reason, sizeof reason,
             "%u records looked up within one hour, %.1fx %s busiest hour before%s%s", s->in_hour,
             ratio, warm ? "this person's" : "the usual (theirs or most of their peers')",
             leaving ? "," : "", why);
    return rule_emit_event(rc, e, SEV_HIGH, score, reason);
}

static int on_event(rule_ctx *rc, void *st, const det_event *e)
{
    if (export_check(rc, st, e) < 0) return -1;
    return enumeration_check(rc, st, e);
}

static double min2(double a, double b)
{
    return a < b ? a : b;
}

static int init(rule_ctx *rc, werr *e)
{
    const double *p = rule_params(rc);
    global *g = calloc(1, sizeof *g);
    if (!g) return -1;
    rule_set_global(rc, g);
    /* The lowest bar any export or hour can meet: an actor leaving, in the
     * store's warm-up or not, under a covering case or not. */
    g->export_gate = min2(min2(p[P_EXPORT_MIN], p[P_EXPORT_COLD_MIN]) * p[P_DEPART_MIN_SHARE],
                          min2(p[P_CASE_EXPORT_MIN], p[P_CASE_EXPORT_COLD_MIN]));
    g->hour_gate = min2(p[P_HOUR_MIN], p[P_HOUR_COLD_MIN]) * p[P_DEPART_MIN_SHARE];
    return rule_peer_cache_init(rc, sizeof(peer_ref));
}

const rule_def rule_bulk = {
    .name = "bulk",
    .version = 3,
    .actor_state = sizeof(state),
    .params = params,
    .nparams = NPARAM,
    .init = init,
    .on_event = on_event,
    .free = rule_free_global,
};

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
 * well above the actor's own largest and what most of their peers reach
 * is. In the store's first days (rule_store_warm) nobody's routine is
 * known yet: only an export large by itself is an alert (with a covering
 * case, far larger than without). The same holds under a covering case
 * when neither the actor nor any peer has exported before: a unit's first
 * routine list is measured against nothing, not against zero. */
#include <stdio.h>
#include <stdlib.h>
#include <stddef.h>
#include <string.h>

#include "detect/rule.h"
#include "normalise/ts.h"

/* Thresholds, in records (exports) and look-ups within an hour. */
enum {
    BULK_MIN = 100,        /* without a case: an export of fewer is never bulk */
    BULK_FACTOR = 5,       /* without a case: times the usual (own largest, peers' p75) */
    BULK_FLOOR = 20,       /* the usual is at least this */
    BULK_COLD_MIN = 1000,  /* without a case, in the store's warm-up: large by itself */
    BULK_CASE_MIN = 2000,  /* under a covering case: an export of fewer is never bulk */
    BULK_CASE_FACTOR = 10, /* under a covering case: times the largest of actor and peers */
    /* under a covering case with nothing to compare with (the store's
     * warm-up, or no export by the actor or a peer yet): large by itself */
    BULK_CASE_COLD_MIN = 20000,
    ENUM_MIN = 60,       /* look-ups within an hour: fewer are never enumeration */
    ENUM_FACTOR = 3,     /* times the usual busiest hour */
    ENUM_FLOOR = 15,     /* the usual busiest hour is at least this */
    ENUM_COLD_MIN = 120, /* in the store's warm-up */
};

typedef struct state {
    int32_t hour;           /* hours since 1970 */
    uint16_t in_hour, next; /* subject look-ups this hour; next count to report at */
    uint32_t max_hour;      /* busiest ordinary hour so far (32 bits: peers read it) */
    uint32_t max_results;   /* largest export so far */
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
    uint32_t own = s->max_results;
    /* Learned whatever happens: an alert is raised once per jump, and a
     * role's regular exports become the actor's own normal. */
    if ((uint64_t)e->ev->results > s->max_results)
        s->max_results = e->ev->results > UINT32_MAX ? UINT32_MAX : (uint32_t)e->ev->results;
    uint64_t results = (uint64_t)e->ev->results;
    if (results < BULK_MIN / 2) return 0; /* below every bar */
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
        usual = own > pmax ? own : pmax;
        if (!rule_store_warm(e) || usual == 0) {
            if (results < BULK_CASE_COLD_MIN) return 0;
        } else if (results < BULK_CASE_MIN || results < BULK_CASE_FACTOR * usual) {
            return 0;
        }
        if (usual < 1) usual = 1;
    } else {
        /* Before a known end date the bar drops and the finding weighs
         * more. In the store's warm-up the usual is what is known so far. */
        usual = max3(own, p75, BULK_FLOOR);
        uint64_t min = rule_store_warm(e) ? BULK_MIN : BULK_COLD_MIN;
        if (results < (leaving ? min / 2 : min) || results < (leaving ? 2 : BULK_FACTOR) * usual)
            return 0;
    }
    double ratio = (double)results / (double)usual;
    double score = 35 + 5 * ratio;
    if (score > 85) score = 85;
    if (leaving) score = depart_weight(e, score);
    char reason[320], how[160];
    if (covered && own == 0 && pmax == 0)
        snprintf(how, sizeof how,
                 " under case %.40s, with no export by this person or any of their",
                 e->ev->case_id);
    else if (covered)
        snprintf(how, sizeof how, " under case %s, %.0fx the largest this person or any of their",
                 e->ev->case_id, ratio);
    else if (e->ev->case_id[0])
        snprintf(how, sizeof how,
                 " stating case %.40s, which does not cover it, %.0fx the largest this person"
                 " or most of their",
                 e->ev->case_id, ratio);
    else
        snprintf(how, sizeof how, " without a case, %.0fx the largest this person or most of their",
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
    if (s->in_hour < ENUM_MIN / 2 || s->in_hour < s->next) return 0;
    int leaving = rule_depart_days(e, NULL, 0) > 0;
    uint64_t usual = s->max_hour > ENUM_FLOOR ? s->max_hour : ENUM_FLOOR, min = ENUM_MIN;
    int warm = rule_warm(e);
    if (!warm) {
        /* Without a history of their own, the busiest hours most of
         * their peers have had; in the store's first days a higher bar. */
        const peer_ref *p = peers_of(rc, e);
        if (p && p->hour_p75 > usual) usual = p->hour_p75;
        if (!rule_store_warm(e)) min = ENUM_COLD_MIN;
    }
    if (s->in_hour < (leaving ? min / 2 : min) ||
        s->in_hour < (leaving ? 1.5 : (double)ENUM_FACTOR) * usual)
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

static int init(rule_ctx *rc, werr *e)
{
    return rule_peer_cache_init(rc, sizeof(peer_ref));
}

const rule_def rule_bulk = {
    .name = "bulk",
    .version = 2,
    .actor_state = sizeof(state),
    .init = init,
    .on_event = on_event,
};

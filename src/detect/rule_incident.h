/* rule_incident — how a look-up before an incident weighs, shared by the
 * streaming rule and by incidents recorded after the look-ups. */
#ifndef WACHTER_RULE_INCIDENT_H
#define WACHTER_RULE_INCIDENT_H

/* Score of an actor's nth (1-based) unexplained look-up of a subject that
 * later had an incident; an explained one scores little whatever n. */
double rule_incident_score(int unexplained, unsigned nth);
/* "st", "nd", "rd" or "th", as n's ordinal ends in English. */
const char *rule_incident_ordinal(unsigned n);
/* SEV_HIGH for an unexplained look-up, SEV_LOW for an explained one. */
int rule_incident_severity(int unexplained);
#endif

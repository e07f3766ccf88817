/* emit_siem — an alert in the formats a SOC's tools read (README,
 * "Output"): Elastic Common Schema JSON, ArcSight's CEF, RFC 5424 syslog
 * and TheHive 5's alert payload. Every value that came from outside (a
 * reason typed by staff, a case number, a unit) is escaped for the format
 * it goes into, and no control character is ever written raw: each line
 * is one record, whatever the values hold. Staff appear as the store has
 * them (account ids); the caller names them by pseudonym (cli_write, or
 * ops_forward's rewrite). */
#ifndef WACHTER_EMIT_SIEM_H
#define WACHTER_EMIT_SIEM_H
#include "store/store_alerts.h"
#include "util/buf.h"

enum emit_siem {
    EMIT_SIEM_ECS,     /* one ECS JSON object per line */
    EMIT_SIEM_CEF,     /* one CEF:0 line */
    EMIT_SIEM_SYSLOG,  /* one RFC 5424 message per line */
    EMIT_SIEM_THEHIVE, /* one TheHive 5 alert (POST /api/v1/alert) per line */
};

/* What the formats say about the sender: wachter's version, the host's
 * name ("" or NULL: syslog's NILVALUE) and the process id (0: NILVALUE). */
typedef struct emit_siem_from {
    const char *version, *host;
    long pid;
} emit_siem_from;

/* The private enterprise number of syslog's structured data: RFC 5612's,
 * kept for documentation and examples (wachter has none of its own). */
#define EMIT_SIEM_PEN "32473"

/* Parses "ecs", "cef", "syslog" or "thehive" (thehive only with
 * payloads 1). 0 with *f, or -1. */
int emit_siem_parse(const char *s, int payloads, enum emit_siem *f);
/* The format's name, as parsed. */
const char *emit_siem_name(enum emit_siem f);
/* Appends alert a (borrowed) in format f, ended by '\n'. 0 or -1 (out of
 * memory). */
int emit_siem_alert(buf *b, enum emit_siem f, const emit_siem_from *from, const store_alert *a);
/* Appends line (n bytes, a CEF or ECS line emit_siem_alert rendered for
 * a) as the message of an RFC 5424 syslog message about a, whose
 * structured data holds the alert's id alone, ended by '\n': CEF or ECS
 * over a syslog transport. 0 or -1. */
int emit_siem_syslog_wrap(buf *b, const emit_siem_from *from, const store_alert *a,
                          const char *line, size_t n);
/* The short title of rule (its name when unknown), for CEF's Name,
 * TheHive's title and ECS's rule.description. */
const char *emit_siem_rule_title(const char *rule);
#endif

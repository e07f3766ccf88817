#include "ops/ops_access.h"

#include <stdio.h>
#include <string.h>

#define R(x) (1u << OPS_ROLE_##x)
/* Those who look at staff's behaviour. */
#define LOOKERS (R(ANALYST) | R(SENIOR) | R(INVESTIGATOR))
#define OVERSIGHT (R(PRIVACY) | R(AUDITOR))
/* Those who work the alert queue, and those who run integrity cases. */
#define TRIAGE (R(ANALYST) | R(SENIOR) | R(INVESTIGATOR))
#define CASEWORK (R(SENIOR) | R(INVESTIGATOR))
#define SCREENERS (R(SENIOR) | R(PRIVACY) | R(ADMIN))

/* The one table of who may do what. An action is the command, with its
 * subcommand where it has some. "incident", "account" and "audit"
 * alone are listed for the commands' usage messages. */
static const struct {
    const char *action;
    unsigned roles;
} table[] = {
    {"alerts", LOOKERS},
    /* The workflow (ops/ops_workflow.h, ops_dossier.h, ops_suppress.h).
     * The API's routes name "alert triage", "alert bulk", "dossier
     * edit" and "suppress edit"; the CLI's subcommands each have their
     * row with the same roles. */
    {"alert", LOOKERS},
    {"alert show", LOOKERS},
    {"alert triage", TRIAGE},
    {"alert ack", TRIAGE},
    {"alert investigate", TRIAGE},
    {"alert close", TRIAGE},
    {"alert reopen", TRIAGE},
    {"alert assign", TRIAGE},
    {"alert note", TRIAGE},
    {"alert bulk", CASEWORK},
    {"dossier", CASEWORK},
    {"dossier list", CASEWORK},
    {"dossier show", CASEWORK},
    {"dossier report", CASEWORK},
    {"dossier edit", CASEWORK},
    {"dossier open", CASEWORK},
    {"dossier add", CASEWORK},
    {"dossier note", CASEWORK},
    {"dossier assign", CASEWORK},
    {"dossier close", CASEWORK},
    {"dossier reopen", CASEWORK},
    {"suppress", LOOKERS},
    {"suppress list", LOOKERS},
    {"suppress edit", R(SENIOR)},
    {"suppress add", R(SENIOR)},
    {"suppress end", R(SENIOR)},
    /* Recertification campaigns (ops/ops_recert.h): seen by those who
     * look and those who oversee; started by a senior analyst; decided
     * and closed by the campaign's owner (whose role must allow "recert
     * decide") or an administrator, which the operation checks. The
     * revocation list names staff by their real accounts, for the
     * identity-management system: the administrator's, as --reveal is. */
    {"recert", LOOKERS | OVERSIGHT | R(ADMIN)},
    {"recert list", LOOKERS | OVERSIGHT | R(ADMIN)},
    {"recert items", LOOKERS | OVERSIGHT | R(ADMIN)},
    {"recert history", LOOKERS | OVERSIGHT | R(ADMIN)},
    {"recert overdue", LOOKERS | OVERSIGHT | R(ADMIN)},
    {"recert start", R(SENIOR) | R(ADMIN)},
    {"recert decide", LOOKERS | R(ADMIN)},
    {"recert bulk", LOOKERS | R(ADMIN)},
    {"recert close", LOOKERS | R(ADMIN)},
    {"recert export", R(ADMIN)},
    {"rules effectiveness", LOOKERS | OVERSIGHT},
    {"dashboard", LOOKERS | OVERSIGHT},
    {"summary", R(SENIOR) | R(INVESTIGATOR) | R(PRIVACY) | R(AUDITOR)},
    /* Screening (ops/ops_screening.h): HR-like personal data, for the
     * senior analysts, the privacy officer and the administrator who
     * loads it. */
    {"screening", SCREENERS},
    {"screening due", SCREENERS},
    {"screening unscreened", SCREENERS},
    {"screening negative", SCREENERS},
    {"risk", LOOKERS},
    /* The risk analysis of functions (ops_functions.h): read by those who
     * look at staff and those who oversee; entered by senior analysts and
     * administrators. The API's writing routes name "functions edit". */
    {"functions", LOOKERS | OVERSIGHT | R(ADMIN)},
    {"functions list", LOOKERS | OVERSIGHT | R(ADMIN)},
    {"functions overdue", LOOKERS | OVERSIGHT | R(ADMIN)},
    {"functions history", LOOKERS | OVERSIGHT | R(ADMIN)},
    {"functions questions", LOOKERS | OVERSIGHT | R(ADMIN)},
    {"functions weights", LOOKERS | OVERSIGHT | R(ADMIN)},
    {"functions edit", R(SENIOR) | R(ADMIN)},
    {"functions set", R(SENIOR) | R(ADMIN)},
    {"functions load", R(SENIOR) | R(ADMIN)},
    {"functions weight", R(SENIOR) | R(ADMIN)},
    {"timeline", LOOKERS},
    /* The authorisation reports (ops_rights.h): those who look at staff,
     * and the administrator who keeps the identity management. */
    {"rights", LOOKERS | R(ADMIN)},
    {"rights unused", LOOKERS | R(ADMIN)},
    {"rights leavers", LOOKERS | R(ADMIN)},
    {"rights movers", LOOKERS | R(ADMIN)},
    {"rights conflicts", LOOKERS | R(ADMIN)},
    {"rights list", LOOKERS | R(ADMIN)},
    /* The workbench's page of one member of staff (ops_person.h). */
    {"person", LOOKERS},
    {"who-accessed", LOOKERS},
    {"correlate", R(SENIOR) | R(INVESTIGATOR)},
    {"convergence", R(SENIOR) | R(INVESTIGATOR)},
    {"protocol", R(INVESTIGATOR) | R(PRIVACY)},
    {"incident", R(INVESTIGATOR)},
    {"incident add", R(INVESTIGATOR)},
    {"quarantine", R(SENIOR) | R(ADMIN)},
    {"rules", LOOKERS | OVERSIGHT | R(ADMIN)},
    {"rules load", R(ADMIN)},
    {"load", R(ADMIN)},
    {"ingest", R(ADMIN)},
    /* Publishing events to a NATS stream: an operator's, like ingest. */
    {"publish", R(ADMIN)},
    {"demo", R(ADMIN)},
    {"account", R(ADMIN)},
    {"account add", R(ADMIN)},
    {"account disable", R(ADMIN)},
    {"account role", R(ADMIN)},
    {"account list", OVERSIGHT | R(ADMIN)},
    {"retention", OVERSIGHT | R(ADMIN)},
    {"retention set", R(PRIVACY) | R(ADMIN)},
    {"purge", R(PRIVACY) | R(ADMIN)},
    {"minimise", OVERSIGHT | R(ADMIN)},
    {"minimise drop", R(PRIVACY) | R(ADMIN)},
    /* Seeing who is behind a pseudonym: asked by those who look at staff,
     * decided by another (ops_unmask.h); "unmask all": every request,
     * not only one's own. */
    {"unmask", LOOKERS | R(PRIVACY) | R(AUDITOR)},
    {"unmask request", LOOKERS},
    {"unmask approve", R(SENIOR) | R(PRIVACY)},
    {"unmask refuse", R(SENIOR) | R(PRIVACY)},
    {"unmask list", LOOKERS | R(PRIVACY) | R(AUDITOR)},
    {"unmask all", R(SENIOR) | R(PRIVACY) | R(AUDITOR)},
    {"privacy-report", OVERSIGHT},
    /* --reveal: real identities instead of pseudonyms, for operators. */
    {"reveal", R(ADMIN)},
    {"audit", OVERSIGHT},
    {"audit verify", OVERSIGHT | R(ADMIN)},
    {"audit head", OVERSIGHT | R(ADMIN)},
    /* The workbench (wachter serve): starting it is an operator's; its
     * session routes (logout, me) are every account's. */
    {"serve", R(ADMIN)},
    /* Forwarding alerts to the SOC's SIEM or TheHive (ops/ops_forward.h):
     * an operator's, like ingest; --status too (it names the
     * destinations and their errors). */
    {"forward", R(ADMIN)},
    /* The Logboek Dataverwerkingen receiver: an operator starts it; its
     * senders are applications, with a bearer token, not accounts. */
    {"receive", R(ADMIN)},
    {"session", LOOKERS | OVERSIGHT | R(ADMIN)},
};

static const char *const names[] = {
    [OPS_ROLE_NONE] = "",
    [OPS_ROLE_ANALYST] = "analyst",
    [OPS_ROLE_SENIOR] = "senior-analyst",
    [OPS_ROLE_INVESTIGATOR] = "investigator",
    [OPS_ROLE_PRIVACY] = "privacy-officer",
    [OPS_ROLE_AUDITOR] = "auditor",
    [OPS_ROLE_ADMIN] = "administrator",
    [OPS_ROLE_OS] = "operating-system user",
};

const char *ops_role_name(ops_role r)
{
    return (unsigned)r < sizeof names / sizeof *names ? names[r] : "";
}

const char *ops_role_names(void)
{
    return "analyst, senior-analyst, investigator, privacy-officer, auditor or administrator";
}

ops_role ops_role_parse(const char *s)
{
    char norm[32];
    size_t n = strlen(s);
    if (n == 0 || n >= sizeof norm) return OPS_ROLE_NONE;
    for (size_t i = 0; i <= n; i++)
        norm[i] = s[i] == ' ' || s[i] == '_' ? '-' : s[i];
    for (int r = OPS_ROLE_ANALYST; r <= OPS_ROLE_ADMIN; r++)
        if (strcmp(norm, names[r]) == 0) return (ops_role)r;
    return OPS_ROLE_NONE;
}

static int find(const char *action)
{
    for (size_t i = 0; i < sizeof table / sizeof *table; i++)
        if (strcmp(table[i].action, action) == 0) return (int)i;
    return -1;
}

int ops_access_known(const char *action)
{
    return find(action) >= 0;
}

int ops_access_check(const ops_actor *a, const char *action, werr *e)
{
    if (a->role == OPS_ROLE_OS) return 0;
    int i = find(action);
    if (i >= 0 && (table[i].roles & (1u << a->role))) return 0;
    char who[160] = "";
    size_t len = 0;
    for (int r = OPS_ROLE_ANALYST; i >= 0 && r <= OPS_ROLE_ADMIN; r++)
        if (table[i].roles & (1u << r))
            len += (size_t)snprintf(who + len, len < sizeof who ? sizeof who - len : 0, "%s%s",
                                    len ? ", " : "", names[r]);
    return werr_set(e, WERR_FORBIDDEN, "%s (%s) may not run %s; %s may", a->name,
                    ops_role_name(a->role), action, *who ? who : "no account");
}

int ops_access_each(ops_role r, int (*fn)(const char *action, void *ctx), void *ctx)
{
    for (size_t i = 0; i < sizeof table / sizeof *table; i++) {
        if (r != OPS_ROLE_OS && !(table[i].roles & (1u << r))) continue;
        int rc = fn(table[i].action, ctx);
        if (rc) return rc;
    }
    return 0;
}

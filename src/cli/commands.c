/* The command table, its usage texts and the dispatcher. Adding a command
 * is one file and one entry here. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cli_pseud.h"
#include "cli/cli_auth.h"
#include "cli/commands.h"

/* The options of the commands that take a period. */
#define RANGE_OPTS                                                                                 \
    "--from T\tfrom time T: 2026-03-02, 2026-03-02T09:00:00Z or epoch ms (default: all)\n"         \
    "--to T\tthrough time T; a date includes that whole day (default: all)\n"
#define FORMAT_OPT "--format table|jsonl\ttable for people (default), jsonl for programs\n"

static const cli_command table[] = {
    {"load", "[--replace] DIR", "load reference data CSVs (actors, subjects, cases, ...)", cmd_load,
     "--replace\tempty each table whose file is in DIR before loading it\n" FORMAT_OPT,
     "wachter --db wachter.db load org/"},
    {"ingest",
     "[--detect-only] [--batch N] [--commit-after S] [--threads N]"
     " [--input csv|syslog|syslog5424|syslog3164 --map SPEC|--map-file FILE [--delimiter C]"
     " [--timezone ZONE] [--year Y]] [FILE|-]"
     " | --from nats://HOST:PORT[,...] --stream NAME [--subject PREFIX] [--durable NAME]"
     " [--partitions I/N ...] [--until-idle S]",
     "ingest events (JSON Lines, CSV or syslog, or a NATS JetStream stream), detect as they"
     " arrive, report counts",
     cmd_ingest,
     "--detect-only\tkeep no raw events and no learned baselines; alerts are kept\n"
     "--batch N\tcommit every N events, 1 to 1000000000 (default 1000000 from a file,"
     " 100000 from a pipe)\n"
     "--commit-after S\tfrom a pipe, also commit S seconds (0 to 86400) after a batch's"
     " first line (default 1; 0: only full batches)\n"
     "--threads N\t1 or 2 threads reading and parsing (default 2 with two processors)\n"
     "--input KIND\tjson (default), csv, syslog (RFC 5424 or 3164, per line), syslog5424,"
     " syslog3164\n"
     "--map SPEC\tfield=column pairs, comma-separated (ts=Tijdstip,actor=#2,system=:brp;"
     " #N: column N, :text: a fixed value), or @FILE\n"
     "--map-file FILE\tthe mapping as `field = column` lines, # comments\n"
     "--delimiter C\tCSV: the separator (default ';' when the header has ';' and no ',', else"
     " ',')\n"
     "--timezone ZONE\tthe zone of times without an offset (Europe/Amsterdam); without it such"
     " a time is quarantined\n"
     "--year Y\tRFC 3164: the year of its times (default: this year, or last year for a time"
     " more than two days ahead)\n"
     "FILE|-\tthe events; - or none: standard input\n"
     "--from URLS\tconsume a NATS JetStream stream instead: nats://HOST:PORT, comma-separated"
     " for a cluster; each message is acknowledged after the commit that holds its event\n"
     "--stream NAME\tthe stream (wachter publish makes it)\n"
     "--subject PREFIX\tits subjects PREFIX.P (default: the stream's name)\n"
     "--durable NAME\tthe durable consumer's name (default wachter; with --partitions"
     " NAME-pI per partition I)\n"
     "--partitions I/N\tconsume only partition I of the stream's N (I,J/N and I-J/N too;"
     " repeatable): N workers each own a share of the actors\n"
     "--until-idle S\tstop once no message came for S seconds (default: run until SIGINT or"
     " SIGTERM, which commit, acknowledge and exit 0)\n" FORMAT_OPT,
     "wachter --db wachter.db ingest events.jsonl\n  "
     "wachter --db wachter.db ingest --from nats://10.0.0.1:4222,nats://10.0.0.2:4222"
     " --stream lookups --partitions 0-7/16\n  "
     "wachter --db wachter.db ingest --input csv --map"
     " ts=Tijdstip,actor=Gebruiker,subject=BSN,action=Actie,system=:brp --timezone"
     " Europe/Amsterdam export.csv"},
    {"publish",
     "--to nats://HOST:PORT[,...] --stream NAME [--subject PREFIX] [--partitions N]"
     " [--replicas N] [FILE|-]",
     "publish JSON Lines events to a NATS JetStream stream, by actor's partition, for"
     " `ingest --from`",
     cmd_publish,
     "--to URLS\tthe NATS servers: nats://HOST:PORT, comma-separated for a cluster\n"
     "--stream NAME\tthe stream; made when absent (file storage)\n"
     "--subject PREFIX\teach event goes to subject PREFIX.P, P its actor's partition (default"
     " PREFIX: the stream's name)\n"
     "--partitions N\tP = a stable hash of the actor modulo N, 1 to 1024 (default 16)\n"
     "--replicas N\ta new stream's replicas, 1 to 5 (default 3 in a cluster of three or more"
     " servers, else 1)\n"
     "FILE|-\tthe events; - or none: standard input. A line that is not an event is reported"
     " and not published\n" FORMAT_OPT,
     "wachter publish --to nats://10.0.0.1:4222,nats://10.0.0.2:4222,nats://10.0.0.3:4222"
     " --stream lookups events.jsonl"},
    {"alerts",
     "[--actor A] [--min-severity low|medium|high|critical] [--status S|all] [--rule R]"
     " [--unit U] [--assignee A] [--from T] [--to T]",
     "list alerts; with a workflow option, the queue", cmd_alerts,
     "--actor A\tonly employee A's alerts (a pseudonym, emp-..., or an account id)\n"
     "--min-severity S\tonly alerts of severity S or above: low, medium, high or "
     "critical\n"
     "--status S\tthe queue (highest score first, with id, unit, status and assignee, then the"
     " counts per status) of status S: new, acknowledged, investigating, closed, suppressed, or"
     " all; without it the open ones, not suppressed\n"
     "--rule R\tthe queue of rule R's alerts\n"
     "--unit U\tthe queue of the alerts of unit U's staff (the staff register)\n"
     "--assignee A\tthe queue of the alerts assigned to account A\n" RANGE_OPTS FORMAT_OPT
     "--format ecs|cef|syslog\tthe alerts in a SIEM's format: Elastic Common Schema JSON, CEF"
     " or RFC 5424 syslog, one per line\n",
     "wachter alerts --min-severity high"},
    {"alert",
     "show|ack|investigate|close|reopen|assign|note ID ... | bulk --assign N|--close D ID...",
     "the workflow of an alert: status, assignee, notes", cmd_alert,
     "show ID\tthe alert, its events, notes, history, similar alerts and dossier\n"
     "ack ID\tacknowledge a new alert (--note TEXT adds a note)\n"
     "investigate ID\tan acknowledged alert is under investigation\n"
     "close ID\tclose it with a disposition: --confirmed, --benign, --false-positive,"
     " --as-duplicate or --disposition D\n"
     "reopen ID\ta closed alert is acknowledged again\n"
     "assign ID NAME\tassign it to account NAME\n"
     "note ID TEXT\tappend a note (1 to 4000 bytes; notes are never edited)\n"
     "bulk --assign NAME ID...\tassign many; --close D ID... closes many with disposition D;"
     " an id that fails is named, the others change\n" FORMAT_OPT,
     "wachter --as ann alert close a-1f --as-duplicate"},
    {"dossier",
     "open ACTOR --title T [ALERT...] | list | show ID | add ID ALERT... | note ID TEXT |"
     " assign ID NAME | close ID --outcome T | reopen ID | report ID",
     "integrity cases: one person, their alerts, notes, investigator, evidence report", cmd_dossier,
     "open ACTOR\topen a dossier about ACTOR (a pseudonym) with --title TEXT and the alerts"
     " given\n"
     "list\tthe dossiers, newest first (--status open|closed)\n"
     "show ID\tthe dossier, its alerts, notes and history\n"
     "add ID ALERT...\tmerge alerts (of the same person) into an open dossier\n"
     "note ID TEXT\tappend a note\n"
     "assign ID NAME\tmake account NAME its investigator\n"
     "close ID\tclose it; --outcome TEXT (required) says how it ended\n"
     "reopen ID\topen a closed dossier again\n"
     "report ID\tthe evidence report: the person's look-ups over the alerts' period and a"
     " week either side, with query, results, client, explanation and alerts\n" FORMAT_OPT,
     "wachter --as ivo dossier open emp-7ys637d88w --title 'Neighbours looked up' a-1f a-2c"},
    {"recert",
     "start --system S|--unit U --owner NAME --due DATE | list [ID] | items ID | history ID |"
     " decide ITEM keep|revoke | bulk ID ... | close ID | overdue | export ID",
     "recertification campaigns: an owner keeps or revokes each right, with a reason", cmd_recert,
     "start\tstart a campaign for the rights held now on --system S or by the staff of --unit"
     " U, reviewed by account --owner NAME by --due DATE (--title T names it)\n"
     "list [ID]\tthe campaigns with their progress: items, decided, kept, revoked, open,"
     " overdue\n"
     "items ID\tthe campaign's review items, each right with its last use in the log"
     " (--undecided: only those not decided yet)\n"
     "history ID\tevery change of the campaign: started, each decision, closed\n"
     "decide ITEM D\tdecide one item, D keep or revoke; --reason TEXT (required to revoke); the"
     " owner or an administrator only, until the campaign closes\n"
     "bulk ID\tdecide many: --items 1,2,3 --decision keep|revoke, or --unused DAYS (revoke"
     " every undecided item not used in DAYS days), or --used DAYS (keep every undecided item"
     " used in DAYS days); --reason TEXT\n"
     "close ID\tclose the campaign; refused while items are undecided unless --force (they"
     " stay undecided: no right of theirs is revoked)\n"
     "overdue\tthe undecided items of open campaigns past their due date\n"
     "export ID\tthe closed campaign's revocation list, CSV for the identity-management system"
     " with real account ids (administrator only; recorded in the audit trail)\n" FORMAT_OPT,
     "wachter --as sam recert start --system brp --owner olga --due 2026-04-30"},
    {"suppress",
     "add --rule R --actor A|--subject S|--unit U --reason T --until DATE | list [--active] |"
     " end ID",
     "suppressions: a rule's alerts about one actor, subject or unit leave the queue", cmd_suppress,
     "add\tsuppress rule R's alerts about --actor A, --subject S or --unit U, with --reason"
     " TEXT, through --until DATE (at most a year ahead); they stay stored\n"
     "list\tthe suppressions (--active: only those in force)\n"
     "end ID\tend suppression ID now (it also ends by itself after its date)\n" FORMAT_OPT,
     "wachter --as sam suppress add --rule volume --unit archief --reason 'yearly audit'"
     " --until 2026-06-30"},
    {"functions", "[overdue | history U R | set | load F | ...]",
     "risk analysis of functions (unit + role): ranking, overdue reviews, versions", cmd_functions,
     "list\tthe functions ranked by risk, each with its band, people, open measures and next"
     " review (the default)\n"
     "overdue\tanalyses past their next review, and functions with staff never analysed\n"
     "history UNIT ROLE\tthe function's analyses, oldest first, with what changed\n"
     "questions\tthe questionnaire: each question's key and its scale 0 to 3\n"
     "set\tenter one analysis: --unit U --role R [--process P] --analysed DATE --next-review"
     " DATE, each question as --KEY N (--registers 3 --four-eyes 1 ...; wachter functions"
     " questions), --measure TEXT for each open measure\n"
     "load FILE\tenter the analyses of a CSV (unit,role,process,analysed,next_review, a column"
     " per question, measures separated by ';'); a bad row stores nothing\n"
     "weights\tthe factor each band weighs its staff in risk\n"
     "weight BAND F\tset band high or very-high's factor to F (1 to 5; default 1.25 and 1.5)\n"
     "--at DATE\tas of the end of DATE (default now): who is on the staff, what is "
     "overdue\n" FORMAT_OPT,
     "wachter --as sam functions load functions.csv"},
    {"risk", "[--top N] [--min SCORE | --all]", "actors ranked by risk", cmd_risk,
     "--top N\tonly the first N, 1 to 1000000000 (default: all)\n"
     "--min SCORE\tonly actors whose score reaches SCORE, 0 to 100000 (default 50: evidence"
     " weighing at least one clear finding)\n"
     "--all\tevery actor with an alert that counts (--min 0)\n" FORMAT_OPT,
     "wachter risk --top 20"},
    {"rights", "unused [--days N] | leavers | movers | conflicts | list [--actor A]",
     "authorisation reports: unused rights, leavers', kept after a move, conflicts", cmd_rights,
     "unused\trights held not used in N days (--days N, 1 to 36500, default 90) or never,"
     " granted at least N days before; with last use, grant and the holder's unit and role\n"
     "leavers\trights still held by people who left (the staff register's end, or HR's"
     " resignation) or who are not in the staff register\n"
     "movers\trights granted before a move to another unit or role (moves.csv) and still"
     " held after it, with the move\n"
     "conflicts\tpeople holding both rights of a pair of conflicts.csv (segregation of"
     " duties; a * right covers every action of its system)\n"
     "list\tthe rights held, with their last use (--actor A: one person's)\n"
     "--system S\tonly rights on system S\n"
     "--unit U\tonly rights of unit U's staff (the staff register)\n"
     "--actor A\tonly employee A's rights (a pseudonym, emp-...)\n"
     "--at T\tas of time T (default: the newest event in the store)\n" FORMAT_OPT,
     "wachter --as sam rights unused --days 90 --system brp"},
    {"quarantine", "", "list quarantined input lines with file, line and reason", cmd_quarantine,
     FORMAT_OPT, "wachter quarantine"},
    {"who-accessed", "SUBJECT [--from T] [--to T]",
     "every access to one subject, explained or not, and why", cmd_who,
     "SUBJECT\tthe subject's id (e.g. a BSN), or an employee's pseudonym for their own "
     "record\n" RANGE_OPTS FORMAT_OPT,
     "wachter who-accessed 123456782 --from 2026-01-01"},
    {"timeline", "ACTOR [--from T] [--to T] [--unexplained] [--with-alerts] [--newest N]",
     "one actor's look-ups, explained, and their alerts", cmd_timeline,
     "ACTOR\tthe employee: a pseudonym (emp-...) or an account id\n" RANGE_OPTS
     "--unexplained\tonly the look-ups no case explains\n"
     "--with-alerts\tonly the look-ups an alert lists, each with its alerts' ids\n"
     "--newest N\tonly the newest N of those look-ups (alerts: all of the period)\n" FORMAT_OPT,
     "wachter timeline u12345 --from 2026-03-01 --to 2026-03-31"},
    {"correlate", "[--incidents FILE] [--lookback 30d] [--explained-weight W] [--top N]",
     "actors ranked by how improbable their look-ups of incident subjects are", cmd_correlate,
     "--incidents FILE\tincidents in the incidents.csv layout (default: the stored ones)\n"
     "--lookback D\tlook-ups this long before each incident, 1s to 36500d (default 30d)\n"
     "--explained-weight W\twhat a hit a case explains counts, 0 to 1 (default 0.25)\n"
     "--top N\tonly the first N, 1 to 1000000000 (default: all)\n" FORMAT_OPT,
     "wachter correlate --incidents incidents.csv --lookback 14d --top 10"},
    {"convergence",
     "[--from T] [--to T] [--min-shared N] [--max-accessors N] [--within D] [--max-p P]"
     " [--same-unit]",
     "groups of actors sharing unexplained subjects few others touched", cmd_converge,
     RANGE_OPTS "--min-shared N\tsubjects a group shares at least, 2 to 1000000 (default 3)\n"
                "--max-accessors N\tpeople who touched a subject at most, 2 to 64 (default 5)\n"
                "--within D\tdays between the look-ups at most, 0 to 36500 (default 30)\n"
                "--max-p P\tchance of such an overlap at most, above 0 to 1 (default 0.01)\n"
                "--same-unit\talso pairs within one unit\n" FORMAT_OPT,
     "wachter convergence --from 2026-01-01 --min-shared 4"},
    {"protocol", "SUBJECT [--from T] [--to T]",
     "a citizen's overview of accesses to their record, without employee identities", cmd_protocol,
     "SUBJECT\tthe citizen's id (e.g. a BSN)\n" RANGE_OPTS FORMAT_OPT,
     "wachter protocol 123456782 --from 2025-01-01"},
    {"incident", "add --id ID --subject S --ts T [--kind K] [--lookback 30d]",
     "record an incident and raise alerts for earlier look-ups of its subject", cmd_incident,
     "--id ID\tthe incident's id (required)\n"
     "--subject S\tthe subject it concerns (required)\n"
     "--ts T\twhen it happened: 2026-03-02, 2026-03-02T09:00:00Z or epoch ms (required)\n"
     "--kind K\twhat kind of incident, e.g. explosion\n"
     "--lookback D\tlook-ups this long before it, 1s to 36500d (default: the rule's,"
     " incident.lookback_days, 30d unless configured)\n" FORMAT_OPT,
     "wachter incident add --id I-7 --subject 123456782 --ts 2026-03-02 --kind explosion"},
    {"demo", "[--kind K] [--actors N] [--days D] [--seed S] [--dir DIR]",
     "build a synthetic organisation, run everything, print what was found", cmd_demo,
     "--kind K\tmunicipality (the default) or port: a container terminal with a customs post\n"
     "--actors N\tstaff accounts, 60 to 80000 (default 1000)\n"
     "--days D\tdays of look-ups, 10 to 3650 (default 30)\n"
     "--seed S\tthe generator's seed, a whole number (default 1)\n"
     "--dir DIR\twhere the organisation's files go (default demo-org)\n" FORMAT_OPT,
     "wachter --db demo.db demo --actors 500 --days 30"},
    {"dashboard", "[--days N]",
     "the overview: alerts per day, the open queue's age, dispositions, top units, ingest",
     cmd_dashboard, "--days N\tthe last N days, 1 to 366 (default 30)\n" FORMAT_OPT,
     "wachter dashboard --days 7"},
    {"summary", "--month YYYY-MM",
     "the monthly management summary: alerts by rule and outcome, dossiers, time to close,"
     " top units, unmaskings",
     cmd_summary, "--month YYYY-MM\tthe month (UTC), required\n" FORMAT_OPT,
     "wachter summary --month 2026-03"},
    {"screening",
     "due [--days N] [--unit U] [--at T] | unscreened [--unit U] [--at T] |"
     " negative [--unit U] [--at T]",
     "screening of staff in vulnerable functions (VOG): who is due, unscreened starters,"
     " negative outcomes of people holding rights",
     cmd_screening,
     "due\tper unit, who in a screened function (screening_requirements.csv) is overdue and who"
     " falls due within --days N (1 to 3660, default 60): the last positive screening and the"
     " due date\n"
     "unscreened\tstaff who started in a screened function on or after its requirement's date"
     " without any positive screening of the kind\n"
     "negative\ta screening whose latest outcome is negative while the person still holds"
     " rights (rights.csv), naming the rights\n"
     "--unit U\tonly unit U\n"
     "--at T\tjudge as of time T (2027-01-01, RFC 3339 or epoch ms; default: the newest"
     " event in the store)\n" FORMAT_OPT,
     "wachter screening due --days 60 --unit burgerzaken"},
    {"rules", "[load FILE | effectiveness [--from T] [--to T]]",
     "the detection rules with their thresholds in force; load FILE sets them", cmd_rules,
     "effectiveness\tper rule: its alerts, how many are open, confirmed, benign, false"
     " positive, duplicate or suppressed, and the precision (confirmed of those judged)\n"
     "load FILE\tmake the rules configuration in FILE (lines RULE.PARAMETER = VALUE, # comments;"
     " kind = municipality|port|police for that kind's defaults) the one in force for every"
     " later ingest; a parameter it does not set is at its (kind's) default; a bad line changes"
     " nothing\n" FORMAT_OPT,
     "wachter rules load rules.conf"},
    {"retention", "[set KIND DURATION]",
     "how long each kind of record is kept; set KIND DURATION sets one", cmd_retention,
     "set KIND DURATION\tkeep KIND (events, quarantine, alerts, cases, audit) for DURATION:"
     " Nd, Nw or Ny (400d, 12w, 2y; 1d to 36500d), or forever (the default); wachter purge"
     " deletes what is older\n" FORMAT_OPT,
     "wachter retention set events 400d"},
    {"forward", "--to URL [--payload P] [--follow [--every S]] | --status",
     "send each new alert once to a SIEM's syslog collector or a webhook (TheHive)", cmd_forward,
     "--to URL\tsyslog+tcp://HOST:PORT, syslog+tls://HOST:PORT, http://... or https://...\n"
     "--payload P\tecs, cef, syslog (the default for syslog+) or thehive (a TheHive 5 alert);"
     " ecs is the default for a webhook\n"
     "--ca FILE\tthe CA certificate that signed the collector's or server's (TLS)\n"
     "--client-cert FILE\ta client certificate for syslog+tls (its key in it, or"
     " --client-key FILE)\n"
     "--token-file FILE\tthe webhook's key (Authorization: Bearer), its first line; else"
     " $WACHTER_FORWARD_TOKEN\n"
     "--batch N\talerts per syslog connection, 1 to 10000 (default 500)\n"
     "--follow\tkeep sending new alerts as they are stored, until SIGTERM or SIGINT\n"
     "--every S\twith --follow, look for new alerts every S seconds (default 5)\n"
     "--status\tlist the destinations: cursor, sent, pending, last delivery and error\n" FORMAT_OPT,
     "wachter forward --to syslog+tcp://siem.example:514 --follow"},
    {"purge", "[--dry-run]", "delete what is past its retention, except what is held", cmd_purge,
     "--dry-run\tsay what would be deleted and held; change nothing\n" FORMAT_OPT,
     "wachter purge --dry-run"},
    {"minimise", "[drop LIST]", "the event fields dropped at ingest; drop LIST sets them",
     cmd_minimise,
     "drop LIST\tnever store the fields in LIST (commas between: purpose, query, client,"
     " results, subject_type, attrs; none: keep all) from the next ingest on\n" FORMAT_OPT,
     "wachter minimise drop query,client"},
    {"account", "add NAME --role ROLE | list | disable NAME | role NAME ROLE",
     "analysts' accounts and their roles (administrators)", cmd_account,
     "add NAME --role ROLE\tadd an account; its password from WACHTER_NEW_PASSWORD or asked"
     " twice; ROLE: analyst, senior-analyst, investigator, privacy-officer, auditor or"
     " administrator; a store's first account is an administrator\n"
     "list\tthe accounts with role and status (never a password)\n"
     "disable NAME\tNAME can no longer act; its audit entries stay\n"
     "role NAME ROLE\tgive NAME another role\n" FORMAT_OPT,
     "wachter --as admin account add alice --role analyst"},
    {"audit", "[--from T] [--to T] [--account A] | verify [--head HASH] | head",
     "the audit trail: who did what, when; verify its hash chain", cmd_audit,
     RANGE_OPTS
     "--account A\tonly account A's entries (os:USER for the operating-system user)\n"
     "verify\tcheck every entry's hash; exit 0 when intact, 5 naming the first bad"
     " entry\n"
     "--head HASH\twith verify: also fail when the trail ends before HASH (a head"
     " kept elsewhere)\n"
     "head\tthe last entry's hash and the number of entries, to keep elsewhere\n" FORMAT_OPT,
     "wachter --as auditor audit verify --head 3f2a..."},
    {"unmask", "request PSEUDONYM --reason TEXT [--about ID] | approve ID | refuse ID | list",
     "see who is behind a pseudonym: asked by one account, decided by another", cmd_unmask,
     "request PSEUDONYM\task to see who PSEUDONYM is; --reason TEXT (required) says why, --about"
     " ID the alert or case it concerns\n"
     "approve ID\tlet the requester see that identity for 30 days (a senior analyst or a privacy"
     " officer, never the requester; --note TEXT)\n"
     "refuse ID\trefuse it (--note TEXT says why)\n"
     "list\tthe requests: one's own, or all for those who decide or oversee them\n" FORMAT_OPT,
     "wachter --as ann unmask request emp-7ys637d88w --reason 'alert a-1f: manager to be told'"},
    {"privacy-report", "[--from T] [--to T]",
     "for a DPIA: what is stored and how long, roles, unmaskings (from/to), the audit trail",
     cmd_privacy_report, RANGE_OPTS FORMAT_OPT,
     "wachter --as pia privacy-report --from 2026-01-01"},
    {"serve",
     "[--listen ADDR:PORT] [--tls-cert FILE --tls-key FILE] [--web DIR]"
     " [--metrics-token-file FILE]",
     "the analysts' workbench: web UI and JSON API (administrators start it)", cmd_serve,
     "--listen ADDR:PORT\taddress and port to listen on (default 127.0.0.1:8080; port 0: a free"
     " one, shown in the first line)\n"
     "--tls-cert FILE\tHTTPS with the PEM certificate in FILE (with --tls-key)\n"
     "--tls-key FILE\tthe certificate's PEM private key\n"
     "--web DIR\tthe web UI's files (default: web/ beside the binary's directory, else"
     " ./web)\n"
     "--metrics-token-file FILE\t/metrics (Prometheus) answers the bearer of the token in FILE;"
     " without it, only clients on this machine\n",
     "wachter --as admin --db wachter.db serve --listen 127.0.0.1:8080"},
    {"receive", "[--listen ADDR:PORT] [--wait S] [--token-file F] [--tls-cert FILE --tls-key FILE]",
     "receive Logboek Dataverwerkingen spans (OTLP/HTTP, JSON) and audit records, join and"
     " ingest them (administrators start it)",
     cmd_receive,
     "--listen ADDR:PORT\taddress and port to listen on (default 127.0.0.1:4318; port 0: a free"
     " one, shown in the first line); beyond loopback --token-file and TLS are required\n"
     "--wait S\tseconds a span waits for its audit record, or the reverse, before it is"
     " quarantined (1 to 604800, default 300)\n"
     "--token-file F\tsenders must send Authorization: Bearer TOKEN, the first line of F\n"
     "--tls-cert FILE\tHTTPS with the PEM certificate in FILE (with --tls-key)\n"
     "--tls-key FILE\tthe certificate's PEM private key\n" FORMAT_OPT,
     "wachter --as admin --db wachter.db receive --listen 127.0.0.1:4318 --wait 300"},
    {"help", "[COMMAND]", "this list, or one command's usage", cmd_help, "", "wachter help ingest"},
};

const cli_command *cli_commands(size_t *n)
{
    *n = sizeof table / sizeof *table;
    return table;
}

static const cli_command *find(const char *name)
{
    for (size_t k = 0; k < sizeof table / sizeof *table; k++)
        if (strcmp(table[k].name, name) == 0) return &table[k];
    return NULL;
}

static int is_help(const char *a)
{
    return strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0;
}

static void print_list(const cli *c)
{
    fprintf(c->out, "usage: wachter [--db PATH] [--as NAME] [--key FILE] [--reveal] [--wait[=S]]\n"
                    "               [--format table|jsonl] COMMAND [ARGS]\n"
                    "       wachter COMMAND --help | wachter --version\n\n");
    for (size_t i = 0; i < sizeof table / sizeof *table; i++)
        fprintf(c->out, "  %-12s %-44s %s\n", table[i].name, table[i].args, table[i].help);
    fprintf(c->out, "\n--db PATH selects the store (default wachter.db).\n"
                    "Staff are shown by pseudonym (emp-...), derived with the key in --key FILE\n"
                    "(or $WACHTER_KEY; default the store's path + .key, made on first use);\n"
                    "--reveal shows their real account ids instead.\n"
                    "--wait[=SECONDS] lets a command that writes (load, ingest, incident add,"
                    " demo,\nrules load, retention set, minimise drop, purge) wait for another"
                    " that writes\nthe store, instead of refusing at once.\n"
                    "--as NAME acts as account NAME (password: WACHTER_PASSWORD or asked);"
                    " required\nonce the store has accounts.\n"
                    "wachter help COMMAND (or wachter COMMAND --help) shows its options.\n");
}

int cli_command_usage(const cli *c, const char *name)
{
    const cli_command *k = find(name);
    if (!k) {
        cli_say(c->err, "wachter: unknown command '%s' (see wachter help)\n", name);
        return CLI_EXIT_USAGE;
    }
    fprintf(c->out, "usage: wachter [--db PATH] %s%s%s\n\n%s\n", k->name, *k->args ? " " : "",
            k->args, k->help);
    if (*k->options) fprintf(c->out, "\noptions:\n");
    for (const char *line = k->options; *line;) {
        const char *tab = strchr(line, '\t'), *end = strchr(line, '\n');
        if (!end) end = line + strlen(line);
        if (tab && tab < end)
            fprintf(c->out, "  %-22.*s %.*s\n", (int)(tab - line), line, (int)(end - tab - 1),
                    tab + 1);
        else
            fprintf(c->out, "  %.*s\n", (int)(end - line), line);
        line = *end ? end + 1 : end;
    }
    fprintf(c->out, "\nexample:\n  %s\n", k->example);
    return CLI_EXIT_OK;
}

int cmd_help(cli *c, int argc, char **argv)
{
    if (argc > 2) return cli_usage(c, "help", argv[2]);
    if (argc == 2) return cli_command_usage(c, argv[1]);
    print_list(c);
    return CLI_EXIT_OK;
}

int cli_main(int argc, char **argv, FILE *out, FILE *err)
{
    cli_pseud ps = {0};
    cli c = {.db = "wachter.db", .format = EMIT_TABLE, .out = out, .err = err, .ps = &ps};
    const char *key = getenv("WACHTER_KEY");
    if (key && *key) c.key = key;
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        const char *v;
        if (is_help(argv[i])) return cmd_help(&c, 1, argv + i);
        if (strcmp(argv[i], "--version") == 0) {
            fprintf(out, "wachter %s\n", cli_version());
            return CLI_EXIT_OK;
        }
        int rc = cli_opt(&c, argc, argv, &i, "--db", &v);
        if (rc == 1 && !*v) {
            fprintf(err, "wachter: --db takes the path of a store, not ''\n");
            return CLI_EXIT_USAGE;
        }
        if (rc == 1) {
            c.db = v;
            continue;
        }
        if (rc == 0 && (rc = cli_opt(&c, argc, argv, &i, "--key", &v)) == 1 && !*v) {
            fprintf(err, "wachter: --key takes the path of the pseudonym key file, not ''\n");
            return CLI_EXIT_USAGE;
        }
        if (rc == 1) {
            c.key = v;
            continue;
        }
        if (rc == 0 && strcmp(argv[i], "--reveal") == 0) {
            c.reveal = 1;
            continue;
        }
        if (rc == 0 && (rc = cli_opt(&c, argc, argv, &i, "--as", &v)) == 1 && !*v) {
            fprintf(err, "wachter: --as takes the name of an account, not ''\n");
            return CLI_EXIT_USAGE;
        }
        if (rc == 1) {
            c.as = v;
            continue;
        }
        if (rc == 0 && (rc = cli_wait_opt(&c, argv[i])) == 1) continue;
        if (rc == 0) rc = cli_format_opt(&c, argc, argv, &i);
        if (rc == 1) continue;
        if (rc == 0) cli_say(err, "wachter: unknown option '%s' (see wachter help)\n", argv[i]);
        return CLI_EXIT_USAGE;
    }
    if (i >= argc) {
        print_list(&c);
        return CLI_EXIT_USAGE;
    }
    const cli_command *k = find(argv[i]);
    if (!k) {
        cli_say(err, "wachter: unknown command '%s' (see wachter help)\n", argv[i]);
        return CLI_EXIT_USAGE;
    }
    /* COMMAND --help, wherever among its arguments: nothing else runs. */
    for (int j = i + 1; j < argc; j++)
        if (is_help(argv[j])) return cli_command_usage(&c, k->name);
    if (k->fn == cmd_help) {
        int code = k->fn(&c, argc - i, argv + i);
        cli_pseud_free(&ps);
        return code;
    }
    /* Who acts, whether they may (and may see real identities, with
     * --reveal), and the command's entry in the audit trail: here, once,
     * for every command. */
    cli_gate g;
    int code = cli_gate_open(&c, argc - i, argv + i, &g);
    if (code == CLI_EXIT_OK) code = k->fn(&c, argc - i, argv + i);
    cli_gate_done(&c, &g);
    cli_pseud_free(&ps);
    return code;
}

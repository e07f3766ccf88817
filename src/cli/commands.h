/* commands — one function per command, each in its own cmd_*.c file. */
#ifndef WACHTER_COMMANDS_H
#define WACHTER_COMMANDS_H
#include "cli/cli.h"

int cmd_load(cli *c, int argc, char **argv);
int cmd_ingest(cli *c, int argc, char **argv);
/* ingest --from nats://...: a stream's worker (cmd_ingest_nats.c); so and
 * io are what cmd_ingest took from the command line. */
struct cli_stream;
struct ingest_opts;
int cmd_ingest_nats(cli *c, struct cli_stream *so, const struct ingest_opts *io);
int cmd_publish(cli *c, int argc, char **argv);
/* Prints a quarantined line's report on the stream err (a FILE *): an
 * ingest_bad_fn for the commands that ingest. */
int cmd_alerts(cli *c, int argc, char **argv);
int cmd_risk(cli *c, int argc, char **argv);
int cmd_quarantine(cli *c, int argc, char **argv);
int cmd_demo(cli *c, int argc, char **argv);
int cmd_who(cli *c, int argc, char **argv);
int cmd_timeline(cli *c, int argc, char **argv);
int cmd_correlate(cli *c, int argc, char **argv);
int cmd_converge(cli *c, int argc, char **argv);
int cmd_protocol(cli *c, int argc, char **argv);
int cmd_incident(cli *c, int argc, char **argv);
int cmd_rules(cli *c, int argc, char **argv);
int cmd_retention(cli *c, int argc, char **argv);
int cmd_minimise(cli *c, int argc, char **argv);
int cmd_purge(cli *c, int argc, char **argv);
int cmd_forward(cli *c, int argc, char **argv);
int cmd_account(cli *c, int argc, char **argv);
int cmd_audit(cli *c, int argc, char **argv);
int cmd_unmask(cli *c, int argc, char **argv);
int cmd_privacy_report(cli *c, int argc, char **argv);
int cmd_serve(cli *c, int argc, char **argv);
int cmd_receive(cli *c, int argc, char **argv);
int cmd_alert(cli *c, int argc, char **argv);
int cmd_dossier(cli *c, int argc, char **argv);
int cmd_suppress(cli *c, int argc, char **argv);
int cmd_rights(cli *c, int argc, char **argv);
int cmd_recert(cli *c, int argc, char **argv);
int cmd_dashboard(cli *c, int argc, char **argv);
int cmd_functions(cli *c, int argc, char **argv);
int cmd_summary(cli *c, int argc, char **argv);
int cmd_screening(cli *c, int argc, char **argv);
int cmd_help(cli *c, int argc, char **argv);
#endif

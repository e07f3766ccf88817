#include "cli/cli_evsrc.h"

#include <stdlib.h>
#include <string.h>

#include "normalise/ts.h"

static const struct {
    const char *name;
    int kind;
} KINDS[] = {{"json", 0},
             {"jsonl", 0},
             {"csv", EVCONV_CSV},
             {"syslog", EVCONV_SYSLOG},
             {"syslog5424", EVCONV_SYSLOG5424},
             {"syslog3164", EVCONV_SYSLOG3164}};

static int bad_map(cli *c, cli_evsrc *s, const werr *e, int file, int *code)
{
    cli_say(c->err, "wachter ingest: %s\n", e->msg);
    *code = file ? CLI_EXIT_FAIL : CLI_EXIT_USAGE;
    (void)s;
    return -1;
}

int cli_evsrc_opt(cli *c, cli_evsrc *s, int argc, char **argv, int *i, int *code)
{
    const char *v;
    int rc;
    werr e = {0};
    *code = CLI_EXIT_USAGE;
    if ((rc = cli_opt(c, argc, argv, i, "--input", &v)) != 0) {
        if (rc < 0) return -1;
        for (size_t k = 0; k < sizeof KINDS / sizeof *KINDS; k++)
            if (strcmp(v, KINDS[k].name) == 0) {
                s->o.kind = KINDS[k].kind;
                s->input = v;
                return 1;
            }
        cli_say(c->err,
                "wachter ingest: --input takes json, csv, syslog, syslog5424 or syslog3164, not"
                " '%s'\n",
                v);
        return -1;
    }
    if ((rc = cli_opt(c, argc, argv, i, "--map", &v)) != 0) {
        if (rc < 0) return -1;
        s->any = 1;
        if (v[0] == '@') s->from_file = 1;
        return evmap_add(&s->o.map, v, &e) < 0 ? bad_map(c, s, &e, v[0] == '@', code) : 1;
    }
    if ((rc = cli_opt(c, argc, argv, i, "--map-file", &v)) != 0) {
        if (rc < 0) return -1;
        s->any = s->from_file = 1;
        return evmap_add_file(&s->o.map, v, &e) < 0 ? bad_map(c, s, &e, 1, code) : 1;
    }
    if ((rc = cli_opt(c, argc, argv, i, "--delimiter", &v)) != 0) {
        if (rc < 0) return -1;
        s->any = 1;
        if (strcmp(v, "tab") == 0 || strcmp(v, "\\t") == 0) v = "\t";
        if (strlen(v) != 1 || v[0] == '"' || v[0] == '\n' || v[0] == '\r') {
            cli_say(c->err,
                    "wachter ingest: --delimiter takes one character (',', ';', '|', tab), not"
                    " '%s'\n",
                    v);
            return -1;
        }
        s->o.delim = v[0];
        return 1;
    }
    if ((rc = cli_opt(c, argc, argv, i, "--timezone", &v)) != 0) {
        if (rc < 0) return -1;
        s->any = 1;
        s->o.timezone = v;
        return 1;
    }
    long long n;
    if ((rc = cli_count_opt(c, argc, argv, i, "ingest", "--year", 1970, 2100, &n)) != 0) {
        if (rc < 0) return -1;
        s->any = 1;
        s->o.year = (int)n;
        return 1;
    }
    return 0;
}

int cli_evsrc_make(cli *c, cli_evsrc *s, evconv **out, int *code)
{
    *out = NULL;
    *code = CLI_EXIT_USAGE;
    if (!s->o.kind) {
        if (!s->any) return 0;
        cli_say(c->err, "wachter ingest: --map, --map-file, --delimiter, --timezone and --year"
                        " are for --input csv or syslog\n");
        cli_evsrc_free(s);
        return -1;
    }
    if (s->o.kind != EVCONV_CSV && s->o.delim) {
        cli_say(c->err, "wachter ingest: --delimiter is for --input csv\n");
        cli_evsrc_free(s);
        return -1;
    }
    s->o.now_ms = ts_now_ms();
    werr e = {0};
    if (evconv_new(&s->o, out, &e) < 0) {
        cli_say(c->err, "wachter ingest: --input %s: %s\n", s->input, e.msg);
        if (s->from_file && e.code == WERR_INPUT && !strstr(e.msg, "--timezone"))
            *code = CLI_EXIT_FAIL;
        return -1;
    }
    return 0;
}

void cli_evsrc_free(cli_evsrc *s)
{
    evmap_free(&s->o.map);
}

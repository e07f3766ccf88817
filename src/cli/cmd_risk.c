/* wachter risk [--top N] */
#include <stdlib.h>

#include "cli/commands.h"
#include "emit/emit.h"
#include "score/risk.h"

int cmd_risk(cli *c, int argc, char **argv)
{
    const char *v;
    long top = 0;
    for (int i = 1; i < argc; i++) {
        int rc;
        if ((rc = cli_opt(c, argc, argv, &i, "--top", &v)) != 0) {
            if (rc < 0 || (top = atol(v)) <= 0) {
                fprintf(c->err, "wachter risk: --top takes a positive number\n");
                return 2;
            }
        } else if ((rc = cli_format_opt(c, argc, argv, &i)) != 0) {
            if (rc < 0) return 2;
        } else
            return cli_usage(c, "risk", argv[i]);
    }
    store *s;
    if (cli_open_store(c, &s) < 0) return 1;
    risk_row *rows;
    size_t n;
    if (risk_rank(s, 0, &rows, &n) < 0) {
        fprintf(c->err, "wachter risk: %s\n", store_errmsg(s));
        store_close(s);
        return 1;
    }
    buf b = {0};
    if (c->format == FMT_TABLE) emit_risk_header(&b);
    for (size_t i = 0; i < n && (!top || (long)i < top); i++) {
        if (c->format == FMT_JSONL) {
            emit_risk_json(&b, &rows[i]);
            buf_puts(&b, "\n");
        } else
            emit_risk_row(&b, &rows[i]);
    }
    fwrite(b.data ? b.data : "", 1, b.len, c->out);
    buf_free(&b);
    risk_free(rows, n);
    store_close(s);
    return 0;
}

#include "emit/emit_rules.h"

#include "util/esc.h"

static int json_param(buf *b, const rule_param *p, double v, const char *origin)
{
    int rc = buf_puts(b, "{\"name\":");
    rc |= buf_json_str(b, p->name);
    rc |= buf_printf(b, ",\"value\":%.15g,\"default\":%.15g,\"min\":%.15g,\"max\":%.15g,", v,
                     p->def, p->min, p->max);
    rc |= buf_printf(b, "\"whole\":%s,\"unit\":", p->whole ? "true" : "false");
    rc |= buf_json_str(b, p->unit);
    rc |= buf_puts(b, ",\"set_in\":");
    rc |= origin ? buf_json_str(b, origin) : buf_puts(b, "null");
    rc |= buf_puts(b, ",\"doc\":");
    rc |= buf_json_str(b, p->doc);
    return rc | buf_puts(b, "}");
}

int emit_rule(buf *b, enum emit_format f, const rule_def *r, const rule_conf *conf)
{
    int rc;
    if (f == EMIT_JSONL) {
        rc = buf_puts(b, "{\"rule\":");
        rc |= buf_json_str(b, r->name);
        rc |= buf_printf(b, ",\"version\":%u,\"parameters\":[", (unsigned)r->version);
        for (size_t k = 0; k < r->nparams; k++) {
            const char *origin;
            double v = rule_conf_value(conf, r, k, &origin);
            if (k) rc |= buf_puts(b, ",");
            rc |= json_param(b, &r->params[k], v, origin);
        }
        return rc | buf_puts(b, "]}\n");
    }
    rc = buf_printf(b, "%s (version %u)%s\n", r->name, (unsigned)r->version,
                    r->nparams ? "" : ": no parameters to set");
    for (size_t k = 0; k < r->nparams; k++) {
        const rule_param *p = &r->params[k];
        const char *origin;
        double v = rule_conf_value(conf, r, k, &origin);
        rc |= buf_printf(b, "  %s.%s = %.15g", r->name, p->name, v);
        rc |= origin ? esc_printf(b, "  (set in %s; default %.15g)", origin, p->def)
                     : buf_puts(b, "  (default)");
        rc |= buf_printf(b, "\n      %s; %.15g to %.15g %s\n", p->doc, p->min, p->max, p->unit);
    }
    return rc;
}

int emit_rules_loaded(buf *b, enum emit_format f, const char *file, size_t n)
{
    if (f == EMIT_JSONL) {
        int rc = buf_puts(b, "{\"file\":");
        rc |= buf_json_str(b, file);
        return rc | buf_printf(b, ",\"set\":%zu}\n", n);
    }
    return esc_printf(b,
                      "rules configuration from %s in force: %zu value%s set, every other"
                      " parameter at its default\n",
                      file, n, n == 1 ? "" : "s");
}

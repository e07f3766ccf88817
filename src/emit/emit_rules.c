#include "emit/emit_rules.h"

#include "util/esc.h"

static const char *const FROM[] = {
    [RULE_CONF_DEFAULT] = "default", [RULE_CONF_KIND] = "kind", [RULE_CONF_SET] = "set"};

static int json_param(buf *b, const rule_param *p, double v, const char *origin,
                      rule_conf_from from)
{
    int rc = buf_puts(b, "{\"name\":");
    rc |= buf_json_str(b, p->name);
    rc |= buf_printf(b, ",\"value\":%.15g,\"default\":%.15g,\"min\":%.15g,\"max\":%.15g,", v,
                     p->def, p->min, p->max);
    rc |= buf_printf(b, "\"whole\":%s,\"unit\":", p->whole ? "true" : "false");
    rc |= buf_json_str(b, p->unit);
    rc |= buf_puts(b, ",\"set_in\":");
    rc |= origin ? buf_json_str(b, origin) : buf_puts(b, "null");
    rc |= buf_printf(b, ",\"from\":\"%s\",\"doc\":", FROM[from]);
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
            rule_conf_from from;
            double v = rule_conf_value_from(conf, r, k, &origin, &from);
            if (k) rc |= buf_puts(b, ",");
            rc |= json_param(b, &r->params[k], v, origin, from);
        }
        return rc |
               buf_printf(b, "],\"kind\":\"%s\"}\n", rule_kind_name(rule_conf_kind(conf, NULL)));
    }
    rc = buf_printf(b, "%s (version %u)%s\n", r->name, (unsigned)r->version,
                    r->nparams ? "" : ": no parameters to set");
    for (size_t k = 0; k < r->nparams; k++) {
        const rule_param *p = &r->params[k];
        const char *origin;
        rule_conf_from from;
        double v = rule_conf_value_from(conf, r, k, &origin, &from);
        rc |= buf_printf(b, "  %s.%s = %.15g", r->name, p->name, v);
        if (from == RULE_CONF_SET)
            rc |= esc_printf(b, "  (set in %s; default %.15g)", origin, p->def);
        else if (from == RULE_CONF_KIND)
            rc |= buf_printf(b, "  (%s default; default %.15g)",
                             rule_kind_name(rule_conf_kind(conf, NULL)), p->def);
        else
            rc |= buf_puts(b, "  (default)");
        rc |= buf_printf(b, "\n      %s; %.15g to %.15g %s\n", p->doc, p->min, p->max, p->unit);
    }
    return rc;
}

int emit_rules_kind(buf *b, enum emit_format f, const rule_conf *conf)
{
    if (f == EMIT_JSONL) return 0; /* each rule's object says it */
    const char *origin;
    rule_kind k = rule_conf_kind(conf, &origin);
    int rc = buf_printf(b, "kind = %s", rule_kind_name(k));
    rc |= origin ? esc_printf(b, "  (set in %s)", origin) : buf_puts(b, "  (default)");
    size_t n, own = 0;
    const rule_kind_override *o = rule_kind_overrides(&n);
    for (size_t i = 0; i < n; i++)
        own += o[i].kind == k;
    if (own)
        rc |=
            buf_printf(b, "\n    the defaults of a %s for %zu parameter%s (marked \"%s default\")",
                       rule_kind_name(k), own, own == 1 ? "" : "s", rule_kind_name(k));
    return rc | buf_puts(b, "\n\n");
}

int emit_rules_loaded(buf *b, enum emit_format f, const char *file, const char *kind, size_t n)
{
    if (f == EMIT_JSONL) {
        int rc = buf_puts(b, "{\"file\":");
        rc |= buf_json_str(b, file);
        rc |= buf_printf(b, ",\"set\":%zu,\"kind\":", n);
        rc |= kind ? buf_json_str(b, kind) : buf_puts(b, "null");
        return rc | buf_puts(b, "}\n");
    }
    if (kind)
        return esc_printf(b,
                          "rules configuration from %s in force: kind %s, %zu value%s set, every"
                          " other parameter at the %s default\n",
                          file, kind, n, n == 1 ? "" : "s", kind);
    return esc_printf(b,
                      "rules configuration from %s in force: %zu value%s set, every other"
                      " parameter at its default\n",
                      file, n, n == 1 ? "" : "s");
}

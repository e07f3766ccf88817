#include "ops/ops_rules.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "normalise/ts.h"
#include "store/store_lock.h"
#include "store/store_ruleconf.h"

/* A rules configuration is a few dozen lines; a file far larger is
 * something else given by mistake. */
enum { CONF_MAX = 1 << 20 };

/* Reads the file at path into *text (owned; *n bytes). 0 or -1 with e. */
static int read_file(const char *path, char **text, size_t *n, werr *e)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return werr_set(e, errno == ENOENT ? WERR_NOT_FOUND : WERR_INPUT, "cannot read %s: %s",
                        path, strerror(errno));
    char *b = malloc(CONF_MAX + 1);
    if (!b) {
        fclose(f);
        return werr_set(e, WERR_INTERNAL, "out of memory reading %s", path);
    }
    size_t got = fread(b, 1, CONF_MAX + 1, f);
    int bad = ferror(f), err = errno;
    fclose(f);
    if (bad || got > CONF_MAX) {
        free(b);
        if (bad) return werr_set(e, WERR_INPUT, "cannot read %s: %s", path, strerror(err));
        return werr_set(e, WERR_INPUT, "%s: larger than 1 MiB: not a rules configuration", path);
    }
    *text = b;
    *n = got;
    return 0;
}

int ops_rules_load(store *s, const char *path, size_t *nset, const char **kind_set, werr *e)
{
    char *text = NULL;
    size_t n = 0;
    *nset = 0;
    *kind_set = NULL;
    rule_conf *c = rule_conf_new();
    if (!c) return werr_set(e, WERR_INTERNAL, "out of memory reading %s", path);
    int rc = -1;
    if (read_file(path, &text, &n, e) < 0 || rule_conf_parse(c, text, n, path, e) < 0) goto done;
    size_t k = rule_conf_count(c);
    store_rule_param *v = calloc(k ? k : 1, sizeof *v);
    if (!v) {
        werr_set(e, WERR_INTERNAL, "out of memory reading %s", path);
        goto done;
    }
    for (size_t i = 0; i < k; i++) {
        const rule_conf_entry *x = rule_conf_at(c, i);
        v[i] = (store_rule_param){x->rule, x->param, x->origin, x->value};
    }
    const char *kind_origin;
    rule_kind kind = rule_conf_kind(c, &kind_origin);
    char what[600];
    snprintf(what, sizeof what, "rules load %s", path);
    if (store_writer_begin(s, what, e) == 0) {
        if (store_rule_params_replace(s, kind_origin ? rule_kind_name(kind) : NULL, kind_origin, v,
                                      k) < 0)
            werr_set(e, WERR_UNAVAILABLE, "store error: %s", store_errmsg(s));
        else
            rc = 0;
        store_writer_end(s);
    }
    free(v);
    if (rc == 0) {
        *nset = k;
        *kind_set = kind_origin ? rule_kind_name(kind) : NULL;
    }
done:
    free(text);
    rule_conf_free(c);
    return rc;
}

typedef struct reading {
    rule_conf *c;
    const ops_notes *notes;
    werr *e;
} reading;

static int add_stored(const store_rule_param *p, void *ctx)
{
    reading *r = ctx;
    werr why = {0};
    if (rule_conf_set(r->c, p->rule, p->param, p->value, p->origin, &why) == 0) return 0;
    if (why.code != WERR_INPUT) {
        *r->e = why;
        return -1;
    }
    ops_note(r->notes,
             "rules configuration: %s.%s = %.15g (%s) is ignored, the default applies: %s", p->rule,
             p->param, p->value, p->origin, why.msg);
    return 0;
}

/* The stored kind into c; one this version does not know is ignored with
 * a note. 0 or -1 with e. */
static int add_kind(store *s, rule_conf *c, const ops_notes *notes, werr *e)
{
    char kind[64], origin[600];
    int rc = store_rule_kind_get(s, kind, sizeof kind, origin, sizeof origin);
    if (rc < 0) return -1;
    if (rc == 0) return 0;
    werr why = {0};
    if (rule_conf_set_kind(c, kind, origin, &why) == 0) return 0;
    if (why.code != WERR_INPUT) {
        *e = why;
        return -1;
    }
    ops_note(notes, "rules configuration: kind = %s (%s) is ignored, the defaults apply: %s", kind,
             origin, why.msg);
    return 0;
}

int ops_rules_conf(store *s, const ops_notes *notes, rule_conf **out, werr *e)
{
    rule_conf *c = rule_conf_new();
    if (!c) return werr_set(e, WERR_INTERNAL, "out of memory reading the rules configuration");
    reading r = {c, notes, e};
    int rc = store_rule_params_each(s, add_stored, &r);
    if (rc == 0) rc = add_kind(s, c, notes, e);
    if (rc != 0) {
        if (rc < 0 && e->code == WERR_OK)
            werr_set(e, WERR_UNAVAILABLE, "cannot read the rules configuration: %s",
                     store_errmsg(s));
        rule_conf_free(c);
        return -1;
    }
    *out = c;
    return 0;
}

int ops_rules_set_kind(store *s, const char *kind, const char *origin, werr *e)
{
    rule_kind k;
    if (rule_kind_parse(kind, &k) < 0)
        return werr_set(e, WERR_INPUT, "unknown kind '%.60s' (%s)", kind, rule_kind_names());
    char what[200];
    snprintf(what, sizeof what, "rules kind %s", kind);
    if (store_writer_begin(s, what, e) < 0) return -1;
    int rc = store_rule_kind_set(s, rule_kind_name(k), origin);
    store_writer_end(s);
    if (rc < 0) return werr_set(e, WERR_UNAVAILABLE, "store error: %s", store_errmsg(s));
    return 0;
}

int ops_rules_incident_lookback(store *s, int64_t *ms, werr *e)
{
    rule_conf *c = NULL;
    double days = 0;
    if (ops_rules_conf(s, NULL, &c, e) < 0) return -1;
    int rc = rule_conf_get(c, "incident", "lookback_days", &days);
    rule_conf_free(c);
    if (rc < 0) return werr_set(e, WERR_INTERNAL, "rule incident has no lookback_days");
    *ms = (int64_t)(days * TS_DAY_MS);
    return 0;
}

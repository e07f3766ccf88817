#include "detect/rule_conf.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "detect/rules.h"

typedef struct setting {
    rule_conf_entry e;
    char *mem; /* rule, param and origin, one allocation */
} setting;

struct rule_conf {
    setting *v;
    size_t n, cap;
    rule_kind kind;
    char *kind_origin; /* owned; NULL: no kind set (the municipality's) */
};

rule_conf *rule_conf_new(void)
{
    return calloc(1, sizeof(rule_conf));
}

/* Drops the settings from the nth on. */
static void truncate_to(rule_conf *c, size_t n)
{
    while (c->n > n)
        free(c->v[--c->n].mem);
}

void rule_conf_free(rule_conf *c)
{
    if (!c) return;
    truncate_to(c, 0);
    free(c->v);
    free(c->kind_origin);
    free(c);
}

static const rule_def *find_rule(const char *name)
{
    size_t n;
    const rule_def *const *all = rules_all(&n);
    for (size_t i = 0; i < n; i++)
        if (strcmp(all[i]->name, name) == 0) return all[i];
    return NULL;
}

/* Appends the names of every rule, or of r's parameters, to out. */
static void list_names(char *out, size_t cap, const rule_def *r)
{
    size_t n, l;
    const rule_def *const *all = rules_all(&n);
    if (r) n = r->nparams;
    for (size_t i = 0; i < n && (l = strlen(out)) + 1 < cap; i++)
        snprintf(out + l, cap - l, "%s%s", i ? ", " : "", r ? r->params[i].name : all[i]->name);
}

/* The rule called rule and the index of its parameter param. 0, or -1
 * with e when there is none. */
static int find_param(const char *rule, const char *param, const rule_def **rp, size_t *k, werr *e)
{
    char names[400] = "";
    const rule_def *r = *rp = find_rule(rule);
    if (!r) {
        list_names(names, sizeof names, NULL);
        return werr_set(e, WERR_INPUT, "no rule is called '%.60s' (the rules: %s)", rule, names);
    }
    for (*k = 0; *k < r->nparams; (*k)++)
        if (strcmp(r->params[*k].name, param) == 0) return 0;
    if (!r->nparams)
        return werr_set(e, WERR_INPUT, "rule %s has no parameters to set in this version", r->name);
    list_names(names, sizeof names, r);
    return werr_set(e, WERR_INPUT, "rule %s has no parameter '%.60s' (its parameters: %s)", r->name,
                    param, names);
}

/* 0 when r's parameter k takes value, else -1 with e. */
static int check_value(const rule_def *r, size_t k, double value, werr *e)
{
    const rule_param *p = &r->params[k];
    if (p->whole && value != floor(value))
        return werr_set(e, WERR_INPUT, "%s.%s takes a whole number, not %.15g", r->name, p->name,
                        value);
    if (!(value >= p->min && value <= p->max))
        return werr_set(e, WERR_INPUT, "%s.%s takes %.15g to %.15g (%s), not %.15g", r->name,
                        p->name, p->min, p->max, p->unit, value);
    return 0;
}

/* The line number at the end of an origin ("rules.conf:3"), or NULL. */
static const char *line_of(const char *origin)
{
    const char *colon = strrchr(origin, ':');
    if (!colon || !colon[1] || strspn(colon + 1, "0123456789") != strlen(colon + 1)) return NULL;
    return colon + 1;
}

int rule_conf_set(rule_conf *c, const char *rule, const char *param, double value,
                  const char *origin, werr *e)
{
    const rule_def *r;
    size_t k;
    if (find_param(rule, param, &r, &k, e) < 0 || check_value(r, k, value, e) < 0) return -1;
    for (size_t i = 0; i < c->n; i++) {
        const rule_conf_entry *o = &c->v[i].e;
        if (strcmp(o->rule, r->name) != 0 || strcmp(o->param, r->params[k].name) != 0) continue;
        const char *line = line_of(o->origin);
        if (line)
            return werr_set(e, WERR_INPUT, "%s.%s is set already on line %s", o->rule, o->param,
                            line);
        return werr_set(e, WERR_INPUT, "%s.%s is set already (%s)", o->rule, o->param, o->origin);
    }
    if (c->n == c->cap) {
        size_t nc = c->cap ? c->cap * 2 : 16;
        setting *nv = realloc(c->v, nc * sizeof *nv);
        if (!nv) return werr_set(e, WERR_INTERNAL, "out of memory reading the rules configuration");
        c->v = nv;
        c->cap = nc;
    }
    /* The names from the rule's table, so that entries outlive no input. */
    size_t lr = strlen(r->name), lp = strlen(r->params[k].name), lo = strlen(origin);
    char *mem = malloc(lr + lp + lo + 3);
    if (!mem) return werr_set(e, WERR_INTERNAL, "out of memory reading the rules configuration");
    memcpy(mem, r->name, lr + 1);
    memcpy(mem + lr + 1, r->params[k].name, lp + 1);
    memcpy(mem + lr + lp + 2, origin, lo + 1);
    c->v[c->n++] = (setting){{mem, mem + lr + 1, mem + lr + lp + 2, value}, mem};
    return 0;
}

int rule_conf_set_kind(rule_conf *c, const char *name, const char *origin, werr *e)
{
    rule_kind k;
    if (rule_kind_parse(name, &k) < 0)
        return werr_set(e, WERR_INPUT, "unknown kind '%.60s' (%s)", name, rule_kind_names());
    if (c->kind_origin) {
        const char *line = line_of(c->kind_origin);
        if (line) return werr_set(e, WERR_INPUT, "kind is set already on line %s", line);
        return werr_set(e, WERR_INPUT, "kind is set already (%s)", c->kind_origin);
    }
    char *o = strdup(origin);
    if (!o) return werr_set(e, WERR_INTERNAL, "out of memory reading the rules configuration");
    c->kind = k;
    c->kind_origin = o;
    return 0;
}

rule_kind rule_conf_kind(const rule_conf *c, const char **origin)
{
    if (origin) *origin = c ? c->kind_origin : NULL;
    return c && c->kind_origin ? c->kind : RULE_KIND_MUNICIPALITY;
}

/* s[0..n) without spaces, tabs and carriage returns at either end. */
static void trim(const char **s, size_t *n)
{
    while (*n && strchr(" \t\r", (*s)[0]))
        (*s)++, (*n)--;
    while (*n && strchr(" \t\r", (*s)[*n - 1]))
        (*n)--;
}

/* A number as an operator writes one: digits with an optional sign,
 * fraction and exponent; no hex, inf or nan. 0 with *out, or -1. */
static int number(const char *s, size_t n, double *out)
{
    char tmp[64];
    if (n == 0 || n >= sizeof tmp) return -1;
    memcpy(tmp, s, n); /* s is not terminated: the file's bytes go on */
    tmp[n] = 0;
    if (strspn(tmp, "0123456789+-.eE") < n) return -1;
    char *end;
    *out = strtod(tmp, &end);
    return *end || end == tmp || !isfinite(*out) ? -1 : 0;
}

/* The value of a line `kind = NAME` (val[0..n), up to the line's end). */
static int parse_kind(rule_conf *c, const char *val, size_t n, const char *file, long no, werr *e)
{
    trim(&val, &n);
    if (n == 0) return werr_set(e, WERR_INPUT, "%s:%ld: kind has no value after '='", file, no);
    char name[64], origin[600];
    snprintf(name, sizeof name, "%.*s", n > 60 ? 60 : (int)n, val);
    snprintf(origin, sizeof origin, "%s:%ld", file, no);
    if (rule_conf_set_kind(c, name, origin, e) < 0)
        return e->code == WERR_INPUT ? werr_wrap(e, "%s:%ld: ", file, no) : -1;
    return 0;
}

/* One line (no newline), number no, into c. 0 or -1 with e. */
static int parse_line(rule_conf *c, const char *s, size_t n, const char *file, long no, werr *e)
{
    if (memchr(s, 0, n))
        return werr_set(e, WERR_INPUT, "%s:%ld: holds a NUL byte: not a rules configuration", file,
                        no);
    const char *hash = memchr(s, '#', n);
    if (hash) n = (size_t)(hash - s);
    trim(&s, &n);
    if (n == 0) return 0;
    const char *eq = memchr(s, '=', n), *key = s;
    size_t kn = eq ? (size_t)(eq - s) : n;
    trim(&key, &kn);
    if (eq && kn == 4 && memcmp(key, "kind", 4) == 0)
        return parse_kind(c, eq + 1, n - (size_t)(eq + 1 - s), file, no, e);
    const char *dot = memchr(key, '.', kn);
    if (!eq || !dot || dot == key || dot == key + kn - 1)
        return werr_set(e, WERR_INPUT, "%s:%ld: expected RULE.PARAMETER = VALUE, not '%.*s'", file,
                        no, n > 60 ? 60 : (int)n, s);
    char rule[64], param[64], origin[600];
    int rn = (int)(dot - key), pn = (int)(kn - (size_t)rn - 1);
    snprintf(rule, sizeof rule, "%.*s", rn, key);
    snprintf(param, sizeof param, "%.*s", pn, dot + 1);
    const char *val = eq + 1;
    size_t vn = n - (size_t)(val - s);
    trim(&val, &vn);
    double v;
    if (vn == 0)
        return werr_set(e, WERR_INPUT, "%s:%ld: %s.%s has no value after '='", file, no, rule,
                        param);
    snprintf(origin, sizeof origin, "%s:%ld", file, no);
    /* The rule and parameter first: "not a number" is no help for a key
     * that does not exist. */
    const rule_def *r;
    size_t k;
    if (find_param(rule, param, &r, &k, e) < 0) return werr_wrap(e, "%s:%ld: ", file, no);
    if (number(val, vn, &v) < 0)
        return werr_set(e, WERR_INPUT, "%s:%ld: %s.%s takes a number, not '%.*s'", file, no, rule,
                        param, vn > 40 ? 40 : (int)vn, val);
    if (rule_conf_set(c, rule, param, v, origin, e) < 0)
        return e->code == WERR_INPUT ? werr_wrap(e, "%s:%ld: ", file, no) : -1;
    return 0;
}

int rule_conf_parse(rule_conf *c, const char *text, size_t n, const char *file, werr *e)
{
    size_t before = c->n;
    int had_kind = c->kind_origin != NULL;
    if (n >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) text += 3, n -= 3;
    long no = 0;
    for (size_t at = 0; at < n;) {
        const char *nl = memchr(text + at, '\n', n - at);
        size_t len = nl ? (size_t)(nl - (text + at)) : n - at;
        if (parse_line(c, text + at, len, file, ++no, e) < 0) {
            truncate_to(c, before);
            if (!had_kind) {
                free(c->kind_origin);
                c->kind_origin = NULL;
                c->kind = RULE_KIND_MUNICIPALITY;
            }
            return -1;
        }
        at += len + 1;
    }
    return 0;
}

size_t rule_conf_count(const rule_conf *c)
{
    return c ? c->n : 0;
}

const rule_conf_entry *rule_conf_at(const rule_conf *c, size_t i)
{
    return &c->v[i].e;
}

int rule_conf_get(const rule_conf *c, const char *rule, const char *param, double *out)
{
    const rule_def *r;
    size_t k;
    if (find_param(rule, param, &r, &k, NULL) < 0) return -1;
    *out = rule_conf_value(c, r, k, NULL);
    return 0;
}

double rule_conf_value_from(const rule_conf *c, const rule_def *r, size_t k, const char **origin,
                            rule_conf_from *from)
{
    if (origin) *origin = NULL;
    for (size_t i = 0; c && i < c->n; i++) {
        const rule_conf_entry *s = &c->v[i].e;
        if (strcmp(s->rule, r->name) == 0 && strcmp(s->param, r->params[k].name) == 0) {
            if (origin) *origin = s->origin;
            if (from) *from = RULE_CONF_SET;
            return s->value;
        }
    }
    const rule_kind_override *o = rule_kind_find(rule_conf_kind(c, NULL), r, k);
    if (from) *from = o ? RULE_CONF_KIND : RULE_CONF_DEFAULT;
    return o ? o->value : r->params[k].def;
}

double rule_conf_value(const rule_conf *c, const rule_def *r, size_t k, const char **origin)
{
    return rule_conf_value_from(c, r, k, origin, NULL);
}

/* test_siem — alerts in the SOC's formats (emit/emit_siem.h): ECS checked
 * field by field against a subset of the ECS schema (tests/data/
 * ecs_fields.csv), CEF's and syslog's escaping with values typed by
 * staff, TheHive's payload; the store's side of forwarding: when an alert
 * was raised, its unit at the time, the order alerts were stored in and
 * the cursors (store_forward.h); and the URLs forward refuses. */
#include "testutil.h"

#include <cJSON.h>
#include <ctype.h>

#include "emit/emit_siem.h"
#include "forward/fwd_url.h"
#include "normalise/ts.h"
#include "store/store_alerts.h"
#include "store/store_forward.h"

#ifndef ECS_FIELDS
#define ECS_FIELDS "tests/data/ecs_fields.csv"
#endif

/* 2026-03-02T09:00:00Z */
#define T0 INT64_C(1772442000000)

static const emit_siem_from FROM = {"1.2", "wachter-host", 4242};

/* An alert whose reason a member of staff typed: a case number with CEF's
 * and syslog's specials, a purpose over two lines, an escape character. */
static store_alert hostile(void)
{
    static const char *ev[] = {"e1", "e2"}, *sub[] = {"s1", "s1"};
    store_alert a = {0};
    a.id = "a-1";
    a.actor = "k.devries";
    a.rule = "unexplained";
    a.reason = "case Z|1=2\\x purpose line one\nline two\r\x1b[31m\"]";
    a.ts = T0;
    a.severity = 3;
    a.score = 42.5;
    a.events = ev;
    a.subjects = sub;
    a.n = 2;
    a.status = "new";
    a.why = "";
    a.raised = T0 + 61500;
    a.unit = "burger\"zaken]\\x";
    return a;
}

static char *render(enum emit_siem f, const emit_siem_from *from, const store_alert *a)
{
    buf b = {0};
    assert_int_equal(emit_siem_alert(&b, f, from, a), 0);
    assert_non_null(b.data);
    return b.data; /* owned */
}

/* One line: every byte printable but the '\n' that ends it. */
static void assert_one_clean_line(const char *s)
{
    size_t n = strlen(s);
    assert_true(n > 1);
    assert_int_equal(s[n - 1], '\n');
    for (size_t i = 0; i + 1 < n; i++)
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
            fail_msg("raw control byte at %zu: %s", i, s);
}

static void test_control_characters_never_raw(void **state)
{
    (void)state;
    store_alert a = hostile();
    for (int f = EMIT_SIEM_ECS; f <= EMIT_SIEM_THEHIVE; f++) {
        char *s = render((enum emit_siem)f, &FROM, &a);
        assert_one_clean_line(s);
        assert_null(strstr(s, "\x1b"));
        free(s);
    }
}

static void test_cef_escapes_header_and_extension(void **state)
{
    (void)state;
    store_alert a = hostile();
    /* A header field with a pipe and a backslash (the version). */
    emit_siem_from from = {"1|2\\3", "h", 1};
    char *s = render(EMIT_SIEM_CEF, &from, &a);
    assert_non_null(strstr(s, "CEF:0|wachter|wachter|1\\|2\\\\3|unexplained|Look-ups no case"
                              " explains|8|"));
    /* In an extension value: '=' and '\' escaped, newlines as \n and \r,
     * the pipe as it is. */
    assert_non_null(strstr(s, " msg=case Z|1\\=2\\\\x purpose line one\\nline two\\r\\x1b[31m\"]"
                              " cfp1=42.5"));
    assert_non_null(strstr(s, "|8|rt=1772442061500 start=1772442000000 externalId=a-1"
                              " suser=k.devries act=alert cat=unexplained"));
    assert_non_null(strstr(s, " cs1=burger\"zaken]\\\\x cs1Label=unit"));
    free(s);
}

static void test_syslog_escapes_structured_data(void **state)
{
    (void)state;
    store_alert a = hostile();
    char *s = render(EMIT_SIEM_SYSLOG, &FROM, &a);
    /* PRI: facility authpriv (10), high is err (3). */
    assert_non_null(strstr(s, "<83>1 2026-03-02T09:01:01.500Z wachter-host wachter 4242 alert"
                              " [wachter@32473 alert=\"a-1\" rule=\"unexplained\""
                              " severity=\"high\" score=\"42.5\" user=\"k.devries\""
                              " unit=\"burger\\\"zaken\\]\\\\x\" start=\"2026-03-02T09:00:00.000Z\""
                              " status=\"new\"] case Z|1=2\\x purpose line one\\nline two\\r"));
    free(s);
    /* Absent header fields are NILVALUE. */
    emit_siem_from none = {"1", "", 0};
    s = render(EMIT_SIEM_SYSLOG, &none, &a);
    assert_non_null(strstr(s, "Z - wachter - alert [wachter@32473 "));
    free(s);
    emit_siem_from spaced = {"1", "two words", 0};
    s = render(EMIT_SIEM_SYSLOG, &spaced, &a);
    assert_non_null(strstr(s, "Z - wachter - alert "));
    free(s);
}

static void test_syslog_wraps_cef(void **state)
{
    (void)state;
    store_alert a = hostile();
    char *cef = render(EMIT_SIEM_CEF, &FROM, &a);
    buf b = {0};
    assert_int_equal(emit_siem_syslog_wrap(&b, &FROM, &a, cef, strlen(cef)), 0);
    assert_non_null(strstr(b.data, "wachter 4242 alert [wachter@32473 alert=\"a-1\"] CEF:0|"));
    assert_one_clean_line(b.data);
    buf_free(&b);
    free(cef);
}

/* The ECS subset: field, type, allowed values. */
typedef struct ecs_field {
    char name[64], type[32], allowed[512];
} ecs_field;

static size_t load_ecs(ecs_field *out, size_t max)
{
    FILE *f = fopen(ECS_FIELDS, "r");
    assert_non_null(f);
    char line[1024];
    size_t n = 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = 0;
        if (line[0] == '#' || strncmp(line, "field,", 6) == 0 || !line[0]) continue;
        assert_true(n < max);
        char *c1 = strchr(line, ','), *c2 = c1 ? strchr(c1 + 1, ',') : NULL;
        assert_non_null(c2);
        *c1 = *c2 = 0;
        assert_true(strlen(line) < sizeof out[n].name && strlen(c1 + 1) < sizeof out[n].type &&
                    strlen(c2 + 1) < sizeof out[n].allowed);
        strcpy(out[n].name, line);
        strcpy(out[n].type, c1 + 1);
        strcpy(out[n].allowed, c2 + 1);
        n++;
    }
    fclose(f);
    return n;
}

static const ecs_field *ecs_find(const ecs_field *f, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(f[i].name);
        if (strcmp(f[i].name, name) == 0) return &f[i];
        if (len > 2 && strcmp(f[i].name + len - 2, ".*") == 0 &&
            strncmp(f[i].name, name, len - 1) == 0 && !strchr(name + len - 1, '.'))
            return &f[i];
    }
    return NULL;
}

/* ECS's date: ISO 8601, here "YYYY-MM-DDTHH:MM:SS[.fff]Z". */
static int is_date(const char *s)
{
    const char *shape = "dddd-dd-ddTdd:dd:dd";
    for (size_t i = 0; shape[i]; i++)
        if (shape[i] == 'd' ? !isdigit((unsigned char)s[i]) : s[i] != shape[i]) return 0;
    s += strlen(shape);
    if (*s == '.') {
        s++;
        if (!isdigit((unsigned char)*s)) return 0;
        while (isdigit((unsigned char)*s))
            s++;
    }
    return strcmp(s, "Z") == 0;
}

static int allowed(const char *list, const char *v)
{
    if (!*list) return 1;
    size_t n = strlen(v);
    for (const char *p = list; p; p = strchr(p, '|')) {
        if (*p == '|') p++;
        if (strncmp(p, v, n) == 0 && (p[n] == '|' || !p[n])) return 1;
    }
    return 0;
}

/* One value of an ECS field of type t. */
static void check_value(const char *name, const ecs_field *f, const cJSON *v)
{
    const char *t = f->type;
    int ok;
    if (strcmp(t, "keyword") == 0 || strcmp(t, "match_only_text") == 0)
        ok = cJSON_IsString(v) && allowed(f->allowed, v->valuestring);
    else if (strcmp(t, "date") == 0)
        ok = cJSON_IsString(v) && is_date(v->valuestring);
    else if (strcmp(t, "long") == 0)
        ok = cJSON_IsNumber(v) && v->valuedouble == (double)(long long)v->valuedouble;
    else if (strcmp(t, "float") == 0)
        ok = cJSON_IsNumber(v);
    else
        ok = 0;
    if (!ok) fail_msg("ECS field %s (%s): a value not of its type or allowed", name, t);
}

/* Every leaf of o, by its dotted name, is an ECS field with a value of
 * its type (an array: each element). Returns how many were checked. */
static int check_ecs(const cJSON *o, const char *prefix, const ecs_field *f, size_t n)
{
    int checked = 0;
    for (const cJSON *c = o->child; c; c = c->next) {
        char name[128];
        snprintf(name, sizeof name, "%s%s%s", prefix, *prefix ? "." : "", c->string);
        if (cJSON_IsObject(c)) {
            checked += check_ecs(c, name, f, n);
            continue;
        }
        const ecs_field *def = ecs_find(f, n, name);
        if (!def) fail_msg("%s is not an ECS field (tests/data/ecs_fields.csv)", name);
        if (cJSON_IsArray(c)) {
            assert_true(cJSON_GetArraySize(c) > 0);
            for (const cJSON *e = c->child; e; e = e->next)
                check_value(name, def, e);
        } else
            check_value(name, def, c);
        checked++;
    }
    return checked;
}

static void test_ecs_fields_have_their_types(void **state)
{
    (void)state;
    ecs_field f[64];
    size_t n = load_ecs(f, 64);
    store_alert a = hostile();
    const char *who[] = {"k.devries", "j.jansen"};
    const double w[] = {40, 30};
    for (int variant = 0; variant < 3; variant++) {
        if (variant == 1) { /* several actors, no unit, no host */
            a.actors = who;
            a.actor_scores = w;
            a.nactors = 2;
            a.unit = "";
        }
        emit_siem_from from = FROM;
        if (variant == 2) from.host = NULL;
        char *s = render(EMIT_SIEM_ECS, &from, &a);
        assert_one_clean_line(s);
        cJSON *j = cJSON_Parse(s);
        if (!j) fail_msg("not JSON: %s", s);
        assert_true(check_ecs(j, "", f, n) >= 20);
        /* What a SOC reads first. */
        assert_string_equal(cJSON_GetObjectItem(j, "@timestamp")->valuestring,
                            "2026-03-02T09:01:01.500Z");
        cJSON *ev = cJSON_GetObjectItem(j, "event");
        assert_string_equal(cJSON_GetObjectItem(ev, "kind")->valuestring, "alert");
        assert_string_equal(cJSON_GetObjectItem(ev, "start")->valuestring,
                            "2026-03-02T09:00:00.000Z");
        assert_string_equal(cJSON_GetObjectItem(ev, "id")->valuestring, "a-1");
        assert_int_equal(cJSON_GetObjectItem(ev, "severity")->valueint, 3);
        assert_string_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(j, "user"), "id")->valuestring,
                            "k.devries");
        assert_string_equal(cJSON_GetObjectItem(j, "message")->valuestring, a.reason);
        assert_string_equal(
            cJSON_GetObjectItem(cJSON_GetObjectItem(j, "observer"), "product")->valuestring,
            "wachter");
        cJSON *group = cJSON_GetObjectItem(cJSON_GetObjectItem(j, "user"), "group");
        if (variant == 0)
            assert_string_equal(cJSON_GetObjectItem(group, "name")->valuestring, a.unit);
        else
            assert_null(group);
        cJSON_Delete(j);
        free(s);
    }
}

static void test_thehive_payload(void **state)
{
    (void)state;
    store_alert a = hostile();
    char *s = render(EMIT_SIEM_THEHIVE, &FROM, &a);
    assert_one_clean_line(s);
    cJSON *j = cJSON_Parse(s);
    assert_non_null(j);
    assert_string_equal(cJSON_GetObjectItem(j, "type")->valuestring, "wachter-alert");
    assert_string_equal(cJSON_GetObjectItem(j, "source")->valuestring, "wachter");
    assert_string_equal(cJSON_GetObjectItem(j, "sourceRef")->valuestring, "a-1");
    assert_string_equal(cJSON_GetObjectItem(j, "title")->valuestring,
                        "Look-ups no case explains: k.devries");
    assert_non_null(strstr(cJSON_GetObjectItem(j, "description")->valuestring, a.reason));
    assert_int_equal(cJSON_GetObjectItem(j, "severity")->valueint, 3);
    assert_true(cJSON_GetObjectItem(j, "date")->valuedouble == (double)(T0 + 61500));
    cJSON *tags = cJSON_GetObjectItem(j, "tags");
    assert_int_equal(cJSON_GetArraySize(tags), 3);
    assert_string_equal(cJSON_GetArrayItem(tags, 1)->valuestring, "rule:unexplained");
    assert_string_equal(cJSON_GetArrayItem(tags, 2)->valuestring, "unit:burger\"zaken]\\x");
    /* The actor, and the subject once (it is listed twice). */
    cJSON *obs = cJSON_GetObjectItem(j, "observables");
    assert_int_equal(cJSON_GetArraySize(obs), 2);
    cJSON *o0 = cJSON_GetArrayItem(obs, 0), *o1 = cJSON_GetArrayItem(obs, 1);
    assert_string_equal(cJSON_GetObjectItem(o0, "dataType")->valuestring, "other");
    assert_string_equal(cJSON_GetObjectItem(o0, "data")->valuestring, "k.devries");
    assert_string_equal(cJSON_GetObjectItem(o1, "data")->valuestring, "s1");
    cJSON_Delete(j);
    free(s);
    /* An employee's own record shows as their pseudonym: an observable
     * once, not as staff and as subject (TheHive refuses repeats). */
    const char *own[] = {"k.devries", "s2", "s2"};
    a.subjects = own;
    a.n = 3;
    s = render(EMIT_SIEM_THEHIVE, &FROM, &a);
    j = cJSON_Parse(s);
    obs = cJSON_GetObjectItem(j, "observables");
    assert_int_equal(cJSON_GetArraySize(obs), 2);
    assert_string_equal(cJSON_GetObjectItem(cJSON_GetArrayItem(obs, 1), "data")->valuestring, "s2");
    cJSON_Delete(j);
    free(s);
    /* Severity stays within TheHive's 1-4. */
    a.severity = 9;
    s = render(EMIT_SIEM_THEHIVE, &FROM, &a);
    assert_non_null(strstr(s, "\"severity\":4,"));
    free(s);
}

/* --- the store's side --- */

typedef struct seen {
    char ids[256];
    int64_t seq[8], raised[8];
    char unit[8][32];
    int n;
} seen;

static int keep(const store_alert *a, void *ctx)
{
    seen *s = ctx;
    size_t len = strlen(s->ids);
    snprintf(s->ids + len, sizeof s->ids - len, "%s%s", len ? "," : "", a->id);
    if (s->n < 8) {
        s->seq[s->n] = a->seq;
        s->raised[s->n] = a->raised;
        snprintf(s->unit[s->n], sizeof s->unit[0], "%s", a->unit);
    }
    s->n++;
    return 0;
}

static void put(store *s, const char *id, const char *actor, int64_t ts, int64_t raised)
{
    const char *ev[] = {"e1"}, *sub[] = {"s1"};
    store_alert a = {.id = id,
                     .actor = actor,
                     .rule = "volume",
                     .reason = "r",
                     .ts = ts,
                     .severity = 2,
                     .score = 10,
                     .events = ev,
                     .subjects = sub,
                     .n = 1,
                     .raised = raised};
    int is_new;
    assert_int_equal(store_put_alert(s, &a, &is_new), 0);
}

static void sql(const char *path, const char *q)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    char *err = NULL;
    if (sqlite3_exec(db, q, NULL, NULL, &err) != SQLITE_OK) fail_msg("%s: %s", q, err);
    sqlite3_close(db);
}

static void test_raised_unit_and_order(void **state)
{
    (void)state;
    char *dir = tu_tmpdir(), path[600];
    snprintf(path, sizeof path, "%s/t.db", dir);
    store *s;
    assert_int_equal(store_open(path, &s, &(werr){0}), 0);
    /* ann moved from belastingen to burgerzaken at 2000. */
    sql(path, "INSERT INTO actors(actor, unit) VALUES('ann', 'burgerzaken');"
              "INSERT INTO moves(actor, moved, from_unit, to_unit)"
              " VALUES('ann', 2000, 'belastingen', 'burgerzaken')");
    int64_t before = ts_now_ms();
    put(s, "a1", "ann", 1000, 0);
    int64_t after = ts_now_ms();
    put(s, "a2", "ann", 3000, 777);
    put(s, "a3", "bob", 3000, 778);
    put(s, "a1", "ann", 500, 999); /* merged: keeps when it was raised */
    seen w = {0};
    assert_int_equal(store_each_alert_after(s, 0, 0, keep, &w), 0);
    assert_string_equal(w.ids, "a1,a2,a3");
    assert_true(w.raised[0] >= before && w.raised[0] <= after);
    assert_int_equal(w.raised[1], 777);
    assert_string_equal(w.unit[0], "belastingen"); /* before the move */
    assert_string_equal(w.unit[1], "burgerzaken");
    assert_string_equal(w.unit[2], ""); /* not in the register */
    assert_true(w.seq[0] < w.seq[1] && w.seq[1] < w.seq[2]);
    int64_t third = w.seq[2];

    /* A cursor: new at 0; moves forward only. */
    int64_t cur, pending;
    assert_int_equal(store_fwd_cursor(s, "syslog+tcp://h:1", "syslog", &cur), 0);
    assert_int_equal(cur, 0);
    assert_int_equal(store_fwd_delivered(s, "syslog+tcp://h:1", w.seq[1], 2, 10), 0);
    assert_int_equal(store_fwd_delivered(s, "syslog+tcp://h:1", w.seq[0], 1, 11), 0);
    assert_int_equal(store_fwd_cursor(s, "syslog+tcp://h:1", "syslog", &cur), 0);
    assert_int_equal(cur, w.seq[1]);
    assert_int_equal(store_alerts_after_count(s, cur, &pending), 0);
    assert_int_equal(pending, 1);
    seen rest = {0};
    assert_int_equal(store_each_alert_after(s, cur, 10, keep, &rest), 0);
    assert_string_equal(rest.ids, "a3");
    assert_int_equal(store_fwd_failed(s, "syslog+tcp://h:1", "refused", 12), 0);

    /* The newest alert purged: the next one does not get its number, so
     * a cursor past the purged one still sees it. */
    store_close(s);
    sql(path, "DELETE FROM alerts WHERE id = 'a3'");
    assert_int_equal(store_open(path, &s, &(werr){0}), 0);
    put(s, "a4", "bob", 4000, 0);
    seen last = {0};
    assert_int_equal(store_each_alert_after(s, third, 10, keep, &last), 0);
    assert_string_equal(last.ids, "a4");
    assert_true(last.seq[0] > third);
    store_close(s);
    tu_rmdir(dir);
}

static void test_alerts_before_schema_26_read_their_time(void **state)
{
    (void)state;
    char *dir = tu_tmpdir(), path[600];
    snprintf(path, sizeof path, "%s/t.db", dir);
    store *s;
    assert_int_equal(store_open(path, &s, &(werr){0}), 0);
    store_close(s);
    /* The store as schema 25 left it (without 26's and 27's tables), with
     * two alerts. */
    sql(path, "DROP TRIGGER alert_order_del;"
              " DROP TABLE alert_order; DROP TABLE forward_cursors;"
              " ALTER TABLE alerts DROP COLUMN raised;"
              " DROP TABLE activities; DROP TABLE otlp_pending;"
              " INSERT INTO alerts(id, ts, actor, rule, severity, score, reason)"
              "  VALUES('old2', 2000, 'ann', 'volume', 2, 10, 'r'),"
              "  ('old1', 1000, 'ann', 'volume', 2, 10, 'r');"
              " PRAGMA user_version=25");
    assert_int_equal(store_open(path, &s, &(werr){0}), 0);
    seen w = {0};
    assert_int_equal(store_each_alert_after(s, 0, 0, keep, &w), 0);
    assert_string_equal(w.ids, "old1,old2"); /* in their time's order */
    assert_int_equal(w.raised[0], 1000);
    assert_int_equal(w.raised[1], 2000);
    store_close(s);
    tu_rmdir(dir);
}

/* The URLs forward refuses (docs/bad-input.md). */
static void test_bad_urls(void **state)
{
    (void)state;
    static const struct {
        const char *id, *url, *says;
    } bad[] = {
        {"forward.url-scheme", "ftp://siem:21", "takes syslog+tcp://HOST:PORT"},
        {"forward.url-scheme", "siem.example:514", "takes syslog+tcp://HOST:PORT"},
        {"forward.url-port", "syslog+tcp://siem.example", "names its port"},
        {"forward.url-port", "syslog+tcp://siem:0", "port is a number from 1 to 65535"},
        {"forward.url-port", "syslog+tls://siem:65536", "port is a number from 1 to 65535"},
        {"forward.url-port", "syslog+tcp://siem:-1", "port is a number from 1 to 65535"},
        {"forward.url-port", "syslog+tcp://siem:51x", "port is a number from 1 to 65535"},
        {"forward.url-host", "syslog+tcp://:514", "no host"},
        {"forward.url-host", "https:///api", "no host"},
        {"forward.url-credentials", "https://admin:secret@thehive/api/v1/alert",
         "no user or password"},
        {"forward.url-control", "http://h/a b", "no spaces or control"},
        {"forward.url-control", "http://h/\x1b[2J", "no spaces or control"},
        {"forward.url-path", "syslog+tcp://siem:514/x", "has no path"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        fwd_url u;
        werr e = {0};
        if (fwd_url_parse(bad[i].url, &u, &e) == 0) fail_msg("%s: %s taken", bad[i].id, bad[i].url);
        assert_int_equal(e.code, WERR_INPUT);
        if (!strstr(e.msg, bad[i].says)) fail_msg("%s: %s", bad[i].id, e.msg);
    }
    fwd_url u;
    werr e = {0};
    assert_int_equal(fwd_url_parse("syslog+tls://[::1]:6514", &u, &e), 0);
    assert_string_equal(u.host, "::1");
    assert_string_equal(u.port, "6514");
    assert_int_equal(u.scheme, FWD_SYSLOG_TLS);
    assert_int_equal(fwd_url_parse("https://thehive.example:9000/api/v1/alert", &u, &e), 0);
    assert_int_equal(u.scheme, FWD_HTTP);
    assert_string_equal(u.host, "thehive.example");
}

/* Runs "wachter --db DIR/t.db ARGS..." as an analyst sees it: staff by
 * pseudonym (args end with NULL). */
static tu_run as_seen(const char *dir, ...)
{
    va_list ap;
    va_start(ap, dir);
    tu_run r = tu_wachter_runv(dir, "t.db", 0, ap);
    va_end(ap);
    return r;
}

/* `alerts --format ecs|cef|syslog`: staff by pseudonym, every filter of
 * alerts applies (the queue's too), nothing else printed. */
static void test_alerts_in_siem_formats(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    tu_write(dir, "ev.jsonl",
             "{\"id\":\"x1\",\"ts\":\"2026-03-02T09:00:00Z\",\"actor\":\"ghost.one\","
             "\"system\":\"brp\",\"action\":\"view\",\"subject\":\"123456782\"}\n"
             "{\"id\":\"x2\",\"ts\":\"2026-03-02T09:00:01Z\",\"actor\":\"ghost.two\","
             "\"system\":\"brp\",\"action\":\"view\",\"subject\":\"123456782\"}\n");
    /* A staff register without them: each is an account not in it. */
    tu_write(dir, "actors.csv", "actor,unit,role\nk.devries,burgerzaken,medewerker\n");
    tu_run l = tu_wachter(dir, "load", dir, NULL);
    assert_int_equal(l.code, 0);
    tu_free(&l);
    char ev[600];
    snprintf(ev, sizeof ev, "%s/ev.jsonl", dir);
    tu_ingest_expect(dir, ev, "\"stored\":2");
    tu_run all = as_seen(dir, "alerts", "--format", "jsonl", NULL);
    int n = tu_count_lines(all.out, "\"id\":");
    assert_true(n >= 2);
    static const char *const fmts[] = {"ecs", "cef", "syslog"};
    static const char *const marks[] = {"{\"@timestamp\":", "CEF:0|wachter|wachter|", "<"};
    for (int f = 0; f < 3; f++) {
        tu_run r = as_seen(dir, "alerts", "--format", fmts[f], NULL);
        assert_int_equal(r.code, 0);
        assert_int_equal(tu_count_lines(r.out, marks[f]), n);
        assert_null(strstr(r.out, "ghost.one"));
        assert_non_null(strstr(r.out, "emp-"));
        assert_int_equal(tu_count_lines(r.out, ""), n); /* no heading, one line each */
        tu_free(&r);
        /* The queue's filters: one actor's, as a pseudonym. */
        tu_run q = tu_wachter(dir, "alerts", "--format", fmts[f], "--rule", "employment", "--actor",
                              "ghost.two", NULL);
        assert_int_equal(q.code, 0);
        assert_true(tu_count_lines(q.out, marks[f]) >= 1);
        assert_null(strstr(q.out, "ghost.one"));
        assert_non_null(strstr(q.out, "ghost.two"));
        tu_free(&q);
    }
    tu_free(&all);
    tu_rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_control_characters_never_raw),
        cmocka_unit_test(test_cef_escapes_header_and_extension),
        cmocka_unit_test(test_syslog_escapes_structured_data),
        cmocka_unit_test(test_syslog_wraps_cef),
        cmocka_unit_test(test_ecs_fields_have_their_types),
        cmocka_unit_test(test_thehive_payload),
        cmocka_unit_test(test_raised_unit_and_order),
        cmocka_unit_test(test_alerts_before_schema_26_read_their_time),
        cmocka_unit_test(test_bad_urls),
        cmocka_unit_test(test_alerts_in_siem_formats),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Recertification campaigns (issue 36) on a small hand-made organisation:
 * a campaign for a system creates exactly the items of the rights held on
 * it that day, one for a unit those of its staff; decisions and the
 * progress counts, a changed decision in the history, bulk decisions by
 * last use, overdue after the due date, the revocation list, and the
 * refusals (a non-owner, recorded; an unknown item; a revocation without
 * a reason; a closed campaign; closing with open items; exporting an
 * open one). The CLI: the export with real account ids is an
 * administrator's, every other output names staff by pseudonym. */
#include "testutil.h"

#include "emit/emit_recert.h"
#include "ops/ops_audit.h"
#include "ops/ops_recert.h"
#include "store/store_accounts.h"

#define T0 INT64_C(1772445600000) /* 2026-03-02T10:00:00Z */
#define DAY INT64_C(86400000)

static const char actors_csv[] = "actor,unit,role,start,end,person,surname,postcode,house_number\n"
                                 "clerk1,burgerzaken,baliemedewerker,2020-01-01,,,,,\n"
                                 "clerk2,burgerzaken,baliemedewerker,2020-01-01,,,,,\n"
                                 "clerk3,belastingen,medewerker,2020-01-01,,,,,\n"
                                 "clerk4,burgerzaken,baliemedewerker,2020-01-01,,,,,\n";
/* On brp at T0: clerk1 view and export, clerk2 view, clerk3 everything;
 * clerk4's brp view was revoked before. */
static const char rights_csv[] = "actor,system,right,granted,revoked,granted_by\n"
                                 "clerk1,brp,view,2025-01-01,,it-desk\n"
                                 "clerk1,brp,export,2025-01-01,,it-desk\n"
                                 "clerk2,brp,view,2025-01-01,,it-desk\n"
                                 "clerk3,brp,*,2025-01-01,,it-desk\n"
                                 "clerk4,brp,view,2025-01-01,2026-01-01,it-desk\n"
                                 "clerk4,zaken,edit,2025-01-01,,it-desk\n"
                                 "clerk3,zaken,edit,2025-01-01,,it-desk\n";

typedef struct fixture {
    char *dir;
    store *s;
} fixture;

static const ops_actor OLGA = {"olga", OPS_ROLE_ANALYST}, ANN = {"ann", OPS_ROLE_ANALYST},
                       SAM = {"sam", OPS_ROLE_SENIOR}, ADM = {"adm", OPS_ROLE_ADMIN};

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    f->dir = tu_tmpdir();
    tu_write(f->dir, "actors.csv", actors_csv);
    tu_write(f->dir, "rights.csv", rights_csv);
    char events[2048];
    /* clerk1 viewed yesterday, clerk2 100 days ago, clerk3 searched 10
     * days ago. */
    snprintf(events, sizeof events,
             "{\"id\":\"e1\",\"ts\":%lld,\"actor\":\"clerk1\",\"system\":\"brp\",\"action\":"
             "\"view\",\"subject\":\"S1\",\"subject_type\":\"person\"}\n"
             "{\"id\":\"e2\",\"ts\":%lld,\"actor\":\"clerk2\",\"system\":\"brp\",\"action\":"
             "\"view\",\"subject\":\"S2\",\"subject_type\":\"person\"}\n"
             "{\"id\":\"e3\",\"ts\":%lld,\"actor\":\"clerk3\",\"system\":\"brp\",\"action\":"
             "\"search\",\"subject\":\"\",\"query\":\"de Vries\"}\n",
             (long long)(T0 - DAY), (long long)(T0 - 100 * DAY), (long long)(T0 - 10 * DAY));
    tu_write(f->dir, "events.jsonl", events);
    tu_run r = tu_wachter(f->dir, "load", f->dir, NULL);
    assert_int_equal(r.code, 0);
    tu_free(&r);
    char path[512];
    snprintf(path, sizeof path, "%s/events.jsonl", f->dir);
    r = tu_wachter(f->dir, "ingest", path, NULL);
    assert_int_equal(r.code, 0);
    tu_free(&r);
    snprintf(path, sizeof path, "%s/t.db", f->dir);
    assert_int_equal(store_open(path, &f->s, &(werr){0}), 0);
    const store_account acc[] = {{"olga", "analyst", "$argon2id$x", 0, T0},
                                 {"ann", "analyst", "$argon2id$x", 0, T0},
                                 {"sam", "senior-analyst", "$argon2id$x", 0, T0},
                                 {"adm", "administrator", "$argon2id$x", 0, T0},
                                 {"aud", "auditor", "$argon2id$x", 0, T0},
                                 {"gone", "analyst", "$argon2id$x", 1, T0}};
    for (size_t i = 0; i < sizeof acc / sizeof *acc; i++)
        assert_int_equal(store_account_add(f->s, &acc[i]), 1);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    store_close(f->s);
    tu_rmdir(f->dir);
    free(f);
    return 0;
}

/* Starts a campaign for system brp owned by olga, due 2026-03-31. */
static int64_t start_brp(fixture *f)
{
    ops_recert_spec spec = {NULL, "brp", NULL, "olga", "2026-03-31"};
    int64_t id = 0;
    werr e = {0};
    assert_int_equal(ops_recert_start(f->s, &SAM, &spec, T0, &id, &e), 0);
    return id;
}

/* The items as "actor system:action decision", one a line. */
static char *rows_of(store_recert_item *v, size_t n)
{
    buf b = {0};
    for (size_t i = 0; i < n; i++)
        buf_printf(&b, "%s %s:%s %s\n", v[i].actor, v[i].system, v[i].action,
                   *v[i].decision ? v[i].decision : "-");
    return b.data ? (char *)b.data : strdup("");
}

static char *items_of(fixture *f, int64_t id)
{
    store_recert_item *v;
    size_t n;
    werr e = {0};
    assert_int_equal(ops_recert_items(f->s, id, 0, &v, &n, &e), 0);
    char *t = rows_of(v, n);
    store_recert_items_free(v, n);
    return t;
}

static store_recert_item item_at(fixture *f, int64_t id, size_t i, int64_t *item)
{
    store_recert_item *v;
    size_t n;
    werr e = {0};
    assert_int_equal(ops_recert_items(f->s, id, 0, &v, &n, &e), 0);
    assert_true(i < n);
    store_recert_item it = {.id = v[i].id, .last_use = v[i].last_use};
    *item = v[i].id;
    store_recert_items_free(v, n);
    return it;
}

static store_recert_campaign progress(fixture *f, int64_t id)
{
    store_recert_campaign *c;
    size_t n;
    werr e = {0};
    assert_int_equal(ops_recert_campaigns(f->s, id, &c, &n, &e), 0);
    assert_int_equal(n, 1);
    store_recert_campaign out = c[0];
    out.title = out.scope = out.value = out.owner = out.created_by = out.status = out.closed_by =
        NULL;
    store_recert_campaigns_free(c, n);
    return out;
}

static void test_system_campaign_has_the_rights_held_on_it(void **state)
{
    fixture *f = *state;
    int64_t id = start_brp(f);
    char *t = items_of(f, id);
    assert_string_equal(t, "clerk1 brp:export -\n"
                           "clerk1 brp:view -\n"
                           "clerk2 brp:view -\n"
                           "clerk3 brp:* -\n");
    free(t);
    /* Each with its last use: never, yesterday, 100 days ago, 10 days
     * ago (any action for *). */
    int64_t item;
    assert_int_equal(item_at(f, id, 0, &item).last_use, 0);
    assert_int_equal(item_at(f, id, 1, &item).last_use, T0 - DAY);
    assert_int_equal(item_at(f, id, 2, &item).last_use, T0 - 100 * DAY);
    assert_int_equal(item_at(f, id, 3, &item).last_use, T0 - 10 * DAY);
    store_recert_campaign c = progress(f, id);
    assert_int_equal(c.items, 4);
    assert_int_equal(c.decided, 0);
    assert_int_equal(c.due, T0 + 29 * DAY + 14 * 3600000 - 1); /* 2026-03-31T23:59:59.999Z */
}

static void test_unit_campaign_has_its_staffs_rights(void **state)
{
    fixture *f = *state;
    ops_recert_spec spec = {"Burgerzaken Q1", NULL, "burgerzaken", "olga", "2026-03-31"};
    int64_t id;
    werr e = {0};
    assert_int_equal(ops_recert_start(f->s, &SAM, &spec, T0, &id, &e), 0);
    char *t = items_of(f, id);
    assert_string_equal(t, "clerk1 brp:export -\n"
                           "clerk1 brp:view -\n"
                           "clerk2 brp:view -\n"
                           "clerk4 zaken:edit -\n");
    free(t);
}

static void test_decisions_progress_and_history(void **state)
{
    fixture *f = *state;
    int64_t id = start_brp(f), export1, view1;
    item_at(f, id, 0, &export1);
    item_at(f, id, 1, &view1);
    werr e = {0};
    int64_t cid = 0;
    assert_int_equal(ops_recert_decide(f->s, &OLGA, &cid, view1, "keep", "daily work", T0, &e), 0);
    assert_int_equal(cid, id);
    cid = id;
    assert_int_equal(ops_recert_decide(f->s, &OLGA, &cid, export1, "keep", "", T0, &e), 0);
    /* Changed before closing: a second history row; the same again: none. */
    assert_int_equal(
        ops_recert_decide(f->s, &OLGA, &cid, export1, "revoke", "never exports", T0 + 1, &e), 0);
    assert_int_equal(
        ops_recert_decide(f->s, &OLGA, &cid, export1, "revoke", "never exports", T0 + 2, &e), 0);
    /* An administrator may decide too. */
    int64_t view2;
    item_at(f, id, 2, &view2);
    assert_int_equal(ops_recert_decide(f->s, &ADM, &cid, view2, "keep", "", T0, &e), 0);
    store_recert_campaign c = progress(f, id);
    assert_int_equal(c.items, 4);
    assert_int_equal(c.decided, 3);
    assert_int_equal(c.kept, 2);
    assert_int_equal(c.revoked, 1);
    char *t = items_of(f, id);
    assert_string_equal(t, "clerk1 brp:export revoke\n"
                           "clerk1 brp:view keep\n"
                           "clerk2 brp:view keep\n"
                           "clerk3 brp:* -\n");
    free(t);
    char *h = tu_rows(f->dir, "SELECT item || ' ' || account || ' ' || action || ' ' || from_value"
                              " || '>' || to_value || ' ' || detail FROM recert_history"
                              " ORDER BY seq");
    char want[512];
    snprintf(want, sizeof want,
             "0 sam start > Rights on brp\n%lld olga decide >keep daily work\n"
             "%lld olga decide >keep \n%lld olga decide keep>revoke never exports\n"
             "%lld adm decide >keep \n",
             (long long)view1, (long long)export1, (long long)export1, (long long)view2);
    assert_string_equal(h, want);
    free(h);
    /* The history is never edited. */
    sqlite3 *db;
    char path[512];
    snprintf(path, sizeof path, "%s/t.db", f->dir);
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_not_equal(
        sqlite3_exec(db, "UPDATE recert_history SET detail = 'x'", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
}

static int find_refusal(const store_audit_entry *a, void *ctx)
{
    if (strcmp(a->action, "refused") == 0 && strstr(a->params, "\"recert decide\"") &&
        strstr(a->params, "only its owner olga"))
        ++*(int *)ctx;
    return 0;
}

static void test_refusals(void **state)
{
    fixture *f = *state;
    int64_t id = start_brp(f), item;
    item_at(f, id, 0, &item);
    werr e = {0};
    int64_t cid = id;
    /* recert.not-owner */
    assert_int_equal(ops_recert_decide(f->s, &ANN, &cid, item, "keep", "", T0, &e), -1);
    assert_int_equal(e.code, WERR_FORBIDDEN);
    assert_string_equal(e.msg, "ann may not run recert decide on campaign 1: only its owner olga"
                               " or an administrator may");
    int refused = 0;
    assert_int_equal(ops_audit_each(f->s, 0, INT64_MAX, "ann", find_refusal, &refused, &e), 0);
    assert_int_equal(refused, 1);
    /* recert.unknown-item */
    e = (werr){0};
    assert_int_equal(ops_recert_decide(f->s, &OLGA, &cid, 999, "keep", "", T0, &e), -1);
    assert_int_equal(e.code, WERR_NOT_FOUND);
    assert_string_equal(e.msg, "no review item 999 in campaign 1");
    e = (werr){0};
    cid = 77;
    assert_int_equal(ops_recert_decide(f->s, &OLGA, &cid, item, "keep", "", T0, &e), -1);
    assert_int_equal(e.code, WERR_NOT_FOUND);
    assert_string_equal(e.msg, "no recertification campaign 77");
    /* recert.revoke-without-reason, recert.bad-decision */
    cid = id;
    e = (werr){0};
    assert_int_equal(ops_recert_decide(f->s, &OLGA, &cid, item, "revoke", "  ", T0, &e), -1);
    assert_int_equal(e.code, WERR_INPUT);
    assert_string_equal(e.msg, "revoking a right needs a reason");
    e = (werr){0};
    assert_int_equal(ops_recert_decide(f->s, &OLGA, &cid, item, "maybe", "", T0, &e), -1);
    assert_string_equal(e.msg, "the decision is keep or revoke, not 'maybe'");
    assert_int_equal(progress(f, id).decided, 0);
    /* recert.close-open-items */
    e = (werr){0};
    assert_int_equal(ops_recert_close(f->s, &OLGA, id, 0, T0, &e), -1);
    assert_int_equal(e.code, WERR_CONFLICT);
    assert_non_null(strstr(e.msg, "campaign 1 has 4 undecided items"));
    e = (werr){0};
    assert_int_equal(ops_recert_close(f->s, &ANN, id, 1, T0, &e), -1);
    assert_int_equal(e.code, WERR_FORBIDDEN);
    /* recert.export-open */
    store_recert_item *v;
    size_t n;
    e = (werr){0};
    assert_int_equal(ops_recert_revocations(f->s, id, &v, &n, &e), -1);
    assert_int_equal(e.code, WERR_CONFLICT);
    /* recert.closed */
    e = (werr){0};
    assert_int_equal(ops_recert_close(f->s, &OLGA, id, 1, T0, &e), 0);
    assert_int_equal(ops_recert_decide(f->s, &OLGA, &cid, item, "keep", "", T0, &e), -1);
    assert_int_equal(e.code, WERR_CONFLICT);
    assert_string_equal(e.msg, "campaign 1 is closed: its decisions are final");
    e = (werr){0};
    ops_recert_bulk_spec b = {NULL, 0, NULL, NULL, 30, 0};
    int64_t changed;
    assert_int_equal(ops_recert_bulk(f->s, &OLGA, id, &b, T0, &changed, &e), -1);
    assert_int_equal(e.code, WERR_CONFLICT);
    char *h = tu_rows(f->dir, "SELECT action || ' ' || detail FROM recert_history WHERE"
                              " action = 'close'");
    assert_string_equal(h, "close closed with 4 undecided\n");
    free(h);
}

static void test_start_refusals(void **state)
{
    fixture *f = *state;
    static const struct {
        ops_recert_spec spec;
        int64_t now;
        werr_code code;
        const char *msg;
    } cases[] = {
        /* recert.start-scope */
        {{NULL, "brp", "burgerzaken", "olga", "2026-03-31"},
         T0,
         WERR_INPUT,
         "a campaign is for one system or one unit: give either"},
        {{NULL, NULL, NULL, "olga", "2026-03-31"},
         T0,
         WERR_INPUT,
         "a campaign is for one system or one unit: give either"},
        /* recert.start-due */
        {{NULL, "brp", NULL, "olga", "2026-02-30x"},
         T0,
         WERR_INPUT,
         "due: '2026-02-30x' is not a time: 2026-03-02, 2026-03-02T09:00:00Z or epoch ms"},
        {{NULL, "brp", NULL, "olga", "2026-03-01"},
         T0,
         WERR_INPUT,
         "the due date 2026-03-01 has passed"},
        /* recert.start-owner */
        {{NULL, "brp", NULL, "aud", "2026-03-31"},
         T0,
         WERR_INPUT,
         "the owner cannot decide: aud (auditor) may not run recert decide; analyst,"
         " senior-analyst, investigator, administrator may"},
        {{NULL, "brp", NULL, "nobody", "2026-03-31"},
         T0,
         WERR_NOT_FOUND,
         "the owner must be an account that can log in: no account 'nobody' in this store"},
        {{NULL, "brp", NULL, "gone", "2026-03-31"},
         T0,
         WERR_NOT_FOUND,
         "the owner must be an account that can log in: account 'gone' is disabled"},
        /* recert.start-nothing */
        {{NULL, "parkeren", NULL, "olga", "2026-03-31"},
         T0,
         WERR_NOT_FOUND,
         "no rights are held on system 'parkeren': nothing to review"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        werr e = {0};
        int64_t id;
        assert_int_equal(ops_recert_start(f->s, &SAM, &cases[i].spec, cases[i].now, &id, &e), -1);
        assert_int_equal(e.code, cases[i].code);
        assert_string_equal(e.msg, cases[i].msg);
    }
    char *none = tu_rows(f->dir, "SELECT count(*) FROM recert_campaigns");
    assert_string_equal(none, "0\n");
    free(none);
}

static void test_bulk_by_last_use_and_by_ids(void **state)
{
    fixture *f = *state;
    int64_t id = start_brp(f), changed;
    werr e = {0};
    /* recert.bulk-criteria: none, or two at once */
    ops_recert_bulk_spec none = {0};
    assert_int_equal(ops_recert_bulk(f->s, &OLGA, id, &none, T0, &changed, &e), -1);
    assert_int_equal(e.code, WERR_INPUT);
    e = (werr){0};
    ops_recert_bulk_spec two = {NULL, 0, NULL, NULL, 30, 5};
    assert_int_equal(ops_recert_bulk(f->s, &OLGA, id, &two, T0, &changed, &e), -1);
    assert_non_null(strstr(e.msg, "a bulk decision takes one of"));
    e = (werr){0};
    ops_recert_bulk_spec far = {NULL, 0, NULL, NULL, 40000, 0};
    assert_int_equal(ops_recert_bulk(f->s, &OLGA, id, &far, T0, &changed, &e), -1);
    assert_string_equal(e.msg, "days is from 1 to 36500, not 40000");
    e = (werr){0};
    ops_recert_bulk_spec unused = {NULL, 0, NULL, NULL, 30, 0};
    assert_int_equal(ops_recert_bulk(f->s, &ANN, id, &unused, T0, &changed, &e), -1);
    assert_int_equal(e.code, WERR_FORBIDDEN);
    e = (werr){0};
    /* Not used in 30 days: clerk1's export (never), clerk2's view. */
    assert_int_equal(ops_recert_bulk(f->s, &OLGA, id, &unused, T0, &changed, &e), 0);
    assert_int_equal(changed, 2);
    char *t = items_of(f, id);
    assert_string_equal(t, "clerk1 brp:export revoke\n"
                           "clerk1 brp:view -\n"
                           "clerk2 brp:view revoke\n"
                           "clerk3 brp:* -\n");
    free(t);
    /* Used in the last 5 days: only clerk1's view. */
    ops_recert_bulk_spec used = {NULL, 0, NULL, NULL, 0, 5};
    assert_int_equal(ops_recert_bulk(f->s, &OLGA, id, &used, T0, &changed, &e), 0);
    assert_int_equal(changed, 1);
    char *r = tu_rows(f->dir, "SELECT reason FROM recert_items ORDER BY id");
    assert_string_equal(r, "not used in 30 days\nused in the last 5 days\nnot used in 30 days\n\n");
    free(r);
    /* By ids: revoking needs a reason; an unknown id changes nothing. */
    int64_t star;
    item_at(f, id, 3, &star);
    int64_t ids[2] = {star, 999};
    ops_recert_bulk_spec by_ids = {ids, 1, "revoke", NULL, 0, 0};
    assert_int_equal(ops_recert_bulk(f->s, &OLGA, id, &by_ids, T0, &changed, &e), -1);
    assert_string_equal(e.msg, "revoking a right needs a reason");
    e = (werr){0};
    by_ids = (ops_recert_bulk_spec){ids, 2, "revoke", "too broad", 0, 0};
    assert_int_equal(ops_recert_bulk(f->s, &OLGA, id, &by_ids, T0, &changed, &e), -1);
    assert_int_equal(e.code, WERR_NOT_FOUND);
    assert_int_equal(progress(f, id).decided, 3);
    e = (werr){0};
    by_ids.n = 1;
    assert_int_equal(ops_recert_bulk(f->s, &OLGA, id, &by_ids, T0, &changed, &e), 0);
    assert_int_equal(changed, 1);
    store_recert_campaign c = progress(f, id);
    assert_int_equal(c.decided, 4);
    assert_int_equal(c.revoked, 3);
    assert_int_equal(c.kept, 1);
}

static void test_overdue_after_the_due_date(void **state)
{
    fixture *f = *state;
    int64_t id = start_brp(f), item;
    item_at(f, id, 1, &item);
    werr e = {0};
    int64_t cid = id;
    assert_int_equal(ops_recert_decide(f->s, &OLGA, &cid, item, "keep", "", T0, &e), 0);
    store_recert_campaign *c;
    size_t nc;
    assert_int_equal(ops_recert_campaigns(f->s, id, &c, &nc, &e), 0);
    assert_int_equal(ops_recert_overdue_count(c, c->due), 0);
    assert_int_equal(ops_recert_overdue_count(c, c->due + 1), 3);
    store_recert_campaigns_free(c, nc);
    store_recert_item *v;
    size_t n;
    assert_int_equal(ops_recert_overdue(f->s, T0 + 29 * DAY, &v, &n, &c, &nc, &e), 0);
    assert_int_equal(n, 0);
    store_recert_items_free(v, n);
    store_recert_campaigns_free(c, nc);
    assert_int_equal(ops_recert_overdue(f->s, T0 + 30 * DAY, &v, &n, &c, &nc, &e), 0);
    char *t = rows_of(v, n);
    assert_string_equal(t, "clerk1 brp:export -\nclerk2 brp:view -\nclerk3 brp:* -\n");
    free(t);
    buf b = {0};
    assert_int_equal(emit_recert_campaign(&b, EMIT_JSONL, c, T0 + 30 * DAY), 0);
    assert_non_null(strstr((char *)b.data, "\"items\":4,\"decided\":1,\"kept\":1,\"revoked\":0,"
                                           "\"open\":3,\"overdue\":3}"));
    buf_free(&b);
    store_recert_items_free(v, n);
    store_recert_campaigns_free(c, nc);
    /* Closed, nothing is overdue any more. */
    assert_int_equal(ops_recert_close(f->s, &OLGA, id, 1, T0 + 30 * DAY, &e), 0);
    assert_int_equal(ops_recert_overdue(f->s, T0 + 30 * DAY, &v, &n, &c, &nc, &e), 0);
    assert_int_equal(n, 0);
    store_recert_items_free(v, n);
    store_recert_campaigns_free(c, nc);
}

static void test_revocation_list(void **state)
{
    fixture *f = *state;
    int64_t id = start_brp(f), export1, view2, changed;
    item_at(f, id, 0, &export1);
    item_at(f, id, 2, &view2);
    werr e = {0};
    int64_t cid = id;
    assert_int_equal(ops_recert_decide(f->s, &OLGA, &cid, export1, "revoke",
                                       "=HYPERLINK(\"x\"), \"quoted\"\nnext", T0, &e),
                     0);
    assert_int_equal(ops_recert_decide(f->s, &OLGA, &cid, view2, "revoke", "left", T0, &e), 0);
    ops_recert_bulk_spec keep = {NULL, 0, NULL, NULL, 0, 30};
    assert_int_equal(ops_recert_bulk(f->s, &OLGA, id, &keep, T0, &changed, &e), 0);
    assert_int_equal(ops_recert_close(f->s, &OLGA, id, 0, T0, &e), 0);
    store_recert_item *v;
    size_t n;
    assert_int_equal(ops_recert_revocations(f->s, id, &v, &n, &e), 0);
    buf b = {0};
    assert_int_equal(emit_recert_csv(&b, v, n), 0);
    assert_string_equal((char *)b.data,
                        "actor,system,right,granted,reason,decided_by,decided_at\n"
                        "clerk1,brp,export,2025-01-01,\"'=HYPERLINK(\"\"x\"\"), \"\"quoted\"\" "
                        "next\",olga,2026-03-02T10:00:00Z\n"
                        "clerk2,brp,view,2025-01-01,left,olga,2026-03-02T10:00:00Z\n");
    buf_free(&b);
    store_recert_items_free(v, n);
}

/* The CLI: an owner decides and closes; the export is an administrator's
 * and names the real accounts; other output names staff by pseudonym. */
static void test_cli_export_is_the_administrators(void **state)
{
    fixture *f = *state;
    setenv("WACHTER_NEW_PASSWORD", "correct-horse", 1);
    setenv("WACHTER_PASSWORD", "correct-horse", 1);
    store_close(f->s);
    f->s = NULL;
    /* Accounts with real passwords, in a store of their own. */
    char path[512];
    snprintf(path, sizeof path, "%s/c.db", f->dir);
    tu_run r = tu_wachter_db(f->dir, "c.db", "load", f->dir, NULL);
    assert_int_equal(r.code, 0);
    tu_free(&r);
    snprintf(path, sizeof path, "%s/events.jsonl", f->dir);
    r = tu_wachter_db(f->dir, "c.db", "ingest", path, NULL);
    tu_free(&r);
    r = tu_wachter_db(f->dir, "c.db", "account", "add", "adm", "--role", "administrator", NULL);
    assert_int_equal(r.code, 0);
    tu_free(&r);
    const char *more[][2] = {{"sam", "senior-analyst"}, {"olga", "analyst"}};
    for (size_t i = 0; i < 2; i++) {
        r = tu_as(f->dir, "c.db", "adm", "correct-horse", "account", "add", more[i][0], "--role",
                  more[i][1], NULL);
        assert_int_equal(r.code, 0);
        tu_free(&r);
    }
    r = tu_as(f->dir, "c.db", "sam", "correct-horse", "recert", "start", "--system", "brp",
              "--owner", "olga", "--due", "2099-12-31", NULL);
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "Rights on brp"));
    tu_free(&r);
    r = tu_as(f->dir, "c.db", "olga", "correct-horse", "recert", "items", "1", NULL);
    assert_int_equal(r.code, 0);
    assert_null(strstr(r.out, "clerk"));
    assert_int_equal(tu_count_lines(r.out, "emp-"), 4);
    tu_free(&r);
    /* recert.bad-id */
    r = tu_as(f->dir, "c.db", "olga", "correct-horse", "recert", "items", "x1", NULL);
    assert_int_equal(r.code, 2);
    assert_non_null(strstr(r.err, "'x1' is not a campaign id: a whole number from 1"));
    tu_free(&r);
    r = tu_as(f->dir, "c.db", "olga", "correct-horse", "recert", "decide", "2", "revoke",
              "--reason", "left the team", NULL);
    assert_int_equal(r.code, 0);
    tu_free(&r);
    r = tu_as(f->dir, "c.db", "olga", "correct-horse", "recert", "close", "1", "--force", NULL);
    assert_int_equal(r.code, 0);
    tu_free(&r);
    r = tu_as(f->dir, "c.db", "olga", "correct-horse", "recert", "export", "1", NULL);
    assert_int_equal(r.code, 4);
    assert_non_null(strstr(r.err, "may not run recert export; administrator may"));
    tu_free(&r);
    r = tu_as(f->dir, "c.db", "adm", "correct-horse", "recert", "export", "1", NULL);
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(r.out, "actor,system,right,granted,reason,decided_by,decided_at\n"
                                  "clerk1,brp,view,2025-01-01,left the team,olga,"));
    assert_int_equal(tu_count_lines(r.out, ",brp,"), 1);
    tu_free(&r);
    unsetenv("WACHTER_NEW_PASSWORD");
    snprintf(path, sizeof path, "%s/t.db", f->dir);
    assert_int_equal(store_open(path, &f->s, &(werr){0}), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_system_campaign_has_the_rights_held_on_it, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_unit_campaign_has_its_staffs_rights, setup, teardown),
        cmocka_unit_test_setup_teardown(test_decisions_progress_and_history, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refusals, setup, teardown),
        cmocka_unit_test_setup_teardown(test_start_refusals, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bulk_by_last_use_and_by_ids, setup, teardown),
        cmocka_unit_test_setup_teardown(test_overdue_after_the_due_date, setup, teardown),
        cmocka_unit_test_setup_teardown(test_revocation_list, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cli_export_is_the_administrators, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* The rights of rights.csv as the reports read them: which are held on a
 * day, and when each was last used in the log. */
#include "testutil.h"

#include "store/store_rights.h"

#define T0 1767225600000LL /* 2026-01-01 */
#define DAY 86400000LL

static const char rights_csv[] = "actor,system,right,granted,revoked,granted_by\n"
                                 "clerk1,brp,view,2025-01-01,,it-desk\n"
                                 "clerk1,brp,export,2025-01-01,,it-desk\n"
                                 "clerk1,zaken,*,2025-01-01,,it-desk\n"
                                 "clerk2,brp,view,2025-01-01,2026-01-02,it-desk\n";

static void test_held_rights_with_last_use(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    char events[2048];
    snprintf(events, sizeof events,
             "{\"id\":\"e1\",\"ts\":%lld,\"actor\":\"clerk1\",\"system\":\"brp\",\"action\":"
             "\"view\",\"subject\":\"S1\",\"subject_type\":\"person\"}\n"
             "{\"id\":\"e2\",\"ts\":%lld,\"actor\":\"clerk1\",\"system\":\"zaken\",\"action\":"
             "\"edit\",\"subject\":\"S2\",\"subject_type\":\"person\"}\n"
             "{\"id\":\"e3\",\"ts\":%lld,\"actor\":\"clerk1\",\"system\":\"brp\",\"action\":"
             "\"view\",\"subject\":\"S3\",\"subject_type\":\"person\"}\n",
             (long long)T0, (long long)(T0 + DAY), (long long)(T0 + 3 * DAY));
    tu_write(dir, "events.jsonl", events);
    tu_write(dir, "rights.csv", rights_csv);
    tu_run r = tu_wachter(dir, "load", dir, NULL);
    assert_int_equal(r.code, 0);
    tu_free(&r);
    char path[512];
    snprintf(path, sizeof path, "%s/events.jsonl", dir);
    r = tu_wachter(dir, "ingest", path, NULL);
    assert_int_equal(r.code, 0);
    tu_free(&r);

    store *s;
    snprintf(path, sizeof path, "%s/t.db", dir);
    assert_int_equal(store_open(path, &s, &(werr){0}), 0);
    store_right *v;
    size_t n;
    werr e = {0};
    /* On 2026-01-10 clerk2's right is revoked: clerk1's three are held. */
    store_rights_filter f = {T0 + 9 * DAY, NULL, NULL};
    assert_int_equal(store_rights_list(s, &f, &v, &n, &e), 0);
    assert_int_equal(n, 3);
    assert_string_equal(v[0].action, "export");
    assert_int_equal(v[0].last_use, 0); /* never used */
    assert_string_equal(v[1].action, "view");
    assert_int_equal(v[1].last_use, T0 + 3 * DAY);
    assert_string_equal(v[2].system, "zaken");
    assert_string_equal(v[2].action, "*");
    assert_int_equal(v[2].last_use, T0 + DAY); /* any action on zaken */
    assert_string_equal(v[2].granted_by, "it-desk");
    store_rights_free(v, n);
    /* On 2026-01-01 clerk2's still holds it; by system. */
    f = (store_rights_filter){T0, "brp", "clerk2"};
    assert_int_equal(store_rights_list(s, &f, &v, &n, &e), 0);
    assert_int_equal(n, 1);
    assert_int_equal(v[0].revoked, T0 + DAY + DAY - 1);
    store_rights_free(v, n);
    store_close(s);
    tu_rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_held_rights_with_last_use),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

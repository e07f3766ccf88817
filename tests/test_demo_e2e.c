/* The whole system on a synthetic organisation it has not been tuned on
 * seed by seed: every planted scenario has an insider in the top 2 % of
 * `wachter risk`, no hard benign case is there, and the alert budget of
 * 2 per 100 staff per day holds. */
#include <cJSON.h>
#include <sys/stat.h>

#include "testutil.h"

static void check_seed(const char *seed)
{
    char *dir = tu_tmpdir();
    char org[600];
    snprintf(org, sizeof org, "%s/org", dir);
    tu_run r = tu_wachter(dir, "--format", "jsonl", "demo", "--actors", "500", "--days", "30",
                          "--seed", seed, "--dir", org, NULL);
    if (r.code != 0) fail_msg("demo failed: %s", r.err);
    /* The organisation (staff addresses) and the store are the owner's
     * only (README "Operating wachter"), whatever the umask. */
    static const struct {
        const char *name;
        mode_t mode;
    } modes[] = {{"org", 0700}, {"org/actors.csv", 0600}, {"t.db", 0600}, {"t.db.lock", 0600}};
    for (size_t i = 0; i < sizeof modes / sizeof *modes; i++) {
        char path[700];
        struct stat st;
        snprintf(path, sizeof path, "%s/%s", dir, modes[i].name);
        assert_int_equal(stat(path, &st), 0);
        if ((st.st_mode & 0777) != modes[i].mode)
            fail_msg("%s: mode %o, not %o", modes[i].name, (unsigned)(st.st_mode & 0777),
                     (unsigned)modes[i].mode);
    }
    cJSON *j = cJSON_Parse(r.out);
    assert_non_null(j);
    int cut = cJSON_GetObjectItem(j, "top_cut")->valueint;
    assert_int_equal(cut, 10);
    double per100 = cJSON_GetObjectItem(j, "alerts_per_100_staff_day")->valuedouble;
    if (per100 > 2.0) fail_msg("seed %s: %.2f alerts per 100 staff per day", seed, per100);
    int planted = 0;
    char finder[32] = "";
    const cJSON *p;
    cJSON_ArrayForEach(p, cJSON_GetObjectItem(j, "plants"))
    {
        const char *name = cJSON_GetObjectItem(p, "scenario")->valuestring;
        int rank = cJSON_GetObjectItem(p, "rank")->valueint;
        if (cJSON_IsTrue(cJSON_GetObjectItem(p, "benign"))) {
            if (rank >= 1 && rank <= cut)
                fail_msg("seed %s: benign case %s ranks %d (top %d)", seed, name, rank, cut);
        } else {
            planted++;
            if (strcmp(name, "address_finder") == 0)
                snprintf(finder, sizeof finder, "%s",
                         cJSON_GetArrayItem(cJSON_GetObjectItem(p, "actors"), 0)->valuestring);
            if (rank < 1 || rank > cut)
                fail_msg("seed %s: planted %s ranks %d, not in the top %d", seed, name, rank, cut);
        }
    }
    assert_true(planted >= 8);
    cJSON_Delete(j);
    tu_free(&r);
    /* The address finder is also the first answer to "who looked up the
     * addresses that were later hit?" — and convincingly so. */
    r = tu_wachter(dir, "--format", "jsonl", "correlate", "--top", "1", NULL);
    assert_int_equal(r.code, 0);
    j = cJSON_Parse(r.out);
    assert_non_null(j);
    assert_string_equal(cJSON_GetObjectItem(j, "actor")->valuestring, finder);
    assert_true(cJSON_GetObjectItem(j, "p")->valuedouble < 1e-6);
    assert_true(cJSON_GetObjectItem(j, "hits")->valueint >= 5);
    cJSON_Delete(j);
    tu_free(&r);
    tu_rmdir(dir);
}

static void test_seed_1(void **state)
{
    check_seed("1");
}

static void test_seed_2(void **state)
{
    check_seed("2");
}

int main(void)
{
    umask(022); /* the usual one: the modes checked are wachter's own */
    tu_demogen_beside_wachter();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed_1),
        cmocka_unit_test(test_seed_2),
    };
    return cmocka_run_group_tests_name("demo end to end", tests, NULL, NULL);
}

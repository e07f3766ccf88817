/* The NATS JetStream stream's pure parts (stream/stream_part.h) and the
 * refusals of `publish` and `ingest --from`: the partition of an actor
 * (the same in every build and run: fixed values), subjects, the server
 * list, --partitions, and a server that cannot be reached (a clear
 * message and exit 1, never a hang). The stream itself, with a real
 * cluster, is tests/eco/nats_test.mjs. */
#include <time.h>

#include "testutil.h"

#include "stream/stream_part.h"

static void test_partition_stable(void **state)
{
    (void)state;
    /* FNV-1a (32 bits): fixed values, whatever the build. */
    assert_int_equal(stream_partition("a", 1, 0xffffffffu), 0xe40c292cu % 0xffffffffu);
    assert_int_equal(stream_partition("foobar", 6, 0xffffffffu), 0xbf9cf968u);
    assert_int_equal(stream_partition("a", 1, 16), 12);
    assert_int_equal(stream_partition("foobar", 6, 16), 8);
    assert_int_equal(stream_partition("k.devries", 9, 16), 0x29e46f76u % 16);
    assert_int_equal(stream_partition("anything", 8, 1), 0);
    /* Every partition gets actors. */
    unsigned seen[16] = {0};
    char actor[32];
    for (int i = 0; i < 1000; i++) {
        int n = snprintf(actor, sizeof actor, "emp-%04d", i);
        unsigned p = stream_partition(actor, (size_t)n, 16);
        assert_true(p < 16);
        seen[p]++;
    }
    for (int p = 0; p < 16; p++)
        assert_true(seen[p] > 20);
}

static void test_subject(void **state)
{
    (void)state;
    char s[32];
    assert_int_equal(stream_subject(s, sizeof s, "lookups", 3), 0);
    assert_string_equal(s, "lookups.3");
    assert_int_equal(stream_subject(s, sizeof s, "org.brp.lookups", 15), 0);
    assert_string_equal(s, "org.brp.lookups.15");
    assert_int_equal(stream_subject(s, 8, "lookups", 3), -1);
    werr e = {0};
    assert_int_equal(stream_prefix_check("org.brp", &e), 0);
    assert_int_equal(stream_prefix_check("org.*", &e), -1);
    assert_non_null(strstr(e.msg, "no wildcards"));
    werr_clear(&e);
    assert_int_equal(stream_prefix_check("org..brp", &e), -1);
    werr_clear(&e);
    assert_int_equal(stream_name_check("lookups_2", &e), 0);
    /* nats_bad_name: a stream's name with a dot or a space. */
    assert_int_equal(stream_name_check("look.ups", &e), -1);
    assert_non_null(strstr(e.msg, "letters, digits, '-' and '_'"));
}

static void test_servers(void **state)
{
    (void)state;
    stream_servers sv;
    werr e = {0};
    assert_int_equal(stream_servers_parse(
                         "nats://127.0.0.1:4222,nats://n2.example:4223,nats://[::1]:4224", &sv, &e),
                     0);
    assert_int_equal(sv.n, 3);
    assert_string_equal(sv.url[1], "nats://n2.example:4223");
    assert_string_equal(sv.url[2], "nats://[::1]:4224");
    /* nats_bad_url: each refused with why. */
    static const struct {
        const char *list, *why;
    } bad[] = {
        {"http://127.0.0.1:4222", "not a nats:// URL"},
        {"nats://127.0.0.1", "no :PORT"},
        {"nats://127.0.0.1:0", "the port is not a number 1 to 65535"},
        {"nats://127.0.0.1:70000", "the port is not a number 1 to 65535"},
        {"nats://127.0.0.1:42x", "the port is not a number 1 to 65535"},
        {"nats://u:p@127.0.0.1:4222", "a user in the URL is not taken"},
        {"nats://127.0.0.1:4222/x", "no path"},
        {"nats://:4222", "no host"},
        {"nats://127.0.0.1:4222,", "an empty server"},
        {"", "no NATS server"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        werr_clear(&e);
        if (stream_servers_parse(bad[i].list, &sv, &e) != -1) fail_msg("took %s", bad[i].list);
        if (!strstr(e.msg, bad[i].why)) fail_msg("%s: %s", bad[i].list, e.msg);
        assert_int_equal(e.code, WERR_INPUT);
    }
}

static void test_share(void **state)
{
    (void)state;
    stream_share s = {0};
    werr e = {0};
    assert_int_equal(stream_share_add(&s, "0/16", &e), 0);
    assert_int_equal(stream_share_add(&s, "2,4/16", &e), 0);
    assert_int_equal(stream_share_add(&s, "8-11/16", &e), 0);
    assert_int_equal(s.n, 16);
    assert_int_equal(stream_share_count(&s), 7);
    assert_true(s.own[0] && s.own[2] && s.own[4] && s.own[8] && s.own[11]);
    assert_false(s.own[1] || s.own[12]);
    /* nats_bad_partitions: refused with why. */
    static const struct {
        const char *spec, *why;
    } bad[] = {
        {"16/16", "each partition is a number 0 to 15"},
        {"3", "I/N, I,J/N or I-J/N"},
        {"1/0", "I/N, I,J/N or I-J/N"},
        {"1/2000", "I/N, I,J/N or I-J/N"},
        {"a/16", "each partition is a number 0 to 15"},
        {"5-2/16", "each partition is a number 0 to 15"},
        {"1,/16", "each partition is a number 0 to 15"},
        {"/16", "each partition is a number 0 to 15"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        stream_share t = {0};
        werr_clear(&e);
        if (stream_share_add(&t, bad[i].spec, &e) != -1) fail_msg("took %s", bad[i].spec);
        if (!strstr(e.msg, bad[i].why)) fail_msg("%s: %s", bad[i].spec, e.msg);
    }
    werr_clear(&e);
    assert_int_equal(stream_share_add(&s, "1/8", &e), -1);
    assert_non_null(strstr(e.msg, "every value needs the same N"));
}

static void test_cli_refusals(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    tu_write(
        dir, "ev.jsonl",
        "{\"id\":\"e1\",\"ts\":\"2026-03-02T09:14:05Z\",\"actor\":\"a\",\"action\":\"view\"}\n");
    char file[600];
    snprintf(file, sizeof file, "%s/ev.jsonl", dir);
    /* nats_bad_url */
    tu_run r =
        tu_wachter(dir, "publish", "--to", "http://127.0.0.1:4222", "--stream", "s", file, NULL);
    assert_int_equal(r.code, CLI_EXIT_USAGE);
    assert_non_null(strstr(r.err, "wachter publish: 'http://127.0.0.1:4222': not a nats:// URL"));
    tu_free(&r);
    /* nats_bad_partitions */
    r = tu_wachter(dir, "publish", "--to", "nats://127.0.0.1:4222", "--stream", "s", "--partitions",
                   "0", file, NULL);
    assert_int_equal(r.code, CLI_EXIT_USAGE);
    tu_free(&r);
    r = tu_wachter(dir, "ingest", "--from", "nats://127.0.0.1:4222", "--stream", "s",
                   "--partitions", "16/16", NULL);
    assert_int_equal(r.code, CLI_EXIT_USAGE);
    assert_non_null(strstr(r.err, "each partition is a number 0 to 15"));
    tu_free(&r);
    /* nats_from_with_file: the stream is the input. */
    r = tu_wachter(dir, "ingest", "--from", "nats://127.0.0.1:4222", "--stream", "s", file, NULL);
    assert_int_equal(r.code, CLI_EXIT_USAGE);
    assert_non_null(strstr(r.err, "no FILE, --input or --detect-only"));
    tu_free(&r);
    r = tu_wachter(dir, "ingest", "--stream", "s", NULL);
    assert_int_equal(r.code, CLI_EXIT_USAGE);
    assert_non_null(strstr(r.err, "--from nats://HOST:PORT[,nats://...] is needed"));
    tu_free(&r);
    r = tu_wachter(dir, "publish", "--to", "nats://127.0.0.1:4222", file, NULL);
    assert_int_equal(r.code, CLI_EXIT_USAGE);
    assert_non_null(strstr(r.err, "--stream NAME is needed"));
    tu_free(&r);
    /* nats_bad_name */
    r = tu_wachter(dir, "publish", "--to", "nats://127.0.0.1:4222", "--stream", "a b", file, NULL);
    assert_int_equal(r.code, CLI_EXIT_USAGE);
    tu_free(&r);
    /* nats_unreachable: port 1 on loopback refuses at once; the message
     * names the servers; exit 1 well within the connect timeout. */
    time_t t0 = time(NULL);
    r = tu_wachter(dir, "publish", "--to", "nats://127.0.0.1:1,nats://127.0.0.1:2", "--stream", "s",
                   file, NULL);
    assert_int_equal(r.code, CLI_EXIT_FAIL);
    assert_non_null(strstr(
        r.err, "wachter publish: NATS: cannot connect to nats://127.0.0.1:1,nats://127.0.0.1:2"));
    tu_free(&r);
    r = tu_wachter(dir, "ingest", "--from", "nats://127.0.0.1:1", "--stream", "s", NULL);
    assert_int_equal(r.code, CLI_EXIT_FAIL);
    assert_non_null(strstr(r.err, "wachter ingest: NATS: cannot connect to nats://127.0.0.1:1"));
    tu_free(&r);
    assert_true(time(NULL) - t0 < 10);
    tu_rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_partition_stable), cmocka_unit_test(test_subject),
        cmocka_unit_test(test_servers),          cmocka_unit_test(test_share),
        cmocka_unit_test(test_cli_refusals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

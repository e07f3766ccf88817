/* strmap, the map every subject, actor and case name goes through: ids in
 * order of first sight, whether the map grew step by step or was sized up
 * front, and at the size (hundreds of thousands of keys) where its slots
 * move to huge pages. */
#include "testutil.h"

#include "util/strmap.h"

enum { MANY = 300000 }; /* 600k slots of 16 bytes: past the huge-page size */

static void key_of(int i, char *k, size_t n)
{
    snprintf(k, n, "subject-%ld", (long)i * 7919);
}

/* strmap_find_many gives strmap_find's answers, present keys, absent
 * ones, prefixes and extensions mixed, in groups of any size. */
static void find_many_agrees(const strmap *m)
{
    enum { N = 45 };
    char buf[N][32];
    const char *keys[N];
    int64_t out[N];
    for (int i = 0; i < N; i++) {
        if (i % 3 == 2)
            snprintf(buf[i], sizeof buf[i], "nobody-%d", i);
        else if (i % 5 == 4)
            snprintf(buf[i], sizeof buf[i], "subject-2375");
        else
            key_of(i * 4001 % MANY, buf[i], sizeof buf[i]);
        keys[i] = buf[i];
    }
    size_t sizes[] = {0, 1, 16, 17, N};
    for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) {
        memset(out, 0x55, sizeof out);
        strmap_find_many(m, keys, sizes[s], out);
        for (size_t i = 0; i < sizes[s]; i++)
            assert_int_equal(out[i], strmap_find(m, keys[i], strlen(keys[i])));
        if (sizes[s] < N) assert_int_equal(out[sizes[s]], 0x5555555555555555LL);
    }
    assert_int_equal(out[0], 0);
    assert_int_equal(out[2], -1);
}

static void fill_and_check(strmap *m)
{
    char k[32];
    uint32_t id;
    for (int i = 0; i < MANY; i++) {
        key_of(i, k, sizeof k);
        assert_int_equal(strmap_intern(m, k, strlen(k), &id), 1);
        assert_int_equal(id, (uint32_t)i);
    }
    /* Seen again: the same id, nothing new. */
    key_of(12345, k, sizeof k);
    assert_int_equal(strmap_intern(m, k, strlen(k), &id), 0);
    assert_int_equal(id, 12345);
    assert_int_equal(strmap_count(m), MANY);
    for (int i = 0; i < MANY; i += 997) {
        key_of(i, k, sizeof k);
        strmap_prefetch(m, k, strlen(k));
        assert_int_equal(strmap_find(m, k, strlen(k)), i);
        assert_string_equal(strmap_key(m, (uint32_t)i), k);
    }
    /* A prefix or an extension of a key is another key: key 3 is
     * "subject-23757", key 30 "subject-237570". */
    assert_int_equal(strmap_find(m, "subject-2375", 12), -1);
    assert_int_equal(strmap_find(m, "subject-23757", 13), 3);
    assert_int_equal(strmap_find(m, "subject-237570", 14), 30);
    assert_int_equal(strmap_find(m, "nobody", 6), -1);
    assert_null(strmap_key(m, MANY));
    find_many_agrees(m);
}

static void test_grown_step_by_step(void **state)
{
    strmap *m = strmap_new();
    fill_and_check(m);
    strmap_free(m);
}

static void test_reserved_up_front(void **state)
{
    strmap *m = strmap_new();
    assert_int_equal(strmap_reserve(m, MANY), 0);
    fill_and_check(m);
    /* A smaller reservation later changes nothing. */
    assert_int_equal(strmap_reserve(m, 10), 0);
    assert_int_equal(strmap_find(m, "subject-0", 9), 0);
    strmap_free(m);
}

static void test_reserve_after_keys_keeps_them(void **state)
{
    strmap *m = strmap_new();
    uint32_t id;
    assert_int_equal(strmap_intern(m, "a", 1, &id), 1);
    assert_int_equal(strmap_intern(m, "b", 1, &id), 1);
    assert_int_equal(strmap_reserve(m, MANY), 0);
    assert_int_equal(strmap_find(m, "a", 1), 0);
    assert_int_equal(strmap_find(m, "b", 1), 1);
    assert_int_equal(strmap_intern(m, "c", 1, &id), 1);
    assert_int_equal(id, 2);
    strmap_free(m);
}

/* Stored event keys and alert ids derive from hash64: its values must
 * never change (these were computed with the byte-by-byte definition),
 * at any length and wherever the bytes start. */
static void test_hash64_keeps_its_values(void **state)
{
    static const struct {
        const char *key;
        uint64_t h;
    } known[] = {
        {"", 0xbfbb698c122e35dcULL},
        {"a", 0x7c59c7e40484cac0ULL},
        {"ab", 0x49e9a9820389786bULL},
        {"abc", 0x3092eae417343262ULL},
        {"a05179", 0x71814ed1d3279d31ULL},
        {"368537716", 0xc8e00a16cfee98e4ULL},
        {"z00000176", 0x7fa4d4534e664ab3ULL},
        {"1049PM-4", 0xeab4d925863be2b3ULL},
        {"subject-2375620081", 0xad77c42fadad6e23ULL},
    };
    char buf[64];
    for (size_t i = 0; i < sizeof known / sizeof *known; i++) {
        size_t n = strlen(known[i].key);
        for (size_t off = 0; off < 8; off++) {
            memcpy(buf + off, known[i].key, n);
            assert_true(hash64(buf + off, n) == known[i].h);
        }
    }
}

/* Key number i (below 4096) of length len (3 to 24): lowercase text whose
 * last or, by the parity of i, first three bytes spell i in capitals; a
 * different i or length gives a different key. */
static void varied_key(char *k, size_t len, int i)
{
    memcpy(k, "abcdefghijklmnopqrstuvwx", len);
    k[len] = 0;
    size_t at = i % 2 && len >= 6 ? 0 : len - 3;
    for (int d = 0; d < 3; d++)
        k[at + (size_t)d] = (char)('A' + (i >> (4 * d) & 15));
}

/* Keys of every length around the one kept inside a slot (11 bytes),
 * many of each, differing from one another only in two bytes at their
 * start or end, or in their length: in a map this full, such keys share
 * runs of slots, so a probe must tell them apart. Grown step by step,
 * so every key is placed again whenever the slots double. */
static void test_keys_of_every_length(void **state)
{
    enum { LEN = 24, PER = 1000 };
    char k[LEN + 1];
    uint32_t id;
    strmap *m = strmap_new();
    for (size_t len = 3; len <= LEN; len++)
        for (int i = 0; i < PER; i++) {
            varied_key(k, len, i);
            assert_int_equal(strmap_intern(m, k, len, &id), 1);
            assert_int_equal(id, (len - 3) * PER + (size_t)i);
        }
    for (size_t len = 3; len <= LEN; len++)
        for (int i = 0; i < PER; i++) {
            varied_key(k, len, i);
            uint32_t want = (uint32_t)((len - 3) * PER + (size_t)i);
            assert_int_equal(strmap_find(m, k, len), want);
            assert_string_equal(strmap_key(m, want), k);
            assert_int_equal(strmap_intern(m, k, len, &id), 0);
            assert_int_equal(id, want);
            varied_key(k, len, i + 2 * PER); /* absent: the same bytes, another i */
            assert_int_equal(strmap_find(m, k, len), -1);
        }
    assert_int_equal(strmap_find(m, "", 0), -1);
    assert_int_equal(strmap_count(m), (LEN - 2) * PER);
    strmap_free(m);
}

/* A key and its own prefix, chosen so that both hash to the same slot of
 * a new map (64 slots): with only the longer one in the map, the prefix
 * is absent, for a key kept inside the slot (9 bytes) and for one kept
 * outside it (14 bytes). */
static void test_prefix_in_the_same_slot(void **state)
{
    size_t lens[] = {9, 14};
    for (size_t l = 0; l < sizeof lens / sizeof *lens; l++) {
        size_t n = lens[l];
        char k[32];
        int i = 0;
        do
            snprintf(k, sizeof k, "k%013d", i++);
        while (((hash64(k, n) ^ hash64(k, n - 1)) & 63) != 0);
        k[n] = 0;
        strmap *m = strmap_new();
        uint32_t id;
        assert_int_equal(strmap_intern(m, k, n, &id), 1);
        assert_int_equal(strmap_find(m, k, n - 1), -1);
        assert_int_equal(strmap_intern(m, k, n - 1, &id), 1);
        assert_int_equal(id, 1);
        assert_int_equal(strmap_find(m, k, n), 0);
        strmap_free(m);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hash64_keeps_its_values),
        cmocka_unit_test(test_grown_step_by_step),
        cmocka_unit_test(test_reserved_up_front),
        cmocka_unit_test(test_reserve_after_keys_keeps_them),
        cmocka_unit_test(test_keys_of_every_length),
        cmocka_unit_test(test_prefix_in_the_same_slot),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

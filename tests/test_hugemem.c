/* hugemem, the allocator of the large arrays (the subject map, the records,
 * rule state, the postings of a commit): an array grown past the huge-page
 * size keeps what it held, a zeroed one is zero on either side of that
 * size, and a size that cannot be allocated is refused. */
#include "testutil.h"

#include "util/hugemem.h"

enum { MIB = 1 << 20 };

/* Grown as the callers grow their arrays (doubling, copying only the
 * used part), from nothing to 16 MiB: every value written is still there
 * after each move, below 2 MiB (realloc) and above (huge pages). */
static void grow_keeps_contents(void **state)
{
    (void)state;
    uint64_t *v = NULL;
    size_t n = 0, cap = 0;
    while (n < 2 * MIB) {
        if (n == cap) {
            size_t nc = cap ? cap * 2 : 1000;
            uint64_t *nv = mem_huge_grow(v, n * sizeof *v, nc * sizeof *v);
            assert_non_null(nv);
            v = nv;
            cap = nc;
        }
        v[n] = n * 0x9E3779B97F4A7C15ULL;
        n++;
    }
    assert_true(cap * sizeof *v > 8 * MIB);
    for (size_t i = 0; i < n; i++)
        if (v[i] != i * 0x9E3779B97F4A7C15ULL) fail_msg("element %zu lost in a move", i);
    free(v);
}

/* Memory freed dirty and asked for again zeroed is zero, at sizes under
 * and over 2 MiB and at one that is not a whole number of pages. */
static void calloc_is_zero(void **state)
{
    (void)state;
    size_t sizes[] = {100, MIB, 2 * MIB, 5 * MIB + 3};
    for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) {
        unsigned char *dirty = mem_huge_alloc(sizes[s]);
        assert_non_null(dirty);
        memset(dirty, 0xa5, sizes[s]);
        free(dirty);
        unsigned char *p = mem_huge_calloc(sizes[s], 1);
        assert_non_null(p);
        for (size_t i = 0; i < sizes[s]; i++)
            if (p[i]) fail_msg("byte %zu of %zu not zero", i, sizes[s]);
        free(p);
    }
}

static void impossible_sizes_refused(void **state)
{
    (void)state;
    assert_null(mem_huge_calloc(SIZE_MAX / 8 + 2, 8));
    assert_null(mem_huge_alloc(SIZE_MAX - 100));
    /* refused growth leaves the array as it was */
    char *p = mem_huge_alloc(16);
    assert_non_null(p);
    memcpy(p, "kept", 5);
    assert_null(mem_huge_grow(p, 5, SIZE_MAX - 100));
    assert_string_equal(p, "kept");
    free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(grow_keeps_contents),
        cmocka_unit_test(calloc_is_zero),
        cmocka_unit_test(impossible_sizes_refused),
    };
    return cmocka_run_group_tests_name("hugemem", tests, NULL, NULL);
}

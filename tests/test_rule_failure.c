/* Out of memory in a rule is an error, never a rule's work skipped unseen:
 * with every allocation made to fail (this test's own malloc, calloc and
 * realloc, which glibc lets a program replace), a rule's hook reports it
 * and the engine says which rule failed. The sanitizer builds have an
 * allocator of their own: there the test is skipped. */
#include "detect/detect.h"
#include "enrich/refdata.h"
#include "input/ev_parse.h"
#include "scenario.h"
#include "store/store.h"
#include "util/arena.h"

#if defined(__SANITIZE_ADDRESS__)
#define OWN_ALLOCATOR 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
#define OWN_ALLOCATOR 1
#endif
#endif

/* Allocations fail while set. */
static int failing;

#ifndef OWN_ALLOCATOR
extern void *__libc_malloc(size_t n);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t n);

void *malloc(size_t n)
{
    return failing ? NULL : __libc_malloc(n);
}

void *calloc(size_t n, size_t size)
{
    return failing ? NULL : __libc_calloc(n, size);
}

void *realloc(void *p, size_t n)
{
    return failing ? NULL : __libc_realloc(p, n);
}
#endif

typedef struct engine {
    sc org;
    store *s;
    refdata *r;
    det_engine *d;
} engine;

/* The scenario's organisation in a store, and an engine over it. */
static engine engine_open(void)
{
    engine g = {.org = sc_new()};
    char path[600];
    tu_run t = tu_wachter(g.org.dir, "load", g.org.dir, NULL);
    assert_int_equal(t.code, 0);
    tu_free(&t);
    snprintf(path, sizeof path, "%s/t.db", g.org.dir);
    assert_int_equal(store_open(path, &g.s, &(werr){0}), 0);
    werr e = {0};
    assert_int_equal(refdata_load(g.s, 0, &g.r, &e), 0);
    assert_int_equal(det_new(g.r, g.s, &g.d, &e), 0);
    return g;
}

static void engine_close(engine *g)
{
    det_free(g->d);
    refdata_free(g->r);
    store_close(g->s);
    sc_free(&g->org);
}

static void test_analysis_out_of_memory_is_reported(void **state)
{
    (void)state;
#ifdef OWN_ALLOCATOR
    skip();
#endif
    engine g = engine_open();
    werr e = {0};
    failing = 1;
    int rc = det_flush(g.d, &e);
    failing = 0;
    assert_int_equal(rc, -1);
    assert_int_equal(e.code, WERR_INTERNAL);
    assert_string_equal(e.msg, "rule convergence: out of memory in its analysis");
    engine_close(&g);
}

static void test_event_out_of_memory_is_reported(void **state)
{
    (void)state;
#ifdef OWN_ALLOCATOR
    skip();
#endif
    engine g = engine_open();
    /* After the leaver's last day: the employment rule raises an alert. */
    const char *line = "{\"id\":\"x1\",\"ts\":\"2026-03-10T10:00:00Z\",\"actor\":\"leaver\","
                       "\"system\":\"brp\",\"action\":\"view\",\"subject\":\"p0001\"}";
    arena *a = arena_new(0);
    ev_event ev;
    const char *why = NULL;
    assert_int_equal(ev_parse(line, strlen(line), a, &ev, &why), 0);
    det_prep p, *pp = &p;
    const ev_event *evs[1] = {&ev};
    det_prepare_many(g.r, NULL, evs, &pp, 1);
    werr e = {0};
    failing = 1;
    int rc = det_feed_prepared(g.d, &ev, &p, &e);
    failing = 0;
    assert_int_equal(rc, -1);
    assert_int_equal(e.code, WERR_INTERNAL);
    assert_string_equal(e.msg, "rule employment: out of memory detecting");
    arena_free(a);
    engine_close(&g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_analysis_out_of_memory_is_reported),
        cmocka_unit_test(test_event_out_of_memory_is_reported),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

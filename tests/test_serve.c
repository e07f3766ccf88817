/* The workbench server's parts that the API tests (tests/api/) cannot
 * wait for: a session ends after 12 hours without a request, and a
 * throttled login is let in again once its 15 minutes have passed; the
 * routes are found by pattern; a handler's error becomes its HTTP
 * status; JSON Lines become one array. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "serve/serve_api.h"
#include "serve/serve_route.h"
#include "serve/serve_session.h"

static void test_session_idle(void **state)
{
    serve_sessions *ss = serve_sessions_new();
    assert_non_null(ss);
    char token[SERVE_TOKEN_HEX], csrf[SERVE_TOKEN_HEX], other[SERVE_TOKEN_HEX], c2[SERVE_TOKEN_HEX];
    int64_t t = 1000000;
    assert_int_equal(serve_session_open(ss, "ann", t, token, csrf), 0);
    assert_int_equal(serve_session_open(ss, "bob", t, other, c2), 0);
    assert_int_equal(strlen(token), 64);
    assert_string_not_equal(token, other);
    assert_string_not_equal(token, csrf);
    serve_session s;
    /* Used within 12 hours, it stays; each use restarts the clock. */
    assert_int_equal(serve_session_find(ss, token, t + SERVE_SESSION_IDLE_MS - 1, &s), 1);
    assert_string_equal(s.account, "ann");
    assert_string_equal(s.csrf, csrf);
    t += SERVE_SESSION_IDLE_MS - 1;
    assert_int_equal(serve_session_find(ss, token, t + SERVE_SESSION_IDLE_MS, &s), 1);
    /* bob's was idle longer than 12 hours: gone, and stays gone. */
    assert_int_equal(serve_session_find(ss, other, t + 2, &s), 0);
    assert_int_equal(serve_session_find(ss, other, 0, &s), 0);
    /* A token that is not one, or a changed one, finds nothing. */
    assert_int_equal(serve_session_find(ss, "zz", t, &s), 0);
    assert_int_equal(serve_session_find(ss, NULL, t, &s), 0);
    token[0] = token[0] == 'a' ? 'b' : 'a';
    assert_int_equal(serve_session_find(ss, token, t + SERVE_SESSION_IDLE_MS, &s), 0);
    serve_sessions_free(ss);
}

static void test_session_close(void **state)
{
    serve_sessions *ss = serve_sessions_new();
    char token[SERVE_TOKEN_HEX], csrf[SERVE_TOKEN_HEX];
    serve_session s;
    assert_int_equal(serve_session_open(ss, "ann", 5, token, csrf), 0);
    serve_session_close(ss, token);
    assert_int_equal(serve_session_find(ss, token, 6, &s), 0);
    serve_sessions_free(ss);
}

/* serve.login-throttle: the fifth failure within 15 minutes locks; the
 * lock lifts when the oldest of them is 15 minutes old. */
static void test_throttle_window(void **state)
{
    serve_sessions *ss = serve_sessions_new();
    const char *which = NULL;
    int64_t t0 = 50000000;
    for (int i = 0; i < SERVE_THROTTLE_FAILS; i++) {
        assert_int_equal(serve_throttled(ss, "ann", "10.0.0.1", t0 + i * 1000, &which), 0);
        serve_throttle_fail(ss, "ann", i == 4 ? "10.0.0.2" : "10.0.0.1", t0 + i * 1000);
    }
    assert_int_equal(serve_throttled(ss, "ann", "10.0.0.9", t0 + 5000, &which), 1);
    assert_string_equal(which, "account");
    /* The address failed four times only. */
    assert_int_equal(serve_throttled(ss, "bob", "10.0.0.1", t0 + 5000, &which), 0);
    serve_throttle_fail(ss, "carl", "10.0.0.1", t0 + 6000);
    assert_int_equal(serve_throttled(ss, "bob", "10.0.0.1", t0 + 6000, &which), 1);
    assert_string_equal(which, "address");
    /* 15 minutes after the first failure the account is free again. */
    assert_int_equal(
        serve_throttled(ss, "ann", "10.0.0.9", t0 + SERVE_THROTTLE_WINDOW_MS - 1, &which), 1);
    assert_int_equal(serve_throttled(ss, "ann", "10.0.0.9", t0 + SERVE_THROTTLE_WINDOW_MS, &which),
                     0);
    serve_sessions_free(ss);
}

/* serve.route: patterns, methods, and nothing else. */
static void test_routes(void **state)
{
    const serve_route *r = NULL;
    const char *p[4];
    size_t n = 9;
    char path[64];
    strcpy(path, "me");
    assert_int_equal(serve_route_find("GET", path, &r, p, &n), 200);
    assert_string_equal(r->pattern, "me");
    assert_string_equal(r->action, "session");
    assert_int_equal(n, 0);
    strcpy(path, "login");
    assert_int_equal(serve_route_find("POST", path, &r, p, &n), 200);
    assert_null(r->action); /* no session needed */
    strcpy(path, "login");
    assert_int_equal(serve_route_find("GET", path, &r, p, &n), 405);
    strcpy(path, "me/too");
    assert_int_equal(serve_route_find("GET", path, &r, p, &n), 404);
    strcpy(path, "me/");
    assert_int_equal(serve_route_find("GET", path, &r, p, &n), 404);
    strcpy(path, "");
    assert_int_equal(serve_route_find("GET", path, &r, p, &n), 404);
}

static void test_fail_status(void **state)
{
    static const struct {
        werr_code code;
        int status;
    } cases[] = {
        {WERR_INPUT, 400},    {WERR_NOT_FOUND, 404},   {WERR_FORBIDDEN, 403},
        {WERR_CONFLICT, 409}, {WERR_UNAVAILABLE, 503}, {WERR_INTERNAL, 500},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        serve_resp out = {0};
        werr e = {0};
        werr_set(&e, cases[i].code, "no alert \"A1\"");
        assert_int_equal(serve_fail(&out, &e), 0);
        assert_int_equal(out.status, cases[i].status);
        assert_string_equal(out.body.data, "{\"error\":\"no alert \\\"A1\\\"\"}");
        buf_free(&out.body);
    }
}

static void test_jsonl_array(void **state)
{
    buf in = {0}, out = {0};
    assert_int_equal(serve_jsonl_array(&in, &out), 0);
    assert_string_equal(out.data, "[]");
    buf_reset(&out);
    buf_puts(&in, "{\"a\":1}\n{\"b\":2}\n");
    assert_int_equal(serve_jsonl_array(&in, &out), 0);
    assert_string_equal(out.data, "[{\"a\":1},{\"b\":2}]");
    serve_resp r = {0};
    assert_int_equal(serve_ok(&r, 0, &out), 0);
    assert_int_equal(r.status, 200);
    assert_null(out.data);
    assert_string_equal(r.body.data, "[{\"a\":1},{\"b\":2}]");
    buf_free(&r.body);
    buf_free(&in);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_session_idle),    cmocka_unit_test(test_session_close),
        cmocka_unit_test(test_throttle_window), cmocka_unit_test(test_routes),
        cmocka_unit_test(test_fail_status),     cmocka_unit_test(test_jsonl_array),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

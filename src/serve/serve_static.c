/* The web UI's files: / is index.html, /static/chart.js Debian's
 * Chart.js, any other path a file under the web root (for /static/X:
 * X, else static/X). No path leaves the root: a segment that is empty,
 * ".", "..", hidden or holds a backslash is refused, and the file found
 * must resolve (symbolic links followed) inside the root. A page view (an
 * .html) is recorded in the audit trail. */
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "emit/emit_serve.h"
#include "normalise/ts.h"
#include "serve/serve_int.h"

static const struct {
    const char *ext, *type;
} types[] = {
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".json", "application/json"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".ico", "image/x-icon"},
    {".woff2", "font/woff2"},
    {".txt", "text/plain; charset=utf-8"},
};

static const char *type_of(const char *path)
{
    const char *dot = strrchr(path, '.');
    for (size_t i = 0; dot && i < sizeof types / sizeof *types; i++)
        if (strcmp(dot, types[i].ext) == 0) return types[i].type;
    return "application/octet-stream";
}

/* Whether rel ("a/b.js") is a path under a root without escaping it. */
static int safe(const char *rel)
{
    if (!*rel || strchr(rel, '\\')) return 0;
    for (const char *p = rel; *p;) {
        const char *slash = strchr(p, '/');
        size_t n = slash ? (size_t)(slash - p) : strlen(p);
        if (n == 0 || p[0] == '.') return 0; /* "", ".", "..", hidden */
        p += n + (slash ? 1 : 0);
        if (slash && !*p) return 0;
    }
    return 1;
}

/* Opens root/rel when it resolves inside root: the fd, or -1. */
static int open_under(const char *root, const char *rel, uint64_t *size)
{
    char path[PATH_MAX], real[PATH_MAX], rroot[PATH_MAX];
    if (snprintf(path, sizeof path, "%s/%s", root, rel) >= (int)sizeof path) return -1;
    if (!realpath(root, rroot) || !realpath(path, real)) return -1;
    size_t n = strlen(rroot);
    if (strncmp(real, rroot, n) != 0 || real[n] != '/') return -1;
    int fd = open(real, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0) return -1;
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return -1;
    }
    *size = (uint64_t)st.st_size;
    return fd;
}

/* Records the view of page as the session's account (or "anonymous"). */
static void audit_page(serve *sv, struct MHD_Connection *conn, const char *page)
{
    serve_worker *w;
    werr e = {0};
    if (serve_worker_get(sv->workers, &w, &e) < 0) return;
    serve_session s = {.account = "anonymous"};
    serve_session_find(sv->sessions, serve_cookie_token(sv, conn), ts_now_ms(), &s);
    buf b = {0};
    if (buf_puts(&b, "{\"path\":") == 0 && buf_json_str(&b, page) == 0 && buf_puts(&b, "}") == 0)
        serve_audit(w, s.account, "page", (const char *)b.data, NULL, &e);
    buf_free(&b);
}

int serve_static(serve *sv, struct MHD_Connection *conn, const char *url, serve_out *o)
{
    const char *web = sv->cfg.web;
    int fd = -1;
    const char *rel = url + 1, *name = url;
    o->pattern = "/*";
    if (strcmp(url, "/") == 0) {
        rel = name = "index.html";
        o->pattern = "/";
    } else if (strcmp(url, "/static/chart.js") == 0) {
        o->pattern = "/static/chart.js";
        fd = open(sv->cfg.chart_js, O_RDONLY | O_CLOEXEC);
        struct stat st;
        if (fd >= 0 && fstat(fd, &st) == 0) o->fd_size = (uint64_t)st.st_size;
        if (fd < 0) return serve_out_error(o, 404, "Chart.js is not installed (libjs-chart.js)");
    }
    if (fd < 0 && !safe(rel)) return serve_out_error(o, 400, "not a path of the workbench");
    if (fd < 0 && strncmp(rel, "static/", 7) == 0) {
        o->pattern = "/static/*";
        fd = open_under(web, rel + 7, &o->fd_size);
    }
    if (fd < 0) fd = open_under(web, rel, &o->fd_size);
    if (fd < 0) return serve_out_error(o, 404, "no such page");
    o->fd = fd;
    o->status = 200;
    o->ctype = type_of(name);
    if (strcmp(o->ctype, types[0].type) == 0) audit_page(sv, conn, url);
    return 0;
}

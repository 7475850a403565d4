/* serve: the preview module's parts (src/serve/serve.h): which file a URL
 * names and which it may never name, the addresses it listens on, what it
 * adds to a page, the error page, the watcher. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "../../src/serve/serve.h"
#include "statuut/fsutil.h"

#include <fcntl.h>
#include <glib.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void path_is(const char *url, const char *want, bool want_dir) {
  bool dir = !want_dir;
  char *got = serve_url_path(url, &dir);
  if (!got) fail_msg("%s was refused", url);
  assert_string_equal(got, want);
  assert_int_equal(dir, want_dir);
  free(got);
}

static void refused(const char *url) {
  bool dir;
  char *got = serve_url_path(url, &dir);
  if (got) fail_msg("%s was taken as '%s'", url, got);
}

static void url_paths(void **state) {
  (void)state;
  path_is("/", "", true);
  path_is("/index.html", "index.html", false);
  path_is("/voorbeeld/1.0/", "voorbeeld/1.0", true);
  path_is("/voorbeeld/1.0/voorbeeld-1.0.pdf", "voorbeeld/1.0/voorbeeld-1.0.pdf", false);
  path_is("/caf%C3%A9/", "caf\xc3\xa9", true);
  path_is("/a%20b", "a b", false);
  path_is("/%252e%252e/", "%2e%2e", true); /* decoded once: a name, not ".." */
}

static void traversal_refused(void **state) {
  (void)state;
  const char *bad[] = {"",
                       "index.html",
                       "http://127.0.0.1/etc/passwd",
                       "/..",
                       "/../",
                       "/../etc/passwd",
                       "/a/../../etc/passwd",
                       "/a/..",
                       "/./index.html",
                       "/%2e%2e/",
                       "/%2E%2E/etc/passwd",
                       "/.%2e/",
                       "/%2e./",
                       "/a/%2e%2e/%2e%2e/etc",
                       "/a%2f..%2f..%2fetc/passwd",
                       "/a%2Fb",
                       "/%2fetc/passwd",
                       "//etc/passwd",
                       "/a//b",
                       "/a/b//",
                       "/..%5c..%5cetc",
                       "/a\\..\\b",
                       "/%00",
                       "/style.css%00.html",
                       "/a%0d%0aSet-Cookie:x",
                       "/a\tb",
                       "/%",
                       "/%2",
                       "/%zz",
                       "/.statuut-build",
                       "/.git/config"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
    refused(bad[i]);
  char *longest = g_strnfill(5000, 'a');
  longest[0] = '/';
  refused(longest);
  g_free(longest);
}

typedef struct {
  char *root;
  char *outside;
} site;

static void put(const char *dir, const char *rel, const char *text) {
  char *path = g_build_filename(dir, rel, NULL);
  char *parent = g_path_get_dirname(path);
  g_mkdir_with_parents(parent, 0755);
  assert_true(g_file_set_contents(path, text, -1, NULL));
  g_free(parent);
  g_free(path);
}

static int site_up(void **state) {
  site *s = g_new0(site, 1);
  s->root = g_dir_make_tmp("serve-site-XXXXXX", NULL);
  s->outside = g_dir_make_tmp("serve-outside-XXXXXX", NULL);
  put(s->root, "index.html", "<p>begin</p>");
  put(s->root, "style.css", "p{}");
  put(s->root, "doc/1.0/index.html", "<p>versie</p>");
  put(s->root, "doc/1.0/doc-1.0.pdf", "%PDF");
  put(s->root, "leeg/.keep", "");
  put(s->outside, "geheim.txt", "geheim");
  char *p = g_build_filename(s->root, "uit", NULL);
  assert_int_equal(symlink(s->outside, p), 0);
  g_free(p);
  p = g_build_filename(s->root, "doc", "geheim.txt", NULL);
  char *target = g_build_filename(s->outside, "geheim.txt", NULL);
  assert_int_equal(symlink(target, p), 0);
  g_free(target);
  g_free(p);
  p = g_build_filename(s->root, "kopie.css", NULL);
  assert_int_equal(symlink("style.css", p), 0);
  g_free(p);
  p = g_build_filename(s->root, "pijp", NULL);
  assert_int_equal(mkfifo(p, 0644), 0);
  g_free(p);
  *state = s;
  return 0;
}

static int site_down(void **state) {
  site *s = *state;
  char *ignored = NULL;
  fs_remove_tree(s->root, &ignored);
  fs_remove_tree(s->outside, &ignored);
  g_free(ignored);
  g_free(s->root);
  g_free(s->outside);
  g_free(s);
  return 0;
}

/* The file url names in the site, its text; NULL when none. */
static char *served(const site *s, const char *url, bool *html, bool *redirect) {
  bool dir = false;
  char *path = serve_url_path(url, &dir);
  if (!path) return NULL;
  int fd = serve_open(s->root, path, dir, html, redirect);
  free(path);
  if (fd < 0) return NULL;
  char buf[256];
  ssize_t n = read(fd, buf, sizeof buf - 1);
  close(fd);
  return n >= 0 ? g_strndup(buf, (gsize)n) : NULL;
}

static void opens(const site *s, const char *url, const char *want, bool want_html) {
  bool html = !want_html, redirect = true;
  char *got = served(s, url, &html, &redirect);
  if (!got) fail_msg("%s: nothing served", url);
  assert_string_equal(got, want);
  assert_int_equal(html, want_html);
  assert_false(redirect);
  g_free(got);
}

static void nothing(const site *s, const char *url) {
  bool html, redirect;
  char *got = served(s, url, &html, &redirect);
  if (got) fail_msg("%s served '%s'", url, got);
  assert_false(redirect);
}

static void files_inside_only(void **state) {
  const site *s = *state;
  opens(s, "/", "<p>begin</p>", true);
  opens(s, "/index.html", "<p>begin</p>", true);
  opens(s, "/style.css", "p{}", false);
  opens(s, "/doc/1.0/", "<p>versie</p>", true);
  opens(s, "/doc/1.0/doc-1.0.pdf", "%PDF", false);
  nothing(s, "/nergens.html");
  nothing(s, "/leeg/");          /* a folder without index.html */
  nothing(s, "/style.css/");     /* a file is no folder */
  nothing(s, "/style.css/x");    /* nor a step on the way */
  nothing(s, "/uit/geheim.txt"); /* a link to a folder outside */
  nothing(s, "/uit/");
  nothing(s, "/doc/geheim.txt"); /* a link to a file outside */
  nothing(s, "/kopie.css");      /* a link inside: no link is followed */
  nothing(s, "/pijp");           /* a FIFO, neither blocking nor served */
  char *outside = g_strconcat(s->outside, "/geheim.txt", NULL);
  nothing(s, outside); /* an absolute path is one inside the site */
  g_free(outside);
}

static void folder_redirects(void **state) {
  const site *s = *state;
  bool html, redirect = false;
  assert_null(served(s, "/doc/1.0", &html, &redirect));
  assert_true(redirect);
}

static void missing_root(void **state) {
  (void)state;
  bool html, redirect;
  assert_int_equal(serve_open("/nonexistent-statuut-site", "", true, &html, &redirect), -1);
}

static void content_types(void **state) {
  (void)state;
  assert_string_equal(serve_content_type("index.html"), "text/html; charset=utf-8");
  assert_string_equal(serve_content_type("a/B.HTML"), "text/html; charset=utf-8");
  assert_string_equal(serve_content_type("style.css"), "text/css; charset=utf-8");
  assert_string_equal(serve_content_type("vergelijk.js"), "text/javascript; charset=utf-8");
  assert_string_equal(serve_content_type("manifest.json"), "application/json");
  assert_string_equal(serve_content_type("feed.xml"), "application/xml");
  assert_string_equal(serve_content_type("a.pdf"), "application/pdf");
  assert_string_equal(serve_content_type("fonts/Vollkorn-Regular.woff2"), "font/woff2");
  assert_string_equal(serve_content_type("pagefind/wasm.nl.pagefind"), "application/octet-stream");
  assert_string_equal(serve_content_type("x.pf_index"), "application/octet-stream");
  assert_string_equal(serve_content_type("a.b/README"), "application/octet-stream");
}

static void injected(const char *html, unsigned build, const char *want) {
  size_t len;
  char *got = serve_inject(html, strlen(html), build, &len);
  assert_non_null(got);
  assert_string_equal(got, want);
  assert_int_equal(len, strlen(want));
  free(got);
}

static void the_script_goes_before_body_end(void **state) {
  (void)state;
  injected("<body><p>x</p></body>\n</html>\n", 3,
           "<body><p>x</p><script src=\"/_statuut/reload.js\" data-build=\"3\"></script>\n"
           "</body>\n</html>\n");
  /* the last one: "</body>" in the text is escaped, but a comment may hold it */
  injected("<!-- </body> --></BODY>", 1,
           "<!-- </body> --><script src=\"/_statuut/reload.js\" data-build=\"1\"></script>\n"
           "</BODY>");
  injected("<p>kaal</p>", 12,
           "<p>kaal</p><script src=\"/_statuut/reload.js\" data-build=\"12\"></script>\n");
  injected("", 1, "<script src=\"/_statuut/reload.js\" data-build=\"1\"></script>\n");
  assert_non_null(strstr(serve_reload_script, "new EventSource(\"/_statuut/events\")"));
}

static void host_ok(const char *host, int family) {
  struct sockaddr_storage a;
  socklen_t len = 0;
  char *err = NULL;
  if (!serve_host_parse(host, 8000, &a, &len, &err)) fail_msg("%s refused: %s", host, err);
  assert_int_equal(a.ss_family, family);
  assert_int_equal(ntohs(family == AF_INET ? ((struct sockaddr_in *)&a)->sin_port
                                           : ((struct sockaddr_in6 *)&a)->sin6_port),
                   8000);
}

static void host_refused(const char *host, const char *want) {
  struct sockaddr_storage a;
  socklen_t len = 0;
  char *err = NULL;
  assert_false(serve_host_parse(host, 8000, &a, &len, &err));
  assert_non_null(err);
  if (!strstr(err, want)) fail_msg("%s: '%s' lacks '%s'", host, err, want);
  g_free(err);
}

static void loopback_only(void **state) {
  (void)state;
  host_ok("127.0.0.1", AF_INET);
  host_ok("127.3.2.1", AF_INET);
  host_ok("localhost", AF_INET);
  host_ok("::1", AF_INET6);
  host_refused("0.0.0.0", "--host 0.0.0.0: refusing to listen there");
  host_refused("::", "--host ::: refusing");
  host_refused("192.168.1.10", "this machine only (127.0.0.1, ::1 or localhost)");
  host_refused("10.0.0.1", "refusing");
  host_refused("::ffff:127.0.0.1", "refusing"); /* a v4-mapped address listens on v6 */
  host_refused("example.org", "--host example.org: not an address");
  host_refused("", "not an address");
  struct sockaddr_storage a;
  socklen_t len;
  char *err = NULL;
  assert_false(serve_host_parse("127.0.0.1", 70000, &a, &len, &err));
  g_free(err);
}

static void host_headers(void **state) {
  (void)state;
  assert_true(serve_host_header_ok(NULL));
  assert_true(serve_host_header_ok("127.0.0.1:8000"));
  assert_true(serve_host_header_ok("127.0.0.1"));
  assert_true(serve_host_header_ok("localhost:8000"));
  assert_true(serve_host_header_ok("LocalHost"));
  assert_true(serve_host_header_ok("[::1]:8000"));
  assert_false(serve_host_header_ok("evil.example"));
  assert_false(serve_host_header_ok("evil.example:8000"));
  assert_false(serve_host_header_ok("127.0.0.1.evil.example"));
  assert_false(serve_host_header_ok("localhost.evil.example"));
  assert_false(serve_host_header_ok("192.168.1.10:8000"));
  assert_false(serve_host_header_ok("[::1"));
  assert_false(serve_host_header_ok(""));
}

static void the_error_page(void **state) {
  (void)state;
  char *dir = g_dir_make_tmp("serve-err-XXXXXX", NULL);
  put(dir, "1.1.md", "---\ntitle: x\n---\n\nZie de noot[^nergens] <hier>.\n");
  char *file = g_build_filename(dir, "1.1.md", NULL);
  diag_list *l = diag_list_new();
  diag_add(l, DIAG_ERROR, file, 5, 12, CHECK_FOOTNOTES, "footnote [^nergens] <is> not defined");
  diag_add(l, DIAG_WARNING, file, 5, 1, CHECK_SPELLING, "a warning, not shown");
  diag_add(l, DIAG_ERROR, "site.yaml", 0, 0, CHECK_SITE, "no title");
  char *page = serve_error_page(l, NULL);
  assert_non_null(strstr(page, "<html lang=\"nl\">"));
  assert_non_null(strstr(page, "<h1>De site kon niet worden gebouwd</h1>"));
  assert_non_null(strstr(page, "De inhoud heeft 2 fouten."));
  char *where = g_strdup_printf("<code class=\"plaats\">%s:5:12</code>: footnote [^nergens] "
                                "&lt;is&gt; not defined <span class=\"check\">[footnotes]</span>",
                                file);
  assert_non_null(strstr(page, where));
  g_free(where);
  /* the source line, escaped, and a caret under column 12 */
  assert_non_null(strstr(page, "<pre class=\"bron\"><code>Zie de noot[^nergens] &lt;hier&gt;.\n"
                               "           <span class=\"wijzer\" aria-hidden=\"true\">^</span>"));
  assert_non_null(strstr(page, "<code class=\"plaats\">site.yaml</code>: no title"));
  assert_null(strstr(page, "a warning"));
  g_free(page);
  diag_list_free(l);
  l = diag_list_new();
  page = serve_error_page(l, "templates/base.html: <unclosed>");
  assert_non_null(strstr(page, "<pre>templates/base.html: &lt;unclosed&gt;</pre>"));
  g_free(page);
  diag_list_free(l);
  char *ignored = NULL;
  fs_remove_tree(dir, &ignored);
  g_free(ignored);
  g_free(file);
  g_free(dir);
}

static void swap_files_do_not_count(void **state) {
  (void)state;
  assert_true(serve_watch_counts("1.1.md"));
  assert_true(serve_watch_counts("style.css"));
  assert_false(serve_watch_counts(".1.1.md.swp"));
  assert_false(serve_watch_counts("1.1.md~"));
  assert_false(serve_watch_counts(".#1.1.md"));
  assert_false(serve_watch_counts("4913.swp"));
  assert_false(serve_watch_counts("x.swx"));
}

static void watching(void **state) {
  (void)state;
  char *dir = g_dir_make_tmp("serve-watch-XXXXXX", NULL);
  put(dir, "doc/1.0.md", "a");
  const char *dirs[] = {dir};
  char *err = NULL;
  serve_watch *w = serve_watch_open(dirs, 1, &err);
  assert_non_null(w);
  int stop[2];
  assert_int_equal(pipe(stop), 0);
  /* a save in a subfolder */
  put(dir, "doc/1.0.md", "b");
  assert_int_equal(serve_watch_wait(w, stop[0], 20, 1000, &err), 1);
  /* a folder made later is watched too */
  char *sub = g_build_filename(dir, "nieuw", NULL);
  assert_int_equal(mkdir(sub, 0755), 0);
  assert_int_equal(serve_watch_wait(w, stop[0], 20, 1000, &err), 1);
  put(dir, "nieuw/1.md", "c");
  assert_int_equal(serve_watch_wait(w, stop[0], 20, 1000, &err), 1);
  /* a burst is one change */
  for (int i = 0; i < 10; i++)
    put(dir, "doc/1.0.md", "d");
  assert_int_equal(serve_watch_wait(w, stop[0], 20, 1000, &err), 1);
  /* a swap file is none: the stop comes first */
  put(dir, "doc/.1.0.md.swp", "e");
  assert_int_equal(write(stop[1], "x", 1), 1);
  assert_int_equal(serve_watch_wait(w, stop[0], 20, 1000, &err), 0);
  serve_watch_free(w);
  close(stop[0]);
  close(stop[1]);
  const char *missing[] = {"/nonexistent-statuut-content"};
  assert_null(serve_watch_open(missing, 1, &err));
  assert_non_null(strstr(err, "/nonexistent-statuut-content: cannot watch the folder"));
  g_free(err);
  char *ignored = NULL;
  fs_remove_tree(dir, &ignored);
  g_free(ignored);
  g_free(sub);
  g_free(dir);
}

static void server(void **state) {
  (void)state;
  char *err = NULL;
  serve_server *s = serve_start("127.0.0.1", 0, "/nonexistent-statuut-site", &err);
  assert_non_null(s);
  assert_true(serve_port(s) > 0);
  assert_int_equal(serve_publish(s, NULL), 1);
  assert_int_equal(serve_publish(s, g_strdup("<p>fout</p>")), 2);
  /* the port is taken */
  char *err2 = NULL;
  assert_null(serve_start("127.0.0.1", serve_port(s), "/x", &err2));
  assert_non_null(strstr(err2, "cannot listen: Address already in use"));
  g_free(err2);
  serve_stop(s);
  assert_null(serve_start("0.0.0.0", 0, "/x", &err));
  assert_non_null(strstr(err, "refusing"));
  g_free(err);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(url_paths),
      cmocka_unit_test(traversal_refused),
      cmocka_unit_test_setup_teardown(files_inside_only, site_up, site_down),
      cmocka_unit_test_setup_teardown(folder_redirects, site_up, site_down),
      cmocka_unit_test(missing_root),
      cmocka_unit_test(content_types),
      cmocka_unit_test(the_script_goes_before_body_end),
      cmocka_unit_test(loopback_only),
      cmocka_unit_test(host_headers),
      cmocka_unit_test(the_error_page),
      cmocka_unit_test(swap_files_do_not_count),
      cmocka_unit_test(watching),
      cmocka_unit_test(server),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

/* siteurl: the URL table, site links taken apart, and which URLs of the
 * content may be followed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "statuut/siteurl.h"

#include <glib.h>
#include <string.h>

static void expect_file(url_kind k, const char *slug, const char *a, const char *b,
                        const char *want) {
  char *got = url_file(k, slug, a, b);
  assert_string_equal(got, want);
  g_free(got);
}

static void the_scheme(void **state) {
  (void)state;
  expect_file(URL_INDEX, NULL, NULL, NULL, "index.html");
  expect_file(URL_HISTORY, "statuut", NULL, NULL, "statuut/index.html");
  expect_file(URL_VERSION, "statuut", "1.0", NULL, "statuut/1.0/index.html");
  expect_file(URL_LATEST, "statuut", NULL, NULL, "statuut/latest/index.html");
  expect_file(URL_DIFF, "statuut", "1.0", "1.1", "statuut/verschil/1.0-1.1/index.html");
  expect_file(URL_PDF, "statuut", "1.0", NULL, "statuut/1.0/statuut-1.0.pdf");
  expect_file(URL_DIFF_PDF, "statuut", "1.0", "1.1",
              "statuut/verschil/1.0-1.1/statuut-wijzigingen-1.0-1.1.pdf");
  expect_file(URL_ASSET, NULL, "style.css", NULL, "style.css");
  expect_file(URL_SEARCH, NULL, NULL, NULL, "zoeken/index.html");
  /* a folder, not a page: no index.html */
  expect_file(URL_SEARCH_INDEX, "statuut", NULL, NULL, "pagefind/statuut/");
  char *dir = url_dir(URL_VERSION, "statuut", "1.0", NULL);
  assert_string_equal(dir, "statuut/1.0/");
  g_free(dir);
  assert_string_equal(url_root(URL_INDEX), "");
  assert_string_equal(url_root(URL_VERSION), "../../");
  assert_string_equal(url_root(URL_DIFF), "../../../");
}

static void site_links(void **state) {
  (void)state;
  url_link l;
  assert_false(url_link_parse("https://example.org/", &l));
  assert_false(url_link_parse("//example.org/", &l));
  assert_true(url_link_parse("/", &l));
  assert_int_equal(l.kind, URL_INDEX);
  url_link_clear(&l);
  assert_true(url_link_parse("/statuut/", &l));
  assert_int_equal(l.kind, URL_LATEST);
  assert_string_equal(l.slug, "statuut");
  url_link_clear(&l);
  assert_true(url_link_parse("/statuut/latest/#inleiding", &l));
  assert_int_equal(l.kind, URL_LATEST);
  assert_string_equal(l.fragment, "inleiding");
  url_link_clear(&l);
  assert_true(url_link_parse("/statuut/1.0/#a", &l));
  assert_int_equal(l.kind, URL_VERSION);
  assert_string_equal(l.version, "1.0");
  char *f = url_link_file(&l);
  assert_string_equal(f, "statuut/1.0/index.html");
  g_free(f);
  url_link_clear(&l);
  assert_true(url_link_parse("/images/logo.png", &l));
  assert_int_equal(l.kind, URL_ASSET);
  url_link_clear(&l);
  assert_true(url_link_parse("/a/b/c/", &l));
  assert_int_equal(l.kind, URL_KIND_MAX);
  assert_true(l.folder);
  url_link_clear(&l);
  assert_true(url_link_parse("/statuut", &l));
  assert_int_equal(l.kind, URL_KIND_MAX);
  assert_false(l.folder);
  url_link_clear(&l);
}

static void safe_urls(void **state) {
  (void)state;
  const char *safe[] = {"https://example.org/",
                        "HTTP://example.org/",
                        "mailto:info@example.org",
                        "tel:+31201234567",
                        "/statuut/1.0/#inleiding",
                        "#inleiding",
                        "pagina.html",
                        "hoofdstukdrieentwintigenmeer.html",
                        "map/bestand:met-dubbele-punt",
                        "?q=1",
                        "jav%61script:alert(1)", /* browsers do not decode the scheme */
                        "java\\script:alert(1)", /* not a scheme: a path */
                        "1javascript:alert(1)",
                        "",
                        NULL};
  for (int i = 0; safe[i]; i++)
    if (!url_is_safe(safe[i])) fail_msg("refused: '%s'", safe[i]);
  const char *unsafe[] = {"javascript:alert(1)",
                          "JaVaScRiPt:alert(1)",
                          " javascript:alert(1)",
                          "\x01javascript:alert(1)",
                          "java\tscript:alert(1)",
                          "java\nscript:alert(1)",
                          "java\rscript:alert(1)",
                          "vbscript:msgbox(1)",
                          "data:text/html,<script>alert(1)</script>",
                          "DATA:image/svg+xml;base64,PHN2Zz4=",
                          "file:///etc/passwd",
                          "ftp://example.org/",
                          "averyveryverylongscheme:x",
                          ":nothing",
                          NULL};
  for (int i = 0; unsafe[i]; i++)
    if (url_is_safe(unsafe[i])) fail_msg("allowed: '%s'", unsafe[i]);
  assert_false(url_is_safe(NULL));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(the_scheme),
      cmocka_unit_test(site_links),
      cmocka_unit_test(safe_urls),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Unit tests: templates read as XML and written as HTML5 by libxml2. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "statuut/html.h"
#include "statuut/template.h"

#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <string.h>

static char *tmpdir;

static int setup(void **state) {
  (void)state;
  tmpdir = g_dir_make_tmp("statuut-tpl-XXXXXX", NULL);
  return tmpdir ? 0 : -1;
}

static int teardown(void **state) {
  (void)state;
  GDir *d = g_dir_open(tmpdir, 0, NULL);
  const char *n;
  while ((n = g_dir_read_name(d))) {
    char *p = g_build_filename(tmpdir, n, NULL);
    g_unlink(p);
    g_free(p);
  }
  g_dir_close(d);
  g_rmdir(tmpdir);
  g_free(tmpdir);
  return 0;
}

static char *write_tmp(const char *name, const char *text) {
  char *p = g_build_filename(tmpdir, name, NULL);
  assert_true(g_file_set_contents(p, text, -1, NULL));
  return p;
}

/* Every "<name .../>" in html must be a void element. */
static void assert_self_closing_only_void(const char *html) {
  for (const char *p = strstr(html, "/>"); p; p = strstr(p + 2, "/>")) {
    const char *lt = p;
    while (lt > html && *lt != '<')
      lt--;
    size_t n = strcspn(lt + 1, " \t\n/>");
    char *name = g_strndup(lt + 1, n);
    if (!tpl_is_void(name)) fail_msg("<%s/> is not a void element", name);
    g_free(name);
  }
}

static unsigned count(const char *hay, const char *needle) {
  unsigned n = 0;
  for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
    n++;
  return n;
}

static void default_templates_round_trip(void **state) {
  (void)state;
  const char *files[] = {"base.html",  "document.html", "history.html",
                         "index.html", "diff.html",     NULL};
  for (int i = 0; files[i]; i++) {
    char *path = g_build_filename(SOURCE_DIR, "templates", files[i], NULL);
    char *err = NULL;
    tpl *t = tpl_load(path, &err);
    if (!t) fail_msg("%s", err);
    size_t len;
    char *html = tpl_serialize(t->doc, &len);
    assert_true(g_str_has_prefix(html, "<!DOCTYPE html>\n<html lang=\"nl\">"));
    assert_int_equal(count(html, "<!DOCTYPE"), 1);
    assert_int_equal(count(html, "charset"), 1);
    assert_null(strstr(html, "<?xml"));
    assert_self_closing_only_void(html);
    /* the output is XML again, and serialises to itself */
    xmlDocPtr again = xmlReadMemory(html, (int)len, "again.html", "UTF-8", XML_PARSE_NONET);
    assert_non_null(again);
    size_t len2;
    char *html2 = tpl_serialize(again, &len2);
    assert_string_equal(html, html2);
    g_free(html2);
    xmlFreeDoc(again);
    g_free(html);
    tpl_free(t);
    g_free(path);
  }
}

static void html5_corner_cases(void **state) {
  (void)state;
  char *path = write_tmp(
      "corner.html",
      "<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\"/><title>x</title></head>"
      "<body><main><p>lang<wbr/>woord</p><video><source src=\"a.mp4\"/><track src=\"a.vtt\"/>"
      "</video><section><p>in een sectie</p></section><div></div><textarea></textarea>"
      "<p>a &amp; b &lt; c</p></main></body></html>\n");
  char *err = NULL;
  tpl *t = tpl_load(path, &err);
  if (!t) fail_msg("%s", err);
  char *html = tpl_serialize(t->doc, NULL);
  assert_string_equal(
      html,
      "<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\"/><title>x</title></head>"
      "<body><main><p>lang<wbr/>woord</p><video><source src=\"a.mp4\"/><track src=\"a.vtt\"/>"
      "</video><section><p>in een sectie</p></section><div></div><textarea></textarea>"
      "<p>a &amp; b &lt; c</p></main></body></html>\n");
  g_free(html);
  tpl_free(t);
  g_free(path);
}

static void text_is_never_markup(void **state) {
  (void)state;
  char *path = write_tmp(
      "t.html", "<!DOCTYPE html>\n<html lang=\"nl\"><body><p data-slot=\"x\"></p></body></html>");
  char *err = NULL;
  tpl *t = tpl_load(path, &err);
  assert_non_null(t);
  xmlDocPtr d = tpl_instance(t);
  xmlNodePtr slot = tpl_find_slot(xmlDocGetRootElement(d), "x");
  assert_non_null(slot);
  html_text(slot, "<script>alert(1)</script> & \"quotes\"");
  tpl_strip(xmlDocGetRootElement(d));
  char *html = tpl_serialize(d, NULL);
  assert_non_null(strstr(html, "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; \"quotes\"</p>"));
  assert_null(strstr(html, "data-slot"));
  g_free(html);
  xmlFreeDoc(d);
  tpl_free(t);
  g_free(path);
}

static void expect_load_error(const char *name, const char *text, const char *want) {
  char *path = write_tmp(name, text);
  char *err = NULL;
  tpl *t = tpl_load(path, &err);
  assert_null(t);
  assert_non_null(err);
  if (!strstr(err, want)) fail_msg("error '%s' lacks '%s'", err, want);
  if (!strstr(err, path)) fail_msg("error '%s' does not name the file", err);
  g_free(err);
  g_free(path);
}

static void template_errors(void **state) {
  (void)state;
  expect_load_error("open.html", "<html lang=\"nl\"><body><p>open\n<br></body></html>",
                    ":2:12: template is not well-formed: Opening and ending tag mismatch: br");
  expect_load_error("p-section.html", "<html>\n<body><p><section>x</section></p></body></html>",
                    ":2: <section> inside <p>");
  expect_load_error("void.html", "<html><body><br>x</br></body></html>", "<br> is a void element");
  expect_load_error("style.html", "<html><head><style>a > b {}</style></head></html>",
                    "<style> with '<', '>' or '&'");
}

static void vocabulary_errors(void **state) {
  (void)state;
  const char *ok_base = "<html lang=\"nl\"><head><meta charset=\"utf-8\"/><title "
                        "data-slot=\"page-title\">x</title></head><body><main "
                        "data-slot=\"main\"></main></body></html>";
  const char *ok_doc = "<html><body><div data-slot=\"body\"></div></body></html>";
  const char *ok_hist = "<html><body><div data-slot=\"history\"></div></body></html>";
  const char *ok_index = "<html><body><div data-slot=\"documents\"></div></body></html>";
  char *err = NULL;

  g_free(write_tmp("base.html", ok_base));
  g_free(write_tmp("document.html", ok_doc));
  g_free(write_tmp("history.html", ok_hist));
  g_free(write_tmp("index.html", ok_index));
  g_free(write_tmp("diff.html", "<html><body><div data-slot=\"document\"></div></body></html>"));
  html_templates *t = html_templates_load(tmpdir, &err);
  if (!t) fail_msg("%s", err);
  html_templates_free(t);

  g_free(write_tmp("document.html", "<html><body>\n<div data-slot=\"bodyy\"></div></body></html>"));
  assert_null(html_templates_load(tmpdir, &err));
  assert_non_null(strstr(err, "document.html:2: unknown slot 'bodyy'"));
  g_free(err);

  g_free(write_tmp("document.html", "<html><body><div></div></body></html>"));
  assert_null(html_templates_load(tmpdir, &err));
  assert_non_null(strstr(err, "document.html: missing slot 'body'"));
  g_free(err);

  g_free(write_tmp(
      "document.html",
      "<html><body><div data-slot=\"body\"></div><a data-href=\"nergens\">x</a></body></html>"));
  assert_null(html_templates_load(tmpdir, &err));
  assert_non_null(strstr(err, "unknown data-href 'nergens'"));
  g_free(err);

  /* A required slot where the page is not taken from (in <head>): found by
   * fuzz_templates, it crashed the index page (tests/fuzz/crashes). */
  g_free(write_tmp("document.html", ok_doc));
  g_free(write_tmp("index.html", "<html><head><title>x</title><meta data-slot=\"documents\"/>"
                                 "</head><body><p>x</p></body></html>"));
  assert_null(html_templates_load(tmpdir, &err));
  assert_non_null(strstr(err, "index.html: missing slot 'documents' (an element with "
                              "data-slot=\"documents\" inside <body>)"));
  g_free(err);
  g_free(write_tmp("index.html", ok_index));

  char *gone = g_build_filename(tmpdir, "history.html", NULL);
  g_unlink(gone);
  g_free(gone);
  g_free(write_tmp("document.html", ok_doc));
  assert_null(html_templates_load(tmpdir, &err));
  assert_non_null(strstr(err, "history.html"));
  g_free(err);
}

/* Nested conditions and meta fields: an inner element of a removed or
 * emptied outer one must not be touched after it is freed (ASan finds it). */
static void nested_vocabulary(void **state) {
  (void)state;
  g_free(write_tmp("base.html", "<html lang=\"nl\"><head><meta charset=\"utf-8\"/><title "
                                "data-slot=\"page-title\">x</title></head><body><main "
                                "data-slot=\"main\"></main></body></html>"));
  g_free(write_tmp("document.html",
                   "<html><body><div data-if=\"concept\"><p data-if=\"!footnotes\">C</p></div>"
                   "<div data-if=\"!concept\"><p data-if=\"!footnotes\">V</p><p "
                   "data-meta=\"auteur\"><span data-meta=\"title\">t</span></p><p "
                   "data-meta=\"ontbreekt\"><b data-if=\"concept\">x</b></p><p "
                   "data-meta=\"words\">w</p></div><div data-slot=\"body\"></div></body></html>"));
  g_free(write_tmp("history.html", "<html><body><div data-slot=\"history\"></div></body></html>"));
  g_free(write_tmp("index.html", "<html><body><div data-slot=\"documents\"></div></body></html>"));
  g_free(write_tmp("diff.html", "<html><body><div data-slot=\"document\"></div></body></html>"));
  char *err = NULL;
  html_templates *t = html_templates_load(tmpdir, &err);
  if (!t) fail_msg("%s", err);
  const char *src = "---\ntitle: T\nversion: \"1\"\ndate: 2022-01-01\nstatus: vastgesteld\n"
                    "auteur: Redactie\nwords: [een, twee]\n---\nTekst.\n";
  diag_list *l = diag_list_new();
  doc *d = doc_parse("x.md", src, strlen(src), l);
  html_ctx ctx = {.root = "", .site_title = "S"};
  size_t len;
  char *html = html_page_document(t, d, NULL, &ctx, &len);
  assert_non_null(html);
  assert_non_null(strstr(html, "<div><p>V</p><p>Redactie</p><p>een, twee</p></div>"));
  assert_null(strstr(html, ">C<"));
  assert_null(strstr(html, "data-"));
  g_free(html);
  doc_free(d);
  diag_list_free(l);
  html_templates_free(t);
}

/* A page streamed piece by piece is the text tpl_serialize writes of the
 * same nodes in one tree: elements opened and closed around what is
 * streamed into them, empty ones closed, text escaped, beyond the size at
 * which the stream reserves its buffer. */
static void streamed_is_serialised(void **state) {
  (void)state;
  xmlDocPtr xdoc = xmlNewDoc((const xmlChar *)"1.0");
  xmlNodePtr root = xmlNewDocNode(xdoc, NULL, (const xmlChar *)"div", NULL);
  xmlDocSetRootElement(xdoc, root);
  xmlSetProp(root, (const xmlChar *)"class", (const xmlChar *)"a&b \"c\"");
  xmlNodePtr ol = html_el(root, "ol", "lijst");
  for (int i = 0; i < 30000; i++) {
    xmlNodePtr li = html_el(ol, "li", NULL);
    html_text(li, i % 2 ? "<b>&amp;</b> \xc3\xa9" : "");
    html_el(li, "span", NULL);
  }
  html_el(root, "br", NULL);
  size_t whole_len;
  char *whole = tpl_serialize(xdoc, &whole_len);
  assert_true(whole_len > (1u << 20)); /* past the reservation */

  tpl_stream *s = tpl_stream_new();
  tpl_stream_raw(s, "<!DOCTYPE html>\n", 16);
  xmlNodePtr r2 = xmlNewDocNode(xdoc, NULL, (const xmlChar *)"div", NULL);
  xmlSetProp(r2, (const xmlChar *)"class", (const xmlChar *)"a&b \"c\"");
  tpl_stream_open(s, r2);
  xmlNodePtr scratch = xmlNewDocNode(xdoc, NULL, (const xmlChar *)"div", NULL);
  xmlNodePtr ol2 = xmlNewDocNode(xdoc, NULL, (const xmlChar *)"ol", NULL);
  xmlSetProp(ol2, (const xmlChar *)"class", (const xmlChar *)"lijst");
  tpl_stream_open(s, ol2);
  for (int i = 0; i < 30000; i++) {
    xmlNodePtr li = html_el(scratch, "li", NULL);
    html_text(li, i % 2 ? "<b>&amp;</b> \xc3\xa9" : "");
    html_el(li, "span", NULL);
    tpl_stream_node(s, li);
    tpl_clear(scratch);
  }
  tpl_stream_close(s);
  tpl_stream_node(s, html_el(scratch, "br", NULL));
  tpl_stream_close(s);
  tpl_stream_raw(s, "\n", 1);
  size_t len;
  char *streamed = tpl_stream_finish(s, &len);
  assert_int_equal(len, whole_len);
  assert_string_equal(streamed, whole);
  assert_non_null(strstr(whole, "<span></span>"));
  assert_non_null(strstr(whole, "&lt;b&gt;&amp;amp;&lt;/b&gt;"));
  g_free(streamed);
  g_free(whole);
  xmlFreeNode(scratch);
  xmlFreeDoc(xdoc);
}

static void link_resolution(void **state) {
  (void)state;
  html_ctx site = {.root = "../../", .site_title = "S"};
  html_ctx alone = {.site_title = "S"};
  struct {
    const char *url, *want;
  } cases[] = {
      {"/landschap/", "../../landschap/latest/index.html"},
      {"/kwaliteitsstatuut/1.0/", "../../kwaliteitsstatuut/1.0/index.html"},
      {"/kwaliteitsstatuut/1.0/#inleiding", "../../kwaliteitsstatuut/1.0/index.html#inleiding"},
      {"/landschap/#kop", "../../landschap/latest/index.html#kop"},
      {"/", "../../index.html"},
      {"https://example.org/a", "https://example.org/a"},
      {"//cdn.example.org/x", "//cdn.example.org/x"},
      {"#voetnoten", "#voetnoten"},
      {"mailto:a@b.nl", "mailto:a@b.nl"}};
  for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
    char *got = html_resolve_link(cases[i].url, &site);
    if (strcmp(got, cases[i].want) != 0)
      fail_msg("%s -> %s, expected %s", cases[i].url, got, cases[i].want);
    g_free(got);
  }
  char *got = html_resolve_link("/landschap/", &alone);
  assert_string_equal(got, "/landschap/");
  g_free(got);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(default_templates_round_trip),
      cmocka_unit_test(html5_corner_cases),
      cmocka_unit_test(text_is_never_markup),
      cmocka_unit_test(template_errors),
      cmocka_unit_test(vocabulary_errors),
      cmocka_unit_test(nested_vocabulary),
      cmocka_unit_test(link_resolution),
      cmocka_unit_test(streamed_is_serialised),
  };
  return cmocka_run_group_tests_name("template", tests, setup, teardown);
}

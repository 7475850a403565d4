/* Unit tests: the parsers of statuut check — the citation recogniser, edit
 * distance, URLs, the spell checker's words — and the checks on small
 * documents. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "statuut/check.h"
#include "statuut/citations.h"
#include "statuut/editdist.h"
#include "statuut/links.h"
#include "statuut/spelling.h"

#include <string.h>

/* The citations of text as "key|key|..." per match (all readings, nearest
 * first), matches separated by "; ", with "!" for closed and "&" for listed. */
static char *scan(const char *text) {
  GArray *ms = cite_scan(text);
  GString *s = g_string_new(NULL);
  for (guint i = 0; i < ms->len; i++) {
    const cite_match *m = &g_array_index(ms, cite_match, i);
    if (i) g_string_append(s, "; ");
    for (int k = 0; k < m->nstarts; k++) {
      char *key = cite_key(text, m->starts[k], m->end);
      g_string_append_printf(s, "%s%s", k ? "|" : "", key);
      g_free(key);
    }
    if (m->closed) g_string_append_c(s, '!');
    if (m->listed) g_string_append_c(s, '&');
  }
  g_array_free(ms, TRUE);
  return g_string_free(s, FALSE);
}

static void expect_scan(const char *text, const char *want) {
  char *got = scan(text);
  if (strcmp(got, want) != 0)
    fail_msg("scan(\"%s\")\n  got  \"%s\"\n  want \"%s\"", text, got, want);
  g_free(got);
}

static void citation_lookalikes(void **state) {
  (void)state;
  /* Numbers and dates with no name before the year are not citations. */
  expect_scan("in 2018", "");
  expect_scan("Het begon in 2018.", "");
  expect_scan("artikel 3 2019", "");
  expect_scan("zie p. 58 en p. 2019", "");
  expect_scan("1 trap 1000 keer", "");
  expect_scan("het verslag van juli 2019.", "");
  expect_scan("het kader 2017-2022 en 2021/2022", "");
  expect_scan("Kwaliteitskader 2017-2022", "");
  expect_scan("In 2018 begon het.", "");
  expect_scan("Bij 2000 inwoners.", "");
  expect_scan("Zie 2019.", "");
  expect_scan("Baart (2018)", "");
  expect_scan("Baart 20185", "");
  expect_scan("Baart 2018.5", "");
  expect_scan("kennis & kunde 2019", "");
  expect_scan("van 2019", "");
}

static void citation_forms(void **state) {
  (void)state;
  expect_scan("Zie: Baart 2018, p. 74-75.", "Baart 2018!");
  expect_scan("Baart 2018 laat zien", "Baart 2018");
  expect_scan("Baart 2018a;", "Baart 2018a!");
  expect_scan("Reinders 2019, citaat p. 20.", "Reinders 2019!");
  expect_scan(
      "Zie: Van Os & Van Spronsen 2021.",
      "Spronsen 2021|Van Spronsen 2021|Os & Van Spronsen 2021|Van Os & Van Spronsen 2021!&");
  expect_scan("Buitink, Ebskamp & Groothoff 2019; Baart 2018.",
              "Groothoff 2019|Ebskamp & Groothoff 2019|Buitink, Ebskamp & Groothoff 2019!&; "
              "Baart 2018!");
  expect_scan("Zie ook: Simons, HBR 1995.", "HBR 1995|Simons, HBR 1995!&");
  expect_scan("Hoofdstuk 5; Harris-Wehling, Medicare 1990.",
              "Medicare 1990|Harris-Wehling, Medicare 1990!&");
  expect_scan("Van der Zwaard 2021; Baart 2016",
              "Zwaard 2021|der Zwaard 2021|Van der Zwaard 2021!; Baart 2016!");
  /* A lower-case name after '&': the typo the statute had. */
  expect_scan("Zie: Kruijer & albers 2020.", "Kruijer & albers 2020!&");
  /* "Zie" and "Volgens" are not names; "Tjeenk" may be. */
  expect_scan("Zie Baart 2018.", "Baart 2018!");
  expect_scan("Volgens Tjeenk Willink 2018 moet", "Willink 2018|Tjeenk Willink 2018|Volgens "
                                                  "Tjeenk Willink 2018");
  expect_scan("zoals van Heijst 2008 schrijft", "Heijst 2008|van Heijst 2008");
  /* A no-break space is a space; the key has a plain one. */
  expect_scan("Baart\xc2\xa0"
              "2018.",
              "Baart 2018!");
  expect_scan("(Scheerpers 2021)", "Scheerpers 2021!");
  /* Initials are not names: the key starts after them. */
  expect_scan("zie A. Baart 2018.", "Baart 2018!");
  expect_scan("C. Haslam, J. Jetten & S. A. Haslam 2018", "Haslam 2018!");
  expect_scan("In Utrecht 2019 ging", "Utrecht 2019");
}

static void citation_keys(void **state) {
  (void)state;
  const char *t = "Van  Os &\xc2\xa0Van Spronsen 2021";
  char *k = cite_key(t, 0, strlen(t));
  assert_string_equal(k, "Van Os & Van Spronsen 2021");
  g_free(k);
}

static void edit_distance(void **state) {
  (void)state;
  assert_int_equal(editdist("kitten", "sitting", false, -1), 3);
  assert_int_equal(editdist("", "", false, -1), 0);
  assert_int_equal(editdist("", "abc", false, -1), 3);
  assert_int_equal(editdist("Scheerpers 2021", "Scheepers 2021", true, -1), 1);
  assert_int_equal(editdist("Kruijer & albers 2020", "Kruiter & Albers 2020", true, -1), 1);
  assert_int_equal(editdist("Kruijer & albers 2020", "Kruiter & Albers 2020", false, -1), 2);
  /* characters, not bytes */
  assert_int_equal(editdist("Cambré", "Cambre", false, -1), 1);
  assert_int_equal(editdist("ÉÉN", "één", true, -1), 0);
  /* bounded: more than the bound is bound + 1, however far */
  assert_int_equal(editdist("abcdef", "zzzzzz", false, 2), 3);
  assert_int_equal(editdist("a", "abcdefgh", false, 2), 3);
  assert_int_equal(editdist("abcdef", "abcdxf", false, 2), 1);
}

static void expect_url_problem(const char *url, const char *part) {
  char *why = links_url_problem(url);
  if (!part && why) fail_msg("'%s' is fine, got: %s", url, why);
  if (part && (!why || !strstr(why, part)))
    fail_msg("'%s': expected a problem with '%s', got: %s", url, part, why ? why : "none");
  g_free(why);
}

static void urls(void **state) {
  (void)state;
  expect_url_problem("https://example.org/", NULL);
  expect_url_problem("https://vng.nl/p#:~:text=Het%20RK", NULL);
  expect_url_problem("http://localhost:8080/x", NULL);
  expect_url_problem("https://192.168.1.1/", NULL);
  expect_url_problem("mailto:a.b@example.org", NULL);
  expect_url_problem("https://bücher.example/", NULL);
  expect_url_problem("https://example.org/a b", "spaces");
  expect_url_problem("https://example.org/%2", "%-escape");
  expect_url_problem("https://example", "host");
  expect_url_problem("https://x..nl/", "host");
  expect_url_problem("https://-x.nl/", "host");
  expect_url_problem("https://example.123/", "host");
  expect_url_problem("https://example.org:99999/", "not a valid URL");
  expect_url_problem("htps://example.org", "scheme 'htps:'");
  expect_url_problem("mailto:iemand", "e-mail");
  expect_url_problem("www.example.org", "https://www.example.org");
  expect_url_problem("pagina.html", "relative");

  char *a = links_normal_form("HTTP://WWW.Example.ORG:80/a%7Eb/");
  char *b = links_normal_form("https://example.org/a~b");
  assert_string_equal(a, b);
  g_free(a);
  g_free(b);
  a = links_normal_form("https://example.org/a%2fb?q=1#x");
  assert_string_equal(a, "https://example.org/a%2Fb?q=1#x");
  g_free(a);
  a = links_normal_form("https://example.org");
  assert_string_equal(a, "https://example.org/");
  g_free(a);
}

/* The words of text as "word" with "*" for a sentence start and "-" for
 * skipped, joined by spaces. */
static char *words(const char *text) {
  bool start = true;
  GArray *t = spell_tokens(text, &start);
  GString *s = g_string_new(NULL);
  for (guint i = 0; i < t->len; i++) {
    const spell_token *w = &g_array_index(t, spell_token, i);
    g_string_append_printf(s, "%s%s%s%s%s", i ? " " : "", w->sentence_start ? "*" : "",
                           w->skip ? "-" : "", w->word, w->dot ? "." : "");
    /* the offset points at the word in the text */
    const char *at = text + w->start;
    if (!w->skip && strncmp(at, w->word, 1) != 0 && at[0] != '(' && w->word[0] != at[1])
      fail_msg("offset of '%s' points at '%.5s'", w->word, at);
  }
  spell_tokens_free(t);
  return g_string_free(s, FALSE);
}

static void expect_words(const char *text, const char *want) {
  char *got = words(text);
  if (strcmp(got, want) != 0)
    fail_msg("words(\"%s\")\n  got  \"%s\"\n  want \"%s\"", text, got, want);
  g_free(got);
}

static void spelling_words(void **state) {
  (void)state;
  expect_words("Het kwam. Daarna ‘zo’n’ ding!", "*Het kwam. *Daarna zo'n ding");
  expect_words("het gezin(ssysteem) en (on)mogelijk", "*het gezinssysteem en onmogelijk");
  expect_words("lees- en reflectieplezier, -deling", "*-lees- en reflectieplezier --deling");
  expect_words("zie https://x.nl/wp-content/a of www.x.nl/b-c en a.b@c.nl", "*zie of en");
  expect_words("werk/inkomen en 4Vita bijv. daar", "*werk inkomen en -4Vita bijv. *daar");
  expect_words("– … 12 a", "*-12 -a");
}

static void spelling_dictionary(void **state) {
  (void)state;
  char *err = NULL;
  assert_null(spell_new("/nonexistent/nl", &err));
  assert_non_null(strstr(err, "hunspell-nl"));
  g_free(err);

  GHashTable *w = spell_read_words("/nonexistent/woordenlijst.txt", &err);
  assert_non_null(w);
  assert_int_equal(g_hash_table_size(w), 0);
  g_hash_table_destroy(w);
}

static void spelling_check(void **state) {
  (void)state;
  char *err = NULL;
  speller *s = spell_new(SPELL_DICTIONARY, &err);
  assert_non_null(s);
  const char *src = "---\ntitle: T\nversion: \"1.0\"\ndate: 2022-11-01\nstatus: concept\n"
                    "words: [frobnicatie]\n---\n"
                    "De frobnicatie van Movisie en de bureaukraat. Lokalis werkt, Wijkteamer "
                    "ook. Frobnicaties niet.\n";
  diag_list *l = diag_list_new();
  doc *d = doc_parse("x.md", src, strlen(src), l);
  GHashTable *project = g_hash_table_new(g_str_hash, g_str_equal);
  g_hash_table_add(project, "Lokalis");
  spell_check(s, d, project, l);
  assert_int_equal(l->items->len, 2);
  diag *a = g_ptr_array_index(l->items, 0), *b = g_ptr_array_index(l->items, 1);
  assert_int_equal(a->col, 34);
  assert_string_equal(a->message,
                      "'bureaukraat' is not in the dictionary: did you mean 'bureaucraat'?");
  /* "Movisie" and "Wijkteamer" mid-sentence are names; "Lokalis" is in the
   * project's list, "frobnicatie" in the document's, but not its plural,
   * which starts a sentence and so is checked */
  assert_string_equal(b->message, "'Frobnicaties' is not in the dictionary");
  g_hash_table_destroy(project);
  doc_free(d);
  diag_list_free(l);
  spell_free(s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(citation_lookalikes),
      cmocka_unit_test(citation_forms),
      cmocka_unit_test(citation_keys),
      cmocka_unit_test(edit_distance),
      cmocka_unit_test(urls),
      cmocka_unit_test(spelling_words),
      cmocka_unit_test(spelling_dictionary),
      cmocka_unit_test(spelling_check),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

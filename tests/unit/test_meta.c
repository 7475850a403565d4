/* Unit tests: front matter, every error with its message and position. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "statuut/doc.h"
#include "statuut/meta.h"

#include <string.h>

#define GOOD_FM "---\ntitle: \"T\"\nversion: \"1.0\"\ndate: 2022-11-01\nstatus: vastgesteld\n---\n"

/* Parses src and returns all diagnostics as one string, one per line. */
static char *problems_of(const char *src, meta *m) {
  diag_list *l = diag_list_new();
  meta_parse(m, src, strlen(src), "x.md", l);
  diag_list_sort(l);
  GString *s = g_string_new(NULL);
  for (guint i = 0; i < l->items->len; i++) {
    char *line = diag_format(g_ptr_array_index(l->items, i));
    g_string_append_printf(s, "%s\n", line);
    g_free(line);
  }
  diag_list_free(l);
  return g_string_free(s, FALSE);
}

static void expect_problems(const char *src, const char *want) {
  meta m;
  char *got = problems_of(src, &m);
  if (strcmp(got, want) != 0) fail_msg("for:\n%s\ngot:\n%s\nexpected:\n%s", src, got, want);
  g_free(got);
  meta_clear(&m);
}

static void valid_front_matter(void **state) {
  (void)state;
  const char *src =
      "---\ntitle: \"Kwaliteit moet je doen!\"\nsubtitle: Kwaliteitsstatuut "
      "wijkteams\nversion: \"1.0\"\ndate: 2022-11-01\nstatus: vastgesteld\nsummary: "
      ">\n  Eerste\n  versie.\nauteur: Associatie\nwords: [wijkteam, inwoner]\n---\n# "
      "Kop\n";
  meta m;
  char *got = problems_of(src, &m);
  assert_string_equal(got, "");
  assert_string_equal(m.title, "Kwaliteit moet je doen!");
  assert_string_equal(m.subtitle, "Kwaliteitsstatuut wijkteams");
  assert_string_equal(m.version, "1.0");
  assert_string_equal(m.date, "2022-11-01");
  assert_int_equal(m.status, STATUS_VASTGESTELD);
  assert_string_equal(m.summary, "Eerste versie.\n");
  /* unknown keys are kept for templates, in order */
  assert_string_equal(meta_get(&m, "auteur"), "Associatie");
  const meta_field *w = meta_field_get(&m, "words");
  assert_non_null(w);
  assert_null(w->value);
  assert_int_equal(w->items->len, 2);
  assert_string_equal(g_ptr_array_index(w->items, 1), "inwoner");
  char **words = meta_field_words(w);
  assert_int_equal(g_strv_length(words), 2);
  assert_string_equal(words[0], "wijkteam");
  g_strfreev(words);
  /* a text is split at commas and spaces */
  const meta_field *a = meta_field_get(&m, "auteur");
  meta_field one = {.key = "k", .value = " spelling,  links "};
  words = meta_field_words(&one);
  assert_int_equal(g_strv_length(words), 2);
  assert_string_equal(words[1], "links");
  g_strfreev(words);
  words = meta_field_words(a);
  assert_string_equal(words[0], "Associatie");
  g_strfreev(words);
  assert_int_equal(m.body_line, 13);
  assert_string_equal(src + m.body_offset, "# Kop\n");
  g_free(got);
  meta_clear(&m);
}

static void missing_fields(void **state) {
  (void)state;
  expect_problems("---\ntitle: T\nversion: \"1.0\"\n---\n",
                  "x.md:1:1: error: missing required field 'date' [front-matter]\n"
                  "x.md:1:1: error: missing required field 'status' [front-matter]\n");
  expect_problems("---\ntitle: \"\"\nversion: \"1.0\"\ndate: 2022-11-01\nstatus: concept\n---\n",
                  "x.md:2:8: error: 'title' must be a non-empty text [front-matter]\n");
}

static void bad_values(void **state) {
  (void)state;
  expect_problems("---\ntitle: T\nversion: \"1.0\"\ndate: 2022-13-01\nstatus: concept\n---\n",
                  "x.md:4:7: error: invalid date '2022-13-01': expected a date written "
                  "YYYY-MM-DD, such as 2022-11-01 [front-matter]\n");
  expect_problems("---\ntitle: T\nversion: \"1.0\"\ndate: 2023-02-29\nstatus: concept\n---\n",
                  "x.md:4:7: error: invalid date '2023-02-29': expected a date written "
                  "YYYY-MM-DD, such as 2022-11-01 [front-matter]\n");
  expect_problems("---\ntitle: T\nversion: \"1.0\"\ndate: 1 nov 2022\nstatus: concept\n---\n",
                  "x.md:4:7: error: invalid date '1 nov 2022': expected a date written "
                  "YYYY-MM-DD, such as 2022-11-01 [front-matter]\n");
  expect_problems("---\ntitle: T\nversion: \"1.0\"\ndate: 2022-11-01\nstatus: klaar\n---\n",
                  "x.md:5:9: error: invalid status 'klaar': expected concept, vastgesteld or "
                  "vervallen [front-matter]\n");
  expect_problems("---\ntitle: T\nversion: v2\ndate: 2022-11-01\nstatus: concept\n---\n",
                  "x.md:3:10: error: invalid version 'v2': expected numbers separated by dots, "
                  "such as 1.0 or 1.0.1 [front-matter]\n");
  expect_problems("---\ntitle: [a, b]\nversion: \"1\"\ndate: 2022-11-01\nstatus: concept\n---\n",
                  "x.md:2:8: error: 'title' must be a non-empty text [front-matter]\n");
  expect_problems(GOOD_FM "", "");
}

static void broken_yaml(void **state) {
  (void)state;
  expect_problems("---\ntitle: \"T\nversion: \"1.0\"\n---\n",
                  "x.md:3:11: error: invalid YAML: did not find expected key while parsing a "
                  "block mapping [front-matter]\n");
  expect_problems("---\ntitle: T\ntitle: U\nversion: \"1.0\"\ndate: 2022-11-01\nstatus: "
                  "concept\n---\n",
                  "x.md:3:1: error: duplicate key 'title' [front-matter]\n");
  expect_problems("---\nsub:\n  a: 1\n---\n",
                  "x.md:3:3: error: 'sub' must be a text or a list of texts [front-matter]\n");
  expect_problems("---\n- a\n- b\n---\n", "x.md:2:1: error: front matter must be a list of 'key: "
                                          "value' lines [front-matter]\n");
}

static void missing_or_unclosed(void **state) {
  (void)state;
  expect_problems("# Kop\n", "x.md:1:1: error: missing front matter: the file must start with a "
                             "line '---' [front-matter]\n");
  expect_problems("---\ntitle: T\n", "x.md:1:1: error: front matter is not closed: no line '---' "
                                     "after the opening one [front-matter]\n");
  expect_problems("", "x.md:1:1: error: missing front matter: the file must start with a line "
                      "'---' [front-matter]\n");
}

static void invalid_utf8(void **state) {
  (void)state;
  diag_list *l = diag_list_new();
  const char src[] = GOOD_FM "Goed\nfo\xffut\n";
  doc *d = doc_parse("x.md", src, sizeof src - 1, l);
  assert_null(d);
  char *s = diag_format(g_ptr_array_index(l->items, 0));
  assert_string_equal(s, "x.md:8:3: error: invalid UTF-8 (byte 0xff): save the file as UTF-8 "
                         "[encoding]");
  g_free(s);
  diag_list_free(l);
}

/* UTF-8 is checked past ASCII eight bytes at a time: an invalid byte, a
 * NUL, a sequence cut short by ASCII or by the end are found wherever
 * they stand in a word of eight, and valid characters pass. */
static void utf8_in_words(void **state) {
  (void)state;
  static const struct {
    const char *body;
    size_t len;
    const char *want; /* NULL: valid */
  } cases[] = {
      {"abcdefghijklmno\xffx\n", 18, "x.md:7:16: error: invalid UTF-8 (byte 0xff)"},
      {"abcdefg\xc3\xa9hijklmnop \xe2\x80\x94 z\n", 25, NULL},
      {"abcdefghijklmnopq\0r\n", 20, "x.md:7:18: error: invalid UTF-8 (byte 0x00)"},
      {"abcdefgh\xc3x\n", 11, "x.md:7:9: error: invalid UTF-8 (byte 0xc3)"},
      {"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xe2\x82\n", 11,
       "x.md:7:9: error: invalid UTF-8 (byte 0xe2)"},
  };
  for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
    diag_list *l = diag_list_new();
    GString *src = g_string_new(GOOD_FM);
    g_string_append_len(src, cases[i].body, (gssize)cases[i].len);
    doc *d = doc_parse("x.md", src->str, src->len, l);
    if (!cases[i].want) {
      assert_non_null(d);
      assert_int_equal(l->items->len, 0);
      doc_free(d);
    } else {
      assert_null(d);
      char *m = diag_format(g_ptr_array_index(l->items, 0));
      if (!g_str_has_prefix(m, cases[i].want)) fail_msg("case %zu: %s", i, m);
      g_free(m);
    }
    g_string_free(src, TRUE);
    diag_list_free(l);
  }
}

static void dates(void **state) {
  (void)state;
  assert_true(date_valid("2024-02-29"));
  assert_false(date_valid("2023-02-29"));
  assert_false(date_valid("2022-1-01"));
  assert_false(date_valid("2022-11-01T00:00"));
  assert_false(date_valid(NULL));
}

/* 50000 keys and one duplicate: one message, at the duplicate, and every
 * key found (through the index; a search per key was quadratic). A meta
 * without an index (made by hand) is searched in turn. */
static void many_keys(void **state) {
  (void)state;
  enum { N = 50000 };
  GString *src = g_string_new(GOOD_FM);
  g_string_truncate(src, src->len - 4); /* reopen: drop the closing "---\n" */
  for (int i = 1; i <= N; i++)
    g_string_append_printf(src, "k%d: v%d\n", i, i);
  g_string_append(src, "k7: weer\n---\n");
  meta m;
  char *got = problems_of(src->str, &m);
  char *want = g_strdup_printf("x.md:%d:1: error: duplicate key 'k7' [front-matter]\n", N + 6);
  assert_string_equal(got, want);
  for (int i = 1; i <= N; i += 997) {
    char *k = g_strdup_printf("k%d", i), *v = g_strdup_printf("v%d", i);
    assert_string_equal(meta_get(&m, k), v);
    g_free(k);
    g_free(v);
  }
  assert_string_equal(meta_get(&m, "k7"), "v7"); /* the first of a key */
  GHashTable *index = m.index;
  m.index = NULL;
  assert_string_equal(meta_get(&m, "k7"), "v7");
  assert_string_equal(meta_get(&m, "title"), "T");
  m.index = index;
  g_free(want);
  g_free(got);
  meta_clear(&m);
  g_string_free(src, TRUE);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(valid_front_matter),
      cmocka_unit_test(many_keys),
      cmocka_unit_test(missing_fields),
      cmocka_unit_test(bad_values),
      cmocka_unit_test(broken_yaml),
      cmocka_unit_test(missing_or_unclosed),
      cmocka_unit_test(invalid_utf8),
      cmocka_unit_test(utf8_in_words),
      cmocka_unit_test(dates),
  };
  return cmocka_run_group_tests_name("meta", tests, NULL, NULL);
}

/* Unit tests: the diff memo (diff.h, diff_memo). A diff made with a memo is
 * the diff made without one, byte for byte in its JSON, whatever the memo
 * already holds; the memo does remember (the second diff of a pair takes
 * the words of the first); and an image is one of its block's words. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "../../src/diff/stages.h"
#include "doc_setup.h"
#include "statuut/diffout.h"

#include <string.h>

/* Every old and new file of tests/diff, in name order. */
static GPtrArray *fixtures(void) {
  GPtrArray *docs = g_ptr_array_new_with_free_func((GDestroyNotify)doc_free);
  GDir *dir = g_dir_open("tests/diff", 0, NULL);
  assert_non_null(dir);
  GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
  const char *n;
  while ((n = g_dir_read_name(dir)))
    if (g_str_has_suffix(n, ".md")) g_ptr_array_add(names, g_build_filename("tests/diff", n, NULL));
  g_dir_close(dir);
  g_ptr_array_sort(names, (GCompareFunc)g_strcmp0);
  for (guint i = 0; i < names->len; i++) {
    doc *d = doc_of_file(g_ptr_array_index(names, i));
    assert_non_null(d);
    g_ptr_array_add(docs, d);
  }
  g_ptr_array_free(names, TRUE);
  assert_true(docs->len >= 40);
  return docs;
}

static char *json_of(const doc *a, const doc *b, diff_memo *m) {
  diff_result *r = m ? diff_docs_with(a, b, &(diff_opts){m, false}) : diff_docs(a, b);
  char *j = diffout_json(r);
  diff_free(r);
  return j;
}

/* Each fixture pair both ways, and each file against the next two (pairs
 * that share nothing): one memo for all, so that later diffs find what
 * earlier ones left, of other documents too. */
static void test_memo_changes_nothing(void **state) {
  (void)state;
  GPtrArray *docs = fixtures();
  diff_memo *m = diff_memo_new();
  int compared = 0;
  for (guint i = 0; i < docs->len; i++) {
    for (guint k = 1; k <= 2 && i + k < docs->len; k++) {
      const doc *a = g_ptr_array_index(docs, i), *b = g_ptr_array_index(docs, i + k);
      for (int dir = 0; dir < 2; dir++) {
        const doc *x = dir ? b : a, *y = dir ? a : b;
        char *plain = json_of(x, y, NULL), *memo = json_of(x, y, m);
        if (strcmp(plain, memo) != 0) fail_msg("%s -> %s differs with the memo", x->path, y->path);
        g_free(plain);
        g_free(memo);
        compared++;
      }
    }
  }
  assert_true(compared > 100);
  assert_true(g_hash_table_size(m->blocks) > 0);
  diff_memo_free(m);
  g_ptr_array_free(docs, TRUE);
}

/* Two edited paragraphs, diffed twice with one memo: the second diff
 * tokenizes nothing for similarity (the memo's pool gains no token). */
static void test_memo_remembers(void **state) {
  (void)state;
  doc *a =
      doc_of_body("De ploeg werkt in de wijk van de stad, elke dag samen met de bewoners.\n\n"
                  "Een tweede alinea over het overleg met de gemeente en de zorgverzekeraar.\n");
  doc *b = doc_of_body("De ploeg werkt in de buurt van de stad, elke dag samen met de bewoners.\n\n"
                       "Een tweede alinea over het overleg met de gemeente en de verzekeraar.\n");
  diff_memo *m = diff_memo_new();
  diff_free(diff_docs_with(a, b, &(diff_opts){m, false}));
  guint entries = g_hash_table_size(m->blocks);
  int next = m->pool.next;
  assert_int_equal(entries, 4);
  diff_free(diff_docs_with(a, b, &(diff_opts){m, false}));
  assert_int_equal(g_hash_table_size(m->blocks), entries);
  assert_int_equal(m->pool.next, next);
  diff_memo_free(m);
  /* beyond its budget it remembers nothing more, and the result is the same */
  m = diff_memo_new();
  m->budget = 1;
  diff_result *r = diff_docs_with(a, b, &(diff_opts){m, false});
  char *with = diffout_json(r), *without = json_of(a, b, NULL);
  assert_string_equal(with, without);
  assert_int_equal(g_hash_table_size(m->blocks), 0);
  assert_int_equal(m->held, 0);
  g_free(with);
  g_free(without);
  diff_free(r);
  diff_memo_free(m);
  doc_free(a);
  doc_free(b);
}

/* A memo that filled up during a diff is emptied by the next one, pool and
 * all: it then holds that diff's blocks alone, and the results stay those
 * of a diff without a memo. */
static void test_memo_starts_over(void **state) {
  (void)state;
  doc *a = doc_of_body("De ploeg werkt in de wijk van de stad, elke dag samen met de bewoners.\n");
  doc *b = doc_of_body("De ploeg werkt in de buurt van de stad, elke dag samen met de bewoners.\n");
  doc *x = doc_of_body("Een alinea over het overleg met de gemeente en de zorgverzekeraar.\n");
  doc *y = doc_of_body("Een alinea over het overleg met de gemeente en de verzekeraar.\n");
  diff_memo *alone = diff_memo_new();
  diff_free(diff_docs_with(x, y, &(diff_opts){alone, false}));
  guint xy_entries = g_hash_table_size(alone->blocks);
  assert_true(xy_entries > 0);
  diff_memo_free(alone);

  diff_memo *m = diff_memo_new();
  diff_free(diff_docs_with(a, b, &(diff_opts){m, false}));
  m->budget = m->held; /* full: x and y do not fit */
  diff_free(diff_docs_with(x, y, &(diff_opts){m, false}));
  assert_true(m->full);
  m->budget = 1024 * 1024;
  char *with = json_of(x, y, m), *without = json_of(x, y, NULL);
  assert_string_equal(with, without);
  assert_false(m->full);
  assert_int_equal(g_hash_table_size(m->blocks), xy_entries);
  g_free(with);
  g_free(without);
  diff_memo_free(m);
  doc_free(a);
  doc_free(b);
  doc_free(x);
  doc_free(y);
}

/* An image is a word of its block, for similarity as in the counts: four
 * images and two words, one word edited, is one modified block (the
 * images once had no word id, and the word list was read past its end). */
static void test_image_block_similarity(void **state) {
  (void)state;
  doc *a = doc_of_body("# Kop\n\n![a](1.png) ![b](2.png) ![c](3.png) ![d](4.png) tekst een\n");
  doc *b = doc_of_body("# Kop\n\n![a](1.png) ![b](2.png) ![c](3.png) ![d](4.png) tekst twee\n");
  for (int with = 0; with < 2; with++) {
    diff_memo *m = with ? diff_memo_new() : NULL;
    diff_result *r = diff_docs_with(a, b, &(diff_opts){m, false});
    assert_int_equal(r->count[CHANGE_MODIFIED], 1);
    assert_int_equal(r->count[CHANGE_INSERTED], 0);
    assert_int_equal(r->count[CHANGE_DELETED], 0);
    diff_free(r);
    diff_memo_free(m);
  }
  doc_free(a);
  doc_free(b);
  /* moved to the end as well: five of six words alike is a move (0.75);
   * without the images' ids it was a deletion and an insertion */
  const char *rest = "De ploeg werkt in de wijk van de stad, elke dag samen met de bewoners.\n\n"
                     "Een tweede alinea over het overleg met de gemeente en de verzekeraar.\n";
  char *old_body = g_strconcat(
      "# Kop\n\n![a](1.png) ![b](2.png) ![c](3.png) ![d](4.png) tekst een\n\n", rest, NULL);
  char *new_body = g_strconcat(
      "# Kop\n\n", rest, "\n![a](1.png) ![b](2.png) ![c](3.png) ![d](4.png) tekst twee\n", NULL);
  a = doc_of_body(old_body);
  b = doc_of_body(new_body);
  diff_result *r = diff_docs(a, b);
  assert_int_equal(r->count[CHANGE_MOVED], 1);
  assert_int_equal(r->count[CHANGE_INSERTED], 0);
  assert_int_equal(r->count[CHANGE_DELETED], 0);
  diff_free(r);
  doc_free(a);
  doc_free(b);
  g_free(old_body);
  g_free(new_body);
}

/* A diff without spans (a build's) is the diff with them, less the spans:
 * the terminal's text is the same, the counts too, and no change or edit
 * has spans where the JSON of the same diff has them. */
static void test_no_spans(void **state) {
  (void)state;
  GPtrArray *docs = fixtures();
  int with_spans = 0;
  for (guint i = 0; i + 1 < docs->len; i++) {
    const doc *a = g_ptr_array_index(docs, i), *b = g_ptr_array_index(docs, i + 1);
    diff_result *full = diff_docs(a, b), *bare = diff_docs_with(a, b, &(diff_opts){NULL, true});
    char *t1 = diffout_text(full, false), *t2 = diffout_text(bare, false);
    assert_string_equal(t1, t2);
    assert_int_equal(full->changes->len, bare->changes->len);
    for (guint k = 0; k < bare->changes->len; k++) {
      const diff_change *f = g_ptr_array_index(full->changes, k);
      const diff_change *c = g_ptr_array_index(bare->changes, k);
      assert_null(c->old_spans);
      assert_null(c->new_spans);
      with_spans += (f->old_spans && f->old_spans->len) + (f->new_spans && f->new_spans->len);
      for (guint e = 0; c->edits && e < c->edits->len; e++)
        assert_null(((const diff_edit *)g_ptr_array_index(c->edits, e))->spans);
    }
    g_free(t1);
    g_free(t2);
    diff_free(full);
    diff_free(bare);
  }
  assert_true(with_spans > 0);
  g_ptr_array_free(docs, TRUE);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_memo_changes_nothing),   cmocka_unit_test(test_memo_remembers),
      cmocka_unit_test(test_image_block_similarity), cmocka_unit_test(test_no_spans),
      cmocka_unit_test(test_memo_starts_over),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Unit tests: slugs, versions, diagnostics, folders, threads. */
#define _POSIX_C_SOURCE 200809L /* symlink */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "statuut/diag.h"
#include "statuut/fsutil.h"
#include "statuut/slug.h"
#include "statuut/threads.h"
#include "statuut/version.h"

#include <errno.h>
#include <glib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void expect_slug(const char *text, const char *want) {
  char *s = slug_from_text(text);
  if (strcmp(s, want) != 0) fail_msg("slug of '%s' is '%s', expected '%s'", text, s, want);
  g_free(s);
}

static void slugs(void **state) {
  (void)state;
  expect_slug("Wat is dan goed?", "wat-is-dan-goed");
  expect_slug("Kwaliteit moet je doen: reflecteren op reële dilemma's",
              "kwaliteit-moet-je-doen-reflecteren-op-reele-dilemmas");
  expect_slug("Ambigüiteit én Ĳsselmeer", "ambiguiteit-en-ijsselmeer");
  expect_slug("1. INLEIDING", "inleiding");
  expect_slug("4.2 Kwaliteit in de leefwereld", "kwaliteit-in-de-leefwereld");
  expect_slug("15 Vragen over het kwaliteitskader jeugd",
              "15-vragen-over-het-kwaliteitskader-jeugd");
  expect_slug("  --  ", "sectie");
  expect_slug("Relationeel handelen/zorg geven", "relationeel-handelen-zorg-geven");
  expect_slug("Kwaliteit vanuit het perspectief van ‘de wijk’",
              "kwaliteit-vanuit-het-perspectief-van-de-wijk");
}

static void slug_uniqueness(void **state) {
  (void)state;
  slug_set s;
  slug_set_init(&s);
  char *a = slug_unique(&s, "leeswijzer");
  char *b = slug_unique(&s, "leeswijzer");
  char *c = slug_unique(&s, "leeswijzer");
  char *d = slug_unique(&s, "leeswijzer-2"); /* taken by b: becomes leeswijzer-2-2 */
  assert_string_equal(a, "leeswijzer");
  assert_string_equal(b, "leeswijzer-2");
  assert_string_equal(c, "leeswijzer-3");
  assert_string_equal(d, "leeswijzer-2-2");
  g_free(a);
  g_free(b);
  g_free(c);
  g_free(d);
  slug_set_clear(&s);
}

/* 10000 repeats of a base get -2 ... -10000 in order, also where a suffix was
 * taken by hand in between, and the set holds one entry per id plus one per
 * repeated base: slug_unique remembers where each base's search stopped
 * (a search from -2 every time was quadratic). */
static void slug_many_repeats(void **state) {
  (void)state;
  slug_set s;
  slug_set_init(&s);
  g_free(slug_unique(&s, "kop-500")); /* taken before kop's 500th repeat */
  for (int i = 1; i <= 10000; i++) {
    char *id = slug_unique(&s, "kop");
    int want = i < 500 ? i : i + 1; /* from the 500th on one further */
    char *expect = want == 1 ? g_strdup("kop") : g_strdup_printf("kop-%d", want);
    assert_string_equal(id, expect);
    g_free(expect);
    g_free(id);
  }
  assert_int_equal(g_hash_table_size(s.used), 10001);
  assert_int_equal(g_hash_table_size(s.next), 1);
  char *again = slug_unique(&s, "kop-500"); /* the hand-taken one repeats */
  assert_string_equal(again, "kop-500-2");
  g_free(again);
  slug_set_clear(&s);
}

static void version_order(void **state) {
  (void)state;
  const char *ordered[] = {"0.9", "1", "1.0.1", "1.1", "1.2", "1.10", "2.0", "10.0", NULL};
  for (int i = 0; ordered[i + 1]; i++) {
    assert_true(version_cmp(ordered[i], ordered[i + 1]) < 0);
    assert_true(version_cmp(ordered[i + 1], ordered[i]) > 0);
  }
  assert_int_equal(version_cmp("1", "1.0"), 0);
  assert_int_equal(version_cmp("1.0", "1.0.0"), 0);
  assert_int_equal(version_cmp("01.2", "1.2"), 0);
  assert_true(version_cmp("1.0", "1.0.1") < 0);
  assert_true(version_cmp("99999999999999999999.1", "99999999999999999999.0") > 0);
}

static void version_validity(void **state) {
  (void)state;
  assert_true(version_valid("1"));
  assert_true(version_valid("1.0.1"));
  assert_false(version_valid(""));
  assert_false(version_valid("1."));
  assert_false(version_valid(".1"));
  assert_false(version_valid("1..2"));
  assert_false(version_valid("v1.0"));
  assert_false(version_valid("1.0-beta"));
  assert_false(version_valid(NULL));
}

static void diagnostics_sorted_and_formatted(void **state) {
  (void)state;
  diag_list *l = diag_list_new();
  diag_add(l, DIAG_WARNING, "b.md", 3, 1, CHECK_STRUCTURE, "third");
  diag_add(l, DIAG_ERROR, "a.md", 10, 2, CHECK_FRONT_MATTER, "second %d", 2);
  diag_add(l, DIAG_ERROR, "a.md", 2, 5, CHECK_NONE, "first");
  diag_add(l, DIAG_ERROR, "a.md", 0, 0, CHECK_IO, "whole file");
  diag_list_sort(l);
  char *s0 = diag_format(g_ptr_array_index(l->items, 0));
  char *s1 = diag_format(g_ptr_array_index(l->items, 1));
  char *s2 = diag_format(g_ptr_array_index(l->items, 2));
  char *s3 = diag_format(g_ptr_array_index(l->items, 3));
  assert_string_equal(s0, "a.md: error: whole file [io]");
  assert_string_equal(s1, "a.md:2:5: error: first");
  assert_string_equal(s2, "a.md:10:2: error: second 2 [front-matter]");
  assert_string_equal(s3, "b.md:3:1: warning: third [structure]");
  assert_int_equal(diag_count(l, DIAG_ERROR), 3);
  assert_int_equal(diag_count(l, DIAG_WARNING), 1);
  g_free(s0);
  g_free(s1);
  g_free(s2);
  g_free(s3);
  diag_list *m = diag_list_new();
  diag_list_take(m, l);
  assert_int_equal(l->items->len, 0);
  assert_int_equal(m->items->len, 4);
  diag_list_free(l);
  diag_list_free(m);
}

/* fs_make_dirs: missing parents made, an existing folder is fine, a file in
 * the way is not. */
static void make_dirs(void **state) {
  (void)state;
  char *root = g_dir_make_tmp("statuut-dirs-XXXXXX", NULL);
  assert_non_null(root);
  char *deep = g_build_filename(root, "a", "b", "c", NULL);
  assert_true(fs_make_dirs(deep));
  assert_true(fs_is_dir(deep));
  assert_true(fs_make_dirs(deep));
  char *file = g_build_filename(root, "a", "f", NULL), *err = NULL;
  assert_true(fs_write(file, "x", 1, &err));
  assert_false(fs_make_dirs(file));
  assert_int_equal(errno, ENOTDIR);
  char *under = g_build_filename(file, "d", NULL);
  assert_false(fs_make_dirs(under));
  assert_true(fs_remove_tree(root, &err));
  g_free(under), g_free(file), g_free(deep), g_free(root);
}

/* fs_remove_tree: files, empty and nested folders, and a symbolic link to
 * a folder outside, which goes without what it names; a missing path is
 * no error. */
static void remove_tree(void **state) {
  (void)state;
  char *root = g_dir_make_tmp("statuut-rm-XXXXXX", NULL),
       *outside = g_dir_make_tmp("statuut-keep-XXXXXX", NULL);
  assert_non_null(root);
  assert_non_null(outside);
  char *kept = g_build_filename(outside, "kept", NULL), *err = NULL;
  assert_true(g_file_set_contents(kept, "x", -1, NULL));
  char *tree = g_build_filename(root, "t", NULL);
  const char *const files[] = {"a", "b/c", "b/d/e", "f/g/h/i"};
  for (size_t i = 0; i < G_N_ELEMENTS(files); i++) {
    char *f = g_build_filename(tree, files[i], NULL);
    assert_true(fs_write(f, "y", 1, &err));
    g_free(f);
  }
  char *empty = g_build_filename(tree, "leeg", NULL),
       *link = g_build_filename(tree, "b", "naar", NULL);
  assert_true(fs_make_dirs(empty));
  assert_int_equal(symlink(outside, link), 0);
  assert_true(fs_remove_tree(tree, &err));
  assert_false(g_file_test(tree, G_FILE_TEST_EXISTS));
  assert_true(g_file_test(kept, G_FILE_TEST_IS_REGULAR));
  assert_true(fs_remove_tree(tree, &err)); /* gone already */
  assert_true(fs_remove_tree(root, &err));
  assert_true(fs_remove_tree(outside, &err));
  g_free(link), g_free(empty), g_free(tree), g_free(kept), g_free(outside), g_free(root);
}

/* fs_write: parents made, the file 0644 whatever the umask, and a hard
 * link at the path replaced, not written through (the other name keeps
 * its bytes: a cache entry linked into a staging folder). */
static void write_staged(void **state) {
  (void)state;
  char *root = g_dir_make_tmp("statuut-write-XXXXXX", NULL);
  assert_non_null(root);
  char *file = g_build_filename(root, "p", "index.html", NULL), *err = NULL;
  mode_t old = umask(077);
  assert_true(fs_write(file, "abc", 3, &err));
  umask(old);
  struct stat st;
  assert_int_equal(stat(file, &st), 0);
  assert_int_equal(st.st_mode & 0777, 0644);
  assert_int_equal(st.st_size, 3);
  char *entry = g_build_filename(root, "entry", NULL);
  assert_true(g_file_set_contents(entry, "cached", -1, NULL));
  assert_int_equal(unlink(file), 0);
  assert_int_equal(link(entry, file), 0);
  assert_true(fs_write(file, "new", 3, &err));
  char *got = NULL;
  assert_true(g_file_get_contents(entry, &got, NULL, NULL));
  assert_string_equal(got, "cached");
  g_free(got);
  assert_true(g_file_get_contents(file, &got, NULL, NULL));
  assert_string_equal(got, "new");
  g_free(got);
  /* into a folder that is there, and two levels down into ones that are not */
  char *deep = g_build_filename(root, "p", "q", "r", "x.css", NULL);
  assert_true(fs_write(deep, "x", 1, &err));
  assert_true(g_file_test(deep, G_FILE_TEST_IS_REGULAR));
  char *beside = g_build_filename(root, "p", "y.css", NULL);
  assert_true(fs_write(beside, "y", 1, &err));
  /* a file where a folder should be: refused, and said so */
  char *under = g_build_filename(root, "entry", "z.css", NULL);
  assert_false(fs_write(under, "z", 1, &err));
  assert_non_null(strstr(err, "z.css"));
  g_free(err);
  err = NULL;
  assert_true(fs_remove_tree(root, &err));
  g_free(under), g_free(beside), g_free(deep);
  g_free(entry), g_free(file), g_free(root);
}

static gpointer linger(gpointer ms) {
  g_usleep(GPOINTER_TO_UINT(ms) * 1000);
  return NULL;
}

/* A thread started and let go, as pango does: settling waits for its end,
 * and gives up after its time when the thread outlasts it. */
static void threads_settle_waits(void **state) {
  (void)state;
  unsigned before = threads_count();
  assert_true(before >= 1);
  g_thread_unref(g_thread_new("linger", linger, GUINT_TO_POINTER(50)));
  assert_int_equal(threads_count(), before + 1);
  gint64 t0 = g_get_monotonic_time();
  assert_true(threads_settle(before, 2000));
  assert_true(g_get_monotonic_time() - t0 >= 30 * 1000);
  assert_int_equal(threads_count(), before);

  g_thread_unref(g_thread_new("linger", linger, GUINT_TO_POINTER(300)));
  t0 = g_get_monotonic_time();
  assert_false(threads_settle(before, 20));
  gint64 waited = g_get_monotonic_time() - t0;
  assert_true(waited >= 20 * 1000 && waited < 250 * 1000);
  assert_true(threads_settle(before, 2000));
  assert_true(threads_settle(0, 0)); /* unknown: nothing to wait for */
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(write_staged),
      cmocka_unit_test(remove_tree),
      cmocka_unit_test(slugs),
      cmocka_unit_test(slug_uniqueness),
      cmocka_unit_test(slug_many_repeats),
      cmocka_unit_test(version_order),
      cmocka_unit_test(version_validity),
      cmocka_unit_test(diagnostics_sorted_and_formatted),
      cmocka_unit_test(make_dirs),
      cmocka_unit_test(threads_settle_waits),
  };
  return cmocka_run_group_tests_name("basics", tests, NULL, NULL);
}

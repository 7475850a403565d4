/* Unit tests: the build's content-addressed cache (cache.h): keys, entries
 * stored and found again with their diagnostics, damaged entries discarded. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "statuut/cache.h"
#include "statuut/fsutil.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

static char *key_for(const char *a, const char *b) {
  cache_key *k = cache_key_new();
  cache_key_str(k, a);
  cache_key_str(k, b);
  char *hex = cache_key_hex(k);
  cache_key_free(k);
  return hex;
}

static void keys(void **state) {
  (void)state;
  char *ab_c = key_for("ab", "c"), *a_bc = key_for("a", "bc"), *again = key_for("ab", "c");
  /* fields are length-prefixed: the split between them counts */
  assert_string_not_equal(ab_c, a_bc);
  assert_string_equal(ab_c, again);
  assert_int_equal(strlen(ab_c), 64);
  /* NULL is not "" */
  char *null = key_for(NULL, "c"), *empty = key_for("", "c");
  assert_string_not_equal(null, empty);
  /* a copy goes on from where the original was; hex leaves it as it was */
  cache_key *k = cache_key_new();
  cache_key_str(k, "base");
  char *h1 = cache_key_hex(k), *h2 = cache_key_hex(k);
  assert_string_equal(h1, h2);
  cache_key *c = cache_key_copy(k);
  cache_key_uint(c, 7);
  char *h3 = cache_key_hex(c);
  assert_string_not_equal(h1, h3);
  /* a missing file is a value of its own, not the empty file's */
  cache_key *m = cache_key_new(), *e = cache_key_new();
  cache_key_file(m, "/nonexistent/file");
  cache_key_bytes(e, "", 0);
  char *hm = cache_key_hex(m), *he = cache_key_hex(e);
  assert_string_not_equal(hm, he);
  cache_key_free(m), cache_key_free(e), cache_key_free(c), cache_key_free(k);
  g_free(hm), g_free(he), g_free(h1), g_free(h2), g_free(h3);
  g_free(null), g_free(empty), g_free(ab_c), g_free(a_bc), g_free(again);
}

/* Keys and digests are SHA-256: the FIPS 180-2 test vectors, and a key is
 * the hash of its length-prefixed fields, so that a key made by another
 * implementation (GLib's, before nettle's) finds the same entries. */
static void sha256(void **state) {
  (void)state;
  char *abc = cache_digest("abc", 3), *none = cache_digest("", 0);
  assert_string_equal(abc, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  assert_string_equal(none, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  char *text = g_strdup_printf("%s", "2:ab1:c");
  char *direct = cache_digest(text, strlen(text)), *key = key_for("ab", "c");
  assert_string_equal(key, direct);
  /* longer than one block, fed in pieces */
  GString *big = g_string_new(NULL);
  for (int i = 0; i < 1000; i++)
    g_string_append_printf(big, "regel %d van de tekst\n", i);
  cache_key *k = cache_key_new();
  cache_key_bytes(k, big->str, big->len);
  char *pieces = cache_key_hex(k);
  char *prefix = g_strdup_printf("%zu:", big->len);
  g_string_prepend(big, prefix);
  char *whole = cache_digest(big->str, big->len);
  assert_string_equal(pieces, whole);
  cache_key_free(k);
  g_string_free(big, TRUE);
  g_free(prefix), g_free(pieces), g_free(whole), g_free(text), g_free(direct), g_free(key);
  g_free(abc), g_free(none);
}

/* The path of key's bytes in dir. */
static char *entry(const char *dir, const char *key) {
  char sub[3] = {key[0], key[1], 0};
  return g_build_filename(dir, sub, key, NULL);
}

static void store_and_find(void **state) {
  (void)state;
  char *dir = g_dir_make_tmp("cache-XXXXXX", NULL);
  char *root = g_build_filename(dir, "c", NULL);
  cache *c = cache_new(root);
  assert_string_equal(cache_dir(c), root);
  char *key = key_for("page", "1");
  char *data = NULL, *why = NULL, *err = NULL;
  size_t len = 0;
  diag_list *d = diag_list_new();
  /* nothing there, and no folder made for looking */
  assert_int_equal(cache_get(c, key, &data, &len, d, &why), CACHE_MISS);
  assert_false(g_file_test(root, G_FILE_TEST_EXISTS));
  /* stored with a warning, found with it */
  diag_list *made = diag_list_new();
  diag_add(made, DIAG_WARNING, "a.md", 3, 4, CHECK_PDF, "image '%s' is\nodd", "x.png");
  const char bytes[] = "<p>hallo</p>\n\0binary";
  assert_true(cache_put(c, key, bytes, sizeof bytes, made, &err));
  assert_int_equal(cache_get(c, key, &data, &len, d, &why), CACHE_HIT);
  assert_int_equal(len, sizeof bytes);
  assert_memory_equal(data, bytes, sizeof bytes);
  assert_int_equal(d->items->len, 1);
  const diag *w = g_ptr_array_index(d->items, 0);
  assert_string_equal(w->file, "a.md");
  assert_int_equal(w->line, 3);
  assert_int_equal(w->col, 4);
  assert_int_equal(w->check, CHECK_PDF);
  assert_string_equal(w->message, "image 'x.png' is\nodd");
  g_free(data);
  /* placed as a file, readable by all */
  char *out = g_build_filename(dir, "site", "a", "index.html", NULL);
  assert_int_equal(cache_get_file(c, key, out, d, &why), CACHE_HIT);
  size_t olen;
  char *odata = fs_read(out, &olen, &err);
  assert_non_null(odata);
  assert_int_equal(olen, sizeof bytes);
  assert_memory_equal(odata, bytes, sizeof bytes);
  struct stat st;
  assert_int_equal(stat(out, &st), 0);
  assert_int_equal(st.st_mode & 0444, 0444);
  g_free(odata);
  /* placed again where it is (a site taken from the build before): the
   * link stays; another file there is replaced by the link */
  struct stat again;
  assert_int_equal(cache_get_file(c, key, out, d, &why), CACHE_HIT);
  assert_int_equal(stat(out, &again), 0);
  assert_int_equal(again.st_ino, st.st_ino);
  assert_int_equal(again.st_ctim.tv_sec, st.st_ctim.tv_sec);
  assert_int_equal(again.st_ctim.tv_nsec, st.st_ctim.tv_nsec); /* no unlink, no link */
  assert_int_equal(again.st_nlink, st.st_nlink);
  assert_int_equal(g_unlink(out), 0);
  assert_true(fs_write(out, "anders", 6, &err));
  assert_int_equal(cache_get_file(c, key, out, d, &why), CACHE_HIT);
  assert_int_equal(stat(out, &again), 0);
  assert_int_equal(again.st_ino, st.st_ino);
  /* cache_has tells, without taking it, whether an entry is there */
  assert_true(cache_has(c, key));
  char *other = key_for("pdf", "another");
  assert_false(cache_has(c, other));
  g_free(other);
  assert_false(cache_has(c, "../../etc/passwd"));
  /* a key that is not one is never looked up nor stored */
  assert_int_equal(cache_get(c, "../../etc/passwd", &data, &len, d, &why), CACHE_MISS);
  assert_false(cache_put(c, "xyz", "a", 1, NULL, &err));
  assert_non_null(err);
  g_free(err);
  err = NULL;

  diag_list_free(made);
  diag_list_free(d);
  cache_free(c);
  assert_true(fs_remove_tree(dir, &err));
  g_free(out), g_free(key), g_free(root), g_free(dir);
}

/* Damages key's bytes (truncated or one byte changed) and checks that the
 * entry is discarded, and gone. */
static void damaged(bool truncate) {
  char *dir = g_dir_make_tmp("cache-XXXXXX", NULL);
  cache *c = cache_new(dir);
  char *key = key_for("pdf", truncate ? "t" : "f");
  char *err = NULL, *data = NULL, *why = NULL;
  size_t len;
  assert_true(cache_put(c, key, "%PDF-1.7 some bytes", 19, NULL, &err));
  char *path = entry(dir, key);
  if (truncate) {
    assert_true(fs_write_atomic(path, "%PDF-1.7", 8, &err));
  } else {
    FILE *f = fopen(path, "r+b");
    assert_non_null(f);
    fseek(f, 10, SEEK_SET);
    fputc('S', f);
    fclose(f);
  }
  diag_list *d = diag_list_new();
  assert_int_equal(cache_get(c, key, &data, &len, d, &why), CACHE_BAD);
  assert_null(data);
  assert_non_null(why);
  assert_non_null(strstr(why, truncate ? "it holds 8 bytes instead of 19" : "do not match"));
  g_free(why);
  why = NULL;
  /* discarded: a miss now, and stored again whole */
  assert_false(g_file_test(path, G_FILE_TEST_EXISTS));
  assert_int_equal(cache_get(c, key, &data, &len, d, &why), CACHE_MISS);
  assert_true(cache_put(c, key, "%PDF-1.7 some bytes", 19, NULL, &err));
  assert_int_equal(cache_get(c, key, &data, &len, d, &why), CACHE_HIT);
  g_free(data);
  /* a damaged .meta is caught by its own hash */
  char *meta = g_strconcat(path, ".meta", NULL);
  size_t mlen;
  char *m = fs_read(meta, &mlen, &err);
  m[mlen - 1] = m[mlen - 1] == 'x' ? 'y' : 'x';
  assert_true(fs_write_atomic(meta, m, mlen, &err));
  assert_int_equal(cache_get(c, key, &data, &len, d, &why), CACHE_BAD);
  g_free(why);
  assert_int_equal(d->items->len, 0);
  g_free(m), g_free(meta);
  diag_list_free(d);
  cache_free(c);
  assert_true(fs_remove_tree(dir, &err));
  g_free(path), g_free(key), g_free(dir);
}

static void truncated(void **state) {
  (void)state;
  damaged(true);
}

static void byte_changed(void **state) {
  (void)state;
  damaged(false);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(keys),      cmocka_unit_test(sha256),       cmocka_unit_test(store_and_find),
      cmocka_unit_test(truncated), cmocka_unit_test(byte_changed),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

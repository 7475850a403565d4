/* Unit tests: the heap mapped in advance, and the input sizes it is sized by. */
#define _DEFAULT_SOURCE /* getrusage */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "statuut/fsutil.h"
#include "statuut/heap.h"

#include <glib.h>
#include <string.h>
#include <sys/resource.h>

#ifndef __SANITIZE_ADDRESS__
static long minor_faults(void) {
  struct rusage u;
  getrusage(RUSAGE_SELF, &u);
  return u.ru_minflt;
}

/* Fills `count` fresh blocks of 4 KB, as a parse does, and returns the
 * page faults that cost. */
static long faults_filling(void **blocks, int count) {
  long before = minor_faults();
  for (int i = 0; i < count; i++) {
    blocks[i] = malloc(4000);
    memset(blocks[i], 'x', 4000);
  }
  return minor_faults() - before;
}
#endif

static void reserved_pages_do_not_fault(void **state) {
  (void)state;
#ifdef __SANITIZE_ADDRESS__
  skip(); /* AddressSanitizer's allocator is not glibc's */
#else
  enum { N = 2048 }; /* 8 MB */
  static void *blocks[N];
  assert_true(heap_reserve((size_t)12 << 20));
  long faults = faults_filling(blocks, N);
  for (int i = 0; i < N; i++)
    free(blocks[i]);
  /* without the reservation each block costs a fault */
  if (faults > N / 20) fail_msg("%ld page faults filling %d reserved blocks", faults, N);
  /* and the pad stays: the heap is not handed back and faulted in again */
  faults = faults_filling(blocks, N);
  for (int i = 0; i < N; i++)
    free(blocks[i]);
  if (faults > N / 20) fail_msg("%ld page faults the second time", faults);
#endif
}

static void nothing_to_reserve(void **state) {
  (void)state;
  assert_false(heap_reserve(0));
}

static void markdown_bytes(void **state) {
  (void)state;
  char *dir = g_dir_make_tmp("statuut-heap-XXXXXX", NULL);
  assert_non_null(dir);
  char *err = NULL;
  char *a = g_build_filename(dir, "a.md", NULL), *sub = g_build_filename(dir, "doc", NULL);
  char *b = g_build_filename(sub, "1.0.md", NULL), *other = g_build_filename(sub, "x.png", NULL);
  char *hidden = g_build_filename(dir, ".hidden.md", NULL);
  assert_true(fs_write(a, "0123456789", 10, &err));
  assert_true(fs_write(b, "0123456789012345678901234", 25, &err));
  assert_true(fs_write(other, "not markdown", 12, &err));
  assert_true(fs_write(hidden, "hidden", 6, &err));

  size_t largest = 0;
  const char *folder[] = {dir};
  assert_int_equal(heap_markdown_bytes(folder, 1, &largest), 35);
  assert_int_equal(largest, 25);
  /* a file counts as it is, whatever its name; a missing path counts 0 */
  const char *files[] = {a, other, "/nonexistent/x.md"};
  assert_int_equal(heap_markdown_bytes(files, 3, NULL), 22);

  assert_true(fs_remove_tree(dir, &err));
  g_free(a), g_free(b), g_free(other), g_free(hidden), g_free(sub), g_free(dir);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(nothing_to_reserve),
      cmocka_unit_test(reserved_pages_do_not_fault),
      cmocka_unit_test(markdown_bytes),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

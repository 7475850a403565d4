/* Unit tests: the heap mapped in advance, and the input sizes it is sized by. */
#define _GNU_SOURCE /* getrusage, mincore, madvise, MADV_POPULATE_WRITE, prctl */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "statuut/fsutil.h"
#include "statuut/heap.h"

#include <errno.h>
#include <glib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#if !defined(__SANITIZE_ADDRESS__) && defined(__GLIBC__)
/* Whether this kernel maps pages on madvise(MADV_POPULATE_WRITE) (Linux 5.14
 * on); older ones say EINVAL. Tried on a mapping of its own. */
static bool populate_write_works(int *err) {
#ifdef MADV_POPULATE_WRITE
  size_t page = (size_t)sysconf(_SC_PAGESIZE);
  void *m = mmap(NULL, 4 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (m == MAP_FAILED) {
    *err = errno;
    return false;
  }
  int r = madvise(m, 4 * page, MADV_POPULATE_WRITE);
  *err = r == 0 ? 0 : errno;
  munmap(m, 4 * page);
  return r == 0;
#else
  *err = EINVAL; /* the C library does not know it */
  return false;
#endif
}

static long minor_faults(void) {
  struct rusage u;
  getrusage(RUSAGE_SELF, &u);
  return u.ru_minflt;
}

/* Fills `count` fresh blocks of 4 KB, as a parse does, frees them, and
 * returns the page faults the filling cost. */
static long faults_filling(int count) {
  static void *blocks[4096];
  assert_true(count <= (int)G_N_ELEMENTS(blocks));
  long before = minor_faults();
  for (int i = 0; i < count; i++) {
    blocks[i] = malloc(4000);
    memset(blocks[i], 'x', 4000);
  }
  long faults = minor_faults() - before;
  for (int i = 0; i < count; i++)
    free(blocks[i]);
  return faults;
}

/* Share of the pages of [from, to) in memory (0..1), or -1 if mincore
 * cannot tell. */
static double resident(uintptr_t from, uintptr_t to) {
  static unsigned char vec[1 << 16];
  uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
  from = (from + page - 1) & ~(page - 1);
  if (to <= from) return -1;
  size_t pages = (to - from) / page;
  if (pages > sizeof vec) pages = sizeof vec;
  if (pages == 0 || mincore((void *)from, pages * page, vec) != 0) return -1;
  size_t in = 0;
  for (size_t i = 0; i < pages; i++)
    in += vec[i] & 1;
  return (double)in / (double)pages;
}
#endif

/* The reservation maps the heap's pages in one call: they are in memory
 * before anything writes them, and writing them costs no page faults. */
static void reserved_pages_do_not_fault(void **state) {
  (void)state;
#if defined(__SANITIZE_ADDRESS__)
  skip(); /* AddressSanitizer's allocator is not glibc's */
#elif !defined(__GLIBC__)
  skip(); /* heap_reserve needs glibc's malloc */
#else
  int err;
  if (!populate_write_works(&err)) {
    print_message("skipped: this kernel has no madvise(MADV_POPULATE_WRITE) (%s; Linux 5.14 on), "
                  "so heap_reserve maps nothing\n",
                  strerror(err));
    skip();
  }
  /* A fault per page, not one per transparent huge page: the counts below
   * compare pages. Best effort (Linux 3.15 on). */
  prctl(PR_SET_THP_DISABLE, 1, 0, 0, 0);
  enum { N = 2048 }; /* 8 MB */
  /* The same filling without the reservation, for comparison: what it
   * costs here, whatever this system counts as a fault. */
  long unreserved = faults_filling(N);

  uintptr_t from = (uintptr_t)sbrk(0);
  assert_true(heap_reserve((size_t)12 << 20));
  uintptr_t to = (uintptr_t)sbrk(0);
  if (to - from < (size_t)8 << 20) fail_msg("the heap grew by %zu bytes", (size_t)(to - from));
  /* The pages are in memory before anything writes them (without the
   * madvise, only the few malloc wrote a header in). */
  double share = resident(from, to);
  if (share >= 0 && share < 0.9) fail_msg("%.0f%% of the reserved pages in memory", share * 100);

  long reserved = faults_filling(N);
  /* and the pad stays: the heap is not handed back and faulted in again */
  long again = faults_filling(N);
  if (unreserved < N / 2) {
    /* some virtual machines and containers do not count these faults */
    print_message("fault counts not compared: filling %d unreserved pages counted %ld faults\n", N,
                  unreserved);
    if (share < 0) skip();
    return;
  }
  if (reserved > unreserved / 10)
    fail_msg("%ld page faults filling %d reserved blocks, %ld without the reservation", reserved, N,
             unreserved);
  if (again > unreserved / 10)
    fail_msg("%ld page faults the second time, %ld without the reservation", again, unreserved);
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

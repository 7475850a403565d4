/* heap: see include/statuut/heap.h */
#define _GNU_SOURCE /* sbrk, mallopt, MADV_POPULATE_WRITE */
#include "statuut/heap.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

bool heap_reserve(size_t bytes) {
#if defined(__GLIBC__) && defined(MADV_POPULATE_WRITE) && !defined(__SANITIZE_ADDRESS__)
  if (bytes == 0) return false;
  if (bytes > HEAP_RESERVE_MAX) bytes = HEAP_RESERVE_MAX;
  uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
  char *end = sbrk(0);
  if (end == (char *)-1 || !mallopt(M_TOP_PAD, (int)bytes)) return false;
  /* The next growth of the heap now takes `bytes` more than it needs.
   * Make it happen: take blocks (small enough to come from the heap, not
   * from mmap) until the break moves, then give them back. They stay at
   * the top, free, with the pad. */
  void *held[64];
  int n = 0;
  while (n < 64 && (char *)sbrk(0) == end)
    held[n++] = malloc(32 << 10);
  while (n > 0)
    free(held[--n]);
  uintptr_t from = ((uintptr_t)end + page - 1) & ~(page - 1), to = (uintptr_t)sbrk(0);
  /* Best effort: an older kernel says EINVAL and the pages fault in as
   * they would have. */
  return to > from && madvise((void *)from, to - from, MADV_POPULATE_WRITE) == 0;
#else
  (void)bytes;
  return false;
#endif
}

static size_t tree_bytes(const char *path, int depth, size_t *largest) {
  GStatBuf st;
  if (g_stat(path, &st) != 0) return 0;
  if (S_ISREG(st.st_mode)) {
    if ((size_t)st.st_size > *largest) *largest = (size_t)st.st_size;
    return (size_t)st.st_size;
  }
  if (!S_ISDIR(st.st_mode) || depth > 8) return 0;
  GDir *dir = g_dir_open(path, 0, NULL);
  if (!dir) return 0;
  size_t sum = 0;
  const char *name;
  while ((name = g_dir_read_name(dir))) {
    if (name[0] == '.') continue;
    char *p = g_build_filename(path, name, NULL);
    if (g_str_has_suffix(name, ".md") || g_file_test(p, G_FILE_TEST_IS_DIR))
      sum += tree_bytes(p, depth + 1, largest);
    g_free(p);
  }
  g_dir_close(dir);
  return sum;
}

size_t heap_markdown_bytes(const char *const *paths, int n, size_t *largest) {
  size_t sum = 0, max = 0;
  for (int i = 0; i < n; i++)
    sum += tree_bytes(paths[i], 0, &max);
  if (largest) *largest = max;
  return sum;
}

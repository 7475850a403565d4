/* threads: see include/statuut/threads.h */
#include "statuut/threads.h"

#include <glib.h>

unsigned threads_count(void) {
  GDir *d = g_dir_open("/proc/self/task", 0, NULL);
  if (!d) return 0;
  unsigned n = 0;
  while (g_dir_read_name(d))
    n++;
  g_dir_close(d);
  return n;
}

bool threads_settle(unsigned n, unsigned max_ms) {
  if (n == 0) return true;
  /* A thread that has returned is gone within microseconds; a tenth of a
   * millisecond between looks keeps the wait short without spinning. */
  gint64 until = g_get_monotonic_time() + (gint64)max_ms * 1000;
  for (;;) {
    unsigned now = threads_count();
    if (now <= n) return true;
    if (g_get_monotonic_time() >= until) return false;
    g_usleep(100);
  }
}

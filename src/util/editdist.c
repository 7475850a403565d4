/* editdist: see include/statuut/editdist.h */
#include "statuut/editdist.h"

#include <glib.h>

static gunichar *chars(const char *s, bool fold, glong *n) {
  char *f = fold ? g_utf8_casefold(s, -1) : NULL;
  gunichar *u = g_utf8_to_ucs4_fast(f ? f : s, -1, n);
  g_free(f);
  return u;
}

/* Two rows of the classic table. A row whose smallest cell exceeds the limit
 * means every later row does too, so the work stops there. */
static int table(const gunichar *x, glong n, const gunichar *y, glong m, int limit) {
  int *prev = g_new(int, m + 1), *cur = g_new(int, m + 1);
  for (glong j = 0; j <= m; j++)
    prev[j] = (int)j;
  int result = -1;
  for (glong i = 1; i <= n && result < 0; i++) {
    cur[0] = (int)i;
    int row_min = cur[0];
    for (glong j = 1; j <= m; j++) {
      int sub = prev[j - 1] + (x[i - 1] != y[j - 1]);
      int del = prev[j] + 1, ins = cur[j - 1] + 1;
      int v = sub < del ? sub : del;
      cur[j] = v < ins ? v : ins;
      if (cur[j] < row_min) row_min = cur[j];
    }
    if (row_min > limit) result = limit + 1;
    int *t = prev;
    prev = cur;
    cur = t;
  }
  if (result < 0) result = prev[m] > limit ? limit + 1 : prev[m];
  g_free(prev);
  g_free(cur);
  return result;
}

int editdist(const char *a, const char *b, bool fold, int max) {
  glong n, m;
  gunichar *x = chars(a, fold, &n), *y = chars(b, fold, &m);
  int limit = max < 0 ? G_MAXINT - 1 : max;
  /* The length difference alone may already be more than allowed. */
  int result = (n > m ? n - m : m - n) > limit ? limit + 1 : table(x, n, y, m, limit);
  g_free(x);
  g_free(y);
  return result;
}

/* seq: see include/statuut/seq.h */
#include "statuut/seq.h"

#include <glib.h>
#include <stdbool.h>
#include <string.h>

typedef struct {
  int a0, a1, b0, b1;
} range;

/* Myers' greedy forward algorithm on a[a0,a1) and b[b0,b1), keeping every
 * round's furthest-reaching points to walk the path back. Returns false when
 * the distance exceeds max_cost; nothing is matched then. */
static bool myers(const int *a, const int *b, range r, int *match, int max_cost) {
  int n = r.a1 - r.a0, m = r.b1 - r.b0;
  int max = n + m;
  if (max > max_cost) max = max_cost;
  int width = 2 * max + 1;
  /* v[k + max]: furthest x on diagonal k; trace keeps a copy per round d,
   * only the 2d+1 diagonals in use, so memory is O(max_cost^2) at worst. */
  int *v = g_new0(int, width + 2);
  GPtrArray *trace = g_ptr_array_new_with_free_func(g_free);
  int found = -1;
  for (int d = 0; d <= max && found < 0; d++) {
    for (int k = -d; k <= d; k += 2) {
      int x;
      if (k == -d || (k != d && v[k - 1 + max] < v[k + 1 + max]))
        x = v[k + 1 + max]; /* down: insertion */
      else
        x = v[k - 1 + max] + 1; /* right: deletion */
      int y = x - k;
      while (x < n && y < m && a[r.a0 + x] == b[r.b0 + y])
        x++, y++;
      v[k + max] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
    int *snap = g_new(int, 2 * d + 1);
    for (int k = -d; k <= d; k++)
      snap[k + d] = v[k + max];
    g_ptr_array_add(trace, snap);
  }
  if (found < 0) {
    g_ptr_array_free(trace, TRUE);
    g_free(v);
    return false;
  }
  /* Walk back from (n, m): the snake after each round's single step is a
   * run of matches; round 0 is the common run at the start. */
  int x = n, y = m;
  for (int d = found; d > 0; d--) {
    const int *prev = g_ptr_array_index(trace, d - 1); /* prev[k + d - 1] */
    int k = x - y;
    bool down = k == -d || (k != d && prev[k - 1 + d - 1] < prev[k + 1 + d - 1]);
    int pk = down ? k + 1 : k - 1;
    int px = prev[pk + d - 1], py = px - pk;
    int sx = down ? px : px + 1, sy = down ? py + 1 : py;
    while (x > sx && y > sy) {
      x--, y--;
      match[r.a0 + x] = r.b0 + y;
    }
    x = px;
    y = py;
  }
  while (x > 0 && y > 0) {
    x--, y--;
    match[r.a0 + x] = r.b0 + y;
  }
  g_ptr_array_free(trace, TRUE);
  g_free(v);
  return true;
}

typedef struct {
  int count_a, count_b, pos_a, pos_b;
} occ;

/* Elements unique on both sides of r, as (pos in a, pos in b) sorted by a,
 * reduced to a longest increasing run in b (patience sorting). */
static GArray *anchors(const int *a, const int *b, range r) {
  GHashTable *seen = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
  for (int i = r.a0; i < r.a1; i++) {
    occ *o = g_hash_table_lookup(seen, GINT_TO_POINTER(a[i]));
    if (!o) {
      o = g_new0(occ, 1);
      g_hash_table_insert(seen, GINT_TO_POINTER(a[i]), o);
    }
    o->count_a++;
    o->pos_a = i;
  }
  for (int j = r.b0; j < r.b1; j++) {
    occ *o = g_hash_table_lookup(seen, GINT_TO_POINTER(b[j]));
    if (o) {
      o->count_b++;
      o->pos_b = j;
    }
  }
  GArray *pairs = g_array_new(FALSE, FALSE, sizeof(int) * 2);
  for (int i = r.a0; i < r.a1; i++) {
    occ *o = g_hash_table_lookup(seen, GINT_TO_POINTER(a[i]));
    if (o->count_a == 1 && o->count_b == 1) {
      int p[2] = {i, o->pos_b};
      g_array_append_val(pairs, p);
    }
  }
  g_hash_table_destroy(seen);
  /* Longest increasing subsequence of the b positions, O(k log k). */
  int k = (int)pairs->len;
  GArray *out = g_array_new(FALSE, FALSE, sizeof(int) * 2);
  if (k == 0) {
    g_array_free(pairs, TRUE);
    return out;
  }
  int *tails = g_new(int, k), *prev = g_new(int, k);
  int len = 0;
  for (int i = 0; i < k; i++) {
    int bj = ((int *)pairs->data)[2 * i + 1];
    int lo = 0, hi = len;
    while (lo < hi) {
      int mid = (lo + hi) / 2;
      if (((int *)pairs->data)[2 * tails[mid] + 1] < bj)
        lo = mid + 1;
      else
        hi = mid;
    }
    prev[i] = lo > 0 ? tails[lo - 1] : -1;
    tails[lo] = i;
    if (lo == len) len++;
  }
  g_array_set_size(out, (guint)len);
  for (int i = tails[len - 1], at = len - 1; i >= 0; i = prev[i], at--) {
    ((int *)out->data)[2 * at] = ((int *)pairs->data)[2 * i];
    ((int *)out->data)[2 * at + 1] = ((int *)pairs->data)[2 * i + 1];
  }
  g_free(tails);
  g_free(prev);
  g_array_free(pairs, TRUE);
  return out;
}

void seq_match(const int *a, int n, const int *b, int m, int *match, int max_cost) {
  for (int i = 0; i < n; i++)
    match[i] = -1;
  /* A work list of ranges instead of recursion: nesting depth is the input's. */
  GArray *work = g_array_new(FALSE, FALSE, sizeof(range));
  range all = {0, n, 0, m};
  g_array_append_val(work, all);
  while (work->len) {
    range r = g_array_index(work, range, work->len - 1);
    g_array_set_size(work, work->len - 1);
    while (r.a0 < r.a1 && r.b0 < r.b1 && a[r.a0] == b[r.b0])
      match[r.a0++] = r.b0++;
    while (r.a0 < r.a1 && r.b0 < r.b1 && a[r.a1 - 1] == b[r.b1 - 1])
      match[--r.a1] = --r.b1;
    if (r.a0 == r.a1 || r.b0 == r.b1) continue;
    /* Exact when the gap is within the cost bound; otherwise split it at
     * the elements unique on both sides and try again on the pieces. A gap
     * with no such element and too many differences stays unmatched. */
    if (myers(a, b, r, match, max_cost)) continue;
    GArray *anc = anchors(a, b, r);
    int pa = r.a0, pb = r.b0;
    for (guint i = 0; anc->len && i <= anc->len; i++) {
      int ai = i < anc->len ? ((int *)anc->data)[2 * i] : r.a1;
      int bj = i < anc->len ? ((int *)anc->data)[2 * i + 1] : r.b1;
      range gap = {pa, ai, pb, bj};
      if (gap.a0 < gap.a1 && gap.b0 < gap.b1) g_array_append_val(work, gap);
      if (i < anc->len) {
        match[ai] = bj;
        pa = ai + 1;
        pb = bj + 1;
      }
    }
    g_array_free(anc, TRUE);
  }
  g_array_free(work, TRUE);
}

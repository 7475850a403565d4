/* cleanup: the post-pass over a match of two sequences (seq.h), and the
 * edit script it reads as. Generic, as xdiff's change-group sliding is: it
 * knows elements only by identity and weight, not what they stand for. */
#include "statuut/seq.h"

#include <glib.h>
#include <stdbool.h>

/* Absorbs one equal run that is too short to stand between its edits;
 * returns false when there is none left. */
static bool absorb_one(const int *wa, int m, const int *wb, int n, int *match) {
  int prev_del = 0, prev_ins = 0;
  int i = 0, j = 0;
  bool seen_edit = false;
  while (i < m || j < n) {
    int del = 0, ins = 0, del_w = 0, ins_w = 0;
    while (i < m && match[i] < 0)
      del_w += wa[i], i++, del++;
    int next_j = i < m ? match[i] : n;
    while (j < next_j)
      ins_w += wb[j], j++, ins++;
    if (del || ins) {
      seen_edit = true;
      prev_del = del_w;
      prev_ins = ins_w;
    }
    if (i >= m) break;
    int run0 = i, w = 0;
    while (i < m && match[i] == j)
      w += wa[i], i++, j++;
    /* the edit after this run */
    int k = i, dw = 0, iw = 0;
    while (k < m && match[k] < 0)
      dw += wa[k], k++;
    int kj = k < m ? match[k] : n;
    for (int q = j; q < kj; q++)
      iw += wb[q];
    bool edit_after = k > i || kj > j;
    if (seen_edit && edit_after && w <= MAX(prev_del, prev_ins) && w <= MAX(dw, iw)) {
      for (int q = run0; q < i; q++)
        match[q] = -1;
      return true;
    }
  }
  return false;
}

/* A change group that starts or ends with the same elements on both sides
 * ("co creatie " -> "co-creatie ") gives them back to the equal runs around
 * it, so edits end at word boundaries, as an editor marks them. */
static void trim_groups(const int *a, int m, const int *b, int n, int *match) {
  for (int i = 0, j = 0; i < m || j < n;) {
    int i0 = i, j0 = j;
    while (i < m && match[i] < 0)
      i++;
    int j1 = i < m ? match[i] : n;
    int i1 = i;
    while (i0 < i1 && j0 < j1 && a[i0] == b[j0])
      match[i0++] = j0++;
    while (i1 > i0 && j1 > j0 && a[i1 - 1] == b[j1 - 1]) {
      i1--, j1--;
      match[i1] = j1;
    }
    j = i < m ? match[i] : n;
    while (i < m && match[i] == j)
      i++, j++;
  }
}

void seq_cleanup(const int *a, const int *wa, int m, const int *b, const int *wb, int n,
                 int *match) {
  while (absorb_one(wa, m, wb, n, match)) {
  }
  trim_groups(a, m, b, n, match);
}

int seq_script(const int *match, int m, int n, seq_run *out) {
  int count = 0, i = 0, j = 0;
  while (i < m || j < n) {
    int i0 = i;
    while (i < m && match[i] < 0)
      i++;
    if (i > i0) out[count++] = (seq_run){SEQ_DELETE, i0, i};
    int next_j = i < m ? match[i] : n;
    if (next_j > j) out[count++] = (seq_run){SEQ_INSERT, j, next_j};
    j = next_j;
    int e0 = i;
    while (i < m && match[i] == j)
      i++, j++;
    if (i > e0) out[count++] = (seq_run){SEQ_EQUAL, e0, i};
  }
  return count;
}

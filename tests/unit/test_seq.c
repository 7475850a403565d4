/* Unit tests: the sequence matcher against a brute-force LCS. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "statuut/seq.h"

#include <glib.h>

/* Length of a longest common subsequence, by dynamic programming. */
static int lcs_len(const int *a, int n, const int *b, int m) {
  int *t = g_new0(int, (n + 1) * (m + 1));
  for (int i = n - 1; i >= 0; i--)
    for (int j = m - 1; j >= 0; j--)
      t[i * (m + 1) + j] = a[i] == b[j] ? 1 + t[(i + 1) * (m + 1) + j + 1]
                                        : MAX(t[(i + 1) * (m + 1) + j], t[i * (m + 1) + j + 1]);
  int r = t[0];
  g_free(t);
  return r;
}

/* The matching must be valid (equal elements, increasing) and, for small
 * inputs within the cost bound, as long as the LCS. */
static int check(const int *a, int n, const int *b, int m, int cost) {
  int *match = g_new(int, n);
  seq_match(a, n, b, m, match, cost);
  int count = 0, last = -1;
  for (int i = 0; i < n; i++) {
    if (match[i] < 0) continue;
    assert_true(match[i] > last);
    assert_true(match[i] < m);
    assert_int_equal(a[i], b[match[i]]);
    last = match[i];
    count++;
  }
  g_free(match);
  return count;
}

static void simple_cases(void **state) {
  (void)state;
  int a[] = {1, 2, 3, 4, 5}, b[] = {1, 3, 4, 6, 5};
  assert_int_equal(check(a, 5, b, 5, 1000), 4);
  assert_int_equal(check(a, 5, a, 5, 1000), 5);
  assert_int_equal(check(a, 0, b, 5, 1000), 0);
  assert_int_equal(check(a, 5, b, 0, 1000), 0);
  int c[] = {7, 7, 7}, d[] = {7, 8, 7};
  assert_int_equal(check(c, 3, d, 3, 1000), 2);
}

static void random_against_brute_force(void **state) {
  (void)state;
  GRand *rnd = g_rand_new_with_seed(42);
  for (int round = 0; round < 400; round++) {
    int n = g_rand_int_range(rnd, 0, 40), m = g_rand_int_range(rnd, 0, 40);
    int alphabet = g_rand_int_range(rnd, 2, 12);
    int *a = g_new(int, n + 1), *b = g_new(int, m + 1);
    for (int i = 0; i < n; i++)
      a[i] = g_rand_int_range(rnd, 0, alphabet);
    for (int j = 0; j < m; j++)
      b[j] = g_rand_int_range(rnd, 0, alphabet);
    int got = check(a, n, b, m, 1000);
    int best = lcs_len(a, n, b, m);
    assert_int_equal(got, best); /* within the cost bound the match is exact */
    g_free(a);
    g_free(b);
  }
  g_rand_free(rnd);
}

static void exact_without_unique_elements(void **state) {
  (void)state;
  /* no element is unique: Myers alone, which is exact */
  GRand *rnd = g_rand_new_with_seed(7);
  for (int round = 0; round < 200; round++) {
    int n = g_rand_int_range(rnd, 0, 30), m = g_rand_int_range(rnd, 0, 30);
    int *a = g_new(int, 2 * n + 1), *b = g_new(int, 2 * m + 1);
    for (int i = 0; i < n; i++)
      a[2 * i] = a[2 * i + 1] = g_rand_int_range(rnd, 0, 3);
    for (int j = 0; j < m; j++)
      b[2 * j] = b[2 * j + 1] = g_rand_int_range(rnd, 0, 3);
    assert_int_equal(check(a, 2 * n, b, 2 * m, 1000), lcs_len(a, 2 * n, b, 2 * m));
    g_free(a);
    g_free(b);
  }
  g_rand_free(rnd);
}

static void over_the_bound_patience_anchors_split(void **state) {
  (void)state;
  /* 3000 elements, every tenth changed: more differences than the bound, but
   * the unique elements anchor the pieces, each within the bound again */
  int n = 3000;
  int *a = g_new(int, n), *b = g_new(int, n);
  for (int i = 0; i < n; i++)
    a[i] = b[i] = i;
  for (int i = 0; i < n; i += 10)
    b[i] = -1 - i;
  int got = check(a, n, b, n, 50);
  assert_int_equal(got, n - n / 10);
  g_free(a);
  g_free(b);
}

static void cost_bound_leaves_gap_unmatched(void **state) {
  (void)state;
  /* unrelated sequences, no unique elements: past the bound nothing matches
   * in the gap, but the common prefix still does */
  int n = 20000;
  int *a = g_new(int, n), *b = g_new(int, n);
  for (int i = 0; i < n; i++) {
    a[i] = i % 2;
    b[i] = (i / 3) % 2;
  }
  a[0] = b[0] = 5;
  int got = check(a, n, b, n, 50);
  assert_true(got >= 1);
  g_free(a);
  g_free(b);
}

/* The post-pass: short equal runs between edits are absorbed, long ones
 * stay; a change group gives back its equal ends; the script lists
 * deletions before insertions. */
static void cleanup_and_script(void **state) {
  (void)state;
  const int one[5] = {1, 1, 1, 1, 1};
  const int a[5] = {1, 2, 3, 4, 5}, b[5] = {6, 2, 7, 4, 8};
  int match[5];
  seq_match(a, 5, b, 5, match, 100);
  seq_cleanup(a, one, 5, b, one, 5, match);
  seq_run runs[10];
  int n = seq_script(match, 5, 5, runs);
  assert_int_equal(n, 2);
  assert_int_equal(runs[0].op, SEQ_DELETE);
  assert_int_equal(runs[0].to, 5);
  assert_int_equal(runs[1].op, SEQ_INSERT);
  assert_int_equal(runs[1].to, 5);

  const int c[5] = {6, 2, 3, 4, 8};
  seq_match(a, 5, c, 5, match, 100);
  seq_cleanup(a, one, 5, c, one, 5, match);
  n = seq_script(match, 5, 5, runs);
  assert_int_equal(n, 5);
  const seq_op ops[5] = {SEQ_DELETE, SEQ_INSERT, SEQ_EQUAL, SEQ_DELETE, SEQ_INSERT};
  for (int i = 0; i < 5; i++)
    assert_int_equal(runs[i].op, ops[i]);
  assert_int_equal(runs[2].from, 1);
  assert_int_equal(runs[2].to, 4);

  const int d[3] = {1, 2, 3}, e[3] = {1, 9, 3};
  int m3[3] = {-1, -1, -1};
  seq_cleanup(d, one, 3, e, one, 3, m3);
  assert_int_equal(m3[0], 0);
  assert_int_equal(m3[1], -1);
  assert_int_equal(m3[2], 2);
  n = seq_script(m3, 3, 3, runs);
  assert_int_equal(n, 4);
  assert_int_equal(runs[0].op, SEQ_EQUAL);
  assert_int_equal(runs[1].op, SEQ_DELETE);
  assert_int_equal(runs[2].op, SEQ_INSERT);
  assert_int_equal(runs[3].op, SEQ_EQUAL);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(simple_cases),
      cmocka_unit_test(random_against_brute_force),
      cmocka_unit_test(exact_without_unique_elements),
      cmocka_unit_test(over_the_bound_patience_anchors_split),
      cmocka_unit_test(cost_bound_leaves_gap_unmatched),
      cmocka_unit_test(cleanup_and_script),
  };
  return cmocka_run_group_tests_name("seq", tests, NULL, NULL);
}

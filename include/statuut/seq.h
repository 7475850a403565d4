/* seq: longest-common-subsequence matching of two sequences of integers.
 *
 * Blocks and words are interned to integers first (equal content, equal
 * number), so one matcher serves both the block alignment and the word diff.
 * It trims the common prefix and suffix and runs Myers' O(ND) algorithm (E.
 * Myers, "An O(ND) Difference Algorithm and Its Variations", 1986), which is
 * exact. When a range has more than max_cost differences, Myers gives up and
 * the range is split at elements that occur once on each side (patience
 * anchors: almost always true correspondences); the pieces are tried again.
 * A piece with no anchor and too many differences stays unmatched. So two
 * unrelated inputs finish in bounded time and memory, O((N+M) * max_cost),
 * instead of O(N*M). */
#ifndef STATUUT_SEQ_H
#define STATUUT_SEQ_H

/* Sets match[i] to the index in b that a[i] is matched with, or -1. Matched
 * indices increase with i. max_cost bounds the edit distance explored within
 * one gap (1000 is plenty for documents). */
void seq_match(const int *a, int n, const int *b, int m, int *match, int max_cost);

/* ---- the edit script and its clean-up (cleanup.c) ---- */

/* One run of an edit script: elements [from, to) of a (equal, delete) or of
 * b (insert). */
typedef enum { SEQ_EQUAL, SEQ_INSERT, SEQ_DELETE } seq_op;
typedef struct {
  seq_op op;
  int from, to;
} seq_run;

/* Makes a match of a[0,m) and b[0,n) (as seq_match leaves it) read as a
 * person would edit: an equal run between two edits that weighs no more than
 * the edits on either side of it is absorbed into them (after the semantic
 * cleanup of N. Fraser's diff-match-patch), then every change group gives
 * its leading and trailing elements that are equal on both sides back to
 * the equal runs around it. a and b are the elements' identities, wa and wb
 * their weights (a word's length). */
void seq_cleanup(const int *a, const int *wa, int m, const int *b, const int *wb, int n,
                 int *match);

/* The edit script of a match: equal runs, and between two of them the
 * deletions before the insertions. out has room for m + n runs; returns how
 * many were written. */
int seq_script(const int *match, int m, int n, seq_run *out);

#endif

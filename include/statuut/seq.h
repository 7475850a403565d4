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

#endif

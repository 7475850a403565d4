/* editdist: how far apart two texts are, for "did you mean" suggestions.
 *
 * Levenshtein distance (insert, delete, substitute one character) counted in
 * Unicode characters, so "é" for "e" is one step, not two bytes. */
#ifndef STATUUT_EDITDIST_H
#define STATUUT_EDITDIST_H

#include <stdbool.h>

/* The distance between UTF-8 texts a and b; with `fold`, case is ignored
 * (Unicode case folding). Work is bounded by `max`: when the distance is
 * larger, max + 1 is returned as soon as that is certain. max < 0: no bound. */
int editdist(const char *a, const char *b, bool fold, int max);

#endif

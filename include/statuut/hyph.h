/* hyph: Dutch hyphenation points, from libhyphen and Debian's hyphen-nl
 * patterns.
 *
 * pango never hyphenates by itself: it breaks only where the text holds a
 * soft hyphen (U+00AD). This module puts soft hyphens into running text at
 * the points the patterns allow. It leaves alone what must not be broken:
 * words with digits (numbers, dates, versions), words that start with a
 * capital (names, abbreviations) and words shorter than five letters. URLs,
 * code and the literature list never reach it (the caller decides). */
#ifndef STATUUT_HYPH_H
#define STATUUT_HYPH_H

#include <glib.h>
#include <stdbool.h>

/* Debian's Dutch patterns (package hyphen-nl). */
#define HYPH_NL_DICT "/usr/share/hyphen/hyph_nl_NL.dic"

typedef struct hyph hyph;

/* Loads a pattern file. Returns NULL with *err set (caller frees) when it
 * cannot be read. Free with hyph_free. */
hyph *hyph_open(const char *path, char **err);
void hyph_free(hyph *h);

/* Appends text (len bytes of UTF-8) to out, with U+00AD at each hyphenation
 * point of every word that may be hyphenated. Two threads may call it on
 * one hyph at once. */
void hyph_append(const hyph *h, GString *out, const char *text, size_t len);

/* The word with its points shown as '-' (for tests and diagnostics):
 * "kwaliteit" -> "kwa-li-teit". Caller frees. */
char *hyph_show(const hyph *h, const char *word);

#endif

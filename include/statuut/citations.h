/* citations: author–year citations and the literature list they point to.
 *
 * A document's literature list is its paragraphs that start with a bold key
 * naming authors and a year:
 *
 *   **Van Os & Van Spronsen 2021**\
 *   J. Van Os & M. Van Spronsen, We zijn God niet. Lannoo Campus 2021.
 *
 * The text cites them by key: "Baart 2018", "Baart 2018, p. 74-75",
 * "Buitink, Ebskamp & Groothoff 2019", "Simons, HBR 1995". The recogniser finds
 * a year (1500-2099, maybe with a letter: 2018a) preceded by names, and
 * returns every way the citation may begin ("Zwaard 2021", "der Zwaard 2021",
 * "Van der Zwaard 2021"): whether "Zie" or "Tjeenk" belongs to the key is
 * decided against the list, not guessed. Plain numbers and dates ("in 2018",
 * "artikel 3 2019", "p. 58", "juli 2019") have no name before the year and are
 * not citations. */
#ifndef STATUUT_CITATIONS_H
#define STATUUT_CITATIONS_H

#include "statuut/diag.h"
#include "statuut/doc.h"

/* Bounds the backward walk over names: the longest key of the statute has
 * five authors (nine words with its separators and particles). */
#define CITE_MAX_STARTS 12

typedef struct {
  size_t starts[CITE_MAX_STARTS]; /* byte offsets where the citation may begin, nearest
                                     to the year first */
  bool lower[CITE_MAX_STARTS];    /* that beginning is a lower-case particle ("van") */
  int nstarts;
  size_t end;  /* just past the year */
  bool listed; /* the longest reading lists names (", " or " & ") */
  bool closed; /* the year ends the text or is followed by punctuation */
} cite_match;

/* The citations in UTF-8 text, in order. Returns a GArray of cite_match; the
 * caller frees it with g_array_free(a, TRUE). */
GArray *cite_scan(const char *text);

/* The key text[start, end) with runs of spaces made one space. Caller frees. */
char *cite_key(const char *text, size_t start, size_t end);

/* True when para is an entry of a reference list: a paragraph whose first
 * node is bold text that is a literature key, or bold text followed by a line
 * break (the online publications). Such paragraphs are not running text. */
bool cite_is_list_entry(const doc_node *para);

/* The literature key of a paragraph (see above), or NULL. Caller frees. */
char *cite_entry_key(const doc_node *para);

/* Checks d's citations against its literature list: an unresolved citation is
 * an error (with the closest keys as suggestion), an entry nothing cites and
 * a key listed twice are warnings. A document without a literature list is not
 * checked. Findings go to out under check name "citations". */
void cite_check(const doc *d, diag_list *out);

#endif

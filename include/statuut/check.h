/* check: `statuut check`, the proofreading an editor runs before publishing,
 * and the checks `statuut build` runs before it builds.
 *
 * A path is a content folder (folders of versions), a document folder
 * (versions side by side) or a single Markdown file. What is found goes to
 * diags:
 * - from the model and the content loader: front matter, file name against
 *   version, duplicate versions, encoding, footnotes referenced but not
 *   defined or defined but not referenced, raw HTML;
 * - from the check modules: footnotes (footnotes.h), citations
 *   (citations.h), links (links.h), structure (structure.h) and, when asked,
 *   spelling (spelling.h).
 *
 * Published text is history. In a version whose status is vastgesteld or
 * vervallen every finding about the text is a warning: the text stays as it
 * was published and the next version corrects it. In a concept, errors are
 * errors. Problems of the front matter, the file and the content folder are
 * always errors.
 *
 * The editor can silence a check where the text is right:
 * - for a whole document, in the front matter: `ignore: [spelling, links]`;
 * - for one block (a paragraph, a list, a note; a heading with its whole
 *   section), with a Markdown comment on the line before it, which no
 *   renderer shows:
 *
 *       [//]: # (check: ignore citations spelling)
 *
 * The checks that can be silenced are named in check_silenceable.
 * Unknown names are errors. */
#ifndef STATUUT_CHECK_H
#define STATUUT_CHECK_H

#include "statuut/content.h"
#include "statuut/diag.h"

typedef struct {
  bool spelling;          /* run the spell checker */
  const char *dictionary; /* hunspell files without .aff/.dic; NULL: the Dutch one */
} check_options;

/* The checks a document may silence, ending with CHECK_MAX. */
extern const diag_check check_silenceable[];

/* Checks every path; returns the number of files checked. */
unsigned check_paths(const char *const *paths, int n, const check_options *o, diag_list *diags);

/* Runs the checks on content already loaded (what `build` does) and applies
 * the rules above to every item of diags about its versions, also those the
 * loader put there. */
void check_content(const content *c, const check_options *o, diag_list *diags);

#endif

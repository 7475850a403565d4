/* check: `statuut check`, the validation an editor runs before publishing.
 *
 * A path is a content folder (folders of versions), a document folder
 * (versions side by side) or a single Markdown file. Every problem the model
 * and the content loader find (front matter, file name against version,
 * duplicate versions, footnotes, raw HTML) ends up in diags. */
#ifndef STATUUT_CHECK_H
#define STATUUT_CHECK_H

#include "statuut/diag.h"

/* Checks every path; returns the number of files checked. */
unsigned check_paths(const char *const *paths, int n, diag_list *diags);

#endif

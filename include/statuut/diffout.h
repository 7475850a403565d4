/* diffout: the diff model as JSON (for the website pipeline and tests) and
 * as text for the terminal. The HTML redline is drawn by the HTML renderer
 * (html.h), the PDF redline by the PDF renderer. */
#ifndef STATUUT_DIFFOUT_H
#define STATUUT_DIFFOUT_H

#include "statuut/diff.h"

/* JSON in the documented shape (README, "statuut diff"). Caller frees. */
char *diffout_json(const diff_result *r);

/* Per changed block, with its section as context, like git diff
 * --word-diff: [-deleted-]{+inserted+}; with color, ANSI colours instead of
 * the brackets. Caller frees. */
char *diffout_text(const diff_result *r, bool color);

#endif

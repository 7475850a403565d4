/* text: the document model as plain text, for the terminal and for tools that
 * compare words (the content tests compare it with the source documents). */
#ifndef STATUUT_TEXT_H
#define STATUUT_TEXT_H

#include "statuut/doc.h"

/* Title block, body and notes as UTF-8 text: headings underlined, list items
 * with their bullets, numbers or letters, quotes prefixed with "> ", footnote
 * references as [n] and the notes at the end. Caller frees. */
char *text_render(const doc *d);

#endif

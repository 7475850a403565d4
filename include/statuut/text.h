/* text: the document model as plain text, for the terminal and for tools that
 * compare words (the content tests compare it with the source documents). */
#ifndef STATUUT_TEXT_H
#define STATUUT_TEXT_H

#include "statuut/doc.h"

/* Title block, body and notes as UTF-8 text: headings underlined, list items
 * with their bullets, numbers or letters, quotes prefixed with "> ", footnote
 * references as [n] and the notes at the end. Caller frees. */
char *text_render(const doc *d);

/* The same, with a note in brackets at the start of every block fn gives
 * one for ("[gewijzigd in 1.1] De tekst ..."; after a point's number, and
 * in a heading's underlined text). fn returns the note or NULL; the
 * renderer frees it. */
typedef char *(*text_note_fn)(const doc_node *block, void *ctx);
char *text_render_noted(const doc *d, text_note_fn fn, void *ctx);

#endif

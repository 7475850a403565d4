/* footnotes: what the editor should know about a document's notes, beyond
 * what the model already reports (a reference to an undefined note, a note
 * nothing refers to: doc.c).
 *
 * Check name "footnotes": a note referenced more than once is a warning (a
 * note belongs to one place in the text; the reader jumping back lands on the
 * first), an empty note is an error. */
#ifndef STATUUT_FOOTNOTES_H
#define STATUUT_FOOTNOTES_H

#include "statuut/diag.h"
#include "statuut/doc.h"

void footnotes_check(const doc *d, diag_list *out);

#endif

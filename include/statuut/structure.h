/* structure: the outline of a document, as a reader of the table of contents
 * sees it.
 *
 * Warnings (check name "structure"): a heading level that skips one ('#'
 * followed by '###': the table of contents shows a hole), a section with
 * nothing in it (its heading is followed by one of the same or a higher
 * level, or ends the document), and a heading whose id another heading or the
 * page already has (its anchor silently becomes "id-2"). */
#ifndef STATUUT_STRUCTURE_H
#define STATUUT_STRUCTURE_H

#include "statuut/diag.h"
#include "statuut/doc.h"

void structure_check(const doc *d, diag_list *out);

#endif

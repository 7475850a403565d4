/* pdfredline: the summary pages that open a redline PDF.
 *
 * The redline itself is the diff model's redline document, typeset by the
 * ordinary engine (its marks drawn by pdfdraw.h). What only a redline has is
 * its first page: what changed at a glance (counts, words added and
 * removed, changed front matter, a legend of the marks) and the changes in
 * reading order, grouped by section, each with the page it is on. The
 * summary is made as document-model blocks and entries, so the galley lays
 * it out like any text; the page numbers are filled in when drawing, as in
 * the table of contents (two passes). */
#ifndef STATUUT_PDFREDLINE_H
#define STATUUT_PDFREDLINE_H

#include "statuut/diff.h"
#include "statuut/galley.h"

/* Lays the summary of r into g. Returns the nodes it was made of, which the
 * galley points into: the caller frees them with doc_node_free after
 * freeing the galley. */
doc_node *redline_summary(galley *g, const diff_result *r, diag_list *diags);

/* One change as an entry of the summary, a paragraph node (caller frees):
 * "alinea gewijzigd: " (its number is the entry's label) and what changed, marked as in the text:
 * the edited words of a modified block (deleted, then inserted; "…" between edits that are apart),
 * the start of an inserted or deleted block, the sections a moved block went between. At most about
 * max_chars of text. */
doc_node *redline_entry(const diff_change *ch, size_t max_chars);

#endif

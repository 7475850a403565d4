/* pdf: a document version as a print-ready PDF (A4), typeset by statuut's
 * own layout engine on pango and cairo.
 *
 *   fonts, hyphenation   pdffonts.h, hyph.h
 *   lines                linebreak.h (Knuth-Plass), para.h (pango)
 *   blocks               galley.h
 *   pages                paginate.h (footnotes, widows, keeps)
 *   drawing, tags        pdfdraw.h
 *   the document         this module: cover, table of contents, running head
 *                        and foot, outline, metadata
 *
 * Pages are numbered from the cover (page 1), as a PDF viewer counts them.
 * The table of contents is laid out first with room for its page numbers,
 * the body is paginated after it, and the numbers are filled in when drawing:
 * two passes, exact. The same input gives the same bytes: no clock is read
 * (dates come from the content, or SOURCE_DATE_EPOCH when set). */
#ifndef STATUUT_PDF_H
#define STATUUT_PDF_H

#include "statuut/para.h"
#include "statuut/pdfmodule.h"

/* The module's entry points (pdfmodule.h says what each does). */
pdf_engine *pdf_engine_open(char **err);
void pdf_engine_free(pdf_engine *e);

/* The PDF of a document. Returns the bytes (caller frees with g_free) and
 * their length; report may be NULL. Problems with the content (an image that
 * cannot be read) go to diags as warnings. */
char *pdf_render(pdf_engine *e, const doc *d, const pdf_options *o, size_t *len, pdf_report *report,
                 diag_list *diags);

/* The redline of a diff: the new version typeset with its changes marked
 * (r->redline), opened by a summary of the changes with the page of each
 * (pdfredline.h) instead of the cover and the table of contents. Deleted
 * text is struck through and inserted text underlined, each in its colour;
 * the old place of a moved block is struck through with a dashed line; a
 * bar in the right (outer) margin stands beside every line that holds a
 * change (dashed for a move), and a margin note at both places of a move
 * names the page of the other. Returns the bytes as pdf_render does. */
char *pdf_render_diff(pdf_engine *e, const diff_result *r, const pdf_options *o, size_t *len,
                      pdf_report *report, diag_list *diags);

#endif

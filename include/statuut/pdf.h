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

#include "statuut/diff.h"
#include "statuut/doc.h"
#include "statuut/para.h"

/* Fonts and patterns, loaded once for any number of documents. */
typedef struct pdf_engine pdf_engine;

/* Returns NULL with *err set (caller frees) when a font or the hyphenation
 * patterns are missing. Free with pdf_engine_free. */
pdf_engine *pdf_engine_open(char **err);
void pdf_engine_free(pdf_engine *e);

typedef struct {
  const char *base_url; /* where the site is published, for site-rooted links; may be NULL */
} pdf_options;

/* What the typesetting did, for make bench. */
typedef struct {
  unsigned pages;
  para_stats lines;
} pdf_report;

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

/* `statuut pdf`: loads a Markdown file and renders it; site.yaml in the
 * content folder above the document's folder gives base_url. Returns NULL
 * when the file has errors (in diags) or *err is set (caller frees). */
char *pdf_file(const char *md_path, size_t *len, pdf_report *report, diag_list *diags, char **err);

/* `statuut diff --format pdf`: the redline of r, with base_url from the
 * site.yaml above the new version's file. Returns NULL with *err set
 * (caller frees) when the fonts or patterns are missing, or with the
 * problem in diags. */
char *pdf_diff_file(const diff_result *r, size_t *len, diag_list *diags, char **err);

#endif

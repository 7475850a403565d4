/* pdfmodule: the PDF engine as the module statuut-pdf.so exports it (see
 * module.h). This header is all the binary knows of it: plain C types and
 * the model, nothing of pango, cairo or harfbuzz (the Makefile compiles the
 * binary without their include paths, so a heavy include here fails the
 * build). The engine's own headers (pdf.h, galley.h, para.h, ...) are the
 * module's inside.
 *
 * The engine typesets a document model or the redline of a diff model; it
 * reads no file but its fonts and patterns. Loading the Markdown and
 * finding the site's base URL is the command's work. */
#ifndef STATUUT_PDFMODULE_H
#define STATUUT_PDFMODULE_H

#include "statuut/diff.h"
#include "statuut/doc.h"
#include "statuut/module.h"

/* Fonts and patterns, loaded once for any number of documents. */
typedef struct pdf_engine pdf_engine;

/* Numbers beside the body's lines, every fifth (for a meeting: "page 12,
 * line 25"): none, counted on each page, or through the body. */
typedef enum {
  PDF_LINES_NONE,
  PDF_LINES_PAGE,
  PDF_LINES_CONTINUOUS,
  PDF_LINES_MAX
} pdf_line_numbers;

typedef struct {
  const char *base_url; /* where the site is published, for site-rooted links; may be NULL */
  pdf_line_numbers line_numbers;
  /* Threads the typesetting may use: 2 or more lays out the body's
   * paragraphs on a second thread too, for a PDF of the same bytes sooner
   * (pdf.c); 0 or 1, one. The engine starts and ends the thread within a
   * call, and may leave threads pango starts after it: no fork should
   * follow such a call. */
  int threads;
} pdf_options;

/* Where a change of a redline stands in its PDF: the page, and the number of
 * its first changed line when the lines are numbered (0 for a note, whose
 * lines are not). */
typedef struct {
  int change;
  int page;
  int line;
} pdf_change_place;

/* Line quality of every paragraph laid out (make bench, --report). */
typedef struct {
  unsigned paragraphs, lines, justified, hyphenated, stacked_hyphens;
  unsigned ladders; /* hyphenated lines that are the third or more in a row */
  unsigned loose;   /* justified lines whose spaces are over twice normal */
  unsigned capped;  /* lines set short because spaces would exceed three times normal */
  double max_space; /* widest space of a justified line, in normal spaces */
  double sum_space;
} pdf_line_stats;

/* What the typesetting did. */
typedef struct {
  unsigned pages;
  pdf_line_stats lines;
  GArray *places; /* of pdf_change_place, in order: a redline's changes (set by render_diff,
                     NULL otherwise; the caller frees it with g_array_unref) */
} pdf_report;

typedef struct {
  module_header header;
  /* NULL with *err set (caller frees) when a font or the patterns are
   * missing. It leaves no thread of its own running, and waits (up to a
   * second) for those pango started: the caller may fork. */
  pdf_engine *(*engine_open)(char **err);
  void (*engine_free)(pdf_engine *e);
  /* The PDF of a document: the bytes (caller frees with g_free) and their
   * length; report may be NULL. What the page cannot show (an image that
   * cannot be read) goes to diags as warnings; NULL on failure (in diags). */
  char *(*render)(pdf_engine *e, const doc *d, const pdf_options *o, size_t *len,
                  pdf_report *report, diag_list *diags);
  /* The redline of a diff model, opened by a summary of its changes. */
  char *(*render_diff)(pdf_engine *e, const diff_result *r, const pdf_options *o, size_t *len,
                       pdf_report *report, diag_list *diags);
} pdf_module;

/* The engine, loading the module on the first call; NULL with *err set
 * (caller frees) when it cannot be loaded. */
static inline const pdf_module *pdf_module_get(char **err) {
  return module_load("statuut-pdf.so", "statuut_pdf_module", sizeof(pdf_module), err);
}

#endif

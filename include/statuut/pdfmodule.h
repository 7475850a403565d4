/* pdfmodule: the PDF engine (pdf.h) as the module statuut-pdf.so exports it
 * (see module.h). */
#ifndef STATUUT_PDFMODULE_H
#define STATUUT_PDFMODULE_H

#include "statuut/module.h"
#include "statuut/pdf.h"

typedef struct {
  module_header header;
  pdf_engine *(*engine_open)(char **err);
  void (*engine_free)(pdf_engine *e);
  char *(*render)(pdf_engine *e, const doc *d, const pdf_options *o, size_t *len,
                  pdf_report *report, diag_list *diags);
  char *(*render_diff)(pdf_engine *e, const diff_result *r, const pdf_options *o, size_t *len,
                       pdf_report *report, diag_list *diags);
  char *(*file)(const char *md_path, size_t *len, pdf_report *report, diag_list *diags, char **err);
  char *(*diff_file)(const diff_result *r, size_t *len, diag_list *diags, char **err);
} pdf_module;

/* The engine, loading the module on the first call; NULL with *err set
 * (caller frees) when it cannot be loaded. */
static inline const pdf_module *pdf_module_get(char **err) {
  return module_load("statuut-pdf.so", "statuut_pdf_module", sizeof(pdf_module), err);
}

#endif

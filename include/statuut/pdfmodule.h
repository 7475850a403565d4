/* pdfmodule: the PDF engine, loaded when a command first needs it.
 *
 * The engine (src/pdf/, see pdf.h) and the libraries only it uses (cairo,
 * pango, harfbuzz, fontconfig, freetype, pixman, libhyphen and the X11
 * libraries cairo pulls in) are linked into a module of their own,
 * statuut-pdf.so, installed beside the statuut binary. Mapping and
 * relocating those libraries costs about 9 ms at every start, more than
 * `statuut diff` spends comparing two versions of the statute; commands that
 * make no PDF no longer pay it.
 *
 * The module calls back into the binary (the document model, the diff,
 * diagnostics), which exports its symbols for it (-rdynamic). It is loaded
 * once and never unloaded.
 *
 * Where: STATUUT_PDF_MODULE when set (another layout, the sanitizer build's
 * tests), else statuut-pdf.so in the folder of the running binary. */
#ifndef STATUUT_PDFMODULE_H
#define STATUUT_PDFMODULE_H

#include "statuut/pdf.h"

#include <stddef.h>

/* Bumped whenever pdf_module or a signature in it changes: a module left
 * over from another build is refused rather than called wrongly. */
#define PDF_MODULE_ABI 1

/* The module's one exported symbol is a pdf_module of this name. */
#define PDF_MODULE_SYMBOL "statuut_pdf_module"

/* The entry points of pdf.h, as the module exports them. */
typedef struct {
  int abi;             /* PDF_MODULE_ABI of the module's build */
  size_t size;         /* sizeof(pdf_module) of the module's build */
  const char *version; /* STATUUT_VERSION of the module's build */
  pdf_engine *(*engine_open)(char **err);
  void (*engine_free)(pdf_engine *e);
  char *(*render)(pdf_engine *e, const doc *d, const pdf_options *o, size_t *len,
                  pdf_report *report, diag_list *diags);
  char *(*render_diff)(pdf_engine *e, const diff_result *r, const pdf_options *o, size_t *len,
                       pdf_report *report, diag_list *diags);
  char *(*file)(const char *md_path, size_t *len, pdf_report *report, diag_list *diags, char **err);
  char *(*diff_file)(const diff_result *r, size_t *len, diag_list *diags, char **err);
} pdf_module;

/* The engine, loading the module on the first call. Returns NULL with *err
 * set (caller frees) when the module is missing, cannot be loaded (a library
 * or a symbol is missing) or comes from another build. */
const pdf_module *pdf_module_get(char **err);

#endif

/* module: statuut's heavy parts, loaded when a command first needs them.
 *
 * Three parts use libraries no other command needs, and loading a library
 * costs at every start (mapping, relocating, page faults): 9 ms for the PDF
 * engine's cairo, pango, harfbuzz, fontconfig and freetype; 2.3 ms for
 * libxml2 with ICU; 1.3 ms for hunspell with the C++ library. `statuut diff`
 * spends about 6 ms comparing two versions of the statute. So each part is a
 * module of its own, beside the statuut binary:
 *
 *   statuut-pdf.so     src/pdf/              pdfmodule.h   cairo, pango, libhyphen
 *   statuut-html.so    src/html/, site.c     htmlmodule.h  libxml2
 *   statuut-spell.so   check/spelling.c      spellmodule.h hunspell
 *
 * A module exports one symbol, a table of its entry points that starts with
 * a module_header. It calls back into the binary (the document model, the
 * diff, diagnostics, the other modules' loaders), which exports its symbols
 * for it (-rdynamic). A module is loaded once and never unloaded.
 *
 * Where: the folder STATUUT_MODULE_DIR names when set (another layout), else
 * the folder of the running binary. */
#ifndef STATUUT_MODULE_H
#define STATUUT_MODULE_H

#include <stddef.h>

/* Bumped whenever a module's table or a signature in it changes: a module
 * left over from another build is refused rather than called wrongly. */
#define MODULE_ABI 2

/* The start of every module's table. */
typedef struct {
  int abi;             /* MODULE_ABI of the module's build */
  size_t size;         /* sizeof its table in the module's build */
  const char *version; /* STATUUT_VERSION of the module's build */
} module_header;

#define MODULE_HEADER(table_type)                                                                  \
  { MODULE_ABI, sizeof(table_type), STATUUT_VERSION }

/* Defines a module's table, the one symbol its build exports (the module's
 * code is compiled with hidden visibility):
 *   MODULE_EXPORT(pdf_module, statuut_pdf_module) = {MODULE_HEADER(pdf_module), ...}; */
#define MODULE_EXPORT(table_type, name)                                                            \
  __attribute__((visibility("default"))) extern const table_type name;                             \
  const table_type name

/* The table `symbol` of module `file` (e.g. "statuut-pdf.so"), of `size`
 * bytes, loading the module if need be. Returns NULL with *err set (caller
 * frees) when the module is missing, cannot be loaded (a library or a symbol
 * is missing) or comes from another build. */
const void *module_load(const char *file, const char *symbol, size_t size, char **err);

#endif

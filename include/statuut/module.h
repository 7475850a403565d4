/* module: statuut's heavy parts, loaded when a command first needs them.
 *
 * Four parts use libraries no other command needs, and loading a library
 * costs at every start (mapping, relocating, page faults): 9 ms for the PDF
 * engine's cairo, pango, harfbuzz, fontconfig and freetype; 2.3 ms for
 * libxml2 with ICU; 1.3 ms for hunspell with the C++ library. `statuut diff`
 * spends about 6 ms comparing two versions of the statute. So each part is a
 * module of its own, beside the statuut binary:
 *
 *   statuut-pdf.so     src/pdf/              pdfmodule.h   cairo, pango, libhyphen
 *   statuut-html.so    src/html/             htmlmodule.h  libxml2
 *   statuut-spell.so   check/spelling.c      spellmodule.h hunspell
 *   statuut-serve.so   src/serve/            servemodule.h libmicrohttpd (serve only)
 *
 * A module exports one symbol, a table of its entry points that starts with
 * a module_header. Its header (the *module.h files) is all the binary sees
 * of it: plain C types and the model's, no type of the module's libraries.
 * The binary hands it models (documents, the diff model, the content) and
 * it renders them; it calls back into the binary for the model's helpers,
 * which the binary exports for it (-rdynamic), and links every library it
 * calls itself. A module is loaded once and never unloaded.
 *
 * Where: the folder STATUUT_MODULE_DIR names when set (another layout), else
 * the folder of the running binary. */
#ifndef STATUUT_MODULE_H
#define STATUUT_MODULE_H

#include <stddef.h>

/* The build id, made by the Makefile (BUILD_ID_H): a hash of the compiler,
 * the flags and the headers. The binary loads only a module of its own
 * build, so a module left over from another build, whose tables or types
 * may differ, is refused with both ids named instead of called wrongly. */
#include "statuut-build-id.h"

/* The start of every module's table. */
/* The id is held in the table itself, not behind a pointer, so that the
 * loader can read it safely from whatever a foreign file holds there. */
typedef struct {
  char build_id[24]; /* STATUUT_BUILD_ID of the module's build, NUL-terminated */
  size_t size;       /* sizeof its table in the module's build */
} module_header;

#define MODULE_HEADER(table_type)                                                                  \
  { STATUUT_BUILD_ID, sizeof(table_type) }

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

/* This binary's build id, as `statuut --version` prints it. */
const char *module_build_id(void);
const void *module_load(const char *file, const char *symbol, size_t size, char **err);

/* Where module_load looks for a module's file (STATUUT_MODULE_DIR, else
 * beside the binary); the build's cache keys by its bytes. Caller frees. */
char *module_path(const char *file);

#endif

/* pdfmodule: see include/statuut/pdfmodule.h */
#include "statuut/pdfmodule.h"

#include <dlfcn.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#define MODULE_FILE "statuut-pdf.so"

/* The module's path: the override, or beside the binary. */
static char *module_path(void) {
  const char *env = getenv("STATUUT_PDF_MODULE");
  if (env && *env) return g_strdup(env);
  char *exe = g_file_read_link("/proc/self/exe", NULL);
  if (!exe) return g_strdup(MODULE_FILE); /* the loader's search path */
  char *dir = g_path_get_dirname(exe);
  char *path = g_build_filename(dir, MODULE_FILE, NULL);
  g_free(dir);
  g_free(exe);
  return path;
}

static const pdf_module *load(char **err) {
  char *path = module_path();
  /* RTLD_NOW: a missing library or symbol is reported here, not as a
   * crash halfway through a build. */
  void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  const pdf_module *m = NULL;
  if (!h) {
    *err = g_strdup_printf("cannot load the PDF engine: %s", dlerror());
  } else if (!(m = dlsym(h, PDF_MODULE_SYMBOL))) {
    *err = g_strdup_printf("cannot load the PDF engine: %s has no %s", path, PDF_MODULE_SYMBOL);
  } else if (m->abi != PDF_MODULE_ABI || m->size != sizeof(pdf_module) ||
             strcmp(m->version, STATUUT_VERSION) != 0) {
    *err = g_strdup_printf("cannot load the PDF engine: %s comes from another build of statuut "
                           "(%s); rebuild with make",
                           path, m->version);
    m = NULL;
  }
  /* A failed module stays mapped: dlclose could run its library
   * destructors with half of them initialised. Nothing more is loaded. */
  g_free(path);
  return m;
}

const pdf_module *pdf_module_get(char **err) {
  static const pdf_module *module;
  if (!module) module = load(err);
  return module;
}

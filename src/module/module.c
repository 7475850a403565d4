/* module: see include/statuut/module.h */
#define _GNU_SOURCE /* RTLD_DEFAULT */
#include "statuut/module.h"

#include <dlfcn.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>

char *module_path(const char *file) {
  const char *env = getenv("STATUUT_MODULE_DIR");
  if (env && *env) return g_build_filename(env, file, NULL);
  char *exe = g_file_read_link("/proc/self/exe", NULL);
  if (!exe) return g_strdup(file); /* the dynamic loader's search path */
  char *dir = g_path_get_dirname(exe);
  char *path = g_build_filename(dir, file, NULL);
  g_free(dir);
  g_free(exe);
  return path;
}

const void *module_load(const char *file, const char *symbol, size_t size, char **err) {
  /* A program that links the module's code in (the unit tests) has the
   * table already. */
  const module_header *m = dlsym(RTLD_DEFAULT, symbol);
  if (m) return m;
  char *path = module_path(file);
  /* RTLD_NOW: a missing library or symbol is reported here, not as a crash
   * halfway through a build. A module loaded before is found again. */
  void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  if (!h) {
    *err = g_strdup_printf("cannot load %s: %s", file, dlerror());
  } else if (!(m = dlsym(h, symbol))) {
    *err = g_strdup_printf("cannot load %s: %s has no %s", file, path, symbol);
  } else if (strncmp(m->build_id, STATUUT_BUILD_ID, sizeof m->build_id) != 0 || m->size != size) {
    /* Only a short printable text is shown: a module of a much older build
     * has something else there. */
    char id[sizeof m->build_id] = "";
    for (size_t n = 0; n + 1 < sizeof id && g_ascii_isalnum(m->build_id[n]); n++)
      id[n] = m->build_id[n];
    *err = g_strdup_printf("cannot load %s: %s comes from build %s of statuut, this is build %s; "
                           "rebuild with make",
                           file, path, *id ? id : "(unknown)", STATUUT_BUILD_ID);
    m = NULL;
  }
  /* A refused module stays mapped: dlclose could run the destructors of
   * libraries it pulled in. */
  g_free(path);
  return m;
}

const char *module_build_id(void) {
  return STATUUT_BUILD_ID;
}

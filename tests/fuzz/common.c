/* fuzz: see fuzz.h */
#include "fuzz.h"
#include "statuut/fsutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void die(const char *what, char *err) {
  fprintf(stderr, "fuzz: %s: %s\n", what, err ? err : "failed");
  g_free(err);
  abort();
}

const html_module *fuzz_html(void) {
  static const html_module *m;
  if (!m) {
    char *err = NULL;
    if (!(m = html_module_get(&err))) die("html module", err);
  }
  return m;
}

const html_templates *fuzz_templates(void) {
  static html_templates *t;
  if (!t) {
    char *err = NULL;
    if (!(t = fuzz_html()->templates_load(SOURCE_DIR "/templates", &err))) die("templates", err);
  }
  return t;
}

const pdf_module *fuzz_pdfm(void) {
  static const pdf_module *m;
  if (!m) {
    char *err = NULL;
    if (!(m = pdf_module_get(&err))) die("pdf module", err);
  }
  return m;
}

pdf_engine *fuzz_pdf_engine(void) {
  static pdf_engine *e;
  if (!e) {
    char *err = NULL;
    if (!(e = fuzz_pdfm()->engine_open(&err))) die("pdf engine", err);
  }
  return e;
}

bool fuzz_pdf_due(const uint8_t *data, size_t size) {
  static long every = -1;
  if (every < 0) {
    const char *env = getenv("STATUUT_FUZZ_PDF_EVERY");
    every = env && *env ? strtol(env, NULL, 10) : 8;
    if (every < 0) every = 0;
  }
  if (every == 0 || size > FUZZ_PDF_MAX) return false;
  uint32_t h = 2166136261u; /* FNV-1a */
  for (size_t i = 0; i < size; i++)
    h = (h ^ data[i]) * 16777619u;
  return h % (uint32_t)every == 0;
}

static char *tmp_dir;

static void tmp_cleanup(void) {
  if (tmp_dir) {
    char *err = NULL;
    fs_remove_tree(tmp_dir, &err);
    g_free(err);
  }
}

const char *fuzz_tmp(void) {
  if (!tmp_dir) {
    const char *base = g_file_test("/dev/shm", G_FILE_TEST_IS_DIR) ? "/dev/shm" : g_get_tmp_dir();
    char *tmpl = g_build_filename(base, "statuut-fuzz-XXXXXX", NULL);
    if (!g_mkdtemp(tmpl)) {
      /* /dev/shm may be there but not writable */
      g_free(tmpl);
      tmpl = g_build_filename(g_get_tmp_dir(), "statuut-fuzz-XXXXXX", NULL);
      if (!g_mkdtemp(tmpl)) die("temporary folder", g_strdup(tmpl));
    }
    tmp_dir = tmpl;
    atexit(tmp_cleanup);
  }
  return tmp_dir;
}

void fuzz_write(const char *path, const void *data, size_t len) {
  char *dir = g_path_get_dirname(path), *err = NULL;
  g_mkdir_with_parents(dir, 0755);
  g_free(dir);
  if (!fs_write(path, data, len, &err)) die(path, err);
}

void fuzz_remove(const char *path) {
  char *err = NULL;
  if (!fs_remove_tree(path, &err)) die(path, err);
}

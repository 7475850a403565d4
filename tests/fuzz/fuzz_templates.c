/* fuzz_templates: a template -> html_templates_load -> every kind of page
 * made with it. The first byte of the input chooses which of the five
 * templates it replaces (base, document, history, index, diff); the rest is
 * that file. The other four are the repository's. When the templates load,
 * a version page (alone and in a site), a history, the index and a redline
 * are made of two small fixed versions (tests/diff/heading-edit.*.md). */
#include "fuzz.h"
#include "statuut/fsutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const names[] = {"base.html", "document.html", "history.html", "index.html",
                                    "diff.html"};
#define N_NAMES (sizeof names / sizeof names[0])

/* Made once: a folder per template with the other four copied in, two
 * versions of a document in a content, and their diff. */
static char *dirs[N_NAMES];
static content *site;
static diff_result *redline;

static doc *load(const char *file) {
  char *path = g_build_filename(SOURCE_DIR, "tests", "diff", file, NULL);
  diag_list *diags = diag_list_new();
  doc *d = doc_load(path, diags);
  if (!d || diag_count(diags, DIAG_ERROR)) {
    fprintf(stderr, "fuzz_templates: %s does not load\n", path);
    abort();
  }
  diag_list_free(diags);
  g_free(path);
  return d;
}

static void setup(void) {
  for (size_t i = 0; i < N_NAMES; i++) {
    dirs[i] = g_build_filename(fuzz_tmp(), names[i], NULL);
    for (size_t j = 0; j < N_NAMES; j++) {
      if (j == i) continue;
      char *from = g_build_filename(SOURCE_DIR, "templates", names[j], NULL), *err = NULL;
      size_t len;
      char *text = fs_read(from, &len, &err);
      if (!text) {
        fprintf(stderr, "fuzz_templates: %s\n", err);
        abort();
      }
      char *to = g_build_filename(dirs[i], names[j], NULL);
      fuzz_write(to, text, len);
      g_free(to);
      g_free(text);
      g_free(from);
    }
  }
  site = g_new0(content, 1);
  site->dir = g_strdup("content");
  site->site_title = g_strdup("Fuzz");
  site->base_url = g_strdup("https://example.org/");
  site->docs = g_ptr_array_new_with_free_func(content_doc_free);
  content_doc *cd = g_new0(content_doc, 1);
  cd->slug = g_strdup("doc");
  cd->versions = g_ptr_array_new();
  g_ptr_array_add(cd->versions, load("heading-edit.old.md"));
  g_ptr_array_add(cd->versions, load("heading-edit.new.md"));
  g_ptr_array_add(site->docs, cd);
  redline = diff_docs(g_ptr_array_index(cd->versions, 0), g_ptr_array_index(cd->versions, 1));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1) return 0;
  if (!site) setup();
  size_t k = data[0] % N_NAMES;
  char *path = g_build_filename(dirs[k], names[k], NULL), *err = NULL;
  fuzz_write(path, data + 1, size - 1);
  const html_module *m = fuzz_html();
  html_templates *t = m->templates_load(dirs[k], &err);
  if (t) {
    const content_doc *cd = g_ptr_array_index(site->docs, 0);
    const doc *d = g_ptr_array_index(cd->versions, 1);
    size_t len;
    html_ctx alone = {
        .root = "https://example.org/", .site_title = "Fuzz", .stylesheet_data = "p { margin: 0 }"};
    g_free(m->page_document(t, d, NULL, &alone, &len));
    html_ctx in_site = {.root = "../../",
                        .canonical = "https://example.org/doc/1.1/",
                        .site_title = "Fuzz",
                        .site = site};
    g_free(m->page_document(t, d, cd, &in_site, &len));
    in_site.root = "../../";
    g_free(m->page_diff(t, redline, &in_site, "doc/index.html", "doc/diff.pdf", &len));
    in_site.root = "../";
    g_free(m->page_history(t, cd, &in_site, &len));
    in_site.root = "";
    g_free(m->page_index(t, site, &in_site, &len));
    m->templates_free(t);
  }
  g_free(err);
  g_free(path);
  return 0;
}

/* check: see include/statuut/check.h */
#include "statuut/check.h"
#include "statuut/content.h"
#include "statuut/fsutil.h"
#include "statuut/version.h"

#include <string.h>

/* A folder is a document folder when it holds Markdown files itself. */
static bool holds_markdown(const char *dir) {
  char *err = NULL;
  char **names = fs_list_dir(dir, &err);
  g_free(err);
  bool md = false;
  for (char **n = names; n && *n && !md; n++)
    md = g_str_has_suffix(*n, ".md");
  g_strfreev(names);
  return md;
}

static unsigned check_file(const char *path, diag_list *diags) {
  doc *d = doc_load(path, diags);
  if (!d) return 1;
  /* A file named like a version must hold that version, as in content/. */
  char *base = g_path_get_basename(path);
  if (g_str_has_suffix(base, ".md")) {
    base[strlen(base) - 3] = '\0';
    if (version_valid(base) && d->meta.version && strcmp(base, d->meta.version) != 0) {
      const meta_field *f = meta_field_get(&d->meta, "version");
      diag_add(diags, DIAG_ERROR, path, f->vline, f->vcol, "content",
               "version '%s' does not match the file name '%s.md'", d->meta.version, base);
    }
  }
  g_free(base);
  doc_free(d);
  return 1;
}

unsigned check_paths(const char *const *paths, int n, diag_list *diags) {
  unsigned files = 0;
  for (int i = 0; i < n; i++) {
    const char *p = paths[i];
    if (fs_is_file(p)) {
      files += check_file(p, diags);
    } else if (fs_is_dir(p) && holds_markdown(p)) {
      char *parent = g_path_get_dirname(p);
      char *slug = g_path_get_basename(p);
      content_doc *cd = content_load_document(parent, slug, diags);
      files += cd->versions->len;
      content_doc_free(cd);
      g_free(slug);
      g_free(parent);
    } else if (fs_is_dir(p)) {
      content *c = content_load(p, diags);
      for (guint j = 0; c && j < c->docs->len; j++)
        files += ((content_doc *)g_ptr_array_index(c->docs, j))->versions->len;
      content_free(c);
    } else {
      diag_add(diags, DIAG_ERROR, p, 0, 0, "io", "no such file or folder");
    }
  }
  return files;
}

/* newversion: see include/statuut/newversion.h */
#include "statuut/newversion.h"
#include "statuut/content.h"
#include "statuut/fsutil.h"
#include "statuut/version.h"

#include <string.h>

static bool is_key_line(const char *line, const char *key) {
  size_t n = strlen(key);
  return strncmp(line, key, n) == 0 && line[n] == ':';
}

char *newversion_set_keys(const char *src, const char *const *keys, const char *const *values) {
  char **lines = g_strsplit(src, "\n", -1);
  GString *out = g_string_new(NULL);
  int nkeys = 0;
  while (keys[nkeys])
    nkeys++;
  bool *done = g_new0(bool, nkeys);
  bool in_fm = false, fm_over = false;
  for (char **l = lines; *l; l++) {
    if (!fm_over && l == lines && strcmp(*l, "---") == 0) {
      in_fm = true;
    } else if (in_fm && (strcmp(*l, "---") == 0 || strcmp(*l, "...") == 0)) {
      for (int k = 0; k < nkeys; k++)
        if (!done[k]) g_string_append_printf(out, "%s: %s\n", keys[k], values[k]);
      in_fm = false;
      fm_over = true;
    } else if (in_fm) {
      int hit = -1;
      for (int k = 0; k < nkeys; k++)
        if (is_key_line(*l, keys[k])) hit = k;
      if (hit >= 0) {
        g_string_append_printf(out, "%s: %s\n", keys[hit], values[hit]);
        done[hit] = true;
        /* skip the old value's continuation lines (block scalars, lists) */
        while (l[1] && (l[1][0] == ' ' || l[1][0] == '\t' || l[1][0] == '-') &&
               strcmp(l[1], "---") != 0)
          l++;
        continue;
      }
    }
    g_string_append(out, *l);
    if (l[1]) g_string_append_c(out, '\n');
  }
  g_free(done);
  g_strfreev(lines);
  return g_string_free(out, FALSE);
}

char *newversion_create(const char *content_dir, const char *slug, const char *version,
                        const char *today, diag_list *diags) {
  if (!content_slug_valid(slug)) {
    diag_add(diags, DIAG_ERROR, slug, 0, 0, CHECK_NEW,
             "not a document name: use lower-case letters, digits and hyphens");
    return NULL;
  }
  if (!version_valid(version)) {
    diag_add(diags, DIAG_ERROR, version, 0, 0, CHECK_NEW,
             "not a version: use numbers separated by dots, such as 1.1");
    return NULL;
  }
  char *dir = g_build_filename(content_dir, slug, NULL);
  if (!fs_is_dir(dir)) {
    diag_add(diags, DIAG_ERROR, dir, 0, 0, CHECK_NEW,
             "no such document: create its first version by hand, e.g. %s/1.0.md", dir);
    g_free(dir);
    return NULL;
  }
  content_doc *cd = content_load_document(content_dir, slug, diags);
  char *target = NULL;
  const doc *newest =
      cd->versions->len ? g_ptr_array_index(cd->versions, cd->versions->len - 1) : NULL;
  if (!newest) {
    diag_add(diags, DIAG_ERROR, dir, 0, 0, CHECK_NEW, "the document has no valid version to copy");
  } else if (version_cmp(version, newest->meta.version) <= 0) {
    diag_add(diags, DIAG_ERROR, dir, 0, 0, CHECK_NEW,
             "version %s is not newer than the newest version, %s", version, newest->meta.version);
  } else {
    char *name = g_strconcat(version, ".md", NULL);
    char *path = g_build_filename(dir, name, NULL);
    char *err = NULL;
    size_t len;
    char *src = fs_is_file(path) ? NULL : fs_read(newest->path, &len, &err);
    if (fs_is_file(path)) {
      diag_add(diags, DIAG_ERROR, path, 0, 0, CHECK_NEW, "the file exists already");
    } else if (!src) {
      diag_add(diags, DIAG_ERROR, newest->path, 0, 0, CHECK_IO, "%s", err);
    } else {
      char *quoted = g_strdup_printf("\"%s\"", version);
      const char *keys[] = {"version", "date", "status", "summary", NULL};
      const char *values[] = {quoted, today, "concept", "\"\"", NULL};
      char *out = newversion_set_keys(src, keys, values);
      if (fs_write_atomic(path, out, strlen(out), &err))
        target = g_strdup(path);
      else
        diag_add(diags, DIAG_ERROR, path, 0, 0, CHECK_IO, "%s", err);
      g_free(out);
      g_free(quoted);
    }
    g_free(err);
    g_free(src);
    g_free(path);
    g_free(name);
  }
  content_doc_free(cd);
  g_free(dir);
  return target;
}

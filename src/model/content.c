/* content: see include/statuut/content.h */
#include "statuut/content.h"
#include "statuut/fsutil.h"
#include "statuut/version.h"

#include <string.h>
#include <yaml.h>

bool content_slug_valid(const char *s) {
  if (!s || !*s || *s == '-') return false;
  for (const char *p = s; *p; p++) {
    if (g_ascii_islower(*p) || g_ascii_isdigit(*p)) continue;
    if (*p == '-' && p[1] != '-' && p[1] != '\0') continue;
    return false;
  }
  return true;
}

static gint by_version(gconstpointer a, gconstpointer b) {
  const doc *x = *(doc *const *)a, *y = *(doc *const *)b;
  return version_cmp(x->meta.version, y->meta.version);
}

void content_doc_free(gpointer p) {
  content_doc *cd = p;
  g_free(cd->slug);
  for (guint i = 0; i < cd->versions->len; i++)
    doc_free(g_ptr_array_index(cd->versions, i));
  g_ptr_array_free(cd->versions, TRUE);
  g_free(cd);
}

void content_free(content *c) {
  if (!c) return;
  g_ptr_array_free(c->docs, TRUE);
  g_free(c->dir);
  g_free(c->site_title);
  g_free(c->base_url);
  g_free(c);
}

/* site.yaml holds two optional scalars; its problems are reported. */
void content_read_site(const char *dir, char **title, char **base_url, diag_list *diags) {
  char *path = g_build_filename(dir, "site.yaml", NULL);
  char *err = NULL;
  size_t len;
  char *src = fs_is_file(path) ? fs_read(path, &len, &err) : NULL;
  g_free(err);
  *title = NULL;
  *base_url = NULL;
  if (src) {
    meta m;
    meta_parse_mapping(&m, src, len, 1, path, CHECK_SITE, diags);
    const char *t = meta_get(&m, "title"), *u = meta_get(&m, "base_url");
    if (t) *title = g_strdup(t);
    if (u && *u) *base_url = g_str_has_suffix(u, "/") ? g_strdup(u) : g_strconcat(u, "/", NULL);
    meta_clear(&m);
    g_free(src);
  }
  if (!*title) *title = g_strdup("Associatie Wijkteams");
  g_free(path);
}

content_doc *content_load_document(const char *dir, const char *slug, diag_list *diags) {
  char *docdir = g_build_filename(dir, slug, NULL);
  char *err = NULL;
  char **names = fs_list_dir(docdir, &err);
  content_doc *cd = g_new0(content_doc, 1);
  cd->slug = g_strdup(slug);
  cd->versions = g_ptr_array_new();
  if (!names) {
    diag_add(diags, DIAG_ERROR, docdir, 0, 0, CHECK_CONTENT, "%s", err);
    g_free(err);
  }
  for (char **n = names; n && *n; n++) {
    if (!g_str_has_suffix(*n, ".md")) continue;
    char *path = g_build_filename(docdir, *n, NULL);
    char *file_version = g_strndup(*n, strlen(*n) - 3);
    if (!version_valid(file_version)) {
      diag_add(diags, DIAG_ERROR, path, 0, 0, CHECK_CONTENT,
               "file name must be the version followed by .md, such as 1.0.md");
    } else {
      doc *d = doc_load_keyed(path, diags);
      if (d && d->meta.version && strcmp(d->meta.version, file_version) != 0) {
        const meta_field *f = meta_field_get(&d->meta, "version");
        diag_add(diags, DIAG_ERROR, path, f->vline, f->vcol, CHECK_CONTENT,
                 "version '%s' does not match the file name '%s'", d->meta.version, *n);
        doc_free(d);
        d = NULL;
      }
      if (d &&
          (!d->meta.version || !d->meta.date || d->meta.status == STATUS_MAX || !d->meta.title)) {
        doc_free(d); /* already reported: a version without these cannot be placed */
        d = NULL;
      }
      if (d) {
        for (guint i = 0; i < cd->versions->len; i++) {
          doc *o = g_ptr_array_index(cd->versions, i);
          if (version_cmp(o->meta.version, d->meta.version) == 0) {
            diag_add(diags, DIAG_ERROR, path, 0, 0, CHECK_CONTENT,
                     "version %s is also in %s: a version may exist only once", d->meta.version,
                     o->path);
            doc_free(d);
            d = NULL;
            break;
          }
        }
      }
      if (d) g_ptr_array_add(cd->versions, d);
    }
    g_free(file_version);
    g_free(path);
  }
  g_ptr_array_sort(cd->versions, by_version);
  g_strfreev(names);
  g_free(docdir);
  return cd;
}

content *content_load(const char *dir, diag_list *diags) {
  char *err = NULL;
  char **names = fs_list_dir(dir, &err);
  if (!names) {
    diag_add(diags, DIAG_ERROR, dir, 0, 0, CHECK_CONTENT, "cannot read the content folder: %s",
             strchr(err, ':') ? strchr(err, ':') + 2 : err);
    g_free(err);
    return NULL;
  }
  content *c = g_new0(content, 1);
  c->dir = g_strdup(dir);
  c->docs = g_ptr_array_new_with_free_func(content_doc_free);
  content_read_site(dir, &c->site_title, &c->base_url, diags);
  for (char **n = names; *n; n++) {
    char *path = g_build_filename(dir, *n, NULL);
    if (fs_is_dir(path)) {
      if (!content_slug_valid(*n)) {
        diag_add(diags, DIAG_ERROR, path, 0, 0, CHECK_CONTENT,
                 "document folder names are lower-case letters, digits and hyphens");
      } else {
        content_doc *cd = content_load_document(dir, *n, diags);
        if (cd->versions->len)
          g_ptr_array_add(c->docs, cd);
        else
          content_doc_free(cd);
      }
    }
    g_free(path);
  }
  g_strfreev(names);
  return c;
}

const doc *content_newest(const content_doc *cd) {
  return cd->versions->len ? g_ptr_array_index(cd->versions, cd->versions->len - 1) : NULL;
}

const doc *content_latest(const content_doc *cd) {
  for (guint i = cd->versions->len; i > 0; i--) {
    const doc *d = g_ptr_array_index(cd->versions, i - 1);
    if (d->meta.status == STATUS_VASTGESTELD) return d;
  }
  return content_newest(cd);
}

const content_doc *content_find(const content *c, const char *slug) {
  for (guint i = 0; i < c->docs->len; i++) {
    const content_doc *cd = g_ptr_array_index(c->docs, i);
    if (strcmp(cd->slug, slug) == 0) return cd;
  }
  return NULL;
}

const doc *content_current(const content_doc *cd) {
  for (guint i = cd->versions->len; i > 0; i--) {
    const doc *d = g_ptr_array_index(cd->versions, i - 1);
    if (d->meta.status == STATUS_VASTGESTELD) return d;
  }
  return NULL;
}

const doc *content_pending(const content_doc *cd) {
  const doc *cur = content_current(cd), *newest = content_newest(cd);
  if (!newest || newest->meta.status != STATUS_CONCEPT || newest == cur) return NULL;
  return newest;
}

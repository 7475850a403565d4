/* command: see include/statuut/command.h */
#include "statuut/command.h"
#include "statuut/content.h"
#include "statuut/diff.h"
#include "statuut/diffout.h"
#include "statuut/fsutil.h"
#include "statuut/htmlmodule.h"
#include "statuut/since.h"
#include "statuut/text.h"
#include "statuut/version.h"

#include <jansson.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>

/* The site around a document, as site.yaml in the content folder above its
 * folder (content/<slug>/<version>.md) describes it. */
typedef struct {
  char *title;    /* default "Associatie Wijkteams" */
  char *base_url; /* NULL when not given */
} site_info;

static void site_of(const char *md_path, site_info *s, diag_list *diags) {
  char *dir = g_path_get_dirname(md_path);
  char *content_dir = g_path_get_dirname(dir);
  content_read_site(content_dir, &s->title, &s->base_url, diags);
  g_free(content_dir);
  g_free(dir);
}

static void site_clear(site_info *s) {
  g_free(s->title);
  g_free(s->base_url);
}

/* A document a command can render: it parsed, it has no errors, and its
 * front matter has what every renderer shows. NULL otherwise (in diags). */
static doc *load(const char *md_path, diag_list *diags) {
  unsigned before = diag_count(diags, DIAG_ERROR);
  doc *d = doc_load(md_path, diags);
  if (d && (diag_count(diags, DIAG_ERROR) > before || !d->meta.title || !d->meta.version ||
            !d->meta.date || d->meta.status == STATUS_MAX)) {
    doc_free(d);
    d = NULL;
  }
  return d;
}

void command_output_clear(command_output *out) {
  g_free(out->data);
  out->data = NULL;
  out->len = 0;
}

static bool take(command_output *out, char *data, size_t len) {
  out->data = data;
  out->len = data ? len : 0;
  return data != NULL;
}

typedef struct {
  const since_chain *c;
  guint v;
} since_note;

static char *since_note_of(const doc_node *n, void *vctx) {
  const since_note *x = vctx;
  const since_history *h = since_lookup(x->c, x->v, n);
  return h ? since_label(x->c, since_reading(h)) : NULL;
}

/* The text of md_path marked since when each block reads so: its document
 * folder is loaded whole and the version that is md_path found in it. */
static char *text_since(const char *md_path, diag_list *diags, char **err) {
  char *dir = g_path_get_dirname(md_path);
  char *content_dir = g_path_get_dirname(dir), *slug = g_path_get_basename(dir);
  char *s = NULL, *base = g_path_get_basename(md_path);
  char *version = g_str_has_suffix(base, ".md") ? g_strndup(base, strlen(base) - 3) : NULL;
  bool placed = version && version_valid(version) && content_slug_valid(slug);
  g_free(version);
  g_free(base);
  if (!placed) {
    *err = g_strdup_printf("%s: --since needs the file in its document folder, as "
                           "content/<slug>/<version>.md beside the other versions",
                           md_path);
    g_free(slug);
    g_free(content_dir);
    g_free(dir);
    return NULL;
  }
  unsigned before = diag_count(diags, DIAG_ERROR);
  content_doc *cd = content_load_document(content_dir, slug, diags);
  guint v = cd->versions->len;
  for (guint i = 0; i < cd->versions->len; i++)
    if (fs_same_file(((const doc *)g_ptr_array_index(cd->versions, i))->path, md_path)) v = i;
  if (diag_count(diags, DIAG_ERROR) > before) {
    /* reported: a version of the folder does not load */
  } else if (v == cd->versions->len) {
    *err = g_strdup_printf("%s: --since needs the file in its document folder, as "
                           "content/<slug>/<version>.md beside the other versions",
                           md_path);
  } else {
    since_chain *c =
        since_chain_build((const doc *const *)cd->versions->pdata, cd->versions->len, NULL);
    since_note x = {c, v};
    s = text_render_noted(g_ptr_array_index(cd->versions, v), since_note_of, &x);
    since_chain_free(c);
  }
  content_doc_free(cd);
  g_free(slug);
  g_free(content_dir);
  g_free(dir);
  return s;
}

bool command_text(const char *md_path, bool since, command_output *out, diag_list *diags,
                  char **err) {
  if (since) {
    char *s = text_since(md_path, diags, err);
    return take(out, s, s ? strlen(s) : 0);
  }
  doc *d = doc_load(md_path, diags);
  char *s = d && !diag_count(diags, DIAG_ERROR) ? text_render(d) : NULL;
  doc_free(d);
  return take(out, s, s ? strlen(s) : 0);
}

/* The templates and the stylesheet a page alone carries inside. */
static html_templates *page_templates(const html_module *m, const char *dir, char **css,
                                      char **err) {
  html_templates *t = m->templates_load(dir, err);
  char *css_path = g_build_filename(dir, "style.css", NULL);
  *css = t ? fs_read(css_path, NULL, err) : NULL;
  g_free(css_path);
  if (t && !*css) {
    m->templates_free(t);
    t = NULL;
  }
  return t;
}

bool command_html(const char *md_path, const char *templates_dir, command_output *out,
                  diag_list *diags, char **err) {
  const html_module *m = html_module_get(err);
  doc *d = m ? load(md_path, diags) : NULL;
  char *css = NULL, *page = NULL;
  size_t len = 0;
  html_templates *t = d ? page_templates(m, templates_dir, &css, err) : NULL;
  if (t) {
    /* A file in content/<slug>/ belongs to a site: its site-rooted links
     * point to the published site when site.yaml tells where that is. */
    site_info s;
    site_of(md_path, &s, diags);
    html_ctx ctx = {.root = s.base_url, .site_title = s.title, .stylesheet_data = css};
    page = m->page_document(t, d, NULL, &ctx, &len);
    site_clear(&s);
    m->templates_free(t);
  }
  g_free(css);
  doc_free(d);
  return take(out, page, len);
}

bool command_pdf(const char *md_path, pdf_line_numbers lines, int threads, command_output *out,
                 pdf_report *report, diag_list *diags, char **err) {
  doc *d = load(md_path, diags);
  const pdf_module *m = d ? pdf_module_get(err) : NULL;
  pdf_engine *e = m ? m->engine_open(err) : NULL;
  char *pdf = NULL;
  size_t len = 0;
  if (e) {
    site_info s;
    site_of(md_path, &s, diags);
    pdf_options o = {s.base_url, lines, threads};
    pdf = m->render(e, d, &o, &len, report, diags);
    site_clear(&s);
    m->engine_free(e);
  }
  doc_free(d);
  return take(out, pdf, len);
}

/* The JSON diff with, per change, where it stands in the redline PDF whose
 * lines are numbered so: "pdf": {"page": 12, "line": 25} (line null for a
 * note, whose lines are not numbered). The PDF is typeset for it and left.
 * Caller frees; NULL when the PDF could not be made. */
static char *json_with_places(const diff_result *r, pdf_line_numbers lines, int threads,
                              diag_list *diags, char **err) {
  const pdf_module *m = pdf_module_get(err);
  pdf_engine *e = m ? m->engine_open(err) : NULL;
  if (!e) return NULL;
  site_info s;
  site_of(r->new_doc->path, &s, diags);
  pdf_options po = {s.base_url, lines, threads};
  pdf_report rep = {0};
  size_t len = 0;
  char *pdf = m->render_diff(e, r, &po, &len, &rep, diags);
  site_clear(&s);
  m->engine_free(e);
  if (!pdf) {
    if (rep.places) g_array_unref(rep.places);
    return NULL;
  }
  g_free(pdf);
  char *text = diffout_json(r);
  json_t *root = json_loads(text, 0, NULL);
  g_free(text);
  json_object_set_new(root, "line_numbers",
                      json_string(lines == PDF_LINES_CONTINUOUS ? "continuous" : "page"));
  json_t *changes = json_object_get(root, "changes");
  for (size_t i = 0; i < json_array_size(changes); i++) {
    json_t *c = json_array_get(changes, i);
    json_int_t id = json_integer_value(json_object_get(c, "id"));
    for (guint k = 0; rep.places && k < rep.places->len; k++) {
      const pdf_change_place *pl = &g_array_index(rep.places, pdf_change_place, k);
      if (pl->change != id) continue;
      json_object_set_new(c, "pdf",
                          json_pack("{s:i, s:o}", "page", pl->page, "line",
                                    pl->line ? json_integer(pl->line) : json_null()));
      break;
    }
  }
  if (rep.places) g_array_unref(rep.places);
  char *dumped = json_dumps(root, JSON_INDENT(2));
  char *out = g_strconcat(dumped, "\n", NULL);
  free(dumped);
  json_decref(root);
  return out;
}

/* The redline of r in the format asked for. */
static bool render_diff(const diff_result *r, const command_diff_options *o, command_output *out,
                        diag_list *diags, char **err) {
  char *data = NULL;
  size_t len = 0;
  switch (o->format) {
  case COMMAND_DIFF_JSON:
  case COMMAND_DIFF_TEXT:
    if (o->format == COMMAND_DIFF_JSON && o->lines != PDF_LINES_NONE)
      data = json_with_places(r, o->lines, o->threads, diags, err);
    else
      data = o->format == COMMAND_DIFF_JSON ? diffout_json(r) : diffout_text(r, o->color);
    len = data ? strlen(data) : 0;
    break;
  case COMMAND_DIFF_HTML: {
    const html_module *m = html_module_get(err);
    char *css = NULL;
    html_templates *t = m ? page_templates(m, o->templates_dir, &css, err) : NULL;
    if (t) {
      html_ctx ctx = {.site_title = "Associatie Wijkteams", .stylesheet_data = css};
      data = m->page_diff(t, r, &ctx, NULL, NULL, &len);
      m->templates_free(t);
    }
    g_free(css);
    break;
  }
  case COMMAND_DIFF_PDF: {
    const pdf_module *m = pdf_module_get(err);
    pdf_engine *e = m ? m->engine_open(err) : NULL;
    if (e) {
      site_info s;
      site_of(r->new_doc->path, &s, diags);
      pdf_options po = {s.base_url, o->lines, o->threads};
      data = m->render_diff(e, r, &po, &len, NULL, diags);
      site_clear(&s);
      m->engine_free(e);
    }
    break;
  }
  default:
    break;
  }
  return take(out, data, len);
}

bool command_diff(const char *old_path, const char *new_path, const command_diff_options *o,
                  command_output *out, bool *differs, diag_list *diags, char **err) {
  doc *old_doc = doc_load(old_path, diags), *new_doc = doc_load(new_path, diags);
  bool ok = false;
  *differs = false;
  if (old_doc && new_doc && !diag_count(diags, DIAG_ERROR)) {
    diff_result *r = diff_docs(old_doc, new_doc);
    /* The diff's working memory (the parses, tokens, alignment) is free now
     * but still resident, in holes of the heap the output does not fill:
     * given back before the output is drawn, it is not counted twice (the
     * HTML of two 5 MB files peaked 40 MB higher). */
    malloc_trim(0);
    ok = render_diff(r, o, out, diags, err);
    *differs = diff_any(r);
    diff_free(r);
  }
  doc_free(old_doc);
  doc_free(new_doc);
  return ok;
}

bool command_version_paths(const char *content_dir, const char *slug, const char *a, const char *b,
                           char **old_path, char **new_path, char **err) {
  *old_path = *new_path = NULL;
  if (!content_slug_valid(slug)) {
    *err = g_strdup_printf("'%s' is not a document name: use lower-case letters, digits and "
                           "hyphens",
                           slug);
    return false;
  }
  const char *v[2] = {a, b};
  for (int i = 0; i < 2; i++) {
    if (!version_valid(v[i])) {
      *err = g_strdup_printf("invalid version '%s': expected numbers separated by dots, such as "
                             "1.0 or 1.0.1",
                             v[i]);
      return false;
    }
  }
  *old_path = g_strdup_printf("%s/%s/%s.md", content_dir, slug, a);
  *new_path = g_strdup_printf("%s/%s/%s.md", content_dir, slug, b);
  return true;
}

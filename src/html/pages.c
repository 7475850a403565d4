/* pages: whole HTML pages from templates (see include/statuut/html.h).
 *
 * Every page is base.html with the <body> content of its page template put
 * into base's data-slot="main". Slots are then filled, conditions evaluated,
 * links set, the vocabulary's attributes removed, and the page serialised. */
#include "statuut/html.h"
#include "page.h"

#include "statuut/siteurl.h"
#include "statuut/version.h"

#include <stdlib.h>
#include <string.h>

/* Slots each template may use; the first of each list is required. */
static const char *const base_slots[] = {"main", "page-title", "site-title", NULL};
static const char *const document_slots[] = {"body", "previous-version", "toc",      "footnotes",
                                             "date", "status",           "versions", "newer",
                                             "lead", "version-bar",      "compare",  NULL};
static const char *const history_slots[] = {"history", "doc-title", "compare", NULL};
static const char *const index_slots[] = {"documents", NULL};
static const char *const diff_slots[] = {
    "document",     "summary",   "metadata",    "sections",    "footnotes", "changes",
    "side-by-side", "doc-title", "old-version", "new-version", NULL};
static const char *const hrefs[] = {"root", "canonical", "history", "latest",
                                    "diff", "pdf",       "search",  NULL};

static bool in(const char *const *list, const char *s) {
  for (int i = 0; list[i]; i++)
    if (strcmp(list[i], s) == 0) return true;
  return false;
}

/* What of a page template goes into base.html's main: the children of its
 * <body>, or the whole file when it is a fragment (no <html>). Returns the
 * <body>, or NULL for a fragment. */
static xmlNodePtr template_body(const tpl *t) {
  xmlNodePtr b = xmlDocGetRootElement(t->doc);
  for (; b; b = b->next)
    if (b->type == XML_ELEMENT_NODE && xmlStrcmp(b->name, (const xmlChar *)"html") == 0) break;
  if (!b) return NULL;
  for (b = b->children; b && xmlStrcmp(b->name, (const xmlChar *)"body") != 0; b = b->next) {
  }
  return b;
}

/* Checks a template's vocabulary once, at load time, so that a typo in a
 * slot name is an error naming the file and the slot, not an empty page. */
static char *check_vocabulary(const tpl *t, const char *const *slots, bool is_page) {
  xmlNodePtr root = xmlDocGetRootElement(t->doc);
  char *err = NULL;
  GPtrArray *els = tpl_find_attr(root, "data-slot");
  for (guint i = 0; i < els->len && !err; i++) {
    xmlChar *v = xmlGetProp(g_ptr_array_index(els, i), (const xmlChar *)"data-slot");
    if (!in(slots, (const char *)v) && !in(base_slots + 1, (const char *)v))
      err = g_strdup_printf("%s:%ld: unknown slot '%s' (this template knows: %s%s%s%s%s)", t->path,
                            (long)xmlGetLineNo(g_ptr_array_index(els, i)), v, slots[0],
                            slots[1] ? ", " : "", slots[1] ? slots[1] : "",
                            slots[1] && slots[2] ? ", ..." : "", "");
    xmlFree(v);
  }
  g_ptr_array_free(els, TRUE);
  /* A page template's required slot must be where page_open takes the
   * page from: inside <body>, not in <head>. */
  xmlNodePtr where = is_page ? template_body(t) : NULL;
  if (!err && !tpl_find_slot(where ? where : root, slots[0]))
    err = g_strdup_printf("%s: missing slot '%s' (an element with data-slot=\"%s\"%s)", t->path,
                          slots[0], slots[0], where ? " inside <body>" : "");
  els = tpl_find_attr(root, "data-href");
  for (guint i = 0; i < els->len && !err; i++) {
    xmlChar *v = xmlGetProp(g_ptr_array_index(els, i), (const xmlChar *)"data-href");
    if (!in(hrefs, (const char *)v) && strncmp((const char *)v, "asset:", 6) != 0)
      err = g_strdup_printf("%s:%ld: unknown data-href '%s' (root, canonical, history, latest, "
                            "pdf, asset:FILE)",
                            t->path, (long)xmlGetLineNo(g_ptr_array_index(els, i)), v);
    xmlFree(v);
  }
  g_ptr_array_free(els, TRUE);
  return err;
}

html_templates *html_templates_load(const char *dir, char **err) {
  html_templates *t = g_new0(html_templates, 1);
  t->dir = g_strdup(dir);
  struct {
    tpl **slot;
    const char *file;
    const char *const *slots;
  } files[] = {{&t->base, "base.html", base_slots},
               {&t->document, "document.html", document_slots},
               {&t->history, "history.html", history_slots},
               {&t->index, "index.html", index_slots},
               {&t->diff, "diff.html", diff_slots}};
  for (size_t i = 0; i < G_N_ELEMENTS(files); i++) {
    char *path = g_build_filename(dir, files[i].file, NULL);
    *files[i].slot = tpl_load(path, err);
    g_free(path);
    if (!*files[i].slot || (*err = check_vocabulary(*files[i].slot, files[i].slots, i > 0))) {
      html_templates_free(t);
      return NULL;
    }
  }
  return t;
}

void html_templates_free(html_templates *t) {
  if (!t) return;
  tpl_free(t->base);
  tpl_free(t->document);
  tpl_free(t->history);
  tpl_free(t->index);
  tpl_free(t->diff);
  g_free(t->dir);
  g_free(t);
}

/* ---- page assembly ---- */

void page_open(page *p, const html_templates *t, const tpl *body, const html_ctx *ctx) {
  p->doc = tpl_instance(t->base);
  p->root = xmlDocGetRootElement(p->doc);
  p->ctx = ctx;
  xmlNodePtr main = tpl_find_slot(p->root, "main");
  tpl_clear(main);
  if (!body) return; /* the caller fills main itself */
  xmlNodePtr src = xmlDocGetRootElement(body->doc);
  /* the page template's <body> children; a template that is just a fragment
   * (no <html>) is used whole */
  xmlNodePtr b = template_body(body);
  xmlNodePtr from = b ? b->children : src;
  for (xmlNodePtr c = from; c; c = b ? c->next : NULL)
    xmlAddChild(main, xmlDocCopyNode(c, p->doc, 1));
}

void page_fill_text(page *p, const char *slot, const char *text) {
  xmlNodePtr el = tpl_find_slot(p->root, slot);
  if (!el) return;
  tpl_clear(el);
  html_text(el, text);
}

/* Removes an element and the line break after it, so that a removed optional
 * element leaves no blank line in the page. */
void page_remove(xmlNodePtr el) {
  xmlNodePtr next = el->next;
  if (next && xmlNodeIsText(next) && xmlIsBlankNode(next)) {
    xmlUnlinkNode(next);
    xmlFreeNode(next);
  }
  xmlUnlinkNode(el);
  xmlFreeNode(el);
}

char *page_root_href(const html_ctx *ctx, const char *path) {
  return g_strconcat(ctx->root ? ctx->root : "", path, NULL);
}

/* The link from the page to the index (URL_INDEX) or to an asset. */
static char *site_href(const html_ctx *ctx, url_kind k, const char *asset) {
  char *file = url_file(k, NULL, asset, NULL);
  char *href = page_root_href(ctx, file);
  g_free(file);
  return href;
}

/* What page_close does before it serialises: evaluates data-if, data-meta
 * and data-href, then removes the vocabulary.
 * Each list is handled last element first: an element may sit inside another
 * that is removed or emptied, and document order puts descendants after their
 * ancestors, so the inner one is done before the outer one frees it. */
static void page_finish(page *p, const meta *m, page_cond_fn cond, const void *arg,
                        const page_links *links) {
  static const page_links none = {0};
  if (!links) links = &none;
  GPtrArray *els = tpl_find_attr(p->root, "data-if");
  for (guint i = els->len; i-- > 0;) {
    xmlNodePtr el = g_ptr_array_index(els, i);
    xmlChar *v = xmlGetProp(el, (const xmlChar *)"data-if");
    const char *c = (const char *)v;
    bool neg = c[0] == '!';
    if (neg) c++;
    const char *mv = m ? meta_get(m, c) : NULL;
    bool hold = (cond && cond(c, arg)) || (mv && *mv);
    if (hold == neg) page_remove(el);
    xmlFree(v);
  }
  g_ptr_array_free(els, TRUE);

  els = tpl_find_attr(p->root, "data-meta");
  for (guint i = els->len; i-- > 0;) {
    xmlNodePtr el = g_ptr_array_index(els, i);
    xmlChar *key = xmlGetProp(el, (const xmlChar *)"data-meta");
    const meta_field *f = m ? meta_field_get(m, (const char *)key) : NULL;
    if (!f || (f->value && !*f->value) || (f->items && !f->items->len)) {
      page_remove(el);
    } else {
      tpl_clear(el);
      if (f->value) {
        html_text(el, f->value);
      } else {
        GString *joined = g_string_new(NULL);
        for (guint j = 0; j < f->items->len; j++)
          g_string_append_printf(joined, "%s%s", j ? ", " : "",
                                 (char *)g_ptr_array_index(f->items, j));
        html_text(el, joined->str);
        g_string_free(joined, TRUE);
      }
    }
    xmlFree(key);
  }
  g_ptr_array_free(els, TRUE);

  els = tpl_find_attr(p->root, "data-href");
  for (guint i = els->len; i-- > 0;) {
    xmlNodePtr el = g_ptr_array_index(els, i);
    xmlChar *v = xmlGetProp(el, (const xmlChar *)"data-href");
    const char *what = (const char *)v;
    char *href = NULL;
    if (strcmp(what, "root") == 0)
      href = site_href(p->ctx, URL_INDEX, NULL);
    else if (strcmp(what, "canonical") == 0)
      href = g_strdup(p->ctx->canonical);
    else if (strcmp(what, "diff") == 0 && links->diff)
      href = page_root_href(p->ctx, links->diff);
    else if (strcmp(what, "history") == 0 && links->history)
      href = page_root_href(p->ctx, links->history);
    else if (strcmp(what, "latest") == 0 && links->latest)
      href = page_root_href(p->ctx, links->latest);
    else if (strcmp(what, "search") == 0 && p->ctx->search)
      href = site_href(p->ctx, URL_SEARCH, NULL);
    else if (strcmp(what, "pdf") == 0 && links->pdf)
      href = page_root_href(p->ctx, links->pdf);
    else if (strncmp(what, "asset:", 6) == 0 && p->ctx->root)
      href = site_href(p->ctx, URL_ASSET, what + 6);
    else if (strcmp(what, "asset:style.css") == 0 && p->ctx->stylesheet_data)
      href = NULL;
    if (strncmp(what, "asset:", 6) == 0 && p->ctx->stylesheet_data && strstr(what, ".css")) {
      /* A standalone page carries its stylesheet as a data: URL, which needs
       * no escaping rules of <style> and no file beside the page. */
      gchar *b64 =
          g_base64_encode((const guchar *)p->ctx->stylesheet_data, strlen(p->ctx->stylesheet_data));
      g_free(href);
      href = g_strconcat("data:text/css;base64,", b64, NULL);
      g_free(b64);
    }
    /* a form goes where its action says; everything else, its href */
    const char *attr = xmlStrcmp(el->name, (const xmlChar *)"form") == 0 ? "action" : "href";
    if (href)
      xmlSetProp(el, (const xmlChar *)attr, (const xmlChar *)href);
    else
      page_remove(el); /* a link with nowhere to go (no canonical URL, no site) */
    g_free(href);
    xmlFree(v);
  }
  g_ptr_array_free(els, TRUE);

  tpl_strip(p->root);
}

char *page_close(page *p, const meta *m, page_cond_fn cond, const void *arg,
                 const page_links *links, size_t *len) {
  page_finish(p, m, cond, arg, links);
  char *out = tpl_serialize(p->doc, len);
  xmlFreeDoc(p->doc);
  return out;
}

/* The marker of a deferred slot, "<!--statuut:slot:NAME-->" once written. */
#define SLOT_MARK "statuut:slot:"

void page_defer_slot(page *p, xmlNodePtr slot, const char *name) {
  tpl_clear(slot);
  char *mark = g_strconcat(SLOT_MARK, name, NULL);
  xmlAddChild(slot, xmlNewDocComment(p->doc, (const xmlChar *)mark));
  g_free(mark);
}

char *page_close_streamed(page *p, const meta *m, page_cond_fn cond, const void *arg,
                          const page_links *links, page_fill_fn fill, void *fill_arg, size_t *len) {
  page_finish(p, m, cond, arg, links);
  /* The page around the deferred slots, written first; a slot that a
   * condition removed has no marker left, and is not filled. */
  size_t frame_len;
  char *frame = tpl_serialize(p->doc, &frame_len);
  tpl_stream *out = tpl_stream_new();
  const char *at = frame, *end = frame + frame_len;
  for (const char *mark; (mark = strstr(at, "<!--" SLOT_MARK));) {
    tpl_stream_raw(out, at, (size_t)(mark - at));
    const char *name = mark + strlen("<!--" SLOT_MARK), *close = strstr(name, "-->");
    char *slot = g_strndup(name, (gsize)(close - name));
    fill(p, out, slot, fill_arg);
    g_free(slot);
    at = close + 3;
  }
  tpl_stream_raw(out, at, (size_t)(end - at));
  g_free(frame);
  xmlFreeDoc(p->doc);
  return tpl_stream_finish(out, len);
}

xmlNodePtr page_time(xmlNodePtr parent, const char *iso) {
  xmlNodePtr t = html_el(parent, "time", NULL);
  xmlSetProp(t, (const xmlChar *)"datetime", (const xmlChar *)iso);
  char *text = date_dutch(iso);
  html_text(t, text);
  g_free(text);
  return t;
}

void page_link(xmlNodePtr parent, const html_ctx *ctx, const char *path, const char *text) {
  xmlNodePtr a = html_el(parent, "a", NULL);
  char *href = page_root_href(ctx, path);
  xmlSetProp(a, (const xmlChar *)"href", (const xmlChar *)href);
  g_free(href);
  html_text(a, text);
}

char *page_title(const char *what, const html_ctx *ctx) {
  return g_strdup_printf("%s \xe2\x80\x94 %s", what, ctx->site_title);
}

/* ---- search filters ---- */

/* What a page is to the search (Pagefind's filter "soort"): the page
 * searched by default is the version in force, or the newest when none is
 * vastgesteld yet. */
#define SEARCH_CURRENT "Geldende versies"
static const char *search_kind(const doc *d, const content_doc *cd) {
  const doc *cur = content_current(cd);
  if (d == (cur ? cur : content_newest(cd))) return SEARCH_CURRENT;
  if (d->meta.status == STATUS_CONCEPT) return "Concepten";
  return "Oudere versies";
}

void page_search_filter(page *p, const char *kind) {
  GPtrArray *els = tpl_find_attr(p->root, "data-pagefind-body");
  char *v = g_strconcat("soort:", kind, NULL);
  for (guint i = 0; i < els->len; i++)
    xmlSetProp(g_ptr_array_index(els, i), (const xmlChar *)"data-pagefind-filter",
               (const xmlChar *)v);
  g_free(v);
  g_ptr_array_free(els, TRUE);
}

/* The skip link ("Direct naar de tekst") of the page goes to el, the start
 * of the text itself, past the version bar and the table of contents; el
 * takes the focus (tabindex -1), as a skip link must move it. */
static void skip_to(page *p, xmlNodePtr el) {
  GPtrArray *links = tpl_find_attr(p->root, "href");
  for (guint i = 0; i < links->len; i++) {
    xmlNodePtr a = g_ptr_array_index(links, i);
    xmlChar *cls = xmlGetProp(a, (const xmlChar *)"class");
    bool skip = cls && xmlStrcmp(cls, (const xmlChar *)"naar-inhoud") == 0;
    xmlFree(cls);
    if (!skip) continue;
    xmlSetProp(el, (const xmlChar *)"id", (const xmlChar *)"tekst");
    xmlSetProp(el, (const xmlChar *)"tabindex", (const xmlChar *)"-1");
    xmlSetProp(a, (const xmlChar *)"href", (const xmlChar *)"#tekst");
  }
  g_ptr_array_free(links, TRUE);
}

/* ---- document page ---- */

typedef struct {
  const doc *d;
  const content_doc *cd;
} doc_cond;

/* The version before d in the document's history, or NULL. */
static const doc *previous_version(const content_doc *cd, const doc *d) {
  for (guint i = 1; i < cd->versions->len; i++)
    if (g_ptr_array_index(cd->versions, i) == d) return g_ptr_array_index(cd->versions, i - 1);
  return NULL;
}

/* The newest vastgesteld version when it is newer than d, else NULL. */
static const doc *newer_fixed(const content_doc *cd, const doc *d) {
  const doc *l = content_latest(cd);
  return l && l->meta.status == STATUS_VASTGESTELD &&
                 version_cmp(l->meta.version, d->meta.version) > 0
             ? l
             : NULL;
}

static bool document_cond(const char *c, const void *arg) {
  const doc_cond *x = arg;
  const doc *d = x->d;
  if (strcmp(c, "concept") == 0) return d->meta.status == STATUS_CONCEPT;
  if (strcmp(c, "vastgesteld") == 0) return d->meta.status == STATUS_VASTGESTELD;
  if (strcmp(c, "vervallen") == 0) return d->meta.status == STATUS_VERVALLEN;
  if (strcmp(c, "footnotes") == 0) return d->footnotes->len > 0;
  if (strcmp(c, "site") == 0) return x->cd != NULL;
  if (strcmp(c, "newer") == 0) return x->cd && newer_fixed(x->cd, d);
  if (strcmp(c, "previous") == 0) return x->cd && previous_version(x->cd, d);
  if (strcmp(c, "others") == 0) return x->cd && x->cd->versions->len > 1;
  if (strcmp(c, "lead") == 0) {
    char *lead = meta_lead(&d->meta);
    g_free(lead);
    return lead != NULL;
  }
  return false;
}

char *html_page_document(const html_templates *t, const doc *d, const content_doc *cd,
                         const html_ctx *ctx, size_t *len) {
  page p;
  page_open(&p, t, t->document, ctx);
  char *title = g_strdup_printf("%s %s", d->meta.title, d->meta.version);
  char *full = page_title(title, ctx);
  page_fill_text(&p, "page-title", full);
  g_free(full);
  g_free(title);
  page_fill_text(&p, "site-title", ctx->site_title);

  xmlNodePtr el;
  if ((el = tpl_find_slot(p.root, "body"))) {
    tpl_clear(el);
    /* the notes beside the text on a wide screen, in place on a narrow
     * one; the list at the end stays */
    html_ctx body_ctx = *ctx;
    if (!ctx->no_ids) body_ctx.side_notes = d;
    html_render_body(el, d, &body_ctx);
    skip_to(&p, el);
  }
  if ((el = tpl_find_slot(p.root, "toc"))) {
    tpl_clear(el);
    html_render_toc(el, d);
  }
  if ((el = tpl_find_slot(p.root, "footnotes"))) {
    tpl_clear(el);
    html_render_footnotes(el, d, ctx);
  }
  if ((el = tpl_find_slot(p.root, "date"))) {
    tpl_clear(el);
    page_time(el, d->meta.date);
  }
  page_fill_text(&p, "status", status_name(d->meta.status));
  char *lead = meta_lead(&d->meta);
  if (lead) page_fill_text(&p, "lead", lead);
  g_free(lead);
  if ((el = tpl_find_slot(p.root, "version-bar"))) {
    tpl_clear(el);
    if (cd) orient_version_bar(el, d, cd, ctx);
  }
  if ((el = tpl_find_slot(p.root, "compare"))) {
    tpl_clear(el);
    if (cd) orient_compare(el, d, cd, ctx);
  }

  char *history = NULL, *latest = NULL, *pdf = NULL;
  const doc *newest_fixed = cd ? newer_fixed(cd, d) : NULL;
  if (cd) {
    history = url_file(URL_HISTORY, cd->slug, NULL, NULL);
    latest = url_file(URL_LATEST, cd->slug, NULL, NULL);
    if (!ctx->no_pdf) pdf = url_file(URL_PDF, cd->slug, d->meta.version, NULL);
  }
  if ((el = tpl_find_slot(p.root, "versions"))) {
    tpl_clear(el);
    if (cd) {
      xmlNodePtr ul = html_el(el, "ul", NULL);
      for (guint i = cd->versions->len; i > 0; i--) {
        const doc *v = g_ptr_array_index(cd->versions, i - 1);
        xmlNodePtr li = html_el(ul, "li", NULL);
        char *label = g_strdup_printf("Versie %s", v->meta.version);
        if (v == d) {
          xmlNodePtr cur = html_el(li, "strong", NULL);
          xmlSetProp(cur, (const xmlChar *)"aria-current", (const xmlChar *)"page");
          html_text(cur, label);
        } else {
          char *path = url_file(URL_VERSION, cd->slug, v->meta.version, NULL);
          page_link(li, ctx, path, label);
          g_free(path);
        }
        html_text(li, " \xc2\xb7 ");
        page_time(li, v->meta.date);
        html_text(li, " \xc2\xb7 ");
        html_text(li, status_name(v->meta.status));
        g_free(label);
      }
    }
  }
  if ((el = tpl_find_slot(p.root, "newer")) && newest_fixed) {
    tpl_clear(el);
    char *path = url_file(URL_VERSION, cd->slug, newest_fixed->meta.version, NULL);
    char *label = g_strdup_printf("versie %s", newest_fixed->meta.version);
    page_link(el, ctx, path, label);
    g_free(label);
    g_free(path);
  }
  doc_cond dc = {d, cd};
  char *diff = NULL;
  const doc *prev = cd ? previous_version(cd, d) : NULL;
  if (prev) diff = url_file(URL_DIFF, cd->slug, prev->meta.version, d->meta.version);
  if ((el = tpl_find_slot(p.root, "previous-version"))) {
    tpl_clear(el);
    if (prev) html_text(el, prev->meta.version);
  }
  page_links links = {history, latest, diff, pdf};
  if (ctx->search && cd) page_search_filter(&p, search_kind(d, cd));
  char *out = page_close(&p, &d->meta, document_cond, &dc, &links, len);
  g_free(diff);
  g_free(pdf);
  g_free(history);
  g_free(latest);
  return out;
}

/* ---- version history ---- */

static bool history_cond(const char *c, const void *arg) {
  const content_doc *cd = arg;
  return strcmp(c, "others") == 0 && cd->versions->len > 1;
}

char *html_page_history(const html_templates *t, const content_doc *cd, const html_ctx *ctx,
                        size_t *len) {
  page p;
  const doc *newest = content_newest(cd);
  page_open(&p, t, t->history, ctx);
  char *title = g_strdup_printf("%s: versies", newest->meta.title);
  char *full = page_title(title, ctx);
  page_fill_text(&p, "page-title", full);
  page_fill_text(&p, "site-title", ctx->site_title);
  page_fill_text(&p, "doc-title", newest->meta.title);
  g_free(full);
  g_free(title);

  xmlNodePtr el = tpl_find_slot(p.root, "history");
  tpl_clear(el);
  /* The slot is a <tbody> or any container: rows go in a table of their own
   * unless the slot already is part of one. */
  xmlNodePtr rows = el;
  if (xmlStrcmp(el->name, (const xmlChar *)"tbody") != 0 &&
      xmlStrcmp(el->name, (const xmlChar *)"table") != 0) {
    xmlNodePtr table = html_el(el, "table", "versies");
    xmlNodePtr head = html_el(html_el(table, "thead", NULL), "tr", NULL);
    const char *cols[] = {"Versie", "Datum", "Status", "Samenvatting", "Wijzigingen"};
    for (int i = 0; i < 5; i++) {
      xmlNodePtr th = html_el(head, "th", NULL);
      xmlSetProp(th, (const xmlChar *)"scope", (const xmlChar *)"col");
      html_text(th, cols[i]);
    }
    rows = html_el(table, "tbody", NULL);
  }
  for (guint i = cd->versions->len; i > 0; i--) {
    const doc *v = g_ptr_array_index(cd->versions, i - 1);
    xmlNodePtr tr = html_el(rows, "tr", v->meta.status == STATUS_CONCEPT ? "concept" : NULL);
    xmlNodePtr th = html_el(tr, "th", NULL);
    xmlSetProp(th, (const xmlChar *)"scope", (const xmlChar *)"row");
    char *path = url_file(URL_VERSION, cd->slug, v->meta.version, NULL);
    char *label = g_strdup_printf("Versie %s", v->meta.version);
    page_link(th, ctx, path, label);
    g_free(label);
    g_free(path);
    /* each cell names its column, for the stacked rows of a narrow screen */
    static const char *const labels[] = {"Datum", "Status", "Samenvatting", "Wijzigingen"};
    xmlNodePtr cell[4];
    for (int c = 0; c < 4; c++) {
      cell[c] = html_el(tr, "td", NULL);
      xmlSetProp(cell[c], (const xmlChar *)"data-label", (const xmlChar *)labels[c]);
    }
    page_time(cell[0], v->meta.date);
    html_text(cell[1], status_name(v->meta.status));
    html_text(cell[2], v->meta.summary ? v->meta.summary : "");
    xmlNodePtr changes = cell[3];
    /* The redline against the version before, then against each older
     * one: any two versions can be compared from here. */
    for (guint k = i - 1; k > 0; k--) {
      const doc *old = g_ptr_array_index(cd->versions, k - 1);
      char *diff = url_file(URL_DIFF, cd->slug, old->meta.version, v->meta.version);
      char *text = k == i - 1 ? g_strdup_printf("ten opzichte van %s", old->meta.version)
                              : g_strdup(old->meta.version);
      if (k != i - 1) html_text(changes, " \xc2\xb7 ");
      page_link(changes, ctx, diff, text);
      g_free(text);
      g_free(diff);
    }
  }
  if ((el = tpl_find_slot(p.root, "compare"))) {
    tpl_clear(el);
    orient_compare_form(el, NULL, cd, ctx);
  }
  char *latest = url_file(URL_LATEST, cd->slug, NULL, NULL);
  char *history = url_file(URL_HISTORY, cd->slug, NULL, NULL);
  page_links links = {.history = history, .latest = latest};
  char *out = page_close(&p, &newest->meta, history_cond, cd, &links, len);
  g_free(history);
  g_free(latest);
  return out;
}

/* ---- index ---- */

char *html_page_index(const html_templates *t, const content *c, const html_ctx *ctx, size_t *len) {
  page p;
  page_open(&p, t, t->index, ctx);
  page_fill_text(&p, "page-title", ctx->site_title);
  page_fill_text(&p, "site-title", ctx->site_title);
  xmlNodePtr el = tpl_find_slot(p.root, "documents");
  tpl_clear(el);
  xmlNodePtr ul =
      xmlStrcmp(el->name, (const xmlChar *)"ul") == 0 ? el : html_el(el, "ul", "documenten");
  for (guint i = 0; i < c->docs->len; i++) {
    const content_doc *cd = g_ptr_array_index(c->docs, i);
    const doc *d = content_latest(cd);
    xmlNodePtr li = html_el(ul, "li", NULL);
    xmlNodePtr h = html_el(li, "h2", NULL);
    char *path = url_file(URL_LATEST, cd->slug, NULL, NULL);
    page_link(h, ctx, path, d->meta.title);
    g_free(path);
    if (d->meta.subtitle) html_text(html_el(li, "p", "ondertitel"), d->meta.subtitle);
    xmlNodePtr info = html_el(li, "p", "gegevens");
    char *label = g_strdup_printf("Versie %s, ", d->meta.version);
    html_text(info, label);
    g_free(label);
    page_time(info, d->meta.date);
    html_text(info, " \xc2\xb7 ");
    char *hist = url_file(URL_HISTORY, cd->slug, NULL, NULL);
    char *n = g_strdup_printf(cd->versions->len == 1 ? "%u versie" : "alle %u versies",
                              cd->versions->len);
    page_link(info, ctx, hist, n);
    g_free(n);
    g_free(hist);
    /* When it last changed, and what is coming. */
    const doc *newest = content_newest(cd), *pending = content_pending(cd);
    xmlNodePtr when = html_el(li, "p", "gewijzigd");
    html_text(when, "Laatst gewijzigd: ");
    page_time(when, newest->meta.date);
    if (pending) {
      char *text = g_strdup_printf("Er ligt een concept voor versie %s", pending->meta.version);
      char *where = url_file(URL_VERSION, cd->slug, pending->meta.version, NULL);
      page_link(html_el(li, "p", "concept-komt"), ctx, where, text);
      g_free(where);
      g_free(text);
    }
  }
  return page_close(&p, NULL, NULL, NULL, NULL, len);
}

/* ---- search ---- */

char *html_page_search(const html_templates *t, const html_ctx *ctx, size_t *len) {
  page p;
  page_open(&p, t, NULL, ctx);
  char *title = page_title("Zoeken", ctx);
  page_fill_text(&p, "page-title", title);
  g_free(title);
  page_fill_text(&p, "site-title", ctx->site_title);
  xmlNodePtr main = tpl_find_slot(p.root, "main");
  xmlNodePtr art = html_el(main, "article", "zoeken");
  html_text(html_el(art, "h1", NULL), "Zoeken in alle documenten");
  html_text(html_el(art, "p", NULL),
            "Zoek in de geldende versies, de concepten, oudere versies en de wijzigingen.");
  /* Where to search: one kind at a time, the versions in force first.
   * Pagefind's own filter panel combines ticked values of one filter with
   * "and" (a page is of one kind), so the page offers a choice instead and
   * hands it to Pagefind (the script below); the panel is hidden. */
  xmlNodePtr kinds = html_el(art, "fieldset", "zoek-soort");
  html_text(html_el(kinds, "legend", NULL), "Zoek in");
  static const char *const choices[][2] = {{SEARCH_CURRENT, "de geldende versies"},
                                           {"", "alles"},
                                           {"Concepten", "de concepten"},
                                           {"Oudere versies", "oudere versies"},
                                           {"Wijzigingen", "de wijzigingen"}};
  for (size_t i = 0; i < G_N_ELEMENTS(choices); i++) {
    xmlNodePtr label = html_el(kinds, "label", NULL);
    xmlNodePtr radio = html_el(label, "input", NULL);
    xmlSetProp(radio, (const xmlChar *)"type", (const xmlChar *)"radio");
    xmlSetProp(radio, (const xmlChar *)"name", (const xmlChar *)"soort");
    xmlSetProp(radio, (const xmlChar *)"value", (const xmlChar *)choices[i][0]);
    if (i == 0) xmlSetProp(radio, (const xmlChar *)"checked", (const xmlChar *)"checked");
    html_text(label, " ");
    html_text(label, choices[i][1]);
  }
  /* One index per document (the build's URL_SEARCH_INDEX), merged here;
   * the first one's carries Pagefind's interface. The box names them in an
   * attribute, as folders relative to this page, for the script below. */
  GString *indexes = g_string_new(NULL);
  char *first = NULL;
  for (guint i = 0; ctx->site && i < ctx->site->docs->len; i++) {
    const content_doc *cd = g_ptr_array_index(ctx->site->docs, i);
    char *dir = url_dir(URL_SEARCH_INDEX, cd->slug, NULL, NULL);
    g_string_append_printf(indexes, "%s%s%s", i ? " " : "", ctx->root, dir);
    if (!first) first = g_strconcat(ctx->root, dir, NULL);
    g_free(dir);
  }
  if (!first) first = g_strdup(ctx->root);
  xmlNodePtr box = html_el(art, "div", "zoekvak");
  xmlSetProp(box, (const xmlChar *)"id", (const xmlChar *)"zoekvak");
  xmlSetProp(box, (const xmlChar *)"data-indexen", (const xmlChar *)indexes->str);
  g_string_free(indexes, TRUE);
  xmlNodePtr no = html_el(art, "noscript", NULL);
  html_text(no, "Zoeken vraagt JavaScript. Alle documenten staan ook op de beginpagina.");
  /* Pagefind's own interface over the indexes the build wrote beside it;
   * the script text holds no character that would need escaping in HTML. */
  char *ui_css = g_strconcat(first, "pagefind-ui.css", NULL);
  char *ui_js = g_strconcat(first, "pagefind-ui.js", NULL);
  xmlNodePtr css = html_el(art, "link", NULL);
  xmlSetProp(css, (const xmlChar *)"rel", (const xmlChar *)"stylesheet");
  xmlSetProp(css, (const xmlChar *)"href", (const xmlChar *)ui_css);
  xmlNodePtr js = html_el(art, "script", NULL);
  xmlSetProp(js, (const xmlChar *)"src", (const xmlChar *)ui_js);
  html_text(js, "");
  g_free(ui_css);
  g_free(ui_js);
  g_free(first);
  /* The versions in force first (the filter "soort" set to them), the
   * others a click away; a query from the box of another page (?q=) is
   * searched at once. No images: the pages have none worth showing, and
   * their empty column took a third of a phone's width from the results.
   * The indexes are named by their paths from the host: Pagefind fetches
   * them from its worker, where a relative URL would not be this page's.
   * Merged indexes share the first one's WebAssembly: a reader loads it
   * once. */
  html_text(html_el(art, "script", NULL),
            "window.addEventListener('DOMContentLoaded', function () {"
            " var box = document.getElementById('zoekvak');"
            " var at = box.getAttribute('data-indexen').split(' ').map(function (d) {"
            " return new URL(d, document.baseURI).pathname; });"
            " var ui = new PagefindUI({ element: '#zoekvak', bundlePath: at[0],"
            " mergeIndex: at.slice(1).map(function (d) { return { bundlePath: d }; }),"
            " showSubResults: true, showImages: false,"
            " translations: { placeholder: 'Zoek in de documenten' } });"
            " function kind() { var r = document.querySelector('.zoek-soort input:checked');"
            " var f = {}; if (r) { if (r.value) f = { soort: [r.value] }; }"
            " ui.triggerFilters(f); }"
            " document.querySelectorAll('.zoek-soort input').forEach(function (r) {"
            " r.addEventListener('change', kind); });"
            " kind();"
            " var q = new URLSearchParams(window.location.search).get('q');"
            " if (q) ui.triggerSearch(q); });");
  return page_close(&p, NULL, NULL, NULL, NULL, len);
}

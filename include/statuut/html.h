/* html: the document model drawn as HTML, as libxml2 DOM nodes.
 *
 * The renderer builds nodes in the page's xmlDoc; text is always inserted as
 * text nodes, so nothing from the content is ever parsed as markup. Pages
 * (document, history, index) are made by filling templates with these nodes. */
#ifndef STATUUT_HTML_H
#define STATUUT_HTML_H

#include "statuut/content.h"
#include "statuut/diff.h"
#include "statuut/diag.h"
#include "statuut/doc.h"
#include "statuut/template.h"

/* How a page refers to the rest of the site. */
typedef struct {
  const char *root;       /* relative path from the page to the site root: "", "../", "../../" */
  const char *canonical;  /* absolute URL of the page, or NULL */
  const char *site_title; /* e.g. "Associatie Wijkteams" */
  const content *site;    /* to resolve and list other documents and versions; may be NULL */
  const char *stylesheet_data; /* non-NULL: inline this CSS (standalone pages) */
  bool no_ids;                 /* a second view of blocks already on the page: no id attributes */
} html_ctx;

/* DOM helpers: a new element (class may be NULL) or text node appended to parent. */
xmlNodePtr html_el(xmlNodePtr parent, const char *name, const char *cls);
xmlNodePtr html_text(xmlNodePtr parent, const char *text);

/* The href for a link of the content as seen from the page of ctx (see
 * render.c). Caller frees. */
char *html_resolve_link(const char *url, const html_ctx *ctx);

/* The body blocks of the document, appended to `parent`. Site-rooted links
 * ("/slug/", "/slug/1.0/#id") are made relative to ctx->root. */
void html_render_body(xmlNodePtr parent, const doc *d, const html_ctx *ctx);
/* The footnotes as an ordered list with back links, appended to parent. */
void html_render_footnotes(xmlNodePtr parent, const doc *d, const html_ctx *ctx);
/* One block with what it holds, as it appears in the document, appended to
 * parent; a list item alone gets a list around it (keeping its number or
 * letter), a table row a table, a footnote its number. */
void html_render_block(xmlNodePtr parent, const doc_node *n, const html_ctx *ctx);
/* A nested list of links to the headings, appended to parent. */
void html_render_toc(xmlNodePtr parent, const doc *d);

/* The templates of a site. */
typedef struct {
  tpl *base, *document, *history, *index, *diff;
  char *dir;
} html_templates;

/* Loads base.html, document.html, history.html, index.html and diff.html from dir.
 * Returns NULL with *err set (caller frees) when one is missing or broken. */
html_templates *html_templates_load(const char *dir, char **err);
void html_templates_free(html_templates *t);

/* Where `build` puts a version's PDF, relative to the site root:
 * "<slug>/<version>/<slug>-<version>.pdf". Caller frees. */
char *html_pdf_path(const char *slug, const char *version);

/* Where `build` puts the redline of two versions as PDF, beside its page:
 * "<slug>/verschil/<old>-<new>/<slug>-wijzigingen-<old>-<new>.pdf". Caller
 * frees. */
char *html_diff_pdf_path(const char *slug, const char *old_version, const char *new_version);

/* Whole pages. Each returns the serialised HTML; the caller frees it with
 * g_free. They cannot fail: html_templates_load checked the templates. */
char *html_page_document(const html_templates *t, const doc *d, const content_doc *cd,
                         const html_ctx *ctx, size_t *len);
char *html_page_history(const html_templates *t, const content_doc *cd, const html_ctx *ctx,
                        size_t *len);
/* The redline page of a diff; history is the document's history page and
 * pdf the redline's PDF (relative to the site root), each or NULL. */
char *html_page_diff(const html_templates *t, const diff_result *r, const html_ctx *ctx,
                     const char *history, const char *pdf, size_t *len);
char *html_page_index(const html_templates *t, const content *c, const html_ctx *ctx, size_t *len);

/* `statuut html`: one Markdown file as a page that stands alone (no site
 * around it, the stylesheet inside). Problems go to diags; returns NULL when
 * the file has errors or *err is set (templates). Caller frees. */
char *html_standalone(const char *md_path, const char *templates_dir, diag_list *diags, size_t *len,
                      char **err);

/* `statuut diff --format html`: a standalone redline page through
 * templates/diff.html. Returns NULL with *err set (caller frees) when the
 * templates cannot be used. Caller frees. */
char *html_diff_page(const diff_result *r, const char *templates_dir, size_t *len, char **err);

#endif

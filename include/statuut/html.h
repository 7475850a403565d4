/* html: the document model drawn as HTML, as libxml2 DOM nodes.
 *
 * The renderer builds nodes in the page's xmlDoc; text is always inserted as
 * text nodes, so nothing from the content is ever parsed as markup. Pages
 * (document, history, index) are made by filling templates with these nodes. */
#ifndef STATUUT_HTML_H
#define STATUUT_HTML_H

#include "statuut/htmlmodule.h"
#include "statuut/template.h"

/* DOM helpers: a new element (class may be NULL) or text node appended to parent. */
xmlNodePtr html_el(xmlNodePtr parent, const char *name, const char *cls);
xmlNodePtr html_text(xmlNodePtr parent, const char *text);
/* A line break in parent's source unless parent's last text ends one:
 * blocks stand on lines of their own. */
void html_line_break(xmlNodePtr parent);

/* The href for a link of the content as seen from the page of ctx (see
 * render.c). Caller frees. */
char *html_resolve_link(const char *url, const html_ctx *ctx);

/* The body blocks of the document, appended to `parent`. Site-rooted links
 * ("/slug/", "/slug/1.0/#id") are made relative to ctx->root. */
void html_render_body(xmlNodePtr parent, const doc *d, const html_ctx *ctx);
/* One block of the body (a child of d->root) as html_render_body draws it:
 * the body is these in order, then a line break. */
void html_render_body_block(xmlNodePtr parent, const doc_node *block, const html_ctx *ctx);
/* The footnotes as an ordered list with back links, appended to parent. */
void html_render_footnotes(xmlNodePtr parent, const doc *d, const html_ctx *ctx);
/* One block with what it holds, as it appears in the document, appended to
 * parent; a list item alone gets a list around it (keeping its number or
 * letter), a table row a table, a footnote its number. */
void html_render_block(xmlNodePtr parent, const doc_node *n, const html_ctx *ctx);
/* The since-when mark of block n (since.h), appended to parent, when
 * ctx->since gives n a history on a version after the first: a margin mark
 * that opens (a <details>) on the passage's history, each step linked to
 * its change in its redline. Nothing otherwise. */
void html_since_mark(xmlNodePtr parent, const doc_node *n, const html_ctx *ctx);

/* A nested list of links to the headings, appended to parent. */
void html_render_toc(xmlNodePtr parent, const doc *d);

/* The templates of a site. */
struct html_templates {
  tpl *base, *document, *history, *index, *diff;
  char *dir;
};

/* Loads base.html, document.html, history.html, index.html and diff.html from dir.
 * Returns NULL with *err set (caller frees) when one is missing or broken. */
html_templates *html_templates_load(const char *dir, char **err);
void html_templates_free(html_templates *t);

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
char *html_page_search(const html_templates *t, const html_ctx *ctx, size_t *len);

/* sitemap.xml and feed.xml (htmlmodule.h). */
char *html_sitemap(const char *const *urls, size_t n, size_t *len);
char *html_feed(const content *c, size_t *len);

#endif

/* htmlmodule: the HTML pages as the module statuut-html.so exports them (see
 * module.h). This header is all the binary knows of them: plain C types and
 * the model, nothing of libxml2 (the Makefile compiles the binary without
 * its include path, so a heavy include here fails the build). The module's
 * inside is html.h and template.h.
 *
 * The module only renders: it is handed document models, a diff model or
 * the content, and returns serialised pages. It reads no Markdown and
 * writes no file; which pages a site has and where they go is the build's
 * (site.h), with the URL scheme of siteurl.h. */
#ifndef STATUUT_HTMLMODULE_H
#define STATUUT_HTMLMODULE_H

#include "statuut/content.h"
#include "statuut/diff.h"
#include "statuut/module.h"
#include "statuut/since.h"

/* The templates of base.html, document.html, history.html, index.html and
 * diff.html, parsed and checked. */
typedef struct html_templates html_templates;

/* How a page refers to the rest of the site. */
typedef struct {
  const char *root;            /* relative path from the page to the site root: "", "../", "../../";
                                  for a page outside a site the published site's URL, or NULL */
  const char *canonical;       /* absolute URL of the page, or NULL */
  const char *site_title;      /* e.g. "Associatie Wijkteams" */
  const content *site;         /* to resolve and list other documents and versions; may be NULL */
  const char *stylesheet_data; /* non-NULL: inline this CSS (standalone pages) */
  bool no_ids;                 /* a second view of blocks already on the page: no id attributes */
  bool search;                 /* the site has a search index (Pagefind) and its page */
  bool no_permalinks;          /* no '¶' links to headings, points and notes (the redline) */
  bool no_pdf;                 /* the site has no PDFs (build --no-pdf): no link to one */
  /* Since when each passage reads as it does (a version page of a site):
   * the chain of the document's versions, the index of this one in it, and
   * the document's slug for the links to the redlines. since NULL: none. */
  const since_chain *since;
  guint since_version;
  const char *slug;
  /* Side notes: the document whose notes stand beside their references
   * (html_page_document sets it for the body; NULL: references only). */
  const doc *side_notes;
} html_ctx;

typedef struct {
  module_header header;
  /* NULL with *err set (caller frees, naming the file, the line and the
   * slot) when a template is missing or broken. */
  html_templates *(*templates_load)(const char *dir, char **err);
  void (*templates_free)(html_templates *t);
  /* Whole pages. Each returns the serialised HTML (caller frees with
   * g_free) and its length; they cannot fail once the templates loaded.
   * A version; cd is its document in a site, or NULL for a page alone. */
  char *(*page_document)(const html_templates *t, const doc *d, const content_doc *cd,
                         const html_ctx *ctx, size_t *len);
  char *(*page_history)(const html_templates *t, const content_doc *cd, const html_ctx *ctx,
                        size_t *len);
  /* A redline; history and pdf (relative to the site root) may be NULL. */
  char *(*page_diff)(const html_templates *t, const diff_result *r, const html_ctx *ctx,
                     const char *history, const char *pdf, size_t *len);
  char *(*page_index)(const html_templates *t, const content *c, const html_ctx *ctx, size_t *len);
  /* The search page: Pagefind's search box over the site's index. */
  char *(*page_search)(const html_templates *t, const html_ctx *ctx, size_t *len);
  /* sitemap.xml of n absolute URLs; feed.xml, an Atom entry per published
   * version of c. Caller frees. */
  char *(*sitemap)(const char *const *urls, size_t n, size_t *len);
  char *(*feed)(const content *c, size_t *len);
} html_module;

/* The pages, loading the module on the first call; NULL with *err set
 * (caller frees) when it cannot be loaded. */
static inline const html_module *html_module_get(char **err) {
  return module_load("statuut-html.so", "statuut_html_module", sizeof(html_module), err);
}

#endif

/* page: assembling one HTML page from templates; private to src/html/.
 *
 * A page is base.html with the <body> content of a page template put into
 * base's data-slot="main" (page_open). Callers fill slots, then page_close
 * evaluates data-if, data-meta and data-href, removes the vocabulary and
 * serialises. */
#ifndef STATUUT_HTML_PAGE_H
#define STATUUT_HTML_PAGE_H

#include "statuut/html.h"

typedef bool (*page_cond_fn)(const char *cond, const void *arg);

typedef struct {
  xmlDocPtr doc;
  xmlNodePtr root;
  const html_ctx *ctx;
} page;

void page_open(page *p, const html_templates *t, const tpl *body, const html_ctx *ctx);
/* Replaces a slot's content by text; nothing when the template lacks it. */
void page_fill_text(page *p, const char *slot, const char *text);
/* Targets of data-href, relative to the site root; NULL where a page has
 * none (the element is then removed). */
typedef struct {
  const char *history; /* the document's version history */
  const char *latest;  /* the version at latest/ */
  const char *diff;    /* what changed since the previous version */
  const char *pdf;     /* the version's PDF */
} page_links;

/* Frees the page's document; returns the serialised page (caller frees). */
char *page_close(page *p, const meta *m, page_cond_fn cond, const void *arg,
                 const page_links *links, size_t *len);
/* A page whose large slots are written piece by piece (tpl_stream), so
 * that it never stands whole as a DOM: page_defer_slot leaves the slot
 * empty but for a marker; page_close_streamed does what page_close does,
 * then writes the page, and where a deferred slot stands calls fill, which
 * streams the slot's content into out (nodes made in p->doc, not linked
 * into the page). The result is the same text page_close would give with
 * that content in the slots. */
typedef void (*page_fill_fn)(page *p, tpl_stream *out, const char *slot, void *arg);
void page_defer_slot(page *p, xmlNodePtr slot, const char *name);
char *page_close_streamed(page *p, const meta *m, page_cond_fn cond, const void *arg,
                          const page_links *links, page_fill_fn fill, void *fill_arg, size_t *len);
void page_remove(xmlNodePtr el);
char *page_root_href(const html_ctx *ctx, const char *path);
xmlNodePtr page_time(xmlNodePtr parent, const char *iso);
void page_link(xmlNodePtr parent, const html_ctx *ctx, const char *path, const char *text);
char *page_title(const char *what, const html_ctx *ctx);
/* Puts the search filter "soort" (Pagefind) with value kind on the part of
 * the page that is indexed: "Geldende versies" (searched by default),
 * "Concepten", "Oudere versies", "Wijzigingen". */
void page_search_filter(page *p, const char *kind);

/* Where the reader stands (orient.c): the version bar of version d of cd,
 * and the list of its redlines against every other version, appended to
 * slot. */
void orient_version_bar(xmlNodePtr slot, const doc *d, const content_doc *cd, const html_ctx *ctx);
void orient_compare(xmlNodePtr slot, const doc *d, const content_doc *cd, const html_ctx *ctx);
/* The "Vergelijk" control: two versions to pick and a button that opens
 * their redline. It is hidden until the site's small script (vergelijk.js)
 * shows it: without a script the lists of links do the same. d is the
 * version of the page (picked first), or NULL on the history. */
void orient_compare_form(xmlNodePtr slot, const doc *d, const content_doc *cd, const html_ctx *ctx);

#endif

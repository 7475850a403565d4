/* content: the content folder, a set of documents each with its versions.
 *
 *   content/<slug>/<version>.md
 *   content/site.yaml            (optional: site title and base URL)
 *
 * Loading parses every version once into a doc, checks that the front matter's
 * version equals the file name and that no version appears twice, and orders
 * documents by slug and versions numerically. */
#ifndef STATUUT_CONTENT_H
#define STATUUT_CONTENT_H

#include "statuut/doc.h"

typedef struct {
  char *slug;
  GPtrArray *versions; /* of doc*, oldest first, owned */
} content_doc;

typedef struct {
  char *dir;
  char *site_title; /* from site.yaml `title`, default "Associatie Wijkteams" */
  char *base_url;   /* from site.yaml `base_url`, always ending in '/', may be NULL */
  GPtrArray *docs;  /* of content_doc*, by slug, owned */
} content;

/* Loads the content folder. Problems go to diags; files that cannot be parsed
 * at all are left out. Returns NULL (reason in diags) when dir is unreadable. */
content *content_load(const char *dir, diag_list *diags);
void content_free(content *c);

/* Loads one document folder dir/slug alone, with the same checks. Free with
 * content_doc_free. */
content_doc *content_load_document(const char *dir, const char *slug, diag_list *diags);
void content_doc_free(gpointer cd);

/* Reads dir/site.yaml: the site's title (default "Associatie Wijkteams") and
 * base URL (NULL when not set; else ending in '/'). Caller frees both. */
void content_read_site(const char *dir, char **title, char **base_url, diag_list *diags);

/* True when s is a valid document slug: lower-case ASCII letters, digits and
 * single hyphens. */
bool content_slug_valid(const char *s);

/* The version shown at <slug>/latest/: the newest vastgesteld version, or the
 * newest version when none is vastgesteld. */
const doc *content_latest(const content_doc *cd);
const doc *content_newest(const content_doc *cd);

/* The version in force: the newest vastgesteld one, or NULL when none is. */
const doc *content_current(const content_doc *cd);

/* A concept newer than the version in force (the newest such), or NULL:
 * what members are told is coming. */
const doc *content_pending(const content_doc *cd);

const content_doc *content_find(const content *c, const char *slug);

#endif

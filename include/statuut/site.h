/* site: `statuut build`, the whole website from a content folder.
 *
 *   index.html, manifest.json, sitemap.xml, feed.xml, the templates' assets
 *   <slug>/index.html                 version history
 *   <slug>/<version>/index.html       a version
 *   <slug>/latest/index.html          the newest vastgesteld version
 *
 * The site is written to a staging folder beside `out` and swapped in only when
 * every page was written: a failed build leaves the previous site untouched.
 * The output depends on the input only (no clock, not the number of worker
 * processes), so two builds are identical. */
#ifndef STATUUT_SITE_H
#define STATUUT_SITE_H

#include "statuut/diag.h"
#include <stdbool.h>

/* What a build has to make and what it has made so far. Pages are every HTML
 * page (versions, latest/, histories, the index, redlines, the search page),
 * PDFs every PDF (versions and redlines), redlines every compared pair (its
 * page, and for some its PDF); a document is done when all its pages and
 * PDFs are. */
typedef struct {
  unsigned documents, documents_done;
  unsigned pages, pages_done;
  unsigned pdfs, pdfs_done;
  unsigned redlines, redlines_done;
  unsigned cached; /* outputs placed from the cache instead of made (pages, PDFs, search indexes) */
} site_progress;

/* Called by site_build, in the process that started it, after each piece of
 * work is done (and once before the first), with the counts so far. */
typedef void (*site_progress_fn)(const site_progress *p, void *ctx);

typedef struct {
  const char *content_dir;
  const char *templates_dir;
  const char *out_dir;
  /* Pagefind, which indexes the staged site for its search page; NULL or a
   * file that is not there: the site is built without search. */
  const char *pagefind;
  bool *searchable; /* set to whether the site has search; may be NULL */
  /* The web fonts (WOFF2) copied into the site's fonts/, which the
   * stylesheet names; NULL or a folder without them: the pages fall back
   * to the reader's fonts. */
  const char *fonts;
  bool *webfonts; /* set to whether the site has them; may be NULL */
  /* How many worker processes make the versions and the redlines (each
   * version's page and PDF, each redline's page and PDF), forked once the
   * content is loaded and checked; 1: all in this process; 0: one per
   * online core. The site is the same whatever the number. */
  unsigned jobs;
  site_progress_fn progress; /* may be NULL */
  void *progress_ctx;
  /* The cache of pages and PDFs (cache.h): each output keyed by all it is
   * made from and reused when the key is there; NULL: none. The site is
   * the same with or without it. */
  const char *cache_dir;
  bool no_pdf; /* the pages only: no PDFs, and no links to them in manifest.json */
} site_options;

/* Where `make` installs Pagefind, beside the binary in build/
 * (STATUUT_PAGEFIND names another). Caller frees. */
char *site_pagefind_path(void);

/* Where `make` puts the web fonts, build/fonts beside the binary
 * (STATUUT_FONTS names another folder). Caller frees. */
char *site_fonts_path(void);

/* Returns true when the site was built; problems go to diags (errors stop the
 * build, warnings do not). *err is set for failures that have no position in
 * the content (templates, file system); caller frees. */
bool site_build(const site_options *o, diag_list *diags, char **err);

#endif

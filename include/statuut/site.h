/* site: `statuut build`, the whole website from a content folder.
 *
 *   index.html, manifest.json, sitemap.xml, feed.xml, the templates' assets
 *   <slug>/index.html                 version history
 *   <slug>/<version>/index.html       a version
 *   <slug>/latest/index.html          the newest vastgesteld version
 *
 * The site is written to a staging folder beside `out` and swapped in only when
 * every page was written: a failed build leaves the previous site untouched.
 * The output depends on the input only (no clock), so two builds are identical. */
#ifndef STATUUT_SITE_H
#define STATUUT_SITE_H

#include "statuut/diag.h"
#include <stdbool.h>

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

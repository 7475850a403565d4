/* siteurl: the site's URL scheme, in one table.
 *
 *   index.html                                            URL_INDEX
 *   <slug>/                                               URL_HISTORY    versions of a document
 *   <slug>/<a>/                                           URL_VERSION    one version
 *   <slug>/latest/                                        URL_LATEST     the version shown as
 * current <slug>/verschil/<a>-<b>/                              URL_DIFF       the redline of a and
 * b <slug>/<a>/<slug>-<a>.pdf                             URL_PDF        a version as PDF
 *   <slug>/verschil/<a>-<b>/<slug>-wijzigingen-<a>-<b>.pdf URL_DIFF_PDF  the redline as PDF
 *   <a>                                                   URL_ASSET      a file copied from
 * templates/
 *   zoeken/                                               URL_SEARCH     the search page
 *   pagefind/<slug>/                                      URL_SEARCH_INDEX  a document's
 *                                                         search index (a folder)
 *
 * Every path is relative to the site root. The build writes to these paths,
 * pages link to them, the manifest and the sitemap list them, and check
 * resolves the content's site-rooted links ("/slug/1.0/#id") with them: a
 * change of scheme is a change of this table only. */
#ifndef STATUUT_SITEURL_H
#define STATUUT_SITEURL_H

#include <stdbool.h>

typedef enum {
  URL_INDEX,
  URL_HISTORY,
  URL_VERSION,
  URL_LATEST,
  URL_DIFF,
  URL_PDF,
  URL_DIFF_PDF,
  URL_ASSET,
  URL_SEARCH,
  URL_SEARCH_INDEX,
  URL_KIND_MAX
} url_kind;

/* Where a page stands, as its canonical URL and the sitemap name it: the
 * folder for a page ("kwaliteitsstatuut/1.0/", "" for the index), the path
 * for a file. slug, a and b as the table needs them (NULL otherwise).
 * Caller frees. */
char *url_dir(url_kind k, const char *slug, const char *a, const char *b);

/* The file to write and link: a page's index.html, or the file itself.
 * Caller frees. */
char *url_file(url_kind k, const char *slug, const char *a, const char *b);

/* The way back from a page of kind k to the site root: "", "../", ... */
const char *url_root(url_kind k);

/* A site-rooted link written in the content, taken apart:
 *   "/"                       URL_INDEX
 *   "/slug/", "/slug/latest/" URL_LATEST   (slug)
 *   "/slug/1.0/"              URL_VERSION  (slug, version)
 *   "/images/logo.png"        URL_ASSET    (a file of the site)
 * anything else is URL_KIND_MAX (a folder that is no page, or a path that
 * does not end in '/' and names no file). */
typedef struct {
  url_kind kind;
  char *path;           /* without the leading '/' and the fragment; owned */
  char *slug, *version; /* owned, NULL where the kind has none */
  const char *fragment; /* after '#' in the parsed URL, or NULL */
  bool folder;          /* the path ends in '/' */
  int parts;            /* non-empty path segments */
} url_link;

/* Parses url when it is site-rooted ("/..." but not "//host"); returns
 * false (out untouched) otherwise. Clear with url_link_clear. */
bool url_link_parse(const char *url, url_link *out);
void url_link_clear(url_link *l);

/* The file a parsed link points at, relative to the site root. Caller frees. */
char *url_link_file(const url_link *l);

/* True when a link of the content may be followed as written: a URL of one
 * of the schemes http, https, mailto and tel (in any case), a site-rooted
 * or relative path, or a fragment ("#id"). Anything else (javascript:,
 * vbscript:, data:, file:, an unknown scheme) could run a script or open
 * what a reader did not ask for, and is never written into a page or a
 * PDF. The scheme is read as a browser reads it: control characters and
 * spaces before it are skipped, tabs and line breaks inside it ignored.
 * cmark-gfm has already decoded entities and backslash escapes. */
bool url_is_safe(const char *url);

/* The schemes url_is_safe allows, for messages: "http, https, mailto, tel". */
extern const char url_safe_schemes[];

#endif

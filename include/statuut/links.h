/* links: the links of a document, checked before a reader clicks them.
 *
 * Check name "links":
 * - Site links are written from the site root: "/" (the index), "/slug/" (the
 *   version at latest/), "/slug/latest/", "/slug/VERSION/", each optionally
 *   with "#id"; "#id" alone is an id of the document itself. The document,
 *   version and id must exist (error). Ids are those of headings, numbered
 *   and lettered points, notes ("fn-label", "fnref-label") and the page's own
 *   ("inhoud", "voetnoten", "versies", "top").
 * - External URLs must be well-formed (error): a known scheme (http, https,
 *   mailto, ftp, tel), a host name with a dot, valid %-escapes, a valid
 *   port, no spaces; a link that is neither rooted nor absolute
 *   ("www.x.nl", "pagina.html") does not work on the site.
 * - The same URL written two ways in one document (http/https, "www.",
 *   case of the host, a trailing '/', %-escapes of plain characters), or two
 *   URLs one or two characters apart that are not numbered variants of each
 *   other, are probably one link mistyped once (warning).
 * A link's position is that of its text. */
#ifndef STATUUT_LINKS_H
#define STATUUT_LINKS_H

#include "statuut/content.h"
#include "statuut/diag.h"
#include "statuut/doc.h"

/* Checks the links of d. `site` is the content d belongs to, used to resolve
 * links to other documents; NULL when there is none (then only "#id" links
 * and the external ones are checked). */
void links_check(const doc *d, const content *site, diag_list *out);

/* A URL in the form used to compare two writings of it: lower-case scheme and
 * host, https for http, no "www.", no default port, no trailing '/', plain
 * characters unescaped. Caller frees. */
char *links_normal_form(const char *url);

/* NULL when url is a well-formed external URL, else why not. Caller frees. */
char *links_url_problem(const char *url);

#endif

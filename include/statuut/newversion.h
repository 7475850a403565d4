/* newversion: `statuut new`, starting the next version of a document.
 *
 * The newest version's file is copied to <content>/<slug>/<version>.md with
 * version, date and status (concept) rewritten in its front matter and the
 * summary emptied for the editor to fill in. Everything else, comments and
 * unknown keys included, is kept as written. */
#ifndef STATUUT_NEWVERSION_H
#define STATUUT_NEWVERSION_H

#include "statuut/diag.h"
#include <stdbool.h>

/* today is "YYYY-MM-DD". Returns the new file's path (caller frees), or NULL
 * with the reason in diags. */
char *newversion_create(const char *content_dir, const char *slug, const char *version,
                        const char *today, diag_list *diags);

/* Front matter of src with the top-level keys in `keys` set to `values` (YAML
 * text as written), replacing each key's line and its indented continuation
 * lines, or adding the key before the closing '---'. Caller frees. Exposed for
 * tests. */
char *newversion_set_keys(const char *src, const char *const *keys, const char *const *values);

#endif

/* slug: stable, readable ids for headings and points.
 *
 * An id is derived from text only, so the same heading gets the same id in
 * every version of a document and links into old versions keep working. */
#ifndef STATUUT_SLUG_H
#define STATUUT_SLUG_H

#include <glib.h>

/* Lower-case ASCII slug of UTF-8 text: diacritics folded (é -> e), runs of
 * anything but letters and digits become one '-', no leading or trailing '-'.
 * A leading section number ("1.", "4.2 ") is dropped so that renumbering a
 * chapter does not change its id. Returns "sectie" for text with no letters or
 * digits. The caller frees the result. */
char *slug_from_text(const char *text);

/* A set of ids already used in one document. */
typedef struct {
  GHashTable *used; /* ids handed out: a set of char* */
  GHashTable *next; /* base -> the first suffix not yet tried (GINT): a base
                       repeated n times costs n lookups, not n^2 / 2 */
} slug_set;

void slug_set_init(slug_set *s);
void slug_set_clear(slug_set *s);

/* Returns base, or base-2, base-3 ... whichever is not used yet, and marks it
 * used. The caller frees the result. */
char *slug_unique(slug_set *s, const char *base);

#endif

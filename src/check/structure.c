/* structure: see include/statuut/structure.h */
#include "statuut/structure.h"
#include "statuut/slug.h"

#include <string.h>

/* The ids the page itself uses (see doc.c); a heading cannot have them. */
static const char *const page_ids[] = {"inhoud", "voetnoten", "versies", "top", NULL};

static const char *hashes(int level) {
  static const char marks[] = "######";
  return marks + 6 - (level < 1 ? 1 : level > 6 ? 6 : level);
}

void structure_check(const doc *d, diag_list *out) {
  GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  int prev = 0;
  /* Headings are blocks of the body itself; one inside a quote or a list
   * item is not part of the outline. */
  for (const doc_node *h = d->root->first; h; h = h->next) {
    if (h->type != DOC_HEADING) continue;
    if (h->level > prev + 1 && prev)
      diag_add(out, DIAG_WARNING, d->path, h->line, h->col, CHECK_STRUCTURE,
               "heading level skips from '%s' to '%s'", hashes(prev), hashes(h->level));
    else if (h->level > 1 && !prev)
      diag_add(out, DIAG_WARNING, d->path, h->line, h->col, CHECK_STRUCTURE,
               "the first heading is '%s': the document's sections start at '#'", hashes(h->level));
    prev = h->level;

    const doc_node *next = h->next;
    if (!next || (next->type == DOC_HEADING && next->level <= h->level))
      diag_add(out, DIAG_WARNING, d->path, h->line, h->col, CHECK_STRUCTURE, "empty section: %s",
               next ? "the next heading follows directly" : "nothing follows the heading");

    char *text = doc_node_plain_text(h);
    char *base = slug_from_text(text);
    bool reserved = false;
    for (int i = 0; page_ids[i]; i++)
      reserved = reserved || strcmp(page_ids[i], base) == 0;
    gpointer first = g_hash_table_lookup(seen, base);
    if (reserved)
      diag_add(out, DIAG_WARNING, d->path, h->line, h->col, CHECK_STRUCTURE,
               "heading id '%s' is used by the page itself: the anchor becomes '%s'", base, h->id);
    else if (first)
      diag_add(out, DIAG_WARNING, d->path, h->line, h->col, CHECK_STRUCTURE,
               "heading id '%s' is also the id of the heading on line %d: the anchor becomes '%s'",
               base, GPOINTER_TO_INT(first), h->id);
    if (!first && !reserved)
      g_hash_table_insert(seen, base, GINT_TO_POINTER(h->line));
    else
      g_free(base);
    g_free(text);
  }
  g_hash_table_destroy(seen);
}

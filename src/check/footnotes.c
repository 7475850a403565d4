/* footnotes: see include/statuut/footnotes.h */
#include "statuut/footnotes.h"

#include <string.h>

typedef struct {
  const doc *d;
  diag_list *out;
  GHashTable *first; /* label -> line of the first reference; labels are borrowed */
} notes_ctx;

static void refs_cb(doc_node *n, bool entering, void *vctx) {
  notes_ctx *x = vctx;
  if (!entering || n->type != DOC_FOOTNOTE_REF) return;
  gpointer line = g_hash_table_lookup(x->first, n->label);
  if (!line) {
    g_hash_table_insert(x->first, n->label, GINT_TO_POINTER(n->line));
    return;
  }
  diag_add(x->out, DIAG_WARNING, x->d->path, n->line, n->col, CHECK_FOOTNOTES,
           "footnote [^%s] is referenced more than once (first on line %d)", n->label,
           GPOINTER_TO_INT(line));
}

void footnotes_check(const doc *d, diag_list *out) {
  notes_ctx x = {d, out, g_hash_table_new(g_str_hash, g_str_equal)};
  /* Body first, then the notes: the order in which the model numbers them. */
  doc_walk(d->root, refs_cb, &x);
  for (guint i = 0; i < d->footnotes->len; i++)
    doc_walk(g_ptr_array_index(d->footnotes, i), refs_cb, &x);
  for (guint i = 0; i < d->footnotes->len; i++) {
    doc_node *f = g_ptr_array_index(d->footnotes, i);
    char *text = doc_node_plain_text(f);
    bool empty = !*g_strstrip(text);
    /* An image or a line break alone is not text, but it is content. */
    for (doc_node *c = f->first; c && empty; c = c->next)
      empty = c->type == DOC_PARAGRAPH && !c->first;
    if (empty)
      diag_add(out, DIAG_ERROR, d->path, f->line, f->col, CHECK_FOOTNOTES,
               "footnote [^%s] is empty", f->label);
    g_free(text);
  }
  g_hash_table_destroy(x.first);
}

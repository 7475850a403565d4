/* order: the changes and the side-by-side rows in reading order.
 *
 * A reader meets the changes in the order of the redline (body, then
 * notes), not in the order the stages found them: the changes are numbered
 * that way and their numbers written on their redline nodes; the rows are
 * laid out the same way, with every unchanged block of the new version
 * between them. */
#include "stages.h"

typedef struct {
  GHashTable *by_node; /* redline node -> change */
  GPtrArray *ordered;
  int next;
} order_ctx;

static void order_cb(doc_node *n, bool entering, void *vctx) {
  order_ctx *o = vctx;
  if (!entering) return;
  diff_change *ch = g_hash_table_lookup(o->by_node, n);
  if (!ch) return;
  if (!ch->id) {
    ch->id = ++o->next;
    g_ptr_array_add(o->ordered, ch);
  }
  n->change = ch->id;
}

/* Numbers the changes in the order a reader meets them in the redline, and
 * writes the number on their nodes (links between the two places of a move,
 * previous/next navigation). */
void order_changes(diff_ctx *c) {
  diff_result *r = c->r;
  order_ctx o = {g_hash_table_new(g_direct_hash, g_direct_equal), g_ptr_array_new(), 0};
  for (guint i = 0; i < r->changes->len; i++) {
    diff_change *ch = g_ptr_array_index(r->changes, i);
    if (ch->red) g_hash_table_insert(o.by_node, ch->red, ch);
    if (ch->red_from) g_hash_table_insert(o.by_node, ch->red_from, ch);
  }
  doc_walk(r->redline->root, order_cb, &o);
  for (guint i = 0; i < r->redline->footnotes->len; i++)
    doc_walk(g_ptr_array_index(r->redline->footnotes, i), order_cb, &o);
  /* anything not reached (cannot happen, but never lose a change) */
  for (guint i = 0; i < r->changes->len; i++) {
    diff_change *ch = g_ptr_array_index(r->changes, i);
    if (!ch->id) {
      ch->id = ++o.next;
      g_ptr_array_add(o.ordered, ch);
    }
  }
  g_ptr_array_set_free_func(o.ordered, diff_change_free);
  g_ptr_array_set_free_func(r->changes, NULL);
  g_ptr_array_free(r->changes, TRUE);
  r->changes = o.ordered;
  g_hash_table_destroy(o.by_node);
}

/* The side-by-side rows: every block of the new version in order, the old
 * blocks that are gone at the place they stood, each beside its
 * counterpart. Built from the redline's reading order. */
typedef struct {
  diff_ctx *c;
  GHashTable *new_of_red; /* redline node -> new unit */
  GHashTable *row_of_change;
  GPtrArray *rows;
  GHashTable *placed; /* rows already in `rows` */
} rows_ctx;

static void rows_cb(doc_node *n, bool entering, void *vctx) {
  rows_ctx *x = vctx;
  if (!entering) return;
  unit *b = g_hash_table_lookup(x->new_of_red, n);
  if (b && b->second) {
    /* the second half of a split paragraph: beside nothing, with what it
     * gained (its deletions stand in the old block's row) */
    diff_row *row = g_new0(diff_row, 1);
    row->new_block = b->node;
    row->new_view = doc_node_copy(n, NULL);
    for (doc_node *k = row->new_view->first, *next; k; k = next) {
      next = k->next;
      if (k->mark == MARK_DELETE) doc_node_free(k);
    }
    row->new_view->mark = MARK_NONE;
    row->new_view->change = 0;
    diff_mark_tree(row->new_view);
    g_ptr_array_add(x->rows, row);
    return;
  }
  if (b && b->state == U_SAME) {
    diff_row *row = g_new0(diff_row, 1);
    row->old_block = ((unit *)g_ptr_array_index(x->c->old_units, b->match))->node;
    row->new_block = b->node;
    g_ptr_array_add(x->rows, row);
    return;
  }
  if (n->change && (n->mark != MARK_NONE)) {
    diff_row *row = g_hash_table_lookup(x->row_of_change, GINT_TO_POINTER(n->change));
    if (row && !g_hash_table_contains(x->placed, row)) {
      if (n->mark == MARK_MOVED_FROM) {
        /* the old side of a move stands here; the new side where it went */
        diff_row *from = g_new0(diff_row, 1);
        from->old_block = row->old_block;
        from->change = row->change;
        g_ptr_array_add(x->rows, from);
        return;
      }
      g_ptr_array_add(x->rows, row);
      g_hash_table_add(x->placed, row);
    }
  }
}

void order_rows(diff_ctx *c) {
  diff_result *r = c->r;
  rows_ctx x = {c, g_hash_table_new(g_direct_hash, g_direct_equal),
                g_hash_table_new(g_direct_hash, g_direct_equal), g_ptr_array_new(),
                g_hash_table_new(g_direct_hash, g_direct_equal)};
  for (guint j = 0; j < c->new_units->len; j++) {
    unit *b = g_ptr_array_index(c->new_units, j);
    g_hash_table_insert(x.new_of_red, g_hash_table_lookup(c->red_of, b->node), b);
  }
  for (guint i = 0; i < r->rows->len; i++) {
    diff_row *row = g_ptr_array_index(r->rows, i);
    g_hash_table_insert(x.row_of_change, GINT_TO_POINTER(row->change->id), row);
  }
  doc_walk(r->redline->root, rows_cb, &x);
  for (guint i = 0; i < r->redline->footnotes->len; i++)
    doc_walk(g_ptr_array_index(r->redline->footnotes, i), rows_cb, &x);
  /* rows of changes not met in the walk (notes that stayed the same are not
   * rows; changed ones are) keep their place at the end */
  for (guint i = 0; i < r->rows->len; i++) {
    diff_row *row = g_ptr_array_index(r->rows, i);
    if (!g_hash_table_contains(x.placed, row)) g_ptr_array_add(x.rows, row);
  }
  /* rows in x.rows that are not in r->rows (unchanged blocks, move origins)
   * are new allocations; r->rows' own are all in x.rows now */
  g_ptr_array_set_free_func(x.rows, diff_row_free);
  g_ptr_array_set_free_func(r->rows, NULL);
  g_ptr_array_free(r->rows, TRUE);
  r->rows = x.rows;
  g_hash_table_destroy(x.new_of_red);
  g_hash_table_destroy(x.row_of_change);
  g_hash_table_destroy(x.placed);
}

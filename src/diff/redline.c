/* redline: the third document, the new version with the changes marked.
 *
 * The redline is a copy of the new version. Its inserted, modified and moved
 * blocks carry a mark and their word edits (script.c); the old blocks that
 * are gone from their place are copied back where they stood, marked deleted
 * or moved away; the notes are the new version's, then the deleted ones.
 * Last, every node gets its effective mark (doc_node.eff), so that no
 * renderer decides what a mark means. The changes and the side-by-side rows
 * are made here too, in document order; order.c puts them in reading order. */
#include "stages.h"

static diff_change *change_new(diff_ctx *c, diff_kind kind, diff_block block) {
  diff_change *ch = g_new0(diff_change, 1);
  ch->kind = kind;
  ch->block = block;
  g_ptr_array_add(c->r->changes, ch);
  return ch;
}

static diff_row *row_new(diff_ctx *c, const doc_node *o, const doc_node *n, diff_change *ch) {
  diff_row *row = g_new0(diff_row, 1);
  row->old_block = o;
  row->new_block = n;
  row->change = ch;
  g_ptr_array_add(c->r->rows, row);
  return row;
}

/* Every id in a copy of an old block gets a prefix so it cannot collide with
 * the new version's ids on the same page. Footnote labels are mapped to the
 * redline's. */
void redline_old_copy_cb(doc_node *n, bool entering, void *vctx) {
  diff_ctx *c = vctx;
  if (!entering) return;
  if (n->id) {
    char *id = g_strconcat("oud-", n->id, NULL);
    g_free(n->id);
    n->id = id;
  }
  if (n->type == DOC_FOOTNOTE_REF) {
    char *label = g_strdup(unit_old_ref(n->label, c));
    g_free(n->label);
    n->label = label;
  }
}

static doc_node *copy_old(diff_ctx *c, const doc_node *n, GHashTable *map) {
  doc_node *copy = doc_node_copy(n, map);
  doc_walk(copy, redline_old_copy_cb, c);
  return copy;
}

/* ---- effective marks ---- */

static bool whole_mark(doc_mark m) {
  return m == MARK_INSERT || m == MARK_DELETE || m == MARK_MOVED_FROM || m == MARK_MOVED_TO ||
         m == MARK_RESTYLED || m == MARK_NOTE;
}

/* The rule, once for every renderer (see doc.h): a node's own mark, if it
 * marks its whole text; a modified block's text is unmarked but for its
 * runs; inline content, the cells of a row and the blocks of a note take the
 * mark of what holds them; an item, whose number or letter belongs to its
 * first paragraph, takes that paragraph's mark. */
static void eff_cb(doc_node *n, bool entering, void *root) {
  if (!entering) return;
  const doc_node *p = n == root ? NULL : n->parent; /* a subtree inherits nothing */
  if (whole_mark(n->mark))
    n->eff = n->mark;
  else if (n->mark == MARK_MODIFIED || !p)
    n->eff = MARK_NONE;
  else if (!doc_node_is_block(n) || n->type == DOC_TABLE_CELL || p->type == DOC_FOOTNOTE_DEF)
    n->eff = p->eff;
  else
    n->eff = MARK_NONE;
  if (n->type == DOC_ITEM && n->eff == MARK_NONE && n->first && n->first->type == DOC_PARAGRAPH &&
      whole_mark(n->first->mark))
    n->eff = n->first->mark;
}

void diff_mark_tree(doc_node *n) {
  if (n) doc_walk(n, eff_cb, n);
}

/* ---- what a change is, beyond its marks ---- */

/* Characters of a block other than white space. */
static int unit_chars(unit *u) {
  const tok *t = unit_toks(u);
  int n = 0;
  for (guint i = 0; i < u->toks->len; i++)
    if (t[i].kind != TOK_SPACE && t[i].kind != TOK_BREAK) n += (int)g_utf8_strlen(t[i].text, -1);
  return n;
}

static GArray *unit_spans(unit *u) {
  const tok *t = unit_toks(u);
  return script_spans(t, 0, (int)u->toks->len);
}

/* The old side of a change: its kind, level, text and markup. */
static void old_side(diff_change *ch, unit *a) {
  ch->old_block = a->kind;
  if (a->kind == DIFF_BLOCK_HEADING) ch->old_level = a->node->level;
  ch->old_text = unit_plain(a);
  if (!a->c->no_spans) ch->old_spans = unit_spans(a);
}

static void new_side(diff_change *ch, unit *b) {
  if (b->kind == DIFF_BLOCK_HEADING) ch->new_level = b->node->level;
  ch->new_text = unit_plain(b);
  if (!b->c->no_spans) ch->new_spans = unit_spans(b);
}

/* A note at the end of a block's text: what changed that its words do not
 * show (a heading's level, the kind of block). */
static void note_block(doc_node *block, const diff_change *ch) {
  GString *s = g_string_new(NULL);
  if (ch->old_level && ch->new_level && ch->old_level != ch->new_level)
    g_string_append_printf(s, "kop van niveau %d naar %d", ch->old_level, ch->new_level);
  if (ch->old_block != ch->block)
    g_string_append_printf(s, "%svan %s naar %s", s->len ? "; " : "",
                           diff_block_label(ch->old_block), diff_block_label(ch->block));
  if (s->len && block && block->type != DOC_CODE_BLOCK && block->type != DOC_THEMATIC_BREAK) {
    doc_node *t = doc_node_new(DOC_TEXT);
    t->text = g_strdup_printf(" (%s)", s->str);
    t->mark = MARK_NOTE;
    doc_node_append(block, t);
  }
  g_string_free(s, TRUE);
}

/* ---- the new version's blocks ---- */

static doc *redline_doc(diff_ctx *c) {
  const doc *nd = c->r->new_doc;
  doc *red = g_new0(doc, 1);
  red->path = g_strdup(nd->path);
  /* the redline's front matter is the new version's */
  red->meta = nd->meta;
  red->meta.fields = g_ptr_array_ref(nd->meta.fields);
  if (red->meta.index) g_hash_table_ref(red->meta.index);
  c->red_of = g_hash_table_new(g_direct_hash, g_direct_equal);
  red->root = doc_node_copy(nd->root, c->red_of);
  red->footnotes = g_ptr_array_new();
  return red;
}

/* Marks and word edits of the new blocks that are not the same. */
static void mark_new_blocks(diff_ctx *c) {
  GPtrArray *ou = c->old_units, *nu = c->new_units;
  for (guint j = 0; j < nu->len; j++) {
    unit *b = g_ptr_array_index(nu, j);
    doc_node *rn = g_hash_table_lookup(c->red_of, b->node);
    unit *a = b->match >= 0 ? g_ptr_array_index(ou, b->match) : NULL;
    if (b->state == U_SAME) continue;
    if (b->second) { /* drawn with the first of its join, part of its change */
      rn->mark = MARK_MODIFIED;
      b->change = ((unit *)g_ptr_array_index(ou, b->match))->change;
      continue;
    }
    diff_change *ch;
    if (b->state == U_ALONE) {
      ch = change_new(c, CHANGE_INSERTED, b->kind);
      rn->mark = MARK_INSERT;
      ch->words_inserted = unit_nwords(b);
      ch->chars_inserted = unit_chars(b);
      ch->old_block = b->kind;
    } else {
      ch = change_new(c, b->state == U_MOVED ? CHANGE_MOVED : CHANGE_MODIFIED, b->kind);
      rn->mark = b->state == U_MOVED ? MARK_MOVED_TO : MARK_MODIFIED;
      old_side(ch, a);
      ch->old_section = g_strdup(a->section);
      a->change = ch;
    }
    new_side(ch, b);
    ch->section = g_strdup(b->section);
    ch->new_section = b->state == U_MOVED ? g_strdup(b->section) : NULL;
    ch->red = rn;
    b->change = ch;
    diff_row *row = row_new(c, a ? a->node : NULL, b->node, ch);
    ch->split = b->joined != NULL;
    ch->merged = a && a->joined;
    if (a && a->key != b->key) script_word_edits(a, b, ch, c->red_of, row);
    if (b->state == U_MOVED && ch->edits && (ch->words_inserted || ch->words_deleted)) {
      ch->rewritten = true;
      rn->mark_flags |= MARKF_REWRITTEN;
    }
    if (a) {
      note_block(rn, ch);
      if (row->new_view) note_block(row->new_view, ch);
    } else {
      unit_release(b); /* its texts are made: the tokens are not needed again */
    }
  }
}

/* ---- old blocks put back where they stood ---- */

/* Units under each old node, and how many of them are gone from here
 * (deleted or moved away): a container whose units are all gone is drawn
 * whole where it stood. */
typedef struct {
  GHashTable *total, *gone;
} counts;

static void count_up(GHashTable *t, const doc_node *n) {
  for (const doc_node *p = n; p; p = p->parent)
    g_hash_table_insert(t, (gpointer)p,
                        GINT_TO_POINTER(GPOINTER_TO_INT(g_hash_table_lookup(t, p)) + 1));
}

static bool all_gone(const counts *k, const doc_node *n) {
  return g_hash_table_lookup(k->total, n) == g_hash_table_lookup(k->gone, n);
}

/* Puts the copy of an old block into the redline after `after` (a redline
 * node) or at the start of root. The copy joins the container it came from
 * when `after` sits in a container of that kind; otherwise it is wrapped in
 * one (an item in a list, a row in a table). Returns the copy, after which
 * the next block that stood after it can be placed. */
static doc_node *place(doc_node *root, doc_node *after, doc_node *copy,
                       const doc_node *old_parent) {
  doc_node_type want = old_parent ? old_parent->type : DOC_ROOT;
  for (doc_node *r = after; r; r = r->parent) {
    if (r->parent && r->parent->type == want) {
      doc_node_insert_after(r, copy);
      return copy;
    }
  }
  doc_node *top = copy;
  if (want == DOC_LIST || want == DOC_TABLE) {
    top = doc_node_new(want);
    top->list_kind = old_parent->list_kind;
    top->start = old_parent->start;
    top->tight = old_parent->tight;
    top->upper = old_parent->upper;
    doc_node_append(top, copy);
  }
  doc_node *at = after;
  while (at && at->parent && at->parent != root)
    at = at->parent;
  if (at && at->parent == root)
    doc_node_insert_after(at, top);
  else
    doc_node_prepend(root, top);
  return copy;
}

/* Where the walk over the old blocks is in the redline. */
typedef struct {
  counts k;
  GHashTable *copies; /* old node -> its copy in the redline */
  doc_node *anchor;   /* redline node of the last block that stayed */
  doc_node *last_put; /* the last copy placed after that anchor */
} put_back;

/* Puts back one old block that is gone from its place (deleted or moved
 * away), marked. */
static void put_back_one(diff_ctx *c, put_back *pb, unit *a) {
  diff_change *ch = a->change;
  if (a->state == U_ALONE) {
    ch = change_new(c, CHANGE_DELETED, a->kind);
    old_side(ch, a);
    ch->section = g_strdup(a->section);
    ch->words_deleted = unit_nwords(a);
    ch->chars_deleted = unit_chars(a);
    a->change = ch;
    unit_release(a);
    row_new(c, a->node, NULL, ch);
  }
  /* the highest container whose blocks are all gone is copied whole, once;
   * a paragraph that is all of its item brings the item (and its letter) */
  const doc_node *top = a->node;
  while (top->parent && top->parent->type != DOC_ROOT && all_gone(&pb->k, top->parent))
    top = top->parent;
  if (!g_hash_table_contains(pb->copies, a->node)) {
    doc_node *copy = copy_old(c, top, pb->copies);
    doc_node *after = pb->last_put ? pb->last_put : pb->anchor;
    pb->last_put = place(c->r->redline->root, after, copy, top->parent);
  }
  doc_mark mark = a->state == U_MOVED ? MARK_MOVED_FROM : MARK_DELETE;
  doc_node *mine = g_hash_table_lookup(pb->copies, a->node);
  mine->mark = mark;
  if (ch->rewritten) mine->mark_flags |= MARKF_REWRITTEN;
  if (mine->parent && mine->parent->type == DOC_ITEM && mine->parent->first == mine)
    mine->parent->mark = mark;
  if (a->state == U_MOVED)
    ch->red_from = mine;
  else
    ch->red = mine;
}

static void put_back_old_blocks(diff_ctx *c) {
  GPtrArray *ou = c->old_units, *nu = c->new_units;
  put_back pb = {{g_hash_table_new(g_direct_hash, g_direct_equal),
                  g_hash_table_new(g_direct_hash, g_direct_equal)},
                 g_hash_table_new(g_direct_hash, g_direct_equal),
                 NULL,
                 NULL};
  for (guint i = 0; i < ou->len; i++) {
    unit *a = g_ptr_array_index(ou, i);
    count_up(pb.k.total, a->node);
    if (a->state == U_ALONE || a->state == U_MOVED) count_up(pb.k.gone, a->node);
  }
  for (guint i = 0; i < ou->len; i++) {
    unit *a = g_ptr_array_index(ou, i);
    if (a->state == U_SAME || a->state == U_MODIFIED) {
      unit *b = g_ptr_array_index(nu, a->match);
      pb.anchor = g_hash_table_lookup(c->red_of, b->node);
      pb.last_put = NULL;
      continue;
    }
    put_back_one(c, &pb, a);
  }
  g_hash_table_destroy(pb.copies);
  g_hash_table_destroy(pb.k.total);
  g_hash_table_destroy(pb.k.gone);
}

/* ---- notes: the new version's, with their edits, then the deleted ones ---- */

static void mark_new_notes(diff_ctx *c) {
  doc *red = c->r->redline;
  for (guint j = 0; j < c->new_notes->len; j++) {
    unit *b = g_ptr_array_index(c->new_notes, j);
    doc_node *copy = doc_node_copy(b->node, c->red_of);
    g_ptr_array_add(red->footnotes, copy);
    if (b->state == U_SAME) continue;
    unit *a = b->match >= 0 ? g_ptr_array_index(c->old_notes, b->match) : NULL;
    diff_change *ch = change_new(c, a ? CHANGE_MODIFIED : CHANGE_INSERTED, DIFF_BLOCK_FOOTNOTE);
    ch->old_block = DIFF_BLOCK_FOOTNOTE;
    ch->section = g_strdup(b->section);
    new_side(ch, b);
    ch->red = copy;
    copy->mark = a ? MARK_MODIFIED : MARK_INSERT;
    b->change = ch;
    diff_row *row = row_new(c, a ? a->node : NULL, b->node, ch);
    if (a) {
      old_side(ch, a);
      script_word_edits(a, b, ch, c->red_of, row);
    } else {
      ch->words_inserted = unit_nwords(b);
      ch->chars_inserted = unit_chars(b);
    }
  }
}

static void add_deleted_notes(diff_ctx *c) {
  doc *red = c->r->redline;
  for (guint i = 0; i < c->old_notes->len; i++) {
    unit *a = g_ptr_array_index(c->old_notes, i);
    if (a->match >= 0) continue;
    doc_node *copy = doc_node_copy(a->node, NULL);
    g_free(copy->label);
    copy->label = g_strdup(unit_old_ref(a->node->label, c));
    doc_walk(copy, redline_old_copy_cb, c);
    copy->mark = MARK_DELETE;
    g_ptr_array_add(red->footnotes, copy);
    diff_change *ch = change_new(c, CHANGE_DELETED, DIFF_BLOCK_FOOTNOTE);
    ch->section = g_strdup(a->section);
    old_side(ch, a);
    ch->words_deleted = unit_nwords(a);
    ch->chars_deleted = unit_chars(a);
    ch->red = copy;
    row_new(c, a->node, NULL, ch);
  }
}

/* The notes' numbers, and the anchors of notes and references from their
 * redline labels (doc_number_footnotes spells them). */
static void number_notes(doc *red) {
  doc_number_footnotes(red);
}

void redline_build(diff_ctx *c) {
  doc *red = redline_doc(c);
  c->r->redline = red;
  mark_new_blocks(c);
  put_back_old_blocks(c);
  mark_new_notes(c);
  add_deleted_notes(c);
  number_notes(red);
  diff_mark_tree(red->root);
  for (guint i = 0; i < red->footnotes->len; i++)
    diff_mark_tree(g_ptr_array_index(red->footnotes, i));
}

/* diff: the driver. diff_docs runs the stages (stages.h) in order over two
 * documents and hands back the diff model; the model's own helpers
 * (freeing, old views) and the front-matter comparison are here too. */
#include "stages.h"

/* ---- metadata ---- */

static char *field_text(const meta_field *f) {
  if (!f) return NULL;
  if (f->value) return g_strdup(f->value);
  GString *s = g_string_new(NULL);
  for (guint i = 0; i < f->items->len; i++)
    g_string_append_printf(s, "%s%s", i ? ", " : "", (char *)g_ptr_array_index(f->items, i));
  return g_string_free(s, FALSE);
}

static void diff_meta_fields(diff_result *r) {
  const meta *om = &r->old_doc->meta, *nm = &r->new_doc->meta;
  GPtrArray *keys = g_ptr_array_new();
  for (guint i = 0; i < nm->fields->len; i++)
    g_ptr_array_add(keys, ((meta_field *)g_ptr_array_index(nm->fields, i))->key);
  for (guint i = 0; i < om->fields->len; i++) {
    const char *k = ((meta_field *)g_ptr_array_index(om->fields, i))->key;
    if (!meta_field_get(nm, k)) g_ptr_array_add(keys, (gpointer)k);
  }
  for (guint i = 0; i < keys->len; i++) {
    const char *k = g_ptr_array_index(keys, i);
    char *o = field_text(meta_field_get(om, k)), *n = field_text(meta_field_get(nm, k));
    if (g_strcmp0(o, n) != 0) {
      diff_meta *m = g_new(diff_meta, 1);
      m->field = g_strdup(k);
      m->old_value = o;
      m->new_value = n;
      g_ptr_array_add(r->metadata, m);
    } else {
      g_free(o);
      g_free(n);
    }
  }
  g_ptr_array_free(keys, TRUE);
}

/* ---- the whole ---- */

void diff_change_free(gpointer p) {
  diff_change *ch = p;
  g_free(ch->section);
  g_free(ch->old_section);
  g_free(ch->new_section);
  g_free(ch->old_text);
  g_free(ch->new_text);
  if (ch->old_spans) g_array_free(ch->old_spans, TRUE);
  if (ch->new_spans) g_array_free(ch->new_spans, TRUE);
  if (ch->edits) {
    for (guint i = 0; i < ch->edits->len; i++) {
      diff_edit *e = g_ptr_array_index(ch->edits, i);
      g_free(e->text);
      if (e->spans) g_array_free(e->spans, TRUE);
      g_free(e);
    }
    g_ptr_array_free(ch->edits, TRUE);
  }
  if (ch->restyles) g_ptr_array_free(ch->restyles, TRUE);
  g_free(ch);
}

static void meta_free(gpointer p) {
  diff_meta *m = p;
  g_free(m->field);
  g_free(m->old_value);
  g_free(m->new_value);
  g_free(m);
}

void diff_row_free(gpointer p) {
  diff_row *row = p;
  doc_node_free(row->old_view);
  doc_node_free(row->new_view);
  g_free(row);
}

/* Each new unit's counterpart and change, kept for diff_origin_of once the
 * units are gone. */
static void add_origins(GHashTable *origins, GPtrArray *new_units, GPtrArray *old_units) {
  for (guint j = 0; j < new_units->len; j++) {
    const unit *b = g_ptr_array_index(new_units, j);
    diff_origin *o = g_new(diff_origin, 1);
    o->old_block = b->match >= 0 ? ((unit *)g_ptr_array_index(old_units, b->match))->node : NULL;
    o->change = b->change;
    g_hash_table_insert(origins, (gpointer)b->node, o);
  }
}

const diff_origin *diff_origin_of(const diff_result *r, const doc_node *new_block) {
  return g_hash_table_lookup(r->origins, new_block);
}

diff_result *diff_docs(const doc *old_doc, const doc *new_doc) {
  return diff_docs_with(old_doc, new_doc, NULL);
}

diff_result *diff_docs_with(const doc *old_doc, const doc *new_doc, const diff_opts *o) {
  diff_memo *memo = o ? o->memo : NULL;
  diff_result *r = g_new0(diff_result, 1);
  r->old_doc = old_doc;
  r->new_doc = new_doc;
  r->metadata = g_ptr_array_new_with_free_func(meta_free);
  r->changes = g_ptr_array_new_with_free_func(diff_change_free);
  r->rows = g_ptr_array_new_with_free_func(diff_row_free);
  diff_ctx c = {0};
  c.r = r;
  c.memo = memo;
  c.no_spans = o && o->no_spans;
  if (memo) {
    memo_begin(memo);
    c.pool = &memo->pool;
  } else {
    tok_pool_init(&c.own_pool);
    c.pool = &c.own_pool;
  }
  c.keys = units_keys_new();
  c.scratch = g_string_sized_new(4096);

  /* units, notes first: their identity decides what references mean */
  c.old_notes = units_collect_notes(&c, old_doc);
  c.new_notes = units_collect_notes(&c, new_doc);
  align_notes(&c);
  c.old_units = units_collect(&c, old_doc);
  c.new_units = units_collect(&c, new_doc);
  for (guint i = 0; i < c.old_units->len; i++)
    unit_key(&c, g_ptr_array_index(c.old_units, i), true);
  for (guint j = 0; j < c.new_units->len; j++)
    unit_key(&c, g_ptr_array_index(c.new_units, j), false);
  units_align_keys(&c);
  /* the blocks' contents, interned: needed no more once every block has its
   * key, unless the memo looks the blocks' words up by them */
  if (!memo) {
    g_hash_table_destroy(c.keys);
    c.keys = NULL;
    units_forget_keys(c.old_units);
    units_forget_keys(c.new_units);
    units_forget_keys(c.old_notes);
    units_forget_keys(c.new_notes);
  }
  /* alignment, then the redline with the word scripts, then reading order */
  align_blocks(&c);
  align_joins(&c);
  align_moves(&c);
  align_short_places(&c);
  redline_build(&c);
  order_changes(&c);
  order_rows(&c);
  diff_meta_fields(r);
  for (guint i = 0; i < r->changes->len; i++) {
    diff_change *ch = g_ptr_array_index(r->changes, i);
    r->count[ch->kind]++;
    r->words_inserted += ch->words_inserted;
    r->words_deleted += ch->words_deleted;
    r->chars_inserted += ch->chars_inserted;
    r->chars_deleted += ch->chars_deleted;
    r->restyled += ch->restyles ? (int)ch->restyles->len : 0;
  }

  r->origins = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
  add_origins(r->origins, c.new_units, c.old_units);
  add_origins(r->origins, c.new_notes, c.old_notes);

  g_ptr_array_free(c.old_units, TRUE);
  g_ptr_array_free(c.new_units, TRUE);
  g_ptr_array_free(c.old_notes, TRUE);
  g_ptr_array_free(c.new_notes, TRUE);
  if (c.keys) g_hash_table_destroy(c.keys);
  r->note_labels = c.note_map; /* for diff_old_view */
  g_string_free(c.scratch, TRUE);
  g_hash_table_destroy(c.red_of);
  if (!memo) tok_pool_clear(&c.own_pool);
  return r;
}

static void view_cb(doc_node *n, bool entering, void *vctx) {
  const diff_result *r = vctx;
  if (!entering || n->type != DOC_FOOTNOTE_REF) return;
  const char *to = g_hash_table_lookup(r->note_labels, n->label);
  if (to) {
    g_free(n->label);
    n->label = g_strdup(to);
  }
}

doc_node *diff_old_view(const diff_result *r, const doc_node *old_block) {
  doc_node *copy = doc_node_copy(old_block, NULL);
  doc_walk(copy, view_cb, (gpointer)r);
  return copy;
}

bool diff_any(const diff_result *r) {
  return r->changes->len > 0 || r->metadata->len > 0;
}

void diff_free(diff_result *r) {
  if (!r) return;
  if (r->note_labels) g_hash_table_destroy(r->note_labels);
  if (r->origins) g_hash_table_destroy(r->origins);
  g_ptr_array_free(r->rows, TRUE);
  g_ptr_array_free(r->changes, TRUE);
  g_ptr_array_free(r->metadata, TRUE);
  if (r->redline) {
    doc *red = r->redline;
    doc_node_free(red->root);
    for (guint i = 0; i < red->footnotes->len; i++)
      doc_node_free(g_ptr_array_index(red->footnotes, i));
    g_ptr_array_free(red->footnotes, TRUE);
    g_ptr_array_unref(red->meta.fields);
    if (red->meta.index) g_hash_table_unref(red->meta.index);
    g_free(red->path);
    g_free(red);
  }
  g_free(r);
}

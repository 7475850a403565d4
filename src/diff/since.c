/* since: see include/statuut/since.h
 *
 * Version 0's blocks all start with SINCE_ORIGIN. For each later version v
 * the redline of v - 1 and v is made once, and every block of v takes the
 * history of the block it continues with one step put in front (none when
 * it is the same), or a new history when it was inserted. Sections are then
 * followed in the redline's reading order (the rows): a heading opens its
 * section and closes those of its level and deeper, and every changed row,
 * the deleted and moved-away blocks included, adds a step of v to the
 * sections it stands in. */
#include "statuut/since.h"
#include "statuut/diff.h"

#include <string.h>

struct since_chain {
  guint n;
  const doc *const *docs;
  GHashTable **blocks;   /* per version: block -> since_history*, owned */
  GHashTable **sections; /* per version: heading -> since_history* of its section, owned */
};

static void history_free(gpointer p) {
  since_history *h = p;
  g_free(h->steps);
  g_free(h);
}

static since_history *history_new(guint v, since_what what, int change, const doc_node *block) {
  since_history *h = g_new(since_history, 1);
  h->n = 1;
  h->steps = g_new(since_step, 1);
  h->steps[0] = (since_step){v, what, change, block};
  return h;
}

/* A copy of h with step (v, what, change, block) in front; a copy of h alone when
 * what is SINCE_WHAT_MAX. */
static since_history *history_after(const since_history *h, guint v, since_what what, int change,
                                    const doc_node *block) {
  guint add = what != SINCE_WHAT_MAX;
  since_history *c = g_new(since_history, 1);
  c->n = h->n + add;
  c->steps = g_new(since_step, c->n);
  if (add) c->steps[0] = (since_step){v, what, change, block};
  memcpy(c->steps + add, h->steps, h->n * sizeof *h->steps);
  return c;
}

static GHashTable *table_new(void) {
  return g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, history_free);
}

/* Every block and note of the first version, and each section: the blocks
 * are those the diff compares, taken from a diff of the version with itself
 * so that this file keeps no list of them. */
static void first_version(since_chain *c, const diff_opts *o) {
  const doc *d = c->docs[0];
  diff_result *r = diff_docs_with(d, d, o);
  for (guint i = 0; i < r->rows->len; i++) {
    const doc_node *n = ((const diff_row *)g_ptr_array_index(r->rows, i))->new_block;
    if (!n) continue;
    g_hash_table_insert(c->blocks[0], (gpointer)n, history_new(0, SINCE_ORIGIN, 0, n));
    if (n->type == DOC_HEADING)
      g_hash_table_insert(c->sections[0], (gpointer)n, history_new(0, SINCE_ORIGIN, 0, n));
  }
  diff_free(r);
  for (guint i = 0; i < d->footnotes->len; i++)
    g_hash_table_insert(c->blocks[0], g_ptr_array_index(d->footnotes, i),
                        history_new(0, SINCE_ORIGIN, 0, g_ptr_array_index(d->footnotes, i)));
}

/* The step block n of version v takes from its origin. */
static since_history *block_history(const since_chain *c, guint v, const doc_node *n,
                                    const diff_origin *o) {
  int id = o && o->change ? o->change->id : 0;
  const since_history *before =
      o && o->old_block ? g_hash_table_lookup(c->blocks[v - 1], o->old_block) : NULL;
  if (!before) return history_new(v, SINCE_INSERTED, id, n);
  if (!o->change) return history_after(before, v, SINCE_WHAT_MAX, 0, n);
  bool moved_alone = o->change->kind == CHANGE_MOVED && !o->change->edits;
  return history_after(before, v, moved_alone ? SINCE_MOVED : SINCE_MODIFIED, id, n);
}

/* Adds step (v, change) to the section of heading h unless it has one of v
 * already (the first change of a version in a section is where a reader is
 * sent). */
static void section_touch(GHashTable *sections, const doc_node *h, guint v, int change) {
  since_history *s = g_hash_table_lookup(sections, h);
  if (s->steps[0].version == v) return;
  since_history *t = history_after(s, v, SINCE_MODIFIED, change, h);
  g_hash_table_insert(sections, (gpointer)h, t);
}

/* The sections of version v, from the redline of v - 1 and v. */
static void sections_of(since_chain *c, guint v, const diff_result *r) {
  GPtrArray *open = g_ptr_array_new(); /* headings of the sections the reading is in */
  for (guint i = 0; i < r->rows->len; i++) {
    const diff_row *row = g_ptr_array_index(r->rows, i);
    const doc_node *n = row->new_block;
    if (n && n->type == DOC_FOOTNOTE_DEF) break; /* the notes come after the body */
    if (n && n->type == DOC_HEADING) {
      while (open->len &&
             ((const doc_node *)g_ptr_array_index(open, open->len - 1))->level >= n->level)
        g_ptr_array_set_size(open, open->len - 1);
      const diff_origin *o = diff_origin_of(r, n);
      const since_history *before =
          o && o->old_block ? g_hash_table_lookup(c->sections[v - 1], o->old_block) : NULL;
      since_history *s = before
                             ? history_after(before, v, SINCE_WHAT_MAX, 0, n)
                             : history_new(v, SINCE_INSERTED, row->change ? row->change->id : 0, n);
      g_hash_table_insert(c->sections[v], (gpointer)n, s);
      g_ptr_array_add(open, (gpointer)n);
    }
    if (!row->change) continue;
    for (guint k = 0; k < open->len; k++)
      section_touch(c->sections[v], g_ptr_array_index(open, k), v, row->change->id);
  }
  g_ptr_array_free(open, TRUE);
}

/* Every block of version v that the diff compares. */
static void blocks_of(since_chain *c, guint v, const diff_result *r) {
  for (guint i = 0; i < r->rows->len; i++) {
    const diff_row *row = g_ptr_array_index(r->rows, i);
    if (row->new_block)
      g_hash_table_insert(c->blocks[v], (gpointer)row->new_block,
                          block_history(c, v, row->new_block, diff_origin_of(r, row->new_block)));
  }
  /* notes that stayed the same have no row */
  const doc *d = c->docs[v];
  for (guint i = 0; i < d->footnotes->len; i++) {
    const doc_node *f = g_ptr_array_index(d->footnotes, i);
    if (!g_hash_table_contains(c->blocks[v], f))
      g_hash_table_insert(c->blocks[v], (gpointer)f, block_history(c, v, f, diff_origin_of(r, f)));
  }
}

since_chain *since_chain_build(const doc *const *docs, guint n, const diff_opts *o) {
  since_chain *c = g_new0(since_chain, 1);
  c->n = n;
  c->docs = docs;
  c->blocks = g_new(GHashTable *, n ? n : 1);
  c->sections = g_new(GHashTable *, n ? n : 1);
  for (guint v = 0; v < n; v++) {
    c->blocks[v] = table_new();
    c->sections[v] = table_new();
  }
  if (!n) return c;
  first_version(c, o);
  for (guint v = 1; v < n; v++) {
    diff_result *r = diff_docs_with(docs[v - 1], docs[v], o);
    blocks_of(c, v, r);
    sections_of(c, v, r);
    diff_free(r);
  }
  return c;
}

void since_chain_free(since_chain *c) {
  if (!c) return;
  for (guint v = 0; v < c->n; v++) {
    g_hash_table_destroy(c->blocks[v]);
    g_hash_table_destroy(c->sections[v]);
  }
  g_free(c->blocks);
  g_free(c->sections);
  g_free(c);
}

const since_history *since_lookup(const since_chain *c, guint v, const doc_node *block) {
  if (v >= c->n || !block) return NULL;
  if (block->type == DOC_HEADING) return g_hash_table_lookup(c->sections[v], block);
  return g_hash_table_lookup(c->blocks[v], block);
}

const since_step *since_reading(const since_history *h) {
  for (guint i = 0; i < h->n; i++)
    if (h->steps[i].what != SINCE_MOVED) return &h->steps[i];
  return &h->steps[h->n - 1];
}

const char *since_version_at(const since_chain *c, guint v) {
  return v < c->n ? c->docs[v]->meta.version : "";
}

const char *since_version(const since_chain *c, const since_step *s) {
  return since_version_at(c, s->version);
}

char *since_label(const since_chain *c, const since_step *s) {
  static const char *const words[SINCE_WHAT_MAX] = {
      [SINCE_ORIGIN] = "ongewijzigd sinds",
      [SINCE_INSERTED] = "nieuw in",
      [SINCE_MODIFIED] = "gewijzigd in",
      [SINCE_MOVED] = "verplaatst in",
  };
  return g_strdup_printf("%s %s", words[s->what < SINCE_WHAT_MAX ? s->what : SINCE_MODIFIED],
                         since_version(c, s));
}

const char *since_what_name(since_what w) {
  static const char *const names[SINCE_WHAT_MAX] = {"origin", "inserted", "modified", "moved"};
  return w < SINCE_WHAT_MAX ? names[w] : "modified";
}

const char *since_block_name(const doc_node *n) {
  const doc_node *p = n->parent;
  switch (n->type) {
  case DOC_HEADING:
    return "section";
  case DOC_PARAGRAPH:
    return p && p->type == DOC_ITEM         ? "point"
           : p && p->type == DOC_BLOCKQUOTE ? "quote"
                                            : "paragraph";
  case DOC_TABLE_ROW:
    return "row";
  case DOC_CODE_BLOCK:
    return "code";
  case DOC_THEMATIC_BREAK:
    return "rule";
  case DOC_FOOTNOTE_DEF:
    return "note";
  default:
    return "block";
  }
}

void since_each(const since_chain *c, guint v, since_fn fn, void *ctx) {
  if (v >= c->n) return;
  const doc *d = c->docs[v];
  doc_iter it;
  doc_iter_init(&it, d->root);
  for (doc_event ev; (ev = doc_iter_next(&it)) != DOC_EVENT_DONE;) {
    const doc_node *n = doc_iter_node(&it);
    if (ev != DOC_EVENT_ENTER) continue;
    if (!doc_node_is_block(n)) {
      doc_iter_skip(&it); /* inlines hold no blocks */
      continue;
    }
    const since_history *h = since_lookup(c, v, n);
    if (h) fn(n, h, ctx);
  }
  for (guint i = 0; i < d->footnotes->len; i++) {
    const doc_node *f = g_ptr_array_index(d->footnotes, i);
    const since_history *h = since_lookup(c, v, f);
    if (h) fn(f, h, ctx);
  }
}

/* units: both documents cut into the blocks the diff compares.
 *
 * A unit is one block (heading, paragraph, list item, quoted paragraph,
 * table row, code block, thematic break) or one footnote, with its inline
 * containers (parts), its section and a key: its kind and canonical content
 * interned to an integer, so that equal blocks compare as equal integers
 * without tokenizing them. Tokens (tokens.c), word lists and plain text are
 * made on demand, for the few blocks that differ. */
#include "stages.h"

#include <string.h>

/* Tokens kept for blocks compared by their words, at most (40 bytes each):
 * a document of a few hundred blocks keeps all of them. */
enum { HELD_TOKENS = 500000 };

static void unit_free(gpointer p) {
  unit *u = p;
  g_ptr_array_free(u->parts, TRUE);
  if (u->toks) g_array_free(u->toks, TRUE);
  if (u->part_end) g_array_free(u->part_end, TRUE);
  g_free(u->words);
  g_free(u);
}

/* Sorts n ints ascending: Shell's sort with Ciura's gaps (extended by
 * 2.25), in place and without a call per comparison (qsort's callback was
 * most of the cost of a block's word list). */
static void sort_ints(int *v, int n) {
  static const int ciura[] = {1, 4, 10, 23, 57, 132, 301, 701, 1750};
  int gaps[48], ngaps = 0;
  for (size_t i = 0; i < G_N_ELEMENTS(ciura) && ciura[i] < n; i++)
    gaps[ngaps++] = ciura[i];
  for (double g = 1750 * 2.25; g < n && ngaps < (int)G_N_ELEMENTS(gaps); g *= 2.25)
    gaps[ngaps++] = (int)g;
  while (ngaps-- > 0) {
    int gap = gaps[ngaps];
    for (int i = gap; i < n; i++) {
      int x = v[i], j = i;
      for (; j >= gap && v[j - gap] > x; j -= gap)
        v[j] = v[j - gap];
      v[j] = x;
    }
  }
}

/* Labels of the old side's notes as the redline knows them: a note matched
 * with a new one takes its label, one that is gone gets a label of its own
 * so it cannot collide with a new note's. */
const char *unit_old_ref(const char *label, void *vctx) {
  diff_ctx *c = vctx;
  const char *mapped = c->note_map ? g_hash_table_lookup(c->note_map, label) : NULL;
  return mapped ? mapped : label;
}

/* Keys are whole texts of blocks, looked up once for every block of both
 * versions: hashed eight bytes at a time (g_str_hash takes one, and was a
 * twentieth of a diff). */
static guint key_hash(gconstpointer p) {
  const char *s = p;
  size_t n = strlen(s);
  guint64 h = 0x9e3779b97f4a7c15u ^ n;
  for (; n >= 8; n -= 8, s += 8) {
    guint64 w;
    memcpy(&w, s, 8);
    h = (h ^ w) * 0xff51afd7ed558ccdu;
    h ^= h >> 32;
  }
  for (; n > 0; n--, s++)
    h = (h ^ (unsigned char)*s) * 0x100000001b3u;
  h ^= h >> 29;
  return (guint)(h ^ (h >> 32));
}

GHashTable *units_keys_new(void) {
  return g_hash_table_new_full(key_hash, g_str_equal, g_free, NULL);
}

/* The block's identity: its kind and canonical content, interned. Equal
 * keys, equal tokens; computed for every block, cheaply. */
void unit_key(diff_ctx *c, unit *u, bool old_side) {
  u->c = c;
  u->old_side = old_side;
  GString *key = c->scratch;
  g_string_assign(key, diff_block_name(u->kind));
  /* a heading's level is part of it: ### Toegang -> ## Toegang is a change */
  if (u->kind == DIFF_BLOCK_HEADING) g_string_append_printf(key, "%d", u->node->level);
  for (guint i = 0; i < u->parts->len; i++) {
    const doc_node *part = g_ptr_array_index(u->parts, i);
    g_string_append_c(key, '\x1e');
    if (part->type == DOC_CODE_BLOCK)
      g_string_append(key, part->text);
    else if (part->type != DOC_THEMATIC_BREAK)
      tok_canonical(part, key, old_side ? unit_old_ref : NULL, c);
  }
  gpointer stored, v;
  if (!g_hash_table_lookup_extended(c->keys, key->str, &stored, &v)) {
    v = GINT_TO_POINTER(g_hash_table_size(c->keys) + 1);
    stored = g_strndup(key->str, key->len);
    g_hash_table_insert(c->keys, stored, v);
  }
  u->key = GPOINTER_TO_INT(v);
  u->canon = stored;
  u->nwords = -1;
}

void units_forget_keys(GPtrArray *units) {
  for (guint i = 0; i < units->len; i++)
    ((unit *)g_ptr_array_index(units, i))->canon = NULL;
}

/* ---- the memo (diff.h) ---- */

/* Bytes the memo holds at most, keys, tokens and words: the compared
 * blocks of some dozens of versions (20 documents of 10 versions took 5 MB).
 * A diff that finds it full empties it first (memo_begin). */
enum { MEMO_BYTES = 16 * 1024 * 1024 };

/* What the memo knows of one block content. */
typedef struct memo_entry {
  GArray *toks;     /* as unit.toks, in the memo's pool */
  GArray *part_end; /* as unit.part_end */
  int nwords;       /* as unit.nwords */
  int *words;       /* as unit.words, or NULL: not yet */
} memo_entry;

static void memo_entry_free(gpointer p) {
  memo_entry *e = p;
  g_array_free(e->toks, TRUE);
  g_array_free(e->part_end, TRUE);
  g_free(e->words);
  g_free(e);
}

diff_memo *diff_memo_new(void) {
  diff_memo *m = g_new0(diff_memo, 1);
  tok_pool_init(&m->pool);
  m->blocks = g_hash_table_new_full(key_hash, g_str_equal, g_free, memo_entry_free);
  m->budget = MEMO_BYTES;
  return m;
}

/* A build goes document by document: a memo that filled up holds blocks of
 * documents done with, and starts over, its pool too (no result points
 * into it: they copy what they keep). Within a diff it only stops taking
 * more, so that one pair of large documents costs at most the budget. */
void memo_begin(diff_memo *m) {
  if (!m->full) return;
  g_hash_table_remove_all(m->blocks);
  tok_pool_clear(&m->pool);
  tok_pool_init(&m->pool);
  m->held = 0;
  m->full = false;
}

void diff_memo_free(diff_memo *m) {
  if (!m) return;
  g_hash_table_destroy(m->blocks);
  tok_pool_clear(&m->pool);
  g_free(m);
}

/* Whether the memo may know the unit by its content: a joined unit's
 * content is more than its key says. */
static bool memo_keyed(const unit *u) {
  return u->c->memo && !u->joined && u->canon;
}

/* The memo's entry for the unit's content, or NULL. */
static memo_entry *memo_of(unit *u) {
  diff_memo *m = u->c->memo;
  if (!memo_keyed(u)) return NULL;
  if (!u->memo_asked) { /* canonical texts are long: hashed once per unit */
    u->memo = g_hash_table_lookup(m->blocks, u->canon);
    u->memo_asked = true;
  }
  return u->memo;
}

/* A copy of a as long as it is: g_array_copy keeps a's room, up to twice
 * its length, in every copy. */
static GArray *array_dup(const GArray *a, guint size) {
  GArray *b = g_array_sized_new(FALSE, FALSE, size, a->len);
  return g_array_append_vals(b, a->data, a->len);
}

/* Remembers the unit's tokens (just made) under its content, within the
 * budget. */
static void memo_add(unit *u) {
  diff_memo *m = u->c->memo;
  if (!memo_keyed(u)) return;
  size_t bytes = strlen(u->canon) + 1 + sizeof(memo_entry) + u->toks->len * sizeof(tok) +
                 u->part_end->len * sizeof(int);
  if (m->held + bytes > m->budget) {
    m->full = true;
    return;
  }
  memo_entry *e = g_new0(memo_entry, 1);
  e->toks = array_dup(u->toks, sizeof(tok));
  e->part_end = array_dup(u->part_end, sizeof(int));
  e->nwords = u->nwords;
  g_hash_table_insert(m->blocks, g_strdup(u->canon), e);
  m->held += bytes;
  u->memo = e;
  u->memo_asked = true;
}

/* The block's tokens, made when first needed: most blocks are matched
 * whole by their key and never tokenized. With a memo, a block content
 * another diff tokenized is copied from it (its ids are the memo's pool's,
 * which the whole diff then uses). */
const tok *unit_toks(unit *u) {
  if (u->toks) return (const tok *)u->toks->data;
  diff_ctx *c = u->c;
  memo_entry *e = memo_of(u);
  if (e) {
    u->toks = array_dup(e->toks, sizeof(tok));
    u->part_end = array_dup(e->part_end, sizeof(int));
    u->nwords = e->nwords;
  } else {
    u->toks = g_array_new(FALSE, FALSE, sizeof(tok));
    u->part_end = g_array_new(FALSE, FALSE, sizeof(int));
    for (guint i = 0; i < u->parts->len; i++) {
      const doc_node *part = g_ptr_array_index(u->parts, i);
      if (i > 0) /* parts stay apart */
        tok_separator(c->pool, part->type == DOC_TABLE_CELL ? " | " : "\n\n", u->toks);
      if (part->type == DOC_CODE_BLOCK)
        tok_literal(c->pool, part->text, u->toks);
      else if (part->type != DOC_THEMATIC_BREAK)
        tok_inline(c->pool, part, u->toks, u->old_side ? unit_old_ref : NULL, c);
      int end = (int)u->toks->len;
      g_array_append_val(u->part_end, end);
    }
    u->nwords = tok_words((const tok *)u->toks->data, (int)u->toks->len);
    memo_add(u);
  }
  c->held_tokens += u->toks->len;
  return (const tok *)u->toks->data;
}

int unit_nwords(unit *u) {
  if (u->nwords < 0) {
    memo_entry *e = memo_of(u);
    if (e) return u->nwords = e->nwords;
    unit_toks(u);
    /* counted, not kept beyond the budget: see unit_words */
    if (u->c->held_tokens > HELD_TOKENS) unit_release(u);
  }
  return u->nwords;
}

/* The sorted word ids of a block, made when first needed: most blocks are
 * matched whole and never compared word by word. */
const int *unit_words(unit *u) {
  memo_entry *e = u->words ? NULL : memo_of(u);
  if (e && e->words) {
    u->words = g_memdup2(e->words, (e->nwords + 1) * sizeof(int));
    u->nwords = e->nwords;
  }
  if (!u->words) {
    bool had = u->toks != NULL;
    const tok *t = unit_toks(u);
    u->words = g_new(int, u->nwords + 1);
    int n = 0;
    for (guint i = 0; i < u->toks->len; i++)
      if (t[i].word >= 0) u->words[n++] = t[i].word;
    g_assert(n == u->nwords); /* what tok_words counts has a word id */
    sort_ints(u->words, n);
    memo_entry *m = memo_of(u);
    diff_memo *memo = u->c->memo;
    size_t bytes = (size_t)(n + 1) * sizeof(int);
    if (m && !m->words && memo->held + bytes <= memo->budget) {
      m->words = g_memdup2(u->words, bytes);
      memo->held += bytes;
    } else if (m && !m->words) {
      memo->full = true;
    }
    /* Most blocks compared word by word are then found unrelated: beyond a
     * budget their tokens are made again if they are needed, rather than
     * kept for all (two unrelated documents would hold every token at once). */
    if (!had && u->c->held_tokens > HELD_TOKENS) unit_release(u);
  }
  return u->words;
}

void unit_join(unit *u, unit *v) {
  for (guint i = 0; i < v->parts->len; i++)
    g_ptr_array_add(u->parts, g_ptr_array_index(v->parts, i));
  u->joined = v;
  v->second = true;
  unit_release(u);
  g_free(u->words);
  u->words = NULL;
  u->nwords = -1;
}

void unit_release(unit *u) {
  if (u->toks) u->c->held_tokens -= u->toks->len;
  if (u->toks) g_array_free(u->toks, TRUE);
  if (u->part_end) g_array_free(u->part_end, TRUE);
  u->toks = NULL;
  u->part_end = NULL;
}

/* Plain text of a block for JSON and the terminal: its tokens' texts
 * joined; a footnote reference reads [^label]; parts are separated by a
 * blank line (a note's paragraphs) or " | " (a row's cells), the texts of
 * their separator tokens. */
char *unit_plain(const unit *u) {
  const tok *t = unit_toks((unit *)u);
  return tok_plain(t, 0, (int)u->toks->len);
}

static unit *unit_new(const doc_node *node, diff_block kind, const char *section) {
  unit *u = g_new0(unit, 1);
  u->node = node;
  u->kind = kind;
  u->parts = g_ptr_array_new();
  u->section = section;
  u->match = -1;
  u->state = U_ALONE;
  return u;
}

/* The headings open at a point of the document, by level, and the path
 * they make: "4. WAARUIT … › Kwaliteit in de leefwereld". */
typedef struct {
  const char *at[7]; /* interned heading texts, by level 1..6; NULL none */
  tok_pool *pool;
} outline;

/* The path of the headings open above `level` (1..7: 7 is all of them),
 * interned; NULL before the first heading. */
static const char *outline_path(const outline *o, int level) {
  GString *s = NULL;
  for (int l = 1; l < level && l <= 6; l++) {
    if (!o->at[l]) continue;
    if (!s)
      s = g_string_new(o->at[l]);
    else
      g_string_append_printf(s, " \xe2\x80\xba %s", o->at[l]);
  }
  if (!s) return NULL;
  const char *r = tok_intern(o->pool, s->str);
  g_string_free(s, TRUE);
  return r;
}

/* Opens heading h: it closes every heading at its level or deeper. */
static void outline_open(outline *o, const doc_node *h) {
  int level = CLAMP(h->level, 1, 6);
  char *text = doc_node_plain_text(h);
  o->at[level] = tok_intern(o->pool, text);
  g_free(text);
  for (int l = level + 1; l <= 6; l++)
    o->at[l] = NULL;
}

typedef struct {
  diff_ctx *c;
  GPtrArray *units;
  const char *section;
  outline o;
} collect;

static void collect_cb(doc_node *n, bool entering, void *vctx) {
  collect *x = vctx;
  if (!entering) return;
  unit *u = NULL;
  switch (n->type) {
  case DOC_HEADING:
    /* a heading belongs to the section of its parent */
    u = unit_new(n, DIFF_BLOCK_HEADING, outline_path(&x->o, CLAMP(n->level, 1, 6)));
    g_ptr_array_add(u->parts, n);
    break;
  case DOC_PARAGRAPH: {
    doc_node *p = n->parent;
    diff_block kind = p && p->type == DOC_ITEM         ? DIFF_BLOCK_LIST_ITEM
                      : p && p->type == DOC_BLOCKQUOTE ? DIFF_BLOCK_BLOCKQUOTE
                                                       : DIFF_BLOCK_PARAGRAPH;
    u = unit_new(n, kind, x->section);
    g_ptr_array_add(u->parts, n);
    break;
  }
  case DOC_CODE_BLOCK:
    u = unit_new(n, DIFF_BLOCK_CODE, x->section);
    g_ptr_array_add(u->parts, n);
    break;
  case DOC_THEMATIC_BREAK:
    u = unit_new(n, DIFF_BLOCK_THEMATIC_BREAK, x->section);
    g_ptr_array_add(u->parts, n);
    break;
  case DOC_TABLE_ROW:
    u = unit_new(n, DIFF_BLOCK_TABLE_ROW, x->section);
    for (doc_node *cell = n->first; cell; cell = cell->next)
      g_ptr_array_add(u->parts, cell);
    break;
  default:
    break;
  }
  if (u) g_ptr_array_add(x->units, u);
  if (n->type == DOC_HEADING) {
    outline_open(&x->o, n);
    x->section = outline_path(&x->o, 7);
  }
}

/* The body's blocks in reading order. Inline content is not entered: the
 * walk visits it, but only block types make units. */
GPtrArray *units_collect(diff_ctx *c, const doc *d) {
  collect x = {c, g_ptr_array_new_with_free_func(unit_free), NULL, {{NULL}, c->pool}};
  doc_walk(d->root, collect_cb, &x);
  return x.units;
}

/* Section a note belongs to: that of the block where it is first
 * referenced. One walk records it for every label. */
typedef struct {
  const char *section;
  GHashTable *first; /* label -> section, owned by the pool */
  tok_pool *pool;
  outline o;
} note_where;

static void where_cb(doc_node *n, bool entering, void *vctx) {
  note_where *w = vctx;
  if (!entering) return;
  if (n->type == DOC_HEADING) {
    outline_open(&w->o, n);
    w->section = outline_path(&w->o, 7);
  } else if (n->type == DOC_FOOTNOTE_REF && !g_hash_table_contains(w->first, n->label)) {
    g_hash_table_insert(w->first, (gpointer)tok_intern(w->pool, n->label),
                        (gpointer)(w->section ? w->section : ""));
  }
}

GPtrArray *units_collect_notes(diff_ctx *c, const doc *d) {
  GPtrArray *notes = g_ptr_array_new_with_free_func(unit_free);
  note_where w = {NULL, g_hash_table_new(g_str_hash, g_str_equal), c->pool, {{NULL}, c->pool}};
  doc_walk(d->root, where_cb, &w);
  for (guint i = 0; i < d->footnotes->len; i++) {
    const doc_node *f = g_ptr_array_index(d->footnotes, i);
    unit *u = unit_new(f, DIFF_BLOCK_FOOTNOTE, g_hash_table_lookup(w.first, f->label));
    for (doc_node *b = f->first; b; b = b->next)
      if (b->type == DOC_PARAGRAPH || b->type == DOC_CODE_BLOCK) g_ptr_array_add(u->parts, b);
    g_ptr_array_add(notes, u);
  }
  g_hash_table_destroy(w.first);
  return notes;
}

/* A heading whose text recurs in either version ("Handhaving" in two
 * chapters) is aligned together with its section, so that it cannot anchor
 * the alignment in the wrong chapter; where its section was renamed it is
 * still paired by content between aligned neighbours. Every other block is
 * aligned by its key. */
void units_align_keys(diff_ctx *c) {
  GHashTable *seen = g_hash_table_new(g_direct_hash, g_direct_equal); /* key -> count */
  GPtrArray *sides[2] = {c->old_units, c->new_units};
  for (int s = 0; s < 2; s++)
    for (guint i = 0; i < sides[s]->len; i++) {
      unit *u = g_ptr_array_index(sides[s], i);
      u->akey = u->key;
      if (u->kind != DIFF_BLOCK_HEADING) continue;
      gpointer k = GINT_TO_POINTER(u->key);
      /* counted per side, up to 2: twice on one side is a repeat */
      guint n = GPOINTER_TO_UINT(g_hash_table_lookup(seen, k));
      guint mine = (n >> (4 * s)) & 0xf;
      if (mine < 2) n += 1u << (4 * s);
      g_hash_table_insert(seen, k, GUINT_TO_POINTER(n));
    }
  for (int s = 0; s < 2; s++)
    for (guint i = 0; i < sides[s]->len; i++) {
      unit *u = g_ptr_array_index(sides[s], i);
      if (u->kind != DIFF_BLOCK_HEADING) continue;
      guint n = GPOINTER_TO_UINT(g_hash_table_lookup(seen, GINT_TO_POINTER(u->key)));
      if ((n & 0xf) < 2 && (n >> 4) < 2) continue;
      g_string_printf(c->scratch, "\x1d%d\x1d%s", u->key, u->section ? u->section : "");
      gpointer v = g_hash_table_lookup(c->keys, c->scratch->str);
      if (!v) {
        v = GINT_TO_POINTER(g_hash_table_size(c->keys) + 1);
        g_hash_table_insert(c->keys, g_strndup(c->scratch->str, c->scratch->len), v);
      }
      u->akey = GPOINTER_TO_INT(v);
    }
  g_hash_table_destroy(seen);
}

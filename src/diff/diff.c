/* diff: see include/statuut/diff.h */
#include "statuut/diff.h"
#include "statuut/seq.h"
#include "statuut/slug.h"
#include "tokens.h"

#include <stdlib.h>
#include <string.h>

/* Differences explored per gap before the matcher gives up on it; see seq.h.
 * Blocks: a document has hundreds; words: a paragraph has hundreds. */
enum { BLOCK_COST = 2000, WORD_COST = 2000 };
/* Gaps larger than this (old blocks x new blocks) are paired greedily in
 * order instead of by dynamic programming. */
enum { PAIR_CELLS = 250000 };
/* Comparisons spent looking for moved blocks. */
enum { MOVE_COMPARISONS = 4000000 };
/* Similarity (Dice coefficient of words) for a pair to be one edited block,
 * and for a block found elsewhere to be a moved one. */
#define PAIR_SIMILARITY 0.5
#define MOVE_SIMILARITY 0.75

static const char *const kind_names[CHANGE_KIND_MAX] = {"inserted", "deleted", "modified", "moved"};
static const char *const op_names[EDIT_OP_MAX] = {"equal", "insert", "delete"};

const char *diff_kind_name(diff_kind k) {
  return k < CHANGE_KIND_MAX ? kind_names[k] : "?";
}

const char *diff_op_name(diff_op op) {
  return op < EDIT_OP_MAX ? op_names[op] : "?";
}

const char *diff_kind_label(diff_kind k) {
  static const char *const labels[CHANGE_KIND_MAX] = {"ingevoegd", "verwijderd", "gewijzigd",
                                                      "verplaatst"};
  return k < CHANGE_KIND_MAX ? labels[k] : "?";
}

const char *diff_block_label(const char *block) {
  static const struct {
    const char *block, *label;
  } names[] = {{"heading", "kop"},
               {"paragraph", "alinea"},
               {"list_item", "punt"},
               {"blockquote", "citaat"},
               {"table_row", "tabelrij"},
               {"code", "code"},
               {"thematic_break", "scheidingslijn"},
               {"footnote", "noot"}};
  for (size_t i = 0; i < G_N_ELEMENTS(names); i++)
    if (strcmp(names[i].block, block) == 0) return names[i].label;
  return block;
}

const char *diff_field_label(const char *field) {
  static const struct {
    const char *field, *label;
  } names[] = {{"title", "titel"},  {"subtitle", "ondertitel"}, {"version", "versie"},
               {"date", "datum"},   {"status", "status"},       {"summary", "samenvatting"},
               {"author", "auteur"}};
  for (size_t i = 0; i < G_N_ELEMENTS(names); i++)
    if (strcmp(names[i].field, field) == 0) return names[i].label;
  return field;
}

static void change_free(gpointer p);
static void row_free(gpointer p);

/* ---- blocks ---- */

typedef enum { U_SAME, U_MODIFIED, U_MOVED, U_ALONE } unit_state;

typedef struct {
  const doc_node *node; /* the block in its document */
  const char *kind;     /* JSON block name */
  GPtrArray *parts;     /* inline containers: one, or a row's cells, or a note's paragraphs */
  GArray *toks;         /* tokens of all parts, a TOK_BREAK between parts */
  GArray *part_end;     /* of int: where each part's tokens end */
  int key;              /* interned kind + token ids: equal keys, equal blocks */
  int *words;           /* sorted word ids, for similarity */
  int nwords;
  const char *section; /* nearest heading above, interned */
  int match;           /* index on the other side, -1 */
  unit_state state;
  diff_change *change;
  struct ctx_s *c; /* to tokenize on demand */
  bool old_side;
} unit;

typedef struct ctx_s {
  tok_pool pool;
  GPtrArray *old_units, *new_units; /* of unit*, body blocks in order */
  GPtrArray *old_notes, *new_notes; /* of unit*, one per footnote */
  GHashTable *note_map;             /* old label -> label in the redline */
  GHashTable *keys;                 /* kind and canonical content -> block key */
  GString *scratch;                 /* a key being made */
  diff_result *r;
  GHashTable *red_of; /* new node -> its copy in the redline */
} ctx;

static void unit_free(gpointer p) {
  unit *u = p;
  g_ptr_array_free(u->parts, TRUE);
  if (u->toks) g_array_free(u->toks, TRUE);
  if (u->part_end) g_array_free(u->part_end, TRUE);
  g_free(u->words);
  g_free(u);
}

static int int_cmp(const void *a, const void *b) {
  int x = *(const int *)a, y = *(const int *)b;
  return (x > y) - (x < y);
}

/* Labels of the old side's notes as the redline knows them: a note matched
 * with a new one takes its label, one that is gone gets a label of its own
 * so it cannot collide with a new note's. */
static const char *old_ref(const char *label, void *vctx) {
  ctx *c = vctx;
  const char *mapped = c->note_map ? g_hash_table_lookup(c->note_map, label) : NULL;
  return mapped ? mapped : label;
}

/* The block's identity: its kind and canonical content, interned. Equal
 * keys, equal tokens; computed for every block, cheaply. */
static void unit_key(ctx *c, unit *u, bool old_side) {
  u->c = c;
  u->old_side = old_side;
  GString *key = c->scratch;
  g_string_assign(key, u->kind);
  for (guint i = 0; i < u->parts->len; i++) {
    const doc_node *part = g_ptr_array_index(u->parts, i);
    g_string_append_c(key, '\x1e');
    if (part->type == DOC_CODE_BLOCK)
      g_string_append(key, part->text);
    else if (part->type != DOC_THEMATIC_BREAK)
      tok_canonical(part, key, old_side ? old_ref : NULL, c);
  }
  gpointer v = g_hash_table_lookup(c->keys, key->str);
  if (!v) {
    v = GINT_TO_POINTER(g_hash_table_size(c->keys) + 1);
    g_hash_table_insert(c->keys, g_strndup(key->str, key->len), v);
  }
  u->key = GPOINTER_TO_INT(v);
  u->nwords = -1;
}

/* The block's tokens, made when first needed: most blocks are matched
 * whole by their key and never tokenized. */
static const tok *toks_of(unit *u) {
  if (u->toks) return (const tok *)u->toks->data;
  ctx *c = u->c;
  u->toks = g_array_new(FALSE, FALSE, sizeof(tok));
  u->part_end = g_array_new(FALSE, FALSE, sizeof(int));
  for (guint i = 0; i < u->parts->len; i++) {
    const doc_node *part = g_ptr_array_index(u->parts, i);
    if (i > 0) tok_literal(&c->pool, "\n", u->toks); /* parts stay apart */
    if (part->type == DOC_CODE_BLOCK)
      tok_literal(&c->pool, part->text, u->toks);
    else if (part->type != DOC_THEMATIC_BREAK)
      tok_inline(&c->pool, part, u->toks, u->old_side ? old_ref : NULL, c);
    int end = (int)u->toks->len;
    g_array_append_val(u->part_end, end);
  }
  u->nwords = tok_words((const tok *)u->toks->data, (int)u->toks->len);
  return (const tok *)u->toks->data;
}

static int nwords_of(unit *u) {
  toks_of(u);
  return u->nwords;
}

static unit *unit_new(const doc_node *node, const char *kind, const char *section) {
  unit *u = g_new0(unit, 1);
  u->node = node;
  u->kind = kind;
  u->parts = g_ptr_array_new();
  u->section = section;
  u->match = -1;
  u->state = U_ALONE;
  return u;
}

typedef struct {
  ctx *c;
  GPtrArray *units;
  const char *section;
} collect;

static void collect_cb(doc_node *n, bool entering, void *vctx) {
  collect *x = vctx;
  if (!entering) return;
  unit *u = NULL;
  switch (n->type) {
  case DOC_HEADING:
    u = unit_new(n, "heading", x->section);
    g_ptr_array_add(u->parts, n);
    break;
  case DOC_PARAGRAPH: {
    doc_node *p = n->parent;
    const char *kind = p && p->type == DOC_ITEM         ? "list_item"
                       : p && p->type == DOC_BLOCKQUOTE ? "blockquote"
                                                        : "paragraph";
    u = unit_new(n, kind, x->section);
    g_ptr_array_add(u->parts, n);
    break;
  }
  case DOC_CODE_BLOCK:
    u = unit_new(n, "code", x->section);
    g_ptr_array_add(u->parts, n);
    break;
  case DOC_THEMATIC_BREAK:
    u = unit_new(n, "thematic_break", x->section);
    g_ptr_array_add(u->parts, n);
    break;
  case DOC_TABLE_ROW:
    u = unit_new(n, "table_row", x->section);
    for (doc_node *cell = n->first; cell; cell = cell->next)
      g_ptr_array_add(u->parts, cell);
    break;
  default:
    break;
  }
  if (u) g_ptr_array_add(x->units, u);
  if (n->type == DOC_HEADING) {
    char *text = doc_node_plain_text(n);
    x->section = tok_intern(&x->c->pool, text);
    g_free(text);
  }
}

/* The body's blocks in reading order. Inline content is not entered: the
 * walk visits it, but only block types make units. */
static GPtrArray *collect_units(ctx *c, const doc *d) {
  collect x = {c, g_ptr_array_new_with_free_func(unit_free), NULL};
  doc_walk(d->root, collect_cb, &x);
  return x.units;
}

/* Section a note belongs to: that of the block where it is first
 * referenced. One walk records it for every label. */
typedef struct {
  const char *section;
  GHashTable *first; /* label -> section, owned by the pool */
  tok_pool *pool;
} note_where;

static void where_cb(doc_node *n, bool entering, void *vctx) {
  note_where *w = vctx;
  if (!entering) return;
  if (n->type == DOC_HEADING) {
    char *t = doc_node_plain_text(n);
    w->section = tok_intern(w->pool, t);
    g_free(t);
  } else if (n->type == DOC_FOOTNOTE_REF && !g_hash_table_contains(w->first, n->label)) {
    g_hash_table_insert(w->first, (gpointer)tok_intern(w->pool, n->label),
                        (gpointer)(w->section ? w->section : ""));
  }
}

static GPtrArray *collect_notes(ctx *c, const doc *d) {
  GPtrArray *notes = g_ptr_array_new_with_free_func(unit_free);
  note_where w = {NULL, g_hash_table_new(g_str_hash, g_str_equal), &c->pool};
  doc_walk(d->root, where_cb, &w);
  for (guint i = 0; i < d->footnotes->len; i++) {
    const doc_node *f = g_ptr_array_index(d->footnotes, i);
    unit *u = unit_new(f, "footnote", g_hash_table_lookup(w.first, f->label));
    for (doc_node *b = f->first; b; b = b->next)
      if (b->type == DOC_PARAGRAPH || b->type == DOC_CODE_BLOCK) g_ptr_array_add(u->parts, b);
    g_ptr_array_add(notes, u);
  }
  g_hash_table_destroy(w.first);
  return notes;
}

/* The sorted word ids of a block, made when first needed: most blocks are
 * matched whole and never compared word by word. */
static const int *words_of(unit *u) {
  if (!u->words) {
    const tok *t = toks_of(u);
    u->words = g_new(int, u->nwords + 1);
    int n = 0;
    for (guint i = 0; i < u->toks->len; i++)
      if (t[i].word >= 0) u->words[n++] = t[i].word;
    qsort(u->words, (size_t)n, sizeof(int), int_cmp);
  }
  return u->words;
}

/* Dice coefficient of two sorted word multisets. */
static double similarity(unit *a, unit *b) {
  const int *wa = words_of(a), *wb = words_of(b);
  if (a->nwords + b->nwords == 0) return a->key == b->key ? 1.0 : 0.0;
  int i = 0, j = 0, common = 0;
  while (i < a->nwords && j < b->nwords) {
    if (wa[i] == wb[j])
      common++, i++, j++;
    else if (wa[i] < wb[j])
      i++;
    else
      j++;
  }
  return 2.0 * common / (a->nwords + b->nwords);
}

/* Kinds are the string constants of collect_cb: equal kinds, equal pointers. */
static bool comparable(const unit *a, const unit *b) {
  return a->kind == b->kind;
}

static void link_units(unit *a, int ia, unit *b, int ib, unit_state st) {
  if (st == U_MODIFIED && a->key == b->key) st = U_SAME;
  a->match = ib;
  b->match = ia;
  a->state = b->state = st;
}

/* ---- footnotes first: their identity decides what references mean ---- */

static void match_notes(ctx *c) {
  GPtrArray *on = c->old_notes, *nn = c->new_notes;
  for (guint i = 0; i < on->len; i++)
    unit_key(c, g_ptr_array_index(on, i), false);
  for (guint j = 0; j < nn->len; j++)
    unit_key(c, g_ptr_array_index(nn, j), false);
  /* identical text first, in order: the n-th old note with a text matches
   * the n-th new note with that text (two notes may say the same) */
  GHashTable *by_key =
      g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, (GDestroyNotify)g_queue_free);
  for (guint j = 0; j < nn->len; j++) {
    unit *b = g_ptr_array_index(nn, j);
    GQueue *q = g_hash_table_lookup(by_key, GINT_TO_POINTER(b->key));
    if (!q) {
      q = g_queue_new();
      g_hash_table_insert(by_key, GINT_TO_POINTER(b->key), q);
    }
    g_queue_push_tail(q, GINT_TO_POINTER(j));
  }
  for (guint i = 0; i < on->len; i++) {
    unit *a = g_ptr_array_index(on, i);
    GQueue *q = g_hash_table_lookup(by_key, GINT_TO_POINTER(a->key));
    if (q && !g_queue_is_empty(q)) {
      int j = GPOINTER_TO_INT(g_queue_pop_head(q));
      link_units(a, (int)i, g_ptr_array_index(nn, j), j, U_SAME);
    }
  }
  g_hash_table_destroy(by_key);
  /* then edited notes: the most similar pairs first */
  for (;;) {
    double best = PAIR_SIMILARITY;
    int bi = -1, bj = -1;
    for (guint i = 0; i < on->len; i++) {
      unit *a = g_ptr_array_index(on, i);
      if (a->match >= 0) continue;
      for (guint j = 0; j < nn->len; j++) {
        unit *b = g_ptr_array_index(nn, j);
        if (b->match >= 0) continue;
        double s = similarity(a, b);
        if (s > best) best = s, bi = (int)i, bj = (int)j;
      }
    }
    if (bi < 0) break;
    link_units(g_ptr_array_index(on, bi), bi, g_ptr_array_index(nn, bj), bj, U_MODIFIED);
  }
  c->note_map = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < on->len; i++) {
    unit *a = g_ptr_array_index(on, i);
    const char *to = a->match >= 0 ? ((unit *)g_ptr_array_index(nn, a->match))->node->label : NULL;
    g_hash_table_insert(c->note_map, g_strdup(a->node->label),
                        to ? g_strdup(to) : g_strconcat("verwijderd-", a->node->label, NULL));
  }
}

/* ---- blocks: align, pair, find moves ---- */

/* Pairs the unmatched blocks old[i0,i1) and new[j0,j1) that lie between two
 * aligned blocks, keeping order, maximising total similarity. */
static void pair_gap(GPtrArray *ou, int i0, int i1, GPtrArray *nu, int j0, int j1) {
  int m = i1 - i0, n = j1 - j0;
  if (m <= 0 || n <= 0) return;
  if (m == 1 && n == 1) {
    /* One heading replaced by one heading between the same neighbours is
     * that heading renamed, however different the words. */
    unit *a = g_ptr_array_index(ou, i0), *b = g_ptr_array_index(nu, j0);
    if (strcmp(a->kind, "heading") == 0 && comparable(a, b)) {
      link_units(a, i0, b, j0, U_MODIFIED);
      return;
    }
  }
  if ((long)m * n > PAIR_CELLS) {
    for (int k = 0; k < m && k < n; k++) {
      unit *a = g_ptr_array_index(ou, i0 + k), *b = g_ptr_array_index(nu, j0 + k);
      if (comparable(a, b) && similarity(a, b) >= PAIR_SIMILARITY)
        link_units(a, i0 + k, b, j0 + k, U_MODIFIED);
    }
    return;
  }
  double *score = g_new0(double, (size_t)(m + 1) * (size_t)(n + 1));
#define S(i, j) score[(size_t)(i) * (size_t)(n + 1) + (size_t)(j)]
  for (int i = m - 1; i >= 0; i--)
    for (int j = n - 1; j >= 0; j--) {
      unit *a = g_ptr_array_index(ou, i0 + i), *b = g_ptr_array_index(nu, j0 + j);
      double best = MAX(S(i + 1, j), S(i, j + 1));
      if (comparable(a, b)) {
        double s = similarity(a, b);
        if (s >= PAIR_SIMILARITY) best = MAX(best, s + S(i + 1, j + 1));
      }
      S(i, j) = best;
    }
  for (int i = 0, j = 0; i < m && j < n;) {
    unit *a = g_ptr_array_index(ou, i0 + i), *b = g_ptr_array_index(nu, j0 + j);
    double s = comparable(a, b) ? similarity(a, b) : 0;
    if (s >= PAIR_SIMILARITY && S(i, j) == s + S(i + 1, j + 1)) {
      link_units(a, i0 + i, b, j0 + j, U_MODIFIED);
      i++, j++;
    } else if (S(i, j) == S(i + 1, j)) {
      i++;
    } else {
      j++;
    }
  }
#undef S
  g_free(score);
}

static void align_blocks(ctx *c) {
  GPtrArray *ou = c->old_units, *nu = c->new_units;
  int m = (int)ou->len, n = (int)nu->len;
  int *a = g_new(int, m + 1), *b = g_new(int, n + 1), *match = g_new(int, m + 1);
  for (int i = 0; i < m; i++)
    a[i] = ((unit *)g_ptr_array_index(ou, i))->key;
  for (int j = 0; j < n; j++)
    b[j] = ((unit *)g_ptr_array_index(nu, j))->key;
  seq_match(a, m, b, n, match, BLOCK_COST);
  for (int i = 0; i < m; i++)
    if (match[i] >= 0)
      link_units(g_ptr_array_index(ou, i), i, g_ptr_array_index(nu, match[i]), match[i], U_SAME);
  /* the gaps between aligned blocks */
  int pi = 0, pj = 0;
  for (int i = 0; i <= m; i++) {
    if (i < m && match[i] < 0) continue;
    int j = i < m ? match[i] : n;
    pair_gap(ou, pi, i, nu, pj, j);
    pi = i + 1;
    pj = j + 1;
  }
  g_free(a);
  g_free(b);
  g_free(match);
}

/* A block that disappeared here and appears there, identical or nearly. */
static void find_moves(ctx *c) {
  GPtrArray *ou = c->old_units, *nu = c->new_units;
  GHashTable *by_key =
      g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, (GDestroyNotify)g_array_unref);
  for (guint j = 0; j < nu->len; j++) {
    unit *b = g_ptr_array_index(nu, j);
    if (b->match >= 0) continue;
    GArray *list = g_hash_table_lookup(by_key, GINT_TO_POINTER(b->key));
    if (!list) {
      list = g_array_new(FALSE, FALSE, sizeof(int));
      g_hash_table_insert(by_key, GINT_TO_POINTER(b->key), list);
    }
    int jj = (int)j;
    g_array_append_val(list, jj);
  }
  /* A block of a word or two ("Ja.", an empty heading) is too common to
   * count as moved: it is more honestly deleted here and inserted there. */
  for (guint i = 0; i < ou->len; i++) {
    unit *a = g_ptr_array_index(ou, i);
    if (a->match >= 0 || nwords_of(a) < 3) continue;
    GArray *list = g_hash_table_lookup(by_key, GINT_TO_POINTER(a->key));
    for (guint k = 0; list && k < list->len; k++) {
      int j = g_array_index(list, int, k);
      unit *b = g_ptr_array_index(nu, j);
      if (b->match < 0) {
        link_units(a, (int)i, b, j, U_MOVED);
        break;
      }
    }
  }
  g_hash_table_destroy(by_key);
  long budget = MOVE_COMPARISONS;
  for (guint i = 0; i < ou->len && budget > 0; i++) {
    unit *a = g_ptr_array_index(ou, i);
    if (a->match >= 0 || nwords_of(a) < 5) continue;
    double best = MOVE_SIMILARITY;
    int bj = -1;
    for (guint j = 0; j < nu->len && budget > 0; j++) {
      unit *b = g_ptr_array_index(nu, j);
      if (b->match >= 0 || !comparable(a, b) || nwords_of(b) < 5) continue;
      /* sizes too far apart cannot reach the threshold */
      if (b->nwords * 4 < a->nwords * 2 || a->nwords * 4 < b->nwords * 2) continue;
      budget -= a->nwords + b->nwords;
      double s = similarity(a, b);
      if (s > best) best = s, bj = (int)j;
    }
    if (bj >= 0) link_units(a, (int)i, g_ptr_array_index(nu, bj), bj, U_MOVED);
  }
}

/* ---- word edits ---- */

typedef struct {
  diff_op op;
  int from, to; /* token range on the side the op reads: old for equal/delete, new for insert */
} seg;

/* Token-level edit script of a[0,m) -> b[0,n), cleaned up: an equal run
 * between two edits that is no longer than the edits on both sides of it is
 * absorbed into them (after the semantic cleanup of N. Fraser's
 * diff-match-patch), so the redline marks phrases, not confetti. */
static GArray *word_script(const tok *a, int m, const tok *b, int n) {
  int *ia = g_new(int, m + 1), *ib = g_new(int, n + 1), *match = g_new(int, m + 1);
  for (int i = 0; i < m; i++)
    ia[i] = a[i].id;
  for (int j = 0; j < n; j++)
    ib[j] = b[j].id;
  seq_match(ia, m, ib, n, match, WORD_COST);
  for (bool again = true; again;) {
    again = false;
    /* runs of consecutive matches */
    int prev_del = 0, prev_ins = 0;
    int i = 0, j = 0;
    bool seen_edit = false;
    while (i < m || j < n) {
      int del = 0, ins = 0, del_chars = 0, ins_chars = 0;
      while (i < m && match[i] < 0)
        del_chars += (int)strlen(a[i].text), i++, del++;
      int next_j = i < m ? match[i] : n;
      while (j < next_j)
        ins_chars += (int)strlen(b[j].text), j++, ins++;
      if (del || ins) {
        seen_edit = true;
        prev_del = del_chars;
        prev_ins = ins_chars;
      }
      if (i >= m) break;
      int run0 = i, chars = 0;
      while (i < m && match[i] == j)
        chars += (int)strlen(a[i].text), i++, j++;
      /* the edit after this run */
      int k = i, dc = 0, ic = 0;
      while (k < m && match[k] < 0)
        dc += (int)strlen(a[k].text), k++;
      int kj = k < m ? match[k] : n;
      for (int q = j; q < kj; q++)
        ic += (int)strlen(b[q].text);
      bool edit_after = k > i || kj > j;
      if (seen_edit && edit_after && chars <= MAX(prev_del, prev_ins) && chars <= MAX(dc, ic)) {
        for (int q = run0; q < i; q++)
          match[q] = -1;
        again = true;
        break;
      }
    }
  }
  /* A change group that starts or ends with the same tokens on both sides
   * ("co creatie " -> "co-creatie ") gives them back to the equal runs
   * around it, so edits end at word boundaries, as an editor marks them. */
  for (int i = 0, j = 0; i < m || j < n;) {
    int i0 = i, j0 = j;
    while (i < m && match[i] < 0)
      i++;
    int j1 = i < m ? match[i] : n;
    int i1 = i;
    while (i0 < i1 && j0 < j1 && a[i0].id == b[j0].id)
      match[i0++] = j0++;
    while (i1 > i0 && j1 > j0 && a[i1 - 1].id == b[j1 - 1].id) {
      i1--, j1--;
      match[i1] = j1;
    }
    j = i < m ? match[i] : n;
    while (i < m && match[i] == j)
      i++, j++;
  }
  /* segments: deletions before insertions between two equal runs */
  GArray *script = g_array_new(FALSE, FALSE, sizeof(seg));
  int i = 0, j = 0;
  while (i < m || j < n) {
    int i0 = i;
    while (i < m && match[i] < 0)
      i++;
    if (i > i0) g_array_append_val(script, ((seg){EDIT_DELETE, i0, i}));
    int next_j = i < m ? match[i] : n;
    if (next_j > j) g_array_append_val(script, ((seg){EDIT_INSERT, j, next_j}));
    j = next_j;
    int e0 = i;
    while (i < m && match[i] == j)
      i++, j++;
    if (i > e0) g_array_append_val(script, ((seg){EDIT_EQUAL, e0, i}));
  }
  g_free(ia);
  g_free(ib);
  g_free(match);
  return script;
}

/* ---- building inline nodes from tokens ---- */

/* Appends to container the nodes for tokens t[from, to), marked as given:
 * runs of the same style and link become one styled node. */
static void emit_tokens(doc_node *container, const tok *t, int from, int to, doc_mark mark) {
  int i = from;
  while (i < to) {
    int k = i + 1;
    while (k < to && t[k].style == t[i].style && t[k].url == t[i].url && t[k].kind != TOK_REF &&
           t[k].kind != TOK_IMAGE && t[k].kind != TOK_BREAK && t[i].kind != TOK_REF &&
           t[i].kind != TOK_IMAGE && t[i].kind != TOK_BREAK && !(t[i].style & STYLE_CODE))
      k++;
    doc_node *outer = NULL, *inner = NULL;
    /* wrap: link, strong, emphasis, strike, from the outside in */
    doc_node_type wraps[4];
    int nw = 0;
    if (t[i].url && t[i].kind != TOK_IMAGE) wraps[nw++] = DOC_LINK;
    if (t[i].style & STYLE_STRONG) wraps[nw++] = DOC_STRONG;
    if (t[i].style & STYLE_EM) wraps[nw++] = DOC_EMPH;
    if (t[i].style & STYLE_STRIKE) wraps[nw++] = DOC_STRIKE;
    for (int w = 0; w < nw; w++) {
      doc_node *x = doc_node_new(wraps[w]);
      if (wraps[w] == DOC_LINK) x->url = g_strdup(t[i].url);
      if (inner)
        doc_node_append(inner, x);
      else
        outer = x;
      inner = x;
    }
    doc_node *leaf;
    if (t[i].kind == TOK_REF) {
      leaf = doc_node_new(DOC_FOOTNOTE_REF);
      leaf->label = g_strdup(t[i].label);
    } else if (t[i].kind == TOK_BREAK) {
      leaf = doc_node_new(DOC_LINEBREAK);
    } else if (t[i].kind == TOK_IMAGE) {
      leaf = doc_node_new(DOC_IMAGE);
      leaf->url = g_strdup(t[i].url);
      doc_node *alt = doc_node_new(DOC_TEXT);
      alt->text = g_strdup(t[i].text);
      doc_node_append(leaf, alt);
    } else if (t[i].style & STYLE_CODE) {
      leaf = doc_node_new(DOC_CODE);
      leaf->text = g_strdup(t[i].text);
    } else {
      leaf = doc_node_new(DOC_TEXT);
      GString *s = g_string_new(NULL);
      for (int q = i; q < k; q++)
        g_string_append(s, t[q].text);
      leaf->text = g_string_free(s, FALSE);
    }
    if (inner)
      doc_node_append(inner, leaf);
    else
      outer = leaf;
    outer->mark = mark;
    doc_node_append(container, outer);
    i = k;
  }
}

/* Which runs of a script to draw. */
enum { SHOW_OLD = 1, SHOW_NEW = 2 };

/* Replaces the inline children of container by the script's runs. */
static void draw_script(doc_node *container, const GArray *script, const tok *a, const tok *b,
                        int show) {
  while (container->first)
    doc_node_free(container->first);
  for (guint s = 0; s < script->len; s++) {
    seg g = g_array_index(script, seg, s);
    if (g.op == EDIT_EQUAL)
      emit_tokens(container, a, g.from, g.to, MARK_NONE);
    else if (g.op == EDIT_DELETE && (show & SHOW_OLD))
      emit_tokens(container, a, g.from, g.to, MARK_DELETE);
    else if (g.op == EDIT_INSERT && (show & SHOW_NEW))
      emit_tokens(container, b, g.from, g.to, MARK_INSERT);
  }
}

/* ---- changes ---- */

static diff_change *change_new(ctx *c, diff_kind kind, const char *block) {
  diff_change *ch = g_new0(diff_change, 1);
  ch->kind = kind;
  ch->block = block;
  g_ptr_array_add(c->r->changes, ch);
  return ch;
}

/* Plain text of a block for JSON and the terminal: its tokens without
 * styles; a footnote reference reads [^label]; parts are separated by a
 * blank line (a note's paragraphs) or " | " (a row's cells). */
static char *plain(const unit *u) {
  GString *s = g_string_new(NULL);
  const tok *t = toks_of((unit *)u);
  guint part = 0;
  for (guint i = 0; i < u->toks->len; i++) {
    if (part + 1 < u->part_end->len && (int)i == g_array_index(u->part_end, int, part)) {
      const doc_node *p = g_ptr_array_index(u->parts, part);
      g_string_append(s, p->type == DOC_TABLE_CELL ? " | " : "\n\n");
      part++;
      continue; /* the separator token */
    }
    g_string_append(s, t[i].text);
  }
  return g_string_free(s, FALSE);
}

static void old_copy_cb(doc_node *n, bool entering, void *vctx);

/* Word edits between two matched blocks: per part when both have the same
 * number of parts (cells of a row, paragraphs of a note), else the parts are
 * compared as one text. The edits go into ch->edits; they are drawn into the
 * redline (red_map: new node -> its redline copy) and into the side-by-side
 * views of the row. */
static void word_edits(const unit *a, const unit *b, diff_change *ch, GHashTable *red_map,
                       diff_row *row) {
  ch->edits = g_ptr_array_new();
  GHashTable *old_map = g_hash_table_new(g_direct_hash, g_direct_equal);
  GHashTable *new_map = g_hash_table_new(g_direct_hash, g_direct_equal);
  row->old_view = doc_node_copy(a->node, old_map);
  row->new_view = doc_node_copy(b->node, new_map);
  doc_walk(row->old_view, old_copy_cb, a->c); /* the redline's note labels */
  bool per_part = a->parts->len == b->parts->len;
  const tok *at = toks_of((unit *)a), *bt = toks_of((unit *)b);
  guint parts = per_part ? a->parts->len : 1;
  for (guint p = 0; p < parts; p++) {
    int a0 = per_part && p ? g_array_index(a->part_end, int, p - 1) + 1 : 0;
    int a1 = per_part ? g_array_index(a->part_end, int, p) : (int)a->toks->len;
    int b0 = per_part && p ? g_array_index(b->part_end, int, p - 1) + 1 : 0;
    int b1 = per_part ? g_array_index(b->part_end, int, p) : (int)b->toks->len;
    GArray *script = word_script(at + a0, a1 - a0, bt + b0, b1 - b0);
    if (per_part && p > 0) {
      /* the boundary between two cells or two paragraphs of a note */
      const doc_node *np0 = g_ptr_array_index(b->parts, p);
      diff_edit *e = g_new(diff_edit, 1);
      e->op = EDIT_EQUAL;
      e->text = g_strdup(np0->type == DOC_TABLE_CELL ? " | " : "\n\n");
      g_ptr_array_add(ch->edits, e);
    }
    for (guint s = 0; s < script->len; s++) {
      seg g = g_array_index(script, seg, s);
      const tok *src = g.op == EDIT_INSERT ? bt + b0 : at + a0;
      diff_edit *e = g_new(diff_edit, 1);
      e->op = g.op;
      e->text = tok_text(src, g.from, g.to);
      g_ptr_array_add(ch->edits, e);
      int w = tok_words(src + g.from, g.to - g.from);
      if (g.op == EDIT_INSERT) ch->words_inserted += w;
      if (g.op == EDIT_DELETE) ch->words_deleted += w;
    }
    const doc_node *np = g_ptr_array_index(b->parts, p), *op = g_ptr_array_index(a->parts, p);
    if (per_part && np->type != DOC_CODE_BLOCK && np->type != DOC_THEMATIC_BREAK) {
      draw_script(g_hash_table_lookup(red_map, np), script, at + a0, bt + b0, SHOW_OLD | SHOW_NEW);
      draw_script(g_hash_table_lookup(new_map, np), script, at + a0, bt + b0, SHOW_NEW);
      draw_script(g_hash_table_lookup(old_map, op), script, at + a0, bt + b0, SHOW_OLD);
    }
    g_array_free(script, TRUE);
  }
  if (!per_part || ((const doc_node *)g_ptr_array_index(b->parts, 0))->type == DOC_CODE_BLOCK) {
    /* no word-level drawing: the old text is shown deleted, the new inserted */
    row->old_view->mark = MARK_DELETE;
    row->new_view->mark = MARK_INSERT;
  }
  g_hash_table_destroy(old_map);
  g_hash_table_destroy(new_map);
}

/* Every id in a copy of an old block gets a prefix so it cannot collide with
 * the new version's ids on the same page. Footnote labels are mapped to the
 * redline's. */
static void old_copy_cb(doc_node *n, bool entering, void *vctx) {
  ctx *c = vctx;
  if (!entering) return;
  if (n->id) {
    char *id = g_strconcat("oud-", n->id, NULL);
    g_free(n->id);
    n->id = id;
  }
  if (n->type == DOC_FOOTNOTE_REF) {
    char *label = g_strdup(old_ref(n->label, c));
    g_free(n->label);
    n->label = label;
  }
}

static doc_node *copy_old(ctx *c, const doc_node *n, GHashTable *map) {
  doc_node *copy = doc_node_copy(n, map);
  doc_walk(copy, old_copy_cb, c);
  return copy;
}

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

static diff_row *row_new(ctx *c, const doc_node *o, const doc_node *n, diff_change *ch) {
  diff_row *row = g_new0(diff_row, 1);
  row->old_block = o;
  row->new_block = n;
  row->change = ch;
  g_ptr_array_add(c->r->rows, row);
  return row;
}

static void build_redline(ctx *c) {
  const doc *nd = c->r->new_doc;
  doc *red = g_new0(doc, 1);
  red->path = g_strdup(nd->path);
  /* the redline's front matter is the new version's */
  red->meta = nd->meta;
  red->meta.fields = g_ptr_array_ref(nd->meta.fields);
  c->red_of = g_hash_table_new(g_direct_hash, g_direct_equal);
  red->root = doc_node_copy(nd->root, c->red_of);
  red->footnotes = g_ptr_array_new();
  c->r->redline = red;

  GPtrArray *ou = c->old_units, *nu = c->new_units;
  /* new blocks: marks and word edits */
  for (guint j = 0; j < nu->len; j++) {
    unit *b = g_ptr_array_index(nu, j);
    doc_node *rn = g_hash_table_lookup(c->red_of, b->node);
    unit *a = b->match >= 0 ? g_ptr_array_index(ou, b->match) : NULL;
    if (b->state == U_SAME) continue;
    diff_change *ch;
    if (b->state == U_ALONE) {
      ch = change_new(c, CHANGE_INSERTED, b->kind);
      rn->mark = MARK_INSERT;
      ch->words_inserted = nwords_of(b);
    } else {
      ch = change_new(c, b->state == U_MOVED ? CHANGE_MOVED : CHANGE_MODIFIED, b->kind);
      rn->mark = b->state == U_MOVED ? MARK_MOVED_TO : MARK_MODIFIED;
      ch->old_text = plain(a);
      ch->old_section = g_strdup(a->section);
      a->change = ch;
    }
    ch->new_text = plain(b);
    ch->section = g_strdup(b->section);
    ch->new_section = b->state == U_MOVED ? g_strdup(b->section) : NULL;
    ch->red = rn;
    b->change = ch;
    diff_row *row = row_new(c, a ? a->node : NULL, b->node, ch);
    if (a && a->key != b->key) word_edits(a, b, ch, c->red_of, row);
  }
  /* old blocks that are gone from their place */
  counts k = {g_hash_table_new(g_direct_hash, g_direct_equal),
              g_hash_table_new(g_direct_hash, g_direct_equal)};
  for (guint i = 0; i < ou->len; i++) {
    unit *a = g_ptr_array_index(ou, i);
    count_up(k.total, a->node);
    if (a->state == U_ALONE || a->state == U_MOVED) count_up(k.gone, a->node);
  }
  GHashTable *copies = g_hash_table_new(g_direct_hash, g_direct_equal); /* old -> copy */
  doc_node *anchor = NULL;   /* redline node of the last block that stayed */
  doc_node *last_put = NULL; /* the last copy placed after that anchor */
  for (guint i = 0; i < ou->len; i++) {
    unit *a = g_ptr_array_index(ou, i);
    if (a->state == U_SAME || a->state == U_MODIFIED) {
      unit *b = g_ptr_array_index(nu, a->match);
      anchor = g_hash_table_lookup(c->red_of, b->node);
      last_put = NULL;
      continue;
    }
    diff_change *ch = a->change;
    if (a->state == U_ALONE) {
      ch = change_new(c, CHANGE_DELETED, a->kind);
      ch->old_text = plain(a);
      ch->section = g_strdup(a->section);
      ch->words_deleted = nwords_of(a);
      a->change = ch;
      row_new(c, a->node, NULL, ch);
    }
    /* the highest container whose blocks are all gone is copied whole, once;
     * a paragraph that is all of its item brings the item (and its letter) */
    const doc_node *top = a->node;
    while (top->parent && top->parent->type != DOC_ROOT && all_gone(&k, top->parent))
      top = top->parent;
    if (!g_hash_table_contains(copies, a->node)) {
      doc_node *copy = copy_old(c, top, copies);
      doc_node *after = last_put ? last_put : anchor;
      last_put = place(red->root, after, copy, top->parent);
    }
    doc_mark mark = a->state == U_MOVED ? MARK_MOVED_FROM : MARK_DELETE;
    doc_node *mine = g_hash_table_lookup(copies, a->node);
    mine->mark = mark;
    if (mine->parent && mine->parent->type == DOC_ITEM && mine->parent->first == mine)
      mine->parent->mark = mark;
    if (a->state == U_MOVED)
      ch->red_from = mine;
    else
      ch->red = mine;
  }
  g_hash_table_destroy(copies);
  g_hash_table_destroy(k.total);
  g_hash_table_destroy(k.gone);

  /* notes: the new version's, with their edits, then the deleted ones */
  for (guint j = 0; j < c->new_notes->len; j++) {
    unit *b = g_ptr_array_index(c->new_notes, j);
    doc_node *copy = doc_node_copy(b->node, c->red_of);
    g_ptr_array_add(red->footnotes, copy);
    if (b->state == U_SAME) continue;
    unit *a = b->match >= 0 ? g_ptr_array_index(c->old_notes, b->match) : NULL;
    diff_change *ch = change_new(c, a ? CHANGE_MODIFIED : CHANGE_INSERTED, "footnote");
    ch->section = g_strdup(b->section);
    ch->new_text = plain(b);
    ch->red = copy;
    copy->mark = a ? MARK_MODIFIED : MARK_INSERT;
    diff_row *row = row_new(c, a ? a->node : NULL, b->node, ch);
    if (a) {
      ch->old_text = plain(a);
      word_edits(a, b, ch, c->red_of, row);
    } else {
      ch->words_inserted = nwords_of(b);
    }
  }
  for (guint i = 0; i < c->old_notes->len; i++) {
    unit *a = g_ptr_array_index(c->old_notes, i);
    if (a->match >= 0) continue;
    doc_node *copy = doc_node_copy(a->node, NULL);
    g_free(copy->label);
    copy->label = g_strdup(old_ref(a->node->label, c));
    doc_walk(copy, old_copy_cb, c);
    copy->mark = MARK_DELETE;
    g_ptr_array_add(red->footnotes, copy);
    diff_change *ch = change_new(c, CHANGE_DELETED, "footnote");
    ch->section = g_strdup(a->section);
    ch->old_text = plain(a);
    ch->words_deleted = nwords_of(a);
    ch->red = copy;
    row_new(c, a->node, NULL, ch);
  }
  for (guint i = 0; i < red->footnotes->len; i++) {
    doc_node *f = g_ptr_array_index(red->footnotes, i);
    char *s = slug_from_text(f->label);
    g_free(f->id);
    f->id = g_strdup_printf("fn-%s", s);
    g_free(s);
  }
  doc_number_footnotes(red);
}

/* ---- reading order ---- */

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
static void order_changes(ctx *c) {
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
  g_ptr_array_set_free_func(o.ordered, change_free);
  g_ptr_array_set_free_func(r->changes, NULL);
  g_ptr_array_free(r->changes, TRUE);
  r->changes = o.ordered;
  g_hash_table_destroy(o.by_node);
}

/* The side-by-side rows: every block of the new version in order, the old
 * blocks that are gone at the place they stood, each beside its
 * counterpart. Built from the redline's reading order. */
typedef struct {
  ctx *c;
  GHashTable *new_of_red; /* redline node -> new unit */
  GHashTable *row_of_change;
  GPtrArray *rows;
  GHashTable *placed; /* rows already in `rows` */
} rows_ctx;

static void rows_cb(doc_node *n, bool entering, void *vctx) {
  rows_ctx *x = vctx;
  if (!entering) return;
  unit *b = g_hash_table_lookup(x->new_of_red, n);
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

static void order_rows(ctx *c) {
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
  g_ptr_array_set_free_func(x.rows, row_free);
  g_ptr_array_set_free_func(r->rows, NULL);
  g_ptr_array_free(r->rows, TRUE);
  r->rows = x.rows;
  g_hash_table_destroy(x.new_of_red);
  g_hash_table_destroy(x.row_of_change);
  g_hash_table_destroy(x.placed);
}

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

static void change_free(gpointer p) {
  diff_change *ch = p;
  g_free(ch->section);
  g_free(ch->old_section);
  g_free(ch->new_section);
  g_free(ch->old_text);
  g_free(ch->new_text);
  if (ch->edits) {
    for (guint i = 0; i < ch->edits->len; i++) {
      diff_edit *e = g_ptr_array_index(ch->edits, i);
      g_free(e->text);
      g_free(e);
    }
    g_ptr_array_free(ch->edits, TRUE);
  }
  g_free(ch);
}

static void meta_free(gpointer p) {
  diff_meta *m = p;
  g_free(m->field);
  g_free(m->old_value);
  g_free(m->new_value);
  g_free(m);
}

static void row_free(gpointer p) {
  diff_row *row = p;
  doc_node_free(row->old_view);
  doc_node_free(row->new_view);
  g_free(row);
}

diff_result *diff_docs(const doc *old_doc, const doc *new_doc) {
  diff_result *r = g_new0(diff_result, 1);
  r->old_doc = old_doc;
  r->new_doc = new_doc;
  r->metadata = g_ptr_array_new_with_free_func(meta_free);
  r->changes = g_ptr_array_new_with_free_func(change_free);
  r->rows = g_ptr_array_new_with_free_func(row_free);
  ctx c = {0};
  c.r = r;
  tok_pool_init(&c.pool);
  c.keys = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  c.scratch = g_string_sized_new(4096);

  c.old_notes = collect_notes(&c, old_doc);
  c.new_notes = collect_notes(&c, new_doc);
  match_notes(&c);
  c.old_units = collect_units(&c, old_doc);
  c.new_units = collect_units(&c, new_doc);
  for (guint i = 0; i < c.old_units->len; i++)
    unit_key(&c, g_ptr_array_index(c.old_units, i), true);
  for (guint j = 0; j < c.new_units->len; j++)
    unit_key(&c, g_ptr_array_index(c.new_units, j), false);
  align_blocks(&c);
  find_moves(&c);
  build_redline(&c);
  order_changes(&c);
  order_rows(&c);
  diff_meta_fields(r);
  for (guint i = 0; i < r->changes->len; i++) {
    diff_change *ch = g_ptr_array_index(r->changes, i);
    r->count[ch->kind]++;
    r->words_inserted += ch->words_inserted;
    r->words_deleted += ch->words_deleted;
  }

  g_ptr_array_free(c.old_units, TRUE);
  g_ptr_array_free(c.new_units, TRUE);
  g_ptr_array_free(c.old_notes, TRUE);
  g_ptr_array_free(c.new_notes, TRUE);
  r->note_labels = c.note_map; /* for diff_old_view */
  g_hash_table_destroy(c.keys);
  g_string_free(c.scratch, TRUE);
  g_hash_table_destroy(c.red_of);
  tok_pool_clear(&c.pool);
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
    g_free(red->path);
    g_free(red);
  }
  g_free(r);
}

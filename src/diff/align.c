/* align: which block of the old version is which block of the new one.
 *
 * Footnotes are matched first, by content (identical, then most similar),
 * because their identity decides what a reference means. Body blocks are
 * aligned by their keys with seq_match (seq.h); the unmatched blocks between
 * two aligned ones are paired by word similarity, keeping order, so that an
 * edited block is one modified change; blocks still alone are looked for
 * elsewhere on the other side (moved). Every search here has a bound. */
#include "stages.h"
#include "statuut/seq.h"

/* Differences explored per gap before the matcher gives up on it; see seq.h.
 * A document has hundreds of blocks. */
enum { BLOCK_COST = 2000 };
/* Gaps larger than this (old blocks x new blocks) are paired greedily in
 * order instead of by dynamic programming. */
enum { PAIR_CELLS = 250000 };
/* Comparisons spent looking for moved blocks. */
enum { MOVE_COMPARISONS = 4000000 };
/* A block needs this many words on both sides to count as rewritten and
 * moved below MOVE_SIMILARITY: shorter ones share too few words by chance. */
enum { REWRITE_WORDS = 10 };

/* How many words two sorted word multisets have in common. */
static int common_words(const int *wa, int na, const int *wb, int nb) {
  int i = 0, j = 0, common = 0;
  while (i < na && j < nb) {
    if (wa[i] == wb[j])
      common++, i++, j++;
    else if (wa[i] < wb[j])
      i++;
    else
      j++;
  }
  return common;
}

/* Dice coefficient of two sorted word multisets (images among them). */
static double similarity(unit *a, unit *b) {
  const int *wa = unit_words(a), *wb = unit_words(b);
  if (a->nwords + b->nwords == 0) return a->key == b->key ? 1.0 : 0.0;
  return 2.0 * common_words(wa, a->nwords, wb, b->nwords) / (a->nwords + b->nwords);
}

/* Running text: a point, a paragraph and a quoted paragraph may become one
 * another (the change says the kind changed). */
static bool text_kind(diff_block k) {
  return k == DIFF_BLOCK_PARAGRAPH || k == DIFF_BLOCK_LIST_ITEM || k == DIFF_BLOCK_BLOCKQUOTE;
}

static bool comparable(const unit *a, const unit *b) {
  return a->kind == b->kind || (text_kind(a->kind) && text_kind(b->kind));
}

/* Blocks this short ("Ingangsdatum: 1 januari 2023") differ in most of
 * their words when one fact changes. */
enum { SHORT_WORDS = 8 };

/* True when two blocks start alike enough to be one fact edited: the same
 * two words or more, or a word and a colon ("Ingangsdatum:"); one common
 * article ("De") is chance. */
static bool common_start(unit *a, unit *b) {
  const tok *ta = unit_toks(a), *tb = unit_toks(b);
  int words = 0;
  for (guint i = 0; i < a->toks->len && i < b->toks->len && ta[i].id == tb[i].id; i++) {
    if (ta[i].kind == TOK_WORD) words++;
    if (words >= 2 || (words >= 1 && ta[i].kind == TOK_PUNCT && ta[i].text[0] == ':')) return true;
  }
  return false;
}

/* The similarity a pair between two aligned neighbours is judged by: the
 * Dice coefficient, but two short blocks that start with the same words
 * (a label and its value) count as similar enough to be one edit. */
static double pair_similarity(unit *a, unit *b) {
  double s = similarity(a, b);
  if (s < PAIR_SIMILARITY && unit_nwords(a) <= SHORT_WORDS && unit_nwords(b) <= SHORT_WORDS &&
      common_start(a, b))
    s = PAIR_SIMILARITY;
  return s;
}

static void link_units(unit *a, int ia, unit *b, int ib, unit_state st) {
  if (st == U_MODIFIED && a->key == b->key) st = U_SAME;
  a->match = ib;
  b->match = ia;
  a->state = b->state = st;
}

/* ---- footnotes first: their identity decides what references mean ---- */

void align_notes(diff_ctx *c) {
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
     * that heading renamed, however different the words (a short block
     * that takes another's place is paired after the moves:
     * align_short_places). */
    unit *a = g_ptr_array_index(ou, i0), *b = g_ptr_array_index(nu, j0);
    if (a->kind == DIFF_BLOCK_HEADING && comparable(a, b)) {
      link_units(a, i0, b, j0, U_MODIFIED);
      return;
    }
  }
  if ((long)m * n > PAIR_CELLS) {
    for (int k = 0; k < m && k < n; k++) {
      unit *a = g_ptr_array_index(ou, i0 + k), *b = g_ptr_array_index(nu, j0 + k);
      if (comparable(a, b) && pair_similarity(a, b) >= PAIR_SIMILARITY)
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
        double s = pair_similarity(a, b);
        if (s >= PAIR_SIMILARITY) best = MAX(best, s + S(i + 1, j + 1));
      }
      S(i, j) = best;
    }
  for (int i = 0, j = 0; i < m && j < n;) {
    unit *a = g_ptr_array_index(ou, i0 + i), *b = g_ptr_array_index(nu, j0 + j);
    double s = comparable(a, b) ? pair_similarity(a, b) : 0;
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

void align_blocks(diff_ctx *c) {
  GPtrArray *ou = c->old_units, *nu = c->new_units;
  int m = (int)ou->len, n = (int)nu->len;
  int *a = g_new(int, m + 1), *b = g_new(int, n + 1), *match = g_new(int, m + 1);
  /* aligned by akey: a repeated heading only where its section is too */
  for (int i = 0; i < m; i++)
    a[i] = ((unit *)g_ptr_array_index(ou, i))->akey;
  for (int j = 0; j < n; j++)
    b[j] = ((unit *)g_ptr_array_index(nu, j))->akey;
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
void align_moves(diff_ctx *c) {
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
    if (a->match >= 0 || unit_nwords(a) < 3) continue;
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
  /* Nearly identical blocks elsewhere are moved; so are longer ones that
   * were reworded as well as moved (between the pairing and the move
   * similarity): shown apart, a reader would take the provision for
   * dropped here and new there. The most similar pairs go first. */
  long budget = MOVE_COMPARISONS;
  for (guint i = 0; i < ou->len && budget > 0; i++) {
    unit *a = g_ptr_array_index(ou, i);
    if (a->match >= 0 || unit_nwords(a) < 5) continue;
    double best = 0;
    int bj = -1;
    for (guint j = 0; j < nu->len && budget > 0; j++) {
      unit *b = g_ptr_array_index(nu, j);
      if (b->match >= 0 || !comparable(a, b) || unit_nwords(b) < 5) continue;
      /* sizes too far apart cannot reach the threshold (Dice >= 0.5
       * needs the smaller at least a third of the larger) */
      if (b->nwords * 3 < a->nwords || a->nwords * 3 < b->nwords) continue;
      budget -= a->nwords + b->nwords;
      double s = similarity(a, b);
      double need = a->nwords >= REWRITE_WORDS && b->nwords >= REWRITE_WORDS ? PAIR_SIMILARITY
                                                                             : MOVE_SIMILARITY;
      if (s >= need && s > best) best = s, bj = (int)j;
    }
    if (bj >= 0) link_units(a, (int)i, g_ptr_array_index(nu, bj), bj, U_MOVED);
  }
}

/* ---- a paragraph split in two, two merged into one ---- */

/* Dice coefficient of a's words against those of b and b2 together. */
static double similarity2(unit *a, unit *b, unit *b2) {
  const int *wa = unit_words(a), *w1 = unit_words(b), *w2 = unit_words(b2);
  int n = b->nwords + b2->nwords;
  int *wb = g_new(int, n + 1);
  /* merge the two sorted lists */
  int i = 0, j = 0, k = 0;
  while (i < b->nwords || j < b2->nwords)
    wb[k++] = j >= b2->nwords || (i < b->nwords && w1[i] <= w2[j]) ? w1[i++] : w2[j++];
  int common = common_words(wa, a->nwords, wb, n);
  g_free(wb);
  return a->nwords + n ? 2.0 * common / (a->nwords + n) : 0;
}

/* How much better the two together must match than the one paired. */
#define JOIN_GAIN 0.15

/* One side's pass: x[k], x[k+1] neighbours of one kind of running text, one
 * paired with a block y on the other side and the other alone; when y
 * matches the two together clearly better, they are one change with y. */
static void join_side(GPtrArray *xs, GPtrArray *ys) {
  for (guint k = 0; k + 1 < xs->len; k++) {
    unit *x1 = g_ptr_array_index(xs, k), *x2 = g_ptr_array_index(xs, k + 1);
    if (!text_kind(x1->kind) || x1->kind != x2->kind || x1->joined || x2->joined || x1->second ||
        x2->second || x1->parts->len != 1 || x2->parts->len != 1)
      continue;
    unit *paired = x1->state == U_MODIFIED && x2->match < 0   ? x1
                   : x2->state == U_MODIFIED && x1->match < 0 ? x2
                                                              : NULL;
    if (!paired) continue;
    int yi = paired->match;
    unit *y = g_ptr_array_index(ys, yi);
    if (y->joined || y->second || y->parts->len != 1) continue;
    double one = similarity(paired, y), both = similarity2(y, x1, x2);
    if (both < PAIR_SIMILARITY || both < one + JOIN_GAIN) continue;
    unit_join(x1, x2);
    x1->match = yi;
    x2->match = yi;
    x1->state = x2->state = U_MODIFIED;
    y->match = (int)k;
    y->state = U_MODIFIED;
    k++;
  }
}

void align_joins(diff_ctx *c) {
  join_side(c->new_units, c->old_units); /* split: two new blocks for one old */
  join_side(c->old_units, c->new_units); /* merged: two old blocks in one new */
}

/* ---- short blocks that take each other's place ---- */

static bool short_block(unit *u) {
  int n = unit_nwords(u);
  return n > 0 && n <= SHORT_WORDS;
}

/* One short block alone between two blocks that stayed, in the place of one
 * short block alone between their counterparts: one fact edited
 * ("Contactpersoon: mevrouw De Vries" -> "... de heer Jansen"). After the
 * moves, so that a short block that only moved is not paired here. */
void align_short_places(diff_ctx *c) {
  GPtrArray *ou = c->old_units, *nu = c->new_units;
  int prev_j = -1; /* the last new block that stayed (same or modified) */
  for (int j = 0; j <= (int)nu->len; j++) {
    unit *b = j < (int)nu->len ? g_ptr_array_index(nu, j) : NULL;
    if (b && !(b->match >= 0 && (b->state == U_SAME || b->state == U_MODIFIED))) continue;
    /* new blocks (prev_j, j) lie between two that stayed */
    if (j - prev_j == 2) {
      unit *y = g_ptr_array_index(nu, prev_j + 1);
      int i0 = prev_j >= 0 ? ((unit *)g_ptr_array_index(nu, prev_j))->match + 1 : 0;
      int i1 = b ? b->match : (int)ou->len;
      if (i1 - i0 == 1 && y->match < 0) {
        unit *x = g_ptr_array_index(ou, i0);
        if (x->match < 0 && !x->second && !y->second && comparable(x, y) && short_block(x) &&
            short_block(y))
          link_units(x, i0, y, prev_j + 1, U_MODIFIED);
      }
    }
    prev_j = j;
  }
}

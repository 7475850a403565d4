/* linebreak: see include/statuut/linebreak.h.
 *
 * The classic algorithm: walk the items once; at each legal breakpoint try
 * every active node (a possible start of the current line), compute the
 * line's adjustment ratio and demerits, deactivate nodes whose line has
 * become too long, and record the best new node per fitness class. The
 * chosen breaks are found by following the best final node back. */
#include "statuut/linebreak.h"

#include <math.h>

void lb_params_default(lb_params *p, double width) {
  p->width = width;
  p->max_ratio = 2;
  p->line_stretch = 0;
  p->line_penalty = 10;
  p->hyphen = 0;
  p->double_hyphen = 10000;
  p->hyphen_ladder = 1000000;
  p->final_hyphen = 5000;
  p->fitness = 10000;
}

typedef struct node node;
struct node {
  size_t pos;     /* breakpoint index */
  int line;       /* lines before this break */
  int fitness;    /* 0 tight, 1 decent, 2 loose, 3 very loose */
  bool flagged;   /* the break is a hyphen */
  int hyphens;    /* hyphenated lines in a row ending here: 0, 1, 2 for two or more */
  double total_w; /* running sums after the break (glue after a break is discarded) */
  double total_st;
  double total_sh;
  double demerits;
  double ratio; /* of the line ending here */
  node *prev;   /* best previous break */
  node *next;   /* in the active list */
};

typedef struct {
  const lb_item *items;
  size_t n;
  const lb_params *p;
  double tolerance;
  bool last_resort;
  bool no_hyphens;  /* the first pass tries without hyphenation */
  double w, st, sh; /* running sums of widths, stretch, shrink up to the current item */
  node *active;
  GPtrArray *all; /* every node, owned, freed at the end */
} kp;

static node *node_new(kp *k) {
  node *nd = g_new0(node, 1);
  g_ptr_array_add(k->all, nd);
  return nd;
}

/* Sums after a break at b: glue and penalties following it are dropped up
 * to the next box (a line does not start with a space). */
static void sums_after(const kp *k, size_t b, double *w, double *st, double *sh) {
  *w = k->w;
  *st = k->st;
  *sh = k->sh;
  for (size_t i = b; i < k->n; i++) {
    const lb_item *it = &k->items[i];
    if (it->kind == LB_BOX) break;
    if (it->kind == LB_GLUE) {
      *w += it->width;
      *st += it->stretch;
      *sh += it->shrink;
    } else if (it->penalty <= -LB_INF && i > b) {
      break;
    }
  }
}

static int fitness_class(double r) {
  return r < -0.5 ? 0 : r <= 0.5 ? 1 : r <= 1 ? 2 : 3;
}

/* The line from node a to a break at the current item, pw wide at the
 * break (a hyphen): its adjustment ratio, and in *over how much it is too
 * long (negative when it is not). */
static double line_ratio(const kp *k, const node *a, double pw, double *over) {
  double len = k->w - a->total_w + pw;
  double target = k->p->width;
  *over = len - target;
  if (len < target) {
    double st = k->st - a->total_st + k->p->line_stretch;
    return st > 0 ? (target - len) / st : INFINITY;
  }
  if (len > target) {
    double sh = k->sh - a->total_sh;
    return sh > 0 ? (target - len) / sh : -INFINITY;
  }
  return 0;
}

/* What a break at b is: its width and penalty, and whether it is a hyphen
 * or forced. */
typedef struct {
  size_t pos;
  double width;
  int penalty;
  bool flagged, forced;
} breakpoint;

/* Demerits of the path through a ending in a line of ratio r at bp, as
 * TeX counts them, plus the ladder and final-hyphen rules; *fc gets the
 * line's fitness class. */
static double demerits(const kp *k, const node *a, const breakpoint *bp, double r, int *fc) {
  /* Badness 100|r|^3, capped as in TeX; a forced break at the end of a
   * paragraph whose last line has no glue is simply taken. */
  double bad = isinf(r) ? 10000 : fmin(10000, 100 * fabs(r) * fabs(r) * fabs(r));
  double d = k->p->line_penalty + bad;
  int pen = bp->penalty;
  d = d * d;
  if (pen > 0)
    d += (double)pen * pen;
  else if (pen > -LB_INF)
    d -= (double)pen * pen;
  if (bp->flagged) d += k->p->hyphen;
  if (bp->flagged && a->flagged) d += k->p->double_hyphen;
  if (bp->flagged && a->hyphens >= 2) d += k->p->hyphen_ladder;
  if (bp->forced && a->flagged) d += k->p->final_hyphen;
  *fc = fitness_class(isinf(r) ? 1 : r);
  if (a->pos != (size_t)-1 && abs(*fc - a->fitness) > 1) d += k->p->fitness;
  return d + a->demerits;
}

/* The best node per fitness class and per run of hyphens the line would
 * end: a path with fewer hyphens behind it may pay off at the next one. */
typedef struct {
  node *from[4][3];
  double d[4][3];
  double r[4][3];
} best_nodes;

static void best_init(best_nodes *bn) {
  for (int fc = 0; fc < 4; fc++)
    for (int h = 0; h < 3; h++) {
      bn->from[fc][h] = NULL;
      bn->d[fc][h] = INFINITY;
      bn->r[fc][h] = 0;
    }
}

static bool best_any(const best_nodes *bn) {
  bool any = false;
  for (int fc = 0; fc < 4; fc++)
    for (int h = 0; h < 3; h++)
      any |= bn->from[fc][h] != NULL;
  return any;
}

/* One active node tried for a line ending at bp, kept in bn when it is a
 * candidate; *rescue follows the least overfull line, for the last resort.
 * Returns whether the node is done: no later line from it can fit. */
static bool try_node(const kp *k, node *a, const breakpoint *bp, best_nodes *bn, node **rescue,
                     double *rescue_over) {
  double over;
  double r = line_ratio(k, a, bp->width, &over);
  bool deactivate = r < -1 || bp->forced;
  if (r < -1 && over < *rescue_over) {
    *rescue_over = over;
    *rescue = a;
  }
  /* A third hyphen in a row is no candidate until the last resort: a
   * looser pass sets the paragraph rather than a ladder. */
  bool ladder = k->p->hyphen_ladder > 0 && bp->flagged && a->hyphens >= 2 && !k->last_resort;
  if (!ladder && r >= -1 && (r <= k->tolerance || k->last_resort || (bp->forced && isinf(r)))) {
    int fc;
    double d = demerits(k, a, bp, r, &fc);
    int h = bp->flagged ? MIN(a->hyphens + 1, 2) : 0;
    if (d < bn->d[fc][h]) {
      bn->d[fc][h] = d;
      bn->from[fc][h] = a;
      bn->r[fc][h] = isinf(r) ? 0 : r;
    }
  }
  return deactivate;
}

/* A new active node at bp for every best found. */
static void add_nodes(kp *k, const breakpoint *bp, const best_nodes *bn) {
  double w, st, sh;
  sums_after(k, bp->pos, &w, &st, &sh);
  for (int fc = 0; fc < 4; fc++) {
    for (int h = 0; h < 3; h++) {
      if (!bn->from[fc][h]) continue;
      node *nd = node_new(k);
      nd->pos = bp->pos;
      nd->line = bn->from[fc][h]->line + 1;
      nd->fitness = fc;
      nd->flagged = bp->flagged;
      nd->hyphens = h;
      nd->total_w = w;
      nd->total_st = st;
      nd->total_sh = sh;
      nd->demerits = bn->d[fc][h];
      nd->ratio = bn->r[fc][h];
      nd->prev = bn->from[fc][h];
      nd->next = k->active;
      k->active = nd;
    }
  }
}

/* Tries every active node for a break at item b. */
static void try_break(kp *k, size_t b) {
  const lb_item *it = &k->items[b];
  bool pen = it->kind == LB_PENALTY;
  breakpoint bp = {b, pen ? it->width : 0, pen ? it->penalty : 0, pen && it->flagged,
                   pen && it->penalty <= -LB_INF};
  best_nodes bn;
  best_init(&bn);
  node *rescue = NULL; /* last resort: the node with the least overfull line */
  double rescue_over = INFINITY;
  node *prev_a = NULL;
  for (node *a = k->active, *next; a; a = next) {
    next = a->next;
    if (!try_node(k, a, &bp, &bn, &rescue, &rescue_over)) {
      prev_a = a;
    } else if (prev_a) {
      prev_a->next = next;
    } else {
      k->active = next;
    }
  }
  /* Last resort: when every node would be lost, break anyway after the
   * least overfull line, so an overlong word cannot stall the paragraph. */
  if (!best_any(&bn) && k->last_resort && rescue && !k->active) {
    int h = bp.flagged ? MIN(rescue->hyphens + 1, 2) : 0;
    bn.from[1][h] = rescue;
    bn.d[1][h] = rescue->demerits + 1e9;
    bn.r[1][h] = -1;
  }
  add_nodes(k, &bp, &bn);
}

static bool run_pass(kp *k, GArray *out) {
  k->w = k->st = k->sh = 0;
  node *start = node_new(k);
  start->pos = (size_t)-1;
  start->fitness = 1;
  k->active = start;
  for (size_t i = 0; i < k->n && k->active; i++) {
    const lb_item *it = &k->items[i];
    if (it->kind == LB_BOX) {
      k->w += it->width;
    } else if (it->kind == LB_GLUE) {
      /* Glue is a legal break when a box precedes it. */
      if (i > 0 && k->items[i - 1].kind == LB_BOX) try_break(k, i);
      k->w += it->width;
      k->st += it->stretch;
      k->sh += it->shrink;
    } else if (it->penalty < LB_INF && !(k->no_hyphens && it->flagged && it->width > 0)) {
      try_break(k, i);
    }
  }
  node *best = NULL;
  for (node *a = k->active; a; a = a->next)
    if (a->pos == k->n - 1 && (!best || a->demerits < best->demerits)) best = a;
  if (!best) return false;
  size_t count = (size_t)best->line;
  g_array_set_size(out, count);
  for (node *nd = best; nd && nd->pos != (size_t)-1; nd = nd->prev) {
    lb_break *br = &g_array_index(out, lb_break, --count);
    br->pos = nd->pos;
    br->ratio = nd->ratio;
  }
  return true;
}

GArray *lb_break_lines(const lb_item *items, size_t n, const lb_params *p, double *tolerance_used) {
  /* As TeX does: first without hyphenation (a paragraph that sets well
   * unhyphenated stays so), then with hyphenation at the same tolerance,
   * then looser. With a space that stretches by its own width and
   * max_ratio 2: spaces up to 2, 2 and 3 times their width. The first pass
   * once stopped at 1.5 times and the second at 1.75: two paragraphs in
   * three failed it, and in the hyphenating pass, whose tolerance was
   * tighter still than the lines it replaced, a hyphen (demerits 2 500)
   * beat any line looser than about 1.8 spaces: one line in five of the
   * statute ended in a hyphen. */
  const double passes[] = {0.5 * p->max_ratio, 0.5 * p->max_ratio, p->max_ratio};
  GArray *out = g_array_new(FALSE, FALSE, sizeof(lb_break));
  kp k = {items, n, p, 0, false, false, 0, 0, 0, NULL, g_ptr_array_new_with_free_func(g_free)};
  bool ok = false;
  for (size_t i = 0; i <= G_N_ELEMENTS(passes) && !ok; i++) {
    k.last_resort = i == G_N_ELEMENTS(passes);
    k.no_hyphens = i == 0;
    k.tolerance = k.last_resort ? G_MAXDOUBLE : passes[i];
    g_ptr_array_set_size(k.all, 0);
    ok = run_pass(&k, out);
    if (ok && tolerance_used) *tolerance_used = k.tolerance;
  }
  g_ptr_array_free(k.all, TRUE);
  return out;
}

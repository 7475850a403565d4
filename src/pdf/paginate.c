/* paginate: see include/statuut/paginate.h */
#include "statuut/paginate.h"

#include <math.h>

/* Least lines of a note on the page of its reference, and of a
 * continuation: one line alone would be a widow in the notes. */
enum { NOTE_MIN = 2 };
/* Cost of continuing a note on the next page; of continuing it after the
 * end of the body, where its tail would stand on a page of its own: more
 * than moving ten lines of the body along with it. */
enum { COST_SPLIT = 150, COST_TAIL = 10000 };

typedef struct {
  int note, from; /* the note and its first line still to place */
} pending;

/* The notes wanting room on the page: carried lines first, then the notes
 * referenced on it, in order. */
typedef struct {
  GArray *queue; /* of pending */
} notes_state;

/* Places as many note lines as fit in `avail`; fills pieces when not NULL.
 * Returns false when the last note (the one most recently referenced) or a
 * lone carry cannot show its first NOTE_MIN lines, i.e. the body is too
 * tall for these notes. *used gets the height taken. */
static bool place_notes(const pg_input *in, const GArray *queue, bool carry_only_first,
                        double avail, GArray *pieces, bool *split, double *used) {
  *used = 0;
  if (split) *split = false;
  if (!queue->len) return true;
  double y = in->note_skip;
  bool ok = true;
  for (guint q = 0; q < queue->len; q++) {
    const pending *p = &g_array_index(queue, pending, q);
    const pg_note *nt = &in->notes[p->note];
    if (q > 0) y += in->note_gap;
    int i = p->from;
    while (i < nt->n_lines && y + nt->lines[i] <= avail + 1e-6)
      y += nt->lines[i++];
    int need = nt->n_lines - p->from < NOTE_MIN ? nt->n_lines - p->from : NOTE_MIN;
    /* A note split with a single line left over keeps that line company. */
    if (i < nt->n_lines && nt->n_lines - i == 1 && i - p->from > NOTE_MIN) {
      i--;
      y -= nt->lines[i];
    }
    bool is_last = q == queue->len - 1;
    if (i - p->from < need && (is_last || (carry_only_first && q == 0))) ok = false;
    if (pieces && i > p->from) {
      pg_piece pc = {p->note, p->from, i};
      g_array_append_val(pieces, pc);
    }
    if (i < nt->n_lines) {
      if (split) *split = true;
      if (!is_last) ok = false; /* only the last note on a page may continue */
      break;
    }
  }
  *used = y;
  return ok;
}

typedef struct {
  size_t pos; /* break before item pos */
  double cost;
  double body;
  guint queue_len; /* notes in the queue at this break */
} candidate;

/* The cost of a break at it under a body `body` tall: its penalty, the
 * empty space left (squared, in lines) and a note continued. */
static double break_cost(const pg_input *in, const pg_item *it, const GArray *queue, bool has_carry,
                         double body) {
  bool split;
  double used;
  place_notes(in, queue, has_carry, in->height - body, NULL, &split, &used);
  double empty = in->height - body - used;
  double lines = empty / in->line;
  bool end = split && it->kind == PG_PENALTY && it->penalty <= -PG_INF;
  for (const pg_item *n = it + 1; end && n < in->items + in->n_items; n++)
    end = n->kind != PG_BOX;
  return (it->kind == PG_PENALTY ? fmax(it->penalty, 0) : 0) + 100 * lines * lines +
         (split ? COST_SPLIT : 0) + (end ? COST_TAIL : 0);
}

/* The best break for a page starting at item start, whose top holds
 * `restart` (a repeated header). queue holds the notes carried over; the
 * notes referenced on the page are added to it. */
static candidate best_break(const pg_input *in, size_t start, GArray *queue, bool has_carry,
                            double restart) {
  double body = restart;
  candidate best = {start, INFINITY, body, queue->len};
  bool found = false;
  size_t i = start;
  for (; i < in->n_items; i++) {
    const pg_item *it = &in->items[i];
    bool legal = (it->kind == PG_GLUE && i > start && in->items[i - 1].kind == PG_BOX) ||
                 (it->kind == PG_PENALTY && it->penalty < PG_INF && i > start);
    if (legal) {
      double cost = break_cost(in, it, queue, has_carry, body);
      if (cost <= best.cost || !found) {
        best = (candidate){i, cost, body, queue->len};
        found = true;
      }
      if (it->kind == PG_PENALTY && it->penalty <= -PG_INF) break;
    }
    if (it->kind == PG_PENALTY) continue;
    /* Would the page still hold this item (and its notes)? */
    guint before = queue->len;
    for (int k = 0; k < it->n_notes; k++) {
      pending p = {it->notes[k], 0};
      g_array_append_val(queue, p);
    }
    double h = body + it->height;
    double used;
    bool fits = h <= in->height + 1e-6 &&
                place_notes(in, queue, has_carry, in->height - h, NULL, NULL, &used);
    if (!fits && it->kind == PG_BOX && i == start) fits = true; /* progress, come what may */
    if (!fits) {
      g_array_set_size(queue, before);
      break;
    }
    body = h;
  }
  if (i >= in->n_items) {
    /* The end of the list is the best break of all, unless its notes would
     * not all fit: their tail would stand alone on a last page. Then the
     * best break before it, which takes lines of the body along to that
     * page with the tail (the notes balanced over the two). */
    bool split = false;
    double used;
    place_notes(in, queue, has_carry, in->height - body, NULL, &split, &used);
    if (!split || !found) best = (candidate){in->n_items, 0, body, queue->len};
  } else if (!found) {
    /* No legal break fits (an unbreakable block taller than what is
     * left): break before the item that did not fit. */
    best = (candidate){i > start ? i : start + 1, 0, body, queue->len};
    if (i == start) best.body = body + in->items[start].height;
  }
  return best;
}

/* The note lines of queue that pg does not show, to continue on the next
 * page. */
static void carry_over(const pg_input *in, const GArray *queue, const pg_page *pg, GArray *carry) {
  g_array_set_size(carry, 0);
  for (guint q = 0; q < queue->len; q++) {
    pending p = g_array_index(queue, pending, q);
    int placed = p.from;
    for (guint k = 0; k < pg->pieces->len; k++) {
      const pg_piece *pc = &g_array_index(pg->pieces, pg_piece, k);
      if (pc->note == p.note) placed = pc->to;
    }
    if (placed < in->notes[p.note].n_lines) {
      p.from = placed;
      g_array_append_val(carry, p);
    }
  }
}

GArray *pg_paginate(const pg_input *in) {
  GArray *pages = g_array_new(FALSE, TRUE, sizeof(pg_page));
  GArray *carry = g_array_new(FALSE, FALSE, sizeof(pending));
  size_t start = 0;
  while (start < in->n_items || carry->len) {
    /* Discardable items at the top of a page go. */
    while (start < in->n_items && in->items[start].kind != PG_BOX)
      start++;
    if (start >= in->n_items && !carry->len) break;
    GArray *queue = g_array_new(FALSE, FALSE, sizeof(pending));
    g_array_append_vals(queue, carry->data, carry->len);
    bool has_carry = carry->len > 0;
    double restart = start < in->n_items ? in->items[start].restart : 0;
    candidate best = best_break(in, start, queue, has_carry, restart);
    pg_page pg = {start, best.pos, best.body, restart, g_array_new(FALSE, FALSE, sizeof(pg_piece)),
                  false};
    g_array_set_size(queue, best.queue_len);
    double used;
    place_notes(in, queue, has_carry, in->height - best.body, pg.pieces, &pg.split_note, &used);
    carry_over(in, queue, &pg, carry);
    g_array_append_val(pages, pg);
    g_array_unref(queue);
    start = best.pos;
  }
  g_array_unref(carry);
  return pages;
}

void pg_pages_free(GArray *pages) {
  if (!pages) return;
  for (guint i = 0; i < pages->len; i++)
    g_array_unref(g_array_index(pages, pg_page, i).pieces);
  g_array_unref(pages);
}

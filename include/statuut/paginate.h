/* paginate: where pages break, with footnotes at the foot of the page that
 * references them.
 *
 * Pure: it sees a vertical list of boxes (lines, rules, table rows), glue
 * (space between blocks) and penalties (how bad a break is there), and the
 * line heights of the notes; never text or fonts. The block layout expresses
 * the rules of the trade as penalties: no widows or orphans, a heading never
 * ends a page, a lead-in ending in a colon stays with its list.
 *
 * A page is filled while it can be: body above, notes below, a short rule
 * between. A line that references a note may stand on a page only when at
 * least the first lines of that note fit on it; the rest of a long note
 * continues at the top of the next page's notes. Of the breaks that fit, the
 * one with the least cost (penalty plus empty space) wins, the latest on a
 * tie. Forced breaks (penalty <= -PG_INF) always break. */
#ifndef STATUUT_PAGINATE_H
#define STATUUT_PAGINATE_H

#include <glib.h>
#include <stdbool.h>
#include <stddef.h>

#define PG_INF 10000

typedef enum { PG_BOX, PG_GLUE, PG_PENALTY, PG_KIND_MAX } pg_kind;

typedef struct {
  pg_kind kind;
  double height;    /* box, glue */
  int penalty;      /* penalty: >= PG_INF forbids, <= -PG_INF forces a break */
  const int *notes; /* box: notes first referenced here (indexes into pg_input.notes) */
  int n_notes;
  double restart; /* box: height added at the top of a page that starts here
                     (a table's repeated header row) */
} pg_item;

typedef struct {
  const double *lines; /* heights of the note's lines */
  int n_lines;
} pg_note;

typedef struct {
  const pg_item *items;
  size_t n_items;
  const pg_note *notes;
  size_t n_notes;
  double height;    /* of the text area */
  double note_skip; /* rule and space above the notes */
  double note_gap;  /* between two notes */
  double line;      /* a body line, the unit of empty space in the cost */
} pg_input;

typedef struct {
  int note;
  int from, to; /* lines [from, to) of the note on this page */
} pg_piece;

typedef struct {
  size_t first, end; /* items [first, end) are on the page (discardables at the top skipped) */
  double body;       /* height of the body on the page */
  double restart;    /* the repeated header's height, when the page starts with one */
  GArray *pieces;    /* of pg_piece, in order */
  bool split_note;   /* the last piece continues on the next page */
} pg_page;

/* Breaks the list into pages. Never fails: a box taller than a page gets a
 * page of its own. Returns pg_page structs; free with pg_pages_free. */
GArray *pg_paginate(const pg_input *in);
void pg_pages_free(GArray *pages);

#endif

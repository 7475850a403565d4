/* linebreak: optimal line breaking of a paragraph (Knuth & Plass, "Breaking
 * Paragraphs into Lines", Software—Practice and Experience 11, 1981).
 *
 * Pure: it sees boxes, glue and penalties with widths in points, never text
 * or fonts (para.c measures those with pango). pango alone breaks greedily
 * and then stretches a loose line without limit; this pass chooses the
 * breaks of the whole paragraph at once so that no line is much looser than
 * its neighbours, hyphens are few and never stacked, and the penultimate line
 * does not end in a hyphen. */
#ifndef STATUUT_LINEBREAK_H
#define STATUUT_LINEBREAK_H

#include <glib.h>
#include <stdbool.h>
#include <stddef.h>

typedef enum { LB_BOX, LB_GLUE, LB_PENALTY, LB_KIND_MAX } lb_kind;

/* A penalty of LB_INF or more forbids a break; -LB_INF or less forces one. */
#define LB_INF 10000

typedef struct {
  lb_kind kind;
  double width;   /* box, glue: natural width; penalty: width added when broken (a hyphen) */
  double stretch; /* glue */
  double shrink;  /* glue */
  int penalty;    /* penalty */
  bool flagged;   /* penalty: a hyphenation (two in a row cost extra) */
} lb_item;

typedef struct {
  double width;        /* the measure, in points */
  double max_ratio;    /* adjustment ratio of the loosest acceptable line (2) */
  double line_stretch; /* extra stretch at every line end: >0 sets ragged right */
  int line_penalty;    /* added to every line's badness (TeX's \linepenalty, 10) */
  int hyphen;          /* demerits for every hyphenated line, beyond its penalty squared (0) */
  int double_hyphen;   /* demerits for consecutive hyphenated lines (10000) */
  int hyphen_ladder;   /* a third hyphenated line in a row, a ladder: none unless no pass
                          sets the paragraph without, and then these demerits (1000000);
                          0 allows ladders as TeX does */
  int final_hyphen;    /* demerits for a hyphen ending the penultimate line (5000) */
  int fitness;         /* demerits for adjacent lines of very different tightness (10000) */
} lb_params;

/* TeX's plain values, the defaults above; TeX has no ladder rule. */
void lb_params_default(lb_params *p, double width);

typedef struct {
  size_t pos;   /* index of the item the line ends at (glue or penalty; the last item) */
  double ratio; /* adjustment ratio: 0 natural, 1 all stretch used, -1 all shrink;
                   > the tolerance only when no better set of breaks exists */
} lb_break;

/* Chooses the breaks. items must end with a forced break (penalty <= -LB_INF),
 * normally preceded by finishing glue with large stretch. A first pass
 * ignores hyphenation points (flagged penalties with a width) and accepts
 * lines up to half of max_ratio; then passes with hyphenation allow 1/2 and
 * all of max_ratio; the last pass accepts any line, so an unbreakable overlong
 * word still yields lines. Returns the breaks in order, the last one at
 * n - 1 (caller frees with g_array_unref). *tolerance_used gets the ratio
 * limit of the pass that succeeded (G_MAXDOUBLE for the last resort). */
GArray *lb_break_lines(const lb_item *items, size_t n, const lb_params *p, double *tolerance_used);

#endif

/* Unit tests for the pure parts of the PDF engine: Dutch hyphenation points,
 * Knuth-Plass line breaking, and pagination decisions (widows, orphans,
 * keeps, footnotes on the page of their reference). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "statuut/hyph.h"
#include "statuut/linebreak.h"
#include "statuut/paginate.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* ---- hyphenation ---------------------------------------------------------- */

static hyph *H;

static int hyph_setup(void **state) {
  (void)state;
  char *err = NULL;
  H = hyph_open(HYPH_NL_DICT, &err);
  if (!H) fprintf(stderr, "%s\n", err);
  g_free(err);
  return H ? 0 : -1;
}

static int hyph_teardown(void **state) {
  (void)state;
  hyph_free(H);
  return 0;
}

static void expect_hyph(const char *word, const char *want) {
  char *got = hyph_show(H, word);
  if (strcmp(got, want) != 0) fail_msg("'%s' -> '%s', expected '%s'", word, got, want);
  g_free(got);
}

static void hyphenation_points(void **state) {
  (void)state;
  expect_hyph("kwaliteitsstatuut", "kwa-li-teits-sta-tuut");
  expect_hyph("ondersteuning", "on-der-steu-ning");
  expect_hyph("gezondheidsvoorspellers", "ge-zond-heids-voor-spel-lers");
  /* ISO-8859-1 patterns, UTF-8 text: ï and ë convert, and stay whole. */
  expect_hyph("geïdentificeerd", "ge-ï-den-ti-fi-ceerd");
  /* At least two letters before a break and three after it. */
  expect_hyph("organiseren", "or-ga-ni-se-ren");
  expect_hyph("reële", "re-ële");
}

/* A word asked again is answered from the memo, with the same points; a
 * word that shares its letters in other case is still left alone when it
 * starts with a capital. */
static void hyphenation_remembers(void **state) {
  (void)state;
  for (int i = 0; i < 3; i++) {
    expect_hyph("ondersteuning", "on-der-steu-ning");
    expect_hyph("huis", "huis");
    expect_hyph("geïdentificeerd", "ge-ï-den-ti-fi-ceerd");
    expect_hyph("Ondersteuning", "Ondersteuning");
    expect_hyph("kwaliteit", "kwa-li-teit");
  }
}

static void hyphenation_leaves_alone(void **state) {
  (void)state;
  expect_hyph("Amsterdam", "Amsterdam");     /* a name */
  expect_hyph("VNG", "VNG");                 /* an abbreviation */
  expect_hyph("huis", "huis");               /* too short */
  expect_hyph("2022", "2022");               /* a number */
  expect_hyph("versie2022", "versie2022");   /* a word glued to digits */
  expect_hyph("manœuvreren", "manœuvreren"); /* a letter outside Latin-1 */
}

static void hyphenation_keeps_text(void **state) {
  (void)state;
  const char *s = "Wijkteams werken aan de kwaliteit van hun dienstverlening, 'samen'.";
  GString *o = g_string_new(NULL);
  hyph_append(H, o, s, strlen(s));
  /* Only soft hyphens are added. */
  GString *back = g_string_new(NULL);
  for (const char *p = o->str; *p; p = g_utf8_next_char(p))
    if (g_utf8_get_char(p) != 0xad) g_string_append_unichar(back, g_utf8_get_char(p));
  assert_string_equal(back->str, s);
  assert_true(o->len > strlen(s));
  g_string_free(back, TRUE);
  g_string_free(o, TRUE);
}

/* ---- line breaking -------------------------------------------------------- */

/* A paragraph of words of the given widths, spaces of width 1 that stretch
 * by 1 and shrink by 0.25, ended as para.c ends it. */
static GArray *words(const double *w, size_t n) {
  GArray *a = g_array_new(FALSE, FALSE, sizeof(lb_item));
  for (size_t i = 0; i < n; i++) {
    if (i) {
      lb_item g = {LB_GLUE, 1, 1, 0.25, 0, false};
      g_array_append_val(a, g);
    }
    lb_item b = {LB_BOX, w[i], 0, 0, 0, false};
    g_array_append_val(a, b);
  }
  lb_item fill = {LB_GLUE, 0, 1e5, 0, 0, false};
  lb_item end = {LB_PENALTY, 0, 0, 0, -LB_INF, false};
  g_array_append_val(a, fill);
  g_array_append_val(a, end);
  return a;
}

/* Widths of the lines between breaks, and the adjustment ratio of each. */
static double line_ratio(const GArray *items, size_t from, size_t to, double width) {
  double w = 0, st = 0, sh = 0;
  for (size_t i = from; i < to; i++) {
    const lb_item *it = &g_array_index(items, lb_item, i);
    if (it->kind == LB_PENALTY) continue;
    if (it->kind == LB_GLUE && i == from) continue;
    w += it->width;
    st += it->stretch;
    sh += it->shrink;
  }
  return w < width ? (width - w) / st : (width - w) / sh;
}

/* Greedy first-fit, as pango breaks: the maximum ratio of its lines. */
static double greedy_worst(const GArray *items, double width) {
  double worst = 0, w = 0;
  size_t start = 0;
  for (size_t i = 0; i < items->len; i++) {
    const lb_item *it = &g_array_index(items, lb_item, i);
    if (it->kind == LB_GLUE && i + 1 < items->len &&
        g_array_index(items, lb_item, i + 1).kind == LB_BOX) {
      double next = g_array_index(items, lb_item, i + 1).width;
      if (w + 1 + next > width) {
        double r = line_ratio(items, start, i, width);
        if (r > worst) worst = r;
        start = i + 1;
        w = 0;
        continue;
      }
    }
    if (it->kind != LB_PENALTY && !(it->kind == LB_GLUE && i == start))
      w += it->kind == LB_GLUE && it->stretch > 1000 ? 0 : it->width;
  }
  return worst;
}

static void optimal_beats_greedy(void **state) {
  (void)state;
  /* Pseudo-random word widths (fixed seed): the loosest line of the whole
   * paragraph must never be looser than greedy breaking makes it, and is
   * clearly tighter for some paragraphs. */
  GRand *rnd = g_rand_new_with_seed(42);
  int better = 0;
  for (int t = 0; t < 40; t++) {
    double w[60];
    for (int i = 0; i < 60; i++)
      w[i] = g_rand_int_range(rnd, 2, 12);
    GArray *items = words(w, 60);
    lb_params p;
    lb_params_default(&p, 45);
    GArray *br = lb_break_lines((const lb_item *)(void *)items->data, items->len, &p, NULL);
    double worst = 0;
    size_t from = 0;
    for (guint i = 0; i + 1 < br->len; i++) {
      const lb_break *b = &g_array_index(br, lb_break, i);
      double r = line_ratio(items, from, b->pos, 45);
      assert_true(r >= -1 - 1e-9); /* never overfull */
      assert_true(fabs(r - b->ratio) < 1e-6);
      if (r > worst) worst = r;
      from = b->pos + 1;
    }
    assert_int_equal(g_array_index(br, lb_break, br->len - 1).pos, items->len - 1);
    double gw = greedy_worst(items, 45);
    assert_true(worst <= gw + 1e-9);
    if (worst < gw - 0.2) better++;
    g_array_unref(br);
    g_array_unref(items);
  }
  assert_true(better > 5);
  g_rand_free(rnd);
}

static void forced_breaks_and_hyphens(void **state) {
  (void)state;
  /* aaaa bbbb | forced | cccc: the forced break ends the first line. */
  lb_item it[] = {
      {LB_BOX, 4, 0, 0, 0, false},           {LB_GLUE, 1, 1, 0.25, 0, false},
      {LB_BOX, 4, 0, 0, 0, false},           {LB_GLUE, 0, 1e5, 0, 0, false},
      {LB_PENALTY, 0, 0, 0, -LB_INF, false}, {LB_BOX, 4, 0, 0, 0, false},
      {LB_GLUE, 0, 1e5, 0, 0, false},        {LB_PENALTY, 0, 0, 0, -LB_INF, false},
  };
  lb_params p;
  lb_params_default(&p, 40);
  GArray *br = lb_break_lines(it, G_N_ELEMENTS(it), &p, NULL);
  assert_int_equal(br->len, 2);
  assert_int_equal(g_array_index(br, lb_break, 0).pos, 4);
  g_array_unref(br);

  /* A hyphenation point is not taken when the paragraph sets well without:
   * "aaaa bb|cc dd" at width 12 fits on one line. */
  lb_item h[] = {
      {LB_BOX, 4, 0, 0, 0, false},           {LB_GLUE, 1, 1, 0.25, 0, false},
      {LB_BOX, 2, 0, 0, 0, false},           {LB_PENALTY, 1, 0, 0, 50, true},
      {LB_BOX, 2, 0, 0, 0, false},           {LB_GLUE, 1, 1, 0.25, 0, false},
      {LB_BOX, 2, 0, 0, 0, false},           {LB_GLUE, 0, 1e5, 0, 0, false},
      {LB_PENALTY, 0, 0, 0, -LB_INF, false},
  };
  lb_params_default(&p, 12);
  br = lb_break_lines(h, G_N_ELEMENTS(h), &p, NULL);
  assert_int_equal(br->len, 1);
  g_array_unref(br);
  /* At width 8 it is the hyphen that makes the best first line:
   * "aaaa bb-" (8) / "cc dd". */
  lb_params_default(&p, 8);
  br = lb_break_lines(h, G_N_ELEMENTS(h), &p, NULL);
  assert_int_equal(br->len, 2);
  assert_int_equal(g_array_index(br, lb_break, 0).pos, 3);
  g_array_unref(br);
}

static void overlong_word_still_breaks(void **state) {
  (void)state;
  double w[] = {3, 50, 3, 3};
  GArray *items = words(w, 4);
  lb_params p;
  lb_params_default(&p, 20);
  double tol = 0;
  GArray *br = lb_break_lines((const lb_item *)(void *)items->data, items->len, &p, &tol);
  assert_true(br->len >= 2);
  assert_true(tol == G_MAXDOUBLE); /* only the last resort could do it */
  g_array_unref(br);
  g_array_unref(items);
}

/* Ladders (three hyphenated lines in a row) in paragraphs of words with a
 * hyphenation point in the middle of each, so that nearly every line could
 * end in a hyphen; set by a regular pass, not the last resort. */
static int ladders(int ladder_demerits, int *pairs) {
  GRand *rnd = g_rand_new_with_seed(7);
  int found = 0;
  for (int t = 0; t < 60; t++) {
    GArray *items = g_array_new(FALSE, FALSE, sizeof(lb_item));
    for (int i = 0; i < 40; i++) {
      if (i) {
        lb_item g = {LB_GLUE, 1, 1, 0.25, 0, false};
        g_array_append_val(items, g);
      }
      lb_item a = {LB_BOX, g_rand_int_range(rnd, 2, 6), 0, 0, 0, false};
      lb_item h = {LB_PENALTY, 1, 0, 0, 50, true};
      lb_item b = {LB_BOX, g_rand_int_range(rnd, 2, 6), 0, 0, 0, false};
      g_array_append_val(items, a);
      g_array_append_val(items, h);
      g_array_append_val(items, b);
    }
    lb_item fill = {LB_GLUE, 0, 1e5, 0, 0, false}, end = {LB_PENALTY, 0, 0, 0, -LB_INF, false};
    g_array_append_val(items, fill);
    g_array_append_val(items, end);
    lb_params p;
    lb_params_default(&p, 37);
    p.hyphen_ladder = ladder_demerits;
    double tol = 0;
    GArray *br = lb_break_lines((const lb_item *)(void *)items->data, items->len, &p, &tol);
    int run = 0;
    for (guint i = 0; tol < G_MAXDOUBLE && i < br->len; i++) {
      const lb_item *it = &g_array_index(items, lb_item, g_array_index(br, lb_break, i).pos);
      run = it->kind == LB_PENALTY && it->flagged ? run + 1 : 0;
      if (run == 2) ++*pairs;
      if (run == 3) found++;
    }
    g_array_unref(br);
    g_array_unref(items);
  }
  g_rand_free(rnd);
  return found;
}

static void no_hyphen_ladders(void **state) {
  (void)state;
  int pairs = 0, tex_pairs = 0;
  /* as TeX sets them, there are ladders; never with the rule */
  assert_true(ladders(0, &tex_pairs) > 0);
  lb_params p;
  lb_params_default(&p, 37);
  assert_int_equal(ladders(p.hyphen_ladder, &pairs), 0);
  assert_true(pairs > 0); /* two in a row remain allowed */
}

/* ---- pagination ----------------------------------------------------------- */

/* A vertical list built like galley.c builds it. */
typedef struct {
  GArray *items;
} vlist;

static void vbox(vlist *v, double h) {
  pg_item it = {PG_BOX, h, 0, NULL, 0, 0};
  g_array_append_val(v->items, it);
}
static void vpen(vlist *v, int p) {
  pg_item it = {PG_PENALTY, 0, p, NULL, 0, 0};
  g_array_append_val(v->items, it);
}
static void vglue(vlist *v, double h) {
  pg_item it = {PG_GLUE, h, 0, NULL, 0, 0};
  g_array_append_val(v->items, it);
}
/* n lines of a paragraph, with widow and orphan control. */
static void vpara(vlist *v, int n) {
  for (int i = 0; i < n; i++) {
    if (i) vpen(v, i < 2 || n - i < 2 ? PG_INF : 0);
    vbox(v, 10);
  }
}

static GArray *paginate(vlist *v, double height, const pg_note *notes, size_t n_notes) {
  pg_input in = {
      (const pg_item *)(void *)v->items->data, v->items->len, notes, n_notes, height, 5, 2, 10};
  return pg_paginate(&in);
}

static size_t boxes_on(const vlist *v, const pg_page *p) {
  size_t n = 0;
  for (size_t i = p->first; i < p->end; i++)
    n += g_array_index(v->items, pg_item, i).kind == PG_BOX;
  return n;
}

static void no_widows_or_orphans(void **state) {
  (void)state;
  /* 5 lines, 4 fit: breaking after 4 would leave a widow; after 3 is right. */
  vlist v = {g_array_new(FALSE, FALSE, sizeof(pg_item))};
  vpara(&v, 5);
  GArray *pages = paginate(&v, 40, NULL, 0);
  assert_int_equal(pages->len, 2);
  assert_int_equal(boxes_on(&v, &g_array_index(pages, pg_page, 0)), 3);
  assert_int_equal(boxes_on(&v, &g_array_index(pages, pg_page, 1)), 2);
  pg_pages_free(pages);
  /* A paragraph whose first line alone would fit goes to the next page
   * whole (no orphan). */
  g_array_set_size(v.items, 0);
  vpara(&v, 3);
  vglue(&v, 5);
  vpara(&v, 4);
  pages = paginate(&v, 45, NULL, 0);
  assert_int_equal(boxes_on(&v, &g_array_index(pages, pg_page, 0)), 3);
  pg_pages_free(pages);
  g_array_unref(v.items);
}

static void heading_keeps_with_text(void **state) {
  (void)state;
  vlist v = {g_array_new(FALSE, FALSE, sizeof(pg_item))};
  vpara(&v, 3);
  vglue(&v, 10);
  vbox(&v, 10); /* a heading */
  vpen(&v, PG_INF);
  vglue(&v, 3);
  vpara(&v, 4);
  /* Room for the paragraph, the heading and one line: the heading goes
   * to the next page with its text. */
  GArray *pages = paginate(&v, 55, NULL, 0);
  const pg_page *p0 = &g_array_index(pages, pg_page, 0);
  assert_int_equal(boxes_on(&v, p0), 3);
  pg_pages_free(pages);
  g_array_unref(v.items);
}

static void footnote_on_page_of_reference(void **state) {
  (void)state;
  double note_lines[] = {8, 8, 8};
  pg_note notes[] = {{note_lines, 3}};
  int ref[] = {0};
  vlist v = {g_array_new(FALSE, FALSE, sizeof(pg_item))};
  for (int i = 0; i < 8; i++) {
    if (i) vpen(&v, 0);
    vbox(&v, 10);
  }
  /* Line 6 references the note. Height 70: lines 1-6 fit, but not with
   * 5 + 16 (two note lines) below them; the referencing line moves on,
   * and its note with it. */
  g_array_index(v.items, pg_item, 10).notes = ref;
  g_array_index(v.items, pg_item, 10).n_notes = 1;
  GArray *pages = paginate(&v, 70, notes, 1);
  const pg_page *p0 = &g_array_index(pages, pg_page, 0);
  const pg_page *p1 = &g_array_index(pages, pg_page, 1);
  assert_true(p0->end <= 10);
  assert_int_equal(p0->pieces->len, 0);
  assert_true(p1->first <= 10 && p1->end > 10);
  assert_int_equal(p1->pieces->len, 1);
  assert_int_equal(g_array_index(p1->pieces, pg_piece, 0).from, 0);
  assert_int_equal(g_array_index(p1->pieces, pg_piece, 0).to, 3);
  pg_pages_free(pages);
  g_array_unref(v.items);
}

static void long_note_continues(void **state) {
  (void)state;
  double note_lines[12];
  for (int i = 0; i < 12; i++)
    note_lines[i] = 8;
  pg_note notes[] = {{note_lines, 12}};
  int ref[] = {0};
  vlist v = {g_array_new(FALSE, FALSE, sizeof(pg_item))};
  for (int i = 0; i < 6; i++) {
    if (i) vpen(&v, 0);
    vbox(&v, 10);
  }
  g_array_index(v.items, pg_item, 0).notes = ref;
  g_array_index(v.items, pg_item, 0).n_notes = 1;
  /* 96 pt of note cannot share a 70 pt page with its reference: part of
   * it stands on the page, the rest continues on the next; nothing is lost. */
  GArray *pages = paginate(&v, 70, notes, 1);
  assert_true(pages->len >= 2);
  int placed = 0, last_to = 0;
  for (guint p = 0; p < pages->len; p++) {
    const pg_page *pg = &g_array_index(pages, pg_page, p);
    for (guint k = 0; k < pg->pieces->len; k++) {
      const pg_piece *pc = &g_array_index(pg->pieces, pg_piece, k);
      assert_int_equal(pc->from, last_to); /* in order, no gap */
      placed += pc->to - pc->from;
      last_to = pc->to;
    }
  }
  assert_int_equal(placed, 12);
  const pg_page *p0 = &g_array_index(pages, pg_page, 0);
  assert_true(p0->first == 0 && p0->end > 0); /* the reference is on page 1 */
  assert_true(p0->split_note);
  assert_true(g_array_index(p0->pieces, pg_piece, 0).to >= 2);
  pg_pages_free(pages);
  g_array_unref(v.items);
}

static void forced_and_oversize(void **state) {
  (void)state;
  vlist v = {g_array_new(FALSE, FALSE, sizeof(pg_item))};
  vbox(&v, 10);
  vpen(&v, -PG_INF);
  vbox(&v, 500); /* taller than the page */
  vglue(&v, 5);
  vbox(&v, 10);
  GArray *pages = paginate(&v, 100, NULL, 0);
  assert_int_equal(pages->len, 3);
  assert_int_equal(boxes_on(&v, &g_array_index(pages, pg_page, 0)), 1);
  assert_int_equal(boxes_on(&v, &g_array_index(pages, pg_page, 1)), 1);
  pg_pages_free(pages);
  g_array_unref(v.items);
}

static void repeated_header_takes_room(void **state) {
  (void)state;
  vlist v = {g_array_new(FALSE, FALSE, sizeof(pg_item))};
  for (int i = 0; i < 10; i++) {
    if (i) vpen(&v, 0);
    vbox(&v, 10);
    g_array_index(v.items, pg_item, v.items->len - 1).restart = i ? 10 : 0;
  }
  GArray *pages = paginate(&v, 50, NULL, 0);
  /* 5 rows on the first page; 4 on each next one under the header copy. */
  assert_int_equal(boxes_on(&v, &g_array_index(pages, pg_page, 0)), 5);
  assert_int_equal(boxes_on(&v, &g_array_index(pages, pg_page, 1)), 4);
  assert_true(g_array_index(pages, pg_page, 1).restart == 10);
  pg_pages_free(pages);
  g_array_unref(v.items);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(hyphenation_points),
      cmocka_unit_test(hyphenation_remembers),
      cmocka_unit_test(hyphenation_leaves_alone),
      cmocka_unit_test(hyphenation_keeps_text),
      cmocka_unit_test(optimal_beats_greedy),
      cmocka_unit_test(forced_breaks_and_hyphens),
      cmocka_unit_test(overlong_word_still_breaks),
      cmocka_unit_test(no_hyphen_ladders),
      cmocka_unit_test(no_widows_or_orphans),
      cmocka_unit_test(heading_keeps_with_text),
      cmocka_unit_test(footnote_on_page_of_reference),
      cmocka_unit_test(long_note_continues),
      cmocka_unit_test(forced_and_oversize),
      cmocka_unit_test(repeated_header_takes_room),
  };
  return cmocka_run_group_tests(tests, hyph_setup, hyph_teardown);
}

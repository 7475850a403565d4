/* Unit tests for the rules of pagination as the block layout writes them
 * (README, "Pagination"): galley.c turns them into penalties, paginate.c
 * only weighs penalties against empty space. test_pdf.c checks the weighing
 * with penalties of its own; these tests lay out real paragraphs with
 * galley.c, so that they fail when the galley stops writing a rule: two
 * lines at least of a paragraph at the foot and at the head of a page, and
 * a page ending in a hyphen dearer than one that does not. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "statuut/galley.h"
#include "statuut/paginate.h"

#include <stdio.h>
#include <string.h>

#include "pdf_setup.h"

#define LEADING 14.4
#define GAP 7.2 /* between paragraphs */

/* A document laid out in a column `measure` wide, with hyphenation. */
typedef struct {
  doc *d;
  galley *g;
  GArray *views; /* of pg_note */
} laid;

static laid lay_out(const char *body, double measure) {
  char *src = g_strdup_printf("---\ntitle: \"T\"\nversion: \"1.0\"\ndate: 2022-11-01\n"
                              "status: vastgesteld\n---\n\n%s",
                              body);
  diag_list *l = diag_list_new();
  laid t = {doc_parse("x.md", src, strlen(src), l), NULL,
            g_array_new(FALSE, FALSE, sizeof(pg_note))};
  assert_non_null(t.d);
  assert_int_equal(diag_count(l, DIAG_ERROR), 0);
  diag_list_free(l);
  g_free(src);
  galley_geometry geo = {measure, 10.5, LEADING, 8.4, 11.2, GAP, false};
  t.g = galley_new(F, H, NULL, &geo, NULL);
  galley_add_document(t.g, t.d, NULL);
  return t;
}

static void laid_free(laid *t) {
  galley_free(t->g);
  g_array_unref(t->views);
  doc_free(t->d);
}

/* The pages of a text area `height` tall. unit is the paginator's unit of
 * empty space (0: a body line, as the PDF has it). */
static GArray *pages_of(laid *t, double height, double unit) {
  pg_input in = galley_pg_input(t->g, t->views, height);
  if (unit > 0) in.line = unit;
  return pg_paginate(&in);
}

/* The k-th paragraph of the body (0 first), from its lines' boxes. */
static const para *paragraph(const laid *t, int k) {
  const para *last = NULL;
  for (guint i = 0; i < t->g->boxes->len; i++) {
    const galley_box *b = g_ptr_array_index(t->g->boxes, i);
    if (!b || b->kind != BOX_LINE || !b->para || b->para == last) continue;
    last = b->para;
    if (k-- == 0) return last;
  }
  fail_msg("no paragraph %d", k);
  return NULL;
}

static int lines_of(const para *p) {
  return (int)p->lines->len;
}

/* How many lines of p stand on page pg. */
static int lines_on(const laid *t, const pg_page *pg, const para *p) {
  int n = 0;
  for (size_t i = pg->first; i < pg->end; i++) {
    const galley_box *b = g_ptr_array_index(t->g->boxes, i);
    n += b && b->kind == BOX_LINE && b->para == p;
  }
  return n;
}

static const pg_page *page(const GArray *pages, guint i) {
  assert_true(i < pages->len);
  return &g_array_index(pages, pg_page, i);
}

static const char ALINEA[] =
    "De wijkteams werken samen met de gemeente, de huisartsen en de scholen in de wijk. "
    "Elk team bespreekt zijn werk eens in de maand met een collega van een ander team, "
    "zodat wat goed gaat ook elders bekend wordt en wat beter kan niet blijft liggen. "
    "Wie een vraag heeft over de ondersteuning, belt het team van de eigen wijk.";

/* A page with room for all lines of a paragraph but its last leaves two
 * for the next page, not the last line alone (a widow). */
static void no_widow(void **state) {
  (void)state;
  laid t = lay_out(ALINEA, 200);
  const para *p = paragraph(&t, 0);
  int n = lines_of(p);
  assert_true(n >= 5);
  GArray *pages = pages_of(&t, (n - 1) * LEADING + 0.01, 0);
  assert_int_equal(pages->len, 2);
  assert_int_equal(lines_on(&t, page(pages, 0), p), n - 2);
  assert_int_equal(lines_on(&t, page(pages, 1), p), 2);
  pg_pages_free(pages);
  laid_free(&t);
}

/* A page with room below one paragraph for one line of the next ends
 * after the first: a paragraph does not start with its first line alone at
 * the foot of a page (an orphan). */
static void no_orphan(void **state) {
  (void)state;
  char *body = g_strdup_printf("Een korte alinea vooraf.\n\n%s\n", ALINEA);
  laid t = lay_out(body, 200);
  const para *a = paragraph(&t, 0), *b = paragraph(&t, 1);
  int m = lines_of(a);
  assert_true(lines_of(b) >= 4);
  GArray *pages = pages_of(&t, (m + 1) * LEADING + GAP + 0.01, 0);
  assert_true(pages->len >= 2);
  assert_int_equal(lines_on(&t, page(pages, 0), a), m);
  assert_int_equal(lines_on(&t, page(pages, 0), b), 0);
  pg_pages_free(pages);
  g_free(body);
  laid_free(&t);
}

/* Long Dutch words in a narrow column: many lines end in a hyphen. */
static const char LANG[] =
    "Het kwaliteitsstatuut beschrijft de verantwoordelijkheden van de "
    "gezondheidsvoorspellers, de organisatieontwikkeling van de wijkteams, de "
    "ondersteuningsvragen van bewoners en de samenwerkingsafspraken met de "
    "huisartsenpraktijken, de jeugdgezondheidszorg en de woningcorporaties, "
    "zodat de kwaliteitsverbetering van de dienstverlening onderwerp van "
    "gesprek blijft in de wijkteambesprekingen en de teamvergaderingen.";

/* When the empty space a break leaves costs nothing (a unit of empty space
 * so large that any page is nearly full), the galley's penalties alone
 * choose: a page that could end after a hyphenated line ends after an
 * earlier line that is not hyphenated. */
static void no_hyphen_at_page_end(void **state) {
  (void)state;
  laid t = lay_out(LANG, 150);
  const para *p = paragraph(&t, 0);
  int n = lines_of(p);
  /* The first line k (from 1) that ends in a hyphen and may end a page,
   * with a plain line before it that may end a page too. */
  int k = 0;
  for (int i = 3; i <= n - 2 && !k; i++) {
    bool hyphen = g_array_index(p->lines, para_line, i - 1).hyphen;
    bool plain_before = false;
    for (int j = 2; j < i; j++)
      plain_before |= !g_array_index(p->lines, para_line, j - 1).hyphen;
    if (hyphen && plain_before) k = i;
  }
  if (!k) fail_msg("no hyphenated line to test with in %d lines", n);
  int want = 0; /* the last plain line before k that may end a page */
  for (int j = 2; j < k; j++)
    if (!g_array_index(p->lines, para_line, j - 1).hyphen) want = j;
  GArray *pages = pages_of(&t, k * LEADING + 0.01, 1e6);
  assert_int_equal(lines_on(&t, page(pages, 0), p), want);
  pg_pages_free(pages);
  laid_free(&t);
}

/* The last page is never the tail of a note list alone when lines of the
 * body can go with it: for every height of page that holds the note (some
 * 11 lines of body) with a few lines of body, every page has body text.
 * (On a page lower than that the note runs over two pages whatever the
 * break.) */
static void no_page_of_notes_alone(void **state) {
  (void)state;
  char *body =
      g_strdup_printf("%s\n\n%s\n\n%s De laatste alinea verwijst naar een lange noot.[^1]\n\n"
                      "[^1]: %s %s\n",
                      ALINEA, ALINEA, ALINEA, ALINEA, ALINEA);
  laid t = lay_out(body, 200);
  int tails = 0;
  for (double lines = 15; lines <= 40; lines += 0.5) {
    GArray *pages = pages_of(&t, lines * LEADING, 0);
    for (guint k = 1; k < pages->len; k++) {
      const pg_page *pg = page(pages, k);
      bool body_text = false;
      for (size_t i = pg->first; i < pg->end; i++)
        body_text |= g_ptr_array_index(t.g->boxes, i) != NULL;
      if (!body_text && pg->pieces->len) {
        tails++;
        fprintf(stderr, "a page of %.1f lines: page %u holds only notes\n", lines, k + 1);
      }
    }
    pg_pages_free(pages);
  }
  assert_int_equal(tails, 0);
  g_free(body);
  laid_free(&t);
}

/* Every structure element has its name in the PDF. */
static void tag_names(void **state) {
  (void)state;
  for (int t = 0; t < TAG_MAX; t++) {
    const char *name = galley_tag_name((galley_tag)t);
    assert_non_null(name);
    assert_true(*name);
  }
  assert_string_equal(galley_tag_name(TAG_H1), "H1");
  assert_string_equal(galley_tag_name(TAG_H6), "H6");
  assert_string_equal(galley_tag_name(TAG_LBODY), "LBody");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(no_widow),
      cmocka_unit_test(no_orphan),
      cmocka_unit_test(no_hyphen_at_page_end),
      cmocka_unit_test(no_page_of_notes_alone),
      cmocka_unit_test(tag_names),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}

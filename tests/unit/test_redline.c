/* Unit tests for the redline PDF: the entries of the summary page (what a
 * change is called and which words it shows, marked), and the galley's
 * reading of a redline (every line of a changed block knows it is changed,
 * and the block's first box knows its change). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "doc_setup.h"
#include "statuut/diff.h"
#include "statuut/galley.h"
#include "statuut/pdfredline.h"

#include <stdio.h>
#include <string.h>

typedef struct {
  doc *a, *b;
  diff_result *r;
} pair;

static pair diff_of(const char *old_body, const char *new_body) {
  pair p = {doc_of_body(old_body), doc_of_body(new_body), NULL};
  p.r = diff_docs(p.a, p.b);
  return p;
}

static void pair_free(pair *p) {
  diff_free(p->r);
  doc_free(p->a);
  doc_free(p->b);
}

/* The entry as text, each marked run in brackets: [-deleted-] {+inserted+}. */
static char *entry_text(const doc_node *e) {
  GString *s = g_string_new(NULL);
  for (const doc_node *k = e->first; k; k = k->next) {
    /* plain text trims trailing spaces; a text node's own text does not */
    char *t = k->type == DOC_TEXT ? g_strdup(k->text) : doc_node_plain_text(k);
    g_string_append_printf(s, "%s%s%s",
                           k->mark == MARK_DELETE   ? "[-"
                           : k->mark == MARK_INSERT ? "{+"
                                                    : "",
                           t,
                           k->mark == MARK_DELETE   ? "-]"
                           : k->mark == MARK_INSERT ? "+}"
                                                    : "");
    g_free(t);
  }
  /* the narrow space between a deletion and its replacement, as a space */
  char *out = g_string_free(s, FALSE);
  char **parts = g_strsplit(out, "\xe2\x80\xaf", -1);
  char *joined = g_strjoinv(" ", parts);
  g_strfreev(parts);
  g_free(out);
  return joined;
}

static void expect_entry(const char *old_body, const char *new_body, size_t max, const char *want) {
  pair p = diff_of(old_body, new_body);
  assert_true(p.r->changes->len >= 1);
  doc_node *e = redline_entry(g_ptr_array_index(p.r->changes, 0), max);
  char *got = entry_text(e);
  assert_string_equal(got, want);
  g_free(got);
  doc_node_free(e);
  pair_free(&p);
}

static void entry_word_edit(void **state) {
  (void)state;
  expect_entry("# Blaue systemen\n", "# Blauwe systemen\n", 60,
               "kop gewijzigd: [-Blaue-] {+Blauwe+}");
  expect_entry("Een frontlijn bureaukraat met veel werk en een korte tijd.\n",
               "Een frontlijn bureaucraat met veel werk en een korte tijd.\n", 60,
               "alinea gewijzigd: [-bureaukraat-] {+bureaucraat+}");
}

static void entry_edits_apart(void **state) {
  (void)state;
  expect_entry("De co creatie loopt, en het verstreken van inwoners gaat door met vaart.\n",
               "De co-creatie loopt, en het versterken van inwoners gaat door met vaart.\n", 60,
               "alinea gewijzigd: [-co creatie-] {+co-creatie+} \xe2\x80\xa6 [-verstreken-] "
               "{+versterken+}");
}

static void entry_punctuation_has_context(void **state) {
  (void)state;
  /* An added bracket alone says nothing: the words beside it come along. */
  expect_entry("Werk samen met BPSW Jeanet de Jong en anderen in de regio.\n",
               "Werk samen met BPSW (Jeanet de Jong en anderen in de regio.\n", 60,
               "alinea gewijzigd (leesteken): BPSW {+(+}Jeanet");
}

/* The same words with another link: once, with both targets (issue 12). */
static void entry_restyle_names_targets(void **state) {
  (void)state;
  expect_entry("Zie de [gemeente](https://a.nl/) voor meer.\n",
               "Zie de [gemeente](https://b.nl/) voor meer.\n", 80,
               "alinea gewijzigd: gemeente (link gewijzigd: https://a.nl/ \xe2\x86\x92 "
               "https://b.nl/)");
  expect_entry("Het *samenspel* telt.\n", "Het **samenspel** telt.\n", 80,
               "alinea gewijzigd: samenspel (opmaak gewijzigd: cursief \xe2\x86\x92 vet)");
}

/* What the words do not show is in the remarks: a heading's level. */
static void entry_heading_level(void **state) {
  (void)state;
  expect_entry("# Hoofdstuk\n\n### Toegang\n\nTekst.\n", "# Hoofdstuk\n\n## Toegang\n\nTekst.\n",
               60, "kop gewijzigd (kop van niveau 3 naar 2)");
}

static void entry_whole_blocks(void **state) {
  (void)state;
  expect_entry("Een.\n\nTwee.\n",
               "Een.\n\nTwee.\n\nEen nieuwe alinea die lang genoeg is om "
               "afgekapt te worden na een paar woorden.\n",
               30, "alinea ingevoegd: {+Een nieuwe alinea die lang\xe2\x80\xa6+}");
  expect_entry("- a. Eerste punt.\n- b. Tweede punt.\n- c. Derde punt.\n",
               "- a. Eerste punt.\n- b. Derde punt.\n", 60, "punt verwijderd: [-Tweede punt.-]");
}

static void entry_moved_names_sections(void **state) {
  (void)state;
  expect_entry("# Een\n\nDeze alinea verhuist naar het slot van het stuk.\n\nBlijft.\n\n# Twee\n\n"
               "Ook.\n",
               "# Een\n\nBlijft.\n\n# Twee\n\nOok.\n\nDeze alinea verhuist naar het slot van het "
               "stuk.\n",
               60,
               "alinea verplaatst: van \xe2\x80\x98"
               "Een\xe2\x80\x99 naar \xe2\x80\x98Twee\xe2\x80\x99");
}

static void entry_note_has_its_number(void **state) {
  (void)state;
  expect_entry("Tekst.[^a]\n\n[^a]: Zie Scheerpers 2021.\n",
               "Tekst.[^a]\n\n[^a]: Zie Scheepers 2021.\n", 60,
               "noot 1 gewijzigd: [-Scheerpers-] {+Scheepers+}");
}

/* ---- the galley reads the marks -------------------------------------------- */

static pdf_fonts *F;

static int fonts_setup(void **state) {
  (void)state;
  char *err = NULL;
  F = pdf_fonts_open(&err);
  if (!F) fprintf(stderr, "%s\n", err);
  g_free(err);
  return F ? 0 : -1;
}

static int fonts_teardown(void **state) {
  (void)state;
  pdf_fonts_free(F);
  return 0;
}

static galley *lay_out(const diff_result *r) {
  galley_geometry geo = {380, 10.5, 14.4, 8.4, 11.2, 7.2, false};
  galley *g = galley_new(F, NULL, NULL, &geo, NULL);
  galley_add_document(g, r->redline, NULL);
  return g;
}

static const char LONG[] = "Een alinea van een paar regels lang, zodat er meer dan een regel is om "
                           "te tellen: elke regel van een geschrapte alinea draagt de wijziging, "
                           "ook de laatste, en krijgt zo een streep in de kantlijn.";

static void deleted_block_marks_every_line(void **state) {
  (void)state;
  char *old_body = g_strdup_printf("Blijft staan.\n\n%s\n\nBlijft ook.\n", LONG);
  pair p = diff_of(old_body, "Blijft staan.\n\nBlijft ook.\n");
  galley *g = lay_out(p.r);
  int changed = 0, unchanged = 0, starts = 0;
  for (guint i = 0; i < g->boxes->len; i++) {
    const galley_box *b = g_ptr_array_index(g->boxes, i);
    if (!b || b->kind != BOX_LINE || !b->para) continue;
    const para_line *ln = &g_array_index(b->para->lines, para_line, b->line);
    if (ln->changed)
      changed++;
    else
      unchanged++;
    if (b->change) {
      starts++;
      assert_int_equal(b->change, 1);
      assert_int_equal(b->mark, MARK_DELETE);
      assert_true(ln->changed);
    }
  }
  assert_true(changed >= 3);
  assert_int_equal(unchanged, 2);
  assert_int_equal(starts, 1);
  galley_free(g);
  pair_free(&p);
  g_free(old_body);
}

static void word_edit_marks_its_line_only(void **state) {
  (void)state;
  char *old_body = g_strdup_printf("%s Het woord Blaue staat aan het eind.\n", LONG);
  char *new_body = g_strdup_printf("%s Het woord Blauwe staat aan het eind.\n", LONG);
  pair p = diff_of(old_body, new_body);
  galley *g = lay_out(p.r);
  int changed = 0, lines = 0, starts = 0;
  for (guint i = 0; i < g->boxes->len; i++) {
    const galley_box *b = g_ptr_array_index(g->boxes, i);
    if (!b || b->kind != BOX_LINE || !b->para) continue;
    lines++;
    const para_line *ln = &g_array_index(b->para->lines, para_line, b->line);
    changed += ln->changed;
    if (b->change) {
      /* the change is found where the edit is: the last line, not the first */
      starts++;
      assert_int_equal(b->mark, MARK_MODIFIED);
      assert_true(ln->changed);
      assert_int_equal(b->line, (int)b->para->lines->len - 1);
    }
  }
  assert_true(lines >= 3);
  assert_int_equal(changed, 1);
  assert_int_equal(starts, 1);
  galley_free(g);
  pair_free(&p);
  g_free(old_body);
  g_free(new_body);
}

static void changed_note_knows_its_change(void **state) {
  (void)state;
  pair p = diff_of("Tekst.[^a]\n\n[^a]: Zie Scheerpers 2021.\n",
                   "Tekst.[^a]\n\n[^a]: Zie Scheepers 2021.\n");
  galley *g = lay_out(p.r);
  assert_int_equal(g->notes->len, 1);
  const galley_note *n = g_ptr_array_index(g->notes, 0);
  assert_int_equal(n->change, 1);
  assert_int_equal(n->mark, MARK_MODIFIED);
  const galley_note_line *nl = &g_array_index(n->lines, galley_note_line, 0);
  assert_true(g_array_index(nl->para->lines, para_line, nl->line).changed);
  galley_free(g);
  pair_free(&p);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(entry_word_edit),
      cmocka_unit_test(entry_edits_apart),
      cmocka_unit_test(entry_punctuation_has_context),
      cmocka_unit_test(entry_whole_blocks),
      cmocka_unit_test(entry_restyle_names_targets),
      cmocka_unit_test(entry_heading_level),
      cmocka_unit_test(entry_moved_names_sections),
      cmocka_unit_test(entry_note_has_its_number),
      cmocka_unit_test_setup_teardown(deleted_block_marks_every_line, fonts_setup, fonts_teardown),
      cmocka_unit_test_setup_teardown(word_edit_marks_its_line_only, fonts_setup, fonts_teardown),
      cmocka_unit_test_setup_teardown(changed_note_knows_its_change, fonts_setup, fonts_teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

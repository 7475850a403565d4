/* Unit tests for since: the history of every block, section and note of a
 * version, followed back through the chain of consecutive diffs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "statuut/diff.h"
#include "statuut/since.h"

#include <string.h>

static doc *parse(const char *version, const char *body) {
  char *src = g_strdup_printf("---\ntitle: \"T\"\nversion: \"%s\"\ndate: 2022-11-01\n"
                              "status: vastgesteld\n---\n\n%s",
                              version, body);
  diag_list *l = diag_list_new();
  doc *d = doc_parse("x.md", src, strlen(src), l);
  diag_list_free(l);
  g_free(src);
  return d;
}

/* Three versions of a statute's chapter. */
static const char *const V0 = "# 1. Algemeen\n\n"
                              "## Doel\n\nHet statuut beschrijft de kwaliteit.\n\n"
                              "Wijkteams werken samen met inwoners.[^a]\n\n"
                              "## Rollen\n\n- De professional handelt.\n- Het bestuur stuurt.\n\n"
                              "Teams leren van elkaar.\n\n"
                              "# 2. Toezicht\n\nDe toezichthouder kijkt mee.\n\n"
                              "Verslag volgt jaarlijks.\n\n"
                              "[^a]: Zie de wet.\n";
/* 1.1: a paragraph of Doel edited, a point edited, the note edited. */
static const char *const V1 = "# 1. Algemeen\n\n"
                              "## Doel\n\nHet statuut beschrijft de kwaliteit van wijkteams.\n\n"
                              "Wijkteams werken samen met inwoners.[^a]\n\n"
                              "## Rollen\n\n- De professional handelt zorgvuldig.\n"
                              "- Het bestuur stuurt.\n\n"
                              "Teams leren van elkaar.\n\n"
                              "# 2. Toezicht\n\nDe toezichthouder kijkt mee.\n\n"
                              "Verslag volgt jaarlijks.\n\n"
                              "[^a]: Zie de Jeugdwet.\n";
/* 2.0: a paragraph inserted in Doel, "Teams leren" moved to Toezicht
 * unchanged, "Verslag" deleted. */
static const char *const V2 = "# 1. Algemeen\n\n"
                              "## Doel\n\nHet statuut beschrijft de kwaliteit van wijkteams.\n\n"
                              "Het statuut wordt elk jaar herijkt.\n\n"
                              "Wijkteams werken samen met inwoners.[^a]\n\n"
                              "## Rollen\n\n- De professional handelt zorgvuldig.\n"
                              "- Het bestuur stuurt.\n\n"
                              "# 2. Toezicht\n\nDe toezichthouder kijkt mee.\n\n"
                              "Teams leren van elkaar.\n\n"
                              "[^a]: Zie de Jeugdwet.\n";

typedef struct {
  doc *d[3];
  since_chain *c;
} chain;

static int setup(void **state) {
  chain *ch = g_new0(chain, 1);
  ch->d[0] = parse("1.0", V0);
  ch->d[1] = parse("1.1", V1);
  ch->d[2] = parse("2.0", V2);
  ch->c = since_chain_build((const doc *const *)ch->d, 3, NULL);
  *state = ch;
  return 0;
}

static int teardown(void **state) {
  chain *ch = *state;
  since_chain_free(ch->c);
  for (int i = 0; i < 3; i++)
    doc_free(ch->d[i]);
  g_free(ch);
  return 0;
}

/* The first block of d whose plain text starts with `start`, descending
 * into lists and quotes (a point is its paragraph). */
static const doc_node *find_in(const doc_node *n, const char *start) {
  for (const doc_node *k = n->first; k; k = k->next) {
    if (k->type == DOC_HEADING || k->type == DOC_PARAGRAPH) {
      char *t = doc_node_plain_text(k);
      bool hit = g_str_has_prefix(t, start);
      g_free(t);
      if (hit) return k;
    } else if (doc_node_is_block(k)) {
      const doc_node *f = find_in(k, start);
      if (f) return f;
    }
  }
  return NULL;
}

static const since_history *hist(chain *ch, guint v, const char *start) {
  const doc_node *n = find_in(ch->d[v]->root, start);
  assert_non_null(n);
  const since_history *h = since_lookup(ch->c, v, n);
  assert_non_null(h);
  return h;
}

static void assert_label(chain *ch, const since_history *h, const char *want) {
  char *l = since_label(ch->c, since_reading(h));
  assert_string_equal(l, want);
  g_free(l);
}

static void unchanged_block_reads_so_since_the_first(void **state) {
  chain *ch = *state;
  const since_history *h = hist(ch, 2, "Wijkteams werken");
  assert_int_equal(h->n, 1);
  assert_int_equal(h->steps[0].what, SINCE_ORIGIN);
  assert_label(ch, h, "ongewijzigd sinds 1.0");
  assert_label(ch, hist(ch, 0, "Wijkteams werken"), "ongewijzigd sinds 1.0");
}

static void edited_block_keeps_its_whole_history(void **state) {
  chain *ch = *state;
  const since_history *h = hist(ch, 2, "Het statuut beschrijft");
  assert_int_equal(h->n, 2);
  assert_int_equal(h->steps[0].version, 1);
  assert_int_equal(h->steps[0].what, SINCE_MODIFIED);
  assert_int_equal(h->steps[1].what, SINCE_ORIGIN);
  /* each step knows the passage as its version has it */
  assert_ptr_equal(h->steps[1].block, find_in(ch->d[0]->root, "Het statuut beschrijft"));
  assert_ptr_equal(h->steps[0].block, find_in(ch->d[1]->root, "Het statuut beschrijft"));
  assert_label(ch, h, "gewijzigd in 1.1");
  /* on 1.1's own page the same */
  assert_label(ch, hist(ch, 1, "Het statuut beschrijft"), "gewijzigd in 1.1");
  /* and on 1.0's page it is still the original */
  assert_label(ch, hist(ch, 0, "Het statuut beschrijft"), "ongewijzigd sinds 1.0");
}

/* The step's change is the one the redline of 1.0 and 1.1 numbers for that
 * block: its anchor takes the reader there. */
static void step_names_the_change_of_its_redline(void **state) {
  chain *ch = *state;
  const since_step *s = since_reading(hist(ch, 2, "De professional"));
  assert_int_equal(s->what, SINCE_MODIFIED);
  diff_result *r = diff_docs(ch->d[0], ch->d[1]);
  const diff_change *found = NULL;
  for (guint i = 0; i < r->changes->len; i++) {
    const diff_change *c = g_ptr_array_index(r->changes, i);
    if (c->new_text && g_str_has_prefix(c->new_text, "De professional")) found = c;
  }
  assert_non_null(found);
  assert_int_equal(s->change, found->id);
  diff_free(r);
}

static void inserted_block_is_new(void **state) {
  chain *ch = *state;
  const since_history *h = hist(ch, 2, "Het statuut wordt");
  assert_int_equal(h->n, 1);
  assert_int_equal(h->steps[0].what, SINCE_INSERTED);
  assert_true(h->steps[0].change > 0);
  assert_label(ch, h, "nieuw in 2.0");
}

/* A block moved unchanged reads as it did: the move is in its history, not
 * in what it says. */
static void moved_block_reads_as_before(void **state) {
  chain *ch = *state;
  const since_history *h = hist(ch, 2, "Teams leren");
  assert_int_equal(h->n, 2);
  assert_int_equal(h->steps[0].what, SINCE_MOVED);
  assert_int_equal(h->steps[0].version, 2);
  assert_label(ch, h, "ongewijzigd sinds 1.0");
}

/* A section changed when anything in it did, its heading's parents too;
 * one that stayed the same reads so since the first version. */
static void sections_follow_their_blocks(void **state) {
  chain *ch = *state;
  assert_label(ch, hist(ch, 1, "Doel"), "gewijzigd in 1.1");
  assert_label(ch, hist(ch, 1, "1. Algemeen"), "gewijzigd in 1.1");
  assert_label(ch, hist(ch, 1, "2. Toezicht"), "ongewijzigd sinds 1.0");
  /* 2.0: Doel got a paragraph; Rollen lost "Teams leren" (moved away);
   * Toezicht got it and lost "Verslag" */
  assert_label(ch, hist(ch, 2, "Doel"), "gewijzigd in 2.0");
  assert_label(ch, hist(ch, 2, "Rollen"), "gewijzigd in 2.0");
  const since_history *t = hist(ch, 2, "2. Toezicht");
  assert_label(ch, t, "gewijzigd in 2.0");
  assert_int_equal(t->n, 2); /* 2.0, and the origin: 1.1 changed nothing there */
  /* one step per version, however many changes */
  const since_history *a = hist(ch, 2, "1. Algemeen");
  assert_int_equal(a->n, 3);
  assert_int_equal(a->steps[1].version, 1);
}

static void notes_have_their_own_history(void **state) {
  chain *ch = *state;
  const doc_node *f = g_ptr_array_index(ch->d[2]->footnotes, 0);
  const since_history *h = since_lookup(ch->c, 2, f);
  assert_non_null(h);
  assert_label(ch, h, "gewijzigd in 1.1");
  const doc_node *f0 = g_ptr_array_index(ch->d[0]->footnotes, 0);
  assert_label(ch, since_lookup(ch->c, 0, f0), "ongewijzigd sinds 1.0");
}

/* Nodes that are not blocks of the diff have no history. */
static void other_nodes_have_none(void **state) {
  chain *ch = *state;
  assert_null(since_lookup(ch->c, 2, ch->d[2]->root));
  const doc_node *p = find_in(ch->d[2]->root, "Wijkteams werken");
  assert_null(since_lookup(ch->c, 2, p->first));
  assert_null(since_lookup(ch->c, 3, p));
  /* a node of another version is not this version's */
  assert_null(since_lookup(ch->c, 1, p));
}

/* Two equal sentences are two passages: editing one leaves the other's
 * history alone. */
static void equal_text_elsewhere_is_another_passage(void **state) {
  (void)state;
  doc *d[2] = {parse("1.0", "## A\n\nDe regel geldt.\n\n## B\n\nDe regel geldt.\n"),
               parse("1.1", "## A\n\nDe regel geldt altijd.\n\n## B\n\nDe regel geldt.\n")};
  since_chain *c = since_chain_build((const doc *const *)d, 2, NULL);
  const doc_node *a = find_in(d[1]->root, "De regel geldt altijd");
  const doc_node *b = a->next->next; /* ## B, then its paragraph */
  char *la = since_label(c, since_reading(since_lookup(c, 1, a)));
  char *lb = since_label(c, since_reading(since_lookup(c, 1, b)));
  assert_string_equal(la, "gewijzigd in 1.1");
  assert_string_equal(lb, "ongewijzigd sinds 1.0");
  g_free(la);
  g_free(lb);
  since_chain_free(c);
  doc_free(d[0]);
  doc_free(d[1]);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(unchanged_block_reads_so_since_the_first),
      cmocka_unit_test(edited_block_keeps_its_whole_history),
      cmocka_unit_test(step_names_the_change_of_its_redline),
      cmocka_unit_test(inserted_block_is_new),
      cmocka_unit_test(moved_block_reads_as_before),
      cmocka_unit_test(sections_follow_their_blocks),
      cmocka_unit_test(notes_have_their_own_history),
      cmocka_unit_test(other_nodes_have_none),
  };
  const struct CMUnitTest alone[] = {cmocka_unit_test(equal_text_elsewhere_is_another_passage)};
  return cmocka_run_group_tests(tests, setup, teardown) | cmocka_run_group_tests(alone, NULL, NULL);
}

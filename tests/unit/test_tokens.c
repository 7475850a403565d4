/* Unit tests: the diff's tokens (src/diff/tokens.h). Beside what each
 * function gives, the contract between two of them: tok_canonical gives
 * equal texts for two blocks exactly when tok_inline gives them equal tokens,
 * as the diff compares blocks whole by the one and edits them by the other. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "../../src/diff/tokens.h"
#include "doc_setup.h"

#include <string.h>

/* The first block of the body that has inline content. */
static const doc_node *first_block(const doc *d) {
  const doc_node *n = d->root->first;
  assert_non_null(n);
  while (n->type == DOC_LIST || n->type == DOC_ITEM || n->type == DOC_BLOCKQUOTE)
    n = n->first;
  assert_true(n->type == DOC_PARAGRAPH || n->type == DOC_HEADING);
  return n;
}

/* The tokens of the first block of `body`. */
static GArray *tokens_of(tok_pool *p, const char *body, tok_ref_fn ref, void *ctx) {
  doc *d = doc_of_body(body);
  GArray *out = g_array_new(FALSE, FALSE, sizeof(tok));
  tok_inline(p, first_block(d), out, ref, ctx);
  doc_free(d); /* the tokens' strings are the pool's */
  return out;
}

static char *canonical_of(const char *body, tok_ref_fn ref, void *ctx) {
  doc *d = doc_of_body(body);
  GString *s = g_string_new(NULL);
  tok_canonical(first_block(d), s, ref, ctx);
  doc_free(d);
  return g_string_free(s, FALSE);
}

#define TOK(a, i) (&g_array_index((a), tok, (i)))

static void expect_token(const GArray *a, guint i, tok_kind kind, const char *text,
                         unsigned style) {
  if (i >= a->len) fail_msg("token %u of %u expected: \"%s\"", i, a->len, text);
  const tok *t = TOK(a, i);
  if (t->kind != kind || strcmp(t->text, text) != 0 || t->style != style)
    fail_msg("token %u: kind %d \"%s\" style %u, expected kind %d \"%s\" style %u", i, t->kind,
             t->text, t->style, kind, text, style);
}

/* ---- tok_inline ---- */

static void words_spaces_and_punctuation(void **state) {
  (void)state;
  tok_pool p;
  tok_pool_init(&p);
  GArray *a = tokens_of(&p, "Wijkteams   werken,\nmet\tinwoners.\n", NULL, NULL);
  const char *want[] = {"Wijkteams", " ", "werken", ",", " ", "met", " ", "inwoners", "."};
  tok_kind kinds[] = {TOK_WORD, TOK_SPACE, TOK_WORD, TOK_PUNCT, TOK_SPACE,
                      TOK_WORD, TOK_SPACE, TOK_WORD, TOK_PUNCT};
  assert_int_equal(a->len, G_N_ELEMENTS(want));
  for (guint i = 0; i < G_N_ELEMENTS(want); i++) {
    expect_token(a, i, kinds[i], want[i], 0);
    assert_true(TOK(a, i)->url == NULL);
    /* only words have a folded word */
    assert_true((TOK(a, i)->word >= 0) == (kinds[i] == TOK_WORD));
  }
  /* every run of white space is the one same token */
  assert_int_equal(TOK(a, 1)->id, TOK(a, 4)->id);
  assert_int_equal(TOK(a, 1)->id, TOK(a, 6)->id);
  assert_int_equal(tok_words((const tok *)a->data, (int)a->len), 4);
  g_array_free(a, TRUE);
  tok_pool_clear(&p);
}

/* Words are Unicode aware, and apostrophes and hyphens between two word
 * characters belong to them. */
static void unicode_words(void **state) {
  (void)state;
  struct {
    const char *body;
    const char *words[8]; /* NULL after the last */
  } cases[] = {
      {"De dilemma's van zo\xe2\x80\x99n team.\n",
       {"De", "dilemma's", "van", "zo\xe2\x80\x99n", "team"}},
      {"Een drone-bouwer en een co-creatie.\n", {"Een", "drone-bouwer", "en", "een", "co-creatie"}},
      {"Caf\xc3\xa9 na\xc3\xaf"
       "ef \xc3\xa9\xc3\xa9n.\n",
       {"Caf\xc3\xa9",
        "na\xc3\xaf"
        "ef",
        "\xc3\xa9\xc3\xa9n"}},
      /* a combining accent belongs to its letter */
      {"Re\xcc\x81sume\xcc\x81 \xc3\xa9.\n", {"Re\xcc\x81sume\xcc\x81", "\xc3\xa9"}},
      /* not between two word characters: punctuation */
      {"'s Avonds - of niet- en 'ja'.\n", {"s", "Avonds", "of", "niet", "en", "ja"}},
  };
  tok_pool p;
  tok_pool_init(&p);
  for (guint c = 0; c < G_N_ELEMENTS(cases); c++) {
    GArray *a = tokens_of(&p, cases[c].body, NULL, NULL);
    guint w = 0;
    for (guint i = 0; i < a->len; i++) {
      const tok *t = TOK(a, i);
      if (t->kind != TOK_WORD) {
        /* what is not a word is one space or one character */
        assert_true(t->kind == TOK_SPACE || t->kind == TOK_PUNCT);
        assert_int_equal(g_utf8_strlen(t->text, -1), 1);
        continue;
      }
      if (!cases[c].words[w] || strcmp(t->text, cases[c].words[w]) != 0)
        fail_msg("%s: word %u is \"%s\", expected \"%s\"", cases[c].body, w, t->text,
                 cases[c].words[w] ? cases[c].words[w] : "(none)");
      w++;
    }
    if (cases[c].words[w]) fail_msg("%s: missing word \"%s\"", cases[c].body, cases[c].words[w]);
    g_array_free(a, TRUE);
  }
  tok_pool_clear(&p);
}

/* Equal tokens have equal ids; the folded word ignores case only. */
static void interned_ids(void **state) {
  (void)state;
  tok_pool p;
  tok_pool_init(&p);
  GArray *a = tokens_of(&p, "Kwaliteit en kwaliteit en *kwaliteit* en Kwaliteit.\n", NULL, NULL);
  const tok *k1 = TOK(a, 0), *k2 = TOK(a, 4), *k3 = TOK(a, 8), *k4 = TOK(a, 12);
  expect_token(a, 8, TOK_WORD, "kwaliteit", STYLE_EM);
  assert_int_equal(k1->id, k4->id);
  assert_ptr_equal(k1->text, k4->text);
  assert_int_not_equal(k1->id, k2->id);
  assert_int_not_equal(k2->id, k3->id);
  assert_int_equal(k1->word, k2->word);
  assert_int_equal(k2->word, k3->word);
  /* the same word in another block of the same pool */
  GArray *b = tokens_of(&p, "Kwaliteit\n", NULL, NULL);
  assert_int_equal(TOK(b, 0)->id, k1->id);
  /* a word is never the id of a token */
  assert_int_not_equal(k1->word, k1->id);
  assert_int_not_equal(k1->word, k2->id);
  /* tok_intern: one copy of each text */
  char buf[] = "wijk";
  const char *s = tok_intern(&p, buf);
  assert_string_equal(s, "wijk");
  assert_ptr_not_equal(s, buf);
  assert_ptr_equal(tok_intern(&p, "wijk"), s);
  assert_null(tok_intern(&p, NULL));
  g_array_free(a, TRUE);
  g_array_free(b, TRUE);
  tok_pool_clear(&p);
}

static void styles_links_and_images(void **state) {
  (void)state;
  tok_pool p;
  tok_pool_init(&p);
  GArray *a =
      tokens_of(&p,
                "*nadruk* **sterk** ~~weg~~ `a  b` ***beide*** [de gemeente](https://vng.nl/) "
                "![Het logo](logo.png)\n",
                NULL, NULL);
  expect_token(a, 0, TOK_WORD, "nadruk", STYLE_EM);
  expect_token(a, 1, TOK_SPACE, " ", 0);
  expect_token(a, 2, TOK_WORD, "sterk", STYLE_STRONG);
  expect_token(a, 4, TOK_WORD, "weg", STYLE_STRIKE);
  /* inline code is one token, its spaces as they are */
  expect_token(a, 6, TOK_WORD, "a  b", STYLE_CODE);
  expect_token(a, 8, TOK_WORD, "beide", STYLE_EM | STYLE_STRONG);
  expect_token(a, 10, TOK_WORD, "de", 0);
  expect_token(a, 11, TOK_SPACE, " ", 0);
  expect_token(a, 12, TOK_WORD, "gemeente", 0);
  for (guint i = 10; i <= 12; i++)
    assert_string_equal(TOK(a, i)->url, "https://vng.nl/");
  assert_ptr_equal(TOK(a, 10)->url, TOK(a, 12)->url);
  assert_ptr_equal(TOK(a, 10)->url, tok_intern(&p, "https://vng.nl/"));
  /* a space in a link is not the plain space */
  assert_int_not_equal(TOK(a, 11)->id, TOK(a, 1)->id);
  assert_null(TOK(a, 13)->url);
  expect_token(a, 14, TOK_IMAGE, "Het logo", 0);
  assert_string_equal(TOK(a, 14)->url, "logo.png");
  assert_int_equal(a->len, 15);
  /* words: six words, the code, the image */
  assert_int_equal(tok_words((const tok *)a->data, (int)a->len), 8);
  g_array_free(a, TRUE);
  tok_pool_clear(&p);
}

static void hard_breaks(void **state) {
  (void)state;
  tok_pool p;
  tok_pool_init(&p);
  GArray *a = tokens_of(&p, "Eerste regel  \ntweede\\\nderde\n", NULL, NULL);
  expect_token(a, 2, TOK_WORD, "regel", 0);
  expect_token(a, 3, TOK_BREAK, "\n", 0);
  expect_token(a, 4, TOK_WORD, "tweede", 0);
  expect_token(a, 5, TOK_BREAK, "\n", 0);
  assert_int_equal(TOK(a, 3)->id, TOK(a, 5)->id);
  g_array_free(a, TRUE);
  tok_pool_clear(&p);
}

/* Maps every label to "1" but "anders" to "2": the redline's labels. */
static const char *map_ref(const char *label, void *ctx) {
  (void)ctx;
  if (strcmp(label, "weg") == 0) return TOK_GONE_PREFIX "1";
  if (g_str_has_prefix(label, TOK_GONE_PREFIX)) return label;
  return strcmp(label, "anders") == 0 ? "2" : "1";
}

#define NOTES                                                                                      \
  "\n\n[^a]: Een noot.\n\n[^b]: Nog een noot.\n\n[^anders]: Een andere noot.\n\n[^weg]: "          \
  "Een geschrapte noot.\n\n[^verwijderd-1]: Een noot van die naam.\n"

static void footnote_references(void **state) {
  (void)state;
  tok_pool p;
  tok_pool_init(&p);
  GArray *a = tokens_of(&p, "Zin[^a] en *zin*[^b]." NOTES, NULL, NULL);
  expect_token(a, 1, TOK_REF, "[^a]", 0);
  assert_string_equal(TOK(a, 1)->label, "a");
  expect_token(a, 6, TOK_REF, "[^b]", 0);
  assert_int_not_equal(TOK(a, 1)->id, TOK(a, 6)->id);
  assert_int_equal(tok_words((const tok *)a->data, (int)a->len), 3);
  /* through the map: the note it stands for, not its label */
  GArray *b = tokens_of(&p, "Zin[^a] en zin[^b] of[^anders]." NOTES, map_ref, NULL);
  expect_token(b, 1, TOK_REF, "[^1]", 0);
  assert_string_equal(TOK(b, 1)->label, "1");
  expect_token(b, 6, TOK_REF, "[^1]", 0);
  assert_int_equal(TOK(b, 1)->id, TOK(b, 6)->id);
  expect_token(b, 9, TOK_REF, "[^2]", 0);
  assert_int_not_equal(TOK(b, 1)->id, TOK(b, 9)->id);
  g_array_free(a, TRUE);
  g_array_free(b, TRUE);
  tok_pool_clear(&p);
}

/* ---- tok_literal ---- */

static void literal_text(void **state) {
  (void)state;
  tok_pool p;
  tok_pool_init(&p);
  GArray *a = g_array_new(FALSE, FALSE, sizeof(tok));
  tok_literal(&p, "make  test\n\tdilemma's,x\n", a);
  expect_token(a, 0, TOK_WORD, "make", 0);
  expect_token(a, 1, TOK_SPACE, "  ", 0); /* nothing folded */
  expect_token(a, 2, TOK_WORD, "test", 0);
  expect_token(a, 3, TOK_BREAK, "\n", 0);
  expect_token(a, 4, TOK_SPACE, "\t", 0);
  expect_token(a, 5, TOK_WORD, "dilemma's,x", 0); /* split at white space only */
  expect_token(a, 6, TOK_BREAK, "\n", 0);
  assert_int_equal(a->len, 7);
  assert_int_equal(tok_words((const tok *)a->data, (int)a->len), 3);
  /* a literal break is the inline one */
  GArray *b = tokens_of(&p, "a  \nb\n", NULL, NULL);
  assert_int_equal(TOK(a, 3)->id, TOK(b, 1)->id);
  g_array_free(a, TRUE);
  g_array_free(b, TRUE);
  tok_pool_clear(&p);
}

/* ---- tok_text ---- */

static void text_for_people(void **state) {
  (void)state;
  struct {
    const char *body, *text;
  } cases[] = {
      {"Het *samenspel* telt.\n", "Het *samenspel* telt."},
      {"Het **samenspel** en ~~de regel~~.\n", "Het **samenspel** en ~~de regel~~."},
      {"Zie `make test` hier.\n", "Zie `make test` hier."},
      {"De [gemeente](https://vng.nl/) en [*het* rijk](https://rijksoverheid.nl/).\n",
       "De [gemeente](https://vng.nl/) en [*het* rijk](https://rijksoverheid.nl/)."},
      {"Het ![logo](logo.png) staat.\n", "Het ![logo](logo.png) staat."},
      {"Reflow   van\ntekst.\n", "Reflow van tekst."},
      {"Zin[^a]." NOTES, "Zin[^a]."},
  };
  tok_pool p;
  tok_pool_init(&p);
  for (guint c = 0; c < G_N_ELEMENTS(cases); c++) {
    GArray *a = tokens_of(&p, cases[c].body, NULL, NULL);
    char *s = tok_text((const tok *)a->data, 0, (int)a->len);
    assert_string_equal(s, cases[c].text);
    g_free(s);
    g_array_free(a, TRUE);
  }
  /* a range: styles and links opened and closed within it */
  GArray *a = tokens_of(&p, "De *hele* [gemeente](https://vng.nl/) telt.\n", NULL, NULL);
  char *s = tok_text((const tok *)a->data, 2, 5);
  assert_string_equal(s, "*hele* [gemeente](https://vng.nl/)");
  g_free(s);
  s = tok_text((const tok *)a->data, 1, 1);
  assert_string_equal(s, "");
  g_free(s);
  g_array_free(a, TRUE);
  tok_pool_clear(&p);
}

/* ---- the contract: tok_canonical agrees with tok_inline ---- */

static bool same_tokens(const GArray *a, const GArray *b) {
  if (a->len != b->len) return false;
  for (guint i = 0; i < a->len; i++)
    if (TOK(a, i)->id != TOK(b, i)->id) return false;
  return true;
}

static void canonical_agrees_with_tokens(void **state) {
  (void)state;
  struct {
    const char *a, *b;
    bool equal;
  } cases[] = {
      /* reflowed text, white space of any kind and length */
      {"Wijkteams werken\nmet inwoners.\n", "Wijkteams   werken met\tinwoners.\n", true},
      {"Wijkteams werken met inwoners.\n", "Wijkteams\xc2\xa0werken met\xe2\x80\x83inwoners.\n",
       true},
      {"Wijkteams werken met inwoners.\n", "Wijkteams werken metinwoners.\n", false},
      {"Wijkteams werken met inwoners.\n", "Wijkteams werken met inwoners!\n", false},
      {"Kwaliteit is relationeel.\n", "kwaliteit is relationeel.\n", false},
      /* emphasis: its kind and its reach count, not its notation */
      {"Het *samenspel* telt.\n", "Het _samenspel_ telt.\n", true},
      {"Het *samenspel* telt.\n", "Het samenspel telt.\n", false},
      {"Het *samenspel* telt.\n", "Het **samenspel** telt.\n", false},
      {"Het **samenspel** telt.\n", "Het __samenspel__ telt.\n", true},
      {"Het ~~samenspel~~ telt.\n", "Het samenspel telt.\n", false},
      {"*Het samenspel* telt.\n", "*Het* *samenspel* telt.\n", false},
      {"*Het samenspel* telt.\n", "*Het samenspel*\ntelt.\n", true},
      {"Zie `make test`.\n", "Zie `make  test`.\n", false},
      {"Zie `make test`.\n", "Zie make test.\n", false},
      /* links */
      {"De [gemeente](https://vng.nl/).\n", "De [gemeente](https://vng.nl/).\n", true},
      {"De [gemeente](https://vng.nl/).\n", "De [gemeente](https://vng.nl).\n", false},
      {"De [gemeente](https://vng.nl/).\n", "De gemeente.\n", false},
      {"De [gemeente](https://vng.nl/).\n", "De [gemeente](https://vng.nl/ \"VNG\").\n", true},
      {"De [gemeente](https://vng.nl/).\n", "De [gemeente][vng].\n\n[vng]: https://vng.nl/\n",
       true},
      {"Het ![logo](a.png) staat.\n", "Het ![logo](b.png) staat.\n", false},
      {"Het ![logo](a.png) staat.\n", "Het ![beeldmerk](a.png) staat.\n", false},
      /* an image's description ends where the image does, and is what its token has */
      {"Het ![a](x.png)b staat.\n", "Het ![ab](x.png) staat.\n", false},
      {"Het ![a`b`](x.png) staat.\n", "Het ![a](x.png) staat.\n", false},
      {"Het ![Logo ](x.png)tekst.\n", "Het ![Logo](x.png) tekst.\n", false},
      {"Het ![*logo*](x.png) staat.\n", "Het ![logo](x.png) staat.\n", true},
      /* an empty target is a link, as on the page */
      {"Een [foo]() zin.\n", "Een foo zin.\n", false},
      {"Een [foo]() zin.\n", "Een [foo](<>) zin.\n", true},
      /* hard breaks */
      {"Eerste regel  \ntweede.\n", "Eerste regel\\\ntweede.\n", true},
      {"Eerste regel  \ntweede.\n", "Eerste regel\ntweede.\n", false},
      /* footnote references: the note they stand for (map_ref), not the label */
      {"Een zin[^a]." NOTES, "Een zin[^b]." NOTES, true},
      {"Een zin[^a]." NOTES, "Een zin[^anders]." NOTES, false},
      {"Een zin[^a]." NOTES, "Een zin." NOTES, false},
      /* a deleted note shows its own label, not the redline's; a note that is
       * called like the redline's name for it is another */
      {"Een zin[^weg]." NOTES, "Een zin[^verwijderd-1]." NOTES, false},
      /* Unicode words */
      {"De dilemma's van een drone-bouwer.\n", "De  dilemma's van\neen drone-bouwer.\n", true},
      {"De dilemma's van een drone-bouwer.\n", "De dilemma\xe2\x80\x99s van een drone-bouwer.\n",
       false},
      {"De dilemma's van een drone-bouwer.\n", "De dilemma's van een drone bouwer.\n", false},
      {"Een caf\xc3\xa9 in de wijk.\n", "Een cafe\xcc\x81 in de wijk.\n", false},
      {"Een caf\xc3\xa9 in de wijk.\n", "Een cafe in de wijk.\n", false},
      {"Een caf\xc3\xa9 in de wijk.\n", "Een caf\xc3\xa9\nin de wijk.\n", true},
      {"\xc3\xa9\xc3\xa9n team\n", "\xc3\xa9\xc3\xa9n  team\n", true},
  };
  tok_pool p;
  tok_pool_init(&p);
  for (guint c = 0; c < G_N_ELEMENTS(cases); c++) {
    GArray *ta = tokens_of(&p, cases[c].a, map_ref, NULL);
    GArray *tb = tokens_of(&p, cases[c].b, map_ref, NULL);
    char *ka = canonical_of(cases[c].a, map_ref, NULL);
    char *kb = canonical_of(cases[c].b, map_ref, NULL);
    bool tokens_equal = same_tokens(ta, tb), canon_equal = strcmp(ka, kb) == 0;
    if (tokens_equal != canon_equal)
      fail_msg("case %u: tokens %s, canonical texts %s:\n  %s  %s", c,
               tokens_equal ? "equal" : "differ", canon_equal ? "equal" : "differ", cases[c].a,
               cases[c].b);
    if (tokens_equal != cases[c].equal)
      fail_msg("case %u: expected %s:\n  %s  %s", c, cases[c].equal ? "equal" : "different",
               cases[c].a, cases[c].b);
    /* the canonical text of a block is that block's alone */
    char *again = canonical_of(cases[c].a, map_ref, NULL);
    assert_string_equal(again, ka);
    g_free(again);
    g_free(ka);
    g_free(kb);
    g_array_free(ta, TRUE);
    g_array_free(tb, TRUE);
  }
  tok_pool_clear(&p);
}

/* Tokens keep which styles and link a word stands in, not which of them is
 * the outer one; the canonical text keeps the nesting. So these pairs have
 * equal tokens and different canonical texts, and `statuut diff` reports each
 * such paragraph as a "modified" change with no edits (+0/-0 words). A known
 * bug in tokens.c: remove the skip when it is fixed. */
static void canonical_ignores_nesting_order(void **state) {
  (void)state;
  const char *pairs[][2] = {
      {"Het *__samenspel__* telt.\n", "Het __*samenspel*__ telt.\n"},
      {"Zie de *[gemeente](https://vng.nl/)*.\n", "Zie de [*gemeente*](https://vng.nl/).\n"},
  };
  tok_pool p;
  tok_pool_init(&p);
  int broken = 0;
  for (guint c = 0; c < G_N_ELEMENTS(pairs); c++) {
    GArray *ta = tokens_of(&p, pairs[c][0], NULL, NULL);
    GArray *tb = tokens_of(&p, pairs[c][1], NULL, NULL);
    char *ka = canonical_of(pairs[c][0], NULL, NULL), *kb = canonical_of(pairs[c][1], NULL, NULL);
    assert_true(same_tokens(ta, tb));
    if (strcmp(ka, kb) != 0) broken++;
    g_free(ka);
    g_free(kb);
    g_array_free(ta, TRUE);
    g_array_free(tb, TRUE);
  }
  tok_pool_clear(&p);
  if (broken)
    fail_msg("tok_canonical keeps the nesting order of styles and links, tok_inline does not "
             "(%d of %d pairs)",
             broken, (int)G_N_ELEMENTS(pairs));
}

/* The contract over real text: every block with inline content of every
 * fixture pair and of content/, grouped by canonical text; within a group
 * the tokens are identical (the diff memo hands one block's tokens to any
 * other with its canonical text). */
typedef struct {
  tok_pool *p;
  GHashTable *seen; /* canonical text -> GArray* of tokens, owned */
  int blocks;
} corpus;

static void corpus_cb(doc_node *n, bool entering, void *vctx) {
  corpus *k = vctx;
  if (!entering ||
      (n->type != DOC_PARAGRAPH && n->type != DOC_HEADING && n->type != DOC_TABLE_CELL))
    return;
  GString *key = g_string_new(NULL);
  tok_canonical(n, key, NULL, NULL);
  GArray *t = g_array_new(FALSE, FALSE, sizeof(tok));
  tok_inline(k->p, n, t, NULL, NULL);
  GArray *had = g_hash_table_lookup(k->seen, key->str);
  if (had) {
    if (!same_tokens(had, t)) fail_msg("one canonical text, two token streams: %s", key->str);
    g_array_free(t, TRUE);
    g_string_free(key, TRUE);
  } else {
    g_hash_table_insert(k->seen, g_string_free(key, FALSE), t);
  }
  k->blocks++;
}

static void corpus_file(corpus *k, const char *path) {
  doc *d = doc_of_file(path);
  if (!d) return;
  doc_walk(d->root, corpus_cb, k);
  for (guint i = 0; i < d->footnotes->len; i++)
    doc_walk(g_ptr_array_index(d->footnotes, i), corpus_cb, k);
  doc_free(d);
}

static void corpus_dir(corpus *k, const char *dir) {
  GDir *g = g_dir_open(dir, 0, NULL);
  if (!g) return;
  const char *n;
  while ((n = g_dir_read_name(g))) {
    char *path = g_build_filename(dir, n, NULL);
    if (g_file_test(path, G_FILE_TEST_IS_DIR))
      corpus_dir(k, path);
    else if (g_str_has_suffix(n, ".md"))
      corpus_file(k, path);
    g_free(path);
  }
  g_dir_close(g);
}

static void canonical_agrees_on_real_text(void **state) {
  (void)state;
  tok_pool p;
  tok_pool_init(&p);
  corpus k = {
      &p, g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_array_unref), 0};
  corpus_dir(&k, "tests/diff");
  corpus_dir(&k, "tests/fixtures");
  corpus_dir(&k, "content");
  assert_true(k.blocks > 1000);
  g_hash_table_destroy(k.seen);
  tok_pool_clear(&p);
}

/* tok_canonical appends: what out held stays in front. */
static void canonical_appends(void **state) {
  (void)state;
  doc *d = doc_of_body("Het *samenspel*.\n");
  GString *s = g_string_new("paragraph\x1e");
  tok_canonical(first_block(d), s, NULL, NULL);
  assert_true(g_str_has_prefix(s->str, "paragraph\x1e"));
  assert_true(s->len > strlen("paragraph\x1e") + strlen("Het samenspel."));
  g_string_free(s, TRUE);
  doc_free(d);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(words_spaces_and_punctuation),
      cmocka_unit_test(unicode_words),
      cmocka_unit_test(interned_ids),
      cmocka_unit_test(styles_links_and_images),
      cmocka_unit_test(hard_breaks),
      cmocka_unit_test(footnote_references),
      cmocka_unit_test(literal_text),
      cmocka_unit_test(text_for_people),
      cmocka_unit_test(canonical_agrees_with_tokens),
      cmocka_unit_test(canonical_ignores_nesting_order),
      cmocka_unit_test(canonical_agrees_on_real_text),
      cmocka_unit_test(canonical_appends),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

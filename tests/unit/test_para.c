/* Unit tests for para.c: the lines cut from the measuring glyphs (the text
 * shaped once, without a pango layout) against the lines of a pango layout
 * of the broken text, the way para_layout_twice still makes them: a glyph
 * shaped otherwise than pango's layout shapes it would show as a width
 * apart. On every paragraph of the statute,
 * at several measures, both must break at the same bytes, mark the same
 * hyphens and set lines of the same width; and almost every paragraph must
 * take the cut, or the test would prove nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "statuut/para.h"
#include "statuut/paracache.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "pdf_setup.h"

static para_style body(void) {
  para_style s = {FACE_SERIF, 10.5, 14, 400, false, true, 0, NULL, false};
  return s;
}

typedef struct {
  int paras, cut;
  int lines, hyphens;
} tally;

/* Lays src out both ways and fails at the first difference that a reader
 * could see: a line that breaks elsewhere, a hyphen more or less, a width
 * more than a fraction of a point apart (kerning at a break). */
static void same_both_ways(const para_src *src, const para_style *st, double measure, tally *t) {
  para *a = para_layout(src, F, st, measure, NULL);
  para *b = para_layout_twice(src, F, st, measure, NULL);
  if (a->lines->len != b->lines->len)
    fail_msg("%u lines cut, %u laid out twice: %s", a->lines->len, b->lines->len, b->text);
  assert_string_equal(a->text, b->text);
  for (guint i = 0; i < a->lines->len; i++) {
    const para_line *x = &g_array_index(a->lines, para_line, i);
    const para_line *y = &g_array_index(b->lines, para_line, i);
    if (x->start != y->start || x->end != y->end || x->hyphen != y->hyphen ||
        x->spaces != y->spaces || fabs(x->natural - y->natural) > 0.01 ||
        fabs(x->width - y->width) > 0.01)
      fail_msg("line %u of \"%.60s\": cut [%u,%u) %.2f pt%s, twice [%u,%u) %.2f pt%s", i, b->text,
               x->start, x->end, x->natural, x->hyphen ? " -" : "", y->start, y->end, y->natural,
               y->hyphen ? " -" : "");
    /* The glyphs drawn cover the line's text, cluster by cluster. */
    GSList *runs = g_ptr_array_index(a->glyphs, i);
    unsigned at = x->start;
    for (GSList *r = runs; r; r = r->next) {
      const PangoGlyphItem *gi = r->data;
      assert_int_equal(gi->item->offset, at);
      for (int g = 0; g < gi->glyphs->num_glyphs; g++)
        assert_true(gi->glyphs->log_clusters[g] < gi->item->length);
      at += (unsigned)gi->item->length;
    }
    if (runs) assert_int_equal(at, x->end);
    t->lines++;
    t->hyphens += x->hyphen;
  }
  t->paras++;
  t->cut += a->cut;
  para_free(a);
  para_free(b);
}

/* Every paragraph of the statute, at the body's measure and narrower ones
 * (more breaks, more hyphens), in runs as galley.c makes them: emphasis,
 * links and marks break a paragraph into runs. */
static void statute_cut_as_laid_out_twice(void **state) {
  (void)state;
  char *md = NULL;
  assert_true(g_file_get_contents(SOURCE_DIR "/content/kwaliteitsstatuut/1.0.md", &md, NULL, NULL));
  char **blocks = g_strsplit(md, "\n\n", -1);
  tally t = {0};
  const double measures[] = {340, 220, 150};
  para_style st = body();
  for (int k = 0; blocks[k]; k++) {
    const char *b = g_strstrip(blocks[k]);
    if (!*b || *b == '#' || *b == '|' || *b == '-' || *b == '[') continue;
    for (size_t m = 0; m < G_N_ELEMENTS(measures); m++) {
      para_src *s = para_src_new();
      /* words alternately plain, italic and marked as changed */
      char **words = g_strsplit(b, " ", -1);
      for (int w = 0; words[w]; w++) {
        char *piece = g_strconcat(words[w], words[w + 1] ? " " : "", NULL);
        unsigned flags = w % 7 == 3 ? RUN_ITALIC : 0;
        para_src_add(s, H, piece, flags, w % 11 == 5 ? MARK_INSERT : MARK_NONE, NULL, NULL);
        g_free(piece);
      }
      g_strfreev(words);
      same_both_ways(s, &st, measures[m], &t);
      para_src_free(s);
    }
  }
  g_strfreev(blocks);
  g_free(md);
  assert_true(t.paras > 300);
  assert_true(t.hyphens > 50);
  /* nearly all are shaped once; the rest fall back, as they must */
  printf("statute: %d paragraphs, %d cut, %d lines, %d hyphens\n", t.paras, t.cut, t.lines,
         t.hyphens);
  if (t.cut < t.paras * 95 / 100) fail_msg("only %d of %d paragraphs cut", t.cut, t.paras);
}

/* A hard line break, one at the end, a URL broken after a slash, a code
 * line continued (falls back: the mark is added) and a word broken by force
 * (falls back: a hyphen is added). */
static void breaks_of_every_kind(void **state) {
  (void)state;
  tally t = {0};
  para_style st = body();
  const char *texts[] = {
      "Eerste regel van het adres\nKerkstraat 12\nAmsterdam",
      "Een regel die eindigt op een harde regelovergang\n",
      "Lees https://www.example.org/kwaliteitsstatuut/bouwstenen/leidraad-voor-wijkteams.pdf "
      "en de bijlagen",
      "wijkteam/gemeente en zorg/welzijn en ondersteuning/hulpverlening door elkaar",
  };
  for (size_t i = 0; i < G_N_ELEMENTS(texts); i++) {
    para_src *s = para_src_new();
    if (i != 2) {
      para_src_add(s, H, texts[i], 0, MARK_NONE, NULL, NULL);
    } else {
      para_src_add(s, H, "Lees ", 0, MARK_NONE, NULL, NULL);
      para_src_add(s, NULL, "https://www.example.org/kwaliteitsstatuut/bouwstenen/leidraad.pdf",
                   RUN_URL, MARK_NONE, "https://www.example.org/", NULL);
      para_src_add(s, H, " en de bijlagen", 0, MARK_NONE, NULL, NULL);
    }
    same_both_ways(s, &st, 120, &t);
    para_src_free(s);
  }
  assert_int_equal(t.cut, t.paras);

  /* Characters added at a break: laid out a second time, as before. */
  tally u = {0};
  para_src *w = para_src_new();
  para_src_add(w, H, "Hottentottententententoonstellingsterreinbewakersvereniging", RUN_NOHYPH,
               MARK_NONE, NULL, NULL);
  same_both_ways(w, &st, 30, &u);
  para *p = para_layout(w, F, &st, 30, NULL);
  assert_true(p->lines->len > 2);
  assert_false(p->cut);
  para_free(p);
  para_src_free(w);
  para_src *c = para_src_new();
  para_src_add(c, NULL, "een_heel_lange_regel_code_die_niet_op_een_regel_past();", RUN_CODE,
               MARK_NONE, NULL, NULL);
  para_style code = st;
  code.face = FACE_MONO;
  code.justify = false;
  code.continuation = true;
  same_both_ways(c, &code, 120, &u);
  p = para_layout(c, F, &code, 120, NULL);
  assert_true(p->lines->len > 1);
  assert_false(p->cut);
  para_free(p);
  para_src_free(c);
}

static para_src *words(const char *text, para_mark mark, const char *href) {
  para_src *s = para_src_new();
  para_src_add(s, H, "Het wijkteam werkt ", 0, MARK_NONE, NULL, NULL);
  para_src_add(s, H, text, 0, mark, href, NULL);
  para_src_add(s, H, " samen met inwoners en hun netwerk, in de wijk en daarbuiten.", 0, MARK_NONE,
               NULL, NULL);
  return s;
}

/* The same inputs give the same paragraph, and its figures again; any
 * other input (measure, style, mark, link) lays out anew. */
static void cache_reuses_only_the_same(void **state) {
  (void)state;
  para_cache *c = para_cache_new(1u << 20);
  para_style st = body();
  para_src *a = words("doelgericht", MARK_NONE, NULL);
  para_stats once = {0}, twice = {0};
  para *p1 = para_cache_layout(c, a, F, &st, 150, &once);
  twice = once;
  para *p2 = para_cache_layout(c, a, F, &st, 150, &twice);
  assert_ptr_equal(p1, p2);
  assert_int_equal(twice.lines, 2 * once.lines);
  assert_int_equal(twice.paragraphs, 2);
  assert_int_equal(twice.hyphenated, 2 * once.hyphenated);
  unsigned hits, misses;
  para_cache_counts(c, &hits, &misses);
  assert_int_equal(hits, 1);
  assert_int_equal(misses, 1);

  para_src *marked = words("doelgericht", MARK_INSERT, NULL);
  para_src *linked = words("doelgericht", MARK_NONE, "https://www.example.org/");
  para_src *other = words("doelbewust", MARK_NONE, NULL);
  para_style bold = st;
  bold.weight = 700;
  para *q[] = {para_cache_layout(c, a, F, &st, 151, NULL),
               para_cache_layout(c, a, F, &bold, 150, NULL),
               para_cache_layout(c, marked, F, &st, 150, NULL),
               para_cache_layout(c, linked, F, &st, 150, NULL),
               para_cache_layout(c, other, F, &st, 150, NULL)};
  for (size_t i = 0; i < G_N_ELEMENTS(q); i++) {
    assert_ptr_not_equal(q[i], p1);
    para_free(q[i]);
  }
  para_cache_counts(c, &hits, &misses);
  assert_int_equal(hits, 1);
  assert_int_equal(misses, 6);
  /* the cache's reference outlives the callers' */
  para_free(p1);
  para_free(p2);
  para *p3 = para_cache_layout(c, a, F, &st, 150, NULL);
  assert_ptr_equal(p3, p1);
  assert_int_equal(p3->refs, 2); /* the cache's and this one */
  assert_true(p3->lines->len > 1);
  para_free(p3);
  para_cache_free(c);
  para_src_free(a);
  para_src_free(marked);
  para_src_free(linked);
  para_src_free(other);
}

/* Over its budget the cache empties and fills again; paragraphs handed out
 * stay whole (ASan would see one freed under its holder). Without a cache
 * every layout is new. */
static void cache_keeps_to_its_budget(void **state) {
  (void)state;
  para_style st = body();
  para_src *a = words("doelgericht", MARK_NONE, NULL);
  para_src *b = words("doelbewust", MARK_NONE, NULL);
  para *pa = para_layout(a, F, &st, 150, NULL);
  /* room for about one paragraph */
  para_cache *c = para_cache_new(strlen(pa->text) * 40 + pa->lines->len * sizeof(para_line) + 600);
  para *held = para_cache_layout(c, a, F, &st, 150, NULL);
  para *pb = para_cache_layout(c, b, F, &st, 150, NULL); /* a goes */
  para *again = para_cache_layout(c, a, F, &st, 150, NULL);
  assert_ptr_not_equal(again, held);
  assert_string_equal(held->text, pa->text);
  assert_int_equal(held->lines->len, pa->lines->len);
  unsigned hits, misses;
  para_cache_counts(c, &hits, &misses);
  assert_int_equal(hits, 0);
  assert_int_equal(misses, 3);
  para_free(held);
  para_free(pb);
  para_free(again);
  para_cache_free(c);

  para *n1 = para_cache_layout(NULL, a, F, &st, 150, NULL);
  para *n2 = para_cache_layout(NULL, a, F, &st, 150, NULL);
  assert_ptr_not_equal(n1, n2);
  para_free(n1);
  para_free(n2);
  para_free(pa);
  para_src_free(a);
  para_src_free(b);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(statute_cut_as_laid_out_twice),
      cmocka_unit_test(breaks_of_every_kind),
      cmocka_unit_test(cache_reuses_only_the_same),
      cmocka_unit_test(cache_keeps_to_its_budget),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}

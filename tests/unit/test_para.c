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

/* ---- two threads (the body laid out ahead: pdf.c) ------------------------- */

/* Fails unless a and b are the same paragraph to the glyph: text, runs,
 * lines, and every glyph, its place and its cluster; b's fonts are f's. */
static void same_paragraph(const para *a, const para *b, const pdf_fonts *f) {
  assert_string_equal(a->text, b->text);
  assert_int_equal(a->runs->len, b->runs->len);
  for (guint i = 0; i < a->runs->len; i++) {
    const para_run *x = &g_array_index(a->runs, para_run, i);
    const para_run *y = &g_array_index(b->runs, para_run, i);
    assert_int_equal(x->start, y->start);
    assert_int_equal(x->flags, y->flags);
    assert_true(g_strcmp0(x->href, y->href) == 0);
  }
  assert_int_equal(a->lines->len, b->lines->len);
  assert_memory_equal(a->lines->data, b->lines->data, a->lines->len * sizeof(para_line));
  for (guint i = 0; i < a->glyphs->len; i++) {
    GSList *la = g_ptr_array_index(a->glyphs, i), *lb = g_ptr_array_index(b->glyphs, i);
    for (; la && lb; la = la->next, lb = lb->next) {
      const PangoGlyphItem *ga = la->data, *gb = lb->data;
      assert_int_equal(ga->item->offset, gb->item->offset);
      assert_int_equal(ga->glyphs->num_glyphs, gb->glyphs->num_glyphs);
      for (int g = 0; g < ga->glyphs->num_glyphs; g++) {
        assert_int_equal(ga->glyphs->glyphs[g].glyph, gb->glyphs->glyphs[g].glyph);
        assert_int_equal(ga->glyphs->glyphs[g].geometry.width,
                         gb->glyphs->glyphs[g].geometry.width);
        assert_int_equal(ga->glyphs->log_clusters[g], gb->glyphs->log_clusters[g]);
      }
      assert_ptr_equal(pango_font_get_font_map(gb->item->analysis.font), f->map);
      PangoFontDescription *da = pango_font_describe_with_absolute_size(ga->item->analysis.font);
      PangoFontDescription *db = pango_font_describe_with_absolute_size(gb->item->analysis.font);
      assert_true(pango_font_description_equal(da, db));
      pango_font_description_free(da);
      pango_font_description_free(db);
    }
    assert_null(la);
    assert_null(lb);
  }
}

static PangoFont *onto_F(PangoFont *font, void *data) {
  (void)data;
  return pdf_fonts_counterpart(F, font);
}

static PangoFont *onto_nothing(PangoFont *font, void *data) {
  (void)font;
  (void)data;
  return NULL;
}

/* A paragraph laid out with a sibling's fonts, copied onto F, is the one F
 * lays out, drawn with F's fonts; and it outlives the original. A font
 * without a counterpart gives no copy. */
static void copy_onto_other_fonts(void **state) {
  (void)state;
  pdf_fonts *S = pdf_fonts_sibling(F);
  assert_ptr_not_equal(S->map, F->map);
  para_style st = body();
  para_src *src =
      words("doelgericht \xe2\x9c\x93 samenwerken", MARK_INSERT, "https://example.org/");
  para *theirs = para_layout(src, S, &st, 150, NULL);
  para *mine = para_layout(src, F, &st, 150, NULL);
  para *copy = para_copy_onto(theirs, onto_F, NULL);
  assert_non_null(copy);
  para_free(theirs);
  same_paragraph(mine, copy, F);
  /* the check mark comes from a fallback font, which has its counterpart too */
  bool fallback = false;
  for (guint i = 0; i < copy->glyphs->len; i++)
    for (GSList *l = g_ptr_array_index(copy->glyphs, i); l; l = l->next) {
      PangoFont *font = ((PangoGlyphItem *)l->data)->item->analysis.font;
      PangoFontDescription *d = pango_font_describe(font);
      fallback |= strcmp(pango_font_description_get_family(d), "DejaVu Sans") == 0;
      pango_font_description_free(d);
    }
  assert_true(fallback);
  theirs = para_layout(src, S, &st, 150, NULL);
  assert_null(para_copy_onto(theirs, onto_nothing, NULL));
  para_free(theirs);
  para_free(mine);
  para_free(copy);
  para_src_free(src);
  pdf_fonts_free(S);
}

/* A cache that borrows takes what the other holds (copied onto its own
 * fonts), keeps it, and lays out the rest itself; not after the borrowing
 * ends. */
static void cache_borrows(void **state) {
  (void)state;
  pdf_fonts *S = pdf_fonts_sibling(F);
  para_cache *theirs = para_cache_new(1u << 20), *mine = para_cache_new(1u << 20);
  para_style st = body();
  para_src *a = words("doelgericht", MARK_NONE, NULL);
  para_src *b = words("doelbewust", MARK_NONE, NULL);
  para_src *c = words("doeltreffend", MARK_NONE, NULL);
  para *t = para_cache_layout(theirs, a, S, &st, 150, NULL);
  para_cache_borrow(mine, theirs);
  para_stats stats = {0};
  para *m = para_cache_layout(mine, a, F, &st, 150, &stats);
  assert_ptr_not_equal(m, t);
  assert_int_equal(stats.lines, m->lines->len); /* its figures count */
  para *direct = para_layout(a, F, &st, 150, NULL);
  same_paragraph(direct, m, F);
  para *again = para_cache_layout(mine, a, F, &st, 150, NULL);
  assert_ptr_equal(again, m);
  para *other = para_cache_layout(mine, b, F, &st, 150, NULL);
  unsigned hits, misses;
  para_cache_counts(mine, &hits, &misses);
  assert_int_equal(para_cache_borrowed(mine), 1);
  assert_int_equal(hits, 1);
  assert_int_equal(misses, 1);
  para_cache_borrow(mine, NULL);
  para_free(para_cache_layout(theirs, c, S, &st, 150, NULL));
  para_free(para_cache_layout(mine, c, F, &st, 150, NULL));
  para_cache_counts(mine, &hits, &misses);
  assert_int_equal(para_cache_borrowed(mine), 1);
  assert_int_equal(misses, 2);
  para_cache_free(theirs);
  para_free(t);
  same_paragraph(direct, m, F); /* theirs gone, the copy stands */
  para_free(m);
  para_free(again);
  para_free(other);
  para_free(direct);
  para_cache_free(mine);
  para_src_free(a);
  para_src_free(b);
  para_src_free(c);
  pdf_fonts_free(S);
}

enum { RACE_PARAS = 120 };

typedef struct {
  pdf_fonts *fonts;
  para_cache *cache;
  gint started; /* set once the first paragraph is in the cache */
} racer;

/* The other thread: from the last paragraph back, into its own cache on a
 * sibling's fonts, hyphenating with the shared H as it goes. */
static gpointer race_back(gpointer data) {
  racer *r = data;
  para_style st = body();
  for (int i = RACE_PARAS; i-- > 0;) {
    para_src *s = para_src_new();
    char *t = g_strdup_printf("Paragraaf %d: wijkteamprofessionals ondersteunen inwoners bij "
                              "opvoedingsvraagstukken en levensvragen, %d keer.",
                              i, i * 7);
    para_src_add(s, H, t, 0, MARK_NONE, NULL, NULL);
    g_free(t);
    para_free(para_cache_layout(r->cache, s, r->fonts, &st, 180, NULL));
    para_src_free(s);
    g_atomic_int_set(&r->started, 1);
  }
  return NULL;
}

/* Two threads at once, as pdf.c runs them: one lays out into its cache
 * (small, so it empties itself while the other reads it), the other goes
 * forward borrowing. Every paragraph comes out as one thread alone makes
 * it, and some were borrowed. */
static void borrow_while_the_other_lays_out(void **state) {
  (void)state;
  racer r = {pdf_fonts_sibling(F), para_cache_new(256u << 10), 0};
  para_cache *mine = para_cache_new(8u << 20);
  para_cache_borrow(mine, r.cache);
  GThread *t = g_thread_new("race", race_back, &r);
  /* once the other is under way, so that the two meet halfway */
  while (!g_atomic_int_get(&r.started))
    g_usleep(1000);
  para_style st = body();
  para *got[RACE_PARAS];
  para_src *srcs[RACE_PARAS];
  for (int i = 0; i < RACE_PARAS; i++) {
    srcs[i] = para_src_new();
    char *text = g_strdup_printf("Paragraaf %d: wijkteamprofessionals ondersteunen inwoners bij "
                                 "opvoedingsvraagstukken en levensvragen, %d keer.",
                                 i, i * 7);
    para_src_add(srcs[i], H, text, 0, MARK_NONE, NULL, NULL);
    g_free(text);
    got[i] = para_cache_layout(mine, srcs[i], F, &st, 180, NULL);
  }
  g_thread_join(t);
  para_cache_borrow(mine, NULL);
  para_cache_free(r.cache);
  for (int i = 0; i < RACE_PARAS; i++) {
    para *alone = para_layout(srcs[i], F, &st, 180, NULL);
    same_paragraph(alone, got[i], F);
    assert_non_null(strstr(srcs[i]->text->str, "\xc2\xad")); /* hyphenated */
    para_free(alone);
    para_free(got[i]);
    para_src_free(srcs[i]);
  }
  printf("raced: %u of %d borrowed\n", para_cache_borrowed(mine), RACE_PARAS);
  para_cache_free(mine);
  pdf_fonts_free(r.fonts);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(statute_cut_as_laid_out_twice),
      cmocka_unit_test(breaks_of_every_kind),
      cmocka_unit_test(cache_reuses_only_the_same),
      cmocka_unit_test(cache_keeps_to_its_budget),
      cmocka_unit_test(copy_onto_other_fonts),
      cmocka_unit_test(cache_borrows),
      cmocka_unit_test(borrow_while_the_other_lays_out),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}

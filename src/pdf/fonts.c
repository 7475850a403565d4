/* pdffonts: see include/statuut/pdffonts.h */
#include "statuut/pdffonts.h"

#include <fontconfig/fontconfig.h>
#include <pango/pangofc-fontmap.h>
#include <string.h>

static const char *const family_names[FACE_MAX] = {PDF_SERIF, PDF_MONO};

/* The fallback fonts, in the order they are tried for a character the face
 * lacks (pdffonts.h). Each must resolve to itself, as the faces must. */
static const struct {
  const char *family, *deb;
} fallbacks[] = {
    {"DejaVu Sans", PDF_MONO_DEB},                   /* arrows, symbols, Greek, Cyrillic */
    {"Noto Sans Thai", "fonts-noto-core"},           /* Thai */
    {"Noto Sans Devanagari", "fonts-noto-core"},     /* Hindi, Marathi, Nepali */
    {"Droid Sans Fallback", "fonts-droid-fallback"}, /* Chinese, Japanese */
    {"NanumGothic", "fonts-nanum"},                  /* Korean */
    {"Symbola", "fonts-symbola"},                    /* emoji, in outline */
};

/* "Vollkorn,DejaVu Sans,...": pango tries the families in this order. Made
 * once, by whichever thread asks first (pdf.c: two may). */
static const char *family_list(pdf_face face) {
  static gsize lists[FACE_MAX];
  if (g_once_init_enter(&lists[face])) {
    GString *s = g_string_new(family_names[face]);
    for (size_t i = 0; i < G_N_ELEMENTS(fallbacks); i++)
      g_string_append_printf(s, ",%s", fallbacks[i].family);
    g_once_init_leave(&lists[face], (gsize)g_string_free(s, FALSE));
  }
  return (const char *)lists[face];
}

PangoFontDescription *pdf_fonts_desc(pdf_face face, double size, int weight, bool italic) {
  PangoFontDescription *d = pango_font_description_new();
  pango_font_description_set_family(d, family_list(face));
  pango_font_description_set_absolute_size(d, size * PANGO_SCALE);
  pango_font_description_set_weight(d, (PangoWeight)weight);
  pango_font_description_set_style(d, italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
  return d;
}

/* The face of that very family, weight and slant, as fontconfig's cache
 * describes it (charset and all: a 20 MB CJK collection is not scanned
 * again on every run); of several files the first by name. Listing, not
 * matching: nothing can be substituted, and nothing is sorted against
 * every font of the machine. NULL when it is not installed; caller
 * destroys. */
static FcPattern *listed_face(const char *family, int fc_weight, int fc_slant) {
  FcPattern *q = FcPatternBuild(NULL, FC_FAMILY, FcTypeString, family, FC_WEIGHT, FcTypeInteger,
                                fc_weight, FC_SLANT, FcTypeInteger, fc_slant, (char *)NULL);
  FcFontSet *fs = FcFontList(NULL, q, NULL);
  FcPatternDestroy(q);
  FcPattern *best = NULL;
  FcChar8 *best_file = NULL;
  int best_index = 0;
  for (int i = 0; fs && i < fs->nfont; i++) {
    FcChar8 *file;
    int index = 0;
    if (FcPatternGetString(fs->fonts[i], FC_FILE, 0, &file) != FcResultMatch) continue;
    FcPatternGetInteger(fs->fonts[i], FC_INDEX, 0, &index);
    int c = best ? strcmp((const char *)file, (const char *)best_file) : -1;
    if (c < 0 || (c == 0 && index < best_index)) {
      best = fs->fonts[i];
      best_file = file;
      best_index = index;
    }
  }
  FcPattern *out = best ? FcPatternDuplicate(best) : NULL;
  if (fs) FcFontSetDestroy(fs);
  return out;
}

/* True when family+style is installed as itself (a missing italic would
 * otherwise be slanted by machine, a missing semibold replaced by bold);
 * its file is added to `files`. */
static bool resolves(const char *family, int fc_weight, int fc_slant, GPtrArray *files) {
  FcPattern *m = listed_face(family, fc_weight, fc_slant);
  FcChar8 *file;
  bool ok = m && FcPatternGetString(m, FC_FILE, 0, &file) == FcResultMatch;
  if (ok) g_ptr_array_add(files, g_strdup((const char *)file));
  if (m) FcPatternDestroy(m);
  return ok;
}

/* The regular face of a fallback family added to faces; false when the
 * family is not installed. */
static bool fallback_face(const char *family, FcFontSet *faces) {
  FcPattern *m = listed_face(family, FC_WEIGHT_REGULAR, FC_SLANT_ROMAN);
  if (m) FcFontSetAdd(faces, m);
  return m != NULL;
}

/* The map, context and metrics of a pdf_fonts on configuration cfg, whose
 * fonts are found and checked; cover (taken) is what they cover. */
static pdf_fonts *fonts_on(FcConfig *cfg, FcCharSet *cover) {
  pdf_fonts *f = g_new0(pdf_fonts, 1);
  f->map = pango_cairo_font_map_new();
  pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(f->map), cfg);
  /* 72 dpi: one pango point is one PDF point. */
  pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(f->map), 72);
  f->ctx = pango_font_map_create_context(f->map);
  /* Outlines, not screen pixels: no hinting, no rounding of positions, or
   * justified lines would come out uneven. */
  cairo_font_options_t *fo = cairo_font_options_create();
  cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options(f->ctx, fo);
  cairo_font_options_destroy(fo);
  pango_context_set_round_glyph_positions(f->ctx, FALSE);
  f->nl = pango_language_from_string("nl");
  f->metrics = g_ptr_array_new_with_free_func(g_free);
  f->coverage = cover;
  pango_context_set_language(f->ctx, f->nl);
  return f;
}

pdf_fonts *pdf_fonts_open(char **err) {
  static const struct {
    pdf_face face;
    int weight, slant;
    const char *style, *deb;
  } need[] = {
      {FACE_SERIF, FC_WEIGHT_REGULAR, FC_SLANT_ROMAN, "Regular", PDF_SERIF_DEB},
      {FACE_SERIF, FC_WEIGHT_REGULAR, FC_SLANT_ITALIC, "Italic", PDF_SERIF_DEB},
      {FACE_SERIF, FC_WEIGHT_SEMIBOLD, FC_SLANT_ROMAN, "SemiBold", PDF_SERIF_DEB},
      {FACE_SERIF, FC_WEIGHT_SEMIBOLD, FC_SLANT_ITALIC, "SemiBold Italic", PDF_SERIF_DEB},
      {FACE_SERIF, FC_WEIGHT_BOLD, FC_SLANT_ROMAN, "Bold", PDF_SERIF_DEB},
      {FACE_SERIF, FC_WEIGHT_BOLD, FC_SLANT_ITALIC, "Bold Italic", PDF_SERIF_DEB},
      {FACE_MONO, FC_WEIGHT_REGULAR, FC_SLANT_ROMAN, "Book", PDF_MONO_DEB},
  };
  if (!FcInit()) {
    *err = g_strdup("fontconfig cannot be initialised");
    return NULL;
  }
  GPtrArray *files = g_ptr_array_new_with_free_func(g_free);
  for (size_t i = 0; i < G_N_ELEMENTS(need); i++) {
    if (!resolves(family_names[need[i].face], need[i].weight, need[i].slant, files)) {
      *err = g_strdup_printf("font '%s %s' is not installed (Debian package %s; 'make' installs "
                             "it); refusing to set the PDF in a substitute",
                             family_names[need[i].face], need[i].style, need[i].deb);
      g_ptr_array_free(files, TRUE);
      return NULL;
    }
  }
  /* A glyph missing from the face comes from the fallbacks, in their
   * order, rather than from whatever else is installed. */
  FcFontSet *faces = FcFontSetCreate();
  for (size_t i = 0; i < G_N_ELEMENTS(fallbacks); i++) {
    if (!fallback_face(fallbacks[i].family, faces)) {
      FcFontSetDestroy(faces);
      *err = g_strdup_printf("fallback font '%s' is not installed (Debian package %s; 'make' "
                             "installs it); refusing to set the PDF in a substitute",
                             fallbacks[i].family, fallbacks[i].deb);
      g_ptr_array_free(files, TRUE);
      return NULL;
    }
  }
  /* pango sees these files and no others: the output does not depend on
   * the other fonts of the machine, and pango's font sorting, done for
   * every size and style, has a dozen fonts to sort instead of hundreds. */
  FcConfig *cfg = FcConfigCreate();
  for (guint i = 0; i < files->len; i++)
    FcConfigAppFontAddFile(cfg, (const FcChar8 *)g_ptr_array_index(files, i));
  g_ptr_array_free(files, TRUE);
  FcFontSet *app = FcConfigGetFonts(cfg, FcSetApplication);
  for (int i = 0; app && i < faces->nfont; i++) {
    FcFontSetAdd(app, faces->fonts[i]); /* the set takes the pattern */
    faces->fonts[i] = NULL;
  }
  faces->nfont = 0;
  FcFontSetDestroy(faces);
  FcCharSet *cover = FcCharSetCreate();
  for (int i = 0; app && i < app->nfont; i++) {
    FcCharSet *cs;
    if (FcPatternGetCharSet(app->fonts[i], FC_CHARSET, 0, &cs) == FcResultMatch)
      FcCharSetMerge(cover, cs, NULL);
  }
  pdf_fonts *f = fonts_on(cfg, cover);
  FcConfigDestroy(cfg); /* the font map holds its own reference */
  return f;
}

pdf_fonts *pdf_fonts_sibling(const pdf_fonts *f) {
  FcConfig *cfg = pango_fc_font_map_get_config(PANGO_FC_FONT_MAP(f->map));
  return fonts_on(cfg, FcCharSetCopy(f->coverage));
}

/* Whether two fonts draw the same glyphs the same size: the same file, face
 * and size (and the rest that changes outlines). */
static bool same_face(PangoFont *a, PangoFont *b) {
  FcObjectSet *os = FcObjectSetBuild(FC_FILE, FC_INDEX, FC_PIXEL_SIZE, FC_MATRIX, FC_EMBOLDEN,
                                     FC_FONT_VARIATIONS, (char *)NULL);
  bool same = FcPatternEqualSubset(pango_fc_font_get_pattern(PANGO_FC_FONT(a)),
                                   pango_fc_font_get_pattern(PANGO_FC_FONT(b)), os);
  FcObjectSetDestroy(os);
  return same;
}

PangoFont *pdf_fonts_counterpart(const pdf_fonts *f, PangoFont *font) {
  if (!PANGO_IS_FC_FONT(font)) return NULL;
  PangoFontDescription *d = pango_font_describe_with_absolute_size(font);
  PangoFont *mine = pango_font_map_load_font(f->map, f->ctx, d);
  pango_font_description_free(d);
  if (mine && (!PANGO_IS_FC_FONT(mine) || !same_face(mine, font))) {
    g_object_unref(mine);
    mine = NULL;
  }
  return mine;
}

void pdf_fonts_free(pdf_fonts *f) {
  if (!f) return;
  g_ptr_array_free(f->metrics, TRUE);
  FcCharSetDestroy(f->coverage);
  g_object_unref(f->ctx);
  g_object_unref(f->map);
  g_free(f);
}

bool pdf_fonts_covers(const pdf_fonts *f, gunichar c) {
  if (c < 0x80) return true; /* Vollkorn and DejaVu Sans Mono have ASCII */
  GUnicodeType t = g_unichar_type(c);
  if (t == G_UNICODE_CONTROL || t == G_UNICODE_FORMAT || c == 0x2028 ||
      (c >= 0xfe00 && c <= 0xfe0f) || (c >= 0xe0100 && c <= 0xe01ef))
    return true; /* drawn as nothing */
  return FcCharSetHasChar(f->coverage, c);
}

PangoLayout *pdf_fonts_layout(const pdf_fonts *f) {
  PangoLayout *l = pango_layout_new(f->ctx);
  pango_layout_set_width(l, -1);
  return l;
}

static double width_of(const pdf_fonts *f, const PangoFontDescription *d, const char *s) {
  PangoLayout *l = pdf_fonts_layout(f);
  pango_layout_set_font_description(l, d);
  pango_layout_set_text(l, s, -1);
  int w;
  pango_layout_get_size(l, &w, NULL);
  g_object_unref(l);
  return (double)w / PANGO_SCALE;
}

const pdf_metrics *pdf_fonts_metrics(const pdf_fonts *f, pdf_face face, double size, int weight,
                                     bool italic) {
  /* Asked for once per paragraph, of a handful of faces and sizes: a
   * search by the four values, where a description printed as the key
   * cost more than all the lookups. */
  for (guint i = 0; i < f->metrics->len; i++) {
    const pdf_metrics *m = g_ptr_array_index(f->metrics, i);
    if (m->face == face && m->size == size && m->weight == weight && m->italic == italic) return m;
  }
  PangoFontDescription *d = pdf_fonts_desc(face, size, weight, italic);
  pdf_metrics *m = g_new0(pdf_metrics, 1);
  PangoFontMetrics *pm = pango_context_get_metrics(f->ctx, d, f->nl);
  m->ascent = (double)pango_font_metrics_get_ascent(pm) / PANGO_SCALE;
  m->descent = (double)pango_font_metrics_get_descent(pm) / PANGO_SCALE;
  m->underline_pos = (double)pango_font_metrics_get_underline_position(pm) / PANGO_SCALE;
  m->underline_thick = (double)pango_font_metrics_get_underline_thickness(pm) / PANGO_SCALE;
  m->strike_pos = (double)pango_font_metrics_get_strikethrough_position(pm) / PANGO_SCALE;
  m->strike_thick = (double)pango_font_metrics_get_strikethrough_thickness(pm) / PANGO_SCALE;
  pango_font_metrics_unref(pm);
  m->space = width_of(f, d, " ");
  m->hyphen = width_of(f, d, "-");
  if (face == FACE_MONO) m->mark = width_of(f, d, "\xe2\x86\xa9");
  m->face = face;
  m->size = size;
  m->weight = weight;
  m->italic = italic;
  g_ptr_array_add(f->metrics, m);
  pango_font_description_free(d);
  return m;
}

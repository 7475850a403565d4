/* pdffonts: the typefaces of the PDF and the pango context that shapes with
 * them.
 *
 * Body and headings are set in Vollkorn (Debian package fonts-vollkorn), a
 * serif drawn for long reading with a full range of weights: Regular and
 * Italic for the text, SemiBold for headings, Bold for strong emphasis.
 * Code is set in DejaVu Sans Mono (fonts-dejavu-core). A character the face
 * lacks comes from the fallbacks, tried in a fixed order: DejaVu Sans
 * (symbols, Greek, Cyrillic), Noto Sans Thai and Noto Sans Devanagari
 * (fonts-noto-core), Droid Sans Fallback (Chinese, Japanese;
 * fonts-droid-fallback), NanumGothic (Korean; fonts-nanum), Symbola (emoji;
 * fonts-symbola); one no font has is drawn as a box, and galley.c warns.
 * fontconfig substitutes
 * silently when a family is missing; pdf_fonts_open checks that every face
 * really resolves to its family and fails otherwise, so a PDF is never set
 * in a fallback font. */
#ifndef STATUUT_PDFFONTS_H
#define STATUUT_PDFFONTS_H

#include <pango/pangocairo.h>
#include <stdbool.h>

#define PDF_SERIF "Vollkorn"
#define PDF_SERIF_DEB "fonts-vollkorn"
#define PDF_MONO "DejaVu Sans Mono"
#define PDF_MONO_DEB "fonts-dejavu-core"

typedef enum { FACE_SERIF, FACE_MONO, FACE_MAX } pdf_face;

/* What para.c needs of a face at a size, measured once (pango's metrics
 * shape a sample text each time they are asked for). */
typedef struct {
  double ascent, descent;
  double underline_pos, underline_thick, strike_pos, strike_thick;
  double space, hyphen; /* widths of " " and "-" */
  double mark;          /* width of U+21A9, the continuation mark of code (mono only) */
  /* what they were measured for: the key of the cache */
  pdf_face face;
  double size;
  int weight;
  bool italic;
} pdf_metrics;

typedef struct {
  PangoFontMap *map;  /* owned */
  PangoContext *ctx;  /* owned; 1 pango unit = 1/PANGO_SCALE pt, no hinting, unrounded */
  PangoLanguage *nl;  /* Dutch, for shaping and metrics */
  GPtrArray *metrics; /* cache: pdf_metrics*, each owned */
  void *coverage;     /* FcCharSet: every character some font of the PDF has; owned */
} pdf_fonts;

/* Opens the font map and checks every face the PDF uses. Returns NULL with
 * *err (caller frees) naming the missing family and its Debian package.
 * Free with pdf_fonts_free. */
pdf_fonts *pdf_fonts_open(char **err);
void pdf_fonts_free(pdf_fonts *f);

/* Fonts for another thread: a font map and context of their own on f's
 * fonts and configuration (pango's font maps are not to be shared between
 * threads; fontconfig's configuration is). Never NULL; free with
 * pdf_fonts_free, after the paragraphs laid out with it. */
pdf_fonts *pdf_fonts_sibling(const pdf_fonts *f);

/* f's font for what font (of a sibling) draws: the same file, face and
 * size, so the same glyphs. A new reference, or NULL when f has none. */
PangoFont *pdf_fonts_counterpart(const pdf_fonts *f, PangoFont *font);

/* A font description; weight as PangoWeight (400 regular, 600 semibold).
 * Caller frees with pango_font_description_free. */
PangoFontDescription *pdf_fonts_desc(pdf_face face, double size, int weight, bool italic);

/* The metrics of a face at a size; cached, owned by f. */
const pdf_metrics *pdf_fonts_metrics(const pdf_fonts *f, pdf_face face, double size, int weight,
                                     bool italic);

/* Whether some font of the PDF (a face or a fallback) has a glyph for c;
 * true for the invisible characters that need none (controls, format
 * characters such as U+00AD and U+200D, variation selectors). */
bool pdf_fonts_covers(const pdf_fonts *f, gunichar c);

/* A new layout on the shared context, no wrapping. Caller unrefs. */
PangoLayout *pdf_fonts_layout(const pdf_fonts *f);

#endif

/* para: one paragraph of styled text, shaped by pango and broken into
 * justified lines by the Knuth-Plass pass of linebreak.h.
 *
 *   para_src  the text and its runs as the block layout found them
 *   para      the laid-out lines, ready to draw
 *
 * The text is shaped once, unbroken (itemized and shaped as a pango layout
 * of unlimited width would, without the layout; a layout where the text has
 * hard breaks or letter spacing), which measures every word, space and
 * hyphenation point; linebreak.c chooses the breaks; the lines are then cut
 * from those glyphs at exactly those breaks (a soft hyphen
 * chosen as a break becomes a real hyphen, a space at a break U+2028 LINE
 * SEPARATOR), so pango's own greedy breaking never runs. Where a line cannot
 * be cut so (a word broken by force gains a hyphen, a code line its
 * continuation mark, right-to-left or letter-spaced text), the text with
 * U+2028 at the breaks is laid out a second time instead. Justification
 * widens the spaces only, never the letters, and never beyond three times a
 * normal space: a line that would need more is set a little short instead.
 * A piece wider than the measure with no place to break (a very long word,
 * URL segment or code line) gets a dear break between every two characters:
 * a hyphen is added in a word, nothing in a URL, the continuation mark in
 * code (para_style.continuation); no line is wider than the measure.
 *
 * Each run carries a change mark (para_mark) for the redline: the style of a
 * run is a function of its flags and its mark, and every line knows whether
 * it holds a marked run, for a change bar. */
#ifndef STATUUT_PARA_H
#define STATUUT_PARA_H

#include "statuut/hyph.h"
#include "statuut/pdffonts.h"
#include "statuut/pdfmodule.h"

#include <glib.h>
#include "statuut/doc.h"

#include <stdbool.h>

typedef enum {
  RUN_ITALIC = 1 << 0,
  RUN_BOLD = 1 << 1,
  RUN_CODE = 1 << 2,
  RUN_SUPER = 1 << 3,  /* a footnote reference */
  RUN_STRIKE = 1 << 4, /* ~~text~~ */
  RUN_URL = 1 << 5,    /* a URL shown as text: no hyphens, breaks after / . ? & = _ - # */
  RUN_NOHYPH = 1 << 6, /* never hyphenated (literature entries, code) */
  RUN_QUIET = 1 << 7,  /* a link drawn in the text's colour (table of contents) */
  RUN_FIND = 1 << 8,   /* redline: punctuation alone inserted or deleted, drawn in a box so
                          that one changed comma can be found on the page */
} run_flag;

/* A change mark from the diff (doc.h; none in a plain document). */
typedef doc_mark para_mark;

typedef struct {
  unsigned start, end; /* bytes of the text */
  unsigned flags;      /* run_flag */
  para_mark mark;
  char *href;   /* link target: a URI, or "#name" for a destination in the document; owned */
  char *anchor; /* a destination placed on this run (footnote references); owned */
} para_run;

typedef struct {
  GString *text;
  GArray *runs; /* of para_run, in order, covering the text */
} para_src;

para_src *para_src_new(void);
void para_src_free(para_src *s);

/* Appends text as one run. Spaces collapse (across runs too), "\n" is a hard
 * line break; words are hyphenated with h unless h is NULL or the flags say
 * not to. href and anchor are copied (may be NULL). Returns the run, valid
 * until the next append. */
para_run *para_src_add(para_src *s, const hyph *h, const char *text, unsigned flags, para_mark mark,
                       const char *href, const char *anchor);

/* The weight, size and justification of a paragraph. */
typedef struct {
  pdf_face face;
  double size;    /* pt */
  double leading; /* baseline to baseline, pt */
  int weight;     /* PangoWeight */
  bool italic;
  bool justify;         /* false: ragged right (still balanced by linebreak.c) */
  double tracking;      /* letter spacing in em, for capitals in headings; 0 otherwise */
  const char *features; /* OpenType features, e.g. "onum=1" (may be NULL) */
  bool continuation;    /* code: a line broken inside ends in U+21A9, the mark of a
                           line that continues */
} para_style;

typedef struct {
  unsigned start, end; /* bytes of para.text shown on the line */
  double natural;      /* width before justification, pt */
  double width;        /* width as drawn */
  double space;        /* width of a normal space on the line */
  double extra;        /* added to every space by justification */
  int spaces;          /* stretchable spaces */
  bool hyphen;         /* ends in a hyphenation */
  bool justified;
  bool changed; /* holds a run with a change mark */
} para_line;

typedef struct {
  para_style style;
  double measure;         /* the width lines were broken for */
  char *text;             /* as laid out, with U+2028 at the breaks; owned */
  GArray *runs;           /* of para_run, on text; owned (their strings too) */
  GArray *lines;          /* of para_line */
  GPtrArray *glyphs;      /* line i of lines: a GSList of PangoGlyphItem* on text, in
                             visual order, ready to draw; owned */
  double ascent, descent; /* of the style's font */
  double underline_pos, underline_thick, strike_pos, strike_thick; /* above baseline, pt */
  bool emergency;       /* the breaks needed the last-resort pass */
  bool cut;             /* the lines were cut from the measuring layout: shaped once */
  pdf_line_stats stats; /* what laying it out added to the line statistics */
  unsigned refs;        /* references: para_free releases one */
} para;

/* Line quality, as the module reports it (pdfmodule.h). */
typedef pdf_line_stats para_stats;

/* Lays out src at the given measure. src is only read. stats may be NULL;
 * else it grows by the paragraph's figures (para_stats_add). Free with
 * para_free. A laid-out paragraph is never changed: it may be drawn in
 * several PDFs (paracache.h), each holding a reference. */
para *para_layout(const para_src *src, const pdf_fonts *f, const para_style *st, double measure,
                  para_stats *stats);
void para_free(para *p);
/* Another reference to p; returns p. */
para *para_ref(para *p);

/* A copy of p (laid out by another thread, with a sibling's fonts:
 * pdffonts.h) whose glyphs are drawn with the fonts counterpart gives: a new
 * reference to the font that draws what the given one draws, or NULL. NULL
 * when it gives NULL for any font of p. p is only read: its thread may go on
 * reading it. Free with para_free. */
typedef PangoFont *(*para_font_fn)(PangoFont *font, void *data);
para *para_copy_onto(const para *p, para_font_fn counterpart, void *data);

/* Adds the figures of one paragraph (or more) to to. */
void para_stats_add(para_stats *to, const para_stats *from);

/* As para_layout, but always by the second layout that para_layout makes
 * only where the lines cannot be cut from the first: the reference the cut
 * lines are tested against (tests/unit/test_para.c). */
para *para_layout_twice(const para_src *src, const pdf_fonts *f, const para_style *st,
                        double measure, para_stats *stats);

/* Widest unbreakable piece and the width unbroken (table column sizing). */
void para_measure(const para_src *src, const pdf_fonts *f, const para_style *st, double *min,
                  double *max);

/* The run a byte of p->text belongs to (binary search); NULL past the end. */
const para_run *para_run_at(const para *p, unsigned byte);

#endif

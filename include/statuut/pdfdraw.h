/* pdfdraw: boxes of a galley drawn on a cairo PDF surface, each inside its
 * structure element (tagged PDF), with links, destinations and the change
 * marks of para.h.
 *
 * Every text run is drawn inside a structure element: a link in a Link, a
 * footnote reference in Reference > Link, a redline's marked run in a Span
 * (its ActualText names the change), other text in a Span when its element
 * holds other elements too (cairo 1.16 marks the content of an element only
 * when it has no element inside), else straight into its element.
 * Elements open at the end of a page are closed there and opened again on
 * the next page, so that the running head and foot, drawn between pages,
 * belong to no element; an element opened again is known to the post-pass
 * (pdfua.h: the role of every element begun is recorded), which joins it
 * to the part before. cairo 1.16 cannot write Artifacts and takes only
 * standard structure types: what is not content (running heads, rules,
 * change bars, a repeated table header, line numbers) is drawn inside
 * draw_artifact_begin/end, a Private element that the post-pass turns into
 * an Artifact. */
#ifndef STATUUT_PDFDRAW_H
#define STATUUT_PDFDRAW_H

#include "statuut/galley.h"

#include <cairo.h>

/* An element open while drawing; cont: opened again on a new page. */
typedef struct {
  galley_tag tag;
  bool cont;
} draw_open_tag;

typedef struct {
  cairo_t *cr;            /* borrowed */
  const pdf_fonts *fonts; /* borrowed */
  double left;            /* the text column's left edge on the page */
  double measure;         /* its width */
  bool outer_left;        /* the outer margin, for change bars and margin notes, is left of
                             the column (a left-hand page) rather than right */
  GHashTable *page_of;    /* heading id -> page number (GINT), for TOC lines; borrowed */
  GArray *open;           /* of draw_open_tag: structure elements open now, outermost first */
  bool bars;              /* draw change bars (the body of a redline) */
  int artifact;           /* inside an artifact (depth): nothing is tagged or linked */
  GPtrArray *actual;      /* of char*: the /ActualText of each marked Span, in the order
                             drawn (pdfua.h, PDFUA_SPAN); owned */
  GArray *roles;          /* of pdfua_role: every element begun, in order; owned */
  int line_numbers;       /* 0, or pdf_line_numbers: number body lines in the margin */
  int line_no;            /* the last line number given */
  bool span_open;         /* the last line left its Span of plain text open, for the next
                             line to go on in (draw.c) */
} draw_ctx;

/* The change bar (redline) stands this far from the text column, in the
 * outer margin, this wide; margin notes beyond it are set at this size. */
#define DRAW_BAR_GAP 9.0
#define DRAW_BAR_WIDTH 1.6
#define DRAW_NOTE_SIZE 7.2

/* The destination of a change in the redline: "wijziging-N", and
 * "wijziging-N-van" for the old place of a moved block. Caller frees. */
char *draw_change_dest(int change, doc_mark mark);

void draw_init(draw_ctx *dc, cairo_t *cr, const pdf_fonts *f, double left, double measure);
void draw_clear(draw_ctx *dc);

/* Closes what the last line drawn left open for the next line of its
 * paragraph; any other tag, destination or artifact does it too. Before a
 * page is shown. */
void draw_flush(draw_ctx *dc);

/* Opens or closes a structure element, keeping the stack. */
void draw_tag_open(draw_ctx *dc, galley_tag tag, const char *attrs);
void draw_tag_close(draw_ctx *dc);

/* What is drawn between these two is an artifact (PDF/UA): not read. */
void draw_artifact_begin(draw_ctx *dc);
void draw_artifact_end(draw_ctx *dc);

/* A Span around text drawn with draw_text. */
void draw_span_begin(draw_ctx *dc);
void draw_span_end(draw_ctx *dc);

/* Closes every element but the outermost (Document) before a page ends;
 * returns the elements closed (draw_open_tag), outermost first, for
 * draw_reopen, which frees them and opens them again as continuations. */
GArray *draw_suspend(draw_ctx *dc);
void draw_reopen(draw_ctx *dc, GArray *tags);

/* One line of a paragraph, its left end at x, on the given baseline. */
void draw_para_line(draw_ctx *dc, const para *p, int line, double x, double baseline);

/* A box of the galley with its top at y (page coordinates), with its
 * structure operations. */
void draw_box(draw_ctx *dc, const galley_box *b, double y);

/* Lines [from, to) of note number key of its galley, the first at y; in a
 * Note element (its pieces on two pages become one). A piece that continues
 * the note says "(vervolg)" in the margin. Returns the y below the last
 * line. */
double draw_note(draw_ctx *dc, const galley_note *n, int key, int from, int to, double y);

/* A string of the text face, its left end at x, on the baseline; weight and
 * italic as in pdffonts.h; OpenType features may be NULL. Returns the width. */
double draw_text(draw_ctx *dc, const char *text, double size, int weight, bool italic,
                 const char *features, double x, double baseline);
/* The width draw_text would take. */
double draw_text_width(draw_ctx *dc, const char *text, double size, int weight, bool italic,
                       const char *features);

#endif

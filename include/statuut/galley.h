/* galley: the document model as one long column of boxes, glue and
 * penalties, ready for paginate.h, with what draw.h needs to put each box on
 * a page.
 *
 * Block layout happens here: headings by level, paragraphs, lists with
 * hanging labels (nested), block quotes, code, tables with column widths
 * from their content (in smaller type when they cannot fit), thematic breaks
 * and PNG images (every image of a paragraph, after its text; only from
 * inside the document's folder); footnotes are laid out
 * separately, line by line, for the foot of the page. The rules of the trade
 * become penalties: two lines at least of a paragraph at the foot and at the
 * head of a page, headings kept with what follows, a lead-in ending in ':'
 * kept with its list, a table's header row with its first row.
 *
 * Structure tags (tagged PDF) travel with the boxes as operations performed
 * before and after drawing each box (galley_op): open an element, close it,
 * or draw the box's list label (inside its Lbl). */
#ifndef STATUUT_GALLEY_H
#define STATUUT_GALLEY_H

#include "statuut/doc.h"
#include "statuut/paginate.h"
#include "statuut/para.h"
#include "statuut/paracache.h"

#include <cairo.h>

/* Page geometry and the type scale, in points. */
typedef struct {
  double measure; /* width of the text column */
  double body_size, body_leading;
  double note_size, note_leading;
  double para_gap;    /* space between paragraphs */
  bool chapter_pages; /* level-1 headings start a new page */
} galley_geometry;

typedef enum { BOX_LINE, BOX_RULE, BOX_ROW, BOX_IMAGE, BOX_KIND_MAX } box_kind;

/* The structure elements opened around boxes and on the cover (README,
 * "Tagged PDF"); the elements inside a line (Span, Link, Reference), a
 * table row (TR, TH, TD) and a note are drawn by pdfdraw.h alone. H1 to
 * H6 are in order. */
typedef enum {
  TAG_DOCUMENT,
  TAG_P,
  TAG_H1,
  TAG_H2,
  TAG_H3,
  TAG_H4,
  TAG_H5,
  TAG_H6,
  TAG_L,
  TAG_LI,
  TAG_LBL,
  TAG_LBODY,
  TAG_BLOCKQUOTE,
  TAG_CODE,
  TAG_TABLE,
  TAG_FIGURE,
  TAG_TOC,
  TAG_TOCI,
  TAG_BIBENTRY,
  TAG_MAX
} galley_tag;

/* The element's name as the PDF writes it: "P", "H1", "LBody", ... */
const char *galley_tag_name(galley_tag tag);

typedef enum {
  OP_OPEN,  /* opens the element tag */
  OP_CLOSE, /* closes the innermost open element (tag says which, for the reader) */
  OP_LABEL, /* draws the box's label */
  OP_KIND_MAX
} galley_op_kind;

typedef struct {
  galley_op_kind kind;
  galley_tag tag; /* OPEN, CLOSE */
} galley_op;

typedef struct {
  para *para;
  double x, width; /* the cell's text column, from the table's left */
  doc_align align;
} galley_cell;

typedef struct {
  box_kind kind;
  double x; /* left, from the text column's left edge */
  double height;
  double baseline; /* LINE: from the top of the box */
  para *para;      /* LINE: the paragraph (owned by the galley) */
  int line;        /* LINE: its line */
  para *label;     /* LINE: list label, drawn at label_x on OP_LABEL; or NULL */
  double label_x;
  bool shade;              /* LINE: a code line, on a light background */
  bool spans;              /* LINE: every run in a Span, even in a plain line (its element
                              holds other paragraphs, which may hold links) */
  double width;            /* RULE, IMAGE: width; LINE with shade: width of the shading */
  double thick;            /* RULE: thickness */
  GArray *cells;           /* ROW: galley_cell; owned */
  bool header;             /* ROW: a header row (th) */
  bool first, last;        /* ROW: the table's first and last row (rules above, below) */
  double pad;              /* ROW: padding above the cells' first baseline area */
  int repeat;              /* ROW: index of the box of the table's header row, or -1 */
  cairo_surface_t *image;  /* IMAGE; owned */
  char *alt;               /* IMAGE: its description, the Figure's /Alt; owned */
  char *dest;              /* a destination for internal links at this box; owned */
  const doc_node *heading; /* the heading this box is the first line of */
  int change;              /* redline: the change whose block starts here (a modified
                              block: whose first edit is here), or 0 */
  doc_mark mark;           /* redline: that block's mark */
  unsigned mark_flags;     /* redline: that block's MARKF_* (doc.h) */
  char *toc_target;        /* TOC line: the heading id whose page number ends it; owned */
  GArray *before, *after;  /* of galley_op: structure operations; owned */
  int *notes;              /* notes first referenced on this line; owned */
  int n_notes;
} galley_box;

typedef struct {
  para *para;
  int line;
  double x;
  double height;
} galley_note_line;

typedef struct {
  int number;
  int change;      /* redline: the change this note is, or 0 */
  doc_mark mark;   /* redline: the note's mark */
  int change_line; /* redline: its first changed line */
  char *id;        /* "fn-label", the destination of references */
  char *back;      /* "fnref-label", the first reference */
  para *label;
  GArray *lines;   /* of galley_note_line */
  double *heights; /* for paginate */
} galley_note;

typedef struct {
  galley_geometry geo;
  const pdf_fonts *fonts; /* borrowed */
  const hyph *hyph;       /* borrowed */
  para_cache *cache;      /* borrowed; may be NULL */
  GArray *items;          /* of pg_item; a box's notes point into its galley_box */
  GPtrArray *boxes;       /* of galley_box*, parallel to items (NULL for glue, penalty) */
  GPtrArray *notes;       /* of galley_note* */
  GPtrArray *paras;       /* every para made, owned */
  GHashTable *dests;      /* destination names that exist (set) */
  GHashTable *note_index; /* "fn-label" -> index + 1 */
  const char *base_url;   /* for site-rooted links; may be NULL */
  para_stats stats;
  /* building state */
  GArray *pending; /* of galley_op: structure operations for the next box */
  para *pending_label;
  double pending_label_x;
  char *pending_dest;
  const doc_node *pending_heading;
  int pending_change;
  doc_mark pending_mark;
  unsigned pending_mark_flags;
  diag_list *diags;
  const char *path;
  int heading_tag; /* level of the last heading's tag (H1 = 1), 0 before any */
  /* laying out ahead on two threads (galley_prefetch_document) */
  gint *at;            /* where this galley publishes its top-level block, or NULL */
  const gint *stop_at; /* prefetching (images are not read): the other galley's, or NULL */
  int top;             /* prefetching: the top-level block being laid out */
} galley;

/* A galley for the given geometry. Paragraphs are laid out through cache
 * (NULL: each anew). base_url resolves site-rooted links ("/slug/");
 * without it they become plain text. Free with galley_free. */
galley *galley_new(const pdf_fonts *f, const hyph *h, para_cache *cache, const galley_geometry *geo,
                   const char *base_url);
void galley_free(galley *g);

/* The body and the footnotes of a document. Problems (an image that cannot
 * be read or lies outside the document's folder, a character no font has, a
 * table set in very small type) go to diags as warnings. */
void galley_add_document(galley *g, const doc *d, diag_list *diags);

/* For a second thread that lays out the same document ahead: while
 * galley_add_document works, *at holds (atomically) the index among the
 * document's top-level blocks of the one it is at (-1 before the first,
 * G_MAXINT once done). at NULL publishes nothing. */
void galley_publish_progress(galley *g, gint *at);

/* Lays out d's body as galley_add_document does, from the last top-level
 * block back, and stops at the first block the other galley has reached
 * (*at, galley_publish_progress): the paragraphs go into g's cache, which
 * the other galley's cache borrows from (paracache.h); g is for nothing
 * else. Its fonts are a sibling's (pdffonts.h), its hyph may be shared.
 * Notes and images are left out; diags takes what d's body would warn of,
 * and is for dropping. */
void galley_prefetch_document(galley *g, const doc *d, const gint *at, diag_list *diags);

/* One table of contents line: the heading's text linking to it, its page
 * number at the right (filled in when drawing), indented by level. */
void galley_add_toc_entry(galley *g, const doc_node *heading, int depth);

/* A line of the same kind with any inline content (the inline children of
 * content, marks drawn) after a hanging label (may be NULL: "12."), linking
 * to the destination target whose page number ends it; no number when
 * target is NULL. */
void galley_add_entry(galley *g, const char *label, const doc_node *content, const char *target,
                      int depth);

/* Blocks made by the caller (the children of parent), laid out as a
 * document's body is; images are not read (they need the document's
 * folder). */
void galley_add_blocks(galley *g, const doc_node *parent, diag_list *diags);

/* Empty space that stays at the top of a page (room for a title drawn
 * there by the caller). */
void galley_add_blank(galley *g, double height);

/* Opens or closes a structure element around what is added next / last. */
void galley_open(galley *g, galley_tag tag);
void galley_close(galley *g, galley_tag tag);

/* The style of body text and of headings by level (1..6). */
para_style galley_body_style(const galley *g);
para_style galley_heading_style(const galley *g, int level);

/* paginate.h's view. */
pg_input galley_pg_input(const galley *g, GArray *note_views, double height);

#endif

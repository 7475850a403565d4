/* pdfdraw: see include/statuut/pdfdraw.h */
#include "statuut/pdfdraw.h"
#include "statuut/diff.h"
#include "statuut/pdfua.h"

#include <cairo-pdf.h>
#include <string.h>

/* Colours: text black; links a dark blue that prints as near-black, so that
 * a printed page is even in colour. The change marks (redline) get theirs
 * here too, distinct in black and white print by their decoration. */
static const double INK[3] = {0, 0, 0};
static const double LINK[3] = {0.08, 0.22, 0.45};
static const double MARK_INK[MARK_MAX][3] = {
    [MARK_INSERT] = {0.0, 0.35, 0.15},     [MARK_DELETE] = {0.65, 0.05, 0.05},
    [MARK_MOVED_FROM] = {0.25, 0.2, 0.55}, [MARK_MOVED_TO] = {0.25, 0.2, 0.55},
    [MARK_RESTYLED] = {0.5, 0.3, 0.0},     [MARK_NOTE] = {0.4, 0.3, 0.05}};

void draw_init(draw_ctx *dc, cairo_t *cr, const pdf_fonts *f, double left, double measure) {
  memset(dc, 0, sizeof *dc);
  dc->cr = cr;
  dc->fonts = f;
  dc->left = left;
  dc->measure = measure;
  dc->open = g_array_new(FALSE, FALSE, sizeof(draw_open_tag));
  dc->actual = g_ptr_array_new_with_free_func(g_free);
  dc->roles = g_array_new(FALSE, FALSE, sizeof(pdfua_role));
}

void draw_clear(draw_ctx *dc) {
  g_array_unref(dc->open);
  dc->open = NULL;
  g_ptr_array_unref(dc->actual);
  dc->actual = NULL;
  g_array_unref(dc->roles);
  dc->roles = NULL;
}

/* The Span of plain text a line left open for the next line (line_into)
 * is closed before anything else is tagged, begun or ended: cairo's tags
 * nest. */
static void span_flush(draw_ctx *dc) {
  if (!dc->span_open) return;
  dc->span_open = false;
  cairo_tag_end(dc->cr, "Span");
}

void draw_flush(draw_ctx *dc) {
  span_flush(dc);
}

/* Every structure element and link is begun and ended through these two,
 * which record its role for the post-pass (pdfua.h); name is static.
 * Inside an artifact (a copy, a decoration) nothing is tagged or linked. */
static void tag_begin_as(draw_ctx *dc, const char *name, const char *attrs, pdfua_role_kind kind,
                         int arg) {
  if (dc->artifact) return;
  span_flush(dc);
  cairo_tag_begin(dc->cr, name, attrs ? attrs : "");
  pdfua_role r = {kind, arg, name};
  g_array_append_val(dc->roles, r);
}

static void tag_begin(draw_ctx *dc, const char *name, const char *attrs) {
  tag_begin_as(dc, name, attrs, PDFUA_PLAIN, 0);
}

static void tag_end(draw_ctx *dc, const char *name) {
  if (dc->artifact) return;
  span_flush(dc);
  cairo_tag_end(dc->cr, name);
}

/* A destination (not a structure element) around what is drawn next. */
static void dest_begin(draw_ctx *dc, const char *attrs) {
  span_flush(dc);
  cairo_tag_begin(dc->cr, CAIRO_TAG_DEST, attrs);
}

static void dest_end(draw_ctx *dc) {
  span_flush(dc);
  cairo_tag_end(dc->cr, CAIRO_TAG_DEST);
}

void draw_artifact_begin(draw_ctx *dc) {
  tag_begin_as(dc, PDFUA_ARTIFACT_TYPE, NULL, PDFUA_ARTIFACT, 0);
  dc->artifact++;
}

void draw_artifact_end(draw_ctx *dc) {
  dc->artifact--;
  tag_end(dc, PDFUA_ARTIFACT_TYPE);
}

void draw_span_begin(draw_ctx *dc) {
  tag_begin(dc, "Span", NULL);
}

void draw_span_end(draw_ctx *dc) {
  tag_end(dc, "Span");
}

/* An element opened again on a new page continues the one closed at the
 * end of the page before: the post-pass joins the two. */
static void open_tag(draw_ctx *dc, draw_open_tag t, const char *attrs) {
  tag_begin_as(dc, galley_tag_name(t.tag), attrs, t.cont ? PDFUA_CONT : PDFUA_PLAIN, 0);
  g_array_append_val(dc->open, t);
}

void draw_tag_open(draw_ctx *dc, galley_tag tag, const char *attrs) {
  draw_open_tag t = {tag, false};
  open_tag(dc, t, attrs);
}

void draw_tag_close(draw_ctx *dc) {
  if (!dc->open->len) return;
  draw_open_tag t = g_array_index(dc->open, draw_open_tag, dc->open->len - 1);
  g_array_set_size(dc->open, dc->open->len - 1);
  tag_end(dc, galley_tag_name(t.tag));
}

GArray *draw_suspend(draw_ctx *dc) {
  GArray *tags = g_array_new(FALSE, FALSE, sizeof(draw_open_tag));
  while (dc->open->len > 1) {
    g_array_prepend_val(tags, g_array_index(dc->open, draw_open_tag, dc->open->len - 1));
    draw_tag_close(dc);
  }
  return tags;
}

void draw_reopen(draw_ctx *dc, GArray *tags) {
  for (guint i = 0; i < tags->len; i++) {
    draw_open_tag t = g_array_index(tags, draw_open_tag, i);
    t.cont = true;
    open_tag(dc, t, NULL);
  }
  g_array_unref(tags);
}

/* cairo's attribute strings quote with '; a quote or backslash inside is
 * escaped with a backslash. */
static char *quoted(const char *key, const char *value) {
  GString *s = g_string_new(key);
  g_string_append(s, "='");
  for (const char *p = value; *p; p++) {
    if (*p == '\'' || *p == '\\') g_string_append_c(s, '\\');
    g_string_append_c(s, *p);
  }
  g_string_append_c(s, '\'');
  return g_string_free(s, FALSE);
}

static char *link_attrs(const char *href) {
  return href[0] == '#' ? quoted("dest", href + 1) : quoted("uri", href);
}

/* How a run is tagged: its Link target, or a footnote reference. Runs with
 * the same key share one element. */
typedef struct {
  const char *href;
  const char *anchor;
  bool ref;
  const para_run *marked; /* an inserted or deleted run (redline), or NULL */
} run_key;

/* Plain text: no link, no reference, no mark. */
static const run_key PLAIN = {NULL, NULL, false, NULL};

static bool same_key(run_key a, run_key b) {
  return a.ref == b.ref && g_strcmp0(a.href, b.href) == 0 && g_strcmp0(a.anchor, b.anchor) == 0 &&
         a.marked == b.marked;
}

/* Whether a run's words are announced with what happened to them: the
 * redline's inserted and deleted text (and the old place of a move). */
static bool spoken_mark(doc_mark m) {
  return m == MARK_INSERT || m == MARK_DELETE || m == MARK_MOVED_FROM;
}

/* The words of a marked run as a screen reader should hear them, with its
 * label: "verwijderd: Hulpverleners". The line breaks laid into the text
 * are undone: a hyphen added at a break goes, a break at a space is a
 * space again. Caller frees. */
static char *spoken_text(const para *p, const para_run *r) {
  GString *s = g_string_new(diff_mark_label(r->mark));
  for (guint i = 0; i < p->lines->len; i++) {
    const para_line *ln = &g_array_index(p->lines, para_line, i);
    unsigned a = MAX(ln->start, r->start), b = MIN(ln->end, r->end);
    if (a >= b) continue;
    gsize from = s->len;
    g_string_append_len(s, p->text + a, b - a);
    if (b == ln->end && ln->hyphen && s->len > from && s->str[s->len - 1] == '-')
      g_string_truncate(s, s->len - 1);
  }
  /* What is left of the breaks, U+2028: a space where a space was broken. */
  GString *o = g_string_sized_new(s->len);
  for (const char *c = s->str; *c; c = g_utf8_next_char(c)) {
    if (g_utf8_get_char(c) != 0x2028) {
      g_string_append_unichar(o, g_utf8_get_char(c));
      continue;
    }
    char before = o->len ? o->str[o->len - 1] : ' ';
    bool joined = (r->flags & RUN_URL) || before == '-' || before == '/' || before == ' ';
    if (!joined) g_string_append_c(o, ' ');
  }
  g_string_free(s, TRUE);
  return g_string_free(o, FALSE);
}

static void open_key(draw_ctx *dc, const para *p, run_key k, bool continued) {
  if (k.ref) {
    if (k.anchor && !dc->artifact) {
      char *a = quoted("name", k.anchor);
      dest_begin(dc, a);
      g_free(a);
    }
    tag_begin(dc, "Reference", NULL);
    if (k.href) {
      char *a = link_attrs(k.href);
      tag_begin(dc, CAIRO_TAG_LINK, a);
      g_free(a);
    }
  } else if (k.href) {
    char *a = link_attrs(k.href);
    tag_begin(dc, CAIRO_TAG_LINK, a);
    g_free(a);
  } else if (k.marked && continued) {
    /* The rest of a marked run from the line before: one element with it. */
    tag_begin_as(dc, "Span", NULL, PDFUA_CONT, 0);
  } else if (k.marked) {
    tag_begin_as(dc, "Span", NULL, PDFUA_SPAN, (int)dc->actual->len);
    g_ptr_array_add(dc->actual, spoken_text(p, k.marked));
  } else {
    tag_begin(dc, "Span", NULL);
  }
}

static void close_key(draw_ctx *dc, run_key k) {
  if (k.ref) {
    if (k.href) tag_end(dc, CAIRO_TAG_LINK);
    tag_end(dc, "Reference");
    if (k.anchor && !dc->artifact) dest_end(dc);
  } else if (k.href) {
    tag_end(dc, CAIRO_TAG_LINK);
  } else {
    tag_end(dc, "Span");
  }
}

/* The look of a run: colour and decorations follow from its flags and its
 * change mark, here and nowhere else. In black and white the decoration
 * tells: inserted text is underlined, deleted text struck through with a
 * solid line, the old place of a moved block with a dashed one. */
typedef struct {
  const double *rgb;
  bool strike, underline, dashed;
  double rise; /* above the baseline, in em */
} run_look;

static run_look look_of(const para_run *r) {
  run_look k = {INK, false, false, false, 0};
  if (r->href && !(r->flags & (RUN_SUPER | RUN_QUIET))) k.rgb = LINK;
  if (r->flags & RUN_STRIKE) k.strike = true;
  if (r->flags & RUN_SUPER) k.rise = 0.36;
  if (r->mark != MARK_NONE) {
    k.rgb = MARK_INK[r->mark];
    k.strike |= r->mark == MARK_DELETE || r->mark == MARK_MOVED_FROM;
    k.dashed = r->mark == MARK_MOVED_FROM || r->mark == MARK_RESTYLED;
    k.underline |= r->mark == MARK_INSERT || r->mark == MARK_RESTYLED;
  }
  return k;
}

/* A horizontal rule under or through a run: solid, or dashed in a pattern
 * that continues from run to run (it is anchored to the page, not the run). */
static void run_rule(cairo_t *cr, double x, double y, double w, double thick, bool dashed) {
  if (!dashed) {
    cairo_rectangle(cr, x, y, w, thick);
    cairo_fill(cr);
    return;
  }
  double dash[2] = {3, 1.8};
  cairo_save(cr);
  cairo_set_dash(cr, dash, 2, x - 4.8 * (double)(long)(x / 4.8));
  cairo_set_line_width(cr, thick);
  cairo_move_to(cr, x, y + thick / 2);
  cairo_line_to(cr, x + w, y + thick / 2);
  cairo_stroke(cr);
  cairo_restore(cr);
}

char *draw_change_dest(int change, doc_mark mark) {
  return diff_change_anchor(change, mark == MARK_MOVED_FROM);
}

/* What the change bar beside a line shows: nothing, a change (solid) or
 * only a move (dashed). */
typedef enum { BAR_NONE, BAR_MOVED, BAR_CHANGED } bar_kind;

static bar_kind line_bar(const para *p, int line) {
  if (!p || line < 0 || (guint)line >= p->lines->len) return BAR_NONE;
  const para_line *ln = &g_array_index(p->lines, para_line, line);
  if (!ln->changed) return BAR_NONE;
  bar_kind k = BAR_NONE;
  for (guint i = 0; i < p->runs->len; i++) {
    const para_run *r = &g_array_index(p->runs, para_run, i);
    if (r->mark == MARK_NONE || r->start >= ln->end || r->end <= ln->start) continue;
    if (r->mark == MARK_MOVED_FROM || r->mark == MARK_MOVED_TO)
      k = MAX(k, BAR_MOVED);
    else
      return BAR_CHANGED;
  }
  return k;
}

static bar_kind mark_bar(doc_mark m) {
  return m == MARK_NONE                               ? BAR_NONE
         : m == MARK_MOVED_TO || m == MARK_MOVED_FROM ? BAR_MOVED
                                                      : BAR_CHANGED;
}

/* The change bar, in the outer margin from top to bottom. Bars of
 * consecutive lines join into one; a dashed bar keeps its pattern across
 * them. */
static void change_bar(draw_ctx *dc, bar_kind k, double top, double bottom) {
  if (k == BAR_NONE || !dc->bars) return;
  cairo_t *cr = dc->cr;
  double x = dc->outer_left ? dc->left - DRAW_BAR_GAP - DRAW_BAR_WIDTH
                            : dc->left + dc->measure + DRAW_BAR_GAP;
  draw_artifact_begin(dc);
  cairo_save(cr);
  cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
  if (k == BAR_CHANGED) {
    cairo_rectangle(cr, x, top, DRAW_BAR_WIDTH, bottom - top);
    cairo_fill(cr);
  } else {
    double dash[2] = {2.4, 1.6};
    cairo_set_dash(cr, dash, 2, top - 4.0 * (double)(long)(top / 4.0));
    cairo_set_line_width(cr, DRAW_BAR_WIDTH);
    cairo_move_to(cr, x + DRAW_BAR_WIDTH / 2, top);
    cairo_line_to(cr, x + DRAW_BAR_WIDTH / 2, bottom);
    cairo_stroke(cr);
  }
  cairo_restore(cr);
  draw_artifact_end(dc);
}

/* Whether a paragraph's lines can be drawn straight into their element,
 * without a Span around each run: nothing in it is an element of its own
 * (a link, a note reference, a change), and nothing else will be drawn
 * into its element (change bars and line numbers are artifacts, which are
 * elements until the post-pass). cairo 1.16 marks the content of an
 * element only when it has no element inside; and every Span is an object
 * that costs cairo and the post-pass their time. */
static bool plain_runs(const para *p) {
  for (guint i = 0; i < p->runs->len; i++) {
    const para_run *r = &g_array_index(p->runs, para_run, i);
    if (r->href || r->anchor || (r->flags & RUN_SUPER) || r->mark != MARK_NONE) return false;
  }
  return true;
}

static bool plain_para(const draw_ctx *dc, const para *p) {
  return !dc->bars && !dc->line_numbers && plain_runs(p);
}

static void line_into(draw_ctx *dc, const para *p, int line, double x, double baseline,
                      bool direct);

void draw_para_line(draw_ctx *dc, const para *p, int line, double x, double baseline) {
  line_into(dc, p, line, x, baseline, false);
}

static void line_into(draw_ctx *dc, const para *p, int line, double x, double baseline,
                      bool direct) {
  if (!p || line < 0 || (guint)line >= p->lines->len) return;
  cairo_t *cr = dc->cr;
  GSList *runs = g_ptr_array_index(p->glyphs, line);
  const para_line *ln = &g_array_index(p->lines, para_line, line);
  run_key cur = PLAIN;
  bool open = false, cont = false;
  /* Plain text that goes on from the line before, with nothing tagged in
   * between (an element's end, a note, a destination, an artifact close
   * the Span), stays in that line's Span: one element, not one per line. */
  if (!direct && !dc->artifact && dc->span_open) {
    dc->span_open = false; /* held by this line now */
    open = true;
  } else {
    span_flush(dc);
  }
  for (GSList *l = runs; l; l = l->next) {
    PangoGlyphItem *gi = l->data;
    const para_run *r = para_run_at(p, (unsigned)gi->item->offset);
    int w = 0;
    for (int g = 0; g < gi->glyphs->num_glyphs; g++)
      w += gi->glyphs->glyphs[g].geometry.width;
    double wpt = (double)w / PANGO_SCALE;
    if (!r) {
      x += wpt;
      continue;
    }
    run_key k = {r->href, r->anchor, (r->flags & RUN_SUPER) != 0,
                 !dc->artifact && spoken_mark(r->mark) ? r : NULL};
    if (!direct && (!open || !same_key(k, cur))) {
      if (open) close_key(dc, cur);
      cont = k.marked && r->start < ln->start;
      open_key(dc, p, k, cont);
      cur = k;
      open = true;
    }
    run_look lk = look_of(r);
    double y = baseline - lk.rise * p->style.size;
    cairo_set_source_rgb(cr, lk.rgb[0], lk.rgb[1], lk.rgb[2]);
    cairo_move_to(cr, x, y);
    pango_cairo_show_glyph_item(cr, p->text, gi);
    if (lk.strike) run_rule(cr, x, y - p->strike_pos, wpt, p->strike_thick, lk.dashed);
    /* A raised note number is underlined on the line's baseline: one
     * unbroken rule under an inserted phrase. */
    if (lk.underline)
      run_rule(cr, x, baseline - p->underline_pos, wpt, p->underline_thick, lk.dashed);
    if (r->flags & RUN_FIND) {
      /* one changed comma: a box around it, wider than the mark */
      double pad = 0.3 * p->style.size;
      cairo_save(cr);
      cairo_set_line_width(cr, 0.6);
      cairo_rectangle(cr, x - pad, baseline - p->ascent, wpt + 2 * pad, p->ascent + p->descent);
      cairo_stroke(cr);
      cairo_restore(cr);
    }
    x += wpt;
  }
  if (open && !dc->artifact && same_key(cur, PLAIN)) {
    dc->span_open = true; /* left open for the next line (span_flush) */
  } else if (open) {
    close_key(dc, cur);
  }
  cairo_set_source_rgb(cr, INK[0], INK[1], INK[2]);
}

static PangoLayout *text_layout(draw_ctx *dc, const char *text, double size, int weight,
                                bool italic, const char *features) {
  PangoLayout *l = pdf_fonts_layout(dc->fonts);
  PangoFontDescription *d = pdf_fonts_desc(FACE_SERIF, size, weight, italic);
  pango_layout_set_font_description(l, d);
  pango_font_description_free(d);
  if (features) {
    PangoAttrList *al = pango_attr_list_new();
    pango_attr_list_insert(al, pango_attr_font_features_new(features));
    pango_layout_set_attributes(l, al);
    pango_attr_list_unref(al);
  }
  pango_layout_set_text(l, text, -1);
  return l;
}

double draw_text_width(draw_ctx *dc, const char *text, double size, int weight, bool italic,
                       const char *features) {
  PangoLayout *l = text_layout(dc, text, size, weight, italic, features);
  int w;
  pango_layout_get_size(l, &w, NULL);
  g_object_unref(l);
  return (double)w / PANGO_SCALE;
}

double draw_text(draw_ctx *dc, const char *text, double size, int weight, bool italic,
                 const char *features, double x, double baseline) {
  PangoLayout *l = text_layout(dc, text, size, weight, italic, features);
  int w;
  pango_layout_get_size(l, &w, NULL);
  cairo_move_to(dc->cr, x, baseline);
  pango_cairo_show_layout_line(dc->cr, pango_layout_get_line_readonly(l, 0));
  g_object_unref(l);
  return (double)w / PANGO_SCALE;
}

static void run_ops(draw_ctx *dc, const GArray *ops, const galley_box *b, double y) {
  for (guint i = 0; i < ops->len; i++) {
    const galley_op *op = &g_array_index(ops, galley_op, i);
    switch (op->kind) {
    case OP_OPEN:
      draw_tag_open(dc, op->tag, NULL);
      break;
    case OP_CLOSE:
      draw_tag_close(dc);
      break;
    case OP_LABEL:
      if (!b->label) break;
      /* In its Lbl the label is all there is (in a TOCI the number's link
       * follows it). */
      line_into(dc, b->label, 0, dc->left + b->label_x, y + b->baseline,
                dc->open->len &&
                    g_array_index(dc->open, draw_open_tag, dc->open->len - 1).tag == TAG_LBL &&
                    plain_para(dc, b->label));
      break;
    default:
      break;
    }
  }
}

static void draw_row(draw_ctx *dc, const galley_box *b, double y) {
  cairo_t *cr = dc->cr;
  double x0 = dc->left + b->x;
  if (b->first) {
    draw_artifact_begin(dc);
    cairo_rectangle(cr, x0, y - 0.4, b->width, 0.8);
    cairo_fill(cr);
    draw_artifact_end(dc);
  }
  tag_begin(dc, "TR", NULL);
  for (guint c = 0; c < b->cells->len; c++) {
    const galley_cell *cell = &g_array_index(b->cells, galley_cell, c);
    const para *p = cell->para;
    tag_begin(dc, b->header ? "TH" : "TD", NULL);
    double base = (p->style.leading - (p->ascent + p->descent)) / 2 + p->ascent;
    for (guint i = 0; i < p->lines->len; i++) {
      const para_line *ln = &g_array_index(p->lines, para_line, i);
      double shift = cell->align == ALIGN_RIGHT    ? cell->width - ln->width
                     : cell->align == ALIGN_CENTER ? (cell->width - ln->width) / 2
                                                   : 0;
      line_into(dc, p, (int)i, x0 + cell->x + shift, y + b->pad + i * p->style.leading + base,
                plain_para(dc, p));
    }
    tag_end(dc, b->header ? "TH" : "TD");
  }
  tag_end(dc, "TR");
  if (b->header || b->last) {
    double t = b->last ? 0.8 : 0.5;
    draw_artifact_begin(dc);
    cairo_rectangle(cr, x0, y + b->height - t / 2, b->width, t);
    cairo_fill(cr);
    draw_artifact_end(dc);
  }
}

static void toc_number(draw_ctx *dc, const galley_box *b, double y) {
  if (!b->toc_target || !dc->page_of) return;
  int page = GPOINTER_TO_INT(g_hash_table_lookup(dc->page_of, b->toc_target));
  if (!page) return;
  char num[16];
  g_snprintf(num, sizeof num, "%d", page);
  const para_style *st = &b->para->style;
  /* Lining, tabular figures: page numbers align in their column. */
  const char *feat = "lnum=1,tnum=1";
  double w = draw_text_width(dc, num, st->size, st->weight, st->italic, feat);
  char *a = quoted("dest", b->toc_target);
  tag_begin(dc, CAIRO_TAG_LINK, a);
  draw_text(dc, num, st->size, st->weight, st->italic, feat, dc->left + dc->measure - w,
            y + b->baseline);
  tag_end(dc, CAIRO_TAG_LINK);
  g_free(a);
}

/* The bar beside a box: its line's marks, any cell's of a row, or the
 * block's own mark for a rule or an image. */
static bar_kind box_bar(const galley_box *b) {
  if (b->kind == BOX_LINE) return line_bar(b->para, b->line);
  if (b->kind == BOX_ROW) {
    bar_kind k = mark_bar(b->mark == MARK_MODIFIED ? MARK_NONE : b->mark);
    for (guint c = 0; c < b->cells->len; c++) {
      const para *p = g_array_index(b->cells, galley_cell, c).para;
      for (guint i = 0; i < p->lines->len; i++)
        k = MAX(k, line_bar(p, (int)i));
    }
    return k;
  }
  return mark_bar(b->mark);
}

/* Beside the first line of a moved block, in the margin: where the block
 * went or came from, linking there. */
static void move_note(draw_ctx *dc, const galley_box *b, double baseline) {
  bool from = b->mark == MARK_MOVED_FROM;
  doc_mark other = from ? MARK_MOVED_TO : MARK_MOVED_FROM;
  char *dest = draw_change_dest(b->change, other);
  int page = dc->page_of ? GPOINTER_TO_INT(g_hash_table_lookup(dc->page_of, dest)) : 0;
  const char *words =
      b->mark_flags & MARKF_REWRITTEN ? diff_move_label_rewritten(from) : diff_move_label(from);
  char *text = page ? g_strdup_printf("%s p.\xc2\xa0%d", words, page) : g_strdup(words);
  char *a = quoted("dest", dest);
  tag_begin(dc, CAIRO_TAG_LINK, a);
  cairo_set_source_rgb(dc->cr, MARK_INK[b->mark][0], MARK_INK[b->mark][1], MARK_INK[b->mark][2]);
  /* beyond the bar, towards the edge of the page */
  double away = DRAW_BAR_GAP + DRAW_BAR_WIDTH + 4;
  double x = dc->outer_left
                 ? dc->left - away - draw_text_width(dc, text, DRAW_NOTE_SIZE, 400, true, "lnum=1")
                 : dc->left + dc->measure + away;
  draw_text(dc, text, DRAW_NOTE_SIZE, 400, true, "lnum=1", x, baseline);
  cairo_set_source_rgb(dc->cr, INK[0], INK[1], INK[2]);
  tag_end(dc, CAIRO_TAG_LINK);
  g_free(a);
  g_free(text);
  g_free(dest);
}

void draw_box(draw_ctx *dc, const galley_box *b, double y) {
  cairo_t *cr = dc->cr;
  change_bar(dc, box_bar(b), y, y + b->height);
  if (b->kind == BOX_LINE && b->shade) {
    /* Code: a light ground, continuous from line to line. */
    draw_artifact_begin(dc);
    cairo_set_source_rgb(cr, 0.945, 0.945, 0.94);
    cairo_rectangle(cr, dc->left, y, b->width, b->height);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, INK[0], INK[1], INK[2]);
    draw_artifact_end(dc);
  }
  run_ops(dc, b->before, b, y);
  /* The Figure just opened for an image gets its description as /Alt. */
  if (b->kind == BOX_IMAGE && b->alt && dc->roles->len && dc->open->len &&
      g_array_index(dc->open, draw_open_tag, dc->open->len - 1).tag == TAG_FIGURE) {
    pdfua_role *r = &g_array_index(dc->roles, pdfua_role, dc->roles->len - 1);
    if (r->kind == PDFUA_PLAIN && strcmp(r->type, "Figure") == 0) {
      r->kind = PDFUA_FIGURE;
      r->arg = (int)dc->actual->len;
      g_ptr_array_add(dc->actual, g_strdup(b->alt));
    }
  }
  if (b->dest) {
    char *a = quoted("name", b->dest);
    dest_begin(dc, a);
    g_free(a);
  }
  char *change_dest = b->change ? draw_change_dest(b->change, b->mark) : NULL;
  if (change_dest) {
    char *a = quoted("name", change_dest);
    dest_begin(dc, a);
    g_free(a);
  }
  if (b->change && (b->mark == MARK_MOVED_FROM || b->mark == MARK_MOVED_TO))
    move_note(dc, b, y + (b->kind == BOX_LINE ? b->baseline : b->height));
  switch (b->kind) {
  case BOX_LINE:
    if (b->para)
      line_into(dc, b->para, b->line, dc->left + b->x, y + b->baseline,
                !b->shade && !b->spans && !b->toc_target && plain_para(dc, b->para));
    toc_number(dc, b, y);
    break;
  case BOX_RULE:
    draw_artifact_begin(dc);
    cairo_rectangle(cr, dc->left + b->x, y + b->height / 2 - b->thick / 2, b->width, b->thick);
    cairo_fill(cr);
    draw_artifact_end(dc);
    break;
  case BOX_ROW:
    draw_row(dc, b, y);
    break;
  case BOX_IMAGE: {
    double sx = b->width / cairo_image_surface_get_width(b->image);
    double sy = b->height / cairo_image_surface_get_height(b->image);
    cairo_save(cr);
    cairo_translate(cr, dc->left + b->x, y);
    cairo_scale(cr, sx, sy);
    cairo_set_source_surface(cr, b->image, 0, 0);
    cairo_paint(cr);
    cairo_restore(cr);
    break;
  }
  default:
    break;
  }
  if (change_dest) dest_end(dc);
  g_free(change_dest);
  if (b->dest) dest_end(dc);
  run_ops(dc, b->after, b, y);
}

/* "(vervolg)" in the outer margin beside the first line of a note continued
 * from the page before; a repeat, so an artifact. */
static void note_continued(draw_ctx *dc, double baseline) {
  static const char text[] = "(vervolg)";
  double away = DRAW_BAR_GAP + DRAW_BAR_WIDTH + 4;
  double x = dc->outer_left
                 ? dc->left - away - draw_text_width(dc, text, DRAW_NOTE_SIZE, 400, true, NULL)
                 : dc->left + dc->measure + away;
  draw_artifact_begin(dc);
  cairo_set_source_rgb(dc->cr, 0.3, 0.3, 0.3);
  draw_text(dc, text, DRAW_NOTE_SIZE, 400, true, NULL, x, baseline);
  cairo_set_source_rgb(dc->cr, INK[0], INK[1], INK[2]);
  draw_artifact_end(dc);
}

double draw_note(draw_ctx *dc, const galley_note *n, int key, int from, int to, double y) {
  /* Known to the post-pass, which joins a note's pieces on two pages. */
  tag_begin_as(dc, "Note", NULL, from > 0 ? PDFUA_NOTE_CONT : PDFUA_NOTE, key);
  for (int i = from; i < to; i++) {
    const galley_note_line *nl = &g_array_index(n->lines, galley_note_line, i);
    const para *p = nl->para;
    double top = y + nl->height - p->style.leading;
    double base = top + (p->style.leading - (p->ascent + p->descent)) / 2 + p->ascent;
    change_bar(dc, line_bar(p, nl->line), top, top + p->style.leading);
    if (i == from && from > 0) note_continued(dc, base);
    bool change_dest = n->change && i == n->change_line;
    if (change_dest) {
      char *dest = draw_change_dest(n->change, n->mark);
      char *a = quoted("name", dest);
      dest_begin(dc, a);
      g_free(a);
      g_free(dest);
    }
    if (i == 0) {
      /* The number is the destination of the references and links back
       * to the first of them. */
      char *a = quoted("name", n->id);
      dest_begin(dc, a);
      g_free(a);
      tag_begin(dc, "Lbl", NULL);
      a = quoted("dest", n->back);
      tag_begin(dc, CAIRO_TAG_LINK, a);
      g_free(a);
      /* the Link holds the number itself, no Span (nothing else is drawn
       * inside it) */
      line_into(dc, n->label, 0, dc->left, base, plain_runs(n->label));
      tag_end(dc, CAIRO_TAG_LINK);
      tag_end(dc, "Lbl");
      dest_end(dc);
    }
    draw_para_line(dc, p, nl->line, dc->left + nl->x, base);
    if (change_dest) dest_end(dc);
    y += nl->height;
  }
  tag_end(dc, "Note");
  return y;
}

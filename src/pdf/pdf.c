/* pdf: see include/statuut/pdf.h */
#define _GNU_SOURCE /* uselocale */
#include "statuut/pdf.h"
#include "statuut/galley.h"
#include "statuut/hyph.h"
#include "statuut/paginate.h"
#include "statuut/pdfdraw.h"
#include "statuut/pdfredline.h"
#include "statuut/pdfua.h"
#include "statuut/threads.h"

#include <cairo-pdf.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A4 in points, and the type area: generous margins, a measure of about 70
 * characters, 46 lines of body text. The pages face each other when printed
 * on both sides: the inner margin (at the fold) is narrower, the outer one
 * has room for notes in pencil and, in the redline, the change bars. The
 * cover is a right-hand page, so odd pages have the outer margin right. */
#define PAGE_W 595.276
#define PAGE_H 841.890
#define MM (72.0 / 25.4)
#define INNER (33 * MM)
#define MEASURE (134 * MM)
#define TOP (30 * MM)
#define BODY_SIZE 10.5
#define BODY_LEADING 14.4
#define LINES 46
#define TEXT_H (LINES * BODY_LEADING)
#define HEAD_BASE (TOP - 11 * MM)
#define FOOT_BASE (TOP + TEXT_H + 13 * MM)
#define SMALL 8.2
/* Line numbers: size, and distance from the text column. */
#define LINE_NO_SIZE 7.0
#define LINE_NO_GAP (5 * MM)

static const char DEFAULT_AUTHOR[] = "Associatie Wijkteams";

struct pdf_engine {
  pdf_fonts *fonts;
  hyph *hyph;
  para_cache *cache;  /* the paragraphs of every PDF this engine made */
  pdf_fonts *sibling; /* the second thread's, made when first wanted (prefetch), or NULL */
};

/* What the paragraph cache keeps: the paragraphs of several documents the
 * size of the statute (its ten versions and their redlines: about 6 MB). */
#define PARA_CACHE_BYTES (48u << 20)

typedef struct {
  hyph *h;
  char *err;
} hyph_job;

static gpointer load_hyph(gpointer data) {
  hyph_job *j = data;
  j->h = hyph_open(HYPH_NL_DICT, &j->err);
  return NULL;
}

/* The hyphenation patterns are read on a thread of their own while
 * fontconfig reads its configuration: each is about a twentieth of a
 * statute's PDF, and neither needs the other.
 *
 * No thread is left when this returns, because build forks its workers
 * right after (threads.h says why that matters): ours is joined, and the
 * ones pango starts and lets go are waited for, at most a second. */
pdf_engine *pdf_engine_open(char **err) {
  unsigned before = threads_count();
  /* cairo compresses each page's content at zlib's default level; the
   * post-pass (pdfua.c) decompresses every page to retag its artifacts and
   * compresses it again at the fastest level, so cairo's work was wasted: a
   * fortieth of a statute's instructions. cairo 1.16 has no setting for it
   * but this variable, which its PDF surface reads when it is made and which
   * changes nothing else (fonts are compressed as before; qpdf compresses
   * the few small streams left). Set before the workers are forked; once
   * set, later calls change nothing. */
  g_setenv("CAIRO_DEBUG_PDF", "1", FALSE);
  hyph_job j = {NULL, NULL};
  GThread *t = g_thread_try_new("statuut-hyph", load_hyph, &j, NULL);
  if (!t) load_hyph(&j);
  char *font_err = NULL;
  pdf_fonts *f = pdf_fonts_open(&font_err);
  if (t) g_thread_join(t);
  threads_settle(before, 1000);
  if (!f || !j.h) {
    *err = font_err ? font_err : j.err;
    if (font_err) g_free(j.err);
    pdf_fonts_free(f);
    hyph_free(j.h);
    return NULL;
  }
  pdf_engine *e = g_new0(pdf_engine, 1);
  e->fonts = f;
  e->hyph = j.h;
  e->cache = para_cache_new(PARA_CACHE_BYTES);
  return e;
}

void pdf_engine_free(pdf_engine *e) {
  if (!e) return;
  /* the paragraphs first: their glyphs hold the fonts' */
  para_cache_free(e->cache);
  pdf_fonts_free(e->sibling);
  pdf_fonts_free(e->fonts);
  hyph_free(e->hyph);
  g_free(e);
}

/* What cairo writes, gathered for the post-pass. cairo hands over a statute
 * in some 240,000 pieces of a few bytes: appending them to a GString cost
 * 80 instructions each, this a third of that. */
typedef struct {
  char *data;
  size_t len, cap;
} sink;

static cairo_status_t to_sink(void *closure, const unsigned char *data, unsigned int length) {
  sink *s = closure;
  if (s->cap - s->len < length) {
    s->cap = MAX(2 * s->cap, s->len + length);
    s->data = g_realloc(s->data, s->cap);
  }
  memcpy(s->data + s->len, data, length);
  s->len += length;
  return CAIRO_STATUS_SUCCESS;
}

/* The PDF's dates: SOURCE_DATE_EPOCH when set (reproducible builds), else
 * the version's date at midnight UTC; never the clock. Caller frees. */
static char *pdf_date(const doc *d) {
  const char *sde = getenv("SOURCE_DATE_EPOCH");
  if (sde && *sde) {
    GDateTime *t = g_date_time_new_from_unix_utc(g_ascii_strtoll(sde, NULL, 10));
    if (t) {
      char *s = g_date_time_format(t, "%Y-%m-%dT%H:%M:%SZ");
      g_date_time_unref(t);
      return s;
    }
  }
  return g_strdup_printf("%sT00:00:00Z", d->meta.date ? d->meta.date : "1970-01-01");
}

typedef struct {
  pdf_engine *e;
  const doc *d;
  cairo_surface_t *surface;
  cairo_t *cr;
  draw_ctx dc;
  int total;
  char *version_line;     /* "versie 1.0" or "versie 1.1 · concept" */
  double version_w;       /* its width */
  double foot_w;          /* width of the foot line */
  char *head_title;       /* the title as the running head shows it: cut short with an
                             ellipsis when it would reach the version */
  const galley *numbered; /* the galley whose lines are numbered (the body), or NULL */
  GArray *places;         /* of pdf_change_place: where each change is drawn, or NULL */
} job;

/* The text column's left edge on a page, and where its outer margin is. */
static void set_page_side(job *j, int page) {
  bool right_hand = page % 2 == 1;
  j->dc.left = right_hand ? INNER : PAGE_W - INNER - MEASURE;
  j->dc.outer_left = !right_hand;
}

/* The longest start of the title, cut at a character, that fits in width
 * with "…" after it (a binary search: a title may be thousands of
 * characters long). The whole title when it fits. Caller frees. */
static char *title_fitting(draw_ctx *dc, const char *title, double width) {
  if (draw_text_width(dc, title, SMALL, 400, true, NULL) <= width) return g_strdup(title);
  glong lo = 0, hi = g_utf8_strlen(title, -1);
  while (lo < hi) {
    glong mid = (lo + hi + 1) / 2;
    char *cut = g_utf8_substring(title, 0, mid);
    char *t = g_strconcat(g_strchomp(cut), "\xe2\x80\xa6", NULL);
    bool fits = draw_text_width(dc, t, SMALL, 400, true, NULL) <= width;
    g_free(t);
    g_free(cut);
    if (fits)
      lo = mid;
    else
      hi = mid - 1;
  }
  char *cut = g_utf8_substring(title, 0, lo);
  char *t = g_strconcat(g_strchomp(cut), "\xe2\x80\xa6", NULL);
  g_free(cut);
  return t;
}

/* Running head (title, version) and foot (page X of Y), outside every
 * structure element, artifacts: they repeat what the reader already has. */
static void head_and_foot(job *j, int page) {
  const meta *m = &j->d->meta;
  bool concept = m->status == STATUS_CONCEPT;
  if (!j->version_w)
    j->version_w =
        draw_text_width(&j->dc, j->version_line, SMALL, concept ? 600 : 400, false, NULL);
  if (!j->head_title)
    j->head_title = title_fitting(&j->dc, m->title ? m->title : "", MEASURE - j->version_w - 12);
  draw_artifact_begin(&j->dc);
  cairo_set_source_rgb(j->cr, 0.25, 0.25, 0.25);
  draw_text(&j->dc, j->head_title, SMALL, 400, true, NULL, j->dc.left, HEAD_BASE);
  if (concept) cairo_set_source_rgb(j->cr, 0.7, 0.08, 0.08);
  draw_text(&j->dc, j->version_line, SMALL, concept ? 600 : 400, false, NULL,
            j->dc.left + MEASURE - j->version_w, HEAD_BASE);
  cairo_set_source_rgb(j->cr, 0.25, 0.25, 0.25);
  /* Centred on the width of a two-digit page number, so that the foot
   * does not shift from page 9 to page 10. */
  char *foot = g_strdup_printf("pagina %d van %d", page, j->total);
  char *model = g_strdup_printf("pagina 00 van %d", j->total);
  if (!j->foot_w) j->foot_w = draw_text_width(&j->dc, model, SMALL, 400, false, "lnum=1,tnum=1");
  draw_text(&j->dc, foot, SMALL, 400, false, "lnum=1,tnum=1",
            j->dc.left + (MEASURE - j->foot_w) / 2, FOOT_BASE);
  g_free(model);
  g_free(foot);
  cairo_set_source_rgb(j->cr, 0, 0, 0);
  draw_artifact_end(&j->dc);
}

/* The author, small and grey at the top of the cover. */
static void cover_author(job *j) {
  draw_ctx *dc = &j->dc;
  cairo_t *cr = j->cr;
  const char *author = meta_get(&j->d->meta, "author");
  if (!author || !*author) author = DEFAULT_AUTHOR;
  draw_tag_open(dc, TAG_P, NULL);
  draw_span_begin(dc);
  cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
  draw_text(dc, author, 10, 600, false, NULL, dc->left, TOP + 10);
  cairo_set_source_rgb(cr, 0, 0, 0);
  draw_span_end(dc);
  draw_tag_close(dc);
}

/* The title, set large and ragged, a third of the way down, and the
 * subtitle under it. Returns the y below them. */
static double cover_title(job *j) {
  const meta *m = &j->d->meta;
  draw_ctx *dc = &j->dc;
  para_style ts = {FACE_SERIF, 30, 36, 600, false, false, 0, NULL, false};
  para_src *src = para_src_new();
  para_src_add(src, NULL, m->title ? m->title : "", RUN_NOHYPH, MARK_NONE, NULL, NULL);
  para *title = para_layout(src, j->e->fonts, &ts, MEASURE, NULL);
  para_src_free(src);
  double y = TOP + 68 * MM;
  draw_tag_open(dc, TAG_H1, NULL);
  for (guint i = 0; i < title->lines->len; i++) {
    draw_para_line(dc, title, (int)i, dc->left, y);
    y += ts.leading;
  }
  draw_tag_close(dc);
  para_free(title);
  if (m->subtitle && draw_text_width(dc, m->subtitle, 16, 400, true, NULL) > MEASURE) {
    /* A subtitle too long for its line is broken as the title is. */
    y += 4;
    para_style ss = {FACE_SERIF, 16, 20, 400, true, false, 0, NULL, false};
    src = para_src_new();
    para_src_add(src, NULL, m->subtitle, 0, MARK_NONE, NULL, NULL);
    para *sub = para_layout(src, j->e->fonts, &ss, MEASURE, NULL);
    para_src_free(src);
    draw_tag_open(dc, TAG_P, NULL);
    for (guint i = 0; i < sub->lines->len; i++) {
      if (i) y += ss.leading;
      draw_para_line(dc, sub, (int)i, dc->left, y);
    }
    draw_tag_close(dc);
    para_free(sub);
  } else if (m->subtitle) {
    y += 4;
    draw_tag_open(dc, TAG_P, NULL);
    draw_span_begin(&j->dc);
    draw_text(dc, m->subtitle, 16, 400, true, NULL, dc->left, y);
    draw_span_end(&j->dc);
    draw_tag_close(dc);
  }
  return y;
}

/* A short rule below y, then the facts of this version, a concept's
 * status in red. Returns the y below them. */
static double cover_facts(job *j, double y) {
  const meta *m = &j->d->meta;
  draw_ctx *dc = &j->dc;
  cairo_t *cr = j->cr;
  y += 16 * MM;
  draw_artifact_begin(dc);
  cairo_rectangle(cr, dc->left, y, 24 * MM, 0.8);
  cairo_fill(cr);
  draw_artifact_end(dc);
  y += 10 * MM;
  char *date = date_dutch(m->date);
  const char *labels[] = {"Versie", "Datum", "Status"};
  const char *values[] = {m->version ? m->version : "", date, status_name(m->status)};
  for (int i = 0; i < 3; i++) {
    draw_tag_open(dc, TAG_P, NULL);
    draw_span_begin(dc);
    cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
    draw_text(dc, labels[i], 10.5, 400, true, NULL, dc->left, y);
    bool concept = i == 2 && m->status == STATUS_CONCEPT;
    if (concept)
      cairo_set_source_rgb(cr, 0.7, 0.08, 0.08);
    else
      cairo_set_source_rgb(cr, 0, 0, 0);
    draw_text(dc, values[i], 10.5, concept ? 600 : 400, false, "lnum=1", dc->left + 22 * MM, y);
    draw_span_end(dc);
    draw_tag_close(dc);
    y += 15;
  }
  cairo_set_source_rgb(cr, 0, 0, 0);
  g_free(date);
  return y;
}

/* The lead (meta_lead: the summary's first sentence, or `lead:`), in
 * italics on a narrower measure. A lead is one sentence, so it fits the
 * cover whatever the summary's length; a longer summary has pages of its
 * own after the cover (summary_part). */
static void cover_summary(job *j, const char *lead, double y) {
  draw_ctx *dc = &j->dc;
  y += 8;
  para_style ss = {FACE_SERIF, 10.5, 14.4, 400, true, false, 0, NULL, false};
  para_src *src = para_src_new();
  para_src_add(src, j->e->hyph, lead, 0, MARK_NONE, NULL, NULL);
  para *sum = para_layout(src, j->e->fonts, &ss, MEASURE * 0.7, NULL);
  para_src_free(src);
  draw_tag_open(dc, TAG_P, NULL);
  for (guint i = 0; i < sum->lines->len; i++) {
    draw_para_line(dc, sum, (int)i, dc->left, y);
    y += ss.leading;
  }
  draw_tag_close(dc);
  para_free(sum);
}

/* A draft says so before anything else can be read. */
static void cover_concept(job *j) {
  draw_ctx *dc = &j->dc;
  cairo_t *cr = j->cr;
  draw_tag_open(dc, TAG_P, NULL);
  draw_span_begin(dc);
  cairo_set_source_rgb(cr, 0.7, 0.08, 0.08);
  draw_text(dc, "CONCEPT", 22, 600, false, NULL, dc->left, TOP + 40 * MM);
  draw_text(dc, "Deze versie is nog niet vastgesteld.", 10.5, 400, true, NULL, dc->left,
            TOP + 47 * MM);
  cairo_set_source_rgb(cr, 0, 0, 0);
  draw_span_end(dc);
  draw_tag_close(dc);
}

static void cover(job *j) {
  const meta *m = &j->d->meta;
  set_page_side(j, 1);
  cover_author(j);
  double y = cover_facts(j, cover_title(j));
  char *lead = meta_lead(m);
  if (lead) cover_summary(j, lead, y);
  g_free(lead);
  if (m->status == STATUS_CONCEPT) cover_concept(j);
}

/* Where each note piece of a page starts, stacked up from the foot of the
 * text area, one y per piece (caller frees); the short rule above them is
 * drawn here. */
static double *note_positions(job *j, const galley *g, const pg_page *pg) {
  double notes_h = 0;
  for (guint k = 0; k < pg->pieces->len; k++) {
    const pg_piece *pc = &g_array_index(pg->pieces, pg_piece, k);
    const galley_note *n = g_ptr_array_index(g->notes, pc->note);
    if (k) notes_h += 0.25 * g->geo.note_leading;
    for (int i = pc->from; i < pc->to; i++)
      notes_h += n->heights[i];
  }
  double *piece_y = g_new0(double, pg->pieces->len + 1);
  double ny = TOP + TEXT_H - notes_h;
  for (guint k = 0; k < pg->pieces->len; k++) {
    const pg_piece *pc = &g_array_index(pg->pieces, pg_piece, k);
    const galley_note *n = g_ptr_array_index(g->notes, pc->note);
    if (k) ny += 0.25 * g->geo.note_leading;
    piece_y[k] = ny;
    for (int i = pc->from; i < pc->to; i++)
      ny += n->heights[i];
  }
  if (pg->pieces->len) {
    double ry = TOP + TEXT_H - notes_h - 0.7 * g->geo.note_leading;
    draw_artifact_begin(&j->dc);
    cairo_rectangle(j->cr, j->dc.left, ry, 30 * MM, 0.4);
    cairo_fill(j->cr);
    draw_artifact_end(&j->dc);
  }
  return piece_y;
}

/* A table's header row again at the top of a page that continues the
 * table, outside the structure: it is a copy. Returns the height taken. */
static double repeat_header(job *j, const galley *g, const pg_page *pg, double y) {
  const galley_box *b = g_ptr_array_index(g->boxes, pg->first);
  if (b && b->repeat >= 0) {
    galley_box copy = *(const galley_box *)g_ptr_array_index(g->boxes, b->repeat);
    GArray *none = g_array_new(FALSE, FALSE, sizeof(galley_op));
    copy.before = copy.after = none;
    copy.dest = NULL;
    copy.change = 0;
    draw_artifact_begin(&j->dc);
    draw_box(&j->dc, &copy, y);
    draw_artifact_end(&j->dc);
    g_array_unref(none);
  }
  return pg->restart;
}

/* The number of a body line, small and grey in the inner margin (the outer
 * one has the change bars and margin notes of a redline), right-aligned
 * against the text on a right-hand page. */
static void line_number(job *j, int n, double baseline) {
  char num[16];
  g_snprintf(num, sizeof num, "%d", n);
  double w = draw_text_width(&j->dc, num, LINE_NO_SIZE, 400, false, "lnum=1,tnum=1");
  double x = j->dc.outer_left ? j->dc.left + MEASURE + LINE_NO_GAP : j->dc.left - LINE_NO_GAP - w;
  draw_artifact_begin(&j->dc);
  cairo_set_source_rgb(j->cr, 0.4, 0.4, 0.4);
  draw_text(&j->dc, num, LINE_NO_SIZE, 400, false, "lnum=1,tnum=1", x, baseline);
  cairo_set_source_rgb(j->cr, 0, 0, 0);
  draw_artifact_end(&j->dc);
}

/* Counts the lines of a body box (a table row: its tallest cell's), numbers
 * every fifth and notes where a change starts. */
static void number_box(job *j, const galley_box *b, double y, int page) {
  int n = 0;
  double base = b->baseline, leading = 0;
  if (b->kind == BOX_LINE && (b->para || b->label)) n = 1;
  if (b->kind == BOX_ROW)
    for (guint c = 0; c < b->cells->len; c++) {
      const para *p = g_array_index(b->cells, galley_cell, c).para;
      if ((int)p->lines->len > n) {
        n = (int)p->lines->len;
        leading = p->style.leading;
        base = b->pad + (p->style.leading - (p->ascent + p->descent)) / 2 + p->ascent;
      }
    }
  for (int k = 0; k < n; k++) {
    int no = ++j->dc.line_no;
    if (k == 0 && b->change && j->places) {
      pdf_change_place pl = {b->change, page, no};
      g_array_append_val(j->places, pl);
    }
    if (no % 5 == 0) line_number(j, no, y + base + k * leading);
  }
}

/* Draws one page of a galley: the body from the top, each note piece at the
 * foot (drawn right after the line that references it, so that in the
 * structure tree the note follows its reference). */
static void draw_page(job *j, const galley *g, const pg_page *pg, int page_no, bool toc_title,
                      GArray *suspended, int note_base) {
  draw_ctx *dc = &j->dc;
  set_page_side(j, page_no);
  head_and_foot(j, page_no);
  double *piece_y = note_positions(j, g, pg);
  /* A note continued from the previous page comes first. */
  for (guint k = 0; k < pg->pieces->len; k++) {
    const pg_piece *pc = &g_array_index(pg->pieces, pg_piece, k);
    if (pc->from > 0)
      draw_note(dc, g_ptr_array_index(g->notes, pc->note), note_base + pc->note, pc->from, pc->to,
                piece_y[k]);
  }
  /* The elements open at the end of the previous page go on. */
  draw_reopen(dc, suspended);
  if (toc_title) {
    draw_tag_open(dc, TAG_H2, NULL);
    draw_span_begin(&j->dc);
    draw_text(dc, "Inhoud", BODY_SIZE * 1.45, 600, false, NULL, dc->left, TOP + BODY_LEADING);
    draw_span_end(&j->dc);
    draw_tag_close(dc);
  }
  bool numbered = j->dc.line_numbers && g == j->numbered;
  if (numbered && j->dc.line_numbers == PDF_LINES_PAGE) j->dc.line_no = 0;
  double y = TOP;
  if (pg->restart > 0) y += repeat_header(j, g, pg, y);
  for (size_t i = pg->first; i < pg->end; i++) {
    const pg_item *it = &g_array_index(g->items, pg_item, i);
    const galley_box *b = g_ptr_array_index(g->boxes, i);
    if (it->kind == PG_GLUE) y += it->height;
    if (it->kind != PG_BOX) continue;
    draw_box(dc, b, y);
    if (numbered) number_box(j, b, y, page_no);
    for (int k = 0; k < b->n_notes; k++)
      for (guint q = 0; q < pg->pieces->len; q++) {
        const pg_piece *pc = &g_array_index(pg->pieces, pg_piece, q);
        if (pc->note == b->notes[k] && pc->from == 0)
          draw_note(dc, g_ptr_array_index(g->notes, pc->note), note_base + pc->note, pc->from,
                    pc->to, piece_y[q]);
      }
    y += it->height;
  }
  g_free(piece_y);
}

/* Ends a page. The elements still open are closed (Document stays open
 * across pages) and returned, for draw_page to open again after the running
 * head and foot. */
static GArray *next_page(job *j) {
  GArray *open = draw_suspend(&j->dc);
  draw_flush(&j->dc);
  cairo_show_page(j->cr);
  return open;
}

static GArray *paginate(const galley *g, GArray *views) {
  pg_input in = galley_pg_input(g, views, TEXT_H);
  return pg_paginate(&in);
}

static void outline(job *j, bool redline) {
  int ids[8] = {CAIRO_PDF_OUTLINE_ROOT};
  int levels[8] = {0};
  int depth = 0;
  if (redline)
    cairo_pdf_surface_add_outline(j->surface, CAIRO_PDF_OUTLINE_ROOT, "Wat is er veranderd?",
                                  "dest='wat-is-er-veranderd'", 0);
  for (const doc_node *h = j->d->root->first; h; h = h->next) {
    /* A redline's deleted headings and the old places of moved ones are
     * no part of the new version's structure. */
    if (h->type != DOC_HEADING || !h->id || h->mark == MARK_DELETE || h->mark == MARK_MOVED_FROM)
      continue;
    while (depth > 0 && h->level <= levels[depth])
      depth--;
    char *text = doc_node_plain_text(h);
    g_strstrip(text);
    char *dest = g_strdup_printf("dest='%s'", h->id);
    int id = cairo_pdf_surface_add_outline(j->surface, ids[depth], text, dest,
                                           h->level <= 1 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
    if (depth < 7) {
      depth++;
      ids[depth] = id;
      levels[depth] = h->level;
    }
    g_free(dest);
    g_free(text);
  }
}

static size_t body_length(const doc *d) {
  char *t = doc_node_plain_text(d->root);
  size_t n = strlen(t);
  g_free(t);
  return n;
}

/* Where each change of a redline is: its destinations (pdfdraw.h) mapped
 * to pages, from the boxes that start changed blocks and the notes that
 * are changes. */
static void change_pages(GHashTable *page_of, const galley *g, const GArray *pages, int first) {
  for (guint p = 0; p < pages->len; p++) {
    const pg_page *pg = &g_array_index(pages, pg_page, p);
    for (size_t i = pg->first; i < pg->end; i++) {
      const galley_box *b = g_ptr_array_index(g->boxes, i);
      if (b && b->change)
        g_hash_table_insert(page_of, draw_change_dest(b->change, b->mark),
                            GINT_TO_POINTER(first + (int)p));
    }
    for (guint k = 0; k < pg->pieces->len; k++) {
      const pg_piece *pc = &g_array_index(pg->pieces, pg_piece, k);
      const galley_note *n = g_ptr_array_index(g->notes, pc->note);
      if (n->change && pc->from <= n->change_line && n->change_line < pc->to)
        g_hash_table_insert(page_of, draw_change_dest(n->change, n->mark),
                            GINT_TO_POINTER(first + (int)p));
    }
  }
}

/* The places of the changes that are notes (their lines are not numbered),
 * after those of the body, then all in the order of the changes. */
static int cmp_place(gconstpointer a, gconstpointer b) {
  const pdf_change_place *x = a, *y = b;
  return (x->change > y->change) - (x->change < y->change);
}

static void change_places(GArray *places, const galley *g, const GArray *pages, int first) {
  for (guint p = 0; p < pages->len; p++) {
    const pg_page *pg = &g_array_index(pages, pg_page, p);
    for (guint k = 0; k < pg->pieces->len; k++) {
      const pg_piece *pc = &g_array_index(pg->pieces, pg_piece, k);
      const galley_note *n = g_ptr_array_index(g->notes, pc->note);
      if (n->change && pc->from <= n->change_line && n->change_line < pc->to) {
        pdf_change_place pl = {n->change, first + (int)p, 0};
        g_array_append_val(places, pl);
      }
    }
  }
  g_array_sort(places, cmp_place);
}

/* The page geometry of a document. A long document starts each chapter on
 * a new page; a short one would be mostly white paper. */
static galley_geometry geometry_of(const doc *d) {
  galley_geometry geo = {MEASURE, BODY_SIZE, BODY_LEADING, 8.4, 11.2, 0.5 * BODY_LEADING, false};
  int chapters = 0;
  for (const doc_node *h = d->root->first; h; h = h->next)
    chapters += h->type == DOC_HEADING && h->level <= 1;
  geo.chapter_pages = chapters >= 4 && body_length(d) > 40000;
  return geo;
}

/* A galley paginated, and the number of its first page. */
typedef struct {
  galley *g;
  GArray *views; /* of pg_note: the galley's notes as paginate sees them */
  GArray *pages; /* of pg_page */
  int first;
} part;

static void part_free(part *p) {
  pg_pages_free(p->pages);
  g_array_unref(p->views);
  galley_free(p->g);
}

/* The whole summary, when it says more than the lead on the cover: a
 * heading "Samenvatting" and its text, on pages of their own after the
 * cover, so that no summary is ever cut off. *nodes gets the blocks made
 * for it (the caller frees them after the galley). Returns false when the
 * lead says it all. */
static bool summary_part(galley *g, const doc *d, doc_node **nodes, diag_list *diags) {
  const meta *m = &d->meta;
  char *lead = meta_lead(m), *whole = m->summary ? g_strstrip(g_strdup(m->summary)) : NULL;
  bool more = whole && lead && strcmp(whole, lead) != 0;
  g_free(whole);
  g_free(lead);
  if (!more) return false;
  doc_node *root = doc_node_new(DOC_ROOT), *h = doc_node_new(DOC_HEADING);
  doc_node *t = doc_node_new(DOC_TEXT), *pa = doc_node_new(DOC_PARAGRAPH);
  doc_node *body = doc_node_new(DOC_TEXT);
  h->level = 1;
  t->text = g_strdup("Samenvatting");
  body->text = g_strdup(m->summary);
  doc_node_append(h, t);
  doc_node_append(pa, body);
  doc_node_append(root, h);
  doc_node_append(root, pa);
  galley_add_blocks(g, root, diags);
  *nodes = root;
  return true;
}

/* What comes before the body, with room for its page numbers: the table
 * of contents, or in a redline the summary of the changes (*summary gets
 * the blocks made for it, for the caller to free after the galley).
 * Returns false when there is nothing to show: no heading to list. */
static bool front_matter(galley *g, const doc *d, const diff_result *diff, diag_list *diags,
                         doc_node **summary) {
  if (diff) {
    g->heading_tag = 0; /* the summary's title is the redline's H1 */
    *summary = redline_summary(g, diff, diags);
    return true;
  }
  bool any = false;
  galley_add_blank(g, 3 * BODY_LEADING);
  galley_open(g, TAG_TOC);
  /* A heading's depth is the number of headings above it that it stands
   * under, not its level: in a document whose levels skip (# then ###) the
   * ### is one step in. The top three depths are listed. */
  int open[7], depth = 0;
  for (const doc_node *h = d->root->first; h; h = h->next) {
    if (h->type != DOC_HEADING || !h->id) continue;
    while (depth > 0 && open[depth - 1] >= h->level)
      depth--;
    int at = depth;
    if (depth < 6) open[depth++] = h->level;
    if (at > 2) continue;
    galley_add_toc_entry(g, h, at);
    any = true;
  }
  galley_close(g, TAG_TOC);
  return any;
}

/* The page of every heading, for the numbers of the table of contents. */
static void heading_pages(GHashTable *page_of, const part *body) {
  for (guint p = 0; p < body->pages->len; p++) {
    const pg_page *pg = &g_array_index(body->pages, pg_page, p);
    for (size_t i = pg->first; i < pg->end; i++) {
      const galley_box *b = g_ptr_array_index(body->g->boxes, i);
      if (b && b->heading && b->heading->id)
        g_hash_table_insert(page_of, g_strdup(b->heading->id),
                            GINT_TO_POINTER(body->first + (int)p));
    }
  }
}

/* The running head's version: "versie 1.0", or the two versions of a
 * redline; a concept says so. Caller frees. */
static char *version_line(const doc *d, const diff_result *diff) {
  const char *concept = d->meta.status == STATUS_CONCEPT ? " \xc2\xb7 concept" : "";
  return diff ? g_strdup_printf("wijzigingen %s \xe2\x86\x92 %s%s", diff->old_doc->meta.version,
                                d->meta.version, concept)
              : g_strdup_printf("versie %s%s", d->meta.version, concept);
}

/* The document's metadata, for the Info dictionary (cairo) and the XMP
 * (the post-pass); the strings are owned (doc_info_clear). */
typedef struct {
  char *title, *subject, *author, *keywords, *date, *lang;
} doc_info;

static doc_info info_of(const doc *d, const diff_result *diff) {
  doc_info in = {0};
  const char *author = meta_get(&d->meta, "author");
  in.author = g_strdup(author && *author ? author : DEFAULT_AUTHOR);
  in.title = diff ? g_strdup_printf("%s: wijzigingen %s \xe2\x86\x92 %s", d->meta.title,
                                    diff->old_doc->meta.version, d->meta.version)
                  : g_strdup(d->meta.title);
  in.subject = diff ? g_strdup_printf("Wat is er veranderd van versie %s naar versie %s",
                                      diff->old_doc->meta.version, d->meta.version)
                    : g_strdup(d->meta.subtitle ? d->meta.subtitle : d->meta.summary);
  in.keywords = g_strdup_printf("versie %s, %s", d->meta.version, status_name(d->meta.status));
  in.date = pdf_date(d);
  /* Dutch, unless the front matter names another language (`lang: en-GB`). */
  const char *lang = meta_get(&d->meta, "lang");
  in.lang = g_strdup(lang && *lang ? lang : "nl-NL");
  return in;
}

static void doc_info_clear(doc_info *in) {
  g_free(in->title);
  g_free(in->subject);
  g_free(in->author);
  g_free(in->keywords);
  g_free(in->date);
  g_free(in->lang);
}

static void set_metadata(cairo_surface_t *s, const doc_info *in) {
  if (in->title) cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, in->title);
  if (in->subject) cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_SUBJECT, in->subject);
  cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR, in->author);
  cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_KEYWORDS, in->keywords);
  cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "statuut");
  cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, in->date);
  cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, in->date);
}

/* What each destination is, for the /Contents of the links to it: a
 * heading's text, a note's number, a change's number. */
static GHashTable *dest_labels(const galley *body, const GHashTable *page_of) {
  GHashTable *l = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < body->boxes->len; i++) {
    const galley_box *b = g_ptr_array_index(body->boxes, i);
    if (!b || !b->heading || !b->heading->id) continue;
    char *text = doc_node_plain_text(b->heading);
    g_hash_table_insert(l, g_strdup(b->heading->id), g_strdup(g_strstrip(text)));
    g_free(text);
  }
  for (guint i = 0; i < body->notes->len; i++) {
    const galley_note *n = g_ptr_array_index(body->notes, i);
    if (n->id) g_hash_table_insert(l, g_strdup(n->id), g_strdup_printf("noot %d", n->number));
    if (n->back)
      g_hash_table_insert(l, g_strdup(n->back),
                          g_strdup_printf("de verwijzing naar noot %d", n->number));
  }
  GHashTableIter it;
  gpointer k;
  g_hash_table_iter_init(&it, (GHashTable *)page_of);
  while (g_hash_table_iter_next(&it, &k, NULL)) {
    int change = 0;
    char tail[8] = "";
    if (sscanf(k, "wijziging-%d%7s", &change, tail) >= 1 && change > 0)
      g_hash_table_insert(
          l, g_strdup(k),
          g_strdup_printf(tail[0] ? "de oude plaats van wijziging %d" : "wijziging %d", change));
  }
  return l;
}

/* Notes are numbered for the post-pass (pdfua.h) across the galleys. */
#define NOTE_BASE_INTRO 1000000
#define NOTE_BASE_FRONT 2000000

/* Every page inside the Document element, then the outline. */
static void draw_document(job *j, const part *intro, const part *front, const part *body,
                          bool redline) {
  draw_tag_open(&j->dc, TAG_DOCUMENT, NULL);
  if (!redline) cover(j);
  for (guint p = 0; p < intro->pages->len; p++) {
    GArray *open = next_page(j);
    draw_page(j, intro->g, &g_array_index(intro->pages, pg_page, p), intro->first + (int)p, false,
              open, NOTE_BASE_INTRO);
  }
  for (guint p = 0; p < front->pages->len; p++) {
    /* A redline starts on its summary: no page to end before it. */
    GArray *open = redline && p == 0 ? draw_suspend(&j->dc) : next_page(j);
    draw_page(j, front->g, &g_array_index(front->pages, pg_page, p), front->first + (int)p,
              !redline && p == 0, open, NOTE_BASE_FRONT);
  }
  j->dc.bars = redline;
  for (guint p = 0; p < body->pages->len; p++) {
    GArray *open = next_page(j);
    draw_page(j, body->g, &g_array_index(body->pages, pg_page, p), body->first + (int)p, false,
              open, 0);
  }
  while (j->dc.open->len)
    draw_tag_close(&j->dc);
  outline(j, redline);
  draw_flush(&j->dc);
  cairo_show_page(j->cr);
}

/* ---- the body laid out on two threads --------------------------------------
 *
 * Laying out the body's paragraphs (shaping, breaking) is a third of a
 * document's PDF, and each paragraph is laid out alone. With a second
 * thread, a galley of its own lays the body out from its end back, on a
 * font map of its own (pango's are not shared between threads) and into a
 * cache of its own, while the body's galley goes forward from the start and
 * borrows from that cache what it finds there (paracache.h), copied onto its
 * own fonts; the two stop where they meet. Which thread laid a paragraph
 * out changes nothing: its glyphs are the same, drawn with the same fonts.
 * The thread ends before the body is paginated. */

typedef struct {
  const pdf_engine *e;
  const doc *d;
  galley_geometry geo;
  const char *base_url;
  para_cache *cache; /* the second thread's */
  gint at;           /* the body's galley publishes its progress here */
  GThread *thread;
} prefetch;

static gpointer prefetch_run(gpointer data) {
  prefetch *pf = data;
  /* as render does: the locale is the thread's */
  locale_t c_num = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
  locale_t old = uselocale(c_num);
  galley *g = galley_new(pf->e->sibling, pf->e->hyph, pf->cache, &pf->geo, pf->base_url);
  diag_list *dropped = diag_list_new(); /* the body's galley warns of the same */
  galley_prefetch_document(g, pf->d, &pf->at, dropped);
  diag_list_free(dropped);
  galley_free(g);
  uselocale(old);
  freelocale(c_num);
  return NULL;
}

/* Starts the second thread for body (a galley of d); NULL when none can
 * be had, and then the body is laid out by one. */
static prefetch *prefetch_start(pdf_engine *e, const doc *d, galley *body) {
  if (!e->sibling) e->sibling = pdf_fonts_sibling(e->fonts);
  prefetch *pf = g_new0(prefetch, 1);
  pf->e = e;
  pf->d = d;
  pf->geo = body->geo;
  pf->base_url = body->base_url;
  pf->cache = para_cache_new(PARA_CACHE_BYTES);
  galley_publish_progress(body, &pf->at);
  pf->thread = g_thread_try_new("statuut-layout", prefetch_run, pf, NULL);
  if (!pf->thread) {
    galley_publish_progress(body, NULL);
    para_cache_free(pf->cache);
    g_free(pf);
    return NULL;
  }
  para_cache_borrow(e->cache, pf->cache);
  return pf;
}

/* After galley_add_document(body): the thread has stopped or stops now. */
static void prefetch_finish(pdf_engine *e, prefetch *pf, galley *body) {
  if (!pf) return;
  g_atomic_int_set(&pf->at, G_MAXINT);
  g_thread_join(pf->thread);
  para_cache_borrow(e->cache, NULL);
  galley_publish_progress(body, NULL);
  para_cache_free(pf->cache);
  g_free(pf);
}

/* A document, or (diff not NULL) the redline diff->redline: then the
 * summary of the changes opens it instead of the cover and the table of
 * contents, and the body's changes get bars and margin notes. */
static char *render(pdf_engine *e, const doc *d, const diff_result *diff, const pdf_options *o,
                    size_t *len, pdf_report *report, diag_list *diags) {
  /* cairo formats and parses numbers with the C library: a decimal comma
   * would break its tag attributes. */
  locale_t c_num = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
  locale_t old = uselocale(c_num);

  /* The body is paginated first: the front matter's numbers are its pages. */
  galley_geometry geo = geometry_of(d);
  part body = {galley_new(e->fonts, e->hyph, e->cache, &geo, o ? o->base_url : NULL),
               g_array_new(FALSE, FALSE, sizeof(pg_note)), NULL, 0};
  prefetch *pf = o && o->threads > 1 ? prefetch_start(e, d, body.g) : NULL;
  galley_add_document(body.g, d, diags);
  prefetch_finish(e, pf, body.g);
  body.pages = paginate(body.g, body.views);
  part intro = {galley_new(e->fonts, e->hyph, e->cache, &geo, NULL),
                g_array_new(FALSE, FALSE, sizeof(pg_note)), NULL, 2};
  doc_node *intro_nodes = NULL;
  intro.pages = !diff && summary_part(intro.g, d, &intro_nodes, diags)
                    ? paginate(intro.g, intro.views)
                    : g_array_new(FALSE, TRUE, sizeof(pg_page));
  part front = {galley_new(e->fonts, e->hyph, e->cache, &geo, NULL),
                g_array_new(FALSE, FALSE, sizeof(pg_note)), NULL,
                diff ? 1 : 2 + (int)intro.pages->len}; /* a document has its cover first */
  doc_node *summary = NULL;
  front.pages = front_matter(front.g, d, diff, diags, &summary)
                    ? paginate(front.g, front.views)
                    : g_array_new(FALSE, TRUE, sizeof(pg_page));
  body.first = front.first + (int)front.pages->len;

  job j = {e, d, NULL, NULL, {0}, 0, NULL, 0, 0, NULL, NULL, NULL};
  j.total = body.first - 1 + (int)body.pages->len;
  j.version_line = version_line(d, diff);
  GHashTable *page_of = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  heading_pages(page_of, &body);
  if (diff) change_pages(page_of, body.g, body.pages, body.first);

  sink out = {g_malloc(1 << 16), 0, 1 << 16};
  j.surface = cairo_pdf_surface_create_for_stream(to_sink, &out, PAGE_W, PAGE_H);
  cairo_pdf_surface_restrict_to_version(j.surface, CAIRO_PDF_VERSION_1_5);
  doc_info info = info_of(d, diff);
  set_metadata(j.surface, &info);
  j.cr = cairo_create(j.surface);
  draw_init(&j.dc, j.cr, e->fonts, INNER, MEASURE);
  j.dc.page_of = page_of;
  pdf_line_numbers lines = o ? o->line_numbers : PDF_LINES_NONE;
  j.dc.line_numbers = lines > PDF_LINES_NONE && lines < PDF_LINES_MAX ? (int)lines : 0;
  j.numbered = body.g;
  if (diff && report) j.places = g_array_new(FALSE, FALSE, sizeof(pdf_change_place));
  draw_document(&j, &intro, &front, &body, diff != NULL);
  cairo_destroy(j.cr);
  cairo_surface_finish(j.surface);
  cairo_status_t st = cairo_surface_status(j.surface);
  cairo_surface_destroy(j.surface);

  /* The post-pass: PDF/UA-1 (pdfua.h). */
  char *ua = NULL, *ua_err = NULL;
  size_t ua_len = 0;
  if (st == CAIRO_STATUS_SUCCESS) {
    GHashTable *labels = dest_labels(body.g, page_of);
    pdfua_info ui = {info.lang, info.title, info.author, info.subject, info.keywords,
                     info.date, j.dc.roles, j.dc.actual, labels};
    ua = pdfua_finish(out.data, out.len, &ui, &ua_len, &ua_err);
    g_hash_table_destroy(labels);
  }
  draw_clear(&j.dc);
  doc_info_clear(&info);

  if (report) {
    report->pages = (unsigned)j.total;
    report->lines = body.g->stats;
    report->places = j.places;
    if (j.places) change_places(j.places, body.g, body.pages, body.first);
  }
  g_free(j.version_line);
  g_free(j.head_title);
  g_hash_table_destroy(page_of);
  part_free(&intro);
  part_free(&front);
  part_free(&body);
  if (summary) doc_node_free(summary);
  if (intro_nodes) doc_node_free(intro_nodes);
  uselocale(old);
  freelocale(c_num);
  g_free(out.data);
  if (st != CAIRO_STATUS_SUCCESS || !ua) {
    if (st != CAIRO_STATUS_SUCCESS)
      diag_add(diags, DIAG_ERROR, d->path, 0, 0, CHECK_PDF, "cairo: %s",
               cairo_status_to_string(st));
    else
      diag_add(diags, DIAG_ERROR, d->path, 0, 0, CHECK_PDF, "%s", ua_err);
    g_free(ua_err);
    return NULL;
  }
  *len = ua_len;
  return ua;
}

char *pdf_render(pdf_engine *e, const doc *d, const pdf_options *o, size_t *len, pdf_report *report,
                 diag_list *diags) {
  return render(e, d, NULL, o, len, report, diags);
}

char *pdf_render_diff(pdf_engine *e, const diff_result *r, const pdf_options *o, size_t *len,
                      pdf_report *report, diag_list *diags) {
  return render(e, r->redline, r, o, len, report, diags);
}

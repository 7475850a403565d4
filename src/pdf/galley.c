/* galley: see include/statuut/galley.h */
#include "statuut/galley.h"
#include "statuut/fsutil.h"
#include "statuut/slug.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Block containers deeper than this are laid out flat: the column would be
 * too narrow to read anyway, and the walk stays bounded. */
enum { DEPTH_MAX = 24 };

/* ---- styles --------------------------------------------------------------- */

para_style galley_body_style(const galley *g) {
  para_style s = {FACE_SERIF, g->geo.body_size, g->geo.body_leading, 400, false, true, 0, NULL,
                  false};
  return s;
}

para_style galley_heading_style(const galley *g, int level) {
  double L = g->geo.body_leading;
  para_style s = galley_body_style(g);
  s.justify = false;
  s.weight = 600;
  s.features = "lnum=1"; /* section numbers stand on the line with the capitals */
  if (level <= 1) {
    s.size = g->geo.body_size * 1.45;
    s.leading = L * 1.3;
  } else if (level == 2) {
    s.size = g->geo.body_size * 1.18;
    s.leading = L * 1.1;
  } else if (level == 3) {
    s.italic = true;
  } else {
    s.weight = 400;
    s.italic = true;
  }
  return s;
}

/* Notes are set ragged right: at this size many are mostly a URL, and a
 * justified URL line would be all gaps. */
static para_style note_style(const galley *g) {
  para_style s = galley_body_style(g);
  s.size = g->geo.note_size;
  s.leading = g->geo.note_leading;
  s.justify = false;
  return s;
}

static para_style code_style(const galley *g) {
  para_style s = {
      FACE_MONO, g->geo.body_size * 0.8, g->geo.body_leading * 0.85, 400, false, false, 0, NULL,
      true};
  return s;
}

static para_style table_style(const galley *g) {
  para_style s = galley_body_style(g);
  s.size = g->geo.body_size * 0.92;
  s.leading = g->geo.body_leading * 0.9;
  s.justify = false;
  s.features = "lnum=1,tnum=1"; /* figures that line up in columns */
  return s;
}

/* ---- structure tags ------------------------------------------------------- */

static const char *const TAG_NAMES[TAG_MAX] = {
    [TAG_DOCUMENT] = "Document",
    [TAG_P] = "P",
    [TAG_H1] = "H1",
    [TAG_H2] = "H2",
    [TAG_H3] = "H3",
    [TAG_H4] = "H4",
    [TAG_H5] = "H5",
    [TAG_H6] = "H6",
    [TAG_L] = "L",
    [TAG_LI] = "LI",
    [TAG_LBL] = "Lbl",
    [TAG_LBODY] = "LBody",
    [TAG_BLOCKQUOTE] = "BlockQuote",
    [TAG_CODE] = "Code",
    [TAG_TABLE] = "Table",
    [TAG_FIGURE] = "Figure",
    [TAG_TOC] = "TOC",
    [TAG_TOCI] = "TOCI",
    [TAG_BIBENTRY] = "BibEntry",
};

const char *galley_tag_name(galley_tag tag) {
  g_assert((unsigned)tag < TAG_MAX);
  return TAG_NAMES[tag];
}

static void pend_op(galley *g, galley_op_kind kind, galley_tag tag) {
  galley_op op = {kind, tag};
  g_array_append_val(g->pending, op);
}

/* ---- the list ------------------------------------------------------------- */

galley *galley_new(const pdf_fonts *f, const hyph *h, para_cache *cache, const galley_geometry *geo,
                   const char *base_url) {
  galley *g = g_new0(galley, 1);
  g->geo = *geo;
  g->fonts = f;
  g->hyph = h;
  g->cache = cache;
  g->items = g_array_new(FALSE, TRUE, sizeof(pg_item));
  g->boxes = g_ptr_array_new();
  g->notes = g_ptr_array_new();
  g->paras = g_ptr_array_new_with_free_func((GDestroyNotify)para_free);
  g->dests = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  g->note_index = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  g->pending = g_array_new(FALSE, FALSE, sizeof(galley_op));
  g->base_url = base_url;
  g->heading_tag = 1; /* the cover's title, or a redline's first heading, is the H1 */
  return g;
}

static void box_free(galley_box *b) {
  if (!b) return;
  if (b->cells) g_array_unref(b->cells);
  if (b->image) cairo_surface_destroy(b->image);
  g_free(b->alt);
  g_free(b->dest);
  g_free(b->toc_target);
  g_array_unref(b->before);
  g_array_unref(b->after);
  g_free(b->notes);
  g_free(b);
}

void galley_free(galley *g) {
  if (!g) return;
  for (guint i = 0; i < g->boxes->len; i++)
    box_free(g_ptr_array_index(g->boxes, i));
  g_ptr_array_free(g->boxes, TRUE);
  for (guint i = 0; i < g->notes->len; i++) {
    galley_note *n = g_ptr_array_index(g->notes, i);
    g_free(n->id);
    g_free(n->back);
    g_array_unref(n->lines);
    g_free(n->heights);
    g_free(n);
  }
  g_ptr_array_free(g->notes, TRUE);
  g_ptr_array_free(g->paras, TRUE);
  g_array_unref(g->items);
  g_hash_table_destroy(g->dests);
  g_hash_table_destroy(g->note_index);
  g_array_unref(g->pending);
  g_free(g->pending_dest);
  g_free(g);
}

/* The galley's reference to p, released with the galley. */
static para *keep_para(galley *g, para *p) {
  g_ptr_array_add(g->paras, p);
  return p;
}

static pg_item *last_item(galley *g) {
  return g->items->len ? &g_array_index(g->items, pg_item, g->items->len - 1) : NULL;
}

static galley_box *last_box(galley *g) {
  for (guint i = g->boxes->len; i > 0; i--)
    if (g_ptr_array_index(g->boxes, i - 1)) return g_ptr_array_index(g->boxes, i - 1);
  return NULL;
}

static void push_item(galley *g, pg_item it, galley_box *b) {
  g_array_append_val(g->items, it);
  g_ptr_array_add(g->boxes, b);
}

static void penalty(galley *g, int pen) {
  pg_item *l = last_item(g);
  if (l && l->kind == PG_PENALTY) {
    /* Two penalties in a row: the stronger word counts. */
    if (pen >= PG_INF || l->penalty >= PG_INF)
      l->penalty = PG_INF;
    else if (pen < l->penalty)
      l->penalty = pen;
    return;
  }
  pg_item it = {PG_PENALTY, 0, pen, NULL, 0, 0};
  push_item(g, it, NULL);
}

/* Space before the next block; the larger of two requests wins. A space
 * right after a "keep" penalty is no place to break. */
static void space(galley *g, double h) {
  pg_item *l = last_item(g);
  if (!l) return;
  if (l->kind == PG_GLUE) {
    if (h > l->height) l->height = h;
    return;
  }
  pg_item it = {PG_GLUE, h, 0, NULL, 0, 0};
  push_item(g, it, NULL);
}

static void keep(galley *g) {
  penalty(g, PG_INF);
}

void galley_open(galley *g, galley_tag tag) {
  pend_op(g, OP_OPEN, tag);
}

void galley_close(galley *g, galley_tag tag) {
  /* An element with nothing in it yet is simply not opened. */
  if (g->pending->len) {
    const galley_op *last = &g_array_index(g->pending, galley_op, g->pending->len - 1);
    if (last->kind == OP_OPEN && last->tag == tag) {
      g_array_set_size(g->pending, g->pending->len - 1);
      return;
    }
  }
  /* Operations waiting for the next box come before this close: an element
   * opened and labelled (Lbl) but not yet drawn into is closed after them,
   * not at the end of the box before (which would close its parent). */
  galley_op op = {OP_CLOSE, tag};
  if (g->pending->len) {
    g_array_append_val(g->pending, op);
    return;
  }
  galley_box *b = last_box(g);
  if (b) g_array_append_val(b->after, op);
}

static void take_change(galley *g, galley_box *b) {
  b->change = g->pending_change;
  b->mark = g->pending_mark;
  b->mark_flags = g->pending_mark_flags;
  g->pending_change = 0;
  g->pending_mark = MARK_NONE;
  g->pending_mark_flags = 0;
}

static galley_box *new_box(galley *g, box_kind kind, double x, double height) {
  galley_box *b = g_new0(galley_box, 1);
  b->kind = kind;
  b->x = x;
  b->height = height;
  b->repeat = -1;
  b->before = g_array_new(FALSE, FALSE, sizeof(galley_op));
  b->after = g_array_new(FALSE, FALSE, sizeof(galley_op));
  g_array_append_vals(b->before, g->pending->data, g->pending->len);
  g_array_set_size(g->pending, 0);
  b->label = g->pending_label;
  b->label_x = g->pending_label_x;
  g->pending_label = NULL;
  b->dest = g->pending_dest;
  g->pending_dest = NULL;
  b->heading = g->pending_heading;
  g->pending_heading = NULL;
  /* A modified block's change is where its first edit is (add_lines). */
  if (g->pending_mark != MARK_MODIFIED) take_change(g, b);
  return b;
}

/* The notes a line references for the first time. */
static void line_notes(galley *g, galley_box *b, const para *p, const para_line *ln) {
  for (guint i = 0; i < p->runs->len; i++) {
    const para_run *r = &g_array_index(p->runs, para_run, i);
    if (!(r->flags & RUN_SUPER) || !r->anchor || !r->href || r->start >= ln->end ||
        r->end <= ln->start || r->start < ln->start)
      continue;
    int idx = GPOINTER_TO_INT(g_hash_table_lookup(g->note_index, r->href + 1)) - 1;
    if (idx < 0) continue;
    const galley_note *n = g_ptr_array_index(g->notes, idx);
    if (strcmp(n->back, r->anchor) != 0) continue; /* a second reference */
    b->notes = g_renew(int, b->notes, b->n_notes + 1);
    b->notes[b->n_notes++] = idx;
  }
}

/* The lines of a laid-out paragraph as boxes, with no widow or orphan: the
 * first two and the last two lines stay together. */
static void add_lines(galley *g, para *p, double x, bool shade, double shade_w) {
  guint n = p->lines->len;
  double leading = p->style.leading;
  double baseline = (leading - (p->ascent + p->descent)) / 2 + p->ascent;
  for (guint i = 0; i < n; i++) {
    /* A page ending in a hyphen makes the reader turn mid-word: allowed,
     * but dearer (TeX's \brokenpenalty). */
    bool broken = i > 0 && g_array_index(p->lines, para_line, i - 1).hyphen;
    if (i > 0) penalty(g, i < 2 || n - i < 2 ? PG_INF : broken ? 100 : 0);
    galley_box *b = new_box(g, BOX_LINE, x, leading);
    b->para = p;
    b->line = (int)i;
    b->baseline = baseline;
    b->shade = shade;
    b->width = shade_w;
    line_notes(g, b, p, &g_array_index(p->lines, para_line, i));
    if (g->pending_change && g_array_index(p->lines, para_line, i).changed) take_change(g, b);
    pg_item it = {PG_BOX, leading, 0, b->notes, b->n_notes, 0};
    push_item(g, it, b);
  }
}

/* ---- inlines -------------------------------------------------------------- */

typedef struct {
  galley *g;
  para_src *src;
  int emph, strong, strike, code_flag;
  const char *href; /* current link target (resolved), or NULL */
  bool url_text;    /* the link's text is its URL */
  bool nohyph;
  para_mark mark;  /* of the runs added now: the effective mark of their node */
  para_mark whole; /* of the block's whole text (inserted, deleted, moved) */
  int skip;        /* inside an image: its alt text is taken once */
  int find;        /* inside a run of punctuation alone that changed */
} inl;

static bool ends_with_space(const char *s) {
  size_t n = strlen(s);
  return n == 0 || s[n - 1] == ' ' || g_str_has_suffix(s, "\xe2\x80\xa8");
}

/* Curly quotes for straight ones, as a typesetter would: an apostrophe or
 * closing quote after a letter, an opening one elsewhere. Caller frees. */
static char *smart_quotes(const char *s, bool after_word) {
  GString *o = g_string_new(NULL);
  bool word = after_word;
  for (const char *p = s; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if (c == '\'')
      g_string_append(o, word ? "\xe2\x80\x99" : "\xe2\x80\x98");
    else if (c == '"')
      g_string_append(o, word ? "\xe2\x80\x9d" : "\xe2\x80\x9c");
    else
      g_string_append_unichar(o, c);
    word = !(g_unichar_isspace(c) || c == '(' || c == '[' || c == 0x2014 || c == 0x2013);
  }
  return g_string_free(o, FALSE);
}

static unsigned inl_flags(const inl *c) {
  unsigned f = 0;
  if (c->emph) f |= RUN_ITALIC;
  if (c->strong) f |= RUN_BOLD;
  if (c->strike) f |= RUN_STRIKE;
  if (c->url_text) f |= RUN_URL;
  if (c->nohyph) f |= RUN_NOHYPH;
  if (c->find) f |= RUN_FIND;
  return f;
}

static bool looks_like_url(const char *s) {
  return strstr(s, "://") || g_str_has_prefix(s, "www.") || g_str_has_prefix(s, "mailto:") ||
         (strchr(s, '@') && !strchr(s, ' '));
}

/* The target of a link in the PDF: a destination in this document, an
 * absolute URL, or NULL (plain text). Caller frees. */
static char *resolve_href(const galley *g, const char *url) {
  if (!url) return NULL; /* refused by the model: plain text (doc.h) */
  if (url[0] == '#') return g_hash_table_contains(g->dests, url + 1) ? g_strdup(url) : NULL;
  if (url[0] == '/' && url[1] != '/')
    return g->base_url ? g_strconcat(g->base_url, url + 1, NULL) : NULL;
  if (strchr(url, ':')) return g_strdup(url);
  return NULL; /* a relative path means nothing on paper */
}

/* Warns at the first character of text (of node n, a TEXT or CODE node, or
 * of a code block) that no font has, naming every such character of it:
 * the PDF would show boxes. */
static void check_glyphs(galley *g, const doc_node *n, const char *text) {
  if (!g->diags || !g->path || !text) return;
  GString *names = NULL;
  size_t first = 0;
  int count = 0;
  for (const char *p = text; *p; p = g_utf8_next_char(p)) {
    if ((unsigned char)*p < 0x80) continue;
    gunichar c = g_utf8_get_char(p);
    if (pdf_fonts_covers(g->fonts, c)) continue;
    if (!names) {
      names = g_string_new(NULL);
      first = (size_t)(p - text);
    }
    /* A line of a thousand unknown characters is named by its first few. */
    if (++count <= 8) g_string_append_printf(names, "%sU+%04X", names->len ? ", " : "", c);
  }
  if (!names) return;
  int line = n->line, col = n->col;
  if (n->type == DOC_TEXT) doc_text_pos(n, first, &line, &col);
  diag_add(g->diags, DIAG_WARNING, g->path, line, col, CHECK_PDF,
           "no font of the PDF has %s%s; the PDF shows %s", names->str,
           count > 8 ? " and more" : "", count > 1 ? "boxes" : "a box");
  g_string_free(names, TRUE);
}

static void inl_node(doc_node *n, bool entering, void *ctx) {
  inl *c = ctx;
  if (c->skip && n->type != DOC_IMAGE) return;
  /* Every run is drawn with the effective mark of its node (doc.h). */
  if (entering) {
    /* A word replaced by another: a narrow space keeps the struck word
     * and the underlined one apart on paper. */
    const GArray *rs = c->src->runs;
    if (n->eff == MARK_INSERT && rs->len &&
        g_array_index(rs, para_run, rs->len - 1).mark == MARK_DELETE &&
        !ends_with_space(c->src->text->str))
      para_src_add(c->src, NULL, "\xe2\x80\xaf", 0, c->whole, NULL, NULL);
    c->mark = n->eff;
  }
  /* Punctuation alone inserted or deleted is drawn in a box (RUN_FIND). */
  if (n->mark_flags & MARKF_PUNCT) c->find += entering ? 1 : -1;
  switch (n->type) {
  case DOC_EMPH:
    c->emph += entering ? 1 : -1;
    break;
  case DOC_STRONG:
    c->strong += entering ? 1 : -1;
    break;
  case DOC_STRIKE:
    c->strike += entering ? 1 : -1;
    break;
  case DOC_LINK:
    if (entering) {
      char *plain = doc_node_plain_text(n);
      c->url_text = looks_like_url(plain);
      g_free(plain);
      c->href = resolve_href(c->g, n->url);
    } else {
      g_free((char *)c->href);
      c->href = NULL;
      c->url_text = false;
    }
    break;
  case DOC_IMAGE:
    /* An image inside running text shows its description. */
    if (entering) {
      c->skip++;
      char *alt = doc_node_plain_text(n);
      para_src_add(c->src, c->g->hyph, alt, inl_flags(c) | RUN_ITALIC, c->mark, c->href, NULL);
      g_free(alt);
    } else {
      c->skip--;
    }
    break;
  case DOC_TEXT:
    if (entering) {
      bool after_word = c->src->text->len && !ends_with_space(c->src->text->str);
      check_glyphs(c->g, n, n->text);
      char *t = c->url_text ? g_strdup(n->text) : smart_quotes(n->text, after_word);
      /* the diff's explanation of a change is set apart in italics */
      unsigned note = c->mark == MARK_NOTE ? RUN_ITALIC | RUN_URL : 0;
      para_src_add(c->src, c->g->hyph, t, inl_flags(c) | note, c->mark, c->href, NULL);
      g_free(t);
    }
    break;
  case DOC_CODE:
    if (entering) {
      check_glyphs(c->g, n, n->text);
      para_src_add(c->src, NULL, n->text, inl_flags(c) | RUN_CODE, c->mark, c->href, NULL);
    }
    break;
  case DOC_LINEBREAK:
    if (entering) para_src_add(c->src, NULL, "\n", inl_flags(c), c->mark, NULL, NULL);
    break;
  case DOC_FOOTNOTE_REF:
    if (entering) {
      char *note = doc_note_id(n->label);
      char *href = g_strconcat("#", note, NULL);
      const char *anchor = n->id;
      g_free(note);
      char num[16];
      g_snprintf(num, sizeof num, "%d", n->number);
      bool known = g_hash_table_contains(c->g->note_index, href + 1);
      para_src_add(c->src, NULL, num, RUN_SUPER, c->mark, known ? href : NULL,
                   known ? anchor : NULL);
      g_free(href);
    }
    break;
  default:
    break;
  }
}

/* Only the inline content of n (a paragraph, heading or cell). */
static void inline_content(galley *g, para_src *src, const doc_node *n, bool nohyph) {
  para_mark whole = n->eff;
  inl c = {g, src, 0, 0, 0, 0, NULL, false, nohyph, whole, whole, 0, 0};
  for (doc_node *k = n->first; k; k = k->next)
    doc_walk(k, inl_node, &c);
  g_free((char *)c.href);
}

/* ---- blocks --------------------------------------------------------------- */

typedef struct {
  double x, width; /* the column blocks are set in */
  bool tight;      /* inside a tight list item: no space between its blocks */
  bool literature; /* in the literature list: no hyphenation, entries tagged */
  para_style body;
} frame;

static void blocks(galley *g, const doc_node *parent, const frame *f, int depth, const doc *d);

static double L(const galley *g) {
  return g->geo.body_leading;
}

static bool all_caps(const char *s) {
  bool any = false;
  for (const char *p = s; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if (g_unichar_islower(c)) return false;
    any |= g_unichar_isupper(c);
  }
  return any;
}

static void heading(galley *g, const doc_node *n, const frame *f, bool first) {
  int level = n->level < 1 ? 1 : n->level > 6 ? 6 : n->level;
  double before = level == 1 ? 2.2 * L(g) : level == 2 ? 1.4 * L(g) : 1.0 * L(g);
  double after = level == 1 ? 0.7 * L(g) : level == 2 ? 0.4 * L(g) : 0.15 * L(g);
  if (level == 1 && g->geo.chapter_pages && !first) penalty(g, -PG_INF);
  space(g, before);
  para_style st = galley_heading_style(g, level);
  char *plain = doc_node_plain_text(n);
  /* Capitals are spaced a little, as they are meant to be read as words. */
  if (all_caps(plain)) st.tracking = 0.06;
  g_free(plain);
  para_src *src = para_src_new();
  inline_content(g, src, n, true);
  para *p = keep_para(g, para_cache_layout(g->cache, src, g->fonts, &st, f->width, NULL));
  para_src_free(src);
  /* In the tags a heading is at most one level below the one before, so
   * that a document whose levels skip (# then ###) does not skip in the
   * structure (PDF/UA); `#` is an H2 under the cover's H1. */
  int tag_level = MIN(MIN(level + 1, g->heading_tag + 1), 6);
  g->heading_tag = tag_level;
  galley_tag tag = (galley_tag)(TAG_H1 + tag_level - 1);
  galley_open(g, tag);
  g->pending_dest = n->id ? g_strdup(n->id) : NULL;
  g->pending_heading = n;
  guint first_box = g->items->len;
  add_lines(g, p, f->x, false, 0);
  /* A heading never breaks inside. */
  for (guint i = first_box; i < g->items->len; i++) {
    pg_item *it = &g_array_index(g->items, pg_item, i);
    if (it->kind == PG_PENALTY) it->penalty = PG_INF;
  }
  galley_close(g, tag);
  keep(g);
  space(g, after);
}

/* A paragraph. In the literature list an entry "**Key**\ text" is set with
 * the key on a line of its own and the text indented below it, ragged and
 * unhyphenated: names and titles are not to be broken. */
static void paragraph(galley *g, const doc_node *n, const frame *f, galley_tag tag) {
  para_style st = f->body;
  bool entry = f->literature && n->first && n->first->type == DOC_STRONG;
  if (entry) st.justify = false;
  para_src *src = para_src_new();
  inline_content(g, src, n, f->literature);
  galley_open(g, entry ? TAG_BIBENTRY : tag);
  const char *lsep = strstr(src->text->str, "\xe2\x80\xa8");
  if (entry && lsep) {
    /* Split at the hard break after the key. */
    size_t cut = (size_t)(lsep - src->text->str);
    para_src *key = para_src_new(), *rest = para_src_new();
    for (guint i = 0; i < src->runs->len; i++) {
      const para_run *r = &g_array_index(src->runs, para_run, i);
      para_src *to = r->start < cut ? key : rest;
      size_t s = r->start < cut ? r->start : MAX(r->start, cut + 3);
      size_t e = r->start < cut ? MIN(r->end, cut) : r->end;
      if (e <= s) continue;
      char *piece = g_strndup(src->text->str + s, e - s);
      para_src_add(to, NULL, piece, r->flags, r->mark, r->href, r->anchor);
      g_free(piece);
    }
    para *pk = keep_para(g, para_cache_layout(g->cache, key, g->fonts, &st, f->width, &g->stats));
    double indent = 1.5 * st.size;
    para *pr = keep_para(
        g, para_cache_layout(g->cache, rest, g->fonts, &st, f->width - indent, &g->stats));
    guint from = g->boxes->len;
    add_lines(g, pk, f->x, false, 0);
    keep(g);
    add_lines(g, pr, f->x + indent, false, 0);
    /* Two paragraphs in one element: if either holds a link, the element
     * is no leaf and every run needs its Span (pdfdraw.h). */
    for (guint i = from; i < g->boxes->len; i++) {
      galley_box *b = g_ptr_array_index(g->boxes, i);
      if (b) b->spans = true;
    }
    para_src_free(key);
    para_src_free(rest);
  } else {
    para *p = keep_para(g, para_cache_layout(g->cache, src, g->fonts, &st, f->width, &g->stats));
    add_lines(g, p, f->x, false, 0);
  }
  galley_close(g, entry ? TAG_BIBENTRY : tag);
  para_src_free(src);
}

static const char *bullet_for(int depth) {
  static const char *const bullets[] = {"\xe2\x80\xa2", "\xe2\x80\x93", "\xc2\xb7"};
  return bullets[depth % 3];
}

static char *item_label(const doc_node *list, const doc_node *item, int depth) {
  if (list->list_kind == LIST_BULLET) return g_strdup(bullet_for(depth));
  return g_strdup_printf("%s.", item->label ? item->label : "");
}

static double text_w(galley *g, const char *s, const para_style *st) {
  para_src *src = para_src_new();
  para_src_add(src, NULL, s, 0, MARK_NONE, NULL, NULL);
  double min, max;
  para_measure(src, g->fonts, st, &min, &max);
  para_src_free(src);
  return max;
}

static void list(galley *g, const doc_node *n, const frame *f, int depth, int list_depth,
                 const doc *d) {
  /* The labels hang in a column as wide as the widest label. */
  double widest = 0;
  for (const doc_node *it = n->first; it; it = it->next) {
    char *lb = item_label(n, it, list_depth);
    double w = text_w(g, lb, &f->body);
    if (w > widest) widest = w;
    g_free(lb);
  }
  double gap = 0.6 * f->body.size;
  double indent = MAX(widest + gap, 1.5 * f->body.size);
  galley_open(g, TAG_L);
  bool first = true;
  for (const doc_node *it = n->first; it; it = it->next) {
    if (!first) space(g, n->tight ? 0.2 * L(g) : g->geo.para_gap);
    first = false;
    char *lb = item_label(n, it, list_depth);
    para_style ls = f->body;
    ls.justify = false;
    para_src *src = para_src_new();
    /* An item inserted, deleted or moved: its number or letter too. */
    para_src_add(src, NULL, lb, 0, it->eff, NULL, NULL);
    para *label = keep_para(g, para_cache_layout(g->cache, src, g->fonts, &ls, indent, NULL));
    para_src_free(src);
    g_free(lb);
    galley_open(g, TAG_LI);
    galley_open(g, TAG_LBL);
    pend_op(g, OP_LABEL, TAG_LBL);
    galley_close(g, TAG_LBL);
    galley_open(g, TAG_LBODY);
    g->pending_label = label;
    /* Right-aligned numbers and letters, bullets alike, ending at the gap. */
    g->pending_label_x = f->x + indent - gap - g_array_index(label->lines, para_line, 0).natural;
    if (it->id) g->pending_dest = g_strdup(it->id);
    frame inner = *f;
    inner.x = f->x + indent;
    inner.width = f->width - indent;
    inner.tight = n->tight;
    blocks(g, it, &inner, depth + 1, d);
    if (g->pending_label) {
      /* An empty item: its label alone. */
      galley_box *b = new_box(g, BOX_LINE, f->x + indent, L(g));
      b->para = NULL;
      pg_item pi = {PG_BOX, L(g), 0, NULL, 0, 0};
      push_item(g, pi, b);
    }
    galley_close(g, TAG_LBODY);
    galley_close(g, TAG_LI);
  }
  galley_close(g, TAG_L);
}

static void code_block(galley *g, const doc_node *n, const frame *f) {
  para_style st = code_style(g);
  galley_open(g, TAG_CODE);
  check_glyphs(g, n, n->text);
  char **lines = g_strsplit(n->text ? n->text : "", "\n", -1);
  guint count = g_strv_length(lines);
  if (count && !*lines[count - 1]) count--; /* the final newline */
  double pad = 0.6 * st.size;
  guint first_box = g->items->len;
  for (guint i = 0; i < count; i++) {
    para_src *src = para_src_new();
    /* Keep indentation: spaces as no-break spaces, which do not collapse. */
    GString *t = g_string_new(NULL);
    for (const char *p = lines[i]; *p; p++)
      if (*p == ' ')
        g_string_append(t, "\xc2\xa0");
      else if (*p == '\t')
        g_string_append(t, "\xc2\xa0\xc2\xa0\xc2\xa0\xc2\xa0");
      else
        g_string_append_c(t, *p);
    para_src_add(src, NULL, t->str, RUN_CODE | RUN_URL, n->eff, NULL, NULL);
    g_string_free(t, TRUE);
    para *p =
        keep_para(g, para_cache_layout(g->cache, src, g->fonts, &st, f->width - 2 * pad, NULL));
    para_src_free(src);
    if (i > 0) penalty(g, 0);
    add_lines(g, p, f->x + pad, true, f->width);
  }
  /* Orphans and widows, counted over the whole block. */
  guint boxes = 0, seen = 0;
  for (guint i = first_box; i < g->items->len; i++)
    boxes += g_array_index(g->items, pg_item, i).kind == PG_BOX;
  for (guint i = first_box; i < g->items->len; i++) {
    pg_item *it = &g_array_index(g->items, pg_item, i);
    if (it->kind == PG_BOX) seen++;
    if (it->kind == PG_PENALTY && (seen < 2 || boxes - seen < 2)) it->penalty = PG_INF;
  }
  g_strfreev(lines);
  galley_close(g, TAG_CODE);
}

static void thematic_break(galley *g, const frame *f) {
  space(g, g->geo.para_gap);
  double w = 4 * f->body.size;
  galley_box *b = new_box(g, BOX_RULE, f->x + (f->width - w) / 2, L(g));
  b->width = w;
  b->thick = 0.5;
  pg_item it = {PG_BOX, L(g), 0, NULL, 0, 0};
  push_item(g, it, b);
}

/* Whether n holds an image among its children, and whether it holds
 * anything else than images and the spaces between them. */
static bool has_image(const doc_node *n, bool *other) {
  bool any = false;
  *other = false;
  for (const doc_node *k = n->first; k; k = k->next) {
    if (k->type == DOC_IMAGE)
      any = true;
    else if (!(k->type == DOC_LINEBREAK ||
               (k->type == DOC_TEXT && k->text && !k->text[strspn(k->text, " \t\n")])))
      *other = true;
  }
  return any;
}

/* The file of an image, when it is inside the document's folder: a
 * relative path without "..", resolving (symbolic links followed) to a
 * file under that folder. Otherwise NULL and *why says why. Caller
 * frees. */
static char *image_path(const char *doc_path, const char *url, const char **why) {
  *why = "is not a local file";
  if (strchr(url, ':') || url[0] == '/' || url[0] == '\\') return NULL;
  char **parts = g_strsplit_set(url, "/\\", -1);
  bool up = false;
  for (char **p = parts; *p; p++)
    up |= strcmp(*p, "..") == 0;
  g_strfreev(parts);
  *why = "is outside the document's folder";
  if (up) return NULL;
  char *dir = g_path_get_dirname(doc_path);
  char *joined = g_build_filename(dir, url, NULL);
  char *ok = NULL;
  if (!g_file_test(joined, G_FILE_TEST_EXISTS))
    *why = "cannot be read as PNG";
  else if (fs_is_within(joined, dir) && !fs_same_file(joined, dir))
    ok = fs_canonical(joined); /* links followed: what is read is inside */
  g_free(joined);
  g_free(dir);
  return ok;
}

/* The image img as a figure of its own, or false (with a warning) when it
 * cannot be shown. */
static bool image(galley *g, const doc_node *img, const frame *f, const doc *d) {
  if (!img->url) return false; /* refused by the model, which said so (doc.h) */
  if (g->stop_at) return true; /* prefetching: an image has no paragraph to lay out */
  const char *why;
  char *path = image_path(d->path, img->url, &why);
  if (!path) {
    diag_add(g->diags, DIAG_WARNING, d->path, img->line, img->col, CHECK_PDF,
             "image '%s' %s; the PDF shows its description", img->url, why);
    return false;
  }
  cairo_surface_t *s = cairo_image_surface_create_from_png(path);
  bool ok = cairo_surface_status(s) == CAIRO_STATUS_SUCCESS;
  if (!ok) {
    diag_add(g->diags, DIAG_WARNING, d->path, img->line, img->col, CHECK_PDF,
             "image '%s' cannot be read as PNG; the PDF shows its description", img->url);
    cairo_surface_destroy(s);
  } else {
    /* Pixels at 150 per inch, never wider than the column. */
    double w = cairo_image_surface_get_width(s) * 72.0 / 150.0;
    double h = cairo_image_surface_get_height(s) * 72.0 / 150.0;
    if (w > f->width) {
      h *= f->width / w;
      w = f->width;
    }
    galley_open(g, TAG_FIGURE);
    galley_box *b = new_box(g, BOX_IMAGE, f->x, h);
    b->image = s;
    b->width = w;
    char *alt = doc_node_plain_text(img);
    b->alt = *g_strstrip(alt) ? alt : (g_free(alt), g_strdup(img->url));
    pg_item it = {PG_BOX, h, 0, NULL, 0, 0};
    push_item(g, it, b);
    galley_close(g, TAG_FIGURE);
  }
  g_free(path);
  return ok;
}

/* A table being laid out: the style and padding of its cells, its column
 * widths, the cells' text in reading order, and the box of its header. */
typedef struct {
  para_style st;
  double pad;
  int cols;
  double *w;      /* column widths; owned */
  GPtrArray *src; /* of para_src, every cell's text in order; owned */
  guint next;     /* the cell to lay out next */
  int header_box; /* index of the header row's box, or -1 */
} table_layout;

static int table_columns(const doc_node *n) {
  int cols = 0;
  for (const doc_node *r = n->first; r; r = r->next) {
    int c = 0;
    for (const doc_node *k = r->first; k; k = k->next)
      c++;
    if (c > cols) cols = c;
  }
  return cols;
}

/* Column widths from content: each column gets its widest unbreakable piece,
 * and what is left is shared in proportion to how much more each would take
 * unbroken (the automatic table layout of CSS, in short). A piece wider than
 * a quarter of the column counts as a quarter: it is broken by force
 * (para.c) rather than squeezing every other column. Returns the sum of the
 * columns' least widths: more than width when the table cannot fit. */
static double column_widths(galley *g, const doc_node *n, table_layout *t, double width) {
  int cols = t->cols;
  double *mn = g_new0(double, cols), *mx = g_new0(double, cols);
  t->w = g_new0(double, cols);
  for (const doc_node *r = n->first; r; r = r->next) {
    int c = 0;
    for (const doc_node *k = r->first; k; k = k->next, c++) {
      para_src *src = para_src_new();
      inline_content(g, src, k, false);
      para_style cs = t->st;
      if (r->header) cs.weight = 600;
      double a, b;
      para_measure(src, g->fonts, &cs, &a, &b);
      a = MIN(a, width / 4);
      mn[c] = MAX(mn[c], a + 2 * t->pad);
      mx[c] = MAX(mx[c], b + 2 * t->pad);
      g_ptr_array_add(t->src, src);
    }
  }
  double smin = 0, smax = 0;
  for (int c = 0; c < cols; c++) {
    smin += mn[c];
    smax += mx[c];
  }
  for (int c = 0; c < cols; c++) {
    if (smax <= width)
      t->w[c] = mx[c];
    else if (smin >= width)
      t->w[c] = mn[c] * width / smin;
    else
      t->w[c] = mn[c] + (mx[c] - mn[c]) * (width - smin) / (smax - smin);
  }
  g_free(mn);
  g_free(mx);
  return smin;
}

/* Row r of table n as one box, its cells in their columns. A row after
 * the header is never the first on a page; every later row that starts a
 * page has the header repeated above it. */
static void table_row(galley *g, const doc_node *n, const doc_node *r, const frame *f,
                      table_layout *t) {
  galley_box *b = new_box(g, BOX_ROW, f->x, 0);
  b->cells = g_array_new(FALSE, TRUE, sizeof(galley_cell));
  b->header = r->header;
  b->change = r->change;
  b->mark = r->mark;
  b->first = r == n->first;
  b->last = r->next == NULL;
  b->pad = t->pad;
  double x = 0, h = 0;
  int c = 0;
  for (const doc_node *cell = r->first; cell; cell = cell->next, c++) {
    para_style cs = t->st;
    if (r->header) cs.weight = 600;
    para *p = keep_para(g, para_cache_layout(g->cache, g_ptr_array_index(t->src, t->next++),
                                             g->fonts, &cs, t->w[c] - 2 * t->pad, NULL));
    galley_cell gc = {p, x + t->pad, t->w[c] - 2 * t->pad, cell->align};
    g_array_append_val(b->cells, gc);
    h = MAX(h, p->lines->len * cs.leading);
    x += t->w[c];
  }
  b->width = x;
  b->height = h + 2 * t->pad;
  if (r->header) t->header_box = (int)g->boxes->len;
  b->repeat = r->header ? -1 : t->header_box;
  if (r != n->first) penalty(g, r->prev && r->prev->header ? PG_INF : 0);
  double restart = 0;
  if (!r->header && t->header_box >= 0)
    restart = ((galley_box *)g_ptr_array_index(g->boxes, t->header_box))->height;
  pg_item it = {PG_BOX, b->height, 0, NULL, 0, restart};
  push_item(g, it, b);
}

/* Tables too wide for the column are set in smaller type, down to this
 * size; below it, words in their cells are broken by force. Under
 * TABLE_WARN_SIZE the reader is told. */
#define TABLE_MIN_SIZE 1.5
#define TABLE_WARN_SIZE 6.0

static void table(galley *g, const doc_node *n, const frame *f, const doc *d) {
  table_layout t = {table_style(g), 0, table_columns(n), NULL, NULL, 0, -1};
  t.pad = 0.45 * t.st.size;
  if (!t.cols) return;
  t.src = g_ptr_array_new_with_free_func((GDestroyNotify)para_src_free);
  double smin = column_widths(g, n, &t, f->width);
  if (smin > f->width) {
    /* Every width scales with the type (and the padding with it): the
     * size at which the least widths fit, measured again. */
    double size = MAX(TABLE_MIN_SIZE, t.st.size * f->width / smin * 0.995);
    double k = size / t.st.size;
    t.st.size = size;
    t.st.leading *= k;
    t.pad *= k;
    g_ptr_array_set_size(t.src, 0);
    g_free(t.w);
    column_widths(g, n, &t, f->width);
    if (size < TABLE_WARN_SIZE && d)
      diag_add(g->diags, DIAG_WARNING, d->path, n->line, n->col, CHECK_PDF,
               "a table of %d columns is too wide for the page: set at %.1f pt%s", t.cols, size,
               size <= TABLE_MIN_SIZE ? ", its words broken" : "");
  }
  space(g, g->geo.para_gap);
  galley_open(g, TAG_TABLE);
  for (const doc_node *r = n->first; r; r = r->next)
    table_row(g, n, r, f, &t);
  galley_close(g, TAG_TABLE);
  g_ptr_array_free(t.src, TRUE);
  g_free(t.w);
}

static bool ends_colon(const doc_node *n) {
  char *t = doc_node_plain_text(n);
  g_strchomp(t);
  bool r = g_str_has_suffix(t, ":");
  g_free(t);
  return r;
}

static bool literature_heading(const doc_node *h) {
  char *t = doc_node_plain_text(h);
  char *low = g_utf8_strdown(t, -1);
  bool r = strstr(low, "literatuur") || strstr(low, "publicaties") || strstr(low, "bronnen");
  g_free(low);
  g_free(t);
  return r;
}

/* Whether a galley prefetching (galley_prefetch_document) should stop: the
 * galley it works for has reached its block. */
static bool overtaken(const galley *g) {
  return g->stop_at && g_atomic_int_get(g->stop_at) >= g->top;
}

/* One block n of parent (the first of them when first); fr is the frame of
 * its siblings, which a top-level heading changes for those after it. */
static void block(galley *g, const doc_node *parent, const doc_node *n, frame *f, int depth,
                  const doc *d, bool first) {
  frame fr = *f;
  if (overtaken(g)) return;
  if (n->type != DOC_HEADING && !first) space(g, fr.tight ? 0.2 * L(g) : g->geo.para_gap);
  /* A change of the redline is found at the block's first box, or a
   * modified block's first changed line. */
  if (n->change && !g->pending_change) {
    g->pending_change = n->change;
    g->pending_mark = n->mark;
    g->pending_mark_flags = n->mark_flags;
  }
  guint first_box = g->boxes->len;
  bool other;
  switch (n->type) {
  case DOC_HEADING:
    heading(g, n, &fr, g->items->len == 0);
    if (parent->type == DOC_ROOT && n->level <= 1) fr.literature = literature_heading(n);
    break;
  case DOC_PARAGRAPH:
    if (d && has_image(n, &other)) {
      /* Images are drawn as figures of their own, after the text of
       * their paragraph (which keeps their descriptions); an image that
       * cannot be drawn leaves its description. */
      bool drawn = true, gap = false;
      if (other) {
        paragraph(g, n, &fr, TAG_P);
        gap = true;
      }
      for (const doc_node *k = n->first; k; k = k->next) {
        if (k->type != DOC_IMAGE) continue;
        if (gap) space(g, g->geo.para_gap);
        if (image(g, k, &fr, d))
          gap = true;
        else
          drawn = false;
      }
      if (!drawn && !other) paragraph(g, n, &fr, TAG_P);
      break;
    }
    paragraph(g, n, &fr, TAG_P);
    /* A lead-in ending in a colon stays with the list it introduces. */
    if (n->next && n->next->type == DOC_LIST && ends_colon(n)) keep(g);
    break;
  case DOC_LIST:
    if (depth < DEPTH_MAX) {
      int ld = 0;
      for (const doc_node *a = parent; a; a = a->parent)
        ld += a->type == DOC_LIST;
      list(g, n, &fr, depth, ld, d);
    }
    break;
  case DOC_BLOCKQUOTE:
    if (depth < DEPTH_MAX) {
      frame q = fr;
      q.x += 1.5 * fr.body.size;
      q.width -= 3 * fr.body.size;
      galley_open(g, TAG_BLOCKQUOTE);
      blocks(g, n, &q, depth + 1, d);
      galley_close(g, TAG_BLOCKQUOTE);
    }
    break;
  case DOC_CODE_BLOCK:
    code_block(g, n, &fr);
    break;
  case DOC_THEMATIC_BREAK:
    thematic_break(g, &fr);
    break;
  case DOC_TABLE:
    table(g, n, &fr, d);
    break;
  default:
    if (doc_node_is_block(n) && n->first && depth < DEPTH_MAX) blocks(g, n, &fr, depth + 1, d);
    break;
  }
  if (n->change && g->pending_change == n->change) {
    /* No line shows the edit (a link target changed, say): the block. */
    for (guint i = first_box; i < g->boxes->len; i++)
      if (g_ptr_array_index(g->boxes, i)) {
        take_change(g, g_ptr_array_index(g->boxes, i));
        break;
      }
  }
  f->literature = fr.literature;
}

static void blocks(galley *g, const doc_node *parent, const frame *f, int depth, const doc *d) {
  frame fr = *f;
  bool first = true;
  int top = 0;
  for (const doc_node *n = parent->first; n; n = n->next, top++) {
    if (g->at && parent->type == DOC_ROOT) g_atomic_int_set(g->at, top);
    block(g, parent, n, &fr, depth, d, first);
    first = false;
  }
}

/* ---- notes ------------------------------------------------------------------ */

static void note(galley *g, const doc_node *def) {
  galley_note *nt = g_new0(galley_note, 1);
  nt->number = def->number;
  nt->change = def->change;
  nt->mark = def->mark;
  nt->id = g_strdup(def->id);
  nt->back = doc_note_ref_id(def->label, 1);
  nt->lines = g_array_new(FALSE, TRUE, sizeof(galley_note_line));
  para_style st = note_style(g);
  /* The number hangs; the text aligns on a fixed indent so that notes 9 and
   * 10 start their text at the same place. */
  double indent = 1.9 * st.size;
  para_src *lsrc = para_src_new();
  char num[16];
  g_snprintf(num, sizeof num, "%d", def->number);
  para_src_add(lsrc, NULL, num, 0, def->eff, NULL, NULL);
  para_style ls = st;
  ls.justify = false;
  nt->label = keep_para(g, para_cache_layout(g->cache, lsrc, g->fonts, &ls, indent, NULL));
  para_src_free(lsrc);
  bool firstp = true;
  for (const doc_node *b = def->first; b; b = b->next) {
    para_src *src = para_src_new();
    if (b->type == DOC_PARAGRAPH) {
      inline_content(g, src, b, false);
    } else {
      char *t = doc_node_plain_text(b);
      para_src_add(src, g->hyph, t, 0, b->eff, NULL, NULL);
      g_free(t);
    }
    para *p = keep_para(
        g, para_cache_layout(g->cache, src, g->fonts, &st, g->geo.measure - indent, &g->stats));
    para_src_free(src);
    for (guint i = 0; i < p->lines->len; i++) {
      galley_note_line nl = {p, (int)i, indent, st.leading};
      if (i == 0 && !firstp) nl.height += 0.3 * st.leading;
      g_array_append_val(nt->lines, nl);
    }
    firstp = false;
  }
  for (guint i = 0; nt->change && i < nt->lines->len; i++) {
    const galley_note_line *nl = &g_array_index(nt->lines, galley_note_line, i);
    if (g_array_index(nl->para->lines, para_line, nl->line).changed) {
      nt->change_line = (int)i;
      break;
    }
  }
  nt->heights = g_new(double, nt->lines->len ? nt->lines->len : 1);
  for (guint i = 0; i < nt->lines->len; i++)
    nt->heights[i] = g_array_index(nt->lines, galley_note_line, i).height;
  g_hash_table_insert(g->note_index, g_strdup(nt->id), GINT_TO_POINTER(g->notes->len + 1));
  g_ptr_array_add(g->notes, nt);
}

static void collect_dests(doc_node *n, bool entering, void *ctx) {
  galley *g = ctx;
  if (entering && n->id && (n->type == DOC_HEADING || n->type == DOC_ITEM))
    g_hash_table_add(g->dests, g_strdup(n->id));
}

void galley_add_document(galley *g, const doc *d, diag_list *diags) {
  g->diags = diags;
  g->path = d->path;
  doc_walk(d->root, collect_dests, g);
  for (guint i = 0; i < d->footnotes->len; i++) {
    const doc_node *def = g_ptr_array_index(d->footnotes, i);
    g_hash_table_add(g->dests, g_strdup(def->id));
  }
  /* Notes first: lines need to know which notes they reference. */
  for (guint i = 0; i < d->footnotes->len; i++)
    note(g, g_ptr_array_index(d->footnotes, i));
  frame f = {0, g->geo.measure, false, false, galley_body_style(g)};
  blocks(g, d->root, &f, 0, d);
  if (g->at) g_atomic_int_set(g->at, G_MAXINT);
  g->diags = NULL;
  g->path = NULL;
}

void galley_publish_progress(galley *g, gint *at) {
  g->at = at;
  if (at) g_atomic_int_set(at, -1);
}

void galley_prefetch_document(galley *g, const doc *d, const gint *at, diag_list *diags) {
  g->diags = diags;
  g->path = d->path;
  g->stop_at = at;
  /* Each top-level block with the frame it is laid out in: a level-1
   * heading decides whether what follows it is a literature list. */
  typedef struct {
    const doc_node *n;
    bool literature;
  } top_block;
  GArray *tops = g_array_new(FALSE, FALSE, sizeof(top_block));
  bool lit = false;
  for (const doc_node *n = d->root->first; n; n = n->next) {
    top_block t = {n, lit};
    g_array_append_val(tops, t);
    if (n->type == DOC_HEADING && n->level <= 1) lit = literature_heading(n);
  }
  for (guint i = tops->len; i-- > 0;) {
    g->top = (int)i;
    if (overtaken(g)) break;
    const top_block *t = &g_array_index(tops, top_block, i);
    frame f = {0, g->geo.measure, false, t->literature, galley_body_style(g)};
    block(g, d->root, t->n, &f, 0, d, i == 0);
  }
  g_array_unref(tops);
  g->diags = NULL;
  g->path = NULL;
}

/* A line (or a few) of a list with page numbers: src set at depth, after
 * a hanging label when there is one (right-aligned in a column of
 * label_w), the page number of target filled in at the right when
 * drawing. */
static void entry_lines(galley *g, para_src *src, const para_style *st, const char *label,
                        double label_w, const char *target, int depth) {
  double indent = depth * 1.6 * st->size;
  double number_w = 3 * st->size;
  para *p = keep_para(g, para_cache_layout(g->cache, src, g->fonts, st,
                                           g->geo.measure - indent - label_w - number_w, NULL));
  galley_open(g, TAG_TOCI);
  if (label) {
    para_src *ls = para_src_new();
    para_src_add(ls, NULL, label, 0, MARK_NONE, NULL, NULL);
    para *lp = keep_para(g, para_cache_layout(g->cache, ls, g->fonts, st, label_w, NULL));
    para_src_free(ls);
    pend_op(g, OP_LABEL, TAG_TOCI);
    g->pending_label = lp;
    g->pending_label_x =
        indent + label_w - 0.4 * st->size - g_array_index(lp->lines, para_line, 0).natural;
  }
  guint first = g->items->len;
  add_lines(g, p, indent + label_w, false, 0);
  for (guint i = first; i < g->items->len; i++) {
    pg_item *it = &g_array_index(g->items, pg_item, i);
    if (it->kind == PG_PENALTY) it->penalty = PG_INF;
  }
  galley_box *last = last_box(g);
  if (target) last->toc_target = g_strdup(target);
  galley_close(g, TAG_TOCI);
}

static para_style entry_style(galley *g, int depth) {
  para_style st = galley_body_style(g);
  st.justify = false;
  st.features = "lnum=1";
  if (depth == 0) {
    st.weight = 600;
    space(g, 0.5 * L(g));
  }
  return st;
}

void galley_add_toc_entry(galley *g, const doc_node *h, int depth) {
  para_style st = entry_style(g, depth);
  char *plain = doc_node_plain_text(h);
  g_strstrip(plain);
  char *text = smart_quotes(plain, false); /* as the heading itself is set */
  g_free(plain);
  char *href = g_strdup_printf("#%s", h->id);
  para_src *src = para_src_new();
  para_src_add(src, NULL, text, RUN_NOHYPH | RUN_QUIET, MARK_NONE, href, NULL);
  entry_lines(g, src, &st, NULL, 0, h->id, depth);
  para_src_free(src);
  g_free(href);
  g_free(text);
}

void galley_add_entry(galley *g, const char *label, const doc_node *content, const char *target,
                      int depth) {
  para_style st = entry_style(g, depth);
  st.features = "lnum=1,tnum=1"; /* numbers that align, padded with figure spaces */
  para_src *src = para_src_new();
  inline_content(g, src, content, true);
  if (target) {
    /* The whole entry links to its target, in the text's colour. */
    char *href = g_strdup_printf("#%s", target);
    for (guint i = 0; i < src->runs->len; i++) {
      para_run *r = &g_array_index(src->runs, para_run, i);
      g_free(r->href);
      r->href = g_strdup(href);
      r->flags |= RUN_QUIET;
    }
    g_free(href);
  }
  /* A column for labels up to "999." */
  entry_lines(g, src, &st, label, label ? 2.1 * st.size : 0, target, depth);
  para_src_free(src);
}

void galley_add_blocks(galley *g, const doc_node *parent, diag_list *diags) {
  g->diags = diags;
  frame f = {0, g->geo.measure, false, false, galley_body_style(g)};
  blocks(g, parent, &f, 0, NULL);
  g->diags = NULL;
}

void galley_add_blank(galley *g, double height) {
  galley_box *b = new_box(g, BOX_LINE, 0, height);
  pg_item it = {PG_BOX, height, 0, NULL, 0, 0};
  push_item(g, it, b);
}

pg_input galley_pg_input(const galley *g, GArray *note_views, double height) {
  g_array_set_size(note_views, 0);
  for (guint i = 0; i < g->notes->len; i++) {
    const galley_note *n = g_ptr_array_index(g->notes, i);
    pg_note v = {n->heights, (int)n->lines->len};
    g_array_append_val(note_views, v);
  }
  pg_input in = {(const pg_item *)(void *)g->items->data,
                 g->items->len,
                 (const pg_note *)(void *)note_views->data,
                 note_views->len,
                 height,
                 1.2 * g->geo.note_leading,
                 0.25 * g->geo.note_leading,
                 g->geo.body_leading};
  return in;
}

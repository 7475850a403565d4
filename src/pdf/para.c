/* para: see include/statuut/para.h */
#include "statuut/para.h"
#include "statuut/linebreak.h"

#include <math.h>
#include <string.h>

static const char LSEP[] = "\xe2\x80\xa8"; /* U+2028 LINE SEPARATOR */

/* Penalties, on TeX's scale: a hyphen costs a little (50), a break after a
 * slash in running text more, one inside a URL little (URLs are long and
 * have no better place to break). */
enum { PEN_HYPHEN = 50, PEN_EXPLICIT = 50, PEN_SLASH = 200, PEN_URL = 30, PEN_URL_DOT = 300 };
/* A run wider than the measure with no place to break (a 10 000-letter word,
 * a URL segment, a code line) is broken between any two characters: dear,
 * so that it happens only where nothing else can. */
enum { PEN_FORCE = 900 };

/* The mark at the end of a code line that continues on the next. */
static const char CONT_MARK[] = "\xe2\x86\xa9"; /* U+21A9 LEFTWARDS ARROW WITH HOOK */

/* Justification never widens a space beyond this many normal spaces. */
#define SPACE_MAX 3.0
/* Stretch and shrink of a space, in spaces: TeX's shrink of a third, so
 * that a line can take a word by closing up a little rather than by a
 * hyphen. */
#define STRETCH 1.0
#define SHRINK (1.0 / 3)
/* Demerits of a hyphenated line on top of its penalty (50, squared 2 500):
 * 32 500 in all, what a line of badness 170 costs ((10 + 170)^2), one spaced
 * to about 2.2 normal spaces. So a hyphen spares a line that would be loose,
 * and is no longer taken to make a decent line a little more even; two in
 * a row cost more still. Dutch compounds are long, and a page with a hyphen
 * in every fifth line reads as broken. With these the statute has under 12%
 * hyphenated lines and under 8 stacked pairs (make bench). */
#define HYPHEN_DEMERITS 30000
#define DOUBLE_HYPHEN_DEMERITS 50000

para_src *para_src_new(void) {
  para_src *s = g_new0(para_src, 1);
  s->text = g_string_new(NULL);
  s->runs = g_array_new(FALSE, TRUE, sizeof(para_run));
  return s;
}

static void runs_clear(GArray *runs) {
  for (guint i = 0; i < runs->len; i++) {
    para_run *r = &g_array_index(runs, para_run, i);
    g_free(r->href);
    g_free(r->anchor);
  }
}

void para_src_free(para_src *s) {
  if (!s) return;
  runs_clear(s->runs);
  g_array_unref(s->runs);
  g_string_free(s->text, TRUE);
  g_free(s);
}

static bool ends_blank(const GString *t) {
  return t->len == 0 || t->str[t->len - 1] == ' ' || g_str_has_suffix(t->str, LSEP);
}

para_run *para_src_add(para_src *s, const hyph *h, const char *text, unsigned flags, para_mark mark,
                       const char *href, const char *anchor) {
  unsigned start = (unsigned)s->text->len;
  GString *clean = g_string_new(NULL);
  /* Collapse white space; "\n" is a hard break. */
  for (const char *p = text; *p; p++) {
    if (*p == '\n') {
      while (clean->len && clean->str[clean->len - 1] == ' ')
        g_string_truncate(clean, clean->len - 1);
      if (!clean->len && start && s->text->str[start - 1] == ' ') {
        g_string_truncate(s->text, --start);
      }
      g_string_append(clean, LSEP);
    } else if (*p == ' ' || *p == '\t' || *p == '\r') {
      if (clean->len ? clean->str[clean->len - 1] != ' ' && !g_str_has_suffix(clean->str, LSEP)
                     : !ends_blank(s->text))
        g_string_append_c(clean, ' ');
    } else {
      g_string_append_c(clean, *p);
    }
  }
  if (h && !(flags & (RUN_URL | RUN_NOHYPH | RUN_CODE)))
    hyph_append(h, s->text, clean->str, clean->len);
  else
    g_string_append_len(s->text, clean->str, (gssize)clean->len);
  g_string_free(clean, TRUE);
  unsigned end = (unsigned)s->text->len;
  /* Adjacent runs alike in every respect merge: fewer pango items, and
   * kerning across them. */
  if (s->runs->len && !anchor) {
    para_run *last = &g_array_index(s->runs, para_run, s->runs->len - 1);
    if (last->end == start && last->flags == flags && last->mark == mark && !last->anchor &&
        g_strcmp0(last->href, href) == 0) {
      last->end = end;
      return last;
    }
  }
  para_run r = {start, end, flags, mark, g_strdup(href), g_strdup(anchor)};
  g_array_append_val(s->runs, r);
  return &g_array_index(s->runs, para_run, s->runs->len - 1);
}

/* ---- attributes --------------------------------------------------------- */

static PangoAttrList *make_attrs(const GArray *runs, const para_style *st) {
  PangoAttrList *al = pango_attr_list_new();
  for (guint i = 0; i < runs->len; i++) {
    const para_run *r = &g_array_index(runs, para_run, i);
    if (r->end <= r->start) continue;
    pdf_face face = r->flags & RUN_CODE ? FACE_MONO : st->face;
    double size = st->size;
    if (r->flags & RUN_CODE && st->face != FACE_MONO) size *= 0.86; /* mono looks large */
    if (r->flags & RUN_SUPER) size *= 0.68;
    int weight = r->flags & RUN_BOLD ? (st->weight >= 600 ? 800 : 700) : st->weight;
    /* Emphasis inside italics is set upright, as typographers do. */
    bool italic = ((r->flags & RUN_ITALIC) != 0) != st->italic;
    PangoFontDescription *d = pdf_fonts_desc(face, size, weight, italic);
    PangoAttribute *a = pango_attr_font_desc_new(d);
    pango_font_description_free(d);
    a->start_index = r->start;
    a->end_index = r->end;
    pango_attr_list_insert(al, a);
    /* A distinct colour per run is never drawn (draw.c chooses colours); it
     * makes pango start a new item at every run, so that drawing can wrap
     * each run in its own structure tag. */
    a = pango_attr_foreground_new((guint16)(i & 0xffff), (guint16)(i >> 16), 0);
    a->start_index = r->start;
    a->end_index = r->end;
    pango_attr_list_insert(al, a);
  }
  if (st->tracking > 0) {
    PangoAttribute *a = pango_attr_letter_spacing_new((int)(st->tracking * st->size * PANGO_SCALE));
    pango_attr_list_insert(al, a);
  }
  if (st->features) pango_attr_list_insert(al, pango_attr_font_features_new(st->features));
  return al;
}

static PangoLayout *make_layout(const pdf_fonts *f, const para_style *st, const char *text, int len,
                                const GArray *runs) {
  PangoLayout *l = pdf_fonts_layout(f);
  PangoFontDescription *d = pdf_fonts_desc(st->face, st->size, st->weight, st->italic);
  pango_layout_set_font_description(l, d);
  pango_font_description_free(d);
  pango_layout_set_text(l, text, len);
  PangoAttrList *al = make_attrs(runs, st);
  pango_layout_set_attributes(l, al);
  pango_attr_list_unref(al);
  return l;
}

/* ---- measuring ---------------------------------------------------------- */

/* The text as measured: its glyphs unbroken, line by line (lines end only
 * at hard breaks), in visual order. */
typedef struct {
  unsigned start, length; /* bytes of the text */
  GSList *runs;           /* of PangoGlyphItem* */
} mline;

typedef struct {
  GArray *lines;       /* of mline */
  PangoLayout *layout; /* when pango laid the text out: the runs are its */
  GSList *own;         /* else the one line's runs, owned */
} measured;

static gboolean font_attr(PangoAttribute *a, gpointer data) {
  (void)data;
  return a->klass->type == PANGO_ATTR_FONT_DESC;
}

static gboolean features_attr(PangoAttribute *a, gpointer data) {
  (void)data;
  return a->klass->type == PANGO_ATTR_FONT_FEATURES;
}

/* What a layout of unlimited width gives for a text of one line, made
 * without the layout: pango's line-break analysis and line building were a
 * tenth of the typesetting, and measuring needs neither. As PangoLayout
 * does it: itemized by the fonts, the font features applied to the items,
 * each item shaped whole, the glyphs then split at the other attributes'
 * bounds (a run's colour, so that each run is its own glyph string); the
 * same glyphs, byte for byte (tests/unit/test_para.c). */
static GSList *shape_line(const pdf_fonts *f, const para_style *st, const char *t, size_t len,
                          const GArray *runs) {
  PangoFontDescription *d = pdf_fonts_desc(st->face, st->size, st->weight, st->italic);
  pango_context_set_font_description(f->ctx, d);
  pango_font_description_free(d);
  PangoAttrList *al = make_attrs(runs, st);
  PangoAttrList *fonts = pango_attr_list_filter(al, font_attr, NULL);
  PangoAttrList *feats = pango_attr_list_filter(al, features_attr, NULL);
  GList *items = pango_itemize(f->ctx, t, 0, (int)len, fonts, NULL);
  if (feats) {
    PangoAttrIterator *it = pango_attr_list_get_iterator(feats);
    for (GList *i = items; i; i = i->next)
      pango_item_apply_attrs(i->data, it);
    pango_attr_iterator_destroy(it);
  }
  GSList *out = NULL;
  for (GList *i = items; i; i = i->next) {
    PangoGlyphItem *gi = g_slice_new0(PangoGlyphItem);
    gi->item = i->data;
    gi->glyphs = pango_glyph_string_new();
    pango_shape_item(gi->item, t, (int)len, NULL, gi->glyphs, PANGO_SHAPE_NONE);
    out = g_slist_concat(out, pango_glyph_item_apply_attrs(gi, t, al));
  }
  g_list_free(items);
  if (fonts) pango_attr_list_unref(fonts);
  if (feats) pango_attr_list_unref(feats);
  pango_attr_list_unref(al);
  return out;
}

/* The lines of a layout, borrowed from it. */
static measured measured_of_layout(PangoLayout *l) {
  measured m = {g_array_new(FALSE, TRUE, sizeof(mline)), l, NULL};
  for (GSList *li = pango_layout_get_lines_readonly(l); li; li = li->next) {
    PangoLayoutLine *line = li->data;
    mline ml = {(unsigned)line->start_index, (unsigned)line->length, line->runs};
    g_array_append_val(m.lines, ml);
  }
  return m;
}

/* The text measured: shaped as one line, or laid out by pango where it
 * has hard breaks (pango's line ends) or letter spacing (its run ends). */
static measured measure_text(const pdf_fonts *f, const para_style *st, const char *t, size_t len,
                             const GArray *runs) {
  if (st->tracking > 0 || g_strstr_len(t, (gssize)len, LSEP))
    return measured_of_layout(make_layout(f, st, t, (int)len, runs));
  measured m = {g_array_new(FALSE, TRUE, sizeof(mline)), NULL, shape_line(f, st, t, len, runs)};
  mline ml = {0, (unsigned)len, m.own};
  g_array_append_val(m.lines, ml);
  return m;
}

static void measured_clear(measured *m) {
  g_array_unref(m->lines);
  if (m->layout) g_object_unref(m->layout);
  g_slist_free_full(m->own, (GDestroyNotify)pango_glyph_item_free);
}

/* x (pt, from the start of its pango line) of every byte that starts a
 * cluster; NAN elsewhere. Lines of the unbroken layout end only at hard
 * breaks, so widths are only ever taken within one line. */
static double *cluster_x(const measured *m, size_t len) {
  double *xs = g_new(double, len + 1);
  for (size_t i = 0; i <= len; i++)
    xs[i] = NAN;
  for (guint li = 0; li < m->lines->len; li++) {
    const mline *line = &g_array_index(m->lines, mline, li);
    int x = 0;
    /* A line's length may include the separator that ends it: its end is
     * then the next line's start, which is 0 on that line, not the end of
     * this one (the first box after a hard break measured negative, and
     * the line after it was never broken). */
    if ((size_t)line->start <= len) xs[line->start] = NAN;
    for (GSList *r = line->runs; r; r = r->next) {
      PangoGlyphItem *gi = r->data;
      for (int g = 0; g < gi->glyphs->num_glyphs; g++) {
        size_t at = (size_t)(gi->item->offset + gi->glyphs->log_clusters[g]);
        if (at <= len && isnan(xs[at])) xs[at] = (double)x / PANGO_SCALE;
        x += gi->glyphs->glyphs[g].geometry.width;
      }
    }
    size_t end = (size_t)(line->start + line->length);
    if (end <= len && isnan(xs[end])) xs[end] = (double)x / PANGO_SCALE;
  }
  return xs;
}

typedef struct {
  GArray *items; /* lb_item */
  GArray *at;    /* size_t: byte the item stands for (space, soft hyphen, break position) */
  const double *xs;
  size_t box_start;
  double box_x;
  const char *t;
  const GArray *runs;
  double measure;  /* boxes wider than this are broken by force; INFINITY: never */
  double hyphen_w; /* the hyphen added at a forced break inside a word */
  double mark_w;   /* > 0: every break inside a line adds the continuation mark */
} builder;

static void push(builder *b, lb_item it, size_t at) {
  g_array_append_val(b->items, it);
  g_array_append_val(b->at, at);
}

static const para_run *run_for(const GArray *runs, size_t byte);

/* A box too wide for any line, as boxes of one character (cluster) each
 * with a dear break between them: a hyphen is added inside a word, nothing
 * inside a URL or code (a code line gets its continuation mark). */
static void split_box(builder *b, size_t to) {
  size_t from = b->box_start;
  double x = b->box_x;
  for (size_t k = g_utf8_next_char(b->t + from) - b->t; k < to;
       k = g_utf8_next_char(b->t + k) - b->t) {
    if (isnan(b->xs[k]) || b->xs[k] <= x) continue; /* inside a cluster */
    lb_item box = {LB_BOX, b->xs[k] - x, 0, 0, 0, false};
    push(b, box, k);
    const para_run *r = run_for(b->runs, k);
    bool word = !(r && r->flags & (RUN_URL | RUN_CODE));
    double w = b->mark_w > 0 ? b->mark_w : word ? b->hyphen_w : 0;
    lb_item pen = {LB_PENALTY, w, 0, 0, PEN_FORCE, word};
    push(b, pen, k);
    x = b->xs[k];
  }
  lb_item box = {LB_BOX, b->xs[to] - x, 0, 0, 0, false};
  push(b, box, to);
}

/* Closes the box running up to byte `to`. */
static void close_box(builder *b, size_t to) {
  if (to > b->box_start && !isnan(b->xs[to])) {
    if (b->xs[to] - b->box_x > b->measure) {
      split_box(b, to);
      return;
    }
    lb_item it = {LB_BOX, b->xs[to] - b->box_x, 0, 0, 0, false};
    push(b, it, to);
  }
}

static void open_box(builder *b, size_t at) {
  b->box_start = at;
  b->box_x = isnan(b->xs[at]) ? 0 : b->xs[at];
}

static bool is_alpha_at(const char *t, size_t i, size_t len) {
  return i < len && g_unichar_isalpha(g_utf8_get_char(t + i));
}

static const para_run *run_for(const GArray *runs, size_t byte) {
  guint lo = 0, hi = runs->len;
  while (lo < hi) {
    guint mid = (lo + hi) / 2;
    const para_run *r = &g_array_index(runs, para_run, mid);
    if (byte < r->start)
      hi = mid;
    else if (byte >= r->end)
      lo = mid + 1;
    else
      return r;
  }
  return NULL;
}

const para_run *para_run_at(const para *p, unsigned byte) {
  return run_for(p->runs, byte);
}

/* Boxes, glue and penalties of the text for linebreak.c. */
static void build_items(builder *b, const char *t, size_t len, const GArray *runs,
                        const para_style *st) {
  open_box(b, 0);
  const double fill = 1e5;
  size_t i = 0;
  while (i < len) {
    gunichar c = g_utf8_get_char(t + i);
    size_t next = (size_t)(g_utf8_next_char(t + i) - t);
    const para_run *r = run_for(runs, i);
    unsigned flags = r ? r->flags : 0;
    if (c == ' ' && !isnan(b->xs[i]) && !isnan(b->xs[next])) {
      close_box(b, i);
      double w = b->xs[next] - b->xs[i];
      /* Vollkorn's space is narrow (0.2 em, TeX's is 0.33 em): it may
       * stretch by its own width (as much, in ems, as TeX lets a space
       * stretch) and shrink by a quarter. */
      lb_item g = {LB_GLUE, w,    st->justify ? w * STRETCH : 0, st->justify ? w * SHRINK : 0,
                   0,       false};
      push(b, g, i);
      open_box(b, next);
    } else if (c == 0x2028) {
      close_box(b, i);
      lb_item g = {LB_GLUE, 0, fill, 0, 0, false};
      push(b, g, i);
      lb_item p = {LB_PENALTY, 0, 0, 0, -LB_INF, false};
      push(b, p, i);
      open_box(b, next);
    } else if (c == 0xad && !isnan(b->xs[i])) {
      close_box(b, i);
      lb_item p = {LB_PENALTY, b->hyphen_w, 0, 0, PEN_HYPHEN, true};
      push(b, p, i);
      open_box(b, i);
    } else {
      int pen = -1;
      bool flagged = false;
      if (flags & RUN_URL) {
        /* After a separator, not at the end, not inside "://". */
        bool scheme = c == '/' && i > 0 && t[i - 1] == '/'; /* never "https://" alone */
        if (strchr("/.?&=_-#", (int)c) && next < len && t[next] != '/' && t[next] != ' ' &&
            !scheme && i >= r->start + 8)
          pen = c == '/' ? PEN_URL : PEN_URL_DOT; /* prezi.com/rx... reads better than prezi./com */
      } else if ((c == '-' || c == 0x2013) && i > 0 &&
                 g_unichar_isalpha(g_utf8_get_char(g_utf8_prev_char(t + i))) &&
                 is_alpha_at(t, next, len)) {
        pen = PEN_EXPLICIT; /* drone-bouwer: break after the hyphen, add none */
        flagged = c == '-';
      } else if (c == '/' && i > 0 && is_alpha_at(t, next, len)) {
        pen = PEN_SLASH;
      }
      if (pen >= 0 && !isnan(b->xs[next])) {
        close_box(b, next);
        lb_item p = {LB_PENALTY, b->mark_w, 0, 0, pen, flagged};
        push(b, p, next);
        open_box(b, next);
      }
    }
    i = next;
  }
  close_box(b, len);
  lb_item g = {LB_GLUE, 0, fill, 0, 0, false};
  push(b, g, len);
  lb_item p = {LB_PENALTY, 0, 0, 0, -LB_INF, false};
  push(b, p, len);
}

/* ---- the second layout --------------------------------------------------- */

typedef enum {
  BREAK_NONE,
  BREAK_SPACE,
  BREAK_SHY,    /* at a soft hyphen, which becomes a hyphen */
  BREAK_AFTER,  /* before this byte, adding nothing */
  BREAK_HYPHEN, /* before this byte, adding a hyphen (a word broken by force) */
  BREAK_MARK,   /* before this byte, adding the continuation mark (code) */
  BREAK_HARD
} break_kind;

/* The text with U+2028 at the chosen breaks, unused soft hyphens removed;
 * map[i] is the new offset of old byte i. */
static char *rebuild(const char *t, size_t len, const break_kind *brk, size_t *map) {
  GString *o = g_string_sized_new(len + 64);
  size_t i = 0;
  while (i < len) {
    size_t next = (size_t)(g_utf8_next_char(t + i) - t);
    for (size_t k = i; k < next; k++)
      map[k] = o->len;
    if (brk[i] == BREAK_AFTER) g_string_append(o, LSEP);
    if (brk[i] == BREAK_HYPHEN) g_string_append(o, "-\xe2\x80\xa8");
    if (brk[i] == BREAK_MARK) {
      g_string_append(o, CONT_MARK);
      g_string_append(o, LSEP);
    }
    for (size_t k = i; k < next; k++)
      map[k] = o->len;
    if (brk[i] == BREAK_SPACE) {
      g_string_append(o, LSEP);
    } else if (brk[i] == BREAK_SHY) {
      g_string_append(o, "-");
      g_string_append(o, LSEP);
    } else if (g_utf8_get_char(t + i) == 0xad) {
      /* an unused hyphenation point: dropped, so nothing hides in the text */
    } else {
      g_string_append_len(o, t + i, (gssize)(next - i));
    }
    i = next;
  }
  map[len] = o->len;
  if (brk[len] == BREAK_AFTER) g_string_append(o, LSEP);
  return g_string_free(o, FALSE);
}

static bool line_changed(const GArray *runs, unsigned start, unsigned end) {
  for (guint i = 0; i < runs->len; i++) {
    const para_run *r = &g_array_index(runs, para_run, i);
    if (r->mark != MARK_NONE && r->start < end && r->end > start) return true;
  }
  return false;
}

/* Widens (or narrows) every space of the line by `extra` points, in the
 * glyph string pango will draw. */
static void stretch_spaces(GSList *runs, const char *text, double extra, int spaces) {
  if (!spaces || extra == 0) return;
  /* Distribute in pango units so that the rounding adds up exactly. */
  long total = lround(extra * spaces * PANGO_SCALE), given = 0;
  int seen = 0;
  for (GSList *r = runs; r; r = r->next) {
    PangoGlyphItem *gi = r->data;
    for (int g = 0; g < gi->glyphs->num_glyphs; g++) {
      int at = gi->item->offset + gi->glyphs->log_clusters[g];
      if (text[at] != ' ') continue;
      seen++;
      long want = total * seen / spaces;
      gi->glyphs->glyphs[g].geometry.width += (int)(want - given);
      given = want;
    }
  }
}

static const pdf_metrics *style_metrics(const pdf_fonts *f, const para_style *st) {
  return pdf_fonts_metrics(f, st->face, st->size, st->weight, st->italic);
}

static void font_metrics(para *p, const pdf_fonts *f) {
  const pdf_metrics *m = style_metrics(f, &p->style);
  p->ascent = m->ascent;
  p->descent = m->descent;
  p->underline_pos = m->underline_pos;
  p->underline_thick = m->underline_thick;
  p->strike_pos = m->strike_pos;
  p->strike_thick = m->strike_thick;
}

/* The breaks linebreak.c chooses for the items of b, as break kinds by
 * byte of the text (brk, len + 1 of them). Returns, per line, whether it
 * ends at a forced break (caller frees with g_array_unref); *emergency
 * says whether only the last-resort pass could set the text. */
static GArray *choose_breaks(const builder *b, const para_style *st, double measure,
                             break_kind *brk, bool *emergency) {
  const char *t = b->t;
  lb_params prm;
  lb_params_default(&prm, measure);
  prm.max_ratio = (SPACE_MAX - 1) / STRETCH;
  prm.hyphen = HYPHEN_DEMERITS;
  prm.double_hyphen = DOUBLE_HYPHEN_DEMERITS;
  if (!st->justify) prm.line_stretch = 3 * st->size;
  double tol;
  GArray *breaks = lb_break_lines(&g_array_index(b->items, lb_item, 0), b->items->len, &prm, &tol);
  *emergency = tol == G_MAXDOUBLE;
  GArray *hard = g_array_new(FALSE, FALSE, sizeof(bool));
  for (guint i = 0; i < breaks->len; i++) {
    const lb_break *br = &g_array_index(breaks, lb_break, i);
    const lb_item *it = &g_array_index(b->items, lb_item, br->pos);
    size_t at = g_array_index(b->at, size_t, br->pos);
    bool forced = it->kind == LB_PENALTY && it->penalty <= -LB_INF;
    g_array_append_val(hard, forced);
    if (forced) continue; /* hard breaks are in the text already; the end needs none */
    if (it->kind == LB_GLUE)
      brk[at] = BREAK_SPACE;
    else if (b->mark_w > 0)
      brk[at] = BREAK_MARK;
    else if (it->flagged && it->width > 0)
      brk[at] = g_utf8_get_char(t + at) == 0xad ? BREAK_SHY : BREAK_HYPHEN;
    else
      brk[at] = BREAK_AFTER;
  }
  g_array_unref(breaks);
  return hard;
}

/* p->runs: the runs of src moved onto p->text by map (rebuild). */
static void map_runs(para *p, const GArray *src_runs, const size_t *map) {
  p->runs = g_array_new(FALSE, TRUE, sizeof(para_run));
  for (guint i = 0; i < src_runs->len; i++) {
    para_run r = g_array_index(src_runs, para_run, i);
    r.start = (unsigned)map[r.start];
    r.end = (unsigned)map[r.end];
    r.href = g_strdup(r.href);
    r.anchor = g_strdup(r.anchor);
    g_array_append_val(p->runs, r);
  }
  /* A separator placed right at a run boundary belongs to the run before
   * it; runs stay contiguous and cover the text. */
  for (guint i = 0; i + 1 < p->runs->len; i++)
    g_array_index(p->runs, para_run, i).end = g_array_index(p->runs, para_run, i + 1).start;
  if (p->runs->len)
    g_array_index(p->runs, para_run, p->runs->len - 1).end = (unsigned)strlen(p->text);
}

/* Widens the spaces of a line that is not the last of its paragraph to
 * fill the measure, within SPACE_MAX. */
static void justify_line(para *p, GSList *runs, para_line *pl, double space_w, para_stats *stats) {
  double extra = (p->measure - pl->natural) / pl->spaces;
  double max = (SPACE_MAX - 1) * space_w, min = -space_w * SHRINK;
  if (extra > max) {
    extra = max;
    if (stats) stats->capped++;
  }
  if (extra < min) extra = min;
  stretch_spaces(runs, p->text, extra, pl->spaces);
  pl->extra = extra;
  pl->width = pl->natural + extra * pl->spaces;
  pl->justified = true;
  if (stats) {
    double ratio = (space_w + extra) / space_w;
    stats->justified++;
    stats->sum_space += ratio;
    if (ratio > stats->max_space) stats->max_space = ratio;
    if (ratio > 2) stats->loose++;
  }
}

/* p->lines from the line ranges (of para_line, start and end set) and
 * p->glyphs, justified when the style says so; hard says which lines end at
 * a forced break (they stay at their natural width, as the last line does). */
static void set_lines(para *p, const pdf_fonts *f, const GArray *ranges, const GArray *hard,
                      para_stats *stats) {
  const para_style *st = &p->style;
  p->lines = g_array_new(FALSE, TRUE, sizeof(para_line));
  double space_w = style_metrics(f, st)->space;
  int n = (int)ranges->len;
  bool prev_hyphen = false, prev2_hyphen = false;
  for (int i = 0; i < n; i++) {
    GSList *line = g_ptr_array_index(p->glyphs, i);
    para_line pl = g_array_index(ranges, para_line, i);
    int w = 0;
    for (GSList *r = line; r; r = r->next)
      w += pango_glyph_string_get_width(((PangoGlyphItem *)r->data)->glyphs);
    pl.natural = (double)w / PANGO_SCALE;
    pl.space = space_w;
    for (unsigned k = pl.start; k < pl.end; k++)
      pl.spaces += p->text[k] == ' ';
    bool last = i == n - 1 || ((guint)i < hard->len && g_array_index(hard, bool, i));
    pl.hyphen = pl.end >= pl.start + 4 && strncmp(p->text + pl.end - 4,
                                                  "-"
                                                  "\xe2\x80\xa8",
                                                  4) == 0;
    pl.width = pl.natural;
    /* A last line is set at its natural width unless linebreak.c shrank
     * its spaces to make it fit: then it is shrunk as the others are. */
    if (st->justify && pl.spaces && (!last || pl.natural > p->measure))
      justify_line(p, line, &pl, space_w, stats);
    pl.changed = line_changed(p->runs, pl.start, pl.end);
    if (stats) {
      stats->lines++;
      if (pl.hyphen) stats->hyphenated++;
      if (pl.hyphen && prev_hyphen) stats->stacked_hyphens++;
      if (pl.hyphen && prev_hyphen && prev2_hyphen) stats->ladders++;
    }
    prev2_hyphen = prev_hyphen;
    prev_hyphen = pl.hyphen;
    g_array_append_val(p->lines, pl);
  }
  if (stats) stats->paragraphs++;
}

/* ---- the lines, cut from the measuring layout ---------------------------- */

static void glyph_line_free(gpointer runs) {
  g_slist_free_full(runs, (GDestroyNotify)pango_glyph_item_free);
}

/* [start, end) of every line of p->text: a line ends after each U+2028,
 * and one more runs to the end of the text unless a separator ends it, as
 * pango makes them. Of para_line, start and end set. */
static GArray *line_ranges(const char *text) {
  GArray *a = g_array_new(FALSE, TRUE, sizeof(para_line));
  para_line pl = {0};
  for (const char *s = text; (s = strstr(s, LSEP)); s += 3) {
    pl.end = (unsigned)(s + 3 - text);
    g_array_append_val(a, pl);
    pl.start = pl.end;
  }
  pl.end = (unsigned)strlen(text);
  if (pl.end > pl.start || !a->len) g_array_append_val(a, pl);
  return a;
}

/* The lines of m (its text p->text) as they stand. */
static void take_lines(para *p, const measured *m, GArray **ranges) {
  *ranges = g_array_new(FALSE, TRUE, sizeof(para_line));
  p->glyphs = g_ptr_array_new_with_free_func(glyph_line_free);
  for (guint li = 0; li < m->lines->len; li++) {
    const mline *line = &g_array_index(m->lines, mline, li);
    para_line pl = {0};
    pl.start = line->start;
    pl.end = line->start + line->length;
    g_array_append_val(*ranges, pl);
    GSList *runs = NULL;
    for (GSList *r = line->runs; r; r = r->next)
      runs = g_slist_prepend(runs, pango_glyph_item_copy(r->data));
    g_ptr_array_add(p->glyphs, g_slist_reverse(runs));
  }
}

/* Lines being cut: the line being filled, its text, and the glyph string
 * being filled for it from one item of the measuring layout. */
typedef struct {
  const para *p;
  GPtrArray *lines;          /* GSList of PangoGlyphItem*, as p->glyphs */
  GSList *line;              /* the line being filled, its runs last first */
  const para_line *range;    /* its bytes of p->text */
  const PangoGlyphItem *src; /* the measuring layout's glyphs now being cut */
  PangoItem *item;           /* a copy of its item, moved onto p->text; NULL: none open */
  PangoGlyphString *gs;
} cutter;

static void cut_append(cutter *c, PangoGlyphInfo gi, unsigned cluster) {
  int k = c->gs->num_glyphs;
  /* pango_glyph_string_set_size reallocates on every call: grown here by
   * doubling, the glyphs counted by hand (the fields are public). */
  if (k + 1 > c->gs->space) pango_glyph_string_set_size(c->gs, MAX(8, 2 * k));
  c->gs->num_glyphs = k + 1;
  c->gs->glyphs[k] = gi;
  c->gs->log_clusters[k] = (int)cluster;
}

/* Opens a glyph string at byte `at` of p->text, for glyphs of src. */
static void cut_open(cutter *c, const PangoGlyphItem *src, unsigned at) {
  c->src = src;
  c->item = pango_item_copy(src->item);
  c->item->offset = (int)at;
  c->gs = pango_glyph_string_new();
}

/* Ends the glyph string being filled at byte `end` of p->text: its
 * clusters are made relative to its item, which covers [its start, end). */
static void cut_close(cutter *c, unsigned end) {
  if (!c->item) return;
  for (int k = 0; k < c->gs->num_glyphs; k++)
    c->gs->log_clusters[k] -= c->item->offset;
  c->item->length = (int)end - c->item->offset;
  c->item->num_chars = (int)g_utf8_strlen(c->p->text + c->item->offset, c->item->length);
  PangoGlyphItem *gi = g_slice_new0(PangoGlyphItem);
  gi->item = c->item;
  gi->glyphs = c->gs;
  c->item = NULL;
  c->gs = NULL;
  c->line = g_slist_prepend(c->line, gi);
}

static PangoGlyphInfo empty_glyph(void) {
  PangoGlyphInfo g;
  memset(&g, 0, sizeof g);
  g.glyph = PANGO_GLYPH_EMPTY;
  g.attr.is_cluster_start = 1;
  return g;
}

/* The separator at byte `at` that ends the line, drawn as nothing, in a
 * glyph string of its own as pango sets it: inside another, cairo would
 * give it an /ActualText of its own, and U+2028 would be read out. */
static void cut_separator(cutter *c, unsigned at) {
  const PangoGlyphItem *src = c->src;
  cut_close(c, at);
  cut_open(c, src, at);
  cut_append(c, empty_glyph(), at);
  cut_close(c, at + 3);
}

/* The glyph of a hyphen in the item's font, to stand for a soft hyphen
 * chosen as a break; false when the font has none. */
static bool hyphen_glyph(const PangoAnalysis *a, PangoGlyphInfo *out) {
  PangoGlyphString *gs = pango_glyph_string_new();
  pango_shape("-", 1, a, gs);
  bool ok = gs->num_glyphs == 1 && !(gs->glyphs[0].glyph & PANGO_GLYPH_UNKNOWN_FLAG);
  if (ok) *out = gs->glyphs[0];
  pango_glyph_string_free(gs);
  return ok;
}

/* The last glyphs of a cut line as they are at the end of a line: shaped
 * in the measuring layout before a space or the next line's first letter,
 * a glyph's advance holds its kerning with that neighbour, which the line
 * no longer has (a justified line ending in "je" fell a point short of the
 * margin). The last cluster, and for a hyphen the letter before it, is
 * shaped again alone; where that gives other glyphs (a ligature formed or
 * broken) the line keeps its own. */
static void settle_line_end(const para *p, GSList *line) {
  PangoGlyphItem *last = NULL;
  int k = -1;
  for (GSList *r = line; r; r = r->next) {
    PangoGlyphItem *gi = r->data;
    for (int g = 0; g < gi->glyphs->num_glyphs; g++)
      if (gi->glyphs->glyphs[g].glyph != PANGO_GLYPH_EMPTY) {
        last = gi;
        k = g;
      }
  }
  if (!last) return;
  PangoGlyphString *gs = last->glyphs;
  int *lc = gs->log_clusters;
  int end = k + 1 < gs->num_glyphs ? lc[k + 1] : last->item->length;
  int from = k; /* first glyph of the cluster(s) shaped again */
  while (from > 0 && lc[from - 1] == lc[k])
    from--;
  const char *text = p->text + last->item->offset;
  if (end - lc[k] == 1 && text[lc[k]] == '-' && from > 0) { /* the hyphen and its letter */
    from--;
    while (from > 0 && lc[from - 1] == lc[from])
      from--;
  }
  PangoGlyphString *again = pango_glyph_string_new();
  pango_shape(text + lc[from], end - lc[from], &last->item->analysis, again);
  if (again->num_glyphs == k + 1 - from) {
    for (int g = 0; g < again->num_glyphs; g++) {
      gs->glyphs[from + g].glyph = again->glyphs[g].glyph;
      gs->glyphs[from + g].geometry = again->glyphs[g].geometry;
    }
  }
  pango_glyph_string_free(again);
}

/* Ends the line being filled: a separator inserted before a character (a
 * break after a slash or a dash) gets its glyph, and the line its end. */
static void cut_end_line(cutter *c) {
  const para_line *r = c->range;
  unsigned sep = r->end >= r->start + 3 ? r->end - 3 : r->end;
  bool has_sep = sep < r->end && memcmp(c->p->text + sep, LSEP, 3) == 0;
  if (has_sep && c->item && c->gs->num_glyphs &&
      (unsigned)c->gs->log_clusters[c->gs->num_glyphs - 1] < sep)
    cut_separator(c, sep);
  else
    cut_close(c, r->end);
  GSList *line = g_slist_reverse(c->line);
  c->line = NULL;
  if (has_sep) settle_line_end(c->p, line);
  g_ptr_array_add(c->lines, line);
}

/* Cuts the lines of p->text from l1, the layout of t that measured it, so
 * that the text is shaped once. brk and map are rebuild()'s. Every break
 * falls between two clusters of l1 (build_items places none inside one), so
 * each line's glyphs are those of l1 whose cluster falls on it, moved by
 * map: unchanged, except that a soft hyphen chosen as a break becomes a
 * hyphen, an unused one (drawn as nothing) goes, a space at a break becomes
 * the separator, drawn as nothing as pango draws the last space of a line,
 * and the line's last letters are shaped again (settle_line_end). Returns
 * false, having made nothing, where that is not enough: a break that adds
 * a character (a word broken by force, the continuation mark), text set
 * right to left, letter spacing (pango spaces a line's ends apart), a glyph
 * that does not fall as expected. */
static bool cut_lines(para *p, const measured *l1, const char *t, size_t len, const break_kind *brk,
                      const size_t *map, GArray **ranges_out) {
  if (p->style.tracking > 0 || brk[len] != BREAK_NONE) return false;
  for (size_t i = 0; i < len; i++)
    if (brk[i] == BREAK_HYPHEN || brk[i] == BREAK_MARK) return false;
  GArray *ranges = line_ranges(p->text);
  cutter c = {p,    g_ptr_array_new_with_free_func(glyph_line_free),
              NULL, &g_array_index(ranges, para_line, 0),
              NULL, NULL,
              NULL};
  guint li = 0;
  bool ok = true;
  for (guint ll = 0; ok && ll < l1->lines->len; ll++) {
    for (GSList *r = g_array_index(l1->lines, mline, ll).runs; ok && r; r = r->next) {
      const PangoGlyphItem *gi = r->data;
      const PangoGlyphString *gs = gi->glyphs;
      if (gi->item->analysis.level % 2) ok = false;
      for (int g = 0; ok && g < gs->num_glyphs; g++) {
        size_t at = (size_t)(gi->item->offset + gs->log_clusters[g]);
        PangoGlyphInfo glyph = gs->glyphs[g];
        bool alone = (g == 0 || gs->log_clusters[g - 1] != gs->log_clusters[g]) &&
                     (g + 1 == gs->num_glyphs || gs->log_clusters[g + 1] != gs->log_clusters[g]);
        bool shy = at + 1 < len && (unsigned char)t[at] == 0xc2 && (unsigned char)t[at + 1] == 0xad;
        if (shy && brk[at] != BREAK_SHY) {
          /* unused: gone from p->text; pango draws it as nothing */
          if (glyph.geometry.width != 0 || !alone) ok = false;
          continue;
        }
        unsigned nb = (unsigned)map[at];
        /* the glyph's line: the one its cluster falls on */
        while (nb >= c.range->end && li + 1 < ranges->len) {
          cut_end_line(&c);
          c.range = &g_array_index(ranges, para_line, ++li);
        }
        if (c.src != gi || !c.item) {
          cut_close(&c, nb);
          if (!c.line && nb != c.range->start) ok = false;
          cut_open(&c, gi, nb);
        }
        if (brk[at] == BREAK_SHY) {
          ok = alone && hyphen_glyph(&gi->item->analysis, &glyph);
          if (ok) cut_append(&c, glyph, nb);
          if (ok) cut_separator(&c, nb + 1);
        } else if (brk[at] == BREAK_SPACE) {
          ok = alone;
          if (ok) cut_separator(&c, nb);
        } else {
          cut_append(&c, glyph, nb);
        }
      }
    }
  }
  if (ok) {
    cut_end_line(&c);
    ok = c.lines->len == ranges->len;
  }
  if (!ok) {
    if (c.item) pango_item_free(c.item);
    if (c.gs) pango_glyph_string_free(c.gs);
    glyph_line_free(c.line);
    g_ptr_array_unref(c.lines);
    g_array_unref(ranges);
    return false;
  }
  p->glyphs = c.lines;
  *ranges_out = ranges;
  return true;
}

static para *layout(const para_src *src, const pdf_fonts *f, const para_style *st, double measure,
                    para_stats *stats, bool cut) {
  const char *t = src->text->str;
  size_t len = src->text->len;
  para *p = g_new0(para, 1);
  p->refs = 1;
  p->style = *st;
  p->measure = measure;
  font_metrics(p, f);

  /* 1. Measure, unbroken. */
  measured l1 = measure_text(f, st, t, len, src->runs);
  double *xs = cluster_x(&l1, len);
  const pdf_metrics *m = style_metrics(f, st);
  builder b = {g_array_new(FALSE, FALSE, sizeof(lb_item)),
               g_array_new(FALSE, FALSE, sizeof(size_t)),
               xs,
               0,
               0,
               t,
               src->runs,
               measure,
               m->hyphen,
               st->continuation ? m->mark : 0};
  build_items(&b, t, len, src->runs, st);

  /* 2. Choose the breaks. A BREAK_AFTER stands at the byte after the
   * character; rebuild() puts the separator before that byte. */
  break_kind *brk = g_new0(break_kind, len + 1);
  GArray *hard = choose_breaks(&b, st, measure, brk, &p->emergency);
  size_t *map = g_new(size_t, len + 1);
  p->text = rebuild(t, len, brk, map);
  map_runs(p, src->runs, map);

  /* 3. The lines: cut from the measuring layout, or, where they cannot be,
   * from a layout of the broken text; when nothing changed (one line, no
   * hyphenation point in it) the measuring layout is that layout. Then
   * justified. */
  GArray *ranges = NULL;
  if (strlen(p->text) == len && memcmp(p->text, t, len) == 0) {
    take_lines(p, &l1, &ranges);
    p->cut = true;
  } else if (cut && cut_lines(p, &l1, t, len, brk, map, &ranges)) {
    p->cut = true;
  } else {
    measured l2 = measured_of_layout(make_layout(f, st, p->text, -1, p->runs));
    take_lines(p, &l2, &ranges);
    measured_clear(&l2);
  }
  measured_clear(&l1);
  set_lines(p, f, ranges, hard, &p->stats);
  if (stats) para_stats_add(stats, &p->stats);
  g_array_unref(ranges);
  g_array_unref(hard);
  g_free(map);
  g_free(brk);
  g_array_unref(b.items);
  g_array_unref(b.at);
  g_free(xs);
  return p;
}

para *para_layout(const para_src *src, const pdf_fonts *f, const para_style *st, double measure,
                  para_stats *stats) {
  return layout(src, f, st, measure, stats, true);
}

para *para_layout_twice(const para_src *src, const pdf_fonts *f, const para_style *st,
                        double measure, para_stats *stats) {
  return layout(src, f, st, measure, stats, false);
}

void para_stats_add(para_stats *to, const para_stats *from) {
  to->paragraphs += from->paragraphs;
  to->lines += from->lines;
  to->justified += from->justified;
  to->hyphenated += from->hyphenated;
  to->stacked_hyphens += from->stacked_hyphens;
  to->ladders += from->ladders;
  to->loose += from->loose;
  to->capped += from->capped;
  to->sum_space += from->sum_space;
  if (from->max_space > to->max_space) to->max_space = from->max_space;
}

para *para_copy_onto(const para *p, para_font_fn counterpart, void *data) {
  para *c = g_new(para, 1);
  *c = *p;
  c->refs = 1;
  c->text = g_strdup(p->text);
  c->runs = g_array_sized_new(FALSE, TRUE, sizeof(para_run), p->runs->len);
  for (guint i = 0; i < p->runs->len; i++) {
    para_run r = g_array_index(p->runs, para_run, i);
    r.href = g_strdup(r.href);
    r.anchor = g_strdup(r.anchor);
    g_array_append_val(c->runs, r);
  }
  c->lines = g_array_copy(p->lines);
  c->glyphs = g_ptr_array_new_full(p->glyphs->len, glyph_line_free);
  bool ok = true;
  for (guint i = 0; i < p->glyphs->len; i++) {
    GSList *line = NULL;
    for (GSList *l = g_ptr_array_index(p->glyphs, i); l; l = l->next) {
      PangoGlyphItem *gi = pango_glyph_item_copy(l->data);
      PangoFont *theirs = gi->item->analysis.font;
      PangoFont *mine = ok && theirs ? counterpart(theirs, data) : NULL;
      if (theirs && !mine) ok = false;
      /* theirs stays alive: p holds it too */
      if (theirs) g_object_unref(theirs);
      gi->item->analysis.font = mine;
      line = g_slist_prepend(line, gi);
    }
    g_ptr_array_add(c->glyphs, g_slist_reverse(line));
  }
  if (!ok) {
    para_free(c);
    return NULL;
  }
  return c;
}

para *para_ref(para *p) {
  p->refs++;
  return p;
}

void para_free(para *p) {
  if (!p || --p->refs) return;
  runs_clear(p->runs);
  g_array_unref(p->runs);
  g_array_unref(p->lines);
  g_ptr_array_unref(p->glyphs);
  g_free(p->text);
  g_free(p);
}

void para_measure(const para_src *src, const pdf_fonts *f, const para_style *st, double *min,
                  double *max) {
  const char *t = src->text->str;
  size_t len = src->text->len;
  measured m = measured_of_layout(make_layout(f, st, t, (int)len, src->runs));
  double *xs = cluster_x(&m, len);
  int w;
  pango_layout_get_size(m.layout, &w, NULL);
  measured_clear(&m);
  builder b = {g_array_new(FALSE, FALSE, sizeof(lb_item)),
               g_array_new(FALSE, FALSE, sizeof(size_t)),
               xs,
               0,
               0,
               t,
               src->runs,
               INFINITY,
               0,
               0};
  build_items(&b, t, len, src->runs, st);
  *min = 0;
  for (guint i = 0; i < b.items->len; i++) {
    const lb_item *it = &g_array_index(b.items, lb_item, i);
    if (it->kind == LB_BOX && it->width > *min) *min = it->width;
  }
  *max = (double)w / PANGO_SCALE;
  g_array_unref(b.items);
  g_array_unref(b.at);
  g_free(xs);
}

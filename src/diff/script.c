/* script: the word diff of a modified or moved block.
 *
 * The tokens of the two blocks (tokens.h) are matched with seq_match and
 * cleaned up with seq_cleanup (seq.h), so the redline marks phrases, not
 * confetti. The script becomes the change's edits (Markdown-like text for
 * JSON and the terminal) and inline nodes marked inserted or deleted, drawn
 * into the block's redline copy and into the side-by-side views. */
#include "stages.h"
#include "statuut/seq.h"

#include <string.h>

/* Differences explored per block before the matcher gives up; see seq.h.
 * A paragraph has hundreds of words. */
enum { WORD_COST = 2000 };

/* The cleaned-up edit script of tokens a[0,m) -> b[0,n); *count runs.
 * Caller frees. */
static seq_run *word_script(const tok *a, int m, const tok *b, int n, int *count) {
  int *ia = g_new(int, m + 1), *ib = g_new(int, n + 1), *match = g_new(int, m + 1);
  int *wa = g_new(int, m + 1), *wb = g_new(int, n + 1);
  for (int i = 0; i < m; i++)
    ia[i] = a[i].id, wa[i] = (int)strlen(a[i].text);
  for (int j = 0; j < n; j++)
    ib[j] = b[j].id, wb[j] = (int)strlen(b[j].text);
  seq_match(ia, m, ib, n, match, WORD_COST);
  seq_cleanup(ia, wa, m, ib, wb, n, match);
  seq_run *script = g_new(seq_run, m + n + 1);
  *count = seq_script(match, m, n, script);
  g_free(ia);
  g_free(ib);
  g_free(wa);
  g_free(wb);
  g_free(match);
  return script;
}

GArray *script_spans(const tok *t, int from, int to) {
  GArray *ts = g_array_new(FALSE, FALSE, sizeof(tok_span));
  tok_spans(t, from, to, ts);
  GArray *out = NULL;
  if (ts->len) {
    out = g_array_sized_new(FALSE, FALSE, sizeof(diff_span), ts->len);
    g_array_set_clear_func(out, diff_span_clear);
    for (guint i = 0; i < ts->len; i++) {
      const tok_span *x = &g_array_index(ts, tok_span, i);
      diff_span sp = {x->start, x->end, x->style, NULL, NULL, NULL};
      if (x->image)
        sp.image = g_strdup(x->url);
      else
        sp.link = g_strdup(x->url);
      if (x->label) /* "[^label]" */
        sp.note = g_strndup(x->label + 2, strlen(x->label) - 3);
      g_array_append_val(out, sp);
    }
  }
  g_array_free(ts, TRUE);
  return out;
}

static diff_op edit_op(seq_op op) {
  return op == SEQ_INSERT ? EDIT_INSERT : op == SEQ_DELETE ? EDIT_DELETE : EDIT_EQUAL;
}

/* ---- building inline nodes from tokens ---- */

/* Appends to container the nodes for tokens t[from, to), marked as given:
 * runs of the same style and link become one styled node. */
static void emit_tokens(doc_node *container, const tok *t, int from, int to, doc_mark mark,
                        unsigned flags) {
  int i = from;
  while (i < to) {
    int k = i + 1;
    while (k < to && t[k].style == t[i].style && t[k].url == t[i].url && t[k].kind != TOK_REF &&
           t[k].kind != TOK_IMAGE && t[k].kind != TOK_BREAK && t[i].kind != TOK_REF &&
           t[i].kind != TOK_IMAGE && t[i].kind != TOK_BREAK && !(t[i].style & STYLE_CODE))
      k++;
    doc_node *outer = NULL, *inner = NULL;
    /* wrap: link, strong, emphasis, strike, from the outside in */
    doc_node_type wraps[4];
    int nw = 0;
    if (t[i].url && t[i].kind != TOK_IMAGE) wraps[nw++] = DOC_LINK;
    if (t[i].style & STYLE_STRONG) wraps[nw++] = DOC_STRONG;
    if (t[i].style & STYLE_EM) wraps[nw++] = DOC_EMPH;
    if (t[i].style & STYLE_STRIKE) wraps[nw++] = DOC_STRIKE;
    for (int w = 0; w < nw; w++) {
      doc_node *x = doc_node_new(wraps[w]);
      if (wraps[w] == DOC_LINK) x->url = g_strdup(t[i].url);
      if (inner)
        doc_node_append(inner, x);
      else
        outer = x;
      inner = x;
    }
    doc_node *leaf;
    if (t[i].kind == TOK_REF) {
      leaf = doc_node_new(DOC_FOOTNOTE_REF);
      leaf->label = g_strdup(t[i].label);
    } else if (t[i].kind == TOK_BREAK) {
      leaf = doc_node_new(DOC_LINEBREAK);
    } else if (t[i].kind == TOK_IMAGE) {
      leaf = doc_node_new(DOC_IMAGE);
      leaf->url = g_strdup(t[i].url);
      doc_node *alt = doc_node_new(DOC_TEXT);
      alt->text = g_strdup(t[i].text);
      doc_node_append(leaf, alt);
    } else if (t[i].style & STYLE_CODE) {
      leaf = doc_node_new(DOC_CODE);
      leaf->text = g_strdup(t[i].text);
    } else {
      leaf = doc_node_new(DOC_TEXT);
      leaf->text = tok_plain(t, i, k);
    }
    if (inner)
      doc_node_append(inner, leaf);
    else
      outer = leaf;
    outer->mark = mark;
    outer->mark_flags = flags;
    doc_node_append(container, outer);
    i = k;
  }
}

/* Which runs of a script to draw. */
enum { SHOW_OLD = 1, SHOW_NEW = 2 };

/* True when tokens t[from, to) are punctuation (and spaces) alone. */
static bool punct_only(const tok *t, int from, int to) {
  bool any = false;
  for (int i = from; i < to; i++) {
    if (t[i].kind == TOK_PUNCT)
      any = true;
    else if (t[i].kind != TOK_SPACE)
      return false;
  }
  return any;
}

/* True when the delete run d and the insert run i that follows it hold the
 * same words and differ only in emphasis or link: a restyle, not an edit. */
static bool is_restyle(const seq_run *d, const seq_run *i, const tok *a, const tok *b) {
  if (d->op != SEQ_DELETE || i->op != SEQ_INSERT || d->to - d->from != i->to - i->from)
    return false;
  for (int k = 0; k < d->to - d->from; k++) {
    const tok *x = &a[d->from + k], *y = &b[i->from + k];
    if (x->kind != y->kind || x->text != y->text || x->kind == TOK_REF || x->kind == TOK_IMAGE)
      return false;
  }
  return true;
}

/* The changes of markup of a restyle, one per stretch of the same old and
 * new styles and links, appended to list (of diff_restyle*). */
static void restyles_of(GPtrArray *list, const tok *a, int af, const tok *b, int bf, int len) {
  for (int k = 0; k < len;) {
    const tok *x = &a[af + k], *y = &b[bf + k];
    int e = k + 1;
    while (e < len && a[af + e].style == x->style && a[af + e].url == x->url &&
           b[bf + e].style == y->style && b[bf + e].url == y->url)
      e++;
    if (x->style != y->style || x->url != y->url) {
      diff_restyle *r = g_new0(diff_restyle, 1);
      r->text = tok_plain(b, bf + k, bf + e);
      g_strstrip(r->text);
      r->old_style = x->style & ~STYLE_CODE;
      r->new_style = y->style & ~STYLE_CODE;
      r->old_link = g_strdup(x->url);
      r->new_link = g_strdup(y->url);
      g_ptr_array_add(list, r);
    }
    k = e;
  }
}

/* Draws a restyle: the words as they are now, marked restyled, followed by
 * what changed ("link gewijzigd: oud → nieuw") as a note. */
static void emit_restyle(doc_node *container, const tok *a, int af, const tok *b, int bf, int len,
                         bool old_side, bool note) {
  if (old_side)
    emit_tokens(container, a, af, af + len, MARK_RESTYLED, 0);
  else
    emit_tokens(container, b, bf, bf + len, MARK_RESTYLED, 0);
  if (!note) return;
  GPtrArray *list = g_ptr_array_new();
  restyles_of(list, a, af, b, bf, len);
  for (guint k = 0; k < list->len; k++) {
    diff_restyle *r = g_ptr_array_index(list, k);
    char *label = diff_restyle_label(r);
    doc_node *t = doc_node_new(DOC_TEXT);
    t->text = g_strdup_printf(" (%s)", label);
    t->mark = MARK_NOTE;
    doc_node_append(container, t);
    g_free(label);
    diff_restyle_free(r);
  }
  g_ptr_array_free(list, TRUE);
}

/* Replaces the inline children of container by the script's runs. */
static void draw_script(doc_node *container, const seq_run *script, int count, const tok *a,
                        const tok *b, int show) {
  while (container->first)
    doc_node_free(container->first);
  for (int s = 0; s < count; s++) {
    seq_run g = script[s];
    if (s + 1 < count && is_restyle(&g, &script[s + 1], a, b)) {
      emit_restyle(container, a, g.from, b, script[s + 1].from, g.to - g.from, show == SHOW_OLD,
                   show != SHOW_OLD);
      s++;
    } else if (g.op == SEQ_EQUAL) {
      emit_tokens(container, a, g.from, g.to, MARK_NONE, 0);
    } else if (g.op == SEQ_DELETE && (show & SHOW_OLD)) {
      emit_tokens(container, a, g.from, g.to, MARK_DELETE,
                  punct_only(a, g.from, g.to) ? MARKF_PUNCT : 0);
    } else if (g.op == SEQ_INSERT && (show & SHOW_NEW)) {
      emit_tokens(container, b, g.from, g.to, MARK_INSERT,
                  punct_only(b, g.from, g.to) ? MARKF_PUNCT : 0);
    }
  }
}

/* One edit: plain text with its markup beside it (unless not wanted:
 * diff_opts.no_spans). */
static diff_edit *edit_new(diff_op op, const tok *t, int from, int to, bool spans) {
  diff_edit *e = g_new0(diff_edit, 1);
  e->op = op;
  e->text = tok_plain(t, from, to);
  if (spans) e->spans = script_spans(t, from, to);
  return e;
}

/* Characters of tokens [from, to) other than white space. */
static int visible_chars(const tok *t, int from, int to) {
  int n = 0;
  for (int i = from; i < to; i++)
    if (t[i].kind != TOK_SPACE && t[i].kind != TOK_BREAK) n += (int)g_utf8_strlen(t[i].text, -1);
  return n;
}

/* The edits of one part (a cell, a paragraph of a note, or all of a block),
 * into ch. A restyle (the same words, other emphasis or link) is a delete
 * and an insert of the same text, as the texts must add up, both pointing
 * at the restyle it is; it counts as no word and no character. */
static void add_edits(diff_change *ch, const seq_run *script, int count, const tok *a, const tok *b,
                      bool spans, bool *punct, bool *edited) {
  for (int s = 0; s < count; s++) {
    seq_run g = script[s];
    const tok *src = g.op == SEQ_INSERT ? b : a;
    if (s + 1 < count && is_restyle(&g, &script[s + 1], a, b)) {
      if (!ch->restyles) ch->restyles = g_ptr_array_new_with_free_func(diff_restyle_free);
      guint before = ch->restyles->len;
      restyles_of(ch->restyles, a, g.from, b, script[s + 1].from, g.to - g.from);
      diff_edit *d = edit_new(EDIT_DELETE, a, g.from, g.to, spans);
      diff_edit *i = edit_new(EDIT_INSERT, b, script[s + 1].from, script[s + 1].to, spans);
      d->restyle = i->restyle = (int)before + 1;
      g_ptr_array_add(ch->edits, d);
      g_ptr_array_add(ch->edits, i);
      s++;
      continue;
    }
    g_ptr_array_add(ch->edits, edit_new(edit_op(g.op), src, g.from, g.to, spans));
    if (g.op == SEQ_EQUAL) continue;
    int w = tok_words(src + g.from, g.to - g.from);
    int chars = visible_chars(src, g.from, g.to);
    if (g.op == SEQ_INSERT) ch->words_inserted += w, ch->chars_inserted += chars;
    if (g.op == SEQ_DELETE) ch->words_deleted += w, ch->chars_deleted += chars;
    if (chars) *edited = true;
    if (!punct_only(src, g.from, g.to) && chars) *punct = false;
  }
}

/* True when every part of u is inline text (no code block or rule). */
static bool drawable(const unit *u) {
  for (guint i = 0; i < u->parts->len; i++) {
    const doc_node *p = g_ptr_array_index(u->parts, i);
    if (p->type == DOC_CODE_BLOCK || p->type == DOC_THEMATIC_BREAK) return false;
  }
  return true;
}

/* Where draw_across is in both blocks' parts. */
typedef struct {
  const unit *u;
  int part; /* the part being drawn */
} side_at;

/* True when token i of u is the separator after the current part. */
static bool at_separator(const side_at *s, int i) {
  return s->part + 1 < (int)s->u->parts->len && i == g_array_index(s->u->part_end, int, s->part);
}

static doc_node *container_of(GHashTable *map, const side_at *s) {
  return g_hash_table_lookup(map, g_ptr_array_index(s->u->parts, s->part));
}

/* The script of two blocks with different numbers of parts (a paragraph
 * split in two, two merged, a note that gained a paragraph), drawn into
 * the parts it belongs to: map gives the containers (the redline's copies
 * of b's parts; a view's copies, of a's or b's). Deleted words stand in
 * the part of b being drawn; separators are not drawn. */
static void draw_across(const unit *a, const unit *b, const seq_run *script, int count,
                        GHashTable *map, int show) {
  const tok *at = (const tok *)a->toks->data, *bt = (const tok *)b->toks->data;
  const unit *target = show == SHOW_OLD ? a : b;
  for (guint i = 0; i < target->parts->len; i++) {
    doc_node *c = g_hash_table_lookup(map, g_ptr_array_index(target->parts, i));
    while (c && c->first)
      doc_node_free(c->first);
  }
  side_at sa = {a, 0}, sb = {b, 0};
  const side_at *draw_in = show == SHOW_OLD ? &sa : &sb;
  int bpos = 0;
  for (int r = 0; r < count; r++) {
    seq_run g = script[r];
    bool ins = g.op == SEQ_INSERT, del = g.op == SEQ_DELETE;
    const tok *t = ins ? bt : at;
    bool shown = g.op == SEQ_EQUAL || (ins && (show & SHOW_NEW)) || (del && (show & SHOW_OLD));
    doc_mark mark = ins ? MARK_INSERT : del ? MARK_DELETE : MARK_NONE;
    for (int i = g.from; i < g.to;) {
      int j = i;
      /* the stretch up to the next separator of either side */
      while (j < g.to && !(ins ? at_separator(&sb, j)
                               : at_separator(&sa, j) ||
                                     (g.op == SEQ_EQUAL && at_separator(&sb, bpos + (j - g.from)))))
        j++;
      doc_node *c = shown ? container_of(map, draw_in) : NULL;
      if (c && j > i)
        emit_tokens(c, t, i, j, mark, mark != MARK_NONE && punct_only(t, i, j) ? MARKF_PUNCT : 0);
      if (j < g.to) { /* a separator: the next part */
        if (ins) {
          sb.part++;
        } else {
          if (at_separator(&sa, j)) sa.part++;
          if (g.op == SEQ_EQUAL && at_separator(&sb, bpos + (j - g.from))) sb.part++;
        }
        j++;
      }
      i = j;
    }
    if (g.op == SEQ_EQUAL) bpos += g.to - g.from;
    if (ins) bpos = g.to;
  }
}

/* Word edits between two matched blocks: per part when both have the same
 * number of parts (cells of a row, paragraphs of a note), else the parts are
 * compared as one text. */
void script_word_edits(const unit *a, const unit *b, diff_change *ch, GHashTable *red_map,
                       diff_row *row) {
  ch->edits = g_ptr_array_new();
  GHashTable *old_map = g_hash_table_new(g_direct_hash, g_direct_equal);
  GHashTable *new_map = g_hash_table_new(g_direct_hash, g_direct_equal);
  row->old_view = doc_node_copy(a->node, old_map);
  row->new_view = doc_node_copy(b->node, new_map);
  doc_walk(row->old_view, redline_old_copy_cb, a->c); /* the redline's note labels */
  bool per_part = a->parts->len == b->parts->len;
  bool punct = true, edited = false, spans = !a->c->no_spans;
  const tok *at = unit_toks((unit *)a), *bt = unit_toks((unit *)b);
  guint parts = per_part ? a->parts->len : 1;
  for (guint p = 0; p < parts; p++) {
    int a0 = per_part && p ? g_array_index(a->part_end, int, p - 1) + 1 : 0;
    int a1 = per_part ? g_array_index(a->part_end, int, p) : (int)a->toks->len;
    int b0 = per_part && p ? g_array_index(b->part_end, int, p - 1) + 1 : 0;
    int b1 = per_part ? g_array_index(b->part_end, int, p) : (int)b->toks->len;
    int count;
    seq_run *script = word_script(at + a0, a1 - a0, bt + b0, b1 - b0, &count);
    if (per_part && p > 0) /* the boundary between two cells or two paragraphs of a note */
      g_ptr_array_add(ch->edits, edit_new(EDIT_EQUAL, bt, b0 - 1, b0, spans));
    add_edits(ch, script, count, at + a0, bt + b0, spans, &punct, &edited);
    const doc_node *np = g_ptr_array_index(b->parts, p), *op = g_ptr_array_index(a->parts, p);
    if (per_part && np->type != DOC_CODE_BLOCK && np->type != DOC_THEMATIC_BREAK) {
      draw_script(g_hash_table_lookup(red_map, np), script, count, at + a0, bt + b0,
                  SHOW_OLD | SHOW_NEW);
      draw_script(g_hash_table_lookup(new_map, np), script, count, at + a0, bt + b0, SHOW_NEW);
      draw_script(g_hash_table_lookup(old_map, op), script, count, at + a0, bt + b0, SHOW_OLD);
    } else if (!per_part && drawable(a) && drawable(b)) {
      draw_across(a, b, script, count, red_map, SHOW_OLD | SHOW_NEW);
      draw_across(a, b, script, count, new_map, SHOW_NEW);
      draw_across(a, b, script, count, old_map, SHOW_OLD);
    }
    g_free(script);
  }
  if ((!per_part && !(drawable(a) && drawable(b))) ||
      ((const doc_node *)g_ptr_array_index(b->parts, 0))->type == DOC_CODE_BLOCK) {
    /* no word-level drawing: the old text is shown deleted, the new inserted */
    row->old_view->mark = MARK_DELETE;
    row->new_view->mark = MARK_INSERT;
  }
  ch->punctuation = edited && punct;
  diff_mark_tree(row->old_view);
  diff_mark_tree(row->new_view);
  g_hash_table_destroy(old_map);
  g_hash_table_destroy(new_map);
}

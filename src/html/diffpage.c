/* diffpage: the redline page, templates/diff.html filled with a diff model.
 *
 * One page, three views a reader switches between with links (CSS :target,
 * no JavaScript): the whole new version with the changes marked, the changes
 * only (each with the blocks around it), and old beside new. Above them the
 * summary: counts, words added and removed, changed front matter, and the
 * changed sections linking to their changes. The marks themselves are drawn
 * by the document renderer (render.c). */
#include "page.h"

#include <string.h>

static void set(xmlNodePtr n, const char *attr, const char *value) {
  xmlSetProp(n, (const xmlChar *)attr, (const xmlChar *)value);
}

static xmlNodePtr change_link(xmlNodePtr parent, const diff_change *ch, const char *text) {
  xmlNodePtr a = html_el(parent, "a", NULL);
  char *id = diff_change_anchor(ch->id, false);
  char *href = g_strconcat("#", id, NULL);
  set(a, "href", href);
  html_text(a, text);
  g_free(href);
  g_free(id);
  return a;
}

/* "3 gewijzigd, 1 verplaatst · 47 woorden erbij, 49 eraf" as a list. */
static void fill_summary(xmlNodePtr slot, const diff_result *r) {
  xmlNodePtr ul = html_el(slot, "ul", "telling");
  for (int k = 0; k < CHANGE_KIND_MAX; k++) {
    xmlNodePtr li = html_el(ul, "li", diff_kind_label(k));
    char *t = g_strdup_printf("%d %s", r->count[k], diff_kind_label(k));
    html_text(li, t);
    g_free(t);
  }
  xmlNodePtr li = html_el(ul, "li", "woorden");
  char *t = diff_words_label(r->words_inserted, r->words_deleted);
  html_text(li, t);
  g_free(t);
}

static void fill_metadata(xmlNodePtr slot, const diff_result *r) {
  xmlNodePtr table = html_el(slot, "table", "gegevens-wijzigingen");
  xmlNodePtr head = html_el(html_el(table, "thead", NULL), "tr", NULL);
  const char *cols[] = {"Gegeven", "Was", "Is nu"};
  for (int i = 0; i < 3; i++) {
    xmlNodePtr th = html_el(head, "th", NULL);
    set(th, "scope", "col");
    html_text(th, cols[i]);
  }
  xmlNodePtr body = html_el(table, "tbody", NULL);
  for (guint i = 0; i < r->metadata->len; i++) {
    const diff_meta *m = g_ptr_array_index(r->metadata, i);
    xmlNodePtr tr = html_el(body, "tr", NULL);
    xmlNodePtr th = html_el(tr, "th", NULL);
    set(th, "scope", "row");
    html_text(th, diff_field_label(m->field));
    xmlNodePtr o = html_el(tr, "td", NULL), n = html_el(tr, "td", NULL);
    /* the column's name, for the stacked rows of a narrow screen */
    set(o, "data-label", cols[1]);
    set(n, "data-label", cols[2]);
    if (m->old_value) {
      xmlNodePtr del = html_el(o, "del", NULL);
      html_text(html_el(del, "span", "vh"), diff_mark_label(MARK_DELETE));
      html_text(del, m->old_value);
    }
    if (m->new_value) {
      xmlNodePtr ins = html_el(n, "ins", NULL);
      html_text(html_el(ins, "span", "vh"), diff_mark_label(MARK_INSERT));
      html_text(ins, m->new_value);
    }
  }
}

/* A new element that is in no tree yet, for tpl_stream_open. */
static xmlNodePtr loose_el(xmlDocPtr xdoc, const char *name, const char *cls) {
  xmlNodePtr n = xmlNewDocNode(xdoc, NULL, (const xmlChar *)name, NULL);
  if (cls) set(n, "class", cls);
  return n;
}

/* Writes the children of scratch to out and frees them. A last text that
 * ends a line is kept (written already) as scratch's first child: the next
 * block's html_line_break must see it as it would in one DOM. *kept says
 * whether the first child is such a text, and *kept_len how long it was. */
static void flush(tpl_stream *out, xmlNodePtr scratch, bool *kept, size_t *kept_len) {
  xmlNodePtr ch = scratch->children;
  if (*kept && ch) {
    /* written, but for what was added to it since */
    size_t n = strlen((const char *)ch->content);
    if (n > *kept_len) {
      xmlNodePtr rest = xmlNewDocText(ch->doc, ch->content + *kept_len);
      tpl_stream_node(out, rest);
      xmlFreeNode(rest);
    }
    ch = ch->next;
  }
  for (; ch; ch = ch->next)
    tpl_stream_node(out, ch);
  xmlNodePtr last = scratch->last;
  bool keep = last && last->type == XML_TEXT_NODE && last->content &&
              g_str_has_suffix((const char *)last->content, "\n");
  for (xmlNodePtr n = scratch->children, next; n && !(keep && n == last); n = next) {
    next = n->next;
    xmlUnlinkNode(n);
    xmlFreeNode(n);
  }
  *kept = keep;
  *kept_len = keep ? strlen((const char *)last->content) : 0;
}

/* One change of the summary: its number (the one of the document view and
 * the PDF), its first words linking to it, and its edited words, as the
 * PDF's summary lists them. */
static void section_entry(xmlNodePtr parent, const diff_change *ch, const html_ctx *ctx) {
  xmlNodePtr li = html_el(parent, "li", NULL);
  char num[16];
  g_snprintf(num, sizeof num, "%d", ch->id);
  set(li, "value", num);
  /* the entry's first words link to the change; the rest is its text */
  doc_node *e = diff_entry(ch, 120);
  doc_node *head = e->first;
  char *head_text = head && head->type == DOC_TEXT ? g_strdup(head->text) : g_strdup("");
  if (head) doc_node_free(head);
  change_link(li, ch, head_text);
  g_free(head_text);
  diff_mark_tree(e);
  xmlNodePtr tmp = xmlNewDocNode(li->doc, NULL, (const xmlChar *)"div", NULL);
  html_render_block(tmp, e, ctx);
  /* the paragraph's content goes into the item itself */
  for (xmlNodePtr p = tmp->children; p; p = p->next)
    if (p->type == XML_ELEMENT_NODE && xmlStrcmp(p->name, (const xmlChar *)"p") == 0) {
      while (p->children) {
        xmlNodePtr c = p->children;
        xmlUnlinkNode(c);
        xmlAddChild(li, c);
      }
      break;
    }
  xmlFreeNode(tmp);
  doc_node_free(e);
}

/* The changes in reading order under their sections (a path of headings),
 * each an entry (section_entry), streamed one by one. */
static void fill_sections(xmlDocPtr xdoc, tpl_stream *out, const diff_result *r,
                          const html_ctx *ctx) {
  xmlNodePtr scratch = loose_el(xdoc, "div", NULL);
  tpl_stream_open(out, loose_el(xdoc, "div", "secties"));
  const char *current = NULL;
  bool open = false;
  for (guint i = 0; i < r->changes->len; i++) {
    const diff_change *ch = g_ptr_array_index(r->changes, i);
    const char *sec = ch->kind == CHANGE_MOVED ? ch->new_section : ch->section;
    if (ch->block == DIFF_BLOCK_FOOTNOTE) sec = "Noten";
    sec = diff_section_label(sec);
    if (!open || g_strcmp0(sec, current) != 0) {
      if (open) tpl_stream_close(out);
      html_text(html_el(scratch, "p", "sectie"), sec);
      tpl_stream_node(out, scratch->children);
      tpl_clear(scratch);
      tpl_stream_open(out, loose_el(xdoc, "ol", "wijzigingen"));
      open = true;
      current = sec;
    }
    section_entry(scratch, ch, ctx);
    tpl_stream_node(out, scratch->children);
    tpl_clear(scratch);
  }
  if (open) tpl_stream_close(out);
  tpl_stream_close(out);
  xmlFreeNode(scratch);
}

static void nav_link(xmlNodePtr nav, const char *cls, const char *word, int n, const char *arrow) {
  char *id = diff_change_anchor(n, false);
  char *href = g_strconcat("#", id, NULL);
  xmlNodePtr a = html_el(nav, "a", cls);
  set(a, "href", href);
  char *label = g_strdup_printf("%s wijziging (%d)", word, n);
  set(a, "aria-label", label);
  html_text(a, arrow);
  g_free(label);
  g_free(href);
  g_free(id);
}

/* The number of each change by its anchor, for add_navigation. Free with
 * g_hash_table_destroy. */
static GHashTable *change_numbers(const diff_result *r) {
  GHashTable *number = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < r->changes->len; i++) {
    const diff_change *ch = g_ptr_array_index(r->changes, i);
    g_hash_table_insert(number, diff_change_anchor(ch->id, false), GINT_TO_POINTER(ch->id));
  }
  return number;
}

/* Previous/next links after the anchor of every change (the new place of a
 * moved one) in the whole-document view; number: change_numbers. */
static void add_navigation(xmlNodePtr root, const diff_result *r, GHashTable *number) {
  int count = (int)r->changes->len;
  GPtrArray *anchors = tpl_find_attr(root, "id");
  for (guint i = 0; i < anchors->len; i++) {
    xmlNodePtr el = g_ptr_array_index(anchors, i);
    xmlChar *id = xmlGetProp(el, (const xmlChar *)"id");
    int n = GPOINTER_TO_INT(g_hash_table_lookup(number, id));
    xmlFree(id);
    if (n <= 0) continue;
    xmlNodePtr nav = xmlNewDocNode(el->doc, NULL, (const xmlChar *)"span", NULL);
    set(nav, "class", "nav-wijziging");
    /* never inside a heading: its links would become part of the heading's
     * name ("↑↓3 verwijderd: …" read out as the title); before it instead */
    xmlNodePtr heading = NULL;
    for (xmlNodePtr p = el; p && p->type == XML_ELEMENT_NODE; p = p->parent)
      if (p->name[0] == 'h' && p->name[1] >= '1' && p->name[1] <= '6' && !p->name[2]) heading = p;
    if (heading) {
      xmlNodePtr line = xmlNewDocNode(el->doc, NULL, (const xmlChar *)"div", NULL);
      set(line, "class", "nav-wijziging-kop");
      xmlAddChild(line, nav);
      xmlAddPrevSibling(heading, line);
    } else {
      xmlAddNextSibling(el, nav);
    }
    if (n > 1) nav_link(nav, "vorige", "Vorige", n - 1, "\xe2\x86\x91");
    if (n < count) nav_link(nav, "volgende", "Volgende", n + 1, "\xe2\x86\x93");
    char *num = g_strdup_printf("%d", n);
    html_text(html_el(nav, "span", "nummer"), num);
    g_free(num);
  }
  g_ptr_array_free(anchors, TRUE);
}

/* The block a change is read in: a paragraph that is the text of a list
 * item is shown as that item. */
static const doc_node *reading_block(const doc_node *n) {
  if (n->type == DOC_PARAGRAPH && n->parent && n->parent->type == DOC_ITEM && n->parent->first == n)
    return n->parent;
  return n;
}

/* A neighbour of b that is a plain block to show as context, or NULL. */
static const doc_node *context(const doc_node *b, bool before) {
  const doc_node *s = before ? b->prev : b->next;
  return s && s->mark == MARK_NONE && s->type != DOC_LIST && s->type != DOC_TABLE ? s : NULL;
}

/* One change with the blocks around it, for the view of the changes only. */
static void change_section(xmlNodePtr parent, const diff_change *ch, const html_ctx *ctx) {
  {
    xmlNodePtr sec = html_el(parent, "section", "wijziging");
    char *id = g_strdup_printf("los_%d", ch->id);
    set(sec, "id", id);
    g_free(id);
    xmlNodePtr h = html_el(sec, "h3", NULL);
    char *title = g_strdup_printf("%d. %s %s", ch->id, diff_block_label(ch->block),
                                  diff_kind_label(ch->kind));
    html_text(h, title);
    g_free(title);
    xmlNodePtr where = html_el(sec, "p", "waar");
    if (ch->kind == CHANGE_MOVED) {
      char *t = g_strdup_printf(
          "van \xe2\x80\x98%s\xe2\x80\x99 naar \xe2\x80\x98%s\xe2\x80\x99 \xc2\xb7 ",
          ch->old_section ? ch->old_section : "", ch->new_section ? ch->new_section : "");
      html_text(where, t);
      g_free(t);
    } else if (ch->section) {
      char *t = g_strdup_printf("in \xe2\x80\x98%s\xe2\x80\x99 \xc2\xb7 ", ch->section);
      html_text(where, t);
      g_free(t);
    }
    change_link(where, ch, "in het document");
    const doc_node *b = reading_block(ch->red);
    xmlNodePtr box = html_el(sec, "div", "blokken");
    const doc_node *pre = context(b, true), *post = context(b, false);
    if (pre) html_render_block(html_el(box, "div", "context"), pre, ctx);
    if (ch->red_from)
      html_render_block(html_el(box, "div", "blok"), reading_block(ch->red_from), ctx);
    html_render_block(html_el(box, "div", "blok"), b, ctx);
    if (post) html_render_block(html_el(box, "div", "context"), post, ctx);
  }
}

/* The view of the changes only, streamed a change at a time. */
static void fill_changes(xmlDocPtr xdoc, tpl_stream *out, const diff_result *r,
                         const html_ctx *ctx) {
  xmlNodePtr scratch = loose_el(xdoc, "div", NULL);
  for (guint i = 0; i < r->changes->len; i++) {
    change_section(scratch, g_ptr_array_index(r->changes, i), ctx);
    tpl_stream_node(out, scratch->children);
    tpl_clear(scratch);
  }
  xmlFreeNode(scratch);
}

/* Renders a block of one side into a cell; blocks that exist on one side
 * only are drawn as inserted or deleted. */
static void side_cell(xmlNodePtr td, const doc_node *block, doc_node *view, doc_mark whole,
                      const html_ctx *ctx) {
  const doc_node *src = view ? view : block;
  if (!src) return;
  doc_node *copy = doc_node_copy(src, NULL);
  /* an item's nested points have rows of their own */
  if (copy->type == DOC_ITEM)
    for (doc_node *c = copy->first, *next; c; c = next) {
      next = c->next;
      if (c->type == DOC_LIST) doc_node_free(c);
    }
  if (!view && whole != MARK_NONE) {
    copy->mark = whole;
    if (copy->type == DOC_ITEM && copy->first) copy->first->mark = whole;
  }
  diff_mark_tree(copy);
  html_render_block(td, copy, ctx);
  doc_node_free(copy);
}

/* Old beside new, streamed a row at a time. */
static void fill_side_by_side(xmlDocPtr xdoc, tpl_stream *out, const diff_result *r,
                              const html_ctx *ctx) {
  xmlNodePtr scratch = loose_el(xdoc, "div", NULL);
  tpl_stream_open(out, loose_el(xdoc, "table", "naast-elkaar"));
  xmlNodePtr head = html_el(html_el(scratch, "thead", NULL), "tr", NULL);
  char *o = g_strdup_printf("Versie %s", r->old_doc->meta.version);
  char *n = g_strdup_printf("Versie %s", r->new_doc->meta.version);
  xmlNodePtr th = html_el(head, "th", NULL);
  set(th, "scope", "col");
  html_text(th, o);
  th = html_el(head, "th", NULL);
  set(th, "scope", "col");
  html_text(th, n);
  tpl_stream_node(out, scratch->children);
  tpl_clear(scratch);
  const char *o_label = o, *n_label = n;
  tpl_stream_open(out, loose_el(xdoc, "tbody", NULL));
  /* Only the changed blocks, each with one block of context on either side;
   * what is left out is said, with a link to the whole text. */
  guint nrows = r->rows->len, skipped = 0;
  for (guint i = 0; i < nrows; i++) {
    const diff_row *row = g_ptr_array_index(r->rows, i);
    const diff_change *ch = row->change;
    bool near =
        ch || (i > 0 && ((const diff_row *)g_ptr_array_index(r->rows, i - 1))->change) ||
        (i + 1 < nrows && ((const diff_row *)g_ptr_array_index(r->rows, i + 1))->change) ||
        /* one block alone between two contexts: shown, not skipped */
        (i >= 2 && i + 2 < nrows && ((const diff_row *)g_ptr_array_index(r->rows, i - 2))->change &&
         ((const diff_row *)g_ptr_array_index(r->rows, i + 2))->change);
    if (!near) {
      skipped++;
      if (i + 1 < nrows) continue;
    }
    if (skipped) {
      xmlNodePtr gap = html_el(html_el(scratch, "tr", "overgeslagen"), "td", NULL);
      set(gap, "colspan", "2");
      char *t =
          g_strdup_printf(skipped == 1 ? "\xe2\x80\xa6 %u ongewijzigd blok: zie de hele tekst"
                                       : "\xe2\x80\xa6 %u ongewijzigde blokken: zie de hele tekst",
                          skipped);
      xmlNodePtr a = html_el(gap, "a", NULL);
      set(a, "href", "#weergave_geheel");
      html_text(a, t);
      g_free(t);
      skipped = 0;
      tpl_stream_node(out, scratch->children);
      tpl_clear(scratch);
    }
    if (!near) continue;
    xmlNodePtr tr = html_el(scratch, "tr", ch ? diff_kind_label(ch->kind) : NULL);
    xmlNodePtr to = html_el(tr, "td", NULL), tn = html_el(tr, "td", NULL);
    /* stacked on a phone, each cell says which version it shows */
    set(to, "data-label", o_label);
    set(tn, "data-label", n_label);
    doc_mark old_mark =
        ch && (ch->kind == CHANGE_DELETED || (ch->kind == CHANGE_MOVED && !row->new_block))
            ? (ch->kind == CHANGE_MOVED ? MARK_MOVED_FROM : MARK_DELETE)
            : MARK_NONE;
    doc_mark new_mark = ch && ch->kind == CHANGE_INSERTED ? MARK_INSERT : MARK_NONE;
    /* an old block without a view of its own is copied with the redline's
     * note labels, so its references point at the notes of this page */
    doc_node *old_copy =
        !row->old_view && row->old_block ? diff_old_view(r, reading_block(row->old_block)) : NULL;
    side_cell(to, old_copy, row->old_view, old_mark, ctx);
    doc_node_free(old_copy);
    side_cell(tn, row->new_block ? reading_block(row->new_block) : NULL, row->new_view, new_mark,
              ctx);
    tpl_stream_node(out, tr);
    tpl_clear(scratch);
  }
  tpl_stream_close(out); /* tbody */
  tpl_stream_close(out); /* table */
  xmlFreeNode(scratch);
  g_free(o);
  g_free(n);
}

/* The whole new version with the changes marked, streamed a block at a
 * time, each with its navigation. */
static void fill_document(xmlDocPtr xdoc, tpl_stream *out, const diff_result *r,
                          const html_ctx *ctx, GHashTable *number) {
  xmlNodePtr scratch = loose_el(xdoc, "div", NULL);
  bool kept = false;
  size_t kept_len = 0;
  for (const doc_node *b = r->redline->root->first; b; b = b->next) {
    html_render_body_block(scratch, b, ctx);
    add_navigation(scratch, r, number);
    flush(out, scratch, &kept, &kept_len);
  }
  html_line_break(scratch); /* as html_render_body ends */
  flush(out, scratch, &kept, &kept_len);
  xmlFreeNode(scratch);
}

/* The notes of the redline (at most DOC_MAX_NOTES): drawn at once. */
static void fill_footnotes(xmlDocPtr xdoc, tpl_stream *out, const diff_result *r,
                           const html_ctx *ctx, GHashTable *number) {
  xmlNodePtr scratch = loose_el(xdoc, "div", NULL);
  html_render_footnotes(scratch, r->redline, ctx);
  add_navigation(scratch, r, number);
  for (xmlNodePtr ch = scratch->children; ch; ch = ch->next)
    tpl_stream_node(out, ch);
  xmlFreeNode(scratch);
}

/* The slots page_close_streamed fills, and what they are drawn with. */
typedef struct {
  const diff_result *r;
  html_ctx summary, redline, view;
  GHashTable *number; /* change_numbers */
} diff_fill;

static void fill_cb(page *p, tpl_stream *out, const char *slot, void *arg) {
  diff_fill *f = arg;
  if (strcmp(slot, "sections") == 0)
    fill_sections(p->doc, out, f->r, &f->summary);
  else if (strcmp(slot, "document") == 0)
    fill_document(p->doc, out, f->r, &f->redline, f->number);
  else if (strcmp(slot, "footnotes") == 0)
    fill_footnotes(p->doc, out, f->r, &f->redline, f->number);
  else if (strcmp(slot, "changes") == 0)
    fill_changes(p->doc, out, f->r, &f->view);
  else if (strcmp(slot, "side-by-side") == 0)
    fill_side_by_side(p->doc, out, f->r, &f->view);
}

typedef struct {
  const diff_result *r;
  bool site;
} diff_cond;

static bool cond_cb(const char *c, const void *arg) {
  const diff_result *r = ((const diff_cond *)arg)->r;
  if (strcmp(c, "metadata") == 0) return r->metadata->len > 0;
  if (strcmp(c, "changes") == 0) return r->changes->len > 0;
  if (strcmp(c, "footnotes") == 0) return r->redline->footnotes->len > 0;
  if (strcmp(c, "site") == 0) return ((const diff_cond *)arg)->site;
  return false;
}

char *html_page_diff(const html_templates *t, const diff_result *r, const html_ctx *ctx,
                     const char *history, const char *pdf, size_t *len) {
  page p;
  page_open(&p, t, t->diff, ctx);
  const doc *nd = r->new_doc;
  char *what = g_strdup_printf("Wat is er veranderd: %s %s \xe2\x86\x92 %s", nd->meta.title,
                               r->old_doc->meta.version, nd->meta.version);
  char *full = page_title(what, ctx);
  page_fill_text(&p, "page-title", full);
  g_free(full);
  g_free(what);
  page_fill_text(&p, "site-title", ctx->site_title);
  page_fill_text(&p, "doc-title", nd->meta.title);
  page_fill_text(&p, "old-version", r->old_doc->meta.version);
  page_fill_text(&p, "new-version", nd->meta.version);
  xmlNodePtr el;
  if ((el = tpl_find_slot(p.root, "summary"))) {
    tpl_clear(el);
    fill_summary(el, r);
  }
  if ((el = tpl_find_slot(p.root, "metadata"))) {
    tpl_clear(el);
    fill_metadata(el, r);
  }
  /* The views are large (the whole document, every change, old beside
   * new): they are written while the page is, a piece at a time. */
  diff_fill f = {r, *ctx, *ctx, *ctx, change_numbers(r)};
  f.summary.no_ids = true;
  f.summary.no_permalinks = true;
  /* The redline's passages link to their changes, not to themselves: the
   * margin holds the change navigation (permalinks are the versions'). */
  f.redline.no_permalinks = true;
  /* the other views show blocks the document view already has: no ids */
  f.view = f.redline;
  f.view.no_ids = true;
  static const char *const deferred[] = {"sections", "document",     "footnotes",
                                         "changes",  "side-by-side", NULL};
  for (int i = 0; deferred[i]; i++)
    if ((el = tpl_find_slot(p.root, deferred[i]))) page_defer_slot(&p, el, deferred[i]);
  diff_cond dc = {r, ctx->site != NULL};
  page_links links = {.history = history, .pdf = pdf};
  if (ctx->search) page_search_filter(&p, "Wijzigingen");
  char *out = page_close_streamed(&p, &nd->meta, cond_cb, &dc, &links, fill_cb, &f, len);
  g_hash_table_destroy(f.number);
  return out;
}

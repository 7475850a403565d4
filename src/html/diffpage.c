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

/* The changes in reading order under their sections (a path of headings),
 * each with its number (the one of the document view and the PDF), a link
 * to it and its edited words, as the PDF's summary lists them. */
static void fill_sections(xmlNodePtr slot, const diff_result *r, const html_ctx *ctx) {
  xmlNodePtr box = html_el(slot, "div", "secties");
  const char *current = NULL;
  xmlNodePtr ol = NULL;
  for (guint i = 0; i < r->changes->len; i++) {
    const diff_change *ch = g_ptr_array_index(r->changes, i);
    const char *sec = ch->kind == CHANGE_MOVED ? ch->new_section : ch->section;
    if (ch->block == DIFF_BLOCK_FOOTNOTE) sec = "Noten";
    sec = diff_section_label(sec);
    if (!ol || g_strcmp0(sec, current) != 0) {
      html_text(html_el(box, "p", "sectie"), sec);
      ol = html_el(box, "ol", "wijzigingen");
      current = sec;
    }
    xmlNodePtr li = html_el(ol, "li", NULL);
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

/* Previous/next links after the anchor of every change (the new place of a
 * moved one) in the whole-document view. */
static void add_navigation(xmlNodePtr root, const diff_result *r) {
  int count = (int)r->changes->len;
  GHashTable *number = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < r->changes->len; i++) {
    const diff_change *ch = g_ptr_array_index(r->changes, i);
    g_hash_table_insert(number, diff_change_anchor(ch->id, false), GINT_TO_POINTER(ch->id));
  }
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
  g_hash_table_destroy(number);
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

static void fill_changes(xmlNodePtr slot, const diff_result *r, const html_ctx *ctx) {
  for (guint i = 0; i < r->changes->len; i++) {
    const diff_change *ch = g_ptr_array_index(r->changes, i);
    xmlNodePtr sec = html_el(slot, "section", "wijziging");
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

static void fill_side_by_side(xmlNodePtr slot, const diff_result *r, const html_ctx *ctx) {
  xmlNodePtr table = html_el(slot, "table", "naast-elkaar");
  xmlNodePtr head = html_el(html_el(table, "thead", NULL), "tr", NULL);
  char *o = g_strdup_printf("Versie %s", r->old_doc->meta.version);
  char *n = g_strdup_printf("Versie %s", r->new_doc->meta.version);
  xmlNodePtr th = html_el(head, "th", NULL);
  set(th, "scope", "col");
  html_text(th, o);
  th = html_el(head, "th", NULL);
  set(th, "scope", "col");
  html_text(th, n);
  const char *o_label = o, *n_label = n;
  xmlNodePtr body = html_el(table, "tbody", NULL);
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
      xmlNodePtr gap = html_el(html_el(body, "tr", "overgeslagen"), "td", NULL);
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
    }
    if (!near) continue;
    xmlNodePtr tr = html_el(body, "tr", ch ? diff_kind_label(ch->kind) : NULL);
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
  }
  g_free(o);
  g_free(n);
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
  if ((el = tpl_find_slot(p.root, "sections"))) {
    tpl_clear(el);
    html_ctx summary_ctx = *ctx;
    summary_ctx.no_ids = true;
    summary_ctx.no_permalinks = true;
    fill_sections(el, r, &summary_ctx);
  }
  /* The redline's passages link to their changes, not to themselves: the
   * margin holds the change navigation (permalinks are the versions'). */
  html_ctx redline_ctx = *ctx;
  redline_ctx.no_permalinks = true;
  if ((el = tpl_find_slot(p.root, "document"))) {
    tpl_clear(el);
    html_render_body(el, r->redline, &redline_ctx);
    add_navigation(el, r);
  }
  if ((el = tpl_find_slot(p.root, "footnotes"))) {
    tpl_clear(el);
    html_render_footnotes(el, r->redline, &redline_ctx);
    add_navigation(el, r);
  }
  /* the other views show blocks the document view already has: no ids */
  html_ctx view = redline_ctx;
  view.no_ids = true;
  if ((el = tpl_find_slot(p.root, "changes"))) {
    tpl_clear(el);
    fill_changes(el, r, &view);
  }
  if ((el = tpl_find_slot(p.root, "side-by-side"))) {
    tpl_clear(el);
    fill_side_by_side(el, r, &view);
  }
  diff_cond dc = {r, ctx->site != NULL};
  page_links links = {.history = history, .pdf = pdf};
  if (ctx->search) page_search_filter(&p, "Wijzigingen");
  return page_close(&p, &nd->meta, cond_cb, &dc, &links, len);
}

/* render: the document model as libxml2 DOM nodes (see include/statuut/html.h).
 *
 * Text from the content only ever becomes text nodes or attribute values:
 * libxml2 escapes it when the page is serialised. */
#include "statuut/diff.h"
#include "statuut/html.h"
#include "statuut/siteurl.h"

#include <string.h>

xmlNodePtr html_el(xmlNodePtr parent, const char *name, const char *cls) {
  xmlNodePtr n = xmlNewDocNode(parent->doc, NULL, (const xmlChar *)name, NULL);
  if (cls) xmlSetProp(n, (const xmlChar *)"class", (const xmlChar *)cls);
  return xmlAddChild(parent, n);
}

xmlNodePtr html_text(xmlNodePtr parent, const char *text) {
  return xmlAddChild(parent, xmlNewDocText(parent->doc, (const xmlChar *)text));
}

static void set(xmlNodePtr n, const char *attr, const char *value) {
  xmlSetProp(n, (const xmlChar *)attr, (const xmlChar *)value);
}

/* Site-rooted links in the content ("/slug/", "/slug/1.0/#id") point into
 * this site: they are made relative to the page, so the site works from any
 * folder of a web server and from the file system. "/slug/" is the version
 * shown at latest/. Caller frees. */
char *html_resolve_link(const char *url, const html_ctx *ctx) {
  url_link l;
  /* A standalone page has no site around it. */
  if (!ctx->root || !url_link_parse(url, &l)) return g_strdup(url);
  char *file = url_link_file(&l);
  char *href =
      g_strconcat(ctx->root, file, l.fragment ? "#" : "", l.fragment ? l.fragment : "", NULL);
  g_free(file);
  url_link_clear(&l);
  return href;
}

static const char *block_name(const doc_node *n) {
  /* The page's <h1> is the document title; body headings start at <h2>. */
  static const char *const headings[] = {"h2", "h2", "h3", "h4", "h5", "h6", "h6"};
  switch (n->type) {
  case DOC_HEADING: {
    /* by depth, not the source's level: the page's headings never skip
     * one (a heading made by hand without a depth keeps its level) */
    int d = n->depth ? n->depth : n->level;
    return headings[d < 1 ? 1 : d > 6 ? 6 : d];
  }
  case DOC_PARAGRAPH:
    return "p";
  case DOC_LIST:
    return n->list_kind == LIST_BULLET ? "ul" : "ol";
  case DOC_ITEM:
    return "li";
  case DOC_BLOCKQUOTE:
    return "blockquote";
  case DOC_THEMATIC_BREAK:
    return "hr";
  case DOC_TABLE:
    return "table";
  case DOC_TABLE_ROW:
    return "tr";
  case DOC_TABLE_CELL:
    return n->parent && n->parent->header ? "th" : "td";
  case DOC_LINEBREAK:
    return "br";
  case DOC_CODE:
    return "code";
  case DOC_EMPH:
    return "em";
  case DOC_STRONG:
    return "strong";
  case DOC_STRIKE:
    return "s";
  case DOC_LINK:
    return "a";
  case DOC_IMAGE:
    return "img";
  default:
    return NULL;
  }
}

static const char *const align_names[] = {NULL, "left", "center", "right"};

static xmlNodePtr decorate(xmlNodePtr el, const doc_node *n, const html_ctx *ctx);

static void render_children(xmlNodePtr into, const doc_node *from, const html_ctx *ctx);

/* The anchor of the side note at reference n ("zijnoot-3-1"). Caller frees. */
static char *side_note_id(const doc_node *n) {
  return g_strdup_printf("zijnoot-%s", n->id ? n->id : n->label);
}

/* The note of reference n beside it: phrasing content only, since it
 * stands inside a paragraph (a <span> per paragraph of the note). A note
 * that holds more than paragraphs (a list, a table, code) shows those
 * before the first other block and sends the reader to the note list for
 * the rest. Its number links the note in the list; on a narrow screen it
 * is shown in place when the reference is followed (:target) and closed by
 * the link back. */
static void side_note(xmlNodePtr parent, const doc_node *n, const doc_node *f,
                      const html_ctx *ctx) {
  html_ctx inner = *ctx;
  inner.no_ids = true; /* a second view of the note */
  inner.side_notes = NULL;
  inner.since = NULL;
  xmlNodePtr box = html_el(parent, "span", "zijnoot");
  char *id = side_note_id(n);
  set(box, "id", id);
  g_free(id);
  set(box, "role", "note");
  char *label = g_strdup_printf("Noot %d", n->number);
  set(box, "aria-label", label);
  g_free(label);
  char *note = doc_note_id(n->label);
  char *href = g_strconcat("#", note, NULL);
  char num[16];
  g_snprintf(num, sizeof num, "%d", n->number);
  xmlNodePtr a = html_el(box, "a", "zijnoot-nummer");
  set(a, "href", href);
  char *to_list = g_strdup_printf("Noot %d in de lijst van noten", n->number);
  set(a, "aria-label", to_list);
  g_free(to_list);
  html_text(a, num);
  bool rest = false;
  for (const doc_node *b = f->first; b; b = b->next) {
    if (b->type != DOC_PARAGRAPH) {
      rest = true;
      break;
    }
    render_children(html_el(box, "span", "zijnoot-alinea"), b, &inner);
  }
  if (rest) {
    xmlNodePtr more = html_el(html_el(box, "span", "zijnoot-alinea"), "a", NULL);
    set(more, "href", href);
    html_text(more, "Verder in de noten");
  }
  if (n->id) {
    xmlNodePtr close = html_el(box, "a", "zijnoot-sluit");
    char *back = g_strconcat("#", n->id, NULL);
    set(close, "href", back);
    g_free(back);
    html_text(close, "Sluiten");
  }
  g_free(href);
  g_free(note);
}

/* A footnote reference: its number, linking to the note; with side notes,
 * to the note beside it, which links on to the list. */
static bool in_paragraph(const doc_node *n) {
  const doc_node *b = n->parent;
  while (b && !doc_node_is_block(b))
    b = b->parent;
  return b && b->type == DOC_PARAGRAPH;
}

static void note_ref(xmlNodePtr parent, const doc_node *n, const html_ctx *ctx) {
  /* beside a paragraph only: in a heading the note would become part of
   * its name, in a table cell it has no margin to stand in */
  const doc_node *f =
      ctx->side_notes && in_paragraph(n) ? doc_footnote(ctx->side_notes, n->label) : NULL;
  char *note = f ? side_note_id(n) : doc_note_id(n->label);
  char *href = g_strconcat("#", note, NULL);
  char *label = g_strdup_printf("Noot %d", n->number);
  char num[16];
  xmlNodePtr a = html_el(html_el(parent, "sup", "fnref"), "a", NULL);
  if (!ctx->no_ids && n->id) set(a, "id", n->id);
  set(a, "href", href);
  set(a, "role", "doc-noteref");
  set(a, "aria-label", label);
  g_snprintf(num, sizeof num, "%d", n->number);
  html_text(a, num);
  g_free(label);
  g_free(href);
  g_free(note);
  if (f) side_note(parent, n, f, ctx);
}

/* Nodes drawn whole, with no children of the model: text, code, notes.
 * Returns false for any other node. */
static bool leaf(xmlNodePtr parent, const doc_node *n, const html_ctx *ctx) {
  xmlNodePtr el;
  switch (n->type) {
  case DOC_TEXT:
    html_text(parent, n->text);
    return true;
  case DOC_CODE:
    html_text(html_el(parent, "code", NULL), n->text);
    return true;
  case DOC_CODE_BLOCK:
    el = html_el(decorate(html_el(parent, "pre", NULL), n, ctx), "code", NULL);
    if (n->info) {
      char *cls = g_strdup_printf("language-%s", n->info);
      set(el, "class", cls);
      g_free(cls);
    }
    html_text(el, n->text);
    return true;
  case DOC_FOOTNOTE_REF:
    note_ref(parent, n, ctx);
    return true;
  default:
    return false;
  }
}

/* The attributes of an element from the model: ids, list numbering,
 * alignment, link targets. */
static void attributes(xmlNodePtr el, const doc_node *n, const html_ctx *ctx) {
  char buf[32];
  switch (n->type) {
  case DOC_HEADING:
  case DOC_ITEM:
    if (n->id && !ctx->no_ids) set(el, "id", n->id);
    break;
  case DOC_LIST:
    if (n->list_kind == LIST_LETTERED) {
      set(el, "type", n->upper ? "A" : "a");
      set(el, "class", "punten");
    }
    if (n->list_kind != LIST_BULLET && n->start != 1) {
      g_snprintf(buf, sizeof buf, "%d", n->start);
      set(el, "start", buf);
    }
    break;
  case DOC_TABLE_CELL:
    if (align_names[n->align]) {
      char *style = g_strdup_printf("text-align: %s", align_names[n->align]);
      set(el, "style", style);
      g_free(style);
    }
    break;
  case DOC_LINK:
  case DOC_IMAGE: {
    char *href = html_resolve_link(n->url, ctx);
    set(el, n->type == DOC_LINK ? "href" : "src", href);
    g_free(href);
    if (n->type == DOC_IMAGE) {
      char *alt = doc_node_plain_text(n); /* the description is the alt text */
      set(el, "alt", alt);
      g_free(alt);
    }
    if (n->title) set(el, "title", n->title);
    break;
  }
  default:
    break;
  }
}

/* Creates the element(s) for n inside parent; returns where n's children go,
 * or NULL when n has no children to render. */
static xmlNodePtr open_node(xmlNodePtr parent, const doc_node *n, const html_ctx *ctx) {
  if (leaf(parent, n, ctx)) return NULL;
  if (n->type == DOC_LINK && !n->url) return parent; /* refused (doc.h): its text, plainly */
  if (n->type == DOC_IMAGE && !n->url) {
    char *alt = doc_node_plain_text(n);
    html_text(parent, alt);
    g_free(alt);
    return NULL;
  }
  const char *name = block_name(n);
  if (!name) return parent;
  xmlNodePtr el = html_el(parent, name, NULL);
  attributes(el, n, ctx);
  if (n->type == DOC_TABLE) return el; /* rows go into thead/tbody */
  if (n->type == DOC_IMAGE) return NULL;
  return n->first ? el : NULL;
}

/* A tight list's items hold their paragraphs' inlines directly, as in every
 * Markdown renderer; a loose list keeps the <p>. */
static bool skip_paragraph(const doc_node *n) {
  return n->type == DOC_PARAGRAPH && n->parent && n->parent->type == DOC_ITEM &&
         n->parent->parent && n->parent->parent->tight;
}

/* ---- change marks (redline documents only) ----
 * Drawn so that they read without colour and without sight: <ins> is
 * underlined and <del> struck through by every browser, and each carries a
 * visually hidden label, because screen readers (VoiceOver among them)
 * announce neither element. */

static const char *const mark_class[MARK_MAX] = {NULL,
                                                 "ingevoegd",
                                                 "verwijderd",
                                                 "gewijzigd",
                                                 "verplaatst-van",
                                                 "verplaatst-naar",
                                                 "opmaak-gewijzigd",
                                                 "uitleg"};

/* An <ins> or <del> in parent with its hidden label; returns it. A run
 * restyled is a <span> with its label, the diff's explanation a <span> of
 * its own (it reads as it is); punctuation alone is drawn wider. */
static xmlNodePtr mark_wrap(xmlNodePtr parent, doc_mark m, unsigned flags) {
  if (m == MARK_NOTE) return html_el(parent, "span", mark_class[m]);
  bool ins = m == MARK_INSERT || m == MARK_MOVED_TO;
  const char *cls = m == MARK_MOVED_FROM  ? "verplaatst"
                    : flags & MARKF_PUNCT ? "leesteken"
                    : m == MARK_RESTYLED  ? mark_class[m]
                                          : NULL;
  xmlNodePtr w = html_el(parent, m == MARK_RESTYLED ? "span" : ins ? "ins" : "del", cls);
  xmlNodePtr label = html_el(w, "span", "vh");
  html_text(label, diff_mark_label(m));
  return w;
}

/* The mark the text of n is wrapped in: its effective mark (doc.h) when that
 * is drawn as <ins> or <del>. A moved block's new place is drawn by its class
 * and link alone: its words are not new. */
static doc_mark wrap_mark(const doc_node *n) {
  doc_mark m = n->eff;
  return m == MARK_INSERT || m == MARK_DELETE || m == MARK_MOVED_FROM ? m : MARK_NONE;
}

/* Where an inline run of a word diff starts: the effective mark changes. */
static bool run_start(const doc_node *n) {
  return !doc_node_is_block(n) &&
         (n->eff == MARK_INSERT || n->eff == MARK_DELETE || n->eff == MARK_RESTYLED ||
          n->eff == MARK_NOTE) &&
         (!n->parent || n->parent->eff != n->eff);
}

static bool text_block(const doc_node *n) {
  return n->type == DOC_HEADING || n->type == DOC_PARAGRAPH || n->type == DOC_TABLE_CELL ||
         n->type == DOC_CODE_BLOCK;
}

/* The anchor of a change (diff_change_anchor), after an empty alias with
 * the spelling of earlier versions ("wijziging_3", "wijziging_3_van"), so
 * that links made to those still land. */
static void change_anchor(xmlNodePtr el, int change, bool from) {
  char old[48];
  g_snprintf(old, sizeof old, from ? "wijziging_%d_van" : "wijziging_%d", change);
  set(html_el(el, "span", NULL), "id", old);
  char *id = diff_change_anchor(change, from);
  set(html_el(el, "span", "anker"), "id", id);
  g_free(id);
}

/* Draws n's mark on its element el (or, for a paragraph without element of
 * its own, on the item holding it): a class, the change's anchor, the link
 * between the two places of a move, and the wrapper its text goes in.
 * Returns where n's children go. */
static xmlNodePtr decorate(xmlNodePtr el, const doc_node *n, const html_ctx *ctx) {
  if (n->mark == MARK_NONE && wrap_mark(n) == MARK_NONE) return el;
  if (n->mark != MARK_NONE) {
    xmlChar *cls = xmlGetProp(el, (const xmlChar *)"class");
    char *all =
        cls ? g_strdup_printf("%s %s", cls, mark_class[n->mark]) : g_strdup(mark_class[n->mark]);
    set(el, "class", all);
    g_free(all);
    xmlFree(cls);
  }
  if (n->change && !ctx->no_ids) {
    bool from = n->mark == MARK_MOVED_FROM;
    change_anchor(el, n->change, from);
    if (n->mark == MARK_MOVED_FROM || n->mark == MARK_MOVED_TO) {
      xmlNodePtr a = html_el(el, "a", "verplaatst-link");
      char *other = diff_change_anchor(n->change, !from);
      char *href = g_strconcat("#", other, NULL);
      set(a, "href", href);
      const char *words =
          n->mark_flags & MARKF_REWRITTEN ? diff_move_label_rewritten(from) : diff_move_label(from);
      char *text = g_strconcat(words, from ? " \xe2\x86\x92" : " \xe2\x86\x90", NULL);
      html_text(a, text);
      g_free(text);
      g_free(href);
      g_free(other);
      html_text(el, " ");
    }
  }
  doc_mark w = wrap_mark(n);
  return w != MARK_NONE && text_block(n) ? mark_wrap(el, w, n->mark_flags) : el;
}

/* Starts a new source line in parent unless one was just started: blocks go
 * on lines of their own, so pages and golden files read (and diff) well. */
void html_line_break(xmlNodePtr parent) {
  xmlNodePtr last = parent->last;
  if (last && last->type == XML_TEXT_NODE && last->content &&
      g_str_has_suffix((const char *)last->content, "\n"))
    return;
  html_text(parent, "\n");
}

/* Containers whose children are blocks: their end tag goes on a new line. */
static bool holds_blocks(xmlNodePtr el) {
  static const char *const names[] = {"ol", "ul", "blockquote", "table", "thead", "tbody", NULL};
  for (int i = 0; names[i]; i++)
    if (xmlStrcmp(el->name, (const xmlChar *)names[i]) == 0) return true;
  return false;
}

/* The element(s) of block or inline n in parent; returns where its
 * children go, or NULL when they are not drawn. */
static xmlNodePtr open_one(xmlNodePtr parent, const doc_node *n, const html_ctx *ctx) {
  if (doc_node_is_block(n) && !skip_paragraph(n) && n->type != DOC_TABLE_CELL)
    html_line_break(parent);
  if (n->type == DOC_THEMATIC_BREAK && n->mark != MARK_NONE) {
    /* <hr> is void: its mark and anchor go on a wrapper */
    xmlNodePtr w = html_el(parent, "div", "scheiding");
    decorate(w, n, ctx);
    html_el(w, "hr", NULL);
    return NULL;
  }
  if (run_start(n)) /* a run of a word diff */
    return open_node(mark_wrap(parent, n->eff, n->mark_flags), n, ctx);
  if (skip_paragraph(n)) return decorate(parent, n, ctx);
  if (n->type == DOC_TABLE_ROW) {
    /* thead for the header row, tbody for the rest */
    const char *sect = n->header ? "thead" : "tbody";
    xmlNodePtr group = parent->last;
    if (group && group->type == XML_TEXT_NODE) group = group->prev;
    if (!group || xmlStrcmp(group->name, (const xmlChar *)sect) != 0) {
      html_line_break(parent);
      group = html_el(parent, sect, NULL);
    }
    html_line_break(group);
    return decorate(open_node(group, n, ctx), n, ctx);
  }
  xmlNodePtr child_parent = open_node(parent, n, ctx);
  return child_parent && doc_node_is_block(n) ? decorate(child_parent, n, ctx) : child_parent;
}

/* A visible link to a heading, point or note itself (a '¶' shown on hover
 * and focus, reachable by keyboard), so that a reader can pass on the
 * address of a passage; ids stay the same across versions. */
static void permalink(xmlNodePtr parent, const char *id, const char *what) {
  xmlNodePtr a = html_el(parent, "a", "anker");
  char *href = g_strconcat("#", id, NULL);
  set(a, "href", href);
  g_free(href);
  set(a, "aria-label", what);
  html_text(a, "\xc2\xb6");
}

static bool has_permalink(const doc_node *n, const html_ctx *ctx) {
  return !ctx->no_ids && !ctx->no_permalinks && n->id &&
         (n->type == DOC_HEADING || n->type == DOC_ITEM);
}

/* Renders the subtree of root into `into`, on the model's iterator. */
static void render_tree(xmlNodePtr into, const doc_node *root, const html_ctx *ctx) {
  /* The nodes whose children are drawn, and the parent each was drawn in. */
  GPtrArray *open = g_ptr_array_new(), *parents = g_ptr_array_new();
  xmlNodePtr parent = into;
  doc_iter it;
  doc_iter_init(&it, (doc_node *)root);
  for (doc_event ev; (ev = doc_iter_next(&it)) != DOC_EVENT_DONE;) {
    const doc_node *n = doc_iter_node(&it);
    if (ev == DOC_EVENT_EXIT) {
      if (!open->len || g_ptr_array_index(open, open->len - 1) != n) continue;
      if (n->type == DOC_HEADING && has_permalink(n, ctx))
        permalink(parent, n->id, "Link naar deze kop");
      if (holds_blocks(parent)) html_line_break(parent);
      if (xmlStrcmp(parent->name, (const xmlChar *)"tr") == 0 && parent->parent)
        html_line_break(parent->parent); /* end of thead or tbody */
      g_ptr_array_set_size(open, open->len - 1);
      parent = g_ptr_array_steal_index(parents, parents->len - 1);
      continue;
    }
    /* the since-when mark stands before its block; a row's, which a <tr>
     * cannot hold, in its first cell */
    if (n->type != DOC_TABLE_ROW && n->type != DOC_TABLE_CELL && ctx->since) {
      if (doc_node_is_block(n) && !skip_paragraph(n)) html_line_break(parent);
      html_since_mark(parent, n, ctx);
    }
    xmlNodePtr child_parent = open_one(parent, n, ctx);
    if (child_parent && n->type == DOC_TABLE_CELL && !n->prev && !n->parent->header)
      html_since_mark(child_parent, n->parent, ctx); /* not in a header: it names its column */
    if (child_parent && n->type == DOC_ITEM && has_permalink(n, ctx))
      permalink(child_parent, n->id, "Link naar dit punt");
    if (child_parent && n->first) {
      g_ptr_array_add(open, (gpointer)n);
      g_ptr_array_add(parents, parent);
      parent = child_parent;
    } else {
      doc_iter_skip(&it);
    }
  }
  g_ptr_array_free(open, TRUE);
  g_ptr_array_free(parents, TRUE);
}

/* Renders the siblings first..last (and what they hold) into `into`. */
static void render_range(xmlNodePtr into, const doc_node *first, const doc_node *last,
                         const html_ctx *ctx) {
  for (const doc_node *n = first; n; n = n == last ? NULL : n->next)
    render_tree(into, n, ctx);
}

static void render_children(xmlNodePtr into, const doc_node *from, const html_ctx *ctx) {
  if (from->first) render_range(into, from->first, from->last, ctx);
}

void html_render_block(xmlNodePtr parent, const doc_node *n, const html_ctx *ctx) {
  xmlNodePtr into = parent;
  if (n->type == DOC_ITEM && n->parent) {
    /* an item alone keeps its number or letter */
    const doc_node *list = n->parent;
    into = html_el(parent, list->list_kind == LIST_BULLET ? "ul" : "ol", NULL);
    if (list->list_kind == LIST_LETTERED) set(into, "type", list->upper ? "A" : "a");
    int ord = list->start;
    for (const doc_node *p = list->first; p && p != n; p = p->next)
      ord++;
    char buf[16];
    g_snprintf(buf, sizeof buf, "%d", ord);
    if (list->list_kind != LIST_BULLET) set(into, "start", buf);
  } else if (n->type == DOC_ITEM) {
    into = html_el(parent, "ul", NULL); /* a copy without its list */
  } else if (n->type == DOC_TABLE_ROW) {
    into = html_el(parent, "table", NULL);
  } else if (n->type == DOC_FOOTNOTE_DEF) {
    into = html_el(parent, "div", "noot");
    char label[32];
    g_snprintf(label, sizeof label, "Noot %d: ", n->number);
    html_text(html_el(into, "span", "noot-nummer"), label);
    render_children(decorate(into, n, ctx), n, ctx);
    return;
  }
  render_range(into, n, n, ctx);
}

void html_render_body_block(xmlNodePtr parent, const doc_node *block, const html_ctx *ctx) {
  render_tree(parent, block, ctx);
}

void html_render_body(xmlNodePtr parent, const doc *d, const html_ctx *ctx) {
  for (const doc_node *b = d->root->first; b; b = b->next)
    html_render_body_block(parent, b, ctx);
  html_line_break(parent);
}

void html_render_footnotes(xmlNodePtr parent, const doc *d, const html_ctx *ctx) {
  if (!d->footnotes->len) return;
  xmlNodePtr ol = html_el(parent, "ol", NULL);
  for (guint i = 0; i < d->footnotes->len; i++) {
    const doc_node *f = g_ptr_array_index(d->footnotes, i);
    xmlNodePtr li = html_el(ol, "li", NULL);
    set(li, "id", f->id);
    /* No role: doc-endnote is deprecated in DPUB-ARIA 1.1; a list item of
     * the notes' list is what a screen reader needs. */
    if (!ctx->no_ids && !ctx->no_permalinks) permalink(li, f->id, "Link naar deze noot");
    html_since_mark(li, f, ctx);
    render_children(decorate(li, f, ctx), f, ctx);
    /* Back links go into the last paragraph, as a reader expects them at the
     * end of the note's text. */
    xmlNodePtr host =
        li->last && xmlStrcmp(li->last->name, (const xmlChar *)"p") == 0 ? li->last : li;
    for (int r = 1; r <= f->ref_count; r++) {
      html_text(host, " ");
      xmlNodePtr a = html_el(host, "a", "terug");
      char *ref = doc_note_ref_id(f->label, r);
      char *href = g_strconcat("#", ref, NULL);
      g_free(ref);
      set(a, "href", href);
      set(a, "role", "doc-backlink");
      char *label = r > 1 ? g_strdup_printf("Terug naar verwijzing %d naar noot %d", r, f->number)
                          : g_strdup_printf("Terug naar de tekst bij noot %d", f->number);
      set(a, "aria-label", label);
      html_text(a, "\xe2\x86\xa9\xef\xb8\x8e"); /* ↩ as text, not emoji */
      g_free(label);
      g_free(href);
    }
  }
}

void html_render_toc(xmlNodePtr parent, const doc *d) {
  /* Nested lists follow the heading levels; a jump of more than one level
   * (h2 -> h4) nests once, so the list stays valid. */
  xmlNodePtr list = html_el(parent, "ol", NULL);
  int depth_level[8] = {0};
  xmlNodePtr lists[8] = {list};
  int depth = 0;
  depth_level[0] = 0;
  for (const doc_node *h = d->root->first; h; h = h->next) {
    if (h->type != DOC_HEADING) continue;
    while (depth > 0 && h->level <= depth_level[depth - 1])
      depth--;
    if (depth_level[depth] && h->level > depth_level[depth] && depth < 6 && lists[depth]->last) {
      xmlNodePtr sub = html_el(lists[depth]->last, "ol", NULL);
      depth++;
      lists[depth] = sub;
    }
    depth_level[depth] = h->level;
    xmlNodePtr li = html_el(lists[depth], "li", NULL);
    xmlNodePtr a = html_el(li, "a", NULL);
    char *href = g_strdup_printf("#%s", h->id);
    set(a, "href", href);
    g_free(href);
    char *text = doc_node_plain_text(h);
    html_text(a, text);
    g_free(text);
  }
}

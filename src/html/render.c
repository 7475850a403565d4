/* render: the document model as libxml2 DOM nodes (see include/statuut/html.h).
 *
 * Text from the content only ever becomes text nodes or attribute values:
 * libxml2 escapes it when the page is serialised. */
#include "statuut/html.h"
#include "statuut/slug.h"

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
  if (url[0] != '/' || url[1] == '/') return g_strdup(url);
  if (!ctx->root) {
    /* A standalone page has no site around it. */
    return g_strdup(url);
  }
  const char *hash = strchr(url, '#');
  size_t plen = hash ? (size_t)(hash - url) : strlen(url);
  char *path = g_strndup(url + 1, plen - 1);
  GString *out = g_string_new(ctx->root);
  char **parts = g_strsplit(path, "/", -1);
  guint n = 0;
  for (char **p = parts; *p; p++)
    if (**p) n++;
  if (n == 0) {
    g_string_append(out, "index.html");
  } else if (n == 1 && g_str_has_suffix(path, "/")) {
    g_string_append_printf(out, "%slatest/index.html", path);
  } else if (g_str_has_suffix(path, "/")) {
    g_string_append_printf(out, "%sindex.html", path);
  } else {
    g_string_append(out, path);
  }
  if (hash) g_string_append(out, hash);
  g_strfreev(parts);
  g_free(path);
  return g_string_free(out, FALSE);
}

static const char *block_name(const doc_node *n) {
  /* The page's <h1> is the document title; body headings start at <h2>. */
  static const char *const headings[] = {"h2", "h2", "h3", "h4", "h5", "h6", "h6"};
  switch (n->type) {
  case DOC_HEADING:
    return headings[n->level < 1 ? 1 : n->level > 6 ? 6 : n->level];
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

/* Creates the element(s) for n inside parent; returns where n's children go,
 * or NULL when n has no children to render. */
static xmlNodePtr open_node(xmlNodePtr parent, const doc_node *n, const html_ctx *ctx) {
  xmlNodePtr el;
  char buf[32];
  switch (n->type) {
  case DOC_TEXT:
    html_text(parent, n->text);
    return NULL;
  case DOC_CODE:
    el = html_el(parent, "code", NULL);
    html_text(el, n->text);
    return NULL;
  case DOC_CODE_BLOCK:
    el = html_el(html_el(parent, "pre", NULL), "code", NULL);
    if (n->info) {
      char *cls = g_strdup_printf("language-%s", n->info);
      set(el, "class", cls);
      g_free(cls);
    }
    html_text(el, n->text);
    return NULL;
  case DOC_FOOTNOTE_REF: {
    /* Anchors use the label, not the number: a link to a note stays valid
     * when a note is added before it. */
    char *s = slug_from_text(n->label);
    char *href = g_strdup_printf("#fn-%s", s);
    char *id = n->ref_index > 1 ? g_strdup_printf("fnref-%s-%d", s, n->ref_index)
                                : g_strdup_printf("fnref-%s", s);
    char *label = g_strdup_printf("Noot %d", n->number);
    el = html_el(parent, "sup", "fnref");
    xmlNodePtr a = html_el(el, "a", NULL);
    set(a, "id", id);
    set(a, "href", href);
    set(a, "role", "doc-noteref");
    set(a, "aria-label", label);
    g_snprintf(buf, sizeof buf, "%d", n->number);
    html_text(a, buf);
    g_free(label);
    g_free(id);
    g_free(href);
    g_free(s);
    return NULL;
  }
  default:
    break;
  }
  const char *name = block_name(n);
  if (!name) return parent;
  el = html_el(parent, name, NULL);
  switch (n->type) {
  case DOC_HEADING:
    set(el, "id", n->id);
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
  case DOC_ITEM:
    if (n->id) set(el, "id", n->id);
    break;
  case DOC_TABLE: {
    /* rows go into thead/tbody */
    return el;
  }
  case DOC_TABLE_CELL:
    if (align_names[n->align]) {
      char *style = g_strdup_printf("text-align: %s", align_names[n->align]);
      set(el, "style", style);
      g_free(style);
    }
    break;
  case DOC_LINK: {
    char *href = html_resolve_link(n->url, ctx);
    set(el, "href", href);
    g_free(href);
    if (n->title) set(el, "title", n->title);
    break;
  }
  case DOC_IMAGE: {
    char *src = html_resolve_link(n->url, ctx);
    set(el, "src", src);
    g_free(src);
    char *alt = doc_node_plain_text(n);
    set(el, "alt", alt);
    g_free(alt);
    if (n->title) set(el, "title", n->title);
    return NULL; /* the description is the alt text */
  }
  default:
    break;
  }
  return n->first ? el : NULL;
}

/* A tight list's items hold their paragraphs' inlines directly, as in every
 * Markdown renderer; a loose list keeps the <p>. */
static bool skip_paragraph(const doc_node *n) {
  return n->type == DOC_PARAGRAPH && n->parent && n->parent->type == DOC_ITEM &&
         n->parent->parent && n->parent->parent->tight;
}

/* Starts a new source line in parent unless one was just started: blocks go
 * on lines of their own, so pages and golden files read (and diff) well. */
static void line_break(xmlNodePtr parent) {
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

/* Renders the children of `from` into `into`, without recursion. */
static void render_children(xmlNodePtr into, const doc_node *from, const html_ctx *ctx) {
  GPtrArray *stack = g_ptr_array_new(); /* of xmlNodePtr: parents of the current level */
  const doc_node *n = from->first;
  xmlNodePtr parent = into;
  while (n) {
    xmlNodePtr child_parent;
    if (n->type < DOC_TEXT && !skip_paragraph(n) && n->type != DOC_TABLE_CELL) line_break(parent);
    if (skip_paragraph(n)) {
      child_parent = parent;
    } else if (n->type == DOC_TABLE_ROW) {
      /* thead for the header row, tbody for the rest */
      const char *sect = n->header ? "thead" : "tbody";
      xmlNodePtr last = parent->last;
      if (last && last->type == XML_TEXT_NODE) last = last->prev;
      if (!last || xmlStrcmp(last->name, (const xmlChar *)sect) != 0) {
        line_break(parent);
        last = html_el(parent, sect, NULL);
      }
      line_break(last);
      child_parent = open_node(last, n, ctx);
    } else {
      child_parent = open_node(parent, n, ctx);
    }
    if (child_parent && n->first) {
      g_ptr_array_add(stack, parent);
      parent = child_parent;
      n = n->first;
      continue;
    }
    while (n && !n->next && n->parent != from) {
      n = n->parent;
      if (holds_blocks(parent)) line_break(parent);
      if (xmlStrcmp(parent->name, (const xmlChar *)"tr") == 0 && parent->parent)
        line_break(parent->parent); /* end of thead or tbody */
      parent = g_ptr_array_steal_index(stack, stack->len - 1);
    }
    n = n ? n->next : NULL;
  }
  g_ptr_array_free(stack, TRUE);
}

void html_render_body(xmlNodePtr parent, const doc *d, const html_ctx *ctx) {
  render_children(parent, d->root, ctx);
  line_break(parent);
}

void html_render_footnotes(xmlNodePtr parent, const doc *d, const html_ctx *ctx) {
  if (!d->footnotes->len) return;
  xmlNodePtr ol = html_el(parent, "ol", NULL);
  for (guint i = 0; i < d->footnotes->len; i++) {
    const doc_node *f = g_ptr_array_index(d->footnotes, i);
    xmlNodePtr li = html_el(ol, "li", NULL);
    set(li, "id", f->id);
    set(li, "role", "doc-endnote");
    render_children(li, f, ctx);
    /* Back links go into the last paragraph, as a reader expects them at the
     * end of the note's text. */
    xmlNodePtr host =
        li->last && xmlStrcmp(li->last->name, (const xmlChar *)"p") == 0 ? li->last : li;
    char *slug = g_strdup(f->id + 3);
    for (int r = 1; r <= f->ref_count; r++) {
      html_text(host, " ");
      xmlNodePtr a = html_el(host, "a", "terug");
      char *href =
          r > 1 ? g_strdup_printf("#fnref-%s-%d", slug, r) : g_strdup_printf("#fnref-%s", slug);
      set(a, "href", href);
      set(a, "role", "doc-backlink");
      char *label = r > 1 ? g_strdup_printf("Terug naar verwijzing %d naar noot %d", r, f->number)
                          : g_strdup_printf("Terug naar de tekst bij noot %d", f->number);
      set(a, "aria-label", label);
      html_text(a, "\xe2\x86\xa9\xef\xb8\x8e"); /* ↩ as text, not emoji */
      g_free(label);
      g_free(href);
    }
    g_free(slug);
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

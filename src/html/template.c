/* template: see include/statuut/template.h */
#include "statuut/template.h"

#include <glib.h>
#include <libxml/parser.h>
#include <libxml/xmlsave.h>
#include <string.h>

static const char *const void_elements[] = {"area",   "base",  "br",    "col",  "embed",
                                            "hr",     "img",   "input", "link", "meta",
                                            "source", "track", "wbr",   NULL};

bool tpl_is_void(const char *name) {
  for (int i = 0; void_elements[i]; i++)
    if (g_ascii_strcasecmp(name, void_elements[i]) == 0) return true;
  return false;
}

/* Elements that end an open <p> in an HTML parser: written inside a <p> in a
 * template they would be moved out of it by every browser. */
static const char *const closes_p[] = {
    "address",    "article", "aside",  "blockquote", "details", "div",  "dl",   "fieldset",
    "figcaption", "figure",  "footer", "form",       "h1",      "h2",   "h3",   "h4",
    "h5",         "h6",      "header", "hgroup",     "hr",      "main", "menu", "nav",
    "ol",         "p",       "pre",    "section",    "table",   "ul",   NULL};

static bool in_list(const char *const *list, const xmlChar *name) {
  for (int i = 0; list[i]; i++)
    if (xmlStrcasecmp(name, (const xmlChar *)list[i]) == 0) return true;
  return false;
}

/* The node after n in document order without leaving root's subtree, or
 * NULL at its end. Walks never recurse: template depth is the designer's. */
static xmlNodePtr next_in(xmlNodePtr root, xmlNodePtr n) {
  if (n->children && n->type == XML_ELEMENT_NODE) return n->children;
  while (n != root && !n->next)
    n = n->parent;
  return n == root ? NULL : n->next;
}

/* Rules of HTML that an XML parser does not know. Returns an error or NULL. */
static char *check_html_rules(const char *path, xmlNodePtr root) {
  for (xmlNodePtr n = root; n; n = next_in(root, n)) {
    if (n->type == XML_ELEMENT_NODE) {
      if (tpl_is_void((const char *)n->name) && n->children)
        return g_strdup_printf("%s:%ld: <%s> is a void element and cannot have content", path,
                               (long)xmlGetLineNo(n), n->name);
      if (in_list(closes_p, n->name))
        for (xmlNodePtr a = n->parent; a && a->type == XML_ELEMENT_NODE; a = a->parent)
          if (xmlStrcasecmp(a->name, (const xmlChar *)"p") == 0)
            return g_strdup_printf("%s:%ld: <%s> inside <p>: browsers close the <p> before it; "
                                   "use a <div> as container",
                                   path, (long)xmlGetLineNo(n), n->name);
      if (xmlStrcasecmp(n->name, (const xmlChar *)"style") == 0 ||
          xmlStrcasecmp(n->name, (const xmlChar *)"script") == 0) {
        /* Content put there would be read as code, not text: a document's
         * front matter or body must never become script or style. */
        for (xmlNodePtr m = n; m; m = next_in(n, m)) {
          const char *attr = m->type != XML_ELEMENT_NODE                   ? NULL
                             : xmlHasProp(m, (const xmlChar *)"data-meta") ? "data-meta"
                             : xmlHasProp(m, (const xmlChar *)"data-slot") ? "data-slot"
                                                                           : NULL;
          if (attr)
            return g_strdup_printf("%s:%ld: %s in <%s>: content would run as code there; "
                                   "put it in an element of the page",
                                   path, (long)xmlGetLineNo(m), attr, n->name);
        }
        xmlChar *text = xmlNodeGetContent(n);
        bool bad = text && strpbrk((const char *)text, "<>&");
        xmlFree(text);
        if (bad)
          return g_strdup_printf("%s:%ld: <%s> with '<', '>' or '&' cannot be written as HTML "
                                 "and XML at once; put it in a separate file",
                                 path, (long)xmlGetLineNo(n), n->name);
      }
    }
  }
  return NULL;
}

/* The first error libxml2 reports is the one that names the real mistake
 * ("tag mismatch: br and body"); later ones follow from it. */
typedef struct {
  char *message;
  int line, col;
} first_error;

static void keep_first_error(void *ctx, xmlErrorPtr e) {
  first_error *f = ctx;
  if (f->message || !e || e->level < XML_ERR_ERROR) return;
  f->message = g_strstrip(g_strdup(e->message ? e->message : "syntax error"));
  f->line = e->line;
  f->col = e->int2;
}

tpl *tpl_load(const char *path, char **err) {
  first_error fe = {NULL, 0, 0};
  /* NONET: a template never fetches anything. */
  xmlSetStructuredErrorFunc(&fe, keep_first_error);
  xmlDocPtr doc = xmlReadFile(path, "UTF-8", XML_PARSE_NONET);
  xmlSetStructuredErrorFunc(NULL, NULL);
  if (!doc) {
    if (fe.message)
      *err = g_strdup_printf("%s:%d:%d: template is not well-formed: %s (templates are HTML5 "
                             "written as well-formed XML: close every element, write <br/>)",
                             path, fe.line, fe.col, fe.message);
    else
      *err = g_strdup_printf("%s: cannot read template", path);
    g_free(fe.message);
    return NULL;
  }
  g_free(fe.message);
  xmlNodePtr root = xmlDocGetRootElement(doc);
  char *rule = root ? check_html_rules(path, root)
                    : g_strdup_printf("%s: template has no root element", path);
  if (rule) {
    *err = rule;
    xmlFreeDoc(doc);
    return NULL;
  }
  tpl *t = g_new0(tpl, 1);
  t->path = g_strdup(path);
  t->doc = doc;
  return t;
}

void tpl_free(tpl *t) {
  if (!t) return;
  xmlFreeDoc(t->doc);
  g_free(t->path);
  g_free(t);
}

xmlDocPtr tpl_instance(const tpl *t) {
  xmlDocPtr d = xmlCopyDoc(t->doc, 1);
  /* The page's own nodes take their names from the template's dictionary
   * instead of a copy each (a node freed frees only what the dictionary
   * does not own): a redline page makes thousands of elements. */
  if (d && !d->dict && t->doc->dict) {
    d->dict = t->doc->dict;
    xmlDictReference(d->dict);
  }
  return d;
}

/* Pre-order walk over elements; stops at the first for which fn returns true. */
static xmlNodePtr find_element(xmlNodePtr root, bool (*fn)(xmlNodePtr, const void *),
                               const void *arg, GPtrArray *all) {
  for (xmlNodePtr n = root; n; n = next_in(root, n)) {
    if (n->type == XML_ELEMENT_NODE && fn(n, arg)) {
      if (!all) return n;
      g_ptr_array_add(all, n);
    }
  }
  return NULL;
}

static bool has_slot(xmlNodePtr n, const void *name) {
  xmlChar *v = xmlGetProp(n, (const xmlChar *)"data-slot");
  bool hit = v && strcmp((const char *)v, name) == 0;
  xmlFree(v);
  return hit;
}

static bool has_attr(xmlNodePtr n, const void *attr) {
  return xmlHasProp(n, (const xmlChar *)attr) != NULL;
}

xmlNodePtr tpl_find_slot(xmlNodePtr root, const char *name) {
  return find_element(root, has_slot, name, NULL);
}

GPtrArray *tpl_find_attr(xmlNodePtr root, const char *attr) {
  GPtrArray *all = g_ptr_array_new();
  find_element(root, has_attr, attr, all);
  return all;
}

void tpl_clear(xmlNodePtr el) {
  xmlNodePtr c = el->children;
  while (c) {
    xmlNodePtr next = c->next;
    xmlUnlinkNode(c);
    xmlFreeNode(c);
    c = next;
  }
}

static const char *const vocabulary[] = {"data-slot", "data-meta", "data-if", "data-href", NULL};

void tpl_strip(xmlNodePtr root) {
  for (int i = 0; vocabulary[i]; i++) {
    GPtrArray *els = tpl_find_attr(root, vocabulary[i]);
    for (guint j = 0; j < els->len; j++)
      xmlUnsetProp(g_ptr_array_index(els, j), (const xmlChar *)vocabulary[i]);
    g_ptr_array_free(els, TRUE);
  }
}

/* An empty non-void element would be written "<div/>", which HTML reads as an
 * open tag. Giving it an empty text child makes libxml2 write "<div></div>". */
static void close_empty_elements(xmlNodePtr root) {
  for (xmlNodePtr n = root; n; n = next_in(root, n))
    if (n->type == XML_ELEMENT_NODE && !n->children && !tpl_is_void((const char *)n->name))
      xmlAddChild(n, xmlNewDocText(n->doc, (const xmlChar *)""));
}

/* ---- streaming ---- */

struct tpl_stream {
  GString *out;
  xmlBufferPtr buf; /* what the save context writes, emptied into out */
  xmlSaveCtxtPtr save;
  GPtrArray *ends; /* end tags of the open elements, innermost last */
};

tpl_stream *tpl_stream_new(void) {
  tpl_stream *s = g_new0(tpl_stream, 1);
  s->out = g_string_new(NULL);
  s->buf = xmlBufferCreate();
  /* The XML serialiser, not the HTML one: libxml2's HTML serialiser knows only
   * HTML4 (it writes <wbr></wbr>) and adds a second charset <meta>. Without
   * the XML declaration, and with every element closed (close_empty_elements),
   * its output is HTML5 and well-formed XML at once. */
  s->save = xmlSaveToBuffer(s->buf, "UTF-8", XML_SAVE_NO_DECL);
  s->ends = g_ptr_array_new_with_free_func(g_free);
  return s;
}

static void stream_append(tpl_stream *s, const char *text, size_t len);

void tpl_stream_raw(tpl_stream *s, const char *text, size_t len) {
  stream_append(s, text, len);
}

/* Past STREAM_BIG bytes the page is given STREAM_RESERVE at once: a block
 * that large is mapped on its own (glibc's malloc maps anything over 32 MB),
 * grows in place and costs only the pages written; grown step by step in
 * the heap, every smaller copy it left behind stayed in memory (a redline
 * of 116 MB held 60 MB of them). */
enum { STREAM_BIG = 1 << 20, STREAM_RESERVE = 64 << 20 };

static void stream_append(tpl_stream *s, const char *text, size_t len) {
  GString *o = s->out;
  if (o->len + len + 1 > o->allocated_len && o->len + len >= STREAM_BIG &&
      o->allocated_len < STREAM_RESERVE) {
    gsize at = o->len;
    g_string_set_size(o, MAX((gsize)STREAM_RESERVE - 1, at + len)); /* and its NUL */
    g_string_truncate(o, at);
  }
  g_string_append_len(o, text, (gssize)len);
}

/* Moves what the save context wrote into out. */
static void stream_drain(tpl_stream *s) {
  xmlSaveFlush(s->save);
  stream_append(s, (const char *)xmlBufferContent(s->buf), (size_t)xmlBufferLength(s->buf));
  xmlBufferEmpty(s->buf);
}

void tpl_stream_node(tpl_stream *s, xmlNodePtr n) {
  close_empty_elements(n);
  xmlSaveTree(s->save, n);
  stream_drain(s);
}

/* The marker an element opened holds while it is serialised: a comment no
 * content can produce (text is escaped, comments are not passed through). */
#define STREAM_MARK "statuut:stream"

void tpl_stream_open(tpl_stream *s, xmlNodePtr el) {
  xmlAddChild(el, xmlNewDocComment(el->doc, (const xmlChar *)STREAM_MARK));
  xmlSaveTree(s->save, el);
  xmlSaveFlush(s->save);
  const char *all = (const char *)xmlBufferContent(s->buf);
  const char *mark = strstr(all, "<!--" STREAM_MARK "-->");
  stream_append(s, all, (size_t)(mark - all));
  g_ptr_array_add(s->ends, g_strdup(mark + strlen("<!--" STREAM_MARK "-->")));
  xmlBufferEmpty(s->buf);
  xmlFreeNode(el);
}

void tpl_stream_close(tpl_stream *s) {
  char *end = g_ptr_array_steal_index(s->ends, s->ends->len - 1);
  stream_append(s, end, strlen(end));
  g_free(end);
}

char *tpl_stream_finish(tpl_stream *s, size_t *len) {
  xmlSaveClose(s->save);
  xmlBufferFree(s->buf);
  g_ptr_array_free(s->ends, TRUE);
  if (len) *len = s->out->len;
  char *out = g_string_free(s->out, FALSE);
  g_free(s);
  return out;
}

char *tpl_serialize(xmlDocPtr doc, size_t *len) {
  tpl_stream *s = tpl_stream_new();
  g_string_append(s->out, "<!DOCTYPE html>\n");
  tpl_stream_node(s, xmlDocGetRootElement(doc));
  g_string_append_c(s->out, '\n');
  return tpl_stream_finish(s, len);
}

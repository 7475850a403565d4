/* template: HTML templates, parsed and serialised by libxml2.
 *
 * Templates are plain HTML5 written as well-formed XML (polyglot markup:
 * `<br/>`, quoted attributes, every element closed), so they are read with
 * libxml2's XML parser, which knows no HTML element table and therefore none
 * of the HTML parser's HTML4 mistakes. They are written back as HTML5: void
 * elements as `<br/>`, every other element with an end tag even when empty,
 * one `<!DOCTYPE html>`, nothing added.
 *
 * The vocabulary the engine understands (attributes removed from the output):
 *   data-slot="NAME"   the element's content is replaced by generated nodes
 *   data-meta="KEY"    the element's content is replaced by front-matter KEY;
 *                      the element is removed when the key is absent
 *   data-if="COND"     the element is kept only when COND holds
 *   data-href="WHAT"   the element's href is set (root, canonical, asset:FILE ...)
 * See README.md for the list of names per template. */
#ifndef STATUUT_TEMPLATE_H
#define STATUUT_TEMPLATE_H

#include <glib.h>
#include <libxml/tree.h>
#include <stdbool.h>

/* A parsed template file. */
typedef struct {
  char *path;
  xmlDocPtr doc;
} tpl;

/* Parses a template. Returns NULL with *err set (naming the file, line and
 * column; caller frees) when it is not well-formed or breaks an HTML rule the
 * XML parser cannot see (a block element inside <p>, raw text in <style>). */
tpl *tpl_load(const char *path, char **err);
void tpl_free(tpl *t);

/* A deep copy of the template's document, to be filled for one page. */
xmlDocPtr tpl_instance(const tpl *t);

/* The first element (document order) with data-slot="name", or NULL. */
xmlNodePtr tpl_find_slot(xmlNodePtr root, const char *name);
/* Every element with an attribute `attr`, in document order. Free with g_ptr_array_free. */
GPtrArray *tpl_find_attr(xmlNodePtr root, const char *attr);

/* Removes the children of an element. */
void tpl_clear(xmlNodePtr el);

/* Removes every data-* attribute of the engine's vocabulary. */
void tpl_strip(xmlNodePtr root);

/* Serialises as HTML5 (see above). The caller frees the result with g_free. */
char *tpl_serialize(xmlDocPtr doc, size_t *len);

/* A page written piece by piece: nodes serialised as tpl_serialize writes
 * them, appended to one buffer as they are made and freed, so that a large
 * page (the redline of a long document) never stands whole as a DOM beside
 * its text. Content still goes in as nodes: libxml2 escapes it. */
typedef struct tpl_stream tpl_stream;

tpl_stream *tpl_stream_new(void);
/* Appends len bytes that are serialised output already (a part of a page
 * tpl_serialize wrote). */
void tpl_stream_raw(tpl_stream *s, const char *text, size_t len);
/* Appends the serialisation of n and its subtree. */
void tpl_stream_node(tpl_stream *s, xmlNodePtr n);
/* Appends the start tag of el, which has no children, and keeps its end tag
 * for tpl_stream_close: what is streamed between them is its content.
 * Takes el (an unlinked node) and frees it. */
void tpl_stream_open(tpl_stream *s, xmlNodePtr el);
/* Appends the end tag of the element last opened. */
void tpl_stream_close(tpl_stream *s);
/* The text written (caller frees) and its length; frees the stream. Every
 * element opened must be closed. */
char *tpl_stream_finish(tpl_stream *s, size_t *len);

/* Element names HTML5 defines as void (no end tag). */
bool tpl_is_void(const char *name);

#endif

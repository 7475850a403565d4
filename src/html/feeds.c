/* feeds: sitemap.xml and feed.xml (see include/statuut/html.h), written
 * with libxml2 so that every text is escaped as XML wants it. */
#include "statuut/html.h"
#include "statuut/siteurl.h"

#include <libxml/tree.h>
#include <string.h>

static char *save_xml(xmlDocPtr xdoc, size_t *len) {
  xmlChar *mem;
  int n;
  xmlDocDumpFormatMemoryEnc(xdoc, &mem, &n, "UTF-8", 1);
  char *out = g_strndup((const char *)mem, (gsize)n);
  xmlFree(mem);
  *len = (size_t)n;
  return out;
}

char *html_sitemap(const char *const *urls, size_t n, size_t *len) {
  xmlDocPtr xdoc = xmlNewDoc((const xmlChar *)"1.0");
  xmlNodePtr set = xmlNewDocNode(xdoc, NULL, (const xmlChar *)"urlset", NULL);
  xmlDocSetRootElement(xdoc, set);
  xmlNewNs(set, (const xmlChar *)"http://www.sitemaps.org/schemas/sitemap/0.9", NULL);
  for (size_t i = 0; i < n; i++) {
    xmlNodePtr url = xmlNewChild(set, NULL, (const xmlChar *)"url", NULL);
    xmlNewTextChild(url, NULL, (const xmlChar *)"loc", (const xmlChar *)urls[i]);
  }
  char *text = save_xml(xdoc, len);
  xmlFreeDoc(xdoc);
  return text;
}

typedef struct {
  const content_doc *cd;
  const doc *d;
} entry;

static gint by_date_desc(gconstpointer a, gconstpointer b) {
  const entry *x = *(entry *const *)a, *y = *(entry *const *)b;
  int c = strcmp(y->d->meta.date, x->d->meta.date);
  if (c) return c;
  c = strcmp(x->cd->slug, y->cd->slug);
  return c ? c : strcmp(y->d->meta.version, x->d->meta.version);
}

static void text_child(xmlNodePtr parent, const char *name, const char *text) {
  xmlNewTextChild(parent, NULL, (const xmlChar *)name, (const xmlChar *)text);
}

/* An Atom entry per published (vastgesteld or vervallen) version, newest
 * first. Dates come from the content, never from the clock. */
char *html_feed(const content *c, size_t *len) {
  GPtrArray *entries = g_ptr_array_new_with_free_func(g_free);
  for (guint i = 0; i < c->docs->len; i++) {
    const content_doc *cd = g_ptr_array_index(c->docs, i);
    for (guint j = 0; j < cd->versions->len; j++) {
      const doc *d = g_ptr_array_index(cd->versions, j);
      if (d->meta.status == STATUS_CONCEPT) continue;
      entry *e = g_new(entry, 1);
      e->cd = cd;
      e->d = d;
      g_ptr_array_add(entries, e);
    }
  }
  g_ptr_array_sort(entries, by_date_desc);
  const char *base = c->base_url ? c->base_url : "urn:statuut:";
  xmlDocPtr xdoc = xmlNewDoc((const xmlChar *)"1.0");
  xmlNodePtr feed = xmlNewDocNode(xdoc, NULL, (const xmlChar *)"feed", NULL);
  xmlDocSetRootElement(xdoc, feed);
  xmlNewNs(feed, (const xmlChar *)"http://www.w3.org/2005/Atom", NULL);
  xmlNodeSetLang(feed, (const xmlChar *)"nl");
  char *title = g_strdup_printf("%s: nieuwe versies", c->site_title);
  text_child(feed, "title", title);
  g_free(title);
  text_child(feed, "id", base);
  char *updated = g_strdup_printf(
      "%sT00:00:00Z",
      entries->len ? ((entry *)g_ptr_array_index(entries, 0))->d->meta.date : "1970-01-01");
  text_child(feed, "updated", updated);
  g_free(updated);
  xmlNodePtr author = xmlNewChild(feed, NULL, (const xmlChar *)"author", NULL);
  text_child(author, "name", c->site_title);
  if (c->base_url) {
    xmlNodePtr self = xmlNewChild(feed, NULL, (const xmlChar *)"link", NULL);
    char *href = g_strconcat(base, "feed.xml", NULL);
    xmlSetProp(self, (const xmlChar *)"rel", (const xmlChar *)"self");
    xmlSetProp(self, (const xmlChar *)"href", (const xmlChar *)href);
    g_free(href);
  }
  for (guint i = 0; i < entries->len; i++) {
    const entry *e = g_ptr_array_index(entries, i);
    const meta *m = &e->d->meta;
    xmlNodePtr en = xmlNewChild(feed, NULL, (const xmlChar *)"entry", NULL);
    char *t = g_strdup_printf("%s, versie %s (%s)", m->title, m->version, status_name(m->status));
    text_child(en, "title", t);
    g_free(t);
    char *rel = url_dir(URL_VERSION, e->cd->slug, m->version, NULL);
    char *id = g_strconcat(base, rel, NULL);
    text_child(en, "id", id);
    xmlNodePtr link = xmlNewChild(en, NULL, (const xmlChar *)"link", NULL);
    xmlSetProp(link, (const xmlChar *)"href", (const xmlChar *)id);
    char *date = g_strdup_printf("%sT00:00:00Z", m->date);
    text_child(en, "updated", date);
    g_free(date);
    if (m->summary) text_child(en, "summary", m->summary);
    g_free(id);
    g_free(rel);
  }
  char *text = save_xml(xdoc, len);
  xmlFreeDoc(xdoc);
  g_ptr_array_free(entries, TRUE);
  return text;
}

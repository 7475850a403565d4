/* sitecheck: verifies a built site for the end-to-end tests.
 *
 *   sitecheck DIR
 *
 * Every .html file must be well-formed (parsed by libxml2's XML parser, no
 * recovery), start with <!DOCTYPE html>, have lang="nl" and exactly one
 * charset <meta>, and keep none of the template vocabulary. Every relative
 * href and src must name an existing file, and a #fragment an existing id of
 * that page. Prints each problem; exits 1 when there is any. */
#include <glib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <string.h>

typedef struct {
  GHashTable *ids;  /* page path -> GHashTable of ids */
  GPtrArray *links; /* "page\tattr value" */
  int problems;
  int pages;
} site;

static void problem(site *s, const char *fmt, const char *a, const char *b) {
  fprintf(stderr, fmt, a, b);
  fputc('\n', stderr);
  s->problems++;
}

static void silent(void *ctx, const char *msg, ...) {
  (void)ctx;
  (void)msg;
}

static void walk_page(site *s, const char *path, xmlNodePtr n, GHashTable *ids, int *charsets) {
  static const char *const vocab[] = {"data-slot", "data-meta", "data-if", "data-href", NULL};
  for (; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    xmlChar *id = xmlGetProp(n, (const xmlChar *)"id");
    if (id) {
      if (g_hash_table_contains(ids, id)) problem(s, "%s: duplicate id '%s'", path, (char *)id);
      g_hash_table_add(ids, g_strdup((char *)id));
      xmlFree(id);
    }
    if (xmlStrcmp(n->name, (const xmlChar *)"meta") == 0 &&
        xmlHasProp(n, (const xmlChar *)"charset"))
      (*charsets)++;
    for (int i = 0; vocab[i]; i++)
      if (xmlHasProp(n, (const xmlChar *)vocab[i]))
        problem(s, "%s: template attribute %s left in the page", path, vocab[i]);
    const char *attrs[] = {"href", "src"};
    for (int i = 0; i < 2; i++) {
      xmlChar *v = xmlGetProp(n, (const xmlChar *)attrs[i]);
      if (v) {
        g_ptr_array_add(s->links, g_strdup_printf("%s\t%s", path, (char *)v));
        xmlFree(v);
      }
    }
    walk_page(s, path, n->children, ids, charsets);
  }
}

static void read_page(site *s, const char *path) {
  gchar *text = NULL;
  g_file_get_contents(path, &text, NULL, NULL);
  if (!text || !g_str_has_prefix(text, "<!DOCTYPE html>\n"))
    problem(s, "%s: does not start with <!DOCTYPE html>%s", path, "");
  g_free(text);
  xmlDocPtr doc = xmlReadFile(path, "UTF-8", XML_PARSE_NONET);
  s->pages++;
  if (!doc) {
    const xmlError *e = xmlGetLastError();
    problem(s, "%s: not well-formed: %s", path, e && e->message ? e->message : "?");
    return;
  }
  xmlNodePtr root = xmlDocGetRootElement(doc);
  xmlChar *lang = xmlGetProp(root, (const xmlChar *)"lang");
  if (!lang || strcmp((char *)lang, "nl") != 0)
    problem(s, "%s: <html> lacks lang=\"nl\"%s", path, "");
  xmlFree(lang);
  GHashTable *ids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  int charsets = 0;
  walk_page(s, path, root, ids, &charsets);
  if (charsets != 1)
    problem(s, "%s: %s charset <meta> elements, expected one", path, charsets ? "several" : "no");
  g_hash_table_insert(s->ids, g_strdup(path), ids);
  xmlFreeDoc(doc);
}

static void walk_dir(site *s, const char *dir) {
  GDir *d = g_dir_open(dir, 0, NULL);
  if (!d) return;
  const char *name;
  while ((name = g_dir_read_name(d))) {
    char *path = g_build_filename(dir, name, NULL);
    if (g_file_test(path, G_FILE_TEST_IS_DIR))
      walk_dir(s, path);
    else if (g_str_has_suffix(name, ".html"))
      read_page(s, path);
    g_free(path);
  }
  g_dir_close(d);
}

static void check_link(site *s, const char *page, const char *url) {
  if (g_str_has_prefix(url, "data:")) return;
  if (strstr(url, "://") || g_str_has_prefix(url, "mailto:") || g_str_has_prefix(url, "//"))
    return; /* external */
  if (url[0] == '/') {
    problem(s, "%s: site-rooted link '%s' was not made relative", page, url);
    return;
  }
  const char *hash = strchr(url, '#');
  char *file = hash ? g_strndup(url, (gsize)(hash - url)) : g_strdup(url);
  char *target;
  if (!*file) {
    target = g_strdup(page);
  } else {
    char *dir = g_path_get_dirname(page);
    char *joined = g_build_filename(dir, file, NULL);
    target = g_canonicalize_filename(joined, NULL);
    g_free(joined);
    g_free(dir);
  }
  if (!g_file_test(target, G_FILE_TEST_IS_REGULAR)) {
    problem(s, "%s: link to missing file '%s'", page, url);
  } else if (hash && hash[1]) {
    GHashTable *ids = NULL;
    GHashTableIter it;
    gpointer k, v;
    g_hash_table_iter_init(&it, s->ids);
    char *canon = g_canonicalize_filename(target, NULL);
    while (g_hash_table_iter_next(&it, &k, &v)) {
      char *ck = g_canonicalize_filename(k, NULL);
      if (strcmp(ck, canon) == 0) ids = v;
      g_free(ck);
    }
    g_free(canon);
    if (!ids || !g_hash_table_contains(ids, hash + 1))
      problem(s, "%s: link to missing anchor '%s'", page, url);
  }
  g_free(target);
  g_free(file);
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: sitecheck DIR\n");
    return 2;
  }
  xmlSetGenericErrorFunc(NULL, silent);
  site s = {
      g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_hash_table_destroy),
      g_ptr_array_new_with_free_func(g_free), 0, 0};
  walk_dir(&s, argv[1]);
  for (guint i = 0; i < s.links->len; i++) {
    char *entry = g_ptr_array_index(s.links, i);
    char *tab = strchr(entry, '\t');
    *tab = '\0';
    check_link(&s, entry, tab + 1);
  }
  printf("%d pages, %u links, %d problems\n", s.pages, s.links->len, s.problems);
  g_ptr_array_free(s.links, TRUE);
  g_hash_table_destroy(s.ids);
  return s.problems ? 1 : 0;
}

/* links: see include/statuut/links.h */
#include "statuut/links.h"
#include "statuut/citations.h"
#include "statuut/editdist.h"
#include "statuut/siteurl.h"

#include <string.h>

static const char *const page_ids[] = {"inhoud", "voetnoten", "versies", "top", NULL};
static const char *const schemes[] = {"http", "https", "mailto", "ftp", "tel", NULL};

/* ---- well-formed URLs ---- */

/* The scheme of url ("https"), or NULL when it has none. Caller frees. */
static char *scheme_of(const char *url) {
  if (!g_ascii_isalpha(url[0])) return NULL;
  const char *p = url + 1;
  while (g_ascii_isalnum(*p) || *p == '+' || *p == '-' || *p == '.')
    p++;
  return *p == ':' ? g_ascii_strdown(url, p - url) : NULL;
}

/* A host name: labels of letters, digits and hyphens (or non-ASCII, for
 * international names) separated by single dots, the last one not numeric;
 * or an IP address. */
static bool host_valid(const char *host) {
  if (!host || !*host) return false;
  if (strcmp(host, "localhost") == 0 || g_hostname_is_ip_address(host)) return true;
  char **labels = g_strsplit(host, ".", -1);
  guint n = g_strv_length(labels);
  bool ok = n >= 2;
  for (guint i = 0; ok && i < n; i++) {
    const char *l = labels[i];
    ok = *l && l[0] != '-' && l[strlen(l) - 1] != '-';
    for (const char *p = l; ok && *p; p++)
      ok = g_ascii_isalnum(*p) || *p == '-' || (unsigned char)*p >= 0x80;
  }
  if (ok) {
    bool letter = false;
    for (const char *p = labels[n - 1]; *p; p++)
      letter = letter || !g_ascii_isdigit(*p);
    ok = letter;
  }
  g_strfreev(labels);
  return ok;
}

/* A '%' not followed by two hex digits, as a message; NULL when none. */
static char *bad_escape(const char *url) {
  for (const char *p = strchr(url, '%'); p; p = strchr(p + 1, '%'))
    if (!g_ascii_isxdigit(p[1]) || !g_ascii_isxdigit(p[2]))
      return g_strdup_printf("'%.3s' is not a %%-escape (a '%%' itself is written %%25)", p);
  return NULL;
}

char *links_url_problem(const char *url) {
  for (const char *p = url; *p; p++)
    if ((unsigned char)*p <= ' ' || *p == 0x7f)
      return g_strdup("a URL cannot contain spaces or control characters (write %20)");
  char *scheme = scheme_of(url);
  char *why = NULL;
  bool known = false;
  for (int i = 0; scheme && schemes[i]; i++)
    known = known || strcmp(scheme, schemes[i]) == 0;
  if (!scheme) {
    why = g_strdup_printf(g_str_has_prefix(url, "www.")
                              ? "not a full URL: write 'https://%s'"
                              : "a relative link does not work on the site: links within "
                                "the site start with '/' ('/slug/'), others with https://",
                          url);
  } else if (!known) {
    why = g_strdup_printf("unknown URL scheme '%s:'", scheme);
  } else if ((why = bad_escape(url))) {
    /* reported */
  } else {
    GError *e = NULL;
    GUri *u = g_uri_parse(url, G_URI_FLAGS_ENCODED, &e);
    if (!u) {
      why = g_strdup_printf("not a valid URL (%s)", e->message);
      g_error_free(e);
    } else if (strcmp(scheme, "mailto") == 0) {
      const char *addr = g_uri_get_path(u), *at = strchr(addr, '@');
      if (!at || at == addr || !host_valid(at + 1))
        why = g_strdup_printf("'%s' is not an e-mail address", addr);
    } else if ((strcmp(scheme, "http") == 0 || strcmp(scheme, "https") == 0 ||
                strcmp(scheme, "ftp") == 0) &&
               !host_valid(g_uri_get_host(u))) {
      const char *h = g_uri_get_host(u);
      why = h && *h ? g_strdup_printf("'%s' is not a host name", h)
                    : g_strdup("the URL has no host name");
    }
    if (u) g_uri_unref(u);
  }
  g_free(scheme);
  return why;
}

static bool unreserved(int c) {
  return g_ascii_isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

char *links_normal_form(const char *url) {
  GError *e = NULL;
  GUri *u = g_uri_parse(url, G_URI_FLAGS_ENCODED, &e);
  if (!u) {
    g_error_free(e);
    return g_strdup(url);
  }
  GString *s = g_string_new(NULL);
  const char *scheme = g_uri_get_scheme(u), *host = g_uri_get_host(u);
  bool web = g_ascii_strcasecmp(scheme, "http") == 0 || g_ascii_strcasecmp(scheme, "https") == 0;
  char *lscheme = g_ascii_strdown(scheme, -1);
  g_string_append(s, web ? "https" : lscheme);
  g_string_append_c(s, ':');
  g_free(lscheme);
  if (host) {
    char *h = g_ascii_strdown(host, -1);
    g_string_append_printf(s, "//%s", g_str_has_prefix(h, "www.") ? h + 4 : h);
    g_free(h);
    int port = g_uri_get_port(u);
    if (port > 0 && !(web && (port == 80 || port == 443))) g_string_append_printf(s, ":%d", port);
  }
  /* %41 and A are the same character; %2F and / are not. */
  const char *path = g_uri_get_path(u);
  GString *p = g_string_new(NULL);
  for (const char *c = path; *c; c++) {
    if (c[0] == '%' && g_ascii_isxdigit(c[1]) && g_ascii_isxdigit(c[2])) {
      int v = g_ascii_xdigit_value(c[1]) * 16 + g_ascii_xdigit_value(c[2]);
      if (unreserved(v))
        g_string_append_c(p, (char)v);
      else
        g_string_append_printf(p, "%%%02X", v);
      c += 2;
    } else {
      g_string_append_c(p, *c);
    }
  }
  while (p->len > 1 && p->str[p->len - 1] == '/')
    g_string_truncate(p, p->len - 1);
  if (host && p->len == 0) g_string_append_c(p, '/');
  g_string_append(s, p->str);
  g_string_free(p, TRUE);
  if (g_uri_get_query(u)) g_string_append_printf(s, "?%s", g_uri_get_query(u));
  if (g_uri_get_fragment(u)) g_string_append_printf(s, "#%s", g_uri_get_fragment(u));
  g_uri_unref(u);
  return g_string_free(s, FALSE);
}

/* ---- ids of documents ---- */

static void ids_cb(doc_node *n, bool entering, void *ctx) {
  if (entering && n->id) g_hash_table_add(ctx, g_strdup(n->id));
}

/* Every id the page of d has. Caller frees with g_hash_table_destroy. */
static GHashTable *ids_of(const doc *d) {
  GHashTable *ids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  doc_walk(d->root, ids_cb, ids);
  for (guint i = 0; i < d->footnotes->len; i++) {
    const doc_node *f = g_ptr_array_index(d->footnotes, i);
    g_hash_table_add(ids, g_strdup(f->id));
    /* The anchors of its references (those in the body are found by the
     * walk too; those in other notes are not always). */
    for (int k = 1; k <= f->ref_count; k++)
      g_hash_table_add(ids, doc_note_ref_id(f->label, k));
    doc_walk((doc_node *)f, ids_cb, ids);
  }
  for (int i = 0; page_ids[i]; i++)
    g_hash_table_add(ids, g_strdup(page_ids[i]));
  return ids;
}

/* ---- the check ---- */

typedef struct {
  char *url, *normal;
  int line, col;
  bool in_list; /* in a reference-list entry, where links are written with care */
} occurrence;

typedef struct {
  const doc *d;
  const content *site;
  diag_list *out;
  GHashTable *ids;   /* const doc* -> GHashTable* of its ids */
  GPtrArray *occurs; /* of occurrence*, external links in source order */
} links_ctx;

static void report(links_ctx *x, int line, int col, diag_severity sev, const char *fmt, ...)
    G_GNUC_PRINTF(5, 6);
static void report(links_ctx *x, int line, int col, diag_severity sev, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  diag_addv(x->out, sev, x->d->path, line, col, CHECK_LINKS, fmt, ap);
  va_end(ap);
}

static bool has_id(links_ctx *x, const doc *target, const char *id) {
  GHashTable *ids = g_hash_table_lookup(x->ids, target);
  if (!ids) {
    ids = ids_of(target);
    g_hash_table_insert(x->ids, (gpointer)target, ids);
  }
  return g_hash_table_contains(ids, id);
}

static const char *const site_forms = "'/slug/', '/slug/latest/' or '/slug/VERSION/'";

/* "/slug/VERSION/#id" and its shorter forms (siteurl.h). */
static void check_site_link(links_ctx *x, const char *url, int line, int col) {
  url_link l;
  if (!url_link_parse(url, &l)) return;
  const char *id = l.fragment;
  const doc *target = NULL;
  if (l.kind == URL_INDEX || l.kind == URL_ASSET) {
    /* The index page (its ids are the template's), or a file of the site
     * (an image, the stylesheet), which is not known here. */
  } else if (!l.folder) {
    report(x, line, col, DIAG_ERROR, "site link '%s' must end in '/': write '/%s/'", url, l.path);
  } else if (l.kind == URL_KIND_MAX) {
    report(x, line, col, DIAG_ERROR, "site link '%s' is not a page: write %s", url, site_forms);
  } else if (!x->site) {
    /* No content around the document: nothing to resolve against. */
  } else {
    const content_doc *cd = content_find(x->site, l.slug);
    if (!cd) {
      report(x, line, col, DIAG_ERROR, "site link '%s': there is no document '%s'", url, l.slug);
    } else if (l.kind == URL_LATEST) {
      target = content_latest(cd);
    } else {
      for (guint i = 0; i < cd->versions->len && !target; i++) {
        const doc *v = g_ptr_array_index(cd->versions, i);
        if (strcmp(v->meta.version, l.version) == 0) target = v;
      }
      if (!target) {
        GString *have = g_string_new(NULL);
        for (guint i = 0; i < cd->versions->len; i++)
          g_string_append_printf(have, "%s%s", i ? ", " : "",
                                 ((const doc *)g_ptr_array_index(cd->versions, i))->meta.version);
        report(x, line, col, DIAG_ERROR, "site link '%s': '%s' has no version '%s' (it has %s)",
               url, l.slug, l.version, have->str);
        g_string_free(have, TRUE);
      }
    }
  }
  if (target && id && *id && !has_id(x, target, id))
    report(x, line, col, DIAG_ERROR, "site link '%s': '%s' %s has no heading or point '#%s'", url,
           l.slug, target->meta.version, id);
  url_link_clear(&l);
}

static void link_cb(doc_node *n, bool entering, void *vctx) {
  links_ctx *x = vctx;
  if (!entering || (n->type != DOC_LINK && n->type != DOC_IMAGE)) return;
  if (n->refused) return; /* the model reported it (unsafe-link) */
  int line = n->line, col = n->col;
  if (n->first && n->first->type == DOC_TEXT) doc_text_pos(n->first, 0, &line, &col);
  const char *url = n->url ? n->url : "";
  if (!*url) {
    report(x, line, col, DIAG_ERROR, "the link has no address");
  } else if (url[0] == '#') {
    if (url[1] && !has_id(x, x->d, url + 1))
      report(x, line, col, DIAG_ERROR, "link '%s': this document has no heading or point '%s'", url,
             url + 1);
  } else if (url[0] == '/' && url[1] != '/') {
    check_site_link(x, url, line, col);
  } else {
    char *why = links_url_problem(url);
    if (why) {
      report(x, line, col, DIAG_ERROR, "malformed URL '%s': %s", url, why);
      g_free(why);
      return;
    }
    occurrence *o = g_new0(occurrence, 1);
    o->url = g_strdup(url);
    o->normal = links_normal_form(url);
    o->line = line;
    o->col = col;
    const doc_node *p = n->parent;
    while (p && p->type != DOC_PARAGRAPH)
      p = p->parent;
    o->in_list = p && cite_is_list_entry(p);
    g_ptr_array_add(x->occurs, o);
  }
}

/* Two URLs that differ only in digits are numbered variants (a report of
 * 2019 and one of 2020), not one URL mistyped. */
static bool digits_only_differ(const char *a, const char *b) {
  while (*a || *b) {
    while (g_ascii_isdigit(*a))
      a++;
    while (g_ascii_isdigit(*b))
      b++;
    if (*a != *b) return false;
    if (*a) {
      a++;
      b++;
    }
  }
  return true;
}

/* Close URLs: at most two edits, among URLs long enough for two edits to be
 * a typing error rather than another page ("/a" and "/b"). */
enum { NEAR_EDITS = 2, NEAR_MIN_LEN = 24 };

static void compare_writings(links_ctx *x) {
  GPtrArray *o = x->occurs;
  GHashTable *reported = g_hash_table_new(g_str_hash, g_str_equal);
  for (guint i = 0; i < o->len; i++) {
    occurrence *b = g_ptr_array_index(o, i);
    if (g_hash_table_contains(reported, b->url)) continue;
    for (guint j = 0; j < i; j++) {
      occurrence *a = g_ptr_array_index(o, j);
      if (strcmp(a->url, b->url) == 0) break; /* b was seen before and compared then */
      occurrence *at = b, *other = a;
      bool same = strcmp(a->normal, b->normal) == 0;
      bool near = false;
      if (!same && strlen(a->normal) >= NEAR_MIN_LEN && strlen(b->normal) >= NEAR_MIN_LEN &&
          !digits_only_differ(a->normal, b->normal))
        near = editdist(a->normal, b->normal, false, NEAR_EDITS) <= NEAR_EDITS;
      if (!same && !near) continue;
      /* The reference list is written with care: report the other one. */
      if (b->in_list && !a->in_list) {
        at = a;
        other = b;
      }
      if (same)
        report(x, at->line, at->col, DIAG_WARNING,
               "'%s' is the same URL as '%s' on line %d, written differently", at->url, other->url,
               other->line);
      else
        report(x, at->line, at->col, DIAG_WARNING,
               "URL '%s' nearly equals '%s' on line %d: one of them is mistyped?", at->url,
               other->url, other->line);
      g_hash_table_add(reported, at->url);
      g_hash_table_add(reported, other->url);
      break;
    }
  }
  g_hash_table_destroy(reported);
}

static void occurrence_free(gpointer p) {
  occurrence *o = p;
  g_free(o->url);
  g_free(o->normal);
  g_free(o);
}

void links_check(const doc *d, const content *site, diag_list *out) {
  links_ctx x = {d, site, out,
                 g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
                                       (GDestroyNotify)g_hash_table_destroy),
                 g_ptr_array_new_with_free_func(occurrence_free)};
  doc_walk(d->root, link_cb, &x);
  for (guint i = 0; i < d->footnotes->len; i++)
    doc_walk(g_ptr_array_index(d->footnotes, i), link_cb, &x);
  compare_writings(&x);
  g_ptr_array_free(x.occurs, TRUE);
  g_hash_table_destroy(x.ids);
}

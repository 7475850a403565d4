/* siteurl: see include/statuut/siteurl.h */
#include "statuut/siteurl.h"

#include <glib.h>
#include <string.h>

/* The scheme. In a pattern, {s} is the slug, {a} and {b} the versions; a
 * page's file is its folder followed by index.html. */
static const struct {
  const char *pattern;
  bool page;        /* a folder with index.html; else a file */
  const char *root; /* from the page back to the site root */
} scheme[URL_KIND_MAX] = {
    [URL_INDEX] = {"", true, ""},
    [URL_HISTORY] = {"{s}/", true, "../"},
    [URL_VERSION] = {"{s}/{a}/", true, "../../"},
    [URL_LATEST] = {"{s}/latest/", true, "../../"},
    [URL_DIFF] = {"{s}/verschil/{a}-{b}/", true, "../../../"},
    [URL_PDF] = {"{s}/{a}/{s}-{a}.pdf", false, "../../"},
    [URL_DIFF_PDF] = {"{s}/verschil/{a}-{b}/{s}-wijzigingen-{a}-{b}.pdf", false, "../../../"},
    [URL_ASSET] = {"{a}", false, ""},
    [URL_SEARCH] = {"zoeken/", true, "../"},
    [URL_SEARCH_INDEX] = {"pagefind/{s}/", false, "../../"},
};

/* The folder of the latest version, as links in the content name it. */
static const char latest_name[] = "latest";

char *url_dir(url_kind k, const char *slug, const char *a, const char *b) {
  g_return_val_if_fail(k < URL_KIND_MAX, NULL);
  GString *s = g_string_new(NULL);
  for (const char *p = scheme[k].pattern; *p; p++) {
    if (p[0] == '{' && p[1] && p[2] == '}') {
      const char *v = p[1] == 's' ? slug : p[1] == 'a' ? a : b;
      g_string_append(s, v ? v : "");
      p += 2;
    } else {
      g_string_append_c(s, *p);
    }
  }
  return g_string_free(s, FALSE);
}

char *url_file(url_kind k, const char *slug, const char *a, const char *b) {
  char *dir = url_dir(k, slug, a, b);
  if (!scheme[k].page) return dir;
  char *file = g_strconcat(dir, "index.html", NULL);
  g_free(dir);
  return file;
}

const char *url_root(url_kind k) {
  return k < URL_KIND_MAX ? scheme[k].root : "";
}

bool url_link_parse(const char *url, url_link *out) {
  if (!url || url[0] != '/' || url[1] == '/') return false;
  memset(out, 0, sizeof *out);
  const char *hash = strchr(url, '#');
  out->fragment = hash ? hash + 1 : NULL;
  out->path = g_strndup(url + 1, hash ? (size_t)(hash - url - 1) : strlen(url + 1));
  out->folder = !*out->path || g_str_has_suffix(out->path, "/");
  char **parts = g_strsplit(out->path, "/", -1);
  GPtrArray *seg = g_ptr_array_new();
  for (char **p = parts; *p; p++)
    if (**p) g_ptr_array_add(seg, *p);
  out->parts = (int)seg->len;
  out->kind = URL_KIND_MAX;
  if (out->parts == 0) {
    out->kind = URL_INDEX;
  } else if (!out->folder) {
    if (strchr(g_ptr_array_index(seg, seg->len - 1), '.')) out->kind = URL_ASSET;
  } else if (out->parts == 1 ||
             (out->parts == 2 && strcmp(g_ptr_array_index(seg, 1), latest_name) == 0)) {
    out->kind = URL_LATEST;
    out->slug = g_strdup(g_ptr_array_index(seg, 0));
  } else if (out->parts == 2) {
    out->kind = URL_VERSION;
    out->slug = g_strdup(g_ptr_array_index(seg, 0));
    out->version = g_strdup(g_ptr_array_index(seg, 1));
  }
  g_ptr_array_free(seg, TRUE);
  g_strfreev(parts);
  return true;
}

void url_link_clear(url_link *l) {
  g_free(l->path);
  g_free(l->slug);
  g_free(l->version);
  memset(l, 0, sizeof *l);
}

char *url_link_file(const url_link *l) {
  switch (l->kind) {
  case URL_INDEX:
  case URL_LATEST:
  case URL_VERSION:
    return url_file(l->kind, l->slug, l->version, NULL);
  default:
    /* A file as written; a folder of the site that is no page of ours
     * still has its index.html. */
    return l->folder ? g_strconcat(l->path, "index.html", NULL) : g_strdup(l->path);
  }
}

const char url_safe_schemes[] = "http, https, mailto, tel";

bool url_is_safe(const char *url) {
  static const char *const allowed[] = {"http", "https", "mailto", "tel", NULL};
  if (!url) return false;
  const unsigned char *p = (const unsigned char *)url;
  /* Browsers skip C0 controls and spaces before a URL ... */
  while (*p && *p <= 0x20)
    p++;
  /* ... and drop tabs and line breaks anywhere in it. */
  char name[16];
  size_t n = 0;
  for (; *p; p++) {
    if (*p == '\t' || *p == '\n' || *p == '\r') continue;
    if (*p == ':') break;
    /* A '/', '?' or '#' before any ':' makes it a path: no scheme. */
    if (*p == '/' || *p == '?' || *p == '#') return true;
    bool first = n == 0;
    if (!(g_ascii_isalpha(*p) ||
          (!first && (g_ascii_isdigit(*p) || *p == '+' || *p == '-' || *p == '.'))))
      return true; /* not a scheme: a browser reads the whole as a relative path */
    if (n + 1 < sizeof name) name[n] = g_ascii_tolower(*p);
    n++;
  }
  if (!*p) return true;                  /* no ':' at all: a relative path */
  if (n + 1 > sizeof name) return false; /* a scheme longer than any allowed */
  name[n] = '\0';
  for (int i = 0; allowed[i]; i++)
    if (strcmp(name, allowed[i]) == 0) return true;
  return false;
}

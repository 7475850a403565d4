/* diag: see include/statuut/diag.h */
#include "statuut/diag.h"

#include <string.h>

static const char *const check_names[CHECK_MAX] = {
    [CHECK_NONE] = "",
    [CHECK_IO] = "io",
    [CHECK_ENCODING] = "encoding",
    [CHECK_FRONT_MATTER] = "front-matter",
    [CHECK_CONTENT] = "content",
    [CHECK_SITE] = "site",
    [CHECK_RAW_HTML] = "raw-html",
    [CHECK_FOOTNOTES] = "footnotes",
    [CHECK_CITATIONS] = "citations",
    [CHECK_LINKS] = "links",
    [CHECK_STRUCTURE] = "structure",
    [CHECK_SPELLING] = "spelling",
    [CHECK_PDF] = "pdf",
    [CHECK_NEW] = "new",
    [CHECK_SILENCE] = "check",
    [CHECK_UNSAFE_LINK] = "unsafe-link",
    [CHECK_LIMIT] = "limit",
    [CHECK_CACHE] = "cache",
};

const char *diag_check_name(diag_check c) {
  return c < CHECK_MAX ? check_names[c] : "";
}

diag_check diag_check_from_name(const char *name) {
  for (int c = CHECK_IO; c < CHECK_MAX; c++)
    if (strcmp(check_names[c], name) == 0) return (diag_check)c;
  return CHECK_MAX;
}

static void diag_free(gpointer p) {
  diag *d = p;
  g_free(d->file);
  g_free(d->message);
  g_free(d);
}

diag_list *diag_list_new(void) {
  diag_list *l = g_new0(diag_list, 1);
  l->items = g_ptr_array_new_with_free_func(diag_free);
  return l;
}

void diag_list_free(diag_list *l) {
  if (!l) return;
  g_ptr_array_free(l->items, TRUE);
  g_free(l);
}

void diag_addv(diag_list *l, diag_severity sev, const char *file, int line, int col,
               diag_check check, const char *fmt, va_list ap) {
  diag *d = g_new0(diag, 1);
  d->file = g_strdup(file ? file : "");
  d->line = line;
  d->col = col;
  d->severity = sev;
  d->check = check;
  d->message = g_strdup_vprintf(fmt, ap);
  g_ptr_array_add(l->items, d);
}

void diag_add(diag_list *l, diag_severity sev, const char *file, int line, int col,
              diag_check check, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  diag_addv(l, sev, file, line, col, check, fmt, ap);
  va_end(ap);
}

void diag_list_take(diag_list *dst, diag_list *src) {
  /* Steal the pointers: clear src without its free function running. */
  for (guint i = 0; i < src->items->len; i++)
    g_ptr_array_add(dst->items, g_ptr_array_index(src->items, i));
  g_ptr_array_set_free_func(src->items, NULL);
  g_ptr_array_set_size(src->items, 0);
  g_ptr_array_set_free_func(src->items, diag_free);
}

void diag_list_filter(diag_list *l, diag_keep_fn fn, void *ctx) {
  guint kept = 0;
  for (guint i = 0; i < l->items->len; i++) {
    diag *d = g_ptr_array_index(l->items, i);
    if (fn(d, ctx))
      l->items->pdata[kept++] = d;
    else
      diag_free(d);
  }
  /* The removed items are freed already: shrink without the free function. */
  g_ptr_array_set_free_func(l->items, NULL);
  g_ptr_array_set_size(l->items, kept);
  g_ptr_array_set_free_func(l->items, diag_free);
}

static gint diag_order(gconstpointer a, gconstpointer b) {
  const diag *x = *(const diag *const *)a, *y = *(const diag *const *)b;
  int c = strcmp(x->file, y->file);
  if (c) return c;
  if (x->line != y->line) return x->line < y->line ? -1 : 1;
  if (x->col != y->col) return x->col < y->col ? -1 : 1;
  return 0;
}

void diag_list_sort(diag_list *l) {
  /* Insertion sort: it is stable, which g_ptr_array_sort is not documented to
   * be, and a run reports at most a few hundred problems. */
  guint n = l->items->len;
  if (n < 2) return;
  gpointer *v = l->items->pdata;
  for (guint i = 1; i < n; i++) {
    gpointer cur = v[i];
    guint j = i;
    while (j > 0 && diag_order(&v[j - 1], &cur) > 0) {
      v[j] = v[j - 1];
      j--;
    }
    v[j] = cur;
  }
}

unsigned diag_count(const diag_list *l, diag_severity sev) {
  unsigned n = 0;
  for (guint i = 0; i < l->items->len; i++)
    if (((diag *)g_ptr_array_index(l->items, i))->severity == sev) n++;
  return n;
}

char *diag_format(const diag *d) {
  GString *s = g_string_new(d->file);
  if (d->line > 0) {
    g_string_append_printf(s, ":%d", d->line);
    if (d->col > 0) g_string_append_printf(s, ":%d", d->col);
  }
  g_string_append_printf(s, ": %s: %s", d->severity == DIAG_ERROR ? "error" : "warning",
                         d->message);
  if (d->check != CHECK_NONE) g_string_append_printf(s, " [%s]", diag_check_name(d->check));
  return g_string_free(s, FALSE);
}

/* errorpage: what the preview shows instead of the site while the content
 * has errors (see serve.h). A page of its own, not a template's: it must
 * show even when the templates are what is broken. Made in the serve
 * process's main thread. */
#include "serve.h"

#include "statuut/fsutil.h"

#include <string.h>

static void escaped(GString *s, const char *text, size_t len) {
  for (size_t i = 0; i < len && text[i]; i++) {
    switch (text[i]) {
    case '&':
      g_string_append(s, "&amp;");
      break;
    case '<':
      g_string_append(s, "&lt;");
      break;
    case '>':
      g_string_append(s, "&gt;");
      break;
    case '"':
      g_string_append(s, "&quot;");
      break;
    default:
      g_string_append_c(s, text[i]);
    }
  }
}

static void escape(GString *s, const char *text) {
  escaped(s, text, strlen(text));
}

/* Line `line` (1-based) of data, without its end; NULL past the end. */
static const char *line_of(const char *data, size_t len, int line, size_t *n) {
  const char *p = data, *end = data + len;
  for (int l = 1; l < line && p < end; l++) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    if (!nl) return NULL;
    p = nl + 1;
  }
  if (p >= end && line > 1) return NULL;
  const char *nl = memchr(p, '\n', (size_t)(end - p));
  *n = (size_t)((nl ? nl : end) - p);
  if (*n && p[*n - 1] == '\r') (*n)--;
  return p;
}

/* A source line as printed by a compiler: the line, and under it a caret
 * under the column (a byte column, shown under its character). */
static void source_line(GString *s, const diag *d) {
  if (!d->file || !*d->file || d->line <= 0) return;
  size_t len = 0;
  char *ignored = NULL;
  char *data = fs_read(d->file, &len, &ignored);
  g_free(ignored);
  size_t n = 0;
  const char *line = data ? line_of(data, len, d->line, &n) : NULL;
  if (line) {
    g_string_append(s, "<pre class=\"bron\"><code>");
    escaped(s, line, n);
    if (d->col > 0 && (size_t)d->col <= n + 1) {
      g_string_append_c(s, '\n');
      /* One space per character before the column (a tab stays a tab). */
      for (int i = 0; i < d->col - 1 && (size_t)i < n; i++)
        if (((unsigned char)line[i] & 0xc0) != 0x80)
          g_string_append_c(s, line[i] == '\t' ? '\t' : ' ');
      g_string_append(s, "<span class=\"wijzer\" aria-hidden=\"true\">^</span>");
    }
    g_string_append(s, "</code></pre>\n");
  }
  g_free(data);
}

char *serve_error_page(const diag_list *diags, const char *message) {
  unsigned errors = 0;
  for (guint i = 0; diags && i < diags->items->len; i++)
    errors += ((const diag *)g_ptr_array_index(diags->items, i))->severity == DIAG_ERROR;
  GString *s = g_string_new(NULL);
  g_string_append(
      s, "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<title>Fout in de inhoud \xe2\x80\x94 statuut serve</title>\n<style>\n"
         "body{font-family:system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem;"
         "line-height:1.5;color:#1a1a1a;background:#fff}\n"
         "h1{color:#8b0000}\nli{margin-bottom:1.25rem}\n"
         "code{font-family:ui-monospace,monospace}\n"
         ".plaats{font-weight:bold}\n.check{color:#555}\n"
         "pre.bron{background:#f4f4f4;border-left:4px solid #8b0000;padding:.5rem 1rem;"
         "overflow-x:auto}\n.wijzer{color:#8b0000;font-weight:bold}\n</style>\n</head>\n<body>\n"
         "<main>\n<h1>De site kon niet worden gebouwd</h1>\n");
  if (errors)
    g_string_append_printf(s,
                           "<p>De inhoud heeft %u fout%s. Herstel %s en bewaar het bestand: de "
                           "pagina laadt dan vanzelf opnieuw.</p>\n",
                           errors, errors == 1 ? "" : "en", errors == 1 ? "de fout" : "de fouten");
  else
    g_string_append(s, "<p>Herstel het probleem en bewaar het bestand: de pagina laadt dan "
                       "vanzelf opnieuw.</p>\n");
  if (errors) {
    g_string_append_printf(s, "<h2>Fout%s</h2>\n<ol class=\"fouten\">\n", errors == 1 ? "" : "en");
    for (guint i = 0; i < diags->items->len; i++) {
      const diag *d = g_ptr_array_index(diags->items, i);
      if (d->severity != DIAG_ERROR) continue;
      g_string_append(s, "<li>\n<p><code class=\"plaats\">");
      escape(s, d->file && *d->file ? d->file : "(geen bestand)");
      if (d->line > 0) g_string_append_printf(s, ":%d", d->line);
      if (d->line > 0 && d->col > 0) g_string_append_printf(s, ":%d", d->col);
      g_string_append(s, "</code>: ");
      escape(s, d->message);
      if (d->check != CHECK_NONE) {
        g_string_append(s, " <span class=\"check\">[");
        escape(s, diag_check_name(d->check));
        g_string_append(s, "]</span>");
      }
      g_string_append(s, "</p>\n");
      source_line(s, d);
      g_string_append(s, "</li>\n");
    }
    g_string_append(s, "</ol>\n");
  }
  if (message && *message) {
    g_string_append(s, "<h2>Melding van de bouw</h2>\n<pre>");
    escape(s, message);
    g_string_append(s, "</pre>\n");
  }
  g_string_append(s, "<p>Alleen in de voorvertoning (<code>statuut serve</code>); de andere "
                     "bestanden zijn die van de laatste geslaagde bouw.</p>\n</main>\n</body>\n"
                     "</html>\n");
  return g_string_free(s, FALSE);
}

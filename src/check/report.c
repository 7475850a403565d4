/* report: see include/statuut/report.h */
#include "statuut/report.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static const char *const names[REPORT_FORMAT_MAX] = {"text", "json", "github"};

bool report_format_parse(const char *name, report_format *f) {
  for (int i = 0; i < REPORT_FORMAT_MAX; i++)
    if (strcmp(name, names[i]) == 0) {
      *f = (report_format)i;
      return true;
    }
  return false;
}

static const char *severity(const diag *d) {
  return d->severity == DIAG_ERROR ? "error" : "warning";
}

static char *render_json(const diag_list *l, unsigned files) {
  json_t *list = json_array();
  for (guint i = 0; i < l->items->len; i++) {
    const diag *d = g_ptr_array_index(l->items, i);
    json_array_append_new(list,
                          json_pack("{s:s, s:i, s:i, s:s, s:s, s:s}", "file", d->file, "line",
                                    d->line, "column", d->col, "severity", severity(d), "check",
                                    diag_check_name(d->check), "message", d->message));
  }
  json_t *root = json_pack("{s:i, s:i, s:i, s:o}", "files", (int)files, "errors",
                           (int)diag_count(l, DIAG_ERROR), "warnings",
                           (int)diag_count(l, DIAG_WARNING), "diagnostics", list);
  char *text = json_dumps(root, JSON_INDENT(2));
  char *out = g_strconcat(text, "\n", NULL);
  free(text);
  json_decref(root);
  return out;
}

/* Workflow commands end at a newline and split properties at ',' and ':',
 * so these are %-escaped: in the message '%', CR and LF; in a property also
 * ':' and ','. */
static void escape(GString *s, const char *text, bool property) {
  for (const char *p = text; *p; p++) {
    if (*p == '%')
      g_string_append(s, "%25");
    else if (*p == '\r')
      g_string_append(s, "%0D");
    else if (*p == '\n')
      g_string_append(s, "%0A");
    else if (property && *p == ':')
      g_string_append(s, "%3A");
    else if (property && *p == ',')
      g_string_append(s, "%2C");
    else
      g_string_append_c(s, *p);
  }
}

static char *render_github(const diag_list *l) {
  GString *s = g_string_new(NULL);
  for (guint i = 0; i < l->items->len; i++) {
    const diag *d = g_ptr_array_index(l->items, i);
    g_string_append_printf(s, "::%s file=", severity(d));
    escape(s, d->file, true);
    if (d->line > 0) g_string_append_printf(s, ",line=%d", d->line);
    if (d->line > 0 && d->col > 0) g_string_append_printf(s, ",col=%d", d->col);
    if (d->check != CHECK_NONE) {
      g_string_append(s, ",title=");
      escape(s, diag_check_name(d->check), true);
    }
    g_string_append(s, "::");
    escape(s, d->message, false);
    g_string_append_c(s, '\n');
  }
  return g_string_free(s, FALSE);
}

char *report_render(const diag_list *l, report_format f, unsigned files) {
  if (f == REPORT_JSON) return render_json(l, files);
  if (f == REPORT_GITHUB) return render_github(l);
  GString *s = g_string_new(NULL);
  for (guint i = 0; i < l->items->len; i++) {
    char *line = diag_format(g_ptr_array_index(l->items, i));
    g_string_append_printf(s, "%s\n", line);
    g_free(line);
  }
  return g_string_free(s, FALSE);
}

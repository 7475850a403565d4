/* report: see include/statuut/report.h */
#include "statuut/report.h"

#include <json-glib/json-glib.h>
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
  JsonBuilder *b = json_builder_new();
  json_builder_begin_object(b);
  json_builder_set_member_name(b, "files");
  json_builder_add_int_value(b, files);
  json_builder_set_member_name(b, "errors");
  json_builder_add_int_value(b, diag_count(l, DIAG_ERROR));
  json_builder_set_member_name(b, "warnings");
  json_builder_add_int_value(b, diag_count(l, DIAG_WARNING));
  json_builder_set_member_name(b, "diagnostics");
  json_builder_begin_array(b);
  for (guint i = 0; i < l->items->len; i++) {
    const diag *d = g_ptr_array_index(l->items, i);
    json_builder_begin_object(b);
    json_builder_set_member_name(b, "file");
    json_builder_add_string_value(b, d->file);
    json_builder_set_member_name(b, "line");
    json_builder_add_int_value(b, d->line);
    json_builder_set_member_name(b, "column");
    json_builder_add_int_value(b, d->col);
    json_builder_set_member_name(b, "severity");
    json_builder_add_string_value(b, severity(d));
    json_builder_set_member_name(b, "check");
    json_builder_add_string_value(b, d->check);
    json_builder_set_member_name(b, "message");
    json_builder_add_string_value(b, d->message);
    json_builder_end_object(b);
  }
  json_builder_end_array(b);
  json_builder_end_object(b);
  JsonGenerator *gen = json_generator_new();
  JsonNode *root = json_builder_get_root(b);
  json_generator_set_root(gen, root);
  json_generator_set_pretty(gen, TRUE);
  json_generator_set_indent(gen, 2);
  char *text = json_generator_to_data(gen, NULL);
  char *out = g_strconcat(text, "\n", NULL);
  g_free(text);
  json_node_unref(root);
  g_object_unref(gen);
  g_object_unref(b);
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
    if (d->check[0]) {
      g_string_append(s, ",title=");
      escape(s, d->check, true);
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

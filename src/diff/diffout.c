/* diffout: see include/statuut/diffout.h */
#include "statuut/diffout.h"

#include <json-glib/json-glib.h>
#include <string.h>

static void add_string(JsonBuilder *b, const char *name, const char *value) {
  json_builder_set_member_name(b, name);
  if (value)
    json_builder_add_string_value(b, value);
  else
    json_builder_add_null_value(b);
}

static void add_int(JsonBuilder *b, const char *name, gint64 v) {
  json_builder_set_member_name(b, name);
  json_builder_add_int_value(b, v);
}

static void side(JsonBuilder *b, const char *name, const doc *d) {
  json_builder_set_member_name(b, name);
  json_builder_begin_object(b);
  add_string(b, "file", d->path);
  add_string(b, "version", d->meta.version);
  json_builder_end_object(b);
}

char *diffout_json(const diff_result *r) {
  JsonBuilder *b = json_builder_new();
  json_builder_begin_object(b);
  side(b, "old", r->old_doc);
  side(b, "new", r->new_doc);
  json_builder_set_member_name(b, "metadata");
  json_builder_begin_array(b);
  for (guint i = 0; i < r->metadata->len; i++) {
    const diff_meta *m = g_ptr_array_index(r->metadata, i);
    json_builder_begin_object(b);
    add_string(b, "field", m->field);
    add_string(b, "old", m->old_value);
    add_string(b, "new", m->new_value);
    json_builder_end_object(b);
  }
  json_builder_end_array(b);
  json_builder_set_member_name(b, "summary");
  json_builder_begin_object(b);
  add_int(b, "inserted", r->count[CHANGE_INSERTED]);
  add_int(b, "deleted", r->count[CHANGE_DELETED]);
  add_int(b, "modified", r->count[CHANGE_MODIFIED]);
  add_int(b, "moved", r->count[CHANGE_MOVED]);
  add_int(b, "words_inserted", r->words_inserted);
  add_int(b, "words_deleted", r->words_deleted);
  json_builder_end_object(b);
  json_builder_set_member_name(b, "changes");
  json_builder_begin_array(b);
  for (guint i = 0; i < r->changes->len; i++) {
    const diff_change *ch = g_ptr_array_index(r->changes, i);
    json_builder_begin_object(b);
    add_int(b, "id", ch->id);
    add_string(b, "kind", diff_kind_name(ch->kind));
    add_string(b, "block", ch->block);
    add_string(b, "section", ch->kind == CHANGE_MOVED ? ch->new_section : ch->section);
    if (ch->kind == CHANGE_MOVED) {
      add_string(b, "old_section", ch->old_section);
      add_string(b, "new_section", ch->new_section);
    }
    add_string(b, "old_text", ch->old_text);
    add_string(b, "new_text", ch->new_text);
    if (ch->edits) {
      json_builder_set_member_name(b, "edits");
      json_builder_begin_array(b);
      for (guint e = 0; e < ch->edits->len; e++) {
        const diff_edit *ed = g_ptr_array_index(ch->edits, e);
        json_builder_begin_object(b);
        add_string(b, "op", diff_op_name(ed->op));
        add_string(b, "text", ed->text);
        json_builder_end_object(b);
      }
      json_builder_end_array(b);
    }
    add_int(b, "words_inserted", ch->words_inserted);
    add_int(b, "words_deleted", ch->words_deleted);
    json_builder_end_object(b);
  }
  json_builder_end_array(b);
  json_builder_end_object(b);
  JsonGenerator *gen = json_generator_new();
  JsonNode *root = json_builder_get_root(b);
  json_generator_set_root(gen, root);
  json_generator_set_pretty(gen, TRUE);
  json_generator_set_indent(gen, 2);
  gchar *text = json_generator_to_data(gen, NULL);
  char *out = g_strconcat(text, "\n", NULL);
  g_free(text);
  json_node_unref(root);
  g_object_unref(gen);
  g_object_unref(b);
  return out;
}

/* ANSI: bold, red, green, cyan, reset. */
static const char *const C_HEAD = "\033[1m", *const C_DEL = "\033[31m", *const C_INS = "\033[32m",
                         *const C_INFO = "\033[36m", *const C_OFF = "\033[m";

static void marked(GString *s, bool color, diff_op op, const char *text) {
  if (op == EDIT_EQUAL) {
    g_string_append(s, text);
  } else if (color) {
    g_string_append_printf(s, "%s%s%s", op == EDIT_INSERT ? C_INS : C_DEL, text, C_OFF);
  } else {
    g_string_append_printf(s, op == EDIT_INSERT ? "{+%s+}" : "[-%s-]", text);
  }
}

char *diffout_text(const diff_result *r, bool color) {
  GString *s = g_string_new(NULL);
  const char *head = color ? C_HEAD : "", *info = color ? C_INFO : "", *off = color ? C_OFF : "";
  g_string_append_printf(s, "%s--- %s (versie %s)\n+++ %s (versie %s)%s\n", head, r->old_doc->path,
                         r->old_doc->meta.version, r->new_doc->path, r->new_doc->meta.version, off);
  for (guint i = 0; i < r->metadata->len; i++) {
    const diff_meta *m = g_ptr_array_index(r->metadata, i);
    g_string_append_printf(s, "%s%s:%s ", info, m->field, off);
    if (m->old_value) marked(s, color, EDIT_DELETE, m->old_value);
    if (m->old_value && m->new_value) g_string_append_c(s, ' ');
    if (m->new_value) marked(s, color, EDIT_INSERT, m->new_value);
    g_string_append_c(s, '\n');
  }
  g_string_append_printf(
      s, "%s%d ingevoegd, %d verwijderd, %d gewijzigd, %d verplaatst; +%d/-%d woorden%s\n", info,
      r->count[CHANGE_INSERTED], r->count[CHANGE_DELETED], r->count[CHANGE_MODIFIED],
      r->count[CHANGE_MOVED], r->words_inserted, r->words_deleted, off);
  for (guint i = 0; i < r->changes->len; i++) {
    const diff_change *ch = g_ptr_array_index(r->changes, i);
    g_string_append_printf(s, "\n%s@@ %s %s", head, diff_kind_name(ch->kind), ch->block);
    if (ch->kind == CHANGE_MOVED)
      g_string_append_printf(s, " from \"%s\" to \"%s\"", ch->old_section ? ch->old_section : "",
                             ch->new_section ? ch->new_section : "");
    else if (ch->section)
      g_string_append_printf(s, " in \"%s\"", ch->section);
    g_string_append_printf(s, " @@%s\n", off);
    if (ch->edits) {
      for (guint e = 0; e < ch->edits->len; e++) {
        const diff_edit *ed = g_ptr_array_index(ch->edits, e);
        marked(s, color, ed->op, ed->text);
      }
    } else if (ch->kind == CHANGE_INSERTED) {
      marked(s, color, EDIT_INSERT, ch->new_text);
    } else if (ch->kind == CHANGE_DELETED) {
      marked(s, color, EDIT_DELETE, ch->old_text);
    } else {
      g_string_append(s, ch->new_text ? ch->new_text : "");
    }
    g_string_append_c(s, '\n');
  }
  return g_string_free(s, FALSE);
}

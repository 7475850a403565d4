/* diffout: see include/statuut/diffout.h */
#include "statuut/diffout.h"

#include <stdlib.h>
#include <jansson.h>
#include <string.h>

/* A string or null. */
static json_t *str(const char *s) {
  return s ? json_string(s) : json_null();
}

static json_t *side(const doc *d) {
  return json_pack("{s:o, s:o}", "file", str(d->path), "version", str(d->meta.version));
}

/* ["emphasis", "strong"] */
static json_t *styles(unsigned st) {
  static const struct {
    unsigned bit;
    const char *name;
  } names[] = {{DIFF_STYLE_EMPH, "emphasis"},
               {DIFF_STYLE_STRONG, "strong"},
               {DIFF_STYLE_STRIKE, "strike"},
               {DIFF_STYLE_CODE, "code"}};
  json_t *a = json_array();
  for (size_t i = 0; i < G_N_ELEMENTS(names); i++)
    if (st & names[i].bit) json_array_append_new(a, json_string(names[i].name));
  return a;
}

/* The markup of a text, as spans beside it; NULL when it has none. */
static json_t *spans(const GArray *sp) {
  if (!sp || !sp->len) return NULL;
  json_t *a = json_array();
  for (guint i = 0; i < sp->len; i++) {
    const diff_span *x = &g_array_index(sp, diff_span, i);
    json_t *o = json_pack("{s:i, s:i}", "start", x->start, "end", x->end);
    if (x->style) json_object_set_new(o, "style", styles(x->style));
    if (x->link) json_object_set_new(o, "link", json_string(x->link));
    if (x->note) json_object_set_new(o, "note", json_string(x->note));
    if (x->image) json_object_set_new(o, "image", json_string(x->image));
    json_array_append_new(a, o);
  }
  return a;
}

static void set_spans(json_t *o, const char *key, const GArray *sp) {
  json_t *a = spans(sp);
  if (a) json_object_set_new(o, key, a);
}

char *diffout_json(const diff_result *r) {
  json_t *root = json_object();
  json_object_set_new(root, "old", side(r->old_doc));
  json_object_set_new(root, "new", side(r->new_doc));
  json_t *fields = json_array();
  for (guint i = 0; i < r->metadata->len; i++) {
    const diff_meta *m = g_ptr_array_index(r->metadata, i);
    json_array_append_new(fields, json_pack("{s:s, s:o, s:o}", "field", m->field, "old",
                                            str(m->old_value), "new", str(m->new_value)));
  }
  json_object_set_new(root, "metadata", fields);
  json_object_set_new(
      root, "summary",
      json_pack("{s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:i}", "inserted",
                r->count[CHANGE_INSERTED], "deleted", r->count[CHANGE_DELETED], "modified",
                r->count[CHANGE_MODIFIED], "moved", r->count[CHANGE_MOVED], "words_inserted",
                r->words_inserted, "words_deleted", r->words_deleted, "chars_inserted",
                r->chars_inserted, "chars_deleted", r->chars_deleted, "restyled", r->restyled));
  /* The changes are written one by one, each as jansson would indent it
   * inside the document: a tree of every change at once costs more than the
   * diff itself on large inputs. */
  char *head = json_dumps(root, JSON_INDENT(2)); /* "{ ... \n}" */
  json_decref(root);
  GString *out = g_string_new(head);
  free(head);
  g_string_truncate(out, out->len - 2); /* the closing "\n}" */
  g_string_append(out, r->changes->len ? ",\n  \"changes\": [" : ",\n  \"changes\": []");
  for (guint i = 0; i < r->changes->len; i++) {
    const diff_change *ch = g_ptr_array_index(r->changes, i);
    json_t *c = json_object();
    json_object_set_new(c, "id", json_integer(ch->id));
    json_object_set_new(c, "kind", json_string(diff_kind_name(ch->kind)));
    json_object_set_new(c, "block", json_string(diff_block_name(ch->block)));
    if (ch->old_block != ch->block)
      json_object_set_new(c, "old_block", json_string(diff_block_name(ch->old_block)));
    if (ch->old_level && ch->new_level && ch->old_level != ch->new_level)
      json_object_set_new(c, "level",
                          json_pack("{s:i, s:i}", "old", ch->old_level, "new", ch->new_level));
    json_object_set_new(c, "section",
                        str(ch->kind == CHANGE_MOVED ? ch->new_section : ch->section));
    if (ch->kind == CHANGE_MOVED) {
      json_object_set_new(c, "old_section", str(ch->old_section));
      json_object_set_new(c, "new_section", str(ch->new_section));
    }
    json_object_set_new(c, "old_text", str(ch->old_text));
    json_object_set_new(c, "new_text", str(ch->new_text));
    set_spans(c, "old_spans", ch->old_spans);
    set_spans(c, "new_spans", ch->new_spans);
    if (ch->edits) {
      json_t *edits = json_array();
      for (guint e = 0; e < ch->edits->len; e++) {
        const diff_edit *ed = g_ptr_array_index(ch->edits, e);
        json_t *o = json_pack("{s:s, s:s}", "op", diff_op_name(ed->op), "text", ed->text);
        set_spans(o, "spans", ed->spans);
        if (ed->restyle) json_object_set_new(o, "restyle", json_integer(ed->restyle));
        json_array_append_new(edits, o);
      }
      json_object_set_new(c, "edits", edits);
    }
    if (ch->restyles) {
      json_t *list = json_array();
      for (guint k = 0; k < ch->restyles->len; k++) {
        const diff_restyle *x = g_ptr_array_index(ch->restyles, k);
        json_array_append_new(list, json_pack("{s:s, s:o, s:o, s:o, s:o}", "text", x->text,
                                              "old_style", styles(x->old_style), "new_style",
                                              styles(x->new_style), "old_link", str(x->old_link),
                                              "new_link", str(x->new_link)));
      }
      json_object_set_new(c, "restyles", list);
    }
    char *remarks = diff_change_remarks(ch);
    if (remarks) json_object_set_new(c, "remarks", json_string(remarks));
    g_free(remarks);
    if (ch->punctuation) json_object_set_new(c, "punctuation", json_true());
    if (ch->rewritten) json_object_set_new(c, "rewritten", json_true());
    json_object_set_new(c, "words_inserted", json_integer(ch->words_inserted));
    json_object_set_new(c, "words_deleted", json_integer(ch->words_deleted));
    json_object_set_new(c, "chars_inserted", json_integer(ch->chars_inserted));
    json_object_set_new(c, "chars_deleted", json_integer(ch->chars_deleted));
    char *one = json_dumps(c, JSON_INDENT(2));
    json_decref(c);
    g_string_append(out, i ? ",\n    " : "\n    ");
    for (const char *q = one; *q; q++) {
      g_string_append_c(out, *q);
      if (*q == '\n') g_string_append(out, "    ");
    }
    free(one);
  }
  g_string_append(out, r->changes->len ? "\n  ]\n}\n" : "\n}\n");
  return g_string_free(out, FALSE);
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
  g_string_append(s, info);
  for (int k = 0; k < CHANGE_KIND_MAX; k++)
    g_string_append_printf(s, "%s%d %s", k ? ", " : "", r->count[k], diff_kind_label(k));
  g_string_append_printf(s, "; +%d/-%d woorden, +%d/-%d tekens", r->words_inserted,
                         r->words_deleted, r->chars_inserted, r->chars_deleted);
  if (r->restyled) g_string_append_printf(s, ", %d opmaak of link gewijzigd", r->restyled);
  g_string_append_printf(s, "%s\n", off);
  for (guint i = 0; i < r->changes->len; i++) {
    const diff_change *ch = g_ptr_array_index(r->changes, i);
    g_string_append_printf(s, "\n%s@@ %s %s", head, diff_kind_name(ch->kind),
                           diff_block_name(ch->block));
    if (ch->kind == CHANGE_MOVED)
      g_string_append_printf(s, " from \"%s\" to \"%s\"", ch->old_section ? ch->old_section : "",
                             ch->new_section ? ch->new_section : "");
    else if (ch->section)
      g_string_append_printf(s, " in \"%s\"", ch->section);
    char *remarks = diff_change_remarks(ch);
    if (remarks) g_string_append_printf(s, " (%s)", remarks);
    g_free(remarks);
    g_string_append_printf(s, " @@%s\n", off);
    if (ch->edits) {
      for (guint e = 0; e < ch->edits->len; e++) {
        const diff_edit *ed = g_ptr_array_index(ch->edits, e);
        if (ed->restyle && ed->op == EDIT_DELETE) continue; /* shown with its insert */
        if (ed->restyle) {
          /* the same words: shown once, with what changed */
          const diff_restyle *x = g_ptr_array_index(ch->restyles, ed->restyle - 1);
          char *label = diff_restyle_label(x);
          g_string_append_printf(s, "%s%s{~%s~}%s", ed->text, color ? C_INFO : "", label,
                                 color ? C_OFF : "");
          g_free(label);
          continue;
        }
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

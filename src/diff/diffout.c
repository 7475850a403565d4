/* diffout: see include/statuut/diffout.h */
#include "statuut/diffout.h"

#include <string.h>

/* ---- JSON, written as it goes ----
 * The layout is jansson's with JSON_INDENT(2) (the format the tests keep):
 * two spaces a level, one member a line, "[]" and "{}" when empty. Written
 * straight into one buffer: a tree of every change first cost more than the
 * diff itself on large inputs, and its dump was a tenth of a small diff. */

typedef struct {
  GString *s;
  int depth;
  bool empty; /* the container just opened has no member yet */
} jw;

static void jw_indent(jw *w) {
  static const char spaces[] = "                                "; /* 16 levels */
  g_string_append_c(w->s, '\n');
  for (int left = 2 * w->depth; left > 0; left -= (int)sizeof spaces - 1)
    g_string_append_len(w->s, spaces, MIN(left, (int)sizeof spaces - 1));
}

/* Before a value or a key: the separator from the one before. */
static void jw_next(jw *w) {
  if (!w->empty) g_string_append_c(w->s, ',');
  w->empty = false;
  jw_indent(w);
}

static void jw_open(jw *w, char c) {
  g_string_append_c(w->s, c);
  w->depth++;
  w->empty = true;
}

static void jw_close(jw *w, char c) {
  w->depth--;
  if (!w->empty) jw_indent(w);
  g_string_append_c(w->s, c);
  w->empty = false;
}

/* A string, escaped as JSON requires and no more (UTF-8 stays as it is). */
static void jw_string(jw *w, const char *t) {
  GString *s = w->s;
  g_string_append_c(s, '"');
  for (const unsigned char *q = (const unsigned char *)t; *q; q++) {
    const unsigned char *run = q;
    while (*q && *q >= 0x20 && *q != '"' && *q != '\\')
      q++;
    if (q > run) g_string_append_len(s, (const char *)run, q - run);
    if (!*q) break;
    switch (*q) {
    case '"':
      g_string_append(s, "\\\"");
      break;
    case '\\':
      g_string_append(s, "\\\\");
      break;
    case '\n':
      g_string_append(s, "\\n");
      break;
    case '\t':
      g_string_append(s, "\\t");
      break;
    case '\r':
      g_string_append(s, "\\r");
      break;
    case '\b':
      g_string_append(s, "\\b");
      break;
    case '\f':
      g_string_append(s, "\\f");
      break;
    default:
      g_string_append_printf(s, "\\u%04X", *q);
      break;
    }
  }
  g_string_append_c(s, '"');
}

static void jw_key(jw *w, const char *k) {
  jw_next(w);
  jw_string(w, k);
  g_string_append(w->s, ": ");
}

/* Members: a string or null, an integer, true. */
static void jw_str(jw *w, const char *k, const char *v) {
  jw_key(w, k);
  if (v)
    jw_string(w, v);
  else
    g_string_append(w->s, "null");
}

static void jw_int(jw *w, const char *k, long v) {
  jw_key(w, k);
  /* by hand: a printf for every number was a tenth of the JSON */
  char buf[24], *e = buf + sizeof buf, *q = e;
  unsigned long u = v < 0 ? 0ul - (unsigned long)v : (unsigned long)v;
  do
    *--q = (char)('0' + u % 10);
  while (u /= 10);
  if (v < 0) *--q = '-';
  g_string_append_len(w->s, q, e - q);
}

static void jw_true(jw *w, const char *k) {
  jw_key(w, k);
  g_string_append(w->s, "true");
}

static void side(jw *w, const char *k, const doc *d) {
  jw_key(w, k);
  jw_open(w, '{');
  jw_str(w, "file", d->path);
  jw_str(w, "version", d->meta.version);
  jw_close(w, '}');
}

/* ["emphasis", "strong"] */
static void styles(jw *w, const char *k, unsigned st) {
  static const struct {
    unsigned bit;
    const char *name;
  } names[] = {{DIFF_STYLE_EMPH, "emphasis"},
               {DIFF_STYLE_STRONG, "strong"},
               {DIFF_STYLE_STRIKE, "strike"},
               {DIFF_STYLE_CODE, "code"}};
  jw_key(w, k);
  jw_open(w, '[');
  for (size_t i = 0; i < G_N_ELEMENTS(names); i++)
    if (st & names[i].bit) {
      jw_next(w);
      jw_string(w, names[i].name);
    }
  jw_close(w, ']');
}

/* The markup of a text, as spans beside it; nothing when it has none. */
static void spans(jw *w, const char *k, const GArray *sp) {
  if (!sp || !sp->len) return;
  jw_key(w, k);
  jw_open(w, '[');
  for (guint i = 0; i < sp->len; i++) {
    const diff_span *x = &g_array_index(sp, diff_span, i);
    jw_next(w);
    jw_open(w, '{');
    jw_int(w, "start", x->start);
    jw_int(w, "end", x->end);
    if (x->style) styles(w, "style", x->style);
    if (x->link) jw_str(w, "link", x->link);
    if (x->note) jw_str(w, "note", x->note);
    if (x->image) jw_str(w, "image", x->image);
    jw_close(w, '}');
  }
  jw_close(w, ']');
}

static void change(jw *w, const diff_change *ch) {
  jw_open(w, '{');
  jw_int(w, "id", ch->id);
  jw_str(w, "kind", diff_kind_name(ch->kind));
  jw_str(w, "block", diff_block_name(ch->block));
  if (ch->old_block != ch->block) jw_str(w, "old_block", diff_block_name(ch->old_block));
  if (ch->old_level && ch->new_level && ch->old_level != ch->new_level) {
    jw_key(w, "level");
    jw_open(w, '{');
    jw_int(w, "old", ch->old_level);
    jw_int(w, "new", ch->new_level);
    jw_close(w, '}');
  }
  jw_str(w, "section", ch->kind == CHANGE_MOVED ? ch->new_section : ch->section);
  if (ch->kind == CHANGE_MOVED) {
    jw_str(w, "old_section", ch->old_section);
    jw_str(w, "new_section", ch->new_section);
  }
  jw_str(w, "old_text", ch->old_text);
  jw_str(w, "new_text", ch->new_text);
  spans(w, "old_spans", ch->old_spans);
  spans(w, "new_spans", ch->new_spans);
  if (ch->edits) {
    jw_key(w, "edits");
    jw_open(w, '[');
    for (guint e = 0; e < ch->edits->len; e++) {
      const diff_edit *ed = g_ptr_array_index(ch->edits, e);
      jw_next(w);
      jw_open(w, '{');
      jw_str(w, "op", diff_op_name(ed->op));
      jw_str(w, "text", ed->text);
      spans(w, "spans", ed->spans);
      if (ed->restyle) jw_int(w, "restyle", ed->restyle);
      jw_close(w, '}');
    }
    jw_close(w, ']');
  }
  if (ch->restyles) {
    jw_key(w, "restyles");
    jw_open(w, '[');
    for (guint k = 0; k < ch->restyles->len; k++) {
      const diff_restyle *x = g_ptr_array_index(ch->restyles, k);
      jw_next(w);
      jw_open(w, '{');
      jw_str(w, "text", x->text);
      styles(w, "old_style", x->old_style);
      styles(w, "new_style", x->new_style);
      jw_str(w, "old_link", x->old_link);
      jw_str(w, "new_link", x->new_link);
      jw_close(w, '}');
    }
    jw_close(w, ']');
  }
  char *remarks = diff_change_remarks(ch);
  if (remarks) jw_str(w, "remarks", remarks);
  g_free(remarks);
  if (ch->punctuation) jw_true(w, "punctuation");
  if (ch->rewritten) jw_true(w, "rewritten");
  if (ch->split) jw_true(w, "split");
  if (ch->merged) jw_true(w, "merged");
  jw_int(w, "words_inserted", ch->words_inserted);
  jw_int(w, "words_deleted", ch->words_deleted);
  jw_int(w, "chars_inserted", ch->chars_inserted);
  jw_int(w, "chars_deleted", ch->chars_deleted);
  jw_close(w, '}');
}

char *diffout_json(const diff_result *r) {
  jw w = {g_string_sized_new(4096), 0, true};
  jw_open(&w, '{');
  side(&w, "old", r->old_doc);
  side(&w, "new", r->new_doc);
  jw_key(&w, "metadata");
  jw_open(&w, '[');
  for (guint i = 0; i < r->metadata->len; i++) {
    const diff_meta *m = g_ptr_array_index(r->metadata, i);
    jw_next(&w);
    jw_open(&w, '{');
    jw_str(&w, "field", m->field);
    jw_str(&w, "old", m->old_value);
    jw_str(&w, "new", m->new_value);
    jw_close(&w, '}');
  }
  jw_close(&w, ']');
  jw_key(&w, "summary");
  jw_open(&w, '{');
  jw_int(&w, "inserted", r->count[CHANGE_INSERTED]);
  jw_int(&w, "deleted", r->count[CHANGE_DELETED]);
  jw_int(&w, "modified", r->count[CHANGE_MODIFIED]);
  jw_int(&w, "moved", r->count[CHANGE_MOVED]);
  jw_int(&w, "words_inserted", r->words_inserted);
  jw_int(&w, "words_deleted", r->words_deleted);
  jw_int(&w, "chars_inserted", r->chars_inserted);
  jw_int(&w, "chars_deleted", r->chars_deleted);
  jw_int(&w, "restyled", r->restyled);
  jw_close(&w, '}');
  jw_key(&w, "changes");
  jw_open(&w, '[');
  for (guint i = 0; i < r->changes->len; i++) {
    jw_next(&w);
    change(&w, g_ptr_array_index(r->changes, i));
  }
  jw_close(&w, ']');
  jw_close(&w, '}');
  g_string_append_c(w.s, '\n');
  return g_string_free(w.s, FALSE);
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

/* text: see include/statuut/text.h */
#include "statuut/text.h"

#include <string.h>

typedef struct {
  GString *out;
  GString *prefix;    /* what starts every line at the current depth */
  GArray *prefix_len; /* of gsize: prefix length before each container */
  bool line_open;     /* text was written on the current line */
  gsize block_start;  /* where the current heading's text began */
  text_note_fn note;  /* NULL: no notes */
  void *note_ctx;
} txt;

static void newline(txt *t) {
  g_string_append_c(t->out, '\n');
  t->line_open = false;
}

/* Starts a line, writing the prefix. */
static void start_line(txt *t) {
  if (!t->line_open) {
    g_string_append(t->out, t->prefix->str);
    t->line_open = true;
  }
}

static void push(txt *t, const char *add) {
  gsize n = t->prefix->len;
  g_array_append_val(t->prefix_len, n);
  g_string_append(t->prefix, add);
}

static void pop(txt *t) {
  gsize n = g_array_index(t->prefix_len, gsize, t->prefix_len->len - 1);
  g_array_set_size(t->prefix_len, t->prefix_len->len - 1);
  g_string_truncate(t->prefix, n);
}

/* A blank line between blocks, except at the very start. */
static void separate(txt *t) {
  if (t->line_open) newline(t);
  /* (the last two bytes, not g_str_has_suffix: its strlen of the whole
   * output at every block made the text quadratic) */
  gsize n = t->out->len;
  if (n && !(n >= 2 && t->out->str[n - 2] == '\n' && t->out->str[n - 1] == '\n')) {
    /* inside a quote the blank line keeps its "> " */
    char *p = g_strchomp(g_strdup(t->prefix->str));
    g_string_append(t->out, p);
    g_free(p);
    newline(t);
  }
}

static void marker(txt *t, const doc_node *item) {
  const doc_node *list = item->parent;
  char *m = list->list_kind == LIST_BULLET ? g_strdup("- ") : g_strdup_printf("%s. ", item->label);
  if (list->upper) {
    char *u = g_ascii_strup(m, -1);
    g_free(m);
    m = u;
  }
  start_line(t);
  g_string_append(t->out, m);
  /* continuation lines align under the text */
  char *pad = g_strnfill(strlen(m), ' ');
  push(t, pad);
  g_free(pad);
  g_free(m);
}

/* A heading, underlined with '=' (level 1) or '-' to its width. */
static void heading(txt *t, const doc_node *n, bool entering) {
  if (entering) {
    separate(t);
    start_line(t);
    t->block_start = t->out->len;
    return;
  }
  glong w = g_utf8_strlen(t->out->str + t->block_start, -1);
  newline(t);
  start_line(t);
  for (glong i = 0; i < w; i++)
    g_string_append_c(t->out, n->level == 1 ? '=' : '-');
  newline(t);
}

/* A block of its own: paragraph, code, rule, table. */
static void leaf_block(txt *t, const doc_node *n) {
  /* the first block of an item or note follows its marker on the same line */
  bool follows_marker = n->parent && n->parent->first == n &&
                        (n->parent->type == DOC_ITEM || n->parent->type == DOC_FOOTNOTE_DEF);
  if (!follows_marker) separate(t);
  if (n->type == DOC_THEMATIC_BREAK) {
    start_line(t);
    g_string_append(t->out, "* * *");
  } else if (n->type == DOC_CODE_BLOCK) {
    char **lines = g_strsplit(n->text, "\n", -1);
    for (char **l = lines; *l; l++) {
      if (!**l && !l[1]) break;
      start_line(t);
      g_string_append(t->out, "    ");
      g_string_append(t->out, *l);
      newline(t);
    }
    g_strfreev(lines);
  }
}

/* Containers that indent what they hold: list items and quotes. */
static void container(txt *t, const doc_node *n, bool entering) {
  if (n->type == DOC_ITEM) {
    if (!entering) {
      pop(t);
      return;
    }
    if (t->line_open) newline(t);
    if (n->prev && !n->parent->tight) separate(t);
    marker(t, n);
    return;
  }
  if (entering) {
    separate(t);
    push(t, "> ");
  } else {
    if (t->line_open) newline(t);
    pop(t);
  }
}

static void inline_node(txt *t, const doc_node *n) {
  switch (n->type) {
  case DOC_TEXT:
  case DOC_CODE:
    start_line(t);
    g_string_append(t->out, n->text);
    break;
  case DOC_LINEBREAK:
    newline(t);
    break;
  case DOC_FOOTNOTE_REF:
    start_line(t);
    g_string_append_printf(t->out, "[%d]", n->number);
    break;
  default:
    break;
  }
}

/* Writes the subtree of root. */
static void render(txt *t, doc_node *root) {
  doc_iter it;
  doc_iter_init(&it, root);
  for (doc_event ev; (ev = doc_iter_next(&it)) != DOC_EVENT_DONE;) {
    const doc_node *n = doc_iter_node(&it);
    bool entering = ev == DOC_EVENT_ENTER;
    switch (n->type) {
    case DOC_HEADING:
      heading(t, n, entering);
      break;
    case DOC_PARAGRAPH:
    case DOC_CODE_BLOCK:
    case DOC_THEMATIC_BREAK:
    case DOC_TABLE:
      if (entering) leaf_block(t, n);
      break;
    case DOC_TABLE_ROW:
      if (entering) {
        if (t->line_open) newline(t);
        start_line(t);
      }
      break;
    case DOC_TABLE_CELL:
      if (entering && n->prev) g_string_append(t->out, " | ");
      break;
    case DOC_LIST:
      if (entering) separate(t);
      break;
    case DOC_ITEM:
    case DOC_BLOCKQUOTE:
      container(t, n, entering);
      break;
    default:
      if (entering) inline_node(t, n);
      break;
    }
    char *note = entering && t->note && doc_node_is_block(n) ? t->note(n, t->note_ctx) : NULL;
    if (note) {
      start_line(t);
      g_string_append_printf(t->out, "[%s] ", note);
      g_free(note);
    }
  }
}

char *text_render(const doc *d) {
  return text_render_noted(d, NULL, NULL);
}

char *text_render_noted(const doc *d, text_note_fn fn, void *ctx) {
  txt t = {g_string_new(NULL),
           g_string_new(NULL),
           g_array_new(FALSE, FALSE, sizeof(gsize)),
           false,
           0,
           fn,
           ctx};
  const meta *m = &d->meta;
  g_string_append_printf(t.out, "%s\n", m->title);
  if (m->subtitle) g_string_append_printf(t.out, "%s\n", m->subtitle);
  g_string_append_printf(t.out, "Versie %s, %s, %s\n", m->version, m->date, status_name(m->status));
  render(&t, d->root);
  if (d->footnotes->len) {
    separate(&t);
    g_string_append(t.out, "Noten\n-----\n");
    for (guint i = 0; i < d->footnotes->len; i++) {
      doc_node *f = g_ptr_array_index(d->footnotes, i);
      separate(&t);
      char *num = g_strdup_printf("[%d] ", f->number);
      g_string_append(t.out, num);
      t.line_open = true;
      char *pad = g_strnfill(strlen(num), ' ');
      push(&t, pad);
      render(&t, f);
      pop(&t);
      g_free(pad);
      g_free(num);
    }
  }
  if (t.line_open) newline(&t);
  g_string_free(t.prefix, TRUE);
  g_array_free(t.prefix_len, TRUE);
  return g_string_free(t.out, FALSE);
}

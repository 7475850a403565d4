/* doc: see include/statuut/doc.h
 *
 * cmark-gfm parses; this file converts its tree into ours and derives what
 * cmark does not know (ids, lettered lists, footnote labels and numbers). */
#include "statuut/doc.h"
#include "statuut/cache.h"
#include "statuut/fsutil.h"
#include "statuut/siteurl.h"
#include "statuut/slug.h"

#include <cmark-gfm-core-extensions.h>
#include <glib/gstdio.h>
#include <cmark-gfm.h>
#include <stdlib.h>
#include <string.h>

/* Ids the page templates use themselves; a heading never takes them. */
static const char *const reserved_ids[] = {"inhoud", "voetnoten", "versies", "top", NULL};

static const char *const type_names[DOC_NODE_MAX] = {
    "root",       "heading",        "paragraph",   "list",      "item",       "blockquote",
    "code_block", "thematic_break", "table",       "table_row", "table_cell", "footnote",
    "text",       "linebreak",      "code",        "emph",      "strong",     "strike",
    "link",       "image",          "footnote_ref"};

const char *doc_node_type_name(doc_node_type t) {
  return t < DOC_NODE_MAX ? type_names[t] : "?";
}

/* ---- tree ---- */

doc_node *doc_node_new(doc_node_type type) {
  doc_node *n = g_new0(doc_node, 1);
  n->type = type;
  return n;
}

doc_node *doc_node_add(doc_node *parent, doc_node_type type) {
  doc_node *n = doc_node_new(type);
  doc_node_append(parent, n);
  return n;
}

doc_node *doc_node_add_text(doc_node *parent, const char *text, doc_mark mark) {
  doc_node *t = doc_node_add(parent, DOC_TEXT);
  t->text = g_strdup(text);
  t->mark = t->eff = mark;
  return t;
}

void doc_node_append(doc_node *parent, doc_node *child) {
  child->parent = parent;
  child->prev = parent->last;
  child->next = NULL;
  if (parent->last)
    parent->last->next = child;
  else
    parent->first = child;
  parent->last = child;
}

static void unlink_node(doc_node *n) {
  if (n->prev)
    n->prev->next = n->next;
  else if (n->parent)
    n->parent->first = n->next;
  if (n->next)
    n->next->prev = n->prev;
  else if (n->parent)
    n->parent->last = n->prev;
  n->parent = n->prev = n->next = NULL;
}

static void free_fields(doc_node *n) {
  g_free(n->text);
  if (n->anchors) g_array_free(n->anchors, TRUE);
  g_free(n->url);
  g_free(n->title);
  g_free(n->info);
  g_free(n->id);
  g_free(n->label);
  g_free(n);
}

void doc_node_free(doc_node *n) {
  if (!n) return;
  unlink_node(n);
  /* Post-order without recursion: descend to a leaf, free it, continue with
   * its next sibling or go back up. Depth is whatever the input nests to. */
  doc_node *cur = n;
  while (cur) {
    if (cur->first) {
      cur = cur->first;
      continue;
    }
    doc_node *up = cur->parent, *next = cur->next;
    if (up) up->first = next;
    free_fields(cur);
    cur = next ? next : up;
    if (cur == up && up) up->last = NULL;
    if (cur == NULL) break;
  }
}

static doc_node *copy_one(const doc_node *n) {
  doc_node *c = g_new(doc_node, 1);
  *c = *n;
  c->parent = c->first = c->last = c->next = c->prev = NULL;
  c->text = g_strdup(n->text);
  c->url = g_strdup(n->url);
  c->title = g_strdup(n->title);
  c->info = g_strdup(n->info);
  c->id = g_strdup(n->id);
  c->label = g_strdup(n->label);
  c->anchors = n->anchors ? g_array_copy(n->anchors) : NULL;
  return c;
}

doc_node *doc_node_copy(const doc_node *n, GHashTable *map) {
  /* Pre-order over the source with the iterator, appending each copy to
   * the copy of its parent; no recursion. */
  doc_node *root = NULL, *parent = NULL;
  doc_iter it;
  doc_iter_init(&it, (doc_node *)n);
  for (doc_event ev; (ev = doc_iter_next(&it)) != DOC_EVENT_DONE;) {
    const doc_node *cur = doc_iter_node(&it);
    if (ev == DOC_EVENT_EXIT) {
      if (cur->first) parent = parent->parent; /* leave the copy of cur */
      continue;
    }
    doc_node *c = copy_one(cur);
    if (map) g_hash_table_insert(map, (gpointer)cur, c);
    if (parent)
      doc_node_append(parent, c);
    else
      root = c;
    if (cur->first) parent = c;
  }
  return root;
}

void doc_node_insert_after(doc_node *ref, doc_node *n) {
  n->parent = ref->parent;
  n->prev = ref;
  n->next = ref->next;
  if (ref->next)
    ref->next->prev = n;
  else if (ref->parent)
    ref->parent->last = n;
  ref->next = n;
}

void doc_node_prepend(doc_node *parent, doc_node *n) {
  n->parent = parent;
  n->prev = NULL;
  n->next = parent->first;
  if (parent->first)
    parent->first->prev = n;
  else
    parent->last = n;
  parent->first = n;
}

bool doc_node_is_block(const doc_node *n) {
  return n->type < DOC_TEXT;
}

void doc_iter_init(doc_iter *it, doc_node *root) {
  it->root = root;
  it->cur = NULL;
  it->ev = root ? DOC_EVENT_NONE : DOC_EVENT_DONE;
  it->skip = false;
}

doc_event doc_iter_next(doc_iter *it) {
  switch (it->ev) {
  case DOC_EVENT_NONE:
    it->cur = it->root;
    it->ev = DOC_EVENT_ENTER;
    break;
  case DOC_EVENT_ENTER:
    if (it->cur->first && !it->skip)
      it->cur = it->cur->first; /* stays ENTER */
    else
      it->ev = DOC_EVENT_EXIT;
    it->skip = false;
    break;
  case DOC_EVENT_EXIT:
    if (it->cur == it->root) {
      it->cur = NULL;
      it->ev = DOC_EVENT_DONE;
    } else if (it->cur->next) {
      it->cur = it->cur->next;
      it->ev = DOC_EVENT_ENTER;
    } else {
      it->cur = it->cur->parent; /* stays EXIT */
    }
    break;
  case DOC_EVENT_DONE:
    break;
  }
  return it->ev;
}

doc_node *doc_iter_node(const doc_iter *it) {
  return it->cur;
}

void doc_iter_skip(doc_iter *it) {
  if (it->ev == DOC_EVENT_ENTER) it->skip = true;
}

/* The same order of events as the iterator's, in a loop of its own: the
 * model's passes walk every node of every document, and the iterator's
 * state machine cost them four times as much. */
void doc_walk(doc_node *root, doc_walk_fn fn, void *ctx) {
  doc_node *cur = root;
  for (;;) {
    fn(cur, true, ctx);
    if (cur->first) {
      cur = cur->first;
      continue;
    }
    /* a leaf: leave it, then climb until there is a next sibling */
    for (;;) {
      fn(cur, false, ctx);
      if (cur == root) return;
      if (cur->next) {
        cur = cur->next;
        break;
      }
      cur = cur->parent;
    }
  }
}

static void plain_cb(doc_node *n, bool entering, void *ctx) {
  GString *s = ctx;
  if (!entering) {
    /* Blocks are separated by a space so words of two items don't merge. */
    if (doc_node_is_block(n) && n->first && s->len && s->str[s->len - 1] != ' ')
      g_string_append_c(s, ' ');
    return;
  }
  if (n->type == DOC_TEXT || n->type == DOC_CODE) g_string_append(s, n->text);
  if (n->type == DOC_LINEBREAK) g_string_append_c(s, ' ');
}

char *doc_node_plain_text(const doc_node *n) {
  GString *s = g_string_new(NULL);
  doc_walk((doc_node *)n, plain_cb, s);
  while (s->len && s->str[s->len - 1] == ' ')
    g_string_truncate(s, s->len - 1);
  return g_string_free(s, FALSE);
}

void doc_text_pos(const doc_node *n, size_t off, int *line, int *col) {
  *line = n->line;
  *col = n->col;
  if (n->at_pos) *col += (int)off;
  if (!n->anchors) return;
  const doc_anchor *best = NULL;
  for (guint i = 0; i < n->anchors->len; i++) {
    const doc_anchor *a = &g_array_index(n->anchors, doc_anchor, i);
    if (a->off > off) break;
    best = a;
  }
  if (!best) return;
  *line = best->line;
  *col = best->col + (int)(off - best->off);
}

doc_node *doc_footnote(const doc *d, const char *label) {
  for (guint i = 0; i < d->footnotes->len; i++) {
    doc_node *f = g_ptr_array_index(d->footnotes, i);
    if (strcmp(f->label, label) == 0) return f;
  }
  return NULL;
}

void doc_free(doc *d) {
  if (!d) return;
  doc_node_free(d->root);
  if (d->footnotes) {
    for (guint i = 0; i < d->footnotes->len; i++)
      doc_node_free(g_ptr_array_index(d->footnotes, i));
    g_ptr_array_free(d->footnotes, TRUE);
  }
  if (d->comments) {
    for (guint i = 0; i < d->comments->len; i++) {
      doc_comment *c = g_ptr_array_index(d->comments, i);
      g_free(c->text);
      g_free(c);
    }
    g_ptr_array_free(d->comments, TRUE);
  }
  meta_clear(&d->meta);
  g_free(d->digest);
  g_free(d->path);
  g_free(d);
}

/* ---- conversion from cmark-gfm ---- */

typedef struct {
  doc *d;
  diag_list *diags;
  const char *src; /* whole file, for labels cmark does not expose */
  size_t len;
  GPtrArray *lines;  /* offsets of line starts, index 0 = line 1 */
  size_t ref_cursor; /* where the search for the last undefined reference ended */
} conv;

static const char *line_at(const conv *c, int line, size_t *n) {
  if (line < 1 || (guint)line > c->lines->len) {
    *n = 0;
    return "";
  }
  /* a line ends where the next begins, less its '\n' */
  size_t start = GPOINTER_TO_SIZE(g_ptr_array_index(c->lines, line - 1));
  size_t end = (guint)line < c->lines->len
                   ? GPOINTER_TO_SIZE(g_ptr_array_index(c->lines, line)) - 1
                   : (c->len && c->src[c->len - 1] == '\n' ? c->len - 1 : c->len);
  *n = end - start;
  return c->src + start;
}

/* The label of "[^label]" starting at byte column col of line, or NULL. */
static char *label_at(const conv *c, int line, int col, const char *tail) {
  size_t n;
  const char *s = line_at(c, line, &n);
  if (col < 1 || (size_t)col > n) return NULL;
  const char *p = s + col - 1, *end = s + n;
  /* a definition may be indented */
  while (p < end && *p == ' ')
    p++;
  if (end - p < 4 || p[0] != '[' || p[1] != '^') return NULL;
  const char *q = p + 2;
  while (q < end && *q != ']')
    q++;
  if (q >= end || q == p + 2) return NULL;
  if (tail && (q + 1 >= end || q[1] != *tail)) return NULL;
  return g_strndup(p + 2, (size_t)(q - p - 2));
}

/* ---- source positions of text ----
 *
 * cmark-gfm's inline positions are not exact: it joins text pieces
 * (entities, escapes) into one node, and on continuation lines of a footnote
 * or a lazy paragraph it reports the block's column, not the text's. So the
 * text is aligned with its source line here, and an anchor is recorded
 * wherever the literal stops matching the source byte for byte. */

static void add_anchor(GArray *a, size_t off, int line, int col) {
  doc_anchor x = {off, line, col};
  if (a->len && g_array_index(a, doc_anchor, a->len - 1).off == off)
    g_array_index(a, doc_anchor, a->len - 1) = x;
  else
    g_array_append_val(a, x);
}

/* Byte index in s (n bytes) where the literal starts: cmark's column when the
 * source there starts with the literal, else the occurrence on the line
 * nearest to it. Only a plain prefix (no character that may be escaped or
 * decoded) is compared. */
static size_t text_start(const char *s, size_t n, int col, const char *lit) {
  size_t guess = col >= 1 && (size_t)col <= n ? (size_t)col - 1 : 0;
  size_t plen = 0;
  while (lit[plen] && plen < 16 &&
         (g_ascii_isalnum(lit[plen]) || lit[plen] == ' ' || (unsigned char)lit[plen] >= 0x80))
    plen++;
  if (plen == 0 || (guess + plen <= n && memcmp(s + guess, lit, plen) == 0)) return guess;
  size_t best = guess, dist = SIZE_MAX;
  for (size_t i = 0; i + plen <= n; i++) {
    if (memcmp(s + i, lit, plen) != 0) continue;
    size_t d = i > guess ? i - guess : guess - i;
    if (d < dist) {
      dist = d;
      best = i;
    }
  }
  return best;
}

/* Length of the entity "&...;" at s (n bytes available), or 0. */
static size_t entity_len(const char *s, size_t n) {
  size_t i = 1;
  if (i < n && s[i] == '#') i++;
  while (i < n && i < 40 && g_ascii_isalnum(s[i]))
    i++;
  return i > 1 && i < n && s[i] == ';' ? i + 1 : 0;
}

static GArray *text_anchors(const conv *c, cmark_node *cn, const char *lit) {
  GArray *a = g_array_new(FALSE, FALSE, sizeof(doc_anchor));
  int line = cmark_node_get_start_line(cn);
  size_t n;
  const char *s = line_at(c, line, &n);
  size_t i = text_start(s, n, cmark_node_get_start_column(cn), lit), j = 0;
  add_anchor(a, 0, line, (int)i + 1);
  size_t len = strlen(lit);
  while (j < len && i < n) {
    size_t ent = s[i] == '&' ? entity_len(s + i, n - i) : 0;
    if (ent && !(j + ent <= len && memcmp(lit + j, s + i, ent) == 0)) {
      /* The entity decoded to the bytes up to where the source resumes. */
      size_t k = 1, after = i + ent;
      while (j + k < len &&
             (((unsigned char)lit[j + k] & 0xC0) == 0x80 || (after < n && lit[j + k] != s[after])))
        k++;
      add_anchor(a, j, line, (int)i + 1);
      i = after;
      j += k;
      add_anchor(a, j, line, (int)i + 1);
    } else if (s[i] == lit[j]) {
      i++;
      j++;
    } else if (s[i] == '\\' && i + 1 < n && s[i + 1] == lit[j]) {
      add_anchor(a, j, line, (int)i + 2);
      i += 2;
      j++;
      add_anchor(a, j, line, (int)i + 1);
    } else {
      /* Not explained: keep going byte for byte from here. */
      i++;
      j++;
      add_anchor(a, j, line, (int)i + 1);
    }
  }
  return a;
}

static void warn_html(conv *c, cmark_node *n, const char *what) {
  diag_add(c->diags, DIAG_WARNING, c->d->path, cmark_node_get_start_line(n),
           cmark_node_get_start_column(n), CHECK_RAW_HTML, "raw HTML is not passed through: %s",
           what);
}

/* A link or image whose URL could run a script (javascript:, data:, ...):
 * the URL is dropped here, in the model, so that no renderer can write it.
 * A warning for every command; `check` makes it an error (check.h). */
static void refuse_url(conv *c, cmark_node *n, doc_node *dn) {
  char *shown = g_strescape(dn->url ? dn->url : "", NULL);
  if (strlen(shown) > 60) strcpy(shown + 57, "...");
  const char *colon = strchr(shown, ':');
  char *scheme = g_strndup(shown, colon ? (size_t)(colon - shown + 1) : 0);
  diag_add(c->diags, DIAG_WARNING, c->d->path, cmark_node_get_start_line(n),
           cmark_node_get_start_column(n), CHECK_UNSAFE_LINK,
           "%s address '%s': the scheme '%s' is not allowed (only %s, site and fragment "
           "links); shown as %s",
           dn->type == DOC_LINK ? "link" : "image", shown, scheme, url_safe_schemes,
           dn->type == DOC_LINK ? "plain text" : "its description");
  g_free(scheme);
  g_free(shown);
  g_free(dn->url);
  dn->url = NULL;
  dn->refused = true;
}

/* The line and column of byte off of the source. */
static void pos_of(const conv *c, size_t off, int *line, int *col) {
  guint lo = 0, hi = c->lines->len;
  while (hi - lo > 1) { /* the last line start at or before off */
    guint mid = (lo + hi) / 2;
    if (GPOINTER_TO_SIZE(g_ptr_array_index(c->lines, mid)) <= off)
      lo = mid;
    else
      hi = mid;
  }
  *line = (int)lo + 1;
  *col = (int)(off - GPOINTER_TO_SIZE(g_ptr_array_index(c->lines, lo))) + 1;
}

/* Where "[^label]" of a text node stands in the source. cmark gives a text
 * node no position when it opens its paragraph or is all its parent holds;
 * then the text is looked for from its nearest positioned ancestor on,
 * past the references found before, as they come in document order. */
static void ref_pos(conv *c, cmark_node *n, const char *text, const char *p, const char *needle,
                    int *line, int *col) {
  *line = cmark_node_get_start_line(n);
  *col = cmark_node_get_start_column(n) + (int)(p - text);
  if (*line > 0) {
    if ((guint)*line <= c->lines->len)
      c->ref_cursor =
          GPOINTER_TO_SIZE(g_ptr_array_index(c->lines, *line - 1)) + (size_t)*col - 1 + 1;
    return;
  }
  cmark_node *a = cmark_node_parent(n);
  while (a && cmark_node_get_start_line(a) <= 0)
    a = cmark_node_parent(a);
  size_t from = 0;
  if (a && (guint)cmark_node_get_start_line(a) <= c->lines->len)
    from = GPOINTER_TO_SIZE(g_ptr_array_index(c->lines, cmark_node_get_start_line(a) - 1));
  if (from < c->ref_cursor) from = c->ref_cursor;
  const char *hit =
      from < c->len ? g_strstr_len(c->src + from, (gssize)(c->len - from), needle) : NULL;
  if (!hit) {
    *line = *col = 0;
    return;
  }
  c->ref_cursor = (size_t)(hit - c->src) + 1;
  pos_of(c, (size_t)(hit - c->src), line, col);
}

/* cmark leaves a reference to an undefined footnote as the text "[^label]". */
static void find_undefined_refs(conv *c, cmark_node *n, const char *text) {
  for (const char *p = strstr(text, "[^"); p; p = strstr(p + 2, "[^")) {
    const char *q = p + 2;
    while (*q && *q != ']' && *q != ' ' && *q != '[')
      q++;
    if (*q != ']' || q == p + 2) continue;
    char *needle = g_strndup(p, (size_t)(q - p + 1));
    int line, col;
    ref_pos(c, n, text, p, needle, &line, &col);
    diag_add(c->diags, DIAG_ERROR, c->d->path, line, col, CHECK_FOOTNOTES,
             "footnote %s is referenced but not defined", needle);
    g_free(needle);
  }
}

/* A footnote definition, placed at its "[^" (cmark places it where its
 * text starts, but messages point at the label). */
static doc_node *convert_footnote_def(conv *c, cmark_node *n) {
  doc_node *dn = doc_node_new(DOC_FOOTNOTE_DEF);
  dn->label = label_at(c, cmark_node_get_start_line(n), 1, ":");
  if (!dn->label) dn->label = g_strdup("?");
  size_t len;
  const char *s = line_at(c, cmark_node_get_start_line(n), &len);
  const char *open = memchr(s, '[', len);
  dn->line = cmark_node_get_start_line(n);
  dn->col = open ? (int)(open - s) + 1 : cmark_node_get_start_column(n);
  return dn;
}

/* The blocks of CommonMark; NULL for a node that is not one. */
static doc_node *convert_block(cmark_node *n) {
  doc_node *dn = NULL;
  switch (cmark_node_get_type(n)) {
  case CMARK_NODE_HEADING:
    dn = doc_node_new(DOC_HEADING);
    dn->level = cmark_node_get_heading_level(n);
    break;
  case CMARK_NODE_PARAGRAPH:
    dn = doc_node_new(DOC_PARAGRAPH);
    break;
  case CMARK_NODE_LIST:
    dn = doc_node_new(DOC_LIST);
    dn->list_kind = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST ? LIST_ORDERED : LIST_BULLET;
    dn->start = cmark_node_get_list_start(n);
    dn->tight = cmark_node_get_list_tight(n);
    break;
  case CMARK_NODE_ITEM:
    dn = doc_node_new(DOC_ITEM);
    break;
  case CMARK_NODE_BLOCK_QUOTE:
    dn = doc_node_new(DOC_BLOCKQUOTE);
    break;
  case CMARK_NODE_CODE_BLOCK: {
    dn = doc_node_new(DOC_CODE_BLOCK);
    dn->text = g_strdup(cmark_node_get_literal(n));
    const char *info = cmark_node_get_fence_info(n);
    if (info && *info) dn->info = g_strdup(info);
    break;
  }
  case CMARK_NODE_THEMATIC_BREAK:
    dn = doc_node_new(DOC_THEMATIC_BREAK);
    break;
  default:
    break;
  }
  return dn;
}

/* The inlines of CommonMark; NULL for a node that is not one. */
static doc_node *convert_inline(conv *c, cmark_node *n, bool *descend) {
  cmark_node_type t = cmark_node_get_type(n);
  doc_node *dn = NULL;
  switch (t) {
  case CMARK_NODE_TEXT:
    dn = doc_node_new(DOC_TEXT);
    dn->text = g_strdup(cmark_node_get_literal(n));
    dn->anchors = text_anchors(c, n, dn->text);
    find_undefined_refs(c, n, dn->text);
    break;
  case CMARK_NODE_SOFTBREAK:
    /* A line break in the source is a space: reflowing is not a change. */
    dn = doc_node_new(DOC_TEXT);
    dn->text = g_strdup(" ");
    break;
  case CMARK_NODE_LINEBREAK:
    dn = doc_node_new(DOC_LINEBREAK);
    break;
  case CMARK_NODE_CODE:
    dn = doc_node_new(DOC_CODE);
    dn->text = g_strdup(cmark_node_get_literal(n));
    break;
  case CMARK_NODE_HTML_INLINE:
    warn_html(c, n, "shown as text");
    dn = doc_node_new(DOC_TEXT);
    dn->text = g_strdup(cmark_node_get_literal(n));
    break;
  case CMARK_NODE_EMPH:
    dn = doc_node_new(DOC_EMPH);
    break;
  case CMARK_NODE_STRONG:
    dn = doc_node_new(DOC_STRONG);
    break;
  case CMARK_NODE_LINK:
  case CMARK_NODE_IMAGE: {
    dn = doc_node_new(t == CMARK_NODE_LINK ? DOC_LINK : DOC_IMAGE);
    dn->url = g_strdup(cmark_node_get_url(n));
    if (!url_is_safe(dn->url)) refuse_url(c, n, dn);
    const char *title = cmark_node_get_title(n);
    if (title && *title) dn->title = g_strdup(title);
    break;
  }
  case CMARK_NODE_FOOTNOTE_REFERENCE:
    dn = doc_node_new(DOC_FOOTNOTE_REF);
    dn->label = label_at(c, cmark_node_get_start_line(n), cmark_node_get_start_column(n), NULL);
    if (!dn->label) dn->label = g_strdup(cmark_node_get_literal(n));
    *descend = false;
    break;
  default:
    break;
  }
  return dn;
}

/* The nodes of the GFM extensions (tables, strikethrough), by their type
 * name; one we do not model keeps its text, if any. */
static doc_node *convert_extension(cmark_node *n) {
  const char *ext = cmark_node_get_type_string(n);
  doc_node *dn;
  if (strcmp(ext, "table") == 0) {
    dn = doc_node_new(DOC_TABLE);
  } else if (strcmp(ext, "table_header") == 0 || strcmp(ext, "table_row") == 0) {
    dn = doc_node_new(DOC_TABLE_ROW);
    dn->header = strcmp(ext, "table_header") == 0;
  } else if (strcmp(ext, "table_cell") == 0) {
    dn = doc_node_new(DOC_TABLE_CELL);
  } else if (strcmp(ext, "strikethrough") == 0) {
    dn = doc_node_new(DOC_STRIKE);
  } else {
    dn = doc_node_new(DOC_TEXT);
    const char *lit = cmark_node_get_literal(n);
    dn->text = g_strdup(lit ? lit : "");
  }
  return dn;
}

/* The model's node for cmark node n (NULL: left out, with a warning);
 * *descend says whether n's children are converted too. */
static doc_node *convert_one(conv *c, cmark_node *n, bool *descend) {
  *descend = true;
  switch (cmark_node_get_type(n)) {
  case CMARK_NODE_HTML_BLOCK:
    warn_html(c, n, "the HTML block is left out");
    *descend = false;
    return NULL;
  case CMARK_NODE_FOOTNOTE_DEFINITION:
    return convert_footnote_def(c, n);
  default:
    break;
  }
  /* Inlines first: most nodes are text. */
  doc_node *dn = convert_inline(c, n, descend);
  if (!dn) dn = convert_block(n);
  if (!dn) dn = convert_extension(n);
  dn->line = cmark_node_get_start_line(n);
  dn->col = cmark_node_get_start_column(n);
  return dn;
}

/* Table cells get their column's alignment. */
static void set_alignments(doc_node *table, cmark_node *ctable) {
  uint16_t ncols = cmark_gfm_extensions_get_table_columns(ctable);
  uint8_t *al = cmark_gfm_extensions_get_table_alignments(ctable);
  for (doc_node *row = table->first; row; row = row->next) {
    uint16_t i = 0;
    for (doc_node *cell = row->first; cell && i < ncols; cell = cell->next, i++) {
      switch (al ? al[i] : 0) {
      case 'l':
        cell->align = ALIGN_LEFT;
        break;
      case 'c':
        cell->align = ALIGN_CENTER;
        break;
      case 'r':
        cell->align = ALIGN_RIGHT;
        break;
      default:
        cell->align = ALIGN_NONE;
      }
    }
  }
}

/* Walks the cmark tree with cmark's own iterator, building ours. Returns
 * false, with a message at the node, for a tree nested deeper than
 * DOC_MAX_DEPTH (cmark has no limit, and a depth of thousands, "- - - ..."
 * on one line, makes every line of the plain text and every pass over a
 * node's ancestors as long as the depth), or with more than DOC_MAX_CELLS
 * table cells. */
static bool convert_tree(conv *c, cmark_node *croot) {
  /* The cmark nodes whose children are converted, and the parent each of
   * them had in our tree. */
  GPtrArray *open = g_ptr_array_new(), *parents = g_ptr_array_new();
  doc_node *parent = c->d->root;
  bool ok = true;
  int cells = 0;
  cmark_iter *it = cmark_iter_new(croot);
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    cmark_node *n = cmark_iter_get_node(it);
    if (n == croot) continue;
    if (ev == CMARK_EVENT_EXIT) {
      bool ours = open->len && g_ptr_array_index(open, open->len - 1) == n;
      if (ours && parent->type == DOC_TABLE) set_alignments(parent, n);
      /* n's children are converted (or skipped): they go now, so that the
       * two trees do not both stand whole (the iterator goes on from n). */
      for (cmark_node *ch; (ch = cmark_node_first_child(n));)
        cmark_node_free(ch);
      if (!ours) continue;
      g_ptr_array_set_size(open, open->len - 1);
      parent = g_ptr_array_steal_index(parents, parents->len - 1);
      continue;
    }
    bool descend;
    doc_node *dn = convert_one(c, n, &descend);
    if (dn && dn->type == DOC_TABLE_CELL && ++cells > DOC_MAX_CELLS) {
      diag_add(c->diags, DIAG_ERROR, c->d->path, dn->line, dn->col, CHECK_LIMIT,
               "more than %d table cells: statuut reads at most %d", DOC_MAX_CELLS, DOC_MAX_CELLS);
      doc_node_free(dn);
      ok = false;
      break;
    }
    if (dn) {
      if (dn->type == DOC_FOOTNOTE_DEF)
        g_ptr_array_add(c->d->footnotes, dn);
      else
        doc_node_append(parent, dn);
    }
    if (dn && descend && cmark_node_first_child(n)) {
      if (open->len >= DOC_MAX_DEPTH) {
        diag_add(c->diags, DIAG_ERROR, c->d->path, dn->line, dn->col, CHECK_LIMIT,
                 "nested deeper than %d levels (lists, quotes, emphasis, links): statuut "
                 "reads no deeper",
                 DOC_MAX_DEPTH);
        ok = false;
        break;
      }
      g_ptr_array_add(open, n);
      g_ptr_array_add(parents, parent);
      parent = dn;
    } else if (cmark_node_first_child(n)) {
      cmark_iter_reset(it, n, CMARK_EVENT_EXIT); /* its children are not ours */
    }
  }
  cmark_iter_free(it);
  g_ptr_array_free(open, TRUE);
  g_ptr_array_free(parents, TRUE);
  return ok;
}

/* Joins adjacent text nodes (cmark splits text at every special character and
 * we turned soft breaks into spaces) so that renderers and the diff see whole
 * runs of text. */
static void merge_text_cb(doc_node *n, bool entering, void *ctx) {
  (void)ctx;
  if (!entering) return;
  for (doc_node *ch = n->first; ch; ch = ch->next) {
    if (ch->type != DOC_TEXT || !ch->next || ch->next->type != DOC_TEXT) continue;
    /* A run of text nodes becomes its first, copied once: a paragraph of
     * many lines is many pieces. */
    size_t len = 0;
    bool anchored = false;
    doc_node *end = ch;
    for (; end && end->type == DOC_TEXT; end = end->next) {
      len += strlen(end->text);
      anchored |= end->anchors != NULL;
    }
    if (anchored && !ch->anchors) {
      /* The first piece's position is its node's. */
      ch->anchors = g_array_new(FALSE, FALSE, sizeof(doc_anchor));
      add_anchor(ch->anchors, 0, ch->line, ch->col);
    }
    char *joined = g_malloc(len + 1), *w = joined;
    for (doc_node *t = ch; t != end;) {
      size_t shift = (size_t)(w - joined), n_t = strlen(t->text);
      for (guint i = 0; t != ch && t->anchors && i < t->anchors->len; i++) {
        doc_anchor x = g_array_index(t->anchors, doc_anchor, i);
        add_anchor(ch->anchors, x.off + shift, x.line, x.col);
      }
      memcpy(w, t->text, n_t);
      w += n_t;
      doc_node *next = t->next;
      if (t != ch) doc_node_free(t);
      t = next;
    }
    *w = '\0';
    g_free(ch->text);
    ch->text = joined;
  }
}

/* The first k bytes of a TEXT node's text are removed: its anchors follow. */
static void drop_anchors(doc_node *t, size_t k) {
  if (!t->anchors) return;
  GArray *a = t->anchors;
  guint keep = 0; /* the last anchor at or before k stays, moved to k */
  while (keep + 1 < a->len && g_array_index(a, doc_anchor, keep + 1).off <= k)
    keep++;
  doc_anchor *first = &g_array_index(a, doc_anchor, keep);
  first->col += (int)(k - first->off);
  first->off = k;
  g_array_remove_range(a, 0, keep);
  for (guint i = 0; i < a->len; i++)
    g_array_index(a, doc_anchor, i).off -= k;
}

/* "a. " / "B. " at the start of an item: the letter, or 0. */
static char item_letter(doc_node *item, doc_node **text_out) {
  doc_node *para = item->first;
  if (!para || para->type != DOC_PARAGRAPH) return 0;
  doc_node *t = para->first;
  if (!t || t->type != DOC_TEXT) return 0;
  const char *s = t->text;
  if (!g_ascii_isalpha(s[0]) || s[1] != '.' || (s[2] != ' ' && s[2] != '\0')) return 0;
  if (s[2] == '\0' && !t->next) return 0; /* "a." alone is not a point */
  *text_out = t;
  return s[0];
}

/* A bullet list whose items start with consecutive letters becomes a lettered
 * list; the letters move from the text into the item labels. */
static void lettered_cb(doc_node *n, bool entering, void *ctx) {
  (void)ctx;
  if (!entering || n->type != DOC_LIST || n->list_kind != LIST_BULLET) return;
  char first = 0, expect = 0;
  int count = 0;
  for (doc_node *it = n->first; it; it = it->next, count++) {
    doc_node *t;
    char l = item_letter(it, &t);
    if (!l || (expect && l != expect)) return;
    if (!first) first = l;
    expect = (char)(l + 1);
    if (g_ascii_isupper(first) != g_ascii_isupper(l)) return;
  }
  /* One item "- e. coli ..." is a sentence, not a point; one item "- a. ..." is. */
  if (count == 0 || (count == 1 && g_ascii_tolower(first) != 'a')) return;
  n->list_kind = LIST_LETTERED;
  n->upper = g_ascii_isupper(first);
  n->start = g_ascii_tolower(first) - 'a' + 1;
  for (doc_node *it = n->first; it; it = it->next) {
    doc_node *t;
    char l = item_letter(it, &t);
    it->label = g_strdup_printf("%c", g_ascii_tolower(l));
    const char *rest = t->text + 2;
    while (*rest == ' ')
      rest++;
    drop_anchors(t, (size_t)(rest - t->text));
    char *stripped = g_strdup(rest);
    g_free(t->text);
    t->text = stripped;
    if (!*t->text) doc_node_free(t);
  }
}

/* A text whose only anchor is its node's own position keeps none, only
 * at_pos: an array costs about 90 bytes, and in a table or a list of short
 * lines most texts are such. After the passes that read or move anchors. */
static void compact_anchors_cb(doc_node *n, bool entering, void *ctx) {
  (void)ctx;
  if (!entering || n->type != DOC_TEXT || !n->anchors || n->anchors->len != 1) return;
  const doc_anchor *a = &g_array_index(n->anchors, doc_anchor, 0);
  if (a->off != 0 || a->line != n->line || a->col != n->col) return;
  g_array_free(n->anchors, TRUE);
  n->anchors = NULL;
  n->at_pos = true;
}

typedef struct {
  slug_set ids;
  const char *section; /* id of the nearest heading above */
  conv *c;
  int open[7]; /* source levels of the headings the outline is in */
  int nopen;
} ids_ctx;

static void ids_cb(doc_node *n, bool entering, void *vctx) {
  ids_ctx *x = vctx;
  if (!entering) return;
  if (n->type == DOC_HEADING) {
    /* its depth: one below the nearest heading above of a higher level */
    while (x->nopen && x->open[x->nopen - 1] >= n->level)
      x->nopen--;
    n->depth = x->nopen + 1;
    if (x->nopen < 6) x->open[x->nopen++] = n->level;
    char *text = doc_node_plain_text(n);
    char *base = slug_from_text(text);
    n->id = slug_unique(&x->ids, base);
    x->section = n->id;
    g_free(base);
    g_free(text);
  } else if (n->type == DOC_ITEM && n->parent->list_kind != LIST_BULLET) {
    doc_node *list = n->parent;
    if (!n->label) {
      /* One more than the point before, numbered a moment ago: counting
       * from the list's first point made a long list quadratic. */
      int ord = n->prev && n->prev->label ? atoi(n->prev->label) + 1 : list->start;
      n->label = g_strdup_printf("%d", ord);
    }
    /* A nested point is addressed through its parent point: "section-b-2". */
    doc_node *outer = list->parent;
    while (outer && !(outer->type == DOC_ITEM && outer->id))
      outer = outer->parent;
    const char *prefix = outer ? outer->id : (x->section ? x->section : "punt");
    char *base = g_strdup_printf("%s-%s", prefix, n->label);
    n->id = slug_unique(&x->ids, base);
    g_free(base);
  }
}

/* How the anchors of notes and references start (doc_note_id). */
#define NOTE_ID_PREFIX "fn-"
#define NOTE_REF_PREFIX "fnref-"

/* The notes by label, each label's first as doc_footnote finds it: a
 * linear search per reference made a document of many notes quadratic.
 * The keys are the notes' own labels. Caller destroys. */
static GHashTable *notes_by_label(const doc *d) {
  GHashTable *h = g_hash_table_new(g_str_hash, g_str_equal);
  for (guint i = 0; i < d->footnotes->len; i++) {
    doc_node *f = g_ptr_array_index(d->footnotes, i);
    if (f->label && !g_hash_table_contains(h, f->label)) g_hash_table_insert(h, f->label, f);
  }
  return h;
}

typedef struct {
  GHashTable *notes; /* notes_by_label */
  int count;
} number_ctx;

static void number_cb(doc_node *n, bool entering, void *vctx) {
  number_ctx *x = vctx;
  if (!entering || n->type != DOC_FOOTNOTE_REF) return;
  doc_node *def = n->label ? g_hash_table_lookup(x->notes, n->label) : NULL;
  if (!def) return; /* cmark resolved every reference it kept */
  if (def->number == 0) def->number = ++x->count;
  n->number = def->number;
  n->ref_index = ++def->ref_count;
  /* The reference's anchor from its note's: both are spelled from the
   * label's slug (doc_note_id, doc_note_ref_id), and the note's was set a
   * moment ago; making the slug again for every reference cost a tenth of
   * the time of a diff. */
  g_free(n->id);
  const char *slug = def->id + strlen(NOTE_ID_PREFIX);
  n->id = n->ref_index > 1 ? g_strdup_printf("%s%s-%d", NOTE_REF_PREFIX, slug, n->ref_index)
                           : g_strconcat(NOTE_REF_PREFIX, slug, NULL);
}

/* The anchors of notes and their references are made from the label, so
 * that adding a note does not move the others' links. */
char *doc_note_id(const char *label) {
  char *s = slug_from_text(label ? label : "");
  char *id = g_strconcat(NOTE_ID_PREFIX, s, NULL);
  g_free(s);
  return id;
}

char *doc_note_ref_id(const char *label, int k) {
  char *s = slug_from_text(label ? label : "");
  char *id = k > 1 ? g_strdup_printf(NOTE_REF_PREFIX "%s-%d", s, k)
                   : g_strconcat(NOTE_REF_PREFIX, s, NULL);
  g_free(s);
  return id;
}

static gint by_number(gconstpointer a, gconstpointer b) {
  const doc_node *x = *(doc_node *const *)a, *y = *(doc_node *const *)b;
  /* unreferenced notes (number 0) go last, in their current order */
  int nx = x->number ? x->number : G_MAXINT, ny = y->number ? y->number : G_MAXINT;
  return (nx > ny) - (nx < ny);
}

void doc_number_footnotes(doc *d) {
  for (guint i = 0; i < d->footnotes->len; i++) {
    doc_node *f = g_ptr_array_index(d->footnotes, i);
    f->number = 0;
    f->ref_count = 0;
    g_free(f->id);
    f->id = doc_note_id(f->label);
  }
  number_ctx x = {notes_by_label(d), 0};
  doc_walk(d->root, number_cb, &x);
  /* References inside notes number after those of the body. A note is
   * walked once it has a number itself, until no new note gets one, so a
   * note referenced only from another note is numbered too. */
  GHashTable *walked = g_hash_table_new(g_direct_hash, g_direct_equal);
  for (bool again = true; again;) {
    again = false;
    for (guint i = 0; i < d->footnotes->len; i++) {
      doc_node *f = g_ptr_array_index(d->footnotes, i);
      if (f->number && !g_hash_table_contains(walked, f)) {
        g_hash_table_add(walked, f);
        doc_walk(f, number_cb, &x);
        again = true;
      }
    }
  }
  g_hash_table_destroy(walked);
  g_hash_table_destroy(x.notes);
  g_ptr_array_sort(d->footnotes, by_number);
}

/* Labels of all footnote definitions written in the source, with position:
 * cmark drops unreferenced ones, so they are found in the text itself. Lines
 * inside fenced or indented code are skipped by checking the parsed tree. */
static void report_unused_footnotes(conv *c, GHashTable *code_lines) {
  GHashTable *notes = NULL; /* made for the first definition: most files have none */
  for (guint i = 0; i < c->lines->len; i++) {
    int line = (int)i + 1;
    /* only a line that starts with "[^" (after at most three spaces) can be one */
    size_t start = GPOINTER_TO_SIZE(g_ptr_array_index(c->lines, i)), k = start;
    while (k < c->len && k - start < 3 && c->src[k] == ' ')
      k++;
    if (k + 1 >= c->len || c->src[k] != '[' || c->src[k + 1] != '^') continue;
    if (g_hash_table_contains(code_lines, GINT_TO_POINTER(line))) continue;
    char *label = label_at(c, line, 1, ":");
    if (!label) continue;
    size_t n;
    const char *s = line_at(c, line, &n);
    int col = 1;
    while (s[col - 1] == ' ')
      col++;
    /* more than three spaces of indent is code or a continuation, not a definition */
    if (!notes) notes = notes_by_label(c->d);
    if (col <= 4 && !g_hash_table_contains(notes, label))
      diag_add(c->diags, DIAG_ERROR, c->d->path, line, col, CHECK_FOOTNOTES,
               "footnote [^%s] is defined but never referenced", label);
    g_free(label);
  }
  if (notes) g_hash_table_destroy(notes);
}

/* "[//]: # (text)" at the start of line (up to three spaces in), or NULL.
 * The title may also be quoted with "..." or '...'. Caller frees. */
static char *comment_at(const char *s, size_t n) {
  size_t i = 0;
  while (i < n && i < 3 && s[i] == ' ')
    i++;
  if (n - i < 7 || memcmp(s + i, "[//]:", 5) != 0) return NULL;
  i += 5;
  while (i < n && (s[i] == ' ' || s[i] == '\t'))
    i++;
  if (i >= n || s[i] != '#') return NULL;
  i++;
  while (i < n && (s[i] == ' ' || s[i] == '\t'))
    i++;
  size_t end = n;
  while (end > i && (s[end - 1] == ' ' || s[end - 1] == '\t' || s[end - 1] == '\r'))
    end--;
  if (end - i < 2) return NULL;
  char open = s[i], close = s[end - 1];
  if (!((open == '(' && close == ')') || (open == '"' && close == '"') ||
        (open == '\'' && close == '\'')))
    return NULL;
  return g_strstrip(g_strndup(s + i + 1, end - i - 2));
}

static void text_lines_cb(doc_node *n, bool entering, void *ctx) {
  if (!entering || n->type != DOC_TEXT || !n->anchors) return;
  for (guint i = 0; i < n->anchors->len; i++)
    g_hash_table_add(ctx, GINT_TO_POINTER(g_array_index(n->anchors, doc_anchor, i).line));
}

/* Markdown comments. cmark drops link reference definitions without a trace,
 * so they are found in the source; a line that became text (a definition
 * cannot interrupt a paragraph) or code is not one. */
static void collect_comments(conv *c, GHashTable *code_lines) {
  GHashTable *text_lines = NULL; /* made for the first candidate: most files have none */
  for (guint i = 0; i < c->lines->len; i++) {
    int line = (int)i + 1;
    if (line < c->d->meta.body_line) continue;
    size_t n;
    const char *s = line_at(c, line, &n);
    char *text = comment_at(s, n);
    if (!text) continue;
    if (!text_lines) {
      text_lines = g_hash_table_new(g_direct_hash, g_direct_equal);
      doc_walk(c->d->root, text_lines_cb, text_lines);
      for (guint k = 0; k < c->d->footnotes->len; k++)
        doc_walk(g_ptr_array_index(c->d->footnotes, k), text_lines_cb, text_lines);
    }
    if (g_hash_table_contains(code_lines, GINT_TO_POINTER(line)) ||
        g_hash_table_contains(text_lines, GINT_TO_POINTER(line))) {
      g_free(text);
      continue;
    }
    doc_comment *dc = g_new(doc_comment, 1);
    dc->line = line;
    dc->text = text;
    g_ptr_array_add(c->d->comments, dc);
  }
  if (text_lines) g_hash_table_destroy(text_lines);
}

static void code_lines_cb(doc_node *n, bool entering, void *ctx) {
  if (!entering || n->type != DOC_CODE_BLOCK) return;
  int lines = 1;
  for (const char *p = n->text; *p; p++)
    if (*p == '\n') lines++;
  for (int l = n->line; l <= n->line + lines + 1; l++)
    g_hash_table_add(ctx, GINT_TO_POINTER(l));
}

/* Reports the first invalid UTF-8 byte with its line and column. */
/* g_utf8_validate, with ASCII (most of any text) skipped eight bytes at a
 * time: GLib's byte-by-byte check was a thirtieth of a diff. A multi-byte
 * character is all bytes >= 0x80, so each run of them is checked alone;
 * *bad is where the first invalid sequence (or NUL) starts. */
static bool utf8_valid(const char *s, size_t len, const char **bad) {
  const char *p = s, *e = s + len;
  const guint64 high = 0x8080808080808080u, ones = 0x0101010101010101u;
  while (p < e) {
    for (guint64 w; e - p >= 8; p += 8) {
      memcpy(&w, p, 8);
      if ((w & high) || ((w - ones) & ~w & high)) break; /* a byte >= 0x80, or a NUL */
    }
    if (p < e && (unsigned char)*p - 1u < 0x7fu) {
      p++;
      continue;
    }
    if (p == e) break;
    const char *q = p + 1;
    while (q < e && (unsigned char)*q >= 0x80)
      q++;
    if (!g_utf8_validate(p, q - p, bad)) return false;
    p = q;
  }
  return true;
}

static bool check_utf8(const char *path, const char *src, size_t len, diag_list *diags) {
  const char *end;
  if (utf8_valid(src, len, &end)) return true;
  int line = 1, col = 1;
  for (const char *p = src; p < end; p++) {
    if (*p == '\n') {
      line++;
      col = 1;
    } else {
      col++;
    }
  }
  diag_add(diags, DIAG_ERROR, path, line, col, CHECK_ENCODING,
           "invalid UTF-8 (byte 0x%02x): save the file as UTF-8", (unsigned char)*end);
  return false;
}

/* A file larger than DOC_MAX_BYTES is refused: the message names the file. */
static bool check_size(const char *path, size_t len, diag_list *diags) {
  if (len <= DOC_MAX_BYTES) return true;
  diag_add(diags, DIAG_ERROR, path, 0, 0, CHECK_LIMIT,
           "the file is %.1f MB: statuut reads files of at most %d MB", len / 1048576.0,
           DOC_MAX_BYTES >> 20);
  return false;
}

/* More than DOC_MAX_NOTES lines of the body that define a note ("[^label]:"
 * at most three spaces in) are refused before cmark parses them, at the
 * first one too many: counted in the source, so that the refusal is cheap. */
static bool check_notes(const doc *d, const char *src, size_t len, diag_list *diags) {
  int count = 0, line = d->meta.body_line;
  for (size_t i = d->meta.body_offset; i < len; line++) {
    size_t k = i;
    while (k < len && k - i < 3 && src[k] == ' ')
      k++;
    if (k + 1 < len && src[k] == '[' && src[k + 1] == '^') {
      size_t q = k + 2;
      while (q < len && src[q] != ']' && src[q] != '\n')
        q++;
      if (q > k + 2 && q + 1 < len && src[q] == ']' && src[q + 1] == ':' &&
          ++count > DOC_MAX_NOTES) {
        diag_add(diags, DIAG_ERROR, d->path, line, (int)(k - i) + 1, CHECK_LIMIT,
                 "more than %d notes: statuut reads at most %d", DOC_MAX_NOTES, DOC_MAX_NOTES);
        return false;
      }
    }
    const char *nl = memchr(src + i, '\n', len - i);
    if (!nl) break;
    i = (size_t)(nl - src) + 1;
  }
  return true;
}

doc *doc_parse(const char *path, const char *src, size_t len, diag_list *diags) {
  if (!check_size(path, len, diags)) return NULL;
  if (!check_utf8(path, src, len, diags)) return NULL;
  /* A byte-order mark, as some Windows editors write one, is no text: the
   * file starts after it (columns of its first line count from there). */
  if (len >= 3 && memcmp(src, "\xef\xbb\xbf", 3) == 0) {
    src += 3;
    len -= 3;
  }
  if (memchr(src, '\0', len)) {
    diag_add(diags, DIAG_ERROR, path, 0, 0, CHECK_ENCODING, "the file contains a NUL byte");
    return NULL;
  }
  doc *d = g_new0(doc, 1);
  d->path = g_strdup(path);
  d->footnotes = g_ptr_array_new();
  d->comments = g_ptr_array_new();
  if (!meta_parse(&d->meta, src, len, path, diags) || !check_notes(d, src, len, diags)) {
    doc_free(d);
    return NULL;
  }
  d->root = doc_node_new(DOC_ROOT);

  cmark_gfm_core_extensions_ensure_registered();
  cmark_parser *p = cmark_parser_new(CMARK_OPT_FOOTNOTES | CMARK_OPT_SOURCEPOS);
  static const char *const exts[] = {"table", "strikethrough", "autolink", NULL};
  for (int i = 0; exts[i]; i++)
    cmark_parser_attach_syntax_extension(p, cmark_find_syntax_extension(exts[i]));
  /* Feed cmark the body behind as many empty lines as the front matter had,
   * so that its line numbers are the file's. It takes its input in pieces
   * and copies what it keeps, so the body is fed where it stands, not
   * copied first (a copy of a large file stood beside its parse). */
  for (int i = 1; i < d->meta.body_line; i++)
    cmark_parser_feed(p, "\n", 1);
  cmark_parser_feed(p, src + d->meta.body_offset, len - d->meta.body_offset);
  cmark_node *croot = cmark_parser_finish(p);

  conv c = {d, diags, src, len, g_ptr_array_new(), 0};
  g_ptr_array_add(c.lines, GSIZE_TO_POINTER(0));
  for (const char *nl = src; (nl = memchr(nl, '\n', len - (size_t)(nl - src))) && ++nl < src + len;)
    g_ptr_array_add(c.lines, GSIZE_TO_POINTER((size_t)(nl - src)));

  bool deep_ok = convert_tree(&c, croot);
  cmark_node_free(croot);
  cmark_parser_free(p);
  if (!deep_ok) {
    g_ptr_array_free(c.lines, TRUE);
    doc_free(d);
    return NULL;
  }

  doc_walk(d->root, merge_text_cb, NULL);
  for (guint i = 0; i < d->footnotes->len; i++)
    doc_walk(g_ptr_array_index(d->footnotes, i), merge_text_cb, NULL);
  doc_walk(d->root, lettered_cb, NULL);

  ids_ctx x = {.c = &c};
  slug_set_init(&x.ids);
  for (int i = 0; reserved_ids[i]; i++)
    g_free(slug_unique(&x.ids, reserved_ids[i]));
  doc_walk(d->root, ids_cb, &x);
  slug_set_clear(&x.ids);
  doc_number_footnotes(d);

  GHashTable *code_lines = g_hash_table_new(g_direct_hash, g_direct_equal);
  doc_walk(d->root, code_lines_cb, code_lines);
  report_unused_footnotes(&c, code_lines);
  collect_comments(&c, code_lines);
  g_hash_table_destroy(code_lines);
  doc_walk(d->root, compact_anchors_cb, NULL);
  for (guint i = 0; i < d->footnotes->len; i++)
    doc_walk(g_ptr_array_index(d->footnotes, i), compact_anchors_cb, NULL);
  g_ptr_array_free(c.lines, TRUE);
  return d;
}

static doc *load(const char *path, bool digest, diag_list *diags) {
  /* A file too large is refused before it is read. */
  GStatBuf st;
  if (g_stat(path, &st) == 0 && S_ISREG(st.st_mode) && !check_size(path, (size_t)st.st_size, diags))
    return NULL;
  char *err = NULL;
  size_t len;
  char *src = fs_read(path, &len, &err);
  if (!src) {
    diag_add(diags, DIAG_ERROR, path, 0, 0, CHECK_IO, "%s",
             strchr(err, ':') ? strchr(err, ':') + 2 : err);
    g_free(err);
    return NULL;
  }
  doc *d = doc_parse(path, src, len, diags);
  if (d && digest) d->digest = cache_digest(src, len);
  g_free(src);
  return d;
}

doc *doc_load(const char *path, diag_list *diags) {
  return load(path, false, diags);
}

doc *doc_load_keyed(const char *path, diag_list *diags) {
  return load(path, true, diags);
}

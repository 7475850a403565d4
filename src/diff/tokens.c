/* tokens: see tokens.h */
#include "tokens.h"

#include <string.h>

/* A token's identity: interned strings compare by pointer, so the key is a
 * few words hashed without formatting any text. */
typedef struct {
  tok_kind kind;
  unsigned style;
  const char *text, *url, *label;
} tok_key;

static guint key_hash(gconstpointer k) {
  const tok_key *t = k;
  guintptr h = (guintptr)t->kind * 31u + t->style;
  h = h * 1000003u ^ (guintptr)t->text;
  h = h * 1000003u ^ (guintptr)t->url;
  h = h * 1000003u ^ (guintptr)t->label;
  return (guint)(h ^ (h >> 32));
}

static gboolean key_equal(gconstpointer a, gconstpointer b) {
  const tok_key *x = a, *y = b;
  return x->kind == y->kind && x->style == y->style && x->text == y->text && x->url == y->url &&
         x->label == y->label;
}

void tok_pool_init(tok_pool *p) {
  p->strings = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  p->ids = g_hash_table_new_full(key_hash, key_equal, g_free, NULL);
  p->words = g_hash_table_new(g_direct_hash, g_direct_equal);
  p->next = 1;
}

void tok_pool_clear(tok_pool *p) {
  g_hash_table_destroy(p->strings);
  g_hash_table_destroy(p->ids);
  g_hash_table_destroy(p->words);
}

const char *tok_intern(tok_pool *p, const char *s) {
  if (!s) return NULL;
  const char *have = g_hash_table_lookup(p->strings, s);
  if (have) return have;
  char *copy = g_strdup(s);
  g_hash_table_add(p->strings, copy);
  return copy;
}

static int intern_key(tok_pool *p, const tok_key *k) {
  gpointer v = g_hash_table_lookup(p->ids, k);
  if (v) return GPOINTER_TO_INT(v);
  int id = p->next++;
  g_hash_table_insert(p->ids, g_memdup2(k, sizeof *k), GINT_TO_POINTER(id));
  return id;
}

/* The case-folded word of an interned text, itself interned, by text pointer. */
static int word_id(tok_pool *p, const char *text) {
  gpointer v = g_hash_table_lookup(p->words, text);
  if (v) return GPOINTER_TO_INT(v);
  char *folded = g_utf8_casefold(text, -1);
  tok_key k = {TOK_WORD, 0, tok_intern(p, folded), NULL, "\x1fword"};
  g_free(folded);
  int id = intern_key(p, &k);
  g_hash_table_insert(p->words, (gpointer)text, GINT_TO_POINTER(id));
  return id;
}

static void push(tok_pool *p, GArray *out, tok_kind kind, unsigned style, const char *text,
                 size_t len, const char *url, const char *label) {
  tok t = {0};
  char *s = g_strndup(text, len);
  t.kind = kind;
  t.style = style;
  t.text = tok_intern(p, s);
  t.url = url;
  t.label = label;
  tok_key k = {kind, style, t.text, url, label};
  t.id = intern_key(p, &k);
  t.word = kind == TOK_WORD ? word_id(p, t.text) : -1;
  g_free(s);
  g_array_append_val(out, t);
}

static bool word_char(gunichar c) {
  return g_unichar_isalnum(c) || g_unichar_ismark(c);
}

/* Apostrophes and hyphens between two word characters belong to the word:
 * "dilemma's", "zo’n", "drone-bouwer" are one token each. */
static bool joiner(gunichar c) {
  return c == '\'' || c == 0x2019 || c == '-';
}

static void split_text(tok_pool *p, const char *s, GArray *out, unsigned style, const char *url) {
  const char *q = s;
  while (*q) {
    gunichar c = g_utf8_get_char(q);
    const char *start = q;
    if (g_unichar_isspace(c)) {
      while (*q && g_unichar_isspace(g_utf8_get_char(q)))
        q = g_utf8_next_char(q);
      push(p, out, TOK_SPACE, style, " ", 1, url, NULL);
    } else if (word_char(c)) {
      for (;;) {
        while (*q && word_char(g_utf8_get_char(q)))
          q = g_utf8_next_char(q);
        if (*q && joiner(g_utf8_get_char(q))) {
          const char *after = g_utf8_next_char(q);
          if (*after && word_char(g_utf8_get_char(after))) {
            q = after;
            continue;
          }
        }
        break;
      }
      push(p, out, TOK_WORD, style, start, (size_t)(q - start), url, NULL);
    } else {
      q = g_utf8_next_char(q);
      push(p, out, TOK_PUNCT, style, start, (size_t)(q - start), url, NULL);
    }
  }
}

typedef struct {
  tok_pool *p;
  GArray *out;
  tok_ref_fn ref;
  void *ctx;
  int depth[DOC_NODE_MAX]; /* open emphasis/strong/strike/link nodes */
  const char *url;
} walk;

static unsigned style_of(const walk *w) {
  return (w->depth[DOC_EMPH] ? STYLE_EM : 0) | (w->depth[DOC_STRONG] ? STYLE_STRONG : 0) |
         (w->depth[DOC_STRIKE] ? STYLE_STRIKE : 0);
}

static void inline_cb(doc_node *n, bool entering, void *vctx) {
  walk *w = vctx;
  switch (n->type) {
  case DOC_EMPH:
  case DOC_STRONG:
  case DOC_STRIKE:
    w->depth[n->type] += entering ? 1 : -1;
    break;
  case DOC_LINK:
    w->depth[DOC_LINK] += entering ? 1 : -1;
    w->url = entering ? tok_intern(w->p, n->url) : NULL;
    break;
  case DOC_TEXT:
    if (entering) split_text(w->p, n->text, w->out, style_of(w), w->url);
    break;
  case DOC_CODE:
    if (entering) {
      /* inline code is one token: a changed character changes the code */
      push(w->p, w->out, TOK_WORD, style_of(w) | STYLE_CODE, n->text, strlen(n->text), w->url,
           NULL);
    }
    break;
  case DOC_LINEBREAK:
    if (entering) push(w->p, w->out, TOK_BREAK, style_of(w), "\n", 1, w->url, NULL);
    break;
  case DOC_FOOTNOTE_REF:
    if (entering) {
      const char *label = tok_intern(w->p, w->ref ? w->ref(n->label, w->ctx) : n->label);
      char *text = g_strdup_printf("[^%s]", label);
      push(w->p, w->out, TOK_REF, style_of(w), text, strlen(text), w->url, label);
      g_free(text);
    }
    break;
  case DOC_IMAGE:
    if (entering) {
      char *alt = doc_node_plain_text(n);
      push(w->p, w->out, TOK_IMAGE, style_of(w), alt, strlen(alt), tok_intern(w->p, n->url), NULL);
      g_free(alt);
    }
    break;
  default:
    break;
  }
}

void tok_inline(tok_pool *p, const doc_node *container, GArray *out, tok_ref_fn ref, void *ctx) {
  walk w = {p, out, ref, ctx, {0}, NULL};
  for (doc_node *c = container->first; c; c = c->next) {
    if (c->type == DOC_IMAGE) {
      inline_cb(c, true, &w); /* the image's children are its description */
      continue;
    }
    doc_walk(c, inline_cb, &w);
  }
}

void tok_literal(tok_pool *p, const char *text, GArray *out) {
  const char *q = text;
  while (*q) {
    const char *start = q;
    if (*q == '\n') {
      push(p, out, TOK_BREAK, 0, "\n", 1, NULL, NULL);
      q++;
    } else if (*q == ' ' || *q == '\t') {
      while (*q == ' ' || *q == '\t')
        q++;
      push(p, out, TOK_SPACE, 0, start, (size_t)(q - start), NULL, NULL);
    } else {
      while (*q && *q != '\n' && *q != ' ' && *q != '\t')
        q++;
      push(p, out, TOK_WORD, 0, start, (size_t)(q - start), NULL, NULL);
    }
  }
}

int tok_words(const tok *t, int n) {
  int w = 0;
  for (int i = 0; i < n; i++)
    if (t[i].kind == TOK_WORD || t[i].kind == TOK_IMAGE) w++;
  return w;
}

/* Markdown markers for the styles in `st`, in opening order (strong outside
 * emphasis outside strike-through); closing reverses it. */
static void open_style(GString *s, unsigned st) {
  if (st & STYLE_STRONG) g_string_append(s, "**");
  if (st & STYLE_EM) g_string_append(s, "*");
  if (st & STYLE_STRIKE) g_string_append(s, "~~");
}

static void close_style(GString *s, unsigned st) {
  if (st & STYLE_STRIKE) g_string_append(s, "~~");
  if (st & STYLE_EM) g_string_append(s, "*");
  if (st & STYLE_STRONG) g_string_append(s, "**");
}

/* Changes the open styles from `from` to `to`: closes the markers of what
 * ends, opens those of what starts. Which of two styles is the outer one is
 * not kept in the tokens, so this is notation for people, not for a parser. */
static void restyle(GString *s, unsigned from, unsigned to) {
  close_style(s, from & ~to);
  open_style(s, to & ~from);
}

char *tok_text(const tok *t, int from, int to) {
  GString *s = g_string_new(NULL);
  unsigned style = 0;
  const char *url = NULL;
  for (int i = from; i < to; i++) {
    unsigned st = t[i].style & ~STYLE_CODE;
    const char *u = t[i].kind == TOK_IMAGE ? NULL : t[i].url;
    if (u != url) {
      close_style(s, style);
      if (url) g_string_append_printf(s, "](%s)", url);
      if (u) g_string_append_c(s, '[');
      style = 0;
      url = u;
    }
    if (st != style) {
      restyle(s, style, st);
      style = st;
    }
    if (t[i].kind == TOK_IMAGE)
      g_string_append_printf(s, "![%s](%s)", t[i].text, t[i].url);
    else if (t[i].style & STYLE_CODE)
      g_string_append_printf(s, "`%s`", t[i].text);
    else
      g_string_append(s, t[i].text);
  }
  close_style(s, style);
  if (url) g_string_append_printf(s, "](%s)", url);
  return g_string_free(s, FALSE);
}

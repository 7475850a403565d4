/* tokens: see tokens.h */
#define _POSIX_C_SOURCE 200809L /* stpcpy */
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

/* What the pool knows about one text: its interned copy, the id of the
 * plain token of each kind with that text (no style, link or label: the
 * common case, found with one lookup) and its folded word. */
typedef struct {
  char *text;
  int plain[TOK_KIND_MAX];
  int word;
} text_entry;

static void entry_free(gpointer p) {
  text_entry *e = p;
  g_free(e->text);
  g_free(e);
}

void tok_pool_init(tok_pool *p) {
  memset(p, 0, sizeof *p);
  p->strings = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, entry_free);
  p->ids = g_hash_table_new_full(key_hash, key_equal, g_free, NULL);
  p->next = 1;
}

void tok_pool_clear(tok_pool *p) {
  g_hash_table_destroy(p->strings);
  g_hash_table_destroy(p->ids);
}

static text_entry *entry(tok_pool *p, const char *s) {
  text_entry *e = g_hash_table_lookup(p->strings, s);
  if (!e) {
    e = g_new0(text_entry, 1);
    e->text = g_strdup(s);
    e->word = -1;
    g_hash_table_insert(p->strings, e->text, e);
  }
  return e;
}

const char *tok_intern(tok_pool *p, const char *s) {
  return s ? entry(p, s)->text : NULL;
}

static int intern_key(tok_pool *p, const tok_key *k) {
  gpointer v = g_hash_table_lookup(p->ids, k);
  if (v) return GPOINTER_TO_INT(v);
  int id = p->next++;
  g_hash_table_insert(p->ids, g_memdup2(k, sizeof *k), GINT_TO_POINTER(id));
  return id;
}

/* The case-folded word of a text, interned. */
static int word_id(tok_pool *p, text_entry *e) {
  if (e->word < 0) {
    /* ASCII folds to lower case, without GLib's Unicode tables (most words
     * are ASCII, and folding them that way was a sixtieth of a diff) */
    bool ascii = true;
    for (const char *q = e->text; *q && ascii; q++)
      ascii = (unsigned char)*q < 0x80;
    char *folded = ascii ? g_ascii_strdown(e->text, -1) : g_utf8_casefold(e->text, -1);
    tok_key k = {TOK_WORD, 0, tok_intern(p, folded), NULL, "\x1fword"};
    g_free(folded);
    e->word = intern_key(p, &k);
  }
  return e->word;
}

/* The entry of text[0, len), without copying the text when it is known
 * already: the common case, as words repeat. */
static text_entry *entry_n(tok_pool *p, const char *text, size_t len) {
  char buf[128];
  if (len < sizeof buf) {
    memcpy(buf, text, len);
    buf[len] = '\0';
    return entry(p, buf);
  }
  char *s = g_strndup(text, len);
  text_entry *e = entry(p, s);
  g_free(s);
  return e;
}

static void push(tok_pool *p, GArray *out, tok_kind kind, unsigned style, const char *text,
                 size_t len, const char *url, const char *label) {
  /* plain spaces and ASCII punctuation are half of all tokens: cached */
  bool cacheable = len == 1 && (unsigned char)text[0] < 0x80 && !style && !url && !label;
  if (cacheable && p->ascii[(unsigned char)text[0]].id) {
    g_array_append_val(out, p->ascii[(unsigned char)text[0]]);
    return;
  }
  text_entry *e = entry_n(p, text, len);
  tok t = {0};
  t.kind = kind;
  t.style = style;
  t.text = e->text;
  t.url = url;
  t.label = label;
  if (!style && !url && !label) {
    if (!e->plain[kind]) {
      tok_key k = {kind, 0, e->text, NULL, NULL};
      e->plain[kind] = intern_key(p, &k);
    }
    t.id = e->plain[kind];
  } else {
    tok_key k = {kind, style, e->text, url, label};
    t.id = intern_key(p, &k);
  }
  if (kind == TOK_WORD) {
    t.word = word_id(p, e);
  } else if (kind == TOK_IMAGE) {
    /* an image counts as a word (tok_words): it has an id among them, its
     * source and description, for similarity */
    tok_key k = {TOK_IMAGE, 0, e->text, url, "\x1fimage"};
    t.word = intern_key(p, &k);
  } else {
    t.word = -1;
  }
  if (cacheable) p->ascii[(unsigned char)text[0]] = t;
  g_array_append_val(out, t);
}

/* Character classes, with a fast path for ASCII (most of any Dutch text);
 * everything else asks GLib's Unicode tables. */
static inline bool is_space(gunichar c) {
  return c < 0x80 ? c == ' ' || (c >= '\t' && c <= '\r') : g_unichar_isspace(c);
}

static bool word_char(gunichar c) {
  if (c < 0x80) return g_ascii_isalnum((char)c);
  return g_unichar_isalnum(c) || g_unichar_ismark(c);
}

/* Apostrophes and hyphens between two word characters belong to the word:
 * "dilemma's", "zo’n", "drone-bouwer" are one token each. */
static bool joiner(gunichar c) {
  return c == '\'' || c == 0x2019 || c == '-';
}

static inline gunichar next_char(const char *q) {
  return (unsigned char)*q < 0x80 ? (gunichar)(unsigned char)*q : g_utf8_get_char(q);
}

static inline const char *advance(const char *q) {
  return (unsigned char)*q < 0x80 ? q + 1 : g_utf8_next_char(q);
}

static void split_text(tok_pool *p, const char *s, GArray *out, unsigned style, const char *url) {
  const char *q = s;
  while (*q) {
    gunichar c = next_char(q);
    const char *start = q;
    if (is_space(c)) {
      while (*q && is_space(next_char(q)))
        q = advance(q);
      push(p, out, TOK_SPACE, style, " ", 1, url, NULL);
    } else if (word_char(c)) {
      for (;;) {
        while (*q && word_char(next_char(q)))
          q = advance(q);
        if (*q && joiner(next_char(q))) {
          const char *after = advance(q);
          if (*after && word_char(next_char(after))) {
            q = after;
            continue;
          }
        }
        break;
      }
      push(p, out, TOK_WORD, style, start, (size_t)(q - start), url, NULL);
    } else {
      q = advance(q);
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
      const char *shown = g_str_has_prefix(label, TOK_GONE_PREFIX) ? n->label : label;
      char *text = g_strdup_printf("[^%s]", shown);
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

/* ---- canonical text: the identity of inline content without tokenizing ---- */

typedef struct {
  GString *out;
  tok_ref_fn ref;
  void *ctx;
  int in_image;
  int emph, strong, strike; /* how deep in each style, as the tokens count it */
  const char *url;          /* the link around, or NULL */
  unsigned said_style;      /* the state last written, to write it only when it changes */
  const char *said_url;
} canon;

/* The style and link of what follows, written where they change: the same
 * state the tokens carry (a style is a set, not a nesting), so that
 * "*__x__*" and "__*x*__" are one text here as they are one token stream. */
static void canon_state(canon *k) {
  unsigned st = (k->emph ? 1u : 0) | (k->strong ? 2u : 0) | (k->strike ? 4u : 0);
  /* a refused link (no URL) is plain text, as its tokens are; an empty
   * target ("[x]()") is a link, as on the page */
  const char *url = k->url;
  if (st == k->said_style && g_strcmp0(url, k->said_url) == 0) return;
  /* appended piece by piece: a printf here was a fiftieth of the diff */
  char head[4] = {url ? '\x07' : '\x01', st & 1 ? 'e' : '-', st & 2 ? 's' : '-',
                  st & 4 ? 'x' : '-'};
  g_string_append_len(k->out, head, 4);
  if (url) g_string_append(k->out, url);
  g_string_append_c(k->out, '\x03');
  k->said_style = st;
  k->said_url = url;
}

/* The text with every run of white space as one space. Written straight
 * into out's buffer: this runs over every block of both versions, and
 * appending run by run was a sixth of the whole diff. */
static void canon_text(GString *out, const char *s) {
  size_t at = out->len, n = strlen(s);
  g_string_set_size(out, at + n); /* never longer than the text */
  char *w = out->str + at;
  const char *q = s;
  while (*q) {
    /* printable ASCII (most of a text) in one run; a single space between
     * two such characters stays as it is */
    while ((unsigned char)(*q - 0x21) < 0x5f || (*q == ' ' && (unsigned char)(q[1] - 0x21) < 0x5f))
      *w++ = *q++;
    if (!*q) break;
    if ((unsigned char)*q < 0x80 && !is_space((unsigned char)*q)) {
      *w++ = *q++;
      continue;
    }
    if (is_space(next_char(q))) {
      while (*q && is_space(next_char(q)))
        q = advance(q);
      *w++ = ' ';
      continue;
    }
    for (const char *end = advance(q); q < end;)
      *w++ = *q++;
  }
  g_string_truncate(out, (gsize)(w - out->str));
}

static void canon_cb(doc_node *n, bool entering, void *vctx) {
  canon *k = vctx;
  GString *o = k->out;
  if (n->type == DOC_IMAGE) {
    k->in_image += entering ? 1 : -1;
    if (entering) {
      /* its source and its description as its token has them (the
       * description's plain text), both ended: "![a](x)b" is not "![ab](x)" */
      canon_state(k);
      char *alt = doc_node_plain_text(n);
      g_string_append_printf(o, "\x06%s\x03%s\x03", n->url ? n->url : "", alt);
      g_free(alt);
    }
    return;
  }
  if (k->in_image) return; /* the description, written whole above */
  int d = entering ? 1 : -1;
  switch (n->type) {
  case DOC_EMPH:
    k->emph += d;
    break;
  case DOC_STRONG:
    k->strong += d;
    break;
  case DOC_STRIKE:
    k->strike += d;
    break;
  case DOC_LINK:
    k->url = entering ? n->url : NULL;
    break;
  case DOC_TEXT:
    if (entering) {
      canon_state(k);
      canon_text(o, n->text);
    }
    break;
  case DOC_CODE:
    if (entering) {
      canon_state(k);
      g_string_append_printf(o, "\x02c%s\x03", n->text);
    }
    break;
  case DOC_LINEBREAK:
    if (entering) {
      canon_state(k);
      g_string_append_c(o, '\x04');
    }
    break;
  case DOC_FOOTNOTE_REF:
    if (entering) {
      canon_state(k);
      /* the note it stands for, and the label shown, as its token has them */
      const char *label = k->ref ? k->ref(n->label, k->ctx) : n->label;
      if (g_str_has_prefix(label, TOK_GONE_PREFIX))
        g_string_append_printf(o, "\x05%s\x1f%s\x03", label, n->label);
      else
        g_string_append_printf(o, "\x05%s\x03", label);
    }
    break;
  default:
    break;
  }
}

void tok_canonical(const doc_node *container, GString *out, tok_ref_fn ref, void *ctx) {
  canon k = {out, ref, ctx, 0, 0, 0, 0, NULL, 0, NULL};
  for (doc_node *c = container->first; c; c = c->next)
    doc_walk(c, canon_cb, &k);
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
      if (t[i].url)
        g_string_append_printf(s, "![%s](%s)", t[i].text, t[i].url);
      else
        g_string_append(s, t[i].text); /* refused by the model: its description */
    else if (t[i].style & STYLE_CODE)
      g_string_append_printf(s, "`%s`", t[i].text);
    else
      g_string_append(s, t[i].text);
  }
  close_style(s, style);
  if (url) g_string_append_printf(s, "](%s)", url);
  return g_string_free(s, FALSE);
}

void tok_separator(tok_pool *p, const char *text, GArray *out) {
  push(p, out, TOK_BREAK, 0, text, strlen(text), NULL, NULL);
}

char *tok_plain(const tok *t, int from, int to) {
  size_t n = 0;
  for (int i = from; i < to; i++)
    n += strlen(t[i].text);
  char *s = g_malloc(n + 1), *w = s;
  *w = '\0';
  for (int i = from; i < to; i++) /* one pass over each text, not a length and a copy */
    w = stpcpy(w, t[i].text);
  return s;
}

void tok_spans(const tok *t, int from, int to, GArray *out) {
  int at = 0; /* characters so far */
  for (int i = from; i < to;) {
    int len = (int)g_utf8_strlen(t[i].text, -1);
    bool own = t[i].kind == TOK_REF || t[i].kind == TOK_IMAGE;
    unsigned st = t[i].style;
    const char *url = t[i].url;
    int k = i + 1, end = at + len;
    while (!own && k < to && t[k].style == st && t[k].url == url && t[k].kind != TOK_REF &&
           t[k].kind != TOK_IMAGE) {
      end += (int)g_utf8_strlen(t[k].text, -1);
      k++;
    }
    if (own || st || url) {
      tok_span sp = {at, end, st, url, NULL, t[i].kind == TOK_IMAGE};
      if (t[i].kind == TOK_REF) {
        /* the label as shown: the text between "[^" and "]" */
        sp.label = t[i].text;
      }
      g_array_append_val(out, sp);
    }
    at = end;
    i = k;
  }
}

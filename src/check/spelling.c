/* spelling: see include/statuut/spelling.h */
#include "statuut/spelling.h"
#include "statuut/spellmodule.h"
#include "statuut/citations.h"
#include "statuut/fsutil.h"

#include <glib/gstdio.h>
#include <hunspell.h>
#include <string.h>
#include <unistd.h>

/* Suggestions shown with a misspelling: enough to see the likely fix. */
enum { MAX_SUGGESTIONS = 4 };
/* Characters from which a word is treated as a compound when suggesting. */
enum { LONG_WORD = 12 };

typedef struct {
  bool ok;
  char *advice; /* the suggestions as text, made when first reported; NULL before */
} verdict;

struct speller {
  Hunhandle *h;
  GHashTable *cache; /* word -> verdict*, both owned */
};

static void verdict_free(gpointer p) {
  verdict *v = p;
  g_free(v->advice);
  g_free(v);
}

/* The affix file with its suggestion settings made fast. hunspell-nl's
 * suggestions take up to 0.2 s a word, mostly in n-gram and compound
 * suggestions and in trying capitals and digits at every position; without
 * those a suggestion takes milliseconds. What the settings do not find is
 * searched for here (fallback_suggestions). Verdicts do not change: these
 * settings are used by suggestions only. Caller frees. */
static char *fast_affixes(const char *aff, size_t len) {
  GString *out = g_string_sized_new(len + 64);
  char **lines = g_strsplit(aff, "\n", -1);
  for (char **l = lines; *l; l++) {
    if (g_str_has_prefix(*l, "MAXCPDSUGS") || g_str_has_prefix(*l, "MAXNGRAMSUGS")) continue;
    if (g_str_has_prefix(*l, "TRY ")) {
      g_string_append(out, "TRY ");
      for (const char *p = *l + 4; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (!g_unichar_isupper(c) && !g_unichar_isdigit(c) && !g_unichar_isspace(c))
          g_string_append_unichar(out, c);
      }
      g_string_append_c(out, '\n');
      continue;
    }
    g_string_append_printf(out, "%s\n", *l);
  }
  g_string_append(out, "MAXCPDSUGS 0\nMAXNGRAMSUGS 0\n");
  g_strfreev(lines);
  return g_string_free(out, FALSE);
}

speller *spell_new(const char *dic_base, char **err) {
  char *aff = g_strconcat(dic_base, ".aff", NULL), *dic = g_strconcat(dic_base, ".dic", NULL);
  speller *s = NULL;
  size_t len;
  char *text = NULL, *tmp = NULL, *why = NULL;
  /* hunspell prints to stderr when a file is missing: look first. */
  if (g_file_test(dic, G_FILE_TEST_IS_REGULAR)) text = fs_read(aff, &len, &why);
  g_free(why);
  if (!text) {
    *err = g_strdup("no hunspell dictionary (.aff and .dic) here: install hunspell-nl, or "
                    "check with --no-spelling");
  } else {
    /* hunspell reads the affix file from a path, once, when created. */
    char *fast = fast_affixes(text, len);
    GError *e = NULL;
    int fd = g_file_open_tmp("statuut-XXXXXX.aff", &tmp, &e);
    if (fd < 0 || !g_file_set_contents(tmp, fast, -1, &e)) {
      *err = g_strdup_printf("cannot write a temporary file: %s", e->message);
      g_error_free(e);
    } else {
      s = g_new0(speller, 1);
      s->h = Hunspell_create(tmp, dic);
      s->cache = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, verdict_free);
    }
    if (fd >= 0) {
      close(fd);
      g_unlink(tmp);
    }
    g_free(fast);
  }
  g_free(tmp);
  g_free(text);
  g_free(aff);
  g_free(dic);
  return s;
}

void spell_free(speller *s) {
  if (!s) return;
  Hunspell_destroy(s->h);
  g_hash_table_destroy(s->cache);
  g_free(s);
}

GHashTable *spell_read_words(const char *path, char **err) {
  GHashTable *set = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  if (!fs_is_file(path)) return set;
  size_t len;
  char *text = fs_read(path, &len, err);
  if (!text) {
    g_hash_table_destroy(set);
    return NULL;
  }
  char **lines = g_strsplit(text, "\n", -1);
  for (char **l = lines; *l; l++) {
    char *hash = strchr(*l, '#');
    if (hash) *hash = '\0';
    g_strstrip(*l);
    if (**l) g_hash_table_add(set, g_strdup(*l));
  }
  g_strfreev(lines);
  g_free(text);
  return set;
}

/* ---- words ---- */

static bool space(gunichar c) {
  return g_unichar_isspace(c) || c == 0x00A0;
}

static bool separator(gunichar c) {
  return space(c) || c == '/' || c == '|' || c == '=' || c == '+' || c == 0x2026; /* … */
}

/* The text [p, e) between two spaces is a URL or an e-mail address, whose
 * slashes do not separate words. */
static bool address(const char *p, const char *e) {
  gchar *chunk = g_strndup(p, (gsize)(e - p));
  bool url = strstr(chunk, "://") || strstr(chunk, "www.") || strchr(chunk, '@');
  g_free(chunk);
  return url;
}

/* Characters around a word that are not part of it: quotes, brackets,
 * punctuation, emphasis marks left in text. */
static bool wrapping(gunichar c) {
  return !g_unichar_isalnum(c) && c != '-';
}

void spell_tokens_free(GArray *tokens) {
  for (guint i = 0; i < tokens->len; i++)
    g_free(g_array_index(tokens, spell_token, i).word);
  g_array_free(tokens, TRUE);
}

/* One word [a, b) of text: what wraps it is stripped, a sentence end among
 * that is noted. Returns false when nothing is left. */
static bool token(const char *text, const char *a, const char *b, bool *sentence_start,
                  spell_token *t) {
  while (a < b && wrapping(g_utf8_get_char(a)))
    a = g_utf8_next_char(a);
  bool end = false, dot = false;
  while (b > a) {
    const char *q = g_utf8_prev_char(b);
    gunichar c = g_utf8_get_char(q);
    if (!wrapping(c)) break;
    if (c == '.' || c == '!' || c == '?') end = true;
    dot = dot || c == '.';
    b = q;
  }
  if (a == b) return false;
  *t = (spell_token){.start = (size_t)(a - text), .sentence_start = *sentence_start, .dot = dot};
  GString *w = g_string_sized_new((gsize)(b - a));
  bool letters = false;
  for (const char *q = a; q < b; q = g_utf8_next_char(q)) {
    gunichar c = g_utf8_get_char(q);
    if (c == '(' || c == ')' || c == '[' || c == ']') continue; /* gezin(s)systeem */
    if (c == 0x2019) c = '\'';                                  /* dilemma’s */
    if (g_unichar_isdigit(c) || c == '@' || c == '.' || c == '&' || c == '_' || c == ':')
      t->skip = true; /* numbers, abbreviations and names with dots inside */
    letters = letters || g_unichar_isalpha(c);
    g_string_append_unichar(w, c);
  }
  /* "lees-" and "-deling" are halves of compounds written once. */
  if (w->str[0] == '-' || w->str[w->len - 1] == '-' || !letters || g_utf8_strlen(w->str, -1) < 2)
    t->skip = true;
  t->word = g_string_free(w, FALSE);
  *sentence_start = end;
  return true;
}

GArray *spell_tokens(const char *text, bool *sentence_start) {
  GArray *out = g_array_new(FALSE, TRUE, sizeof(spell_token));
  const char *p = text;
  while (*p) {
    while (*p && space(g_utf8_get_char(p)))
      p = g_utf8_next_char(p);
    const char *chunk = p;
    while (*p && !space(g_utf8_get_char(p)))
      p = g_utf8_next_char(p);
    if (p == chunk || address(chunk, p)) continue;
    for (const char *q = chunk; q < p;) {
      while (q < p && separator(g_utf8_get_char(q)))
        q = g_utf8_next_char(q);
      const char *a = q;
      while (q < p && !separator(g_utf8_get_char(q)))
        q = g_utf8_next_char(q);
      spell_token t;
      if (a < q && token(text, a, q, sentence_start, &t)) g_array_append_val(out, t);
    }
  }
  return out;
}

/* ---- verdicts ---- */

/* The word with accents for emphasis removed (á é í ó ú à è ì ò ù), or NULL
 * when it has none. Diaereses (ë, ï) are spelling and stay. */
static char *without_emphasis(const char *w) {
  static const char *const from[] = {"á", "é", "í", "ó", "ú", "à", "è", "ì", "ò", "ù", "Á",
                                     "É", "Í", "Ó", "Ú", "À", "È", "Ì", "Ò", "Ù", NULL};
  static const char to[] = "aeiouaeiouAEIOUAEIOU";
  GString *s = g_string_new(NULL);
  bool changed = false;
  for (const char *p = w; *p;) {
    int k = -1;
    for (int i = 0; from[i] && k < 0; i++)
      if (strncmp(p, from[i], strlen(from[i])) == 0) k = i;
    if (k >= 0) {
      g_string_append_c(s, to[k]);
      p += strlen(from[k]);
      changed = true;
    } else {
      g_string_append_c(s, *p++);
    }
  }
  if (!changed) {
    g_string_free(s, TRUE);
    return NULL;
  }
  return g_string_free(s, FALSE);
}

/* The dictionary's verdict on one word, cached. */
static verdict *judge(speller *s, const char *word) {
  verdict *v = g_hash_table_lookup(s->cache, word);
  if (v) return v;
  v = g_new0(verdict, 1);
  v->ok = Hunspell_spell(s->h, word) != 0;
  if (!v->ok) {
    char *plain = without_emphasis(word);
    v->ok = plain && Hunspell_spell(s->h, plain);
    g_free(plain);
  }
  g_hash_table_insert(s->cache, g_strdup(word), v);
  return v;
}

/* Letters tried at every position: Dutch, lower case. */
static const char *const alphabet[] = {"e", "n", "r", "i", "t", "s", "a", "o", "l", "d", "g", "k",
                                       "u", "p", "m", "c", "h", "b", "v", "j", "w", "f", "z", "y",
                                       "x", "q", "ë", "ï", "é", "è", "ö", "ü", "'", "-", NULL};

static void try_candidate(speller *s, GPtrArray *found, char *cand) {
  bool ok = false;
  char *space = strchr(cand, ' ');
  if (space) {
    *space = '\0';
    ok = *cand && space[1] && Hunspell_spell(s->h, cand) && Hunspell_spell(s->h, space + 1);
    *space = ' ';
  } else {
    ok = Hunspell_spell(s->h, cand) != 0;
  }
  for (guint i = 0; ok && i < found->len; i++)
    ok = strcmp(g_ptr_array_index(found, i), cand) != 0;
  if (ok && found->len < MAX_SUGGESTIONS)
    g_ptr_array_add(found, cand);
  else
    g_free(cand);
}

/* Words one edit away that the dictionary accepts: a missing space first
 * ("halenvan"), then two letters swapped, one changed, one too many, one
 * missing. Compounds are where hunspell's own suggestions are slow, and a
 * letter off inside a long compound ("kennisinstututen") is the common case. */
static void fallback_suggestions(speller *s, const char *word, GPtrArray *found) {
  glong n;
  gunichar *u = g_utf8_to_ucs4_fast(word, -1, &n);
  size_t *off = g_new(size_t, n + 1); /* byte offset of character i; off[n] the end */
  for (glong i = 0; i <= n; i++)
    off[i] = (size_t)(g_utf8_offset_to_pointer(word, i) - word);
  GString *c = g_string_new(NULL);
  /* The passes go from the likeliest edit to the least; one that finds
   * something ends the search, so a long word costs a few hundred lookups. */
  for (int pass = 0; pass < 5 && found->len == 0; pass++) {
    for (glong i = 0; i <= n && found->len < MAX_SUGGESTIONS; i++) {
      g_string_truncate(c, 0);
      g_string_append_len(c, word, (gssize)off[i]);
      if (pass == 0 && i > 1 && i < n - 1) { /* a space */
        g_string_append_printf(c, " %s", word + off[i]);
        try_candidate(s, found, g_strdup(c->str));
      } else if (pass == 1 && i + 1 < n) { /* two letters swapped */
        g_string_append_unichar(c, u[i + 1]);
        g_string_append_unichar(c, u[i]);
        g_string_append(c, word + off[i + 2]);
        try_candidate(s, found, g_strdup(c->str));
      } else if (pass == 3 && i < n) { /* a letter too many */
        g_string_append(c, word + off[i + 1]);
        try_candidate(s, found, g_strdup(c->str));
      } else if ((pass == 2 && i < n) || pass == 4) { /* a letter changed, a letter missing */
        size_t keep = c->len;
        for (int k = 0; alphabet[k] && found->len < MAX_SUGGESTIONS; k++) {
          g_string_truncate(c, keep);
          g_string_append(c, alphabet[k]);
          g_string_append(c, word + off[pass == 2 ? i + 1 : i]);
          if (strcmp(c->str, word) != 0) try_candidate(s, found, g_strdup(c->str));
        }
      }
    }
  }
  g_string_free(c, TRUE);
  g_free(off);
  g_free(u);
}

static const char *advice(speller *s, const char *word) {
  verdict *v = judge(s, word);
  if (v->advice) return v->advice;
  GPtrArray *found = g_ptr_array_new_with_free_func(g_free);
  /* Long words are compounds, where hunspell's search finds little and takes
   * long (50 ms for "clientvertegenwoordigers"): search one edit away only. */
  if (g_utf8_strlen(word, -1) <= LONG_WORD) {
    char **list = NULL;
    int n = Hunspell_suggest(s->h, &list, word);
    for (int i = 0; i < n && (int)found->len < MAX_SUGGESTIONS; i++)
      g_ptr_array_add(found, g_strdup(list[i]));
    Hunspell_free_list(s->h, &list, n);
  }
  if (found->len == 0) fallback_suggestions(s, word, found);
  GString *a = g_string_new(NULL);
  for (guint i = 0; i < found->len; i++)
    g_string_append_printf(a, "%s'%s'", i ? ", " : "", (char *)g_ptr_array_index(found, i));
  g_ptr_array_free(found, TRUE);
  v->advice = g_string_free(a, FALSE);
  return v->advice;
}

/* ---- the check ---- */

typedef struct {
  speller *s;
  const doc *d;
  GHashTable *project, *own; /* known-good words; either may be NULL */
  diag_list *out;
  bool sentence_start;
  const doc_node *skip; /* a subtree that is not running text */
} spell_ctx;

static bool known(const spell_ctx *x, const char *w) {
  return (x->project && g_hash_table_contains(x->project, w)) ||
         (x->own && g_hash_table_contains(x->own, w));
}

typedef enum { CASE_LOWER, CASE_CAPITALISED, CASE_ALL_CAPS, CASE_MIXED } word_case;

static word_case case_of(const char *w) {
  int upper = 0, letters = 0;
  bool first_upper = false;
  for (const char *p = w; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if (!g_unichar_isalpha(c)) continue;
    if (g_unichar_isupper(c)) {
      if (letters == 0) first_upper = true;
      upper++;
    }
    letters++;
  }
  if (upper == 0) return CASE_LOWER;
  if (upper == letters) return letters <= 5 ? CASE_MIXED : CASE_ALL_CAPS;
  return upper == 1 && first_upper ? CASE_CAPITALISED : CASE_MIXED;
}

/* The word as it would be written mid-sentence: capitalised words get a
 * lower-case first letter, words in capitals are lowered. Caller frees. */
static char *uncapitalised(const char *w, word_case wc) {
  if (wc == CASE_ALL_CAPS) return g_utf8_strdown(w, -1);
  const char *rest = g_utf8_next_char(w);
  char *first = g_utf8_strdown(w, rest - w);
  char *lf = g_strconcat(first, rest, NULL);
  g_free(first);
  return lf;
}

/* The word is known as written or, where the case is positional (start of
 * a sentence, a heading in capitals), uncapitalised. */
static bool known_any_case(const spell_ctx *x, const char *w, word_case wc) {
  if (known(x, w)) return true;
  if (wc == CASE_LOWER) return false;
  char *lower = uncapitalised(w, wc);
  bool k = known(x, lower);
  g_free(lower);
  return k;
}

/* hunspell accepts "Kwaliteit" for "kwaliteit", except for words it keeps in
 * lower case (the months: "maart"); at the start of a sentence those are
 * capitalised too. */
static bool dictionary_ok(spell_ctx *x, const char *w, word_case wc) {
  if (judge(x->s, w)->ok) return true;
  if (wc != CASE_CAPITALISED && wc != CASE_ALL_CAPS) return false;
  char *lower = uncapitalised(w, wc);
  bool ok = judge(x->s, lower)->ok;
  g_free(lower);
  return ok;
}

/* A part of a hyphenated word; quotes around it are not part of it:
 * "'zwaan-kleef-aan'-proces". */
static bool part_ok(spell_ctx *x, const char *part) {
  char *p = g_strdup(part);
  char *a = p;
  while (*a == '\'')
    a++;
  size_t n = strlen(a);
  while (n && a[n - 1] == '\'')
    a[--n] = '\0';
  word_case wc = case_of(a);
  bool ok = !*a || known_any_case(x, a, wc) || dictionary_ok(x, a, wc);
  g_free(p);
  return ok;
}

static void report(spell_ctx *x, const doc_node *n, size_t off, const char *fmt, ...)
    G_GNUC_PRINTF(4, 5);
static void report(spell_ctx *x, const doc_node *n, size_t off, const char *fmt, ...) {
  int line, col;
  doc_text_pos(n, off, &line, &col);
  va_list ap;
  va_start(ap, fmt);
  diag_addv(x->out, DIAG_WARNING, x->d->path, line, col, CHECK_SPELLING, fmt, ap);
  va_end(ap);
}

static void check_word(spell_ctx *x, const doc_node *n, const spell_token *t) {
  const char *w = t->word;
  word_case wc = case_of(w);
  if (wc == CASE_MIXED || (wc == CASE_CAPITALISED && !t->sentence_start)) return; /* a name */
  if (known_any_case(x, w, wc) || dictionary_ok(x, w, wc)) return;
  if (t->dot) {
    /* "bijv." and "o.a." are in the dictionary with their full stop. */
    char *abbrev = g_strconcat(w, ".", NULL);
    bool ok = judge(x->s, abbrev)->ok;
    g_free(abbrev);
    if (ok) return;
  }
  if (strchr(w, '-')) {
    char **parts = g_strsplit(w, "-", -1);
    bool all = true;
    for (char **p = parts; *p && all; p++)
      all = part_ok(x, *p);
    g_strfreev(parts);
    if (all) {
      char *joined = g_strdup(w), *q = joined;
      for (const char *r = w; *r; r++)
        if (*r != '-') *q++ = *r;
      *q = '\0';
      if (judge(x->s, joined)->ok)
        report(x, n, t->start, "'%s' is written as one word: '%s'", w, joined);
      g_free(joined);
      return;
    }
  }
  const char *a = advice(x->s, w);
  if (*a)
    report(x, n, t->start, "'%s' is not in the dictionary: did you mean %s?", w, a);
  else
    report(x, n, t->start, "'%s' is not in the dictionary", w);
}

/* Bytes of text covered by citations ("Kruiter & Albers 2020"): keys, not words. */
static bool in_citation(GArray *cites, size_t off) {
  for (guint i = 0; i < cites->len; i++) {
    const cite_match *m = &g_array_index(cites, cite_match, i);
    if (off >= m->starts[m->nstarts - 1] && off < m->end) return true;
  }
  return false;
}

static void text_cb(doc_node *n, bool entering, void *vctx) {
  spell_ctx *x = vctx;
  if (x->skip) {
    if (!entering && n == x->skip) x->skip = NULL;
    return;
  }
  if (!entering) return;
  switch (n->type) {
  case DOC_PARAGRAPH:
    if (cite_is_list_entry(n)) x->skip = n;
    x->sentence_start = true;
    return;
  case DOC_HEADING:
  case DOC_TABLE_CELL:
  case DOC_ITEM:
  case DOC_FOOTNOTE_DEF:
  case DOC_LINEBREAK:
    x->sentence_start = true;
    return;
  case DOC_CODE:
    x->sentence_start = false;
    return;
  case DOC_TEXT:
    break;
  default:
    return;
  }
  GArray *cites = cite_scan(n->text);
  GArray *tokens = spell_tokens(n->text, &x->sentence_start);
  for (guint i = 0; i < tokens->len; i++) {
    const spell_token *t = &g_array_index(tokens, spell_token, i);
    if (!t->skip && !in_citation(cites, t->start)) check_word(x, n, t);
  }
  spell_tokens_free(tokens);
  g_array_free(cites, TRUE);
}

void spell_check(speller *s, const doc *d, GHashTable *project, diag_list *out) {
  spell_ctx x = {s, d, project, NULL, out, true, NULL};
  const meta_field *f = meta_field_get(&d->meta, "words");
  char **words = f ? meta_field_words(f) : NULL;
  if (words) {
    x.own = g_hash_table_new(g_str_hash, g_str_equal);
    for (char **w = words; *w; w++)
      if (**w) g_hash_table_add(x.own, *w);
  }
  doc_walk(d->root, text_cb, &x);
  for (guint i = 0; i < d->footnotes->len; i++)
    doc_walk(g_ptr_array_index(d->footnotes, i), text_cb, &x);
  if (x.own) g_hash_table_destroy(x.own);
  g_strfreev(words);
}

/* The one symbol statuut-spell.so exports (see include/statuut/spellmodule.h). */
MODULE_EXPORT(spell_module, statuut_spell_module) = {
    .header = MODULE_HEADER(spell_module),
    .open = spell_new,
    .free = spell_free,
    .check = spell_check,
    .read_words = spell_read_words,
};

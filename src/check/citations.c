/* citations: see include/statuut/citations.h */
#include "statuut/citations.h"
#include "statuut/editdist.h"

#include <string.h>

/* Surname particles: they belong to the name that follows ("Van der Zwaard",
 * "van Heijst") and are never a surname themselves. */
static const char *const particles[] = {"van", "de",  "der", "den", "het", "'t", "te", "ten",
                                        "ter", "von", "vom", "zu",  "du",  "da", "di", "le",
                                        "la",  "des", "del", "dos", "das", NULL};

/* Capitalised words that start sentences or name times and places of a year,
 * and so are never the author of "<word> 2018": "In 2018", "Zie 2019",
 * "Juli 2019", "Artikel 2019". Compared after case folding. */
static const char *const not_names[] = {
    "zie",      "in",        "op",        "bij",      "na",       "naar",   "voor",   "sinds",
    "tot",      "vanaf",     "vanuit",    "uit",      "per",      "rond",   "circa",  "ca",
    "anno",     "tijdens",   "medio",     "eind",     "begin",    "eerder", "later",  "jaar",
    "jaren",    "januari",   "februari",  "maart",    "april",    "mei",    "juni",   "juli",
    "augustus", "september", "oktober",   "november", "december", "jan",    "feb",    "mrt",
    "apr",      "jun",       "jul",       "aug",      "sep",      "sept",   "okt",    "nov",
    "dec",      "artikel",   "art",       "versie",   "pagina",   "blz",    "nummer", "nr",
    "editie",   "druk",      "hoofdstuk", "bijlage",  "tabel",    "figuur", "deel",   "en",
    "of",       "ook",       "een",       "dit",      "dat",      "deze",   "die",    "wet",
    "zomer",    "winter",    "lente",     "herfst",   "voorjaar", "najaar", "cf",     "vgl",
    "al",       "als",       "door",      "met",      "om",       "over",   "onder",  "tussen",
    "tegen",    "zoals",     "dus",       "maar",     "want",     "toen",   "nu",     "dan",
    "we",       "wij",       "ze",        "zij",      "hij",      "ik",     "je",     "u",
    "men",      "er",        "sedert",    "vóór",     NULL};

static bool in_list(const char *const *list, const char *word, size_t len) {
  char *w = g_utf8_casefold(word, (gssize)len);
  bool found = false;
  for (int i = 0; list[i] && !found; i++)
    found = strcmp(list[i], w) == 0;
  g_free(w);
  return found;
}

/* Length of the space (ASCII or no-break) that ends just before text[i]. */
static size_t space_before(const char *text, size_t i) {
  if (i >= 1 && text[i - 1] == ' ') return 1;
  if (i >= 2 && (unsigned char)text[i - 2] == 0xC2 && (unsigned char)text[i - 1] == 0xA0) return 2;
  return 0;
}

static bool name_char(gunichar c) {
  return g_unichar_isalpha(c) || c == '-' || c == '\'' || c == 0x2019;
}

/* Start of the name word that ends just before text[e]; e when there is none.
 * A word is letters, hyphens and apostrophes and starts with a letter, except
 * the particle "'t". */
static size_t word_before(const char *text, size_t e) {
  size_t s = e;
  while (s > 0) {
    const char *p = g_utf8_find_prev_char(text, text + s);
    if (!p || !name_char(g_utf8_get_char(p))) break;
    s = (size_t)(p - text);
  }
  while (s < e && !g_unichar_isalpha(g_utf8_get_char(text + s))) {
    if (e - s == 2 && text[s] == '\'' && text[s + 1] == 't') break;
    s = (size_t)(g_utf8_next_char(text + s) - text);
  }
  return s;
}

static bool is_upper(const char *w) {
  return g_unichar_isupper(g_utf8_get_char(w));
}

/* " & " ends just before text[i]. */
static bool amp_before(const char *text, size_t i) {
  size_t s = space_before(text, i);
  if (!s || i - s < 1 || text[i - s - 1] != '&') return false;
  return space_before(text, i - s - 1) > 0;
}

/* Length of a year at text[i] ("2018", "2018a"), or 0. A year is not part of
 * a longer number, a range ("2017-2022", "2021/2022") or a decimal. */
static size_t year_at(const char *text, size_t i) {
  const char *p = text + i;
  for (int k = 0; k < 4; k++)
    if (!g_ascii_isdigit(p[k])) return 0;
  int y = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
  if (y < 1500 || y > 2099) return 0;
  size_t n = 4;
  if (g_ascii_islower(p[4]) && !g_unichar_isalnum(g_utf8_get_char(p + 5))) n = 5;
  const char *q = p + n;
  if (g_unichar_isalnum(g_utf8_get_char(q))) return 0;
  if ((*q == '-' || *q == '/' || *q == '.' || *q == ',') && g_ascii_isdigit(q[1])) return 0;
  if (strncmp(q, "\xe2\x80\x93", 3) == 0 && g_ascii_isdigit(q[3])) return 0; /* en dash */
  return n;
}

/* The year is the last thing of its clause. */
static bool closed_after(const char *q) {
  return *q == '\0' || strchr(".,;:)]!?'\"", *q) || strncmp(q, "\xe2\x80\x99", 3) == 0 || /* ’ */
         strncmp(q, "\xe2\x80\x9d", 3) == 0;                                              /* ” */
}

typedef enum { LINK_SPACE, LINK_COMMA, LINK_AMP } link_kind;

/* Walks back from the word before the year over further names; see the
 * header for what is recorded. */
static bool scan_names(const char *text, size_t year, cite_match *m) {
  size_t e = year - space_before(text, year);
  size_t ws = word_before(text, e);
  if (ws == e || in_list(particles, text + ws, e - ws)) return false;
  bool upper = is_upper(text + ws);
  /* A lower-case surname only after "&": "Kruijer & albers 2020". */
  if (!upper && !amp_before(text, ws)) return false;
  if (upper && in_list(not_names, text + ws, e - ws)) return false;
  bool listed = false;
  bool listed_at[CITE_MAX_STARTS];
  if (upper) {
    listed_at[0] = false;
    m->lower[0] = false;
    m->starts[m->nstarts++] = ws;
  }
  size_t cur = ws;
  for (int words = 1; words < 10 && m->nstarts < CITE_MAX_STARTS; words++) {
    size_t p = cur, s1 = space_before(text, p);
    if (!s1) break;
    p -= s1;
    link_kind kind = LINK_SPACE;
    if (p >= 1 && text[p - 1] == ',') {
      kind = LINK_COMMA;
      p--;
    } else if (p >= 1 && text[p - 1] == '&') {
      size_t s2 = space_before(text, p - 1);
      if (!s2) break;
      kind = LINK_AMP;
      p -= 1 + s2;
    }
    size_t w = word_before(text, p);
    if (w == p) break;
    bool particle = in_list(particles, text + w, p - w);
    bool up = is_upper(text + w);
    if (!particle && up && in_list(not_names, text + w, p - w)) break;
    if (kind == LINK_SPACE && !particle && !up) break;
    if (kind == LINK_COMMA && !particle && !up) break;
    if (kind == LINK_AMP && particle) break;
    if (kind != LINK_SPACE) listed = true;
    cur = w;
    if (up || particle) {
      listed_at[m->nstarts] = listed;
      m->lower[m->nstarts] = !up;
      m->starts[m->nstarts++] = w;
    }
  }
  m->listed = m->nstarts > 0 && listed_at[m->nstarts - 1];
  return m->nstarts > 0;
}

GArray *cite_scan(const char *text) {
  GArray *out = g_array_new(FALSE, TRUE, sizeof(cite_match));
  size_t len = strlen(text);
  for (size_t i = 2; i + 4 <= len; i++) {
    if (!g_ascii_isdigit(text[i]) || !space_before(text, i)) continue;
    size_t n = year_at(text, i);
    if (!n) continue;
    cite_match m = {0};
    if (scan_names(text, i, &m)) {
      m.end = i + n;
      m.closed = closed_after(text + m.end);
      g_array_append_val(out, m);
    }
    i += n - 1;
  }
  return out;
}

char *cite_key(const char *text, size_t start, size_t end) {
  GString *s = g_string_sized_new(end - start);
  bool space = false;
  for (size_t i = start; i < end; i++) {
    if (text[i] == ' ' ||
        (i + 1 < end && (unsigned char)text[i] == 0xC2 && (unsigned char)text[i + 1] == 0xA0)) {
      if (text[i] != ' ') i++;
      space = true;
      continue;
    }
    if (space && s->len) g_string_append_c(s, ' ');
    space = false;
    g_string_append_c(s, text[i]);
  }
  return g_string_free(s, FALSE);
}

/* ---- the literature list ---- */

char *cite_entry_key(const doc_node *para) {
  if (para->type != DOC_PARAGRAPH || !para->first || para->first->type != DOC_STRONG) return NULL;
  char *t = doc_node_plain_text(para->first);
  GArray *ms = cite_scan(t);
  char *key = NULL;
  size_t len = strlen(t);
  for (guint i = 0; i < ms->len && !key; i++) {
    const cite_match *m = &g_array_index(ms, cite_match, i);
    size_t s = len;
    while (s > 0 && g_ascii_isspace(t[s - 1]))
      s--;
    if (m->end != s) continue;
    for (int k = 0; k < m->nstarts && !key; k++)
      if (m->starts[k] == 0) key = cite_key(t, 0, m->end);
  }
  g_array_free(ms, TRUE);
  g_free(t);
  return key;
}

bool cite_is_list_entry(const doc_node *para) {
  if (para->type != DOC_PARAGRAPH || !para->first || para->first->type != DOC_STRONG) return false;
  if (para->first->next && para->first->next->type == DOC_LINEBREAK) return true;
  char *key = cite_entry_key(para);
  g_free(key);
  return key != NULL;
}

typedef struct {
  char *key;
  int line, col;
  bool cited;
} entry;

typedef struct {
  const doc *d;
  diag_list *out;
  GPtrArray *entries;     /* of entry*, in source order */
  GHashTable *literature; /* top-level blocks under a literature heading */
} cite_ctx;

static void entries_cb(doc_node *n, bool entering, void *vctx) {
  cite_ctx *x = vctx;
  if (!entering || n->type != DOC_PARAGRAPH) return;
  char *key = cite_entry_key(n);
  if (!key) return;
  entry *e = g_new0(entry, 1);
  e->key = key;
  const doc_node *t = n->first->first;
  if (t && t->type == DOC_TEXT) {
    doc_text_pos(t, 0, &e->line, &e->col);
  } else {
    e->line = n->line;
    e->col = n->col;
  }
  g_ptr_array_add(x->entries, e);
}

/* Keys are compared exactly, except for the case of the first letter: "van
 * Heijst 2008" in running text is "Van Heijst 2008" at the start of a line. */
static entry *lookup(cite_ctx *x, const char *key) {
  for (guint i = 0; i < x->entries->len; i++) {
    entry *e = g_ptr_array_index(x->entries, i);
    const char *a = key, *b = e->key;
    if (g_unichar_tolower(g_utf8_get_char(a)) != g_unichar_tolower(g_utf8_get_char(b))) continue;
    if (strcmp(g_utf8_next_char(a), g_utf8_next_char(b)) == 0) return e;
  }
  return NULL;
}

/* How many edits a key may be away and still be suggested: a quarter of its
 * characters, at least one and at most three. */
static int close_enough(const char *key) {
  glong n = g_utf8_strlen(key, -1) / 4;
  return n < 1 ? 1 : n > 3 ? 3 : (int)n;
}

static void report_unresolved(cite_ctx *x, const doc_node *t, const cite_match *m) {
  int best_k = -1, best_d = 1000;
  for (int k = 0; k < m->nstarts; k++) {
    if (m->lower[k]) continue;
    char *key = cite_key(t->text, m->starts[k], m->end);
    for (guint i = 0; i < x->entries->len; i++) {
      const entry *e = g_ptr_array_index(x->entries, i);
      int d = editdist(key, e->key, true, best_d);
      /* Ties go to the nearest reading: "Zie Baart" is longer, not better. */
      if (d < best_d) {
        best_d = d;
        best_k = k;
      }
    }
    if (best_k < 0) best_k = k;
    g_free(key);
  }
  if (best_k < 0) return;
  /* Only a citation that reads as one is reported: listed names, or a year
   * that ends the clause ("Baart 2019." but not "Bij 2000 inwoners"). */
  bool listed = m->listed && best_k == m->nstarts - 1;
  if (!m->closed && !listed) return;
  char *key = cite_key(t->text, m->starts[best_k], m->end);
  GString *msg = g_string_new(NULL);
  g_string_printf(msg, "citation '%s' is not in the literature list", key);
  if (best_d <= close_enough(key)) {
    int shown = 0;
    for (guint i = 0; i < x->entries->len && shown < 3; i++) {
      const entry *e = g_ptr_array_index(x->entries, i);
      if (editdist(key, e->key, true, best_d) != best_d) continue;
      g_string_append_printf(msg, "%s'%s'", shown ? " or " : "; did you mean ", e->key);
      shown++;
    }
    g_string_append_c(msg, '?');
  }
  int line, col;
  doc_text_pos(t, m->starts[best_k], &line, &col);
  diag_add(x->out, DIAG_ERROR, x->d->path, line, col, CHECK_CITATIONS, "%s", msg->str);
  g_string_free(msg, TRUE);
  g_free(key);
}

/* A paragraph that is a key and nothing else: its reference follows as a
 * paragraph of its own ("**Baart 2018**", a blank line, "A. Baart, ..."). */
static bool key_only(const doc_node *p) {
  if (!p || p->type != DOC_PARAGRAPH || !p->first || p->first->type != DOC_STRONG) return false;
  for (const doc_node *n = p->first->next; n; n = n->next)
    if (n->type != DOC_LINEBREAK &&
        (n->type != DOC_TEXT || strspn(n->text, " \t") != strlen(n->text)))
      return false;
  return cite_is_list_entry(p);
}

/* The headings of a literature list: what stands under them (to the next
 * heading of the same or a higher level) is references, not running text. */
static bool literature_heading(const doc_node *h) {
  static const char *const names[] = {"literatuur",   "bronnen",    "publicaties", "referenties",
                                      "bibliografie", "references", NULL};
  char *t = doc_node_plain_text(h), *low = g_utf8_casefold(t, -1);
  bool yes = false;
  for (int i = 0; names[i] && !yes; i++)
    yes = strstr(low, names[i]) != NULL;
  g_free(low);
  g_free(t);
  return yes;
}

/* The top-level blocks of d under a literature heading. Caller frees. */
static GHashTable *literature_blocks(const doc *d) {
  GHashTable *in = g_hash_table_new(g_direct_hash, g_direct_equal);
  int level = 0; /* of the literature heading we are under, 0: none */
  for (const doc_node *b = d->root->first; b; b = b->next) {
    if (b->type == DOC_HEADING) {
      if (level && b->level <= level) level = 0;
      if (!level && literature_heading(b)) level = b->level;
    } else if (level) {
      g_hash_table_add(in, (gpointer)b);
    }
  }
  return in;
}

/* Text of the literature list: an entry (its key and reference), the
 * paragraph after a key that stands alone, or anything under a literature
 * heading. Its publisher-years ("Lemniscaat 2019") are no citations. */
static bool in_literature(const cite_ctx *x, const doc_node *n) {
  const doc_node *p = n->parent, *top = n;
  while (p && p->type != DOC_PARAGRAPH)
    p = p->parent;
  if (p && (cite_is_list_entry(p) || key_only(p->prev))) return true;
  while (top->parent && top->parent->type != DOC_ROOT)
    top = top->parent;
  return g_hash_table_contains(x->literature, top);
}

static void text_cb(doc_node *n, bool entering, void *vctx) {
  cite_ctx *x = vctx;
  if (!entering || n->type != DOC_TEXT || in_literature(x, n)) return;
  GArray *ms = cite_scan(n->text);
  for (guint i = 0; i < ms->len; i++) {
    const cite_match *m = &g_array_index(ms, cite_match, i);
    entry *found = NULL;
    /* The longest reading that is a key wins: "Van Os & Van Spronsen 2021". */
    for (int k = m->nstarts - 1; k >= 0 && !found; k--) {
      char *key = cite_key(n->text, m->starts[k], m->end);
      found = lookup(x, key);
      g_free(key);
    }
    if (found)
      found->cited = true;
    else
      report_unresolved(x, n, m);
  }
  g_array_free(ms, TRUE);
}

static void entry_free(gpointer p) {
  entry *e = p;
  g_free(e->key);
  g_free(e);
}

void cite_check(const doc *d, diag_list *out) {
  cite_ctx x = {d, out, g_ptr_array_new_with_free_func(entry_free), literature_blocks(d)};
  doc_walk(d->root, entries_cb, &x);
  if (x.entries->len) {
    doc_walk(d->root, text_cb, &x);
    for (guint i = 0; i < d->footnotes->len; i++)
      doc_walk(g_ptr_array_index(d->footnotes, i), text_cb, &x);
    for (guint i = 0; i < x.entries->len; i++) {
      const entry *e = g_ptr_array_index(x.entries, i);
      const entry *first = lookup(&x, e->key);
      if (first != e)
        diag_add(out, DIAG_WARNING, d->path, e->line, e->col, CHECK_CITATIONS,
                 "literature entry '%s' is listed twice (also on line %d)", e->key, first->line);
      else if (!e->cited)
        diag_add(out, DIAG_WARNING, d->path, e->line, e->col, CHECK_CITATIONS,
                 "literature entry '%s' is not cited in the text", e->key);
    }
  }
  g_ptr_array_free(x.entries, TRUE);
  g_hash_table_destroy(x.literature);
}

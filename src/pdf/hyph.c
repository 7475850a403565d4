/* hyph: see include/statuut/hyph.h */
#include "statuut/hyph.h"

#include <hyphen.h>
#include <string.h>

struct hyph {
  HyphenDict *dict;
  /* The points of every word asked about so far (Latin-1, lower case ->
   * a byte "any points" and then one per letter): a document repeats its
   * words, and libhyphen allocates and frees for every word it is given.
   * Locked: a second thread lays out paragraphs ahead (pdf.c). The
   * patterns themselves are only read. */
  GHashTable *memo;
  GMutex lock;
};

/* Words remembered at most: far more than a document's vocabulary. */
enum { MEMO_MAX = 1 << 18 };

/* Dutch typesetting keeps at least two letters before and three after a
 * break: a line never ends in a single letter and never starts with a
 * two-letter tail such as "-en", which reads as a word of its own. */
enum { LEFT_MIN = 2, RIGHT_MIN = 3, WORD_MIN = 5 };

/* libhyphen works on bytes; a word is at most this long (longer "words" are
 * not words: hashes, runs of letters). */
enum { WORD_MAX = 64 };

static const char SOFT_HYPHEN[] = "\xc2\xad";

hyph *hyph_open(const char *path, char **err) {
  HyphenDict *d = hnj_hyphen_load(path);
  if (!d) {
    *err = g_strdup_printf("%s: cannot read the hyphenation patterns (Debian package hyphen-nl)",
                           path);
    return NULL;
  }
  hyph *h = g_new0(hyph, 1);
  h->dict = d;
  h->memo = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
  g_mutex_init(&h->lock);
  return h;
}

void hyph_free(hyph *h) {
  if (!h) return;
  hnj_hyphen_free(h->dict);
  g_hash_table_destroy(h->memo);
  g_mutex_clear(&h->lock);
  g_free(h);
}

/* The hyphenation points of one word of n letters: after letter i when
 * points[i] is set. The patterns are ISO-8859-1 (the .dic file says so on
 * its first line), so the word is converted letter by letter; a word with a
 * letter outside Latin-1 gets no points. Returns false when there are none. */
static bool word_points(const hyph *h, const gunichar *letters, int n, bool *points) {
  if (n < WORD_MIN || n > WORD_MAX) return false;
  char latin1[WORD_MAX + 1];
  for (int i = 0; i < n; i++) {
    gunichar c = g_unichar_tolower(letters[i]);
    if (c > 0xff) return false;
    latin1[i] = (char)c;
  }
  latin1[n] = '\0';
  GMutex *lock = (GMutex *)&h->lock;
  g_mutex_lock(lock);
  const char *known = g_hash_table_lookup(h->memo, latin1);
  if (known) {
    memcpy(points, known + 1, (size_t)n * sizeof *points);
    bool any = known[0];
    g_mutex_unlock(lock);
    return any;
  }
  g_mutex_unlock(lock);
  char hyphens[WORD_MAX + 5];
  char **rep = NULL;
  int *pos = NULL, *cut = NULL;
  bool any = false;
  if (hnj_hyphen_hyphenate3(h->dict, latin1, n, hyphens, NULL, &rep, &pos, &cut, LEFT_MIN,
                            RIGHT_MIN, LEFT_MIN, RIGHT_MIN) == 0) {
    for (int i = 0; i < n - 1; i++) {
      /* A point with a replacement changes the spelling (Dutch "omaatje" ->
       * "oma-tje"); pango can only add a hyphen, so those are skipped. */
      points[i] = (hyphens[i] & 1) && !(rep && rep[i]);
      any |= points[i];
    }
  }
  if (rep) {
    for (int i = 0; i < n; i++)
      free(rep[i]);
    free(rep);
  }
  free(pos);
  free(cut);
  g_mutex_lock(lock);
  if (g_hash_table_size(h->memo) < MEMO_MAX && !g_hash_table_contains(h->memo, latin1)) {
    char *v = g_malloc(1 + (size_t)n * sizeof *points);
    v[0] = any;
    memcpy(v + 1, points, (size_t)n * sizeof *points);
    g_hash_table_insert(h->memo, g_strdup(latin1), v);
  }
  g_mutex_unlock(lock);
  return any;
}

/* Whether a word may be hyphenated at all. */
static bool hyphenatable(const gunichar *letters, int n) {
  return n >= WORD_MIN && !g_unichar_isupper(letters[0]) && !g_unichar_istitle(letters[0]);
}

void hyph_append(const hyph *h, GString *out, const char *text, size_t len) {
  const char *p = text, *end = text + len;
  while (p < end) {
    /* Copy up to the next word. */
    const char *w = p;
    while (w < end && !g_unichar_isalpha(g_utf8_get_char(w)))
      w = g_utf8_next_char(w);
    g_string_append_len(out, p, w - p);
    if (w >= end) break;
    /* The word: letters only. A word glued to digits ("2e", "H2O") or
     * continuing into one is left whole. */
    const char *we = w;
    gunichar letters[WORD_MAX + 1];
    int n = 0;
    while (we < end && g_unichar_isalpha(g_utf8_get_char(we))) {
      if (n <= WORD_MAX) letters[n] = g_utf8_get_char(we);
      n++;
      we = g_utf8_next_char(we);
    }
    bool digit_next = (we < end && g_unichar_isdigit(g_utf8_get_char(we))) ||
                      (w > text && g_unichar_isdigit(g_utf8_get_char(g_utf8_prev_char(w))));
    bool points[WORD_MAX + 1] = {false};
    if (!digit_next && hyphenatable(letters, n) && word_points(h, letters, n, points)) {
      const char *q = w;
      for (int i = 0; i < n; i++) {
        const char *next = g_utf8_next_char(q);
        g_string_append_len(out, q, next - q);
        if (points[i]) g_string_append(out, SOFT_HYPHEN);
        q = next;
      }
    } else {
      g_string_append_len(out, w, we - w);
    }
    p = we;
  }
}

char *hyph_show(const hyph *h, const char *word) {
  GString *s = g_string_new(NULL);
  hyph_append(h, s, word, strlen(word));
  char *shy;
  while ((shy = strstr(s->str, SOFT_HYPHEN)) != NULL) {
    gsize at = (gsize)(shy - s->str);
    g_string_erase(s, (gssize)at, 2);
    g_string_insert_c(s, (gssize)at, '-');
  }
  return g_string_free(s, FALSE);
}

/* entry: one change told in a line, for the summaries of the HTML and the
 * PDF redline: what kind of block changed how, and its edited words. */
#include "statuut/diff.h"
#include "statuut/siteurl.h"

#include <string.h>

static bool url_word(const char *w, size_t len) {
  return (len > 3 && g_strstr_len(w, (gssize)len, "://")) ||
         (len > 4 && strncmp(w, "www.", 4) == 0);
}

/* Text of a change: a URL in it is a link of its own, shown in full (the
 * PDF breaks it where a URL breaks, after / and .), never cut. */
static void add_changed(doc_node *parent, const char *text, doc_mark mark, unsigned flags) {
  const char *p = text;
  GString *plain = g_string_new(NULL);
  while (*p) {
    size_t len = strcspn(p, " ");
    if (len && url_word(p, len)) {
      if (plain->len) doc_node_add_text(parent, plain->str, mark)->mark_flags = flags;
      g_string_truncate(plain, 0);
      char *url = g_strndup(p, len);
      doc_node *l = doc_node_add(parent, DOC_LINK);
      l->mark = l->eff = mark;
      l->url = g_str_has_prefix(url, "www.") ? g_strconcat("https://", url, NULL) : g_strdup(url);
      l->refused = !url_is_safe(l->url);
      if (l->refused) {
        g_free(l->url);
        l->url = NULL;
      }
      doc_node_add_text(l, url, mark)->mark_flags = flags;
      g_free(url);
    } else {
      g_string_append_len(plain, p, (gssize)len);
    }
    p += len;
    size_t sp = strspn(p, " ");
    g_string_append_len(plain, p, (gssize)sp);
    p += sp;
  }
  if (plain->len) doc_node_add_text(parent, plain->str, mark)->mark_flags = flags;
  g_string_free(plain, TRUE);
}

/* At most max characters of s on one line, cut at a space with "…" when
 * longer; a URL is never cut (a changed address is the change). Caller
 * frees. */
static char *clip(const char *s, size_t max) {
  char *one = g_strdup(s);
  g_strdelimit(one, "\n\t", ' ');
  g_strstrip(one);
  if (g_utf8_strlen(one, -1) <= (glong)max) return one;
  char *end = g_utf8_offset_to_pointer(one, (glong)max);
  const char *word = end;
  while (word > one && word[-1] != ' ')
    word--;
  size_t wlen = strcspn(word, " ");
  if (url_word(word, wlen)) {
    end = (char *)word + wlen;
    if (!*end) return one;
    max = (size_t)g_utf8_pointer_to_offset(one, end) + 1; /* no cut at a space before it */
  }
  *end = 0;
  char *space = strrchr(one, ' ');
  if (space && space > one + max / 2) *space = 0;
  g_strchomp(one);
  char *r = g_strconcat(one, "\xe2\x80\xa6", NULL);
  g_free(one);
  return r;
}

/* ---- one change ------------------------------------------------------------ */

typedef struct {
  GPtrArray *runs;        /* outermost inline nodes with an insert or delete mark */
  const doc_node *inside; /* the one being walked through, or NULL */
} runs_ctx;

static void runs_cb(doc_node *n, bool entering, void *vctx) {
  runs_ctx *c = vctx;
  /* a note explains the restyle before it; a block's note (its level, its
   * kind) is in the entry's remarks already */
  bool note = n->mark == MARK_NOTE && n->prev && n->prev->mark == MARK_RESTYLED;
  bool marked = !doc_node_is_block(n) && (n->mark == MARK_INSERT || n->mark == MARK_DELETE ||
                                          n->mark == MARK_RESTYLED || note);
  if (!marked) return;
  if (entering && !c->inside) {
    c->inside = n;
    g_ptr_array_add(c->runs, n);
  } else if (!entering && c->inside == n) {
    c->inside = NULL;
  }
}

static bool has_word(const char *s) {
  for (const char *p = s; *p; p = g_utf8_next_char(p))
    if (g_unichar_isalnum(g_utf8_get_char(p))) return true;
  return false;
}

static bool is_marked(const doc_node *n) {
  return n && (n->mark == MARK_INSERT || n->mark == MARK_DELETE || n->mark == MARK_RESTYLED ||
               n->mark == MARK_NOTE);
}

/* The word of an unmarked neighbour next to an edit (the last one before
 * it, or the first after), so that an edited comma or quote can be found;
 * NULL when there is none. Caller frees. */
static char *neighbour_word(const doc_node *n, bool before) {
  if (!n || is_marked(n)) return NULL;
  char *t = doc_node_plain_text(n);
  char **words = g_strsplit_set(t, " ", -1);
  char *w = NULL;
  guint len = g_strv_length(words);
  for (guint i = 0; i < len && !w; i++) {
    const char *x = words[before ? len - 1 - i : i];
    if (*x) w = g_strdup(x);
  }
  g_strfreev(words);
  g_free(t);
  return w;
}

/* The edited words of a block, deletions and insertions as they stand in
 * the text, until the budget is spent. An edit of punctuation alone comes
 * with the words beside it. */
static void edited_words(doc_node *entry, const doc_node *block, const doc_node *also,
                         size_t budget) {
  runs_ctx c = {g_ptr_array_new(), NULL};
  doc_walk((doc_node *)block, runs_cb, &c);
  if (also) doc_walk((doc_node *)also, runs_cb, &c);
  const doc_node *prev = NULL;
  bool clipped = false;
  for (guint i = 0; i < c.runs->len; i++) {
    if (budget == 0) {
      /* past the budget only addresses still come, in full */
      char *rest = doc_node_plain_text(g_ptr_array_index(c.runs, i));
      g_strstrip(rest);
      bool url = url_word(rest, strlen(rest));
      g_free(rest);
      if (!url) break;
    }
    const doc_node *n = g_ptr_array_index(c.runs, i);
    char *plain = doc_node_plain_text(n);
    g_strstrip(plain);
    if (*plain || n->type == DOC_FOOTNOTE_REF) {
      bool joined = prev && prev == n->prev;
      if (n->mark == MARK_NOTE) joined = true, g_strstrip(plain); /* its words explain the run */
      if (prev) doc_node_add_text(entry, joined ? "\xe2\x80\xaf" : " \xe2\x80\xa6 ", MARK_NONE);
      bool bare = !has_word(plain) && !is_marked(n->prev) && !is_marked(n->next);
      char *before = bare ? neighbour_word(n->prev, true) : NULL;
      if (before) {
        doc_node_add_text(entry, before, MARK_NONE);
        /* the edit stands against the word, or a space apart */
        const char *pt = n->prev->text;
        if (n->prev->type == DOC_TEXT && pt && *pt && pt[strlen(pt) - 1] == ' ')
          doc_node_add_text(entry, " ", MARK_NONE);
      }
      /* a changed address is shown whole, old and new, whatever the budget */
      size_t len = url_word(plain, strlen(plain)) ? 0 : (size_t)g_utf8_strlen(plain, -1);
      if (len > budget) {
        char *t = clip(plain, budget);
        add_changed(entry, t, n->mark, n->mark_flags);
        clipped = strcmp(t, plain) != 0;
        g_free(t);
      } else {
        add_changed(entry, plain, n->mark, n->mark_flags);
      }
      char *after = bare ? neighbour_word(n->next, false) : NULL;
      if (after) {
        const char *nt = n->next->text;
        if (n->next->type == DOC_TEXT && nt && nt[0] == ' ')
          doc_node_add_text(entry, " ", MARK_NONE);
        doc_node_add_text(entry, after, MARK_NONE);
      }
      budget = len >= budget ? 0 : budget - len;
      prev = n;
      g_free(before);
      g_free(after);
    }
    g_free(plain);
  }
  if (!clipped && c.runs->len && budget == 0 && prev != g_ptr_array_index(c.runs, c.runs->len - 1))
    doc_node_add_text(entry, " \xe2\x80\xa6", MARK_NONE);
  g_ptr_array_free(c.runs, TRUE);
}

/* ": " and the edited words, when there are any. */
static void edited_words_after(doc_node *entry, const doc_node *block, size_t budget) {
  doc_node *words = doc_node_new(DOC_PARAGRAPH);
  /* a paragraph split in two: its second half is the block after it,
   * marked modified without a change of its own (redline.c) */
  const doc_node *next = block->next;
  bool second = next && next->mark == MARK_MODIFIED && next->change == 0;
  edited_words(words, block, second ? next : NULL, budget);
  if (words->first) doc_node_add_text(entry, ": ", MARK_NONE);
  while (words->first) {
    doc_node *k = words->first;
    /* unlink k from words and append it to entry */
    words->first = k->next;
    if (k->next)
      k->next->prev = NULL;
    else
      words->last = NULL;
    k->parent = k->next = k->prev = NULL;
    doc_node_append(entry, k);
  }
  doc_node_free(words);
}

doc_node *diff_entry(const diff_change *ch, size_t max_chars) {
  doc_node *entry = doc_node_new(DOC_PARAGRAPH);
  bool note = ch->block == DIFF_BLOCK_FOOTNOTE && ch->red && ch->red->number > 0;
  char *head =
      note ? g_strdup_printf("noot %d %s", ch->red->number, diff_kind_label(ch->kind))
           : g_strdup_printf("%s %s", diff_block_label(ch->block), diff_kind_label(ch->kind));
  doc_node_add_text(entry, head, MARK_NONE);
  g_free(head);
  char *remarks = diff_change_remarks(ch);
  if (remarks) {
    char *t = g_strdup_printf(" (%s)", remarks);
    doc_node_add_text(entry, t, MARK_NOTE);
    g_free(t);
    g_free(remarks);
  }
  const char *whole = ch->kind == CHANGE_INSERTED  ? ch->new_text
                      : ch->kind == CHANGE_DELETED ? ch->old_text
                                                   : NULL;
  if (ch->kind == CHANGE_MOVED) {
    char *t = g_strdup_printf(": van \xe2\x80\x98%s\xe2\x80\x99 naar \xe2\x80\x98%s\xe2\x80\x99",
                              ch->old_section ? ch->old_section : "",
                              ch->new_section ? ch->new_section : "");
    doc_node_add_text(entry, t, MARK_NONE);
    g_free(t);
    if (ch->rewritten && ch->red) edited_words_after(entry, ch->red, max_chars);
  } else if (whole && *whole) {
    doc_node_add_text(entry, ": ", MARK_NONE);
    char *t = clip(whole, max_chars);
    add_changed(entry, t, ch->kind == CHANGE_INSERTED ? MARK_INSERT : MARK_DELETE, 0);
    g_free(t);
  } else if (ch->kind == CHANGE_MODIFIED && ch->red) {
    edited_words_after(entry, ch->red, max_chars);
  }
  return entry;
}

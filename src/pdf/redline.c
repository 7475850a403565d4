/* pdfredline: see include/statuut/pdfredline.h */
#include "statuut/pdfredline.h"
#include "statuut/pdfdraw.h"
#include "statuut/siteurl.h"

#include <string.h>

/* ---- building blocks of the model ---------------------------------------- */

static doc_node *add(doc_node *parent, doc_node_type type) {
  doc_node *n = doc_node_new(type);
  doc_node_append(parent, n);
  return n;
}

static doc_node *add_text(doc_node *parent, const char *text, doc_mark mark) {
  doc_node *t = add(parent, DOC_TEXT);
  t->text = g_strdup(text);
  t->mark = mark;
  t->eff = mark; /* a leaf: its own mark is the one it is drawn with */
  return t;
}

static bool url_word(const char *w, size_t len) {
  return (len > 3 && g_strstr_len(w, (gssize)len, "://")) ||
         (len > 4 && strncmp(w, "www.", 4) == 0);
}

/* Text of a change: a URL in it is a link of its own, shown in full and
 * broken where a URL breaks (after / and ., galley.c), never cut. */
static void add_changed(doc_node *parent, const char *text, doc_mark mark) {
  const char *p = text;
  GString *plain = g_string_new(NULL);
  while (*p) {
    size_t len = strcspn(p, " ");
    if (len && url_word(p, len)) {
      if (plain->len) add_text(parent, plain->str, mark);
      g_string_truncate(plain, 0);
      char *url = g_strndup(p, len);
      doc_node *l = add(parent, DOC_LINK);
      l->mark = l->eff = mark;
      l->url = g_str_has_prefix(url, "www.") ? g_strconcat("https://", url, NULL) : g_strdup(url);
      l->refused = !url_is_safe(l->url);
      add_text(l, url, mark);
      g_free(url);
    } else {
      g_string_append_len(plain, p, (gssize)len);
    }
    p += len;
    size_t sp = strspn(p, " ");
    g_string_append_len(plain, p, (gssize)sp);
    p += sp;
  }
  if (plain->len) add_text(parent, plain->str, mark);
  g_string_free(plain, TRUE);
}

static doc_node *add_para(doc_node *parent, const char *text) {
  doc_node *p = add(parent, DOC_PARAGRAPH);
  if (text) add_text(p, text, MARK_NONE);
  return p;
}

static void add_heading(doc_node *parent, int level, const char *text, const char *id) {
  doc_node *h = add(parent, DOC_HEADING);
  h->level = level;
  h->id = g_strdup(id);
  add_text(h, text, MARK_NONE);
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
  bool marked = !doc_node_is_block(n) && (n->mark == MARK_INSERT || n->mark == MARK_DELETE);
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
  return n && (n->mark == MARK_INSERT || n->mark == MARK_DELETE);
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
static void edited_words(doc_node *entry, const doc_node *block, size_t budget) {
  runs_ctx c = {g_ptr_array_new(), NULL};
  doc_walk((doc_node *)block, runs_cb, &c);
  const doc_node *prev = NULL;
  bool clipped = false;
  for (guint i = 0; i < c.runs->len; i++) {
    if (budget == 0) {
      /* Past the budget only addresses still come, in full. */
      char *rest = doc_node_plain_text(g_ptr_array_index(c.runs, i));
      bool url = url_word(g_strstrip(rest), strlen(rest));
      g_free(rest);
      if (!url) break;
    }
    const doc_node *n = g_ptr_array_index(c.runs, i);
    char *plain = doc_node_plain_text(n);
    g_strstrip(plain);
    if (*plain || n->type == DOC_FOOTNOTE_REF) {
      bool joined = prev && prev == n->prev;
      if (prev) add_text(entry, joined ? "\xe2\x80\xaf" : " \xe2\x80\xa6 ", MARK_NONE);
      bool bare = !has_word(plain) && !is_marked(n->prev) && !is_marked(n->next);
      char *before = bare ? neighbour_word(n->prev, true) : NULL;
      if (before) {
        add_text(entry, before, MARK_NONE);
        /* the edit stands against the word, or a space apart */
        const char *pt = n->prev->text;
        if (n->prev->type == DOC_TEXT && pt && *pt && pt[strlen(pt) - 1] == ' ')
          add_text(entry, " ", MARK_NONE);
      }
      /* A changed address is shown whole, old and new, whatever the budget. */
      size_t len = url_word(plain, strlen(plain)) ? 0 : (size_t)g_utf8_strlen(plain, -1);
      if (len > budget) {
        char *t = clip(plain, budget);
        add_changed(entry, t, n->mark);
        clipped = strcmp(t, plain) != 0;
        g_free(t);
      } else {
        add_changed(entry, plain, n->mark);
      }
      char *after = bare ? neighbour_word(n->next, false) : NULL;
      if (after) {
        const char *nt = n->next->text;
        if (n->next->type == DOC_TEXT && nt && nt[0] == ' ') add_text(entry, " ", MARK_NONE);
        add_text(entry, after, MARK_NONE);
      }
      budget = len >= budget ? 0 : budget - len;
      prev = n;
      g_free(before);
      g_free(after);
    }
    g_free(plain);
  }
  if (!clipped && c.runs->len && budget == 0 && prev != g_ptr_array_index(c.runs, c.runs->len - 1))
    add_text(entry, " \xe2\x80\xa6", MARK_NONE);
  g_ptr_array_free(c.runs, TRUE);
}

doc_node *redline_entry(const diff_change *ch, size_t max_chars) {
  doc_node *entry = doc_node_new(DOC_PARAGRAPH);
  bool note = ch->block == DIFF_BLOCK_FOOTNOTE && ch->red && ch->red->number > 0;
  char *head =
      note ? g_strdup_printf("noot %d %s", ch->red->number, diff_kind_label(ch->kind))
           : g_strdup_printf("%s %s", diff_block_label(ch->block), diff_kind_label(ch->kind));
  add_text(entry, head, MARK_NONE);
  g_free(head);
  const char *whole = ch->kind == CHANGE_INSERTED  ? ch->new_text
                      : ch->kind == CHANGE_DELETED ? ch->old_text
                                                   : NULL;
  if (ch->kind == CHANGE_MOVED) {
    char *t = g_strdup_printf(": van \xe2\x80\x98%s\xe2\x80\x99 naar \xe2\x80\x98%s\xe2\x80\x99",
                              ch->old_section ? ch->old_section : "",
                              ch->new_section ? ch->new_section : "");
    add_text(entry, t, MARK_NONE);
    g_free(t);
  } else if (whole && *whole) {
    add_text(entry, ": ", MARK_NONE);
    char *t = clip(whole, max_chars);
    add_changed(entry, t, ch->kind == CHANGE_INSERTED ? MARK_INSERT : MARK_DELETE);
    g_free(t);
  } else if (ch->kind == CHANGE_MODIFIED && ch->red) {
    add_text(entry, ": ", MARK_NONE);
    edited_words(entry, ch->red, max_chars);
  }
  return entry;
}

/* ---- the summary ------------------------------------------------------------ */

static void counts(doc_node *root, const diff_result *r) {
  doc_node *p = add_para(root, "Wijzigingen: ");
  for (int k = 0; k < CHANGE_KIND_MAX; k++) {
    char num[16], *label = g_strdup_printf(" %s%s", diff_kind_label(k),
                                           k + 1 < CHANGE_KIND_MAX ? ", " : "; ");
    g_snprintf(num, sizeof num, "%d", r->count[k]);
    add_text(add(p, DOC_STRONG), num, MARK_NONE);
    add_text(p, label, MARK_NONE);
    g_free(label);
  }
  char *words = diff_words_label(r->words_inserted, r->words_deleted);
  char *sentence = g_strconcat(words, ".", NULL);
  add_text(p, sentence, MARK_NONE);
  g_free(sentence);
  g_free(words);
}

static void legend(doc_node *root) {
  doc_node *p = add_para(root, "Zo leest u de wijzigingen: ");
  add_text(p, "ingevoegde tekst", MARK_INSERT);
  add_text(p, " is onderstreept, ", MARK_NONE);
  add_text(p, "verwijderde tekst", MARK_DELETE);
  add_text(p,
           " doorgestreept. Een streep in de buitenkantlijn staat naast elke regel met een "
           "wijziging. Een verplaatste passage is op haar oude plaats ",
           MARK_NONE);
  add_text(p, "gestippeld doorgestreept", MARK_MOVED_FROM);
  add_text(p,
           "; op beide plaatsen staat een gestippelde streep, met in de kantlijn de pagina "
           "waar de passage naartoe ging of vandaan kwam.",
           MARK_NONE);
}

/* The changed front-matter fields, one point each: the field, its old
 * value struck through, its new value underlined. */
static void metadata(doc_node *root, const diff_result *r) {
  add_heading(root, 2, "Gegevens van de versie", NULL);
  doc_node *list = add(root, DOC_LIST);
  list->list_kind = LIST_BULLET;
  list->tight = true;
  for (guint i = 0; i < r->metadata->len; i++) {
    const diff_meta *m = g_ptr_array_index(r->metadata, i);
    doc_node *p = add(add(list, DOC_ITEM), DOC_PARAGRAPH);
    char *field = g_strdup_printf("%s: ", diff_field_label(m->field));
    add_text(add(p, DOC_EMPH), field, MARK_NONE);
    g_free(field);
    if (m->old_value) add_text(p, m->old_value, MARK_DELETE);
    if (m->old_value && m->new_value) add_text(p, " ", MARK_NONE);
    if (m->new_value) add_text(p, m->new_value, MARK_INSERT);
  }
}

doc_node *redline_summary(galley *g, const diff_result *r, diag_list *diags) {
  doc_node *root = doc_node_new(DOC_ROOT);
  const meta *om = &r->old_doc->meta, *nm = &r->new_doc->meta;
  add_heading(root, 1, "Wat is er veranderd?", "wat-is-er-veranderd");
  doc_node *intro = add_para(root, NULL);
  doc_node *title = add(intro, DOC_EMPH);
  add_text(title, nm->title ? nm->title : "", MARK_NONE);
  char *versions = g_strdup_printf(": versie %s \xe2\x86\x92 versie %s.",
                                   om->version ? om->version : "", nm->version ? nm->version : "");
  add_text(intro, versions, MARK_NONE);
  g_free(versions);
  counts(root, r);
  legend(root);
  if (r->metadata->len) metadata(root, r);
  if (r->changes->len)
    add_heading(root, 2, "Gewijzigde onderdelen", NULL);
  else
    add_para(root, "De tekst is niet veranderd.");
  galley_add_blocks(g, root, diags);

  /* The changes in reading order, under their sections; the notes (which
   * come last in reading order) under a heading of their own. Each hangs
   * from its number. */
  const char *current = NULL;
  galley_open(g, TAG_TOC);
  for (guint i = 0; i < r->changes->len; i++) {
    const diff_change *ch = g_ptr_array_index(r->changes, i);
    const char *sec = ch->kind == CHANGE_MOVED ? ch->new_section : ch->section;
    if (ch->block == DIFF_BLOCK_FOOTNOTE) sec = "Noten";
    sec = diff_section_label(sec);
    if (i == 0 || g_strcmp0(sec, current) != 0) {
      doc_node *s = add_para(root, sec);
      galley_add_entry(g, NULL, s, NULL, 0);
      current = sec;
    }
    doc_node *e = redline_entry(ch, 64);
    doc_node_append(root, e);
    char label[24];
    g_snprintf(label, sizeof label, "%d.", ch->id);
    char *dest = draw_change_dest(ch->id, ch->red ? ch->red->mark : MARK_NONE);
    galley_add_entry(g, label, e, dest, 1);
    g_free(dest);
  }
  galley_close(g, TAG_TOC);
  return root;
}

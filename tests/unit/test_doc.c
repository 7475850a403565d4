/* Unit tests: the document model built from Markdown. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "statuut/doc.h"
#include "statuut/report.h"

#include <string.h>

#define FM "---\ntitle: T\nversion: \"1.0\"\ndate: 2022-11-01\nstatus: concept\n---\n"
/* FM is 6 lines: the body starts on line 7. */

static doc *parse(const char *body, diag_list *l) {
  char *src = g_strconcat(FM, body, NULL);
  doc *d = doc_parse("x.md", src, strlen(src), l);
  g_free(src);
  assert_non_null(d);
  return d;
}

/* The diagnostics sorted, one line each, as statuut check prints them. */
static char *messages(diag_list *l) {
  diag_list_sort(l);
  return report_render(l, REPORT_TEXT, 0);
}

static doc_node *nth(doc_node *parent, int n) {
  doc_node *c = parent->first;
  while (c && n--)
    c = c->next;
  assert_non_null(c);
  return c;
}

static void lettered_list(void **state) {
  (void)state;
  diag_list *l = diag_list_new();
  doc *d = parse("# Wat mag je verwachten\n\n- a. een punt\n- b. **twee**\n- c.\n  drie\n", l);
  doc_node *list = nth(d->root, 1);
  assert_int_equal(list->type, DOC_LIST);
  assert_int_equal(list->list_kind, LIST_LETTERED);
  assert_int_equal(list->start, 1);
  doc_node *a = nth(list, 0), *b = nth(list, 1), *c = nth(list, 2);
  assert_string_equal(a->label, "a");
  assert_string_equal(a->id, "wat-mag-je-verwachten-a");
  assert_string_equal(c->id, "wat-mag-je-verwachten-c");
  char *ta = doc_node_plain_text(a), *tb = doc_node_plain_text(b), *tc = doc_node_plain_text(c);
  assert_string_equal(ta, "een punt");
  assert_string_equal(tb, "twee");
  assert_string_equal(tc, "drie");
  /* the letter left the text: "a. " is gone, "b. " text node removed before <strong> */
  assert_int_equal(nth(nth(b, 0), 0)->type, DOC_STRONG);
  g_free(ta);
  g_free(tb);
  g_free(tc);
  assert_int_equal(l->items->len, 0);
  doc_free(d);
  diag_list_free(l);
}

static void not_lettered(void **state) {
  (void)state;
  diag_list *l = diag_list_new();
  /* a gap in the letters, a single item that is a sentence, mixed case */
  doc *d = parse(
      "- a. een\n- c. drie\n\nx\n\n- e. coli is een bacterie\n\nx\n\n- a. een\n- B. twee\n", l);
  assert_int_equal(nth(d->root, 0)->list_kind, LIST_BULLET);
  assert_int_equal(nth(d->root, 2)->list_kind, LIST_BULLET);
  assert_int_equal(nth(d->root, 4)->list_kind, LIST_BULLET);
  char *t = doc_node_plain_text(nth(d->root, 0));
  assert_string_equal(t, "a. een c. drie");
  g_free(t);
  doc_free(d);
  diag_list_free(l);
}

static void lettered_starting_later_and_nested(void **state) {
  (void)state;
  diag_list *l = diag_list_new();
  doc *d = parse("## Punten\n\n1. Eerste\n   - c. drie\n   - d. vier\n2. Tweede\n", l);
  doc_node *ol = nth(d->root, 1);
  assert_int_equal(ol->list_kind, LIST_ORDERED);
  doc_node *one = nth(ol, 0);
  assert_string_equal(one->id, "punten-1");
  doc_node *inner = nth(one, 1);
  assert_int_equal(inner->list_kind, LIST_LETTERED);
  assert_int_equal(inner->start, 3);
  assert_string_equal(nth(inner, 0)->id, "punten-1-c");
  assert_string_equal(nth(ol, 1)->id, "punten-2");
  doc_free(d);
  diag_list_free(l);
}

static void heading_ids(void **state) {
  (void)state;
  diag_list *l = diag_list_new();
  doc *d = parse("# Wat is dan goed?\n\n## Inhoud\n\n## Wat is dan goed?\n\n### 3. Één "
                 "kop\n\nTekst *met* nadruk\n",
                 l);
  assert_string_equal(nth(d->root, 0)->id, "wat-is-dan-goed");
  assert_string_equal(nth(d->root, 1)->id, "inhoud-2"); /* "inhoud" is the page's */
  assert_string_equal(nth(d->root, 2)->id, "wat-is-dan-goed-2");
  assert_string_equal(nth(d->root, 3)->id, "een-kop");
  assert_int_equal(nth(d->root, 3)->level, 3);
  assert_int_equal(nth(d->root, 3)->line, 13);
  doc_free(d);
  diag_list_free(l);
}

/* A heading's depth is its place in the outline: a skipped source level
 * (# then ###) is one level deeper, not two. */
static void heading_depths(void **state) {
  (void)state;
  diag_list *l = diag_list_new();
  doc *d = parse("# A\n\n### B\n\n#### C\n\n## D\n\n### E\n\n# F\n\n#### G\n", l);
  const int want[] = {1, 2, 3, 2, 3, 1, 2};
  for (int i = 0; i < 7; i++)
    assert_int_equal(nth(d->root, i)->depth, want[i]);
  assert_int_equal(nth(d->root, 1)->level, 3); /* the source's level is kept */
  doc_free(d);
  diag_list_free(l);
}

static void footnotes_by_first_reference(void **state) {
  (void)state;
  diag_list *l = diag_list_new();
  doc *d = parse("Eerst[^b] dan[^a], weer[^b].\n\n[^a]: Noot A.\n\n[^b]: Noot *B*.\n", l);
  assert_int_equal(l->items->len, 0);
  assert_int_equal(d->footnotes->len, 2);
  doc_node *first = g_ptr_array_index(d->footnotes, 0);
  doc_node *second = g_ptr_array_index(d->footnotes, 1);
  assert_string_equal(first->label, "b");
  assert_int_equal(first->number, 1);
  assert_int_equal(first->ref_count, 2);
  assert_string_equal(first->id, "fn-b");
  assert_string_equal(second->label, "a");
  assert_int_equal(second->number, 2);
  doc_node *p = nth(d->root, 0);
  doc_node *r1 = nth(p, 1), *r2 = nth(p, 3), *r3 = nth(p, 5);
  assert_int_equal(r1->type, DOC_FOOTNOTE_REF);
  assert_string_equal(r1->label, "b");
  assert_int_equal(r1->number, 1);
  assert_int_equal(r1->ref_index, 1);
  assert_string_equal(r2->label, "a");
  assert_int_equal(r2->number, 2);
  assert_int_equal(r3->number, 1);
  assert_int_equal(r3->ref_index, 2);
  char *t = doc_node_plain_text(second);
  assert_string_equal(t, "Noot A.");
  g_free(t);
  assert_ptr_equal(doc_footnote(d, "a"), second);
  assert_null(doc_footnote(d, "c"));
  doc_free(d);
  diag_list_free(l);
}

static void footnote_problems(void **state) {
  (void)state;
  diag_list *l = diag_list_new();
  doc *d = parse("Tekst[^1] en\nnog[^zz] iets.\n\n[^1]: Gebruikt.\n\n[^ongebruikt]: Nooit "
                 "verwezen.\n\n    [^code]: indented code, not a definition\n",
                 l);
  char *m = messages(l);
  assert_string_equal(m,
                      "x.md:8:4: error: footnote [^zz] is referenced but not defined [footnotes]\n"
                      "x.md:12:1: error: footnote [^ongebruikt] is defined but never referenced "
                      "[footnotes]\n");
  g_free(m);
  assert_int_equal(d->footnotes->len, 1);
  doc_free(d);
  diag_list_free(l);
}

static void raw_html(void **state) {
  (void)state;
  diag_list *l = diag_list_new();
  doc *d = parse("Een<sup>2</sup> noot.\n\n<div class=\"x\">blok</div>\n\nEinde\n", l);
  char *m = messages(l);
  assert_string_equal(
      m, "x.md:7:4: warning: raw HTML is not passed through: shown as text [raw-html]\n"
         "x.md:7:10: warning: raw HTML is not passed through: shown as text [raw-html]\n"
         "x.md:9:1: warning: raw HTML is not passed through: the HTML block is left "
         "out [raw-html]\n");
  g_free(m);
  char *t = doc_node_plain_text(nth(d->root, 0));
  assert_string_equal(t, "Een<sup>2</sup> noot.");
  g_free(t);
  assert_int_equal(nth(d->root, 1)->type, DOC_PARAGRAPH); /* the block is gone */
  doc_free(d);
  diag_list_free(l);
}

static void reflow_is_not_structure(void **state) {
  (void)state;
  diag_list *l = diag_list_new();
  doc *a = parse("Een zin die\nover twee regels loopt.\n", l);
  doc *b = parse("Een zin die over twee regels loopt.\n", l);
  doc_node *pa = nth(a->root, 0), *pb = nth(b->root, 0);
  assert_int_equal(pa->first->type, DOC_TEXT);
  assert_null(pa->first->next); /* one text node after merging */
  assert_string_equal(pa->first->text, pb->first->text);
  doc_free(a);
  doc_free(b);
  diag_list_free(l);
}

static void tables_and_inlines(void **state) {
  (void)state;
  diag_list *l = diag_list_new();
  doc *d = parse("| Vraag | Aantal |\n|:--|--:|\n| Ja | 35 |\n| Nee | 4 |\n\n"
                 "~~weg~~ `code` [link](https://x.nl \"titel\") ![beeld](a.png)\\\nregel\n",
                 l);
  doc_node *t = nth(d->root, 0);
  assert_int_equal(t->type, DOC_TABLE);
  assert_true(nth(t, 0)->header);
  assert_false(nth(t, 1)->header);
  assert_int_equal(nth(nth(t, 1), 0)->align, ALIGN_LEFT);
  assert_int_equal(nth(nth(t, 1), 1)->align, ALIGN_RIGHT);
  doc_node *p = nth(d->root, 1);
  assert_int_equal(nth(p, 0)->type, DOC_STRIKE);
  assert_int_equal(nth(p, 2)->type, DOC_CODE);
  doc_node *link = nth(p, 4);
  assert_int_equal(link->type, DOC_LINK);
  assert_string_equal(link->url, "https://x.nl");
  assert_string_equal(link->title, "titel");
  assert_int_equal(nth(p, 6)->type, DOC_IMAGE);
  assert_int_equal(nth(p, 7)->type, DOC_LINEBREAK);
  doc_free(d);
  diag_list_free(l);
}

/* Asserts that `word` occurs in TEXT node t and maps to line:col. */
static void expect_pos(const doc_node *t, const char *word, int line, int col) {
  assert_int_equal(t->type, DOC_TEXT);
  const char *at = strstr(t->text, word);
  assert_non_null(at);
  int l, c;
  doc_text_pos(t, (size_t)(at - t->text), &l, &c);
  if (l != line || c != col) fail_msg("'%s' at %d:%d, expected %d:%d", word, l, c, line, col);
}

static void text_source_positions(void **state) {
  (void)state;
  diag_list *l = diag_list_new();
  /* line 7 */
  doc *d = parse("Een *nadruk* en\n"
                 "tweede &amp; regel \\* x &#233;n y\n" /* line 8 */
                 "\n"
                 "- a. een punt\n" /* line 10 */
                 "- b. twee\n"
                 "lui vervolg\n" /* line 12: a lazy continuation */
                 "\n"
                 "> citaat\n"
                 ">   verder\n" /* line 15 */
                 "\n"
                 "Noot[^1] www.example.com klaar\n" /* line 17 */
                 "\n"
                 "[^1]: notetekst\n"
                 "    loopt door\n", /* line 20 */
                 l);
  doc_node *p = nth(d->root, 0);
  expect_pos(nth(p, 0), "Een", 7, 1);
  doc_node *t = nth(p, 2); /* " en" + soft break + the second line */
  expect_pos(t, "en", 7, 14);
  expect_pos(t, "tweede", 8, 1);
  expect_pos(t, "& regel", 8, 8); /* the entity starts at 8 */
  expect_pos(t, "regel", 8, 14);  /* after "&amp; " */
  expect_pos(t, "* x", 8, 21);    /* the escaped '*' itself */
  expect_pos(t, "x \xc3\xa9n", 8, 23);
  expect_pos(t, "n y", 8, 31); /* after "&#233;" */
  doc_node *list = nth(d->root, 1);
  expect_pos(nth(nth(nth(list, 0), 0), 0), "punt", 10, 10);
  doc_node *b = nth(nth(nth(list, 1), 0), 0);
  expect_pos(b, "twee", 11, 6);
  expect_pos(b, "vervolg", 12, 5);
  doc_node *q = nth(nth(nth(d->root, 2), 0), 0);
  expect_pos(q, "verder", 15, 5);
  doc_node *p4 = nth(d->root, 3);
  expect_pos(nth(nth(p4, 3), 0), "www.example.com", 17, 10);
  expect_pos(nth(p4, 4), "klaar", 17, 26);
  doc_node *note = nth(g_ptr_array_index(d->footnotes, 0), 0);
  expect_pos(nth(note, 0), "notetekst", 19, 7);
  expect_pos(nth(note, 0), "door", 20, 11);
  doc_free(d);
  diag_list_free(l);
}

static void comments(void **state) {
  (void)state;
  diag_list *l = diag_list_new();
  doc *d = parse("[//]: # (check: ignore spelling)\n"
                 "\n"
                 "Tekst\n"
                 "[//]: # (in de alinea: tekst, geen commentaar)\n"
                 "\n"
                 "```\n"
                 "[//]: # (code)\n"
                 "```\n"
                 "\n"
                 "  [//]: #   \"ook zo\"  \n",
                 l);
  assert_int_equal(d->comments->len, 2);
  doc_comment *a = g_ptr_array_index(d->comments, 0), *b = g_ptr_array_index(d->comments, 1);
  assert_int_equal(a->line, 7);
  assert_string_equal(a->text, "check: ignore spelling");
  assert_int_equal(b->line, 16);
  assert_string_equal(b->text, "ook zo");
  assert_int_equal(l->items->len, 0);
  doc_free(d);
  diag_list_free(l);
}

/* The helpers summaries are built with: a node appended, a marked text. */
static void add_helpers(void **state) {
  (void)state;
  doc_node *p = doc_node_new(DOC_PARAGRAPH);
  doc_node *em = doc_node_add(p, DOC_EMPH);
  doc_node *t = doc_node_add_text(p, "erbij", MARK_INSERT);
  assert_ptr_equal(p->first, em);
  assert_ptr_equal(p->last, t);
  assert_ptr_equal(em->next, t);
  assert_ptr_equal(t->parent, p);
  assert_int_equal(t->type, DOC_TEXT);
  assert_string_equal(t->text, "erbij");
  assert_int_equal(t->mark, MARK_INSERT);
  assert_int_equal(t->eff, MARK_INSERT);
  doc_node_free(p);
}

/* A paragraph "diep" inside `depth` nested quotes. */
static char *quotes(int depth) {
  GString *s = g_string_new(FM);
  for (int i = 0; i < depth; i++)
    g_string_append(s, "> ");
  g_string_append(s, "diep\n");
  return g_string_free(s, FALSE);
}

static void deep_nesting(void **state) {
  (void)state;
  /* Walks, copies and frees must not recurse: a tree 20000 deep, built by
   * hand (a file that deep is refused, see nesting_limit). */
  doc_node *root = doc_node_new(DOC_ROOT), *p = root;
  for (int i = 0; i < 20000; i++) {
    doc_node *q = doc_node_new(DOC_BLOCKQUOTE);
    doc_node_append(p, q);
    p = q;
  }
  doc_node *para = doc_node_new(DOC_PARAGRAPH), *t = doc_node_new(DOC_TEXT);
  t->text = g_strdup("diep");
  doc_node_append(p, para);
  doc_node_append(para, t);
  doc_node *copy = doc_node_copy(root, NULL);
  char *text = doc_node_plain_text(copy);
  assert_string_equal(text, "diep");
  g_free(text);
  doc_node_free(copy);
  doc_node_free(root);
  /* The deepest a file may nest is read. */
  diag_list *l = diag_list_new();
  char *src = quotes(DOC_MAX_DEPTH - 1); /* the paragraph is one level more */
  doc *d = doc_parse("x.md", src, strlen(src), l);
  assert_non_null(d);
  text = doc_node_plain_text(d->root);
  assert_string_equal(text, "diep");
  g_free(text);
  doc_free(d);
  g_free(src);
  diag_list_free(l);
}

/* Deeper than DOC_MAX_DEPTH, a file is refused at the node that goes too deep. */
static void nesting_limit(void **state) {
  (void)state;
  static const int depths[] = {DOC_MAX_DEPTH, 20000};
  for (int k = 0; k < 2; k++) {
    diag_list *l = diag_list_new();
    char *src = quotes(depths[k]);
    assert_null(doc_parse("x.md", src, strlen(src), l));
    char *m = messages(l);
    char *want = g_strdup_printf("x.md:7:%d: error: nested deeper than %d levels (lists, quotes, "
                                 "emphasis, links): statuut reads no deeper [limit]\n",
                                 2 * DOC_MAX_DEPTH + 1, DOC_MAX_DEPTH);
    assert_string_equal(m, want);
    g_free(want);
    g_free(m);
    g_free(src);
    diag_list_free(l);
  }
  /* "- " 50000 times on one line: lists 100000 deep. */
  GString *s = g_string_new(FM);
  for (int i = 0; i < 50000; i++)
    g_string_append(s, "- ");
  g_string_append(s, "x\n");
  diag_list *l = diag_list_new();
  assert_null(doc_parse("x.md", s->str, s->len, l));
  assert_int_equal(l->items->len, 1);
  assert_int_equal(((diag *)g_ptr_array_index(l->items, 0))->check, CHECK_LIMIT);
  diag_list_free(l);
  g_string_free(s, TRUE);
}

/* Many notes and many numbered points: each reference finds its note and
 * each point its number (these were linear searches, quadratic in all). */
static void many_notes_and_points(void **state) {
  (void)state;
  enum { N = DOC_MAX_NOTES - 1 }; /* and one unreferenced: the most there may be */
  GString *s = g_string_new(FM);
  g_string_append(s, "# Kop\n\n");
  for (int i = 1; i <= N; i++)
    g_string_append_printf(s, "%d. punt[^n%d]\n", i, N + 1 - i);
  g_string_append(s, "\n");
  for (int i = 1; i <= N; i++)
    g_string_append_printf(s, "[^n%d]: Noot %d.\n\n", i, i);
  g_string_append(s, "[^ongebruikt]: Nooit verwezen.\n");
  diag_list *l = diag_list_new();
  doc *d = doc_parse("x.md", s->str, s->len, l);
  assert_non_null(d);
  assert_int_equal(d->footnotes->len, N); /* cmark drops the unreferenced one */
  for (int i = 1; i <= N; i++) {
    const doc_node *f = g_ptr_array_index(d->footnotes, i - 1);
    char *label = g_strdup_printf("n%d", N + 1 - i); /* numbered by first reference */
    assert_string_equal(f->label, label);
    assert_int_equal(f->number, i);
    assert_int_equal(f->ref_count, 1);
    g_free(label);
  }
  const doc_node *list = d->root->first->next, *item = list->first;
  for (int i = 1; item; item = item->next, i++) {
    char *id = g_strdup_printf("kop-%d", i), *label = g_strdup_printf("%d", i);
    assert_string_equal(item->id, id);
    assert_string_equal(item->label, label);
    g_free(id);
    g_free(label);
  }
  assert_int_equal(l->items->len, 1); /* the unreferenced note, found through the index */
  doc_free(d);
  diag_list_free(l);
  g_string_free(s, TRUE);
}

/* One note more than DOC_MAX_NOTES: refused at its definition. */
static void notes_limit(void **state) {
  (void)state;
  enum { M = DOC_MAX_NOTES + 1 };
  GString *s = g_string_new(FM);
  for (int i = 1; i <= M; i++)
    g_string_append_printf(s, "x[^n%d]\n", i);
  g_string_append(s, "\n");
  for (int i = 1; i <= M; i++)
    g_string_append_printf(s, "[^n%d]: y\n\n", i);
  diag_list *l = diag_list_new();
  assert_null(doc_parse("x.md", s->str, s->len, l));
  char *m = messages(l);
  char *want = g_strdup_printf("x.md:%d:1: error: more than %d notes: statuut reads at most %d "
                               "[limit]\n",
                               M + 8 + 2 * (M - 1), DOC_MAX_NOTES, DOC_MAX_NOTES);
  assert_string_equal(m, want);
  g_free(want);
  g_free(m);
  diag_list_free(l);
  g_string_free(s, TRUE);
}

/* A file over DOC_MAX_BYTES is refused, naming the file. */
static void size_limit(void **state) {
  (void)state;
  size_t n = (size_t)DOC_MAX_BYTES + 1;
  char *src = g_malloc(n);
  memset(src, 'x', n);
  memcpy(src, FM, strlen(FM));
  diag_list *l = diag_list_new();
  assert_null(doc_parse("groot.md", src, n, l));
  char *m = messages(l);
  assert_string_equal(m, "groot.md: error: the file is 16.0 MB: statuut reads files of at most 16 "
                         "MB [limit]\n");
  g_free(m);
  g_free(src);
  diag_list_free(l);
}

static void trace_cb(doc_node *n, bool entering, void *ctx) {
  g_string_append_printf(ctx, "%s%s ", entering ? "+" : "-", doc_node_type_name(n->type));
}

static void walk_order(void **state) {
  (void)state;
  diag_list *l = diag_list_new();
  doc *d = parse("# A\n\n- x\n\nz\n", l);
  GString *trace = g_string_new(NULL);
  doc_walk(d->root, trace_cb, trace);
  assert_string_equal(trace->str, "+root +heading +text -text -heading +list +item +paragraph "
                                  "+text -text -paragraph -item -list +paragraph +text -text "
                                  "-paragraph -root ");
  g_string_free(trace, TRUE);
  doc_free(d);
  diag_list_free(l);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(lettered_list),
      cmocka_unit_test(heading_depths),
      cmocka_unit_test(not_lettered),
      cmocka_unit_test(lettered_starting_later_and_nested),
      cmocka_unit_test(heading_ids),
      cmocka_unit_test(footnotes_by_first_reference),
      cmocka_unit_test(footnote_problems),
      cmocka_unit_test(raw_html),
      cmocka_unit_test(reflow_is_not_structure),
      cmocka_unit_test(tables_and_inlines),
      cmocka_unit_test(text_source_positions),
      cmocka_unit_test(comments),
      cmocka_unit_test(deep_nesting),
      cmocka_unit_test(nesting_limit),
      cmocka_unit_test(many_notes_and_points),
      cmocka_unit_test(notes_limit),
      cmocka_unit_test(size_limit),
      cmocka_unit_test(walk_order),
      cmocka_unit_test(add_helpers),
  };
  return cmocka_run_group_tests_name("doc", tests, NULL, NULL);
}

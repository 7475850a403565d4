/* pdfredline: see include/statuut/pdfredline.h */
#include "statuut/pdfredline.h"
#include "statuut/pdfdraw.h"
#include "statuut/siteurl.h"

#include <string.h>

/* ---- building blocks of the model ---------------------------------------- */

static doc_node *add_para(doc_node *parent, const char *text) {
  doc_node *p = doc_node_add(parent, DOC_PARAGRAPH);
  if (text) doc_node_add_text(p, text, MARK_NONE);
  return p;
}

static void add_heading(doc_node *parent, int level, const char *text, const char *id) {
  doc_node *h = doc_node_add(parent, DOC_HEADING);
  h->level = level;
  h->id = g_strdup(id);
  doc_node_add_text(h, text, MARK_NONE);
}

doc_node *redline_entry(const diff_change *ch, size_t max_chars) {
  return diff_entry(ch, max_chars);
}

/* ---- the summary ------------------------------------------------------------ */

static void counts(doc_node *root, const diff_result *r) {
  doc_node *p = add_para(root, "Wijzigingen: ");
  for (int k = 0; k < CHANGE_KIND_MAX; k++) {
    char num[16], *label = g_strdup_printf(" %s%s", diff_kind_label(k),
                                           k + 1 < CHANGE_KIND_MAX ? ", " : "; ");
    g_snprintf(num, sizeof num, "%d", r->count[k]);
    doc_node_add_text(doc_node_add(p, DOC_STRONG), num, MARK_NONE);
    doc_node_add_text(p, label, MARK_NONE);
    g_free(label);
  }
  char *words = diff_words_label(r->words_inserted, r->words_deleted);
  char *sentence = g_strconcat(words, ".", NULL);
  doc_node_add_text(p, sentence, MARK_NONE);
  g_free(sentence);
  g_free(words);
}

static void legend(doc_node *root) {
  doc_node *p = add_para(root, "Zo leest u de wijzigingen: ");
  doc_node_add_text(p, "ingevoegde tekst", MARK_INSERT);
  doc_node_add_text(p, " is onderstreept, ", MARK_NONE);
  doc_node_add_text(p, "verwijderde tekst", MARK_DELETE);
  doc_node_add_text(
      p,
      " doorgestreept. Een streep in de buitenkantlijn staat naast elke regel met een "
      "wijziging. Een verplaatste passage is op haar oude plaats ",
      MARK_NONE);
  doc_node_add_text(p, "gestippeld doorgestreept", MARK_MOVED_FROM);
  doc_node_add_text(
      p,
      "; op beide plaatsen staat een gestippelde streep, met in de kantlijn de pagina "
      "waar de passage naartoe ging of vandaan kwam. ",
      MARK_NONE);
  doc_node_add_text(p, "Woorden met een andere link of opmaak", MARK_RESTYLED);
  doc_node_add_text(p, " zijn gestippeld onderstreept, ", MARK_NONE);
  doc_node_add_text(p, "(met wat er veranderde)", MARK_NOTE);
  doc_node_add_text(p, "; een gewijzigd leesteken staat in een kader.", MARK_NONE);
}

/* The changed front-matter fields, one point each: the field, its old
 * value struck through, its new value underlined. */
static void metadata(doc_node *root, const diff_result *r) {
  add_heading(root, 2, "Gegevens van de versie", NULL);
  doc_node *list = doc_node_add(root, DOC_LIST);
  list->list_kind = LIST_BULLET;
  list->tight = true;
  for (guint i = 0; i < r->metadata->len; i++) {
    const diff_meta *m = g_ptr_array_index(r->metadata, i);
    doc_node *p = doc_node_add(doc_node_add(list, DOC_ITEM), DOC_PARAGRAPH);
    char *field = g_strdup_printf("%s: ", diff_field_label(m->field));
    doc_node_add_text(doc_node_add(p, DOC_EMPH), field, MARK_NONE);
    g_free(field);
    if (m->old_value) doc_node_add_text(p, m->old_value, MARK_DELETE);
    if (m->old_value && m->new_value) doc_node_add_text(p, " ", MARK_NONE);
    if (m->new_value) doc_node_add_text(p, m->new_value, MARK_INSERT);
  }
}

doc_node *redline_summary(galley *g, const diff_result *r, diag_list *diags) {
  doc_node *root = doc_node_new(DOC_ROOT);
  const meta *om = &r->old_doc->meta, *nm = &r->new_doc->meta;
  add_heading(root, 1, "Wat is er veranderd?", "wat-is-er-veranderd");
  doc_node *intro = add_para(root, NULL);
  doc_node *title = doc_node_add(intro, DOC_EMPH);
  doc_node_add_text(title, nm->title ? nm->title : "", MARK_NONE);
  char *versions = g_strdup_printf(": versie %s \xe2\x86\x92 versie %s.",
                                   om->version ? om->version : "", nm->version ? nm->version : "");
  doc_node_add_text(intro, versions, MARK_NONE);
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

/* labels: every word of the diff that readers are shown, in one place.
 *
 * The pages, the PDF and the terminal say "alinea gewijzigd" and
 * "verplaatst naar" in the same words because they take them from here.
 * The names for JSON and the terminal ("modified", "list_item") are here
 * too, untranslated. A change's anchor is
 * spelled here too, one way for HTML and PDF. */
#include "statuut/diff.h"

#include <string.h>

static const char *const kind_names[CHANGE_KIND_MAX] = {"inserted", "deleted", "modified", "moved"};
static const char *const op_names[EDIT_OP_MAX] = {"equal", "insert", "delete"};
static const char *const block_names[DIFF_BLOCK_MAX] = {
    [DIFF_BLOCK_HEADING] = "heading",
    [DIFF_BLOCK_PARAGRAPH] = "paragraph",
    [DIFF_BLOCK_LIST_ITEM] = "list_item",
    [DIFF_BLOCK_BLOCKQUOTE] = "blockquote",
    [DIFF_BLOCK_TABLE_ROW] = "table_row",
    [DIFF_BLOCK_CODE] = "code",
    [DIFF_BLOCK_THEMATIC_BREAK] = "thematic_break",
    [DIFF_BLOCK_FOOTNOTE] = "footnote",
};

const char *diff_kind_name(diff_kind k) {
  return k < CHANGE_KIND_MAX ? kind_names[k] : "?";
}

const char *diff_op_name(diff_op op) {
  return op < EDIT_OP_MAX ? op_names[op] : "?";
}

const char *diff_block_name(diff_block b) {
  return b < DIFF_BLOCK_MAX ? block_names[b] : "?";
}

const char *diff_kind_label(diff_kind k) {
  static const char *const labels[CHANGE_KIND_MAX] = {"ingevoegd", "verwijderd", "gewijzigd",
                                                      "verplaatst"};
  return k < CHANGE_KIND_MAX ? labels[k] : "?";
}

const char *diff_block_label(diff_block b) {
  static const char *const labels[DIFF_BLOCK_MAX] = {
      [DIFF_BLOCK_HEADING] = "kop",
      [DIFF_BLOCK_PARAGRAPH] = "alinea",
      [DIFF_BLOCK_LIST_ITEM] = "punt",
      [DIFF_BLOCK_BLOCKQUOTE] = "citaat",
      [DIFF_BLOCK_TABLE_ROW] = "tabelrij",
      [DIFF_BLOCK_CODE] = "code",
      [DIFF_BLOCK_THEMATIC_BREAK] = "scheidingslijn",
      [DIFF_BLOCK_FOOTNOTE] = "noot",
  };
  return b < DIFF_BLOCK_MAX ? labels[b] : "?";
}

const char *diff_field_label(const char *field) {
  static const struct {
    const char *field, *label;
  } names[] = {{"title", "titel"},  {"subtitle", "ondertitel"}, {"version", "versie"},
               {"date", "datum"},   {"status", "status"},       {"summary", "samenvatting"},
               {"author", "auteur"}};
  for (size_t i = 0; i < G_N_ELEMENTS(names); i++)
    if (strcmp(names[i].field, field) == 0) return names[i].label;
  return field;
}

const char *diff_mark_label(doc_mark m) {
  static const char *const labels[MARK_MAX] = {[MARK_INSERT] = "ingevoegd: ",
                                               [MARK_DELETE] = "verwijderd: ",
                                               [MARK_MOVED_FROM] = "verplaatst, oude plaats: ",
                                               [MARK_MOVED_TO] = "ingevoegd: ",
                                               [MARK_RESTYLED] = "opmaak gewijzigd: "};
  return m < MARK_MAX && labels[m] ? labels[m] : "";
}

const char *diff_move_label(bool from) {
  return from ? "verplaatst naar" : "verplaatst van";
}

char *diff_words_label(int inserted, int deleted) {
  return g_strdup_printf("%d %s erbij, %d eraf", inserted, inserted == 1 ? "woord" : "woorden",
                         deleted);
}

const char *diff_section_label(const char *sec) {
  return sec && *sec ? sec : "Begin van het document";
}

char *diff_change_anchor(int id, bool from) {
  return from ? g_strdup_printf("wijziging-%d-van", id) : g_strdup_printf("wijziging-%d", id);
}

void diff_span_clear(gpointer p) {
  diff_span *s = p;
  g_free(s->link);
  g_free(s->note);
  g_free(s->image);
}

void diff_restyle_free(gpointer p) {
  diff_restyle *r = p;
  if (!r) return;
  g_free(r->text);
  g_free(r->old_link);
  g_free(r->new_link);
  g_free(r);
}

/* "cursief", "vet cursief", "gewoon". */
static void style_words(GString *s, unsigned st) {
  static const struct {
    unsigned bit;
    const char *word;
  } words[] = {{DIFF_STYLE_STRONG, "vet"},
               {DIFF_STYLE_EMPH, "cursief"},
               {DIFF_STYLE_STRIKE, "doorgehaald"},
               {DIFF_STYLE_CODE, "code"}};
  size_t at = s->len;
  for (size_t i = 0; i < G_N_ELEMENTS(words); i++)
    if (st & words[i].bit) g_string_append_printf(s, "%s%s", s->len > at ? " " : "", words[i].word);
  if (s->len == at) g_string_append(s, "gewoon");
}

char *diff_restyle_label(const diff_restyle *r) {
  GString *s = g_string_new(NULL);
  if (g_strcmp0(r->old_link, r->new_link) != 0) {
    if (r->old_link && r->new_link)
      g_string_append_printf(s, "link gewijzigd: %s \xe2\x86\x92 %s", r->old_link, r->new_link);
    else if (r->new_link)
      g_string_append_printf(s, "link toegevoegd: %s", r->new_link);
    else
      g_string_append_printf(s, "link verwijderd: %s", r->old_link);
  }
  if (r->old_style != r->new_style) {
    if (s->len) g_string_append(s, "; ");
    g_string_append(s, "opmaak gewijzigd: ");
    style_words(s, r->old_style);
    g_string_append(s, " \xe2\x86\x92 ");
    style_words(s, r->new_style);
  }
  return g_string_free(s, FALSE);
}

char *diff_change_remarks(const diff_change *ch) {
  GString *s = g_string_new(NULL);
  if (ch->old_level && ch->new_level && ch->old_level != ch->new_level)
    g_string_append_printf(s, "kop van niveau %d naar %d", ch->old_level, ch->new_level);
  if (ch->old_block != ch->block && ch->kind != CHANGE_INSERTED && ch->kind != CHANGE_DELETED)
    g_string_append_printf(s, "%svan %s naar %s", s->len ? "; " : "",
                           diff_block_label(ch->old_block), diff_block_label(ch->block));
  if (ch->rewritten) g_string_append_printf(s, "%sherschreven", s->len ? "; " : "");
  if (ch->split) g_string_append_printf(s, "%sin twee\xc3\xabn gesplitst", s->len ? "; " : "");
  if (ch->merged) g_string_append_printf(s, "%ssamengevoegd", s->len ? "; " : "");
  if (ch->punctuation) g_string_append_printf(s, "%sleesteken", s->len ? "; " : "");
  if (!s->len) {
    g_string_free(s, TRUE);
    return NULL;
  }
  return g_string_free(s, FALSE);
}

const char *diff_move_label_rewritten(bool from) {
  return from ? "herschreven en verplaatst naar" : "herschreven en verplaatst van";
}

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
                                               [MARK_MOVED_TO] = "ingevoegd: "};
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

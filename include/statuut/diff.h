/* diff: what changed between two versions of a document.
 *
 * The diff reads two document models and yields a diff model: the list of
 * changes for summaries and JSON, the changed front-matter fields, and a
 * redline document (a doc whose nodes carry doc_mark change marks) that the
 * ordinary HTML, text and PDF renderers draw. How the changes were found is
 * known only here.
 *
 * 1. Both documents are cut into blocks: headings, paragraphs, list items,
 *    quoted paragraphs, table rows, code blocks, footnotes. Each block's
 *    inline content becomes tokens (words, spaces, punctuation, each with its
 *    emphasis and link target; a footnote reference is a token that stands
 *    for the note, not its number), interned to integers.
 * 2. Footnotes are matched by content first, so that references to the same
 *    note compare equal whatever its number or label.
 * 3. Blocks are aligned by their token content (seq.h), then unmatched
 *    blocks between two aligned ones are paired by similarity: an edited
 *    block is one modified change, not a deletion plus an insertion.
 * 4. Blocks still unmatched are looked for elsewhere: identical or nearly
 *    identical ones are one moved change.
 * 5. Modified and moved blocks get a word diff, cleaned up so that short
 *    equal runs between two edits are absorbed into them (an editor marks
 *    "a few words changed", not confetti).
 * 6. The redline is built (the new version, the old blocks that are gone put
 *    back where they stood) and every node of it gets its effective mark
 *    (doc_node.eff): what a mark means is decided here, renderers draw it.
 *    Changes are numbered in reading order.
 * Generated numbers (footnote numbers, list numbers and letters) are never
 * compared, and reflowed source text is the same text. The stages are files
 * of src/diff/ (stages.h). */
#ifndef STATUUT_DIFF_H
#define STATUUT_DIFF_H

#include "statuut/doc.h"

typedef enum {
  CHANGE_INSERTED,
  CHANGE_DELETED,
  CHANGE_MODIFIED,
  CHANGE_MOVED,
  CHANGE_KIND_MAX
} diff_kind;
typedef enum { EDIT_EQUAL, EDIT_INSERT, EDIT_DELETE, EDIT_OP_MAX } diff_op;

/* What kind of block changed. */
typedef enum {
  DIFF_BLOCK_HEADING,
  DIFF_BLOCK_PARAGRAPH,
  DIFF_BLOCK_LIST_ITEM,
  DIFF_BLOCK_BLOCKQUOTE, /* a paragraph of a quote */
  DIFF_BLOCK_TABLE_ROW,
  DIFF_BLOCK_CODE,
  DIFF_BLOCK_THEMATIC_BREAK,
  DIFF_BLOCK_FOOTNOTE,
  DIFF_BLOCK_MAX
} diff_block;

typedef struct {
  diff_op op;
  char *text; /* Markdown-like: *emphasis*, **strong**, [text](url), [^label] */
} diff_edit;

typedef struct {
  int id; /* 1-based, in reading order of the redline */
  diff_kind kind;
  diff_block block;
  char *section;                   /* nearest heading above (new side; old side for deleted) */
  char *old_section, *new_section; /* both sides, for moved */
  char *old_text, *new_text;       /* plain text; NULL on the side that has none */
  GPtrArray *edits; /* of diff_edit*, for modified and edited moved blocks; else NULL */
  int words_inserted, words_deleted;
  doc_node *red;      /* where the change is drawn in the redline (MOVED_TO for moves) */
  doc_node *red_from; /* moved: the MOVED_FROM node; else NULL */
} diff_change;

typedef struct {
  char *field, *old_value, *new_value; /* a value is NULL when the field is absent */
} diff_meta;

/* One line of the side-by-side view: a block of the old version beside its
 * counterpart in the new one. old or new is NULL where a block has none.
 * For modified blocks the views show the word edits: deletions in old_view,
 * insertions in new_view. */
typedef struct {
  const doc_node *old_block, *new_block;
  doc_node *old_view, *new_view; /* owned; NULL: draw the block itself */
  diff_change *change;           /* NULL for an unchanged block */
} diff_row;

/* Where a block of the new version comes from: the block of the old one it
 * continues (the same, edited or moved), NULL for an inserted block, and
 * its change (NULL when it is the same). */
typedef struct {
  const doc_node *old_block;
  const diff_change *change;
} diff_origin;

typedef struct {
  const doc *old_doc, *new_doc; /* not owned */
  GPtrArray *metadata;          /* of diff_meta*, owned */
  GPtrArray *changes;           /* of diff_change*, owned, in reading order */
  GPtrArray *rows;              /* of diff_row*, owned, in reading order */
  doc *redline;                 /* owned: the new version with the changes marked */
  GHashTable *note_labels;      /* owned: old footnote label -> its label in the redline */
  GHashTable *origins;          /* owned: block of new_doc -> diff_origin* (diff_origin_of) */
  int count[CHANGE_KIND_MAX];
  int words_inserted, words_deleted;
} diff_result;

/* Compares two versions. Neither document is changed or kept beyond the
 * lifetime of the result (the result points into both). Free with diff_free. */
diff_result *diff_docs(const doc *old_doc, const doc *new_doc);
void diff_free(diff_result *r);

/* The origin of a block of the new version: a body block the diff compares
 * (a heading, a paragraph, also one of a list item or a quote, a table row,
 * a code block, a rule) or a footnote. NULL for any other node. */
const diff_origin *diff_origin_of(const diff_result *r, const doc_node *new_block);

/* A copy of a block of the old version whose footnote references use the
 * redline's labels, to draw it beside the redline (the side-by-side view).
 * The caller frees it with doc_node_free. */
doc_node *diff_old_view(const diff_result *r, const doc_node *old_block);

/* True when anything differs: a change or a metadata field. */
bool diff_any(const diff_result *r);

/* Names for JSON and the terminal: "moved", "insert", "list_item". */
const char *diff_kind_name(diff_kind k);
const char *diff_op_name(diff_op op);
const char *diff_block_name(diff_block b);

/* The anchor of change `id` in the redline, the same in HTML and PDF:
 * "wijziging-3", and for the old place of a moved block (from)
 * "wijziging-3-van". Caller frees. */
char *diff_change_anchor(int id, bool from);

/* Sets the effective mark (doc_node.eff, see doc.h) of every node of the
 * subtree n from the marks the diff set: call it after marking a tree by
 * hand (a side-by-side cell). The redline and the rows' views come with it
 * done. */
void diff_mark_tree(doc_node *n);

/* What readers are shown (Dutch), in one place (labels.c), the same on
 * every page and PDF: a kind ("gewijzigd"), a block ("alinea" for
 * "paragraph") and a front-matter field ("datum" for "date"; unknown ones as
 * they are). */
const char *diff_kind_label(diff_kind k);
const char *diff_block_label(diff_block b);
const char *diff_field_label(const char *field);

/* The words of the marks: what a screen reader hears before a marked run
 * (diff_mark_label(MARK_INSERT) is "ingevoegd: "), and the words of the
 * link from one place of a moved block to the other ("verplaatst naar" from
 * the old place, "verplaatst van" from the new). */
const char *diff_mark_label(doc_mark m);
const char *diff_move_label(bool from);

/* "47 woorden erbij, 49 eraf". Caller frees. */
char *diff_words_label(int inserted, int deleted);

/* The section a change is listed under: its heading, or "Begin van het
 * document" for what stands before the first heading (sec NULL or ""). */
const char *diff_section_label(const char *sec);

#endif

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

/* Styles of a span of text. */
enum { DIFF_STYLE_EMPH = 1, DIFF_STYLE_STRONG = 2, DIFF_STYLE_STRIKE = 4, DIFF_STYLE_CODE = 8 };

/* Markup beside a plain text: characters [start, end) (Unicode code
 * points) carry these styles, this link target, or are a footnote
 * reference (note: its label as shown) or an image (image: its source). */
typedef struct {
  int start, end;
  unsigned style; /* DIFF_STYLE_* */
  char *link, *note, *image;
} diff_span;

typedef struct {
  diff_op op;
  char *text;    /* plain text: equal + insert texts join to new_text, equal + delete to old_text */
  GArray *spans; /* of diff_span, offsets into text; NULL when it has no markup */
  int restyle;   /* 1-based index into the change's restyles when this delete and the
                    insert beside it are the same words restyled; 0 otherwise */
} diff_edit;

/* Words that stayed but whose formatting or link target changed. */
typedef struct {
  char *text;                    /* the words, plain */
  unsigned old_style, new_style; /* DIFF_STYLE_* */
  char *old_link, *new_link;     /* NULL: no link */
} diff_restyle;

typedef struct {
  int id; /* 1-based, in reading order of the redline */
  diff_kind kind;
  diff_block block;         /* the new side's kind (the old side's, for deleted) */
  diff_block old_block;     /* the old side's kind: differs when a point became a paragraph */
  int old_level, new_level; /* a heading's level on each side, 0 when not a heading */
  /* The section: the path of headings above the block, outermost first,
   * joined by " \u203a " ("4. WAARUIT … › Kwaliteit"); a heading's section
   * is that of its parent. New side; old side for deleted. */
  char *section;
  char *old_section, *new_section; /* both sides, for moved */
  char *old_text, *new_text;       /* plain text; NULL on the side that has none */
  GArray *old_spans, *new_spans;   /* of diff_span: the markup of the texts, or NULL */
  GPtrArray *edits;    /* of diff_edit*, for modified and edited moved blocks; else NULL */
  GPtrArray *restyles; /* of diff_restyle*: formatting and link changes; NULL when none */
  int words_inserted, words_deleted;
  /* Characters other than white space inserted and deleted: a changed
   * comma counts where no word changed. */
  int chars_inserted, chars_deleted;
  bool punctuation;   /* every inserted and deleted character is punctuation */
  bool rewritten;     /* moved: its words were edited too */
  bool split;         /* one old block is two new ones (new_text holds both) */
  bool merged;        /* two old blocks are one new one (old_text holds both) */
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
  int chars_inserted, chars_deleted;
  int restyled; /* formatting and link changes */
} diff_result;

/* Frees what a span holds (a GArray clear function) and a restyle. */
void diff_span_clear(gpointer span);
void diff_restyle_free(gpointer restyle);

/* What a restyle changed, for readers: "link gewijzigd: oud \u2192 nieuw",
 * "link toegevoegd: url", "opmaak gewijzigd: gewoon \u2192 cursief".
 * Caller frees. */
char *diff_restyle_label(const diff_restyle *r);

/* What else a change did, beyond its word edits, for every summary: "kop
 * van niveau 3 naar 2", "van punt naar alinea", "herschreven" (a
 * move reworded too), "in tweeën gesplitst", "samengevoegd", "leesteken", joined by "; ". NULL when
 * nothing. Caller frees. */
char *diff_change_remarks(const diff_change *ch);

/* One change as an entry of a summary, a paragraph node (caller frees with
 * doc_node_free): "alinea gewijzigd" with its remarks, then what changed,
 * marked as in the text: the edited words of a modified block (deleted,
 * then inserted; "…" between edits that are apart; a restyle with what
 * changed), the start of an inserted or deleted block, the sections a
 * moved block went between. At most about max_chars of text. The HTML and
 * the PDF summary both list these. */
doc_node *diff_entry(const diff_change *ch, size_t max_chars);

/* Compares two versions. Neither document is changed or kept beyond the
 * lifetime of the result (the result points into both). Free with diff_free. */
diff_result *diff_docs(const doc *old_doc, const doc *new_doc);

/* What the diffs of one build share: the tokens and sorted words of each
 * block content they tokenized. A version is in many pairs and most of its
 * blocks are in other versions too; tokenizing them again for every pair
 * was a fifth of an HTML-only build. It never changes a result. It is
 * bounded: within a diff it takes nothing beyond 16 MB, and the next diff
 * finds a full memo emptied, with the strings it interned (a build goes
 * document by document). Free with diff_memo_free, after the results made
 * with it or before. */
typedef struct diff_memo diff_memo;
diff_memo *diff_memo_new(void);
void diff_memo_free(diff_memo *m);
/* How a diff is made; all zero (or NULL) is diff_docs. */
typedef struct {
  diff_memo *memo; /* shared with the other diffs of a build, or NULL */
  /* Leaves out the spans of the changes and their edits (old_spans,
   * new_spans, diff_edit.spans: the markup of the JSON), for a build that
   * writes pages and PDFs only: a twentieth of an HTML-only build. */
  bool no_spans;
} diff_opts;
diff_result *diff_docs_with(const doc *old_doc, const doc *new_doc, const diff_opts *o);
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
/* The same for a block that was reworded as well as moved (MARKF_REWRITTEN):
 * "herschreven en verplaatst naar", "herschreven en verplaatst van". */
const char *diff_move_label_rewritten(bool from);

/* "47 woorden erbij, 49 eraf". Caller frees. */
char *diff_words_label(int inserted, int deleted);

/* The section a change is listed under: its heading, or "Begin van het
 * document" for what stands before the first heading (sec NULL or ""). */
const char *diff_section_label(const char *sec);

#endif

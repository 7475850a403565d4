/* doc: the document model every renderer reads.
 *
 * A Markdown file is parsed once, with cmark-gfm and its GFM extensions, into
 * this tree. The model adds what the renderers and the diff need and cmark
 * does not know: stable ids for headings and points, lettered lists, footnotes
 * numbered by first reference and keyed by their source label, and source
 * positions for messages. Renderers never see Markdown or cmark nodes. */
#ifndef STATUUT_DOC_H
#define STATUUT_DOC_H

#include "statuut/diag.h"
#include "statuut/meta.h"
#include <stdbool.h>

typedef enum {
  /* blocks */
  DOC_ROOT,
  DOC_HEADING,
  DOC_PARAGRAPH,
  DOC_LIST,
  DOC_ITEM,
  DOC_BLOCKQUOTE,
  DOC_CODE_BLOCK,
  DOC_THEMATIC_BREAK,
  DOC_TABLE,
  DOC_TABLE_ROW,
  DOC_TABLE_CELL,
  DOC_FOOTNOTE_DEF,
  /* inlines */
  DOC_TEXT,
  DOC_LINEBREAK,
  DOC_CODE,
  DOC_EMPH,
  DOC_STRONG,
  DOC_STRIKE,
  DOC_LINK,
  DOC_IMAGE,
  DOC_FOOTNOTE_REF,
  DOC_NODE_MAX
} doc_node_type;

/* A change mark, set only on the redline document a diff builds (see
 * diff.h); renderers draw it, parsed documents never carry one. */
typedef enum {
  MARK_NONE,
  MARK_INSERT,     /* block or inline run added */
  MARK_DELETE,     /* block or inline run removed */
  MARK_MODIFIED,   /* block whose inline children carry INSERT/DELETE runs */
  MARK_MOVED_FROM, /* where a moved block stood (its old text) */
  MARK_MOVED_TO,   /* where a moved block stands now (with edits, if any) */
  MARK_RESTYLED,   /* inline run whose words stayed but whose emphasis or link changed */
  MARK_NOTE,       /* inline text the diff adds to explain a change ("link gewijzigd:
                      oud \u2192 nieuw", "kop van niveau 3 naar 2"): in neither version */
  MARK_MAX
} doc_mark;

/* How a mark is to be drawn, beyond the mark itself (doc_node.mark_flags). */
enum {
  MARKF_PUNCT = 1,     /* an inserted or deleted run of punctuation alone: drawn wider, so
                          that one changed comma can be found on the page */
  MARKF_REWRITTEN = 2, /* a moved block (either place) whose words were edited too:
                          "herschreven en verplaatst" */
};

typedef enum { LIST_BULLET, LIST_ORDERED, LIST_LETTERED, LIST_KIND_MAX } doc_list_kind;
typedef enum { ALIGN_NONE, ALIGN_LEFT, ALIGN_CENTER, ALIGN_RIGHT } doc_align;

/* Where a run of a TEXT node's bytes came from. The bytes from `off` up to the
 * next anchor's `off` are the source bytes from line:col on, one to one. A new
 * anchor starts wherever that stops being true: at every source line (soft
 * breaks were merged into spaces), at an escape (\*) or entity ("&amp;"). */
typedef struct {
  size_t off;
  int line, col;
} doc_anchor;

typedef struct doc_node doc_node;
struct doc_node {
  doc_node_type type;
  doc_node *parent, *first, *last, *next, *prev;
  int line, col; /* 1-based position in the source file, 0 if unknown */

  char *text;              /* TEXT, CODE, CODE_BLOCK: the literal text. Soft breaks are
                              already spaces: reflowing a paragraph changes nothing. */
  GArray *anchors;         /* TEXT: of doc_anchor, by off, first at 0; NULL if unknown
                              or if at_pos. Use doc_text_pos. */
  char *url;               /* LINK, IMAGE; NULL when refused */
  char *title;             /* LINK, IMAGE (may be NULL) */
  char *info;              /* CODE_BLOCK info string (may be NULL) */
  char *id;                /* HEADING, numbered or lettered ITEM, FOOTNOTE_DEF,
                              FOOTNOTE_REF: the anchor */
  char *label;             /* ITEM of an ordered/lettered list: "3", "b";
                              FOOTNOTE_REF, FOOTNOTE_DEF: the label written in the source */
  int level;               /* HEADING: 1..6 as in the source */
  int depth;               /* HEADING: 1..6, its depth in the outline: the level a
                              renderer draws, so that a source that skips one (# then
                              ###) never skips one in a page's or a PDF's headings
                              (check warns about the source) */
  int number;              /* FOOTNOTE_REF, FOOTNOTE_DEF: number by first reference;
                              FOOTNOTE_REF also: ref_index, see below */
  int ref_index;           /* FOOTNOTE_REF: 1 for the first reference to a note, 2 ... */
  int ref_count;           /* FOOTNOTE_DEF: how many references point to it */
  doc_list_kind list_kind; /* LIST */
  int start;               /* LIST ordered: first number; lettered: 1 for 'a' */
  bool tight;              /* LIST */
  bool upper;              /* LIST lettered: capital letters */
  bool header;             /* TABLE_ROW: the header row */
  bool at_pos;             /* TEXT: the bytes are the source's from line:col on, one to
                              one (the one anchor it would have, kept without an array) */
  doc_align align;         /* TABLE_CELL */
  bool refused;            /* LINK, IMAGE: the URL is not safe to follow (url_is_safe) and
                              was dropped: the link is plain text, the image its description */
  doc_mark mark;           /* redline only: the change recorded at this node */
  doc_mark eff;            /* redline only: the mark its text is drawn with, set by the diff
                              for every node (diff_mark_tree): the node's own mark when that
                              marks the whole (inserted, deleted, moved), none for a modified
                              block (only its runs are marked); inlines, a row's cells and a
                              note's blocks take their holder's; an item takes its first
                              paragraph's (its number or letter goes with it) */
  int change;              /* redline only: 1-based number of the change, 0 none */
  unsigned mark_flags;     /* redline only: MARKF_* */
};

/* A Markdown comment: a line "[//]: # (text)" (a link reference definition
 * nothing refers to, so no renderer shows it). */
typedef struct {
  int line;
  char *text;
} doc_comment;

typedef struct {
  char *path;   /* source path as given */
  char *digest; /* SHA-256 (hex) of the file's bytes, what the build's cache keys by
                   (doc_load_keyed); NULL otherwise */
  meta meta;
  doc_node *root;       /* body blocks */
  GPtrArray *footnotes; /* of doc_node* (DOC_FOOTNOTE_DEF, children of no tree),
                           referenced ones in number order; owned */
  GPtrArray *comments;  /* of doc_comment*, in source order; owned */
} doc;

/* Limits on what one file may ask of a command (README, "Limits"): content
 * is untrusted, and a small file must not stall CI or a server. Beyond
 * them doc_parse refuses the file with a CHECK_LIMIT error.
 * DOC_MAX_BYTES: the size of a file; a command needs 10 to 20 times that.
 * DOC_MAX_DEPTH: how deep blocks and inlines nest, the root not counted
 * (a point in a list in a point is 4; the statute's deepest is under 10).
 * DOC_MAX_NOTES: lines that define a note, "[^label]:"; each note costs a
 * page's DOM a dozen nodes with their attributes (the statute has a few
 * dozen notes). */
#define DOC_MAX_BYTES (16 << 20)
#define DOC_MAX_DEPTH 100
#define DOC_MAX_NOTES 10000
/* DOC_MAX_CELLS: table cells in a document; a cell is two nodes and costs a
 * page or a diff about 1.5 kB (a 2000 x 200 table took 500 MB). */
#define DOC_MAX_CELLS 100000

/* Parses a Markdown file with front matter. Problems (front matter, raw HTML,
 * footnotes) go to `diags`. Returns NULL only when the file cannot be used at
 * all (unreadable, not UTF-8, no front matter); the reason is in `diags`.
 * The caller frees the result with doc_free. */
doc *doc_load(const char *path, diag_list *diags);

/* doc_load, and d->digest set: the content of a site, whose outputs the
 * build's cache keys by their sources' bytes. The other commands do
 * without: hashing the files was a sixth of a diff's instructions. */
doc *doc_load_keyed(const char *path, diag_list *diags);

/* The same for a file already in memory (no digest). */
doc *doc_parse(const char *path, const char *src, size_t len, diag_list *diags);

void doc_free(doc *d);

/* Tree helpers. */
doc_node *doc_node_new(doc_node_type type);
void doc_node_append(doc_node *parent, doc_node *child);
void doc_node_free(doc_node *n); /* frees n and its subtree; unlinks it first */
void doc_node_insert_after(doc_node *ref, doc_node *n); /* n must be unlinked */
void doc_node_prepend(doc_node *parent, doc_node *n);   /* n must be unlinked */
/* A new node of `type` appended to parent; returns it. */
doc_node *doc_node_add(doc_node *parent, doc_node_type type);
/* A new TEXT node with a copy of text appended to parent, marked `mark` and
 * drawn so (eff: a leaf's own mark is the one it is drawn with), for the
 * summaries built by hand; returns it. */
doc_node *doc_node_add_text(doc_node *parent, const char *text, doc_mark mark);

/* A deep copy of n and its subtree, unlinked. When map is not NULL, every
 * source node is mapped to its copy in it. The caller frees the copy. */
doc_node *doc_node_copy(const doc_node *n, GHashTable *map);

/* Numbers the footnotes in order of first reference (body first, then notes
 * referenced from notes), sets each reference's number and ref_index, and
 * sorts d->footnotes by number; unreferenced notes go last with number 0.
 * Sets the anchors from the labels: a note's id "fn-<label>", a
 * reference's "fnref-<label>", "fnref-<label>-2" ... (doc_note_ref_id). */
void doc_number_footnotes(doc *d);

/* The anchors, made from a note's label: of the note ("fn-<label>", what
 * a reference links to) and of its k-th reference (1-based, where the k-th
 * back link points). The one place they are spelled. Caller frees. */
char *doc_note_id(const char *label);
char *doc_note_ref_id(const char *label, int k);

/* Plain text of a subtree: inline text concatenated, footnote references as
 * nothing. The caller frees the result. */
char *doc_node_plain_text(const doc_node *n);

/* True for the kinds of block (ROOT .. FOOTNOTE_DEF), false for inlines. */
bool doc_node_is_block(const doc_node *n);

/* An iterator over a subtree, as cmark's: every node is entered, then its
 * children are visited, then it is exited; leaves too get both events. It
 * allocates nothing (it lives on the caller's stack) and reads the tree only
 * when asked for the next event, so the node of the current event may be
 * changed, and its later siblings freed or replaced, before moving on.
 *
 *   doc_iter it;
 *   doc_iter_init(&it, d->root);
 *   for (doc_event ev; (ev = doc_iter_next(&it)) != DOC_EVENT_DONE;) {
 *     doc_node *n = doc_iter_node(&it);
 *     ...
 *   }
 */
typedef enum { DOC_EVENT_NONE, DOC_EVENT_ENTER, DOC_EVENT_EXIT, DOC_EVENT_DONE } doc_event;
typedef struct {
  doc_node *root, *cur;
  doc_event ev;
  bool skip;
} doc_iter;

void doc_iter_init(doc_iter *it, doc_node *root);
doc_event doc_iter_next(doc_iter *it);
/* The node of the last event (NULL before the first and after the last). */
doc_node *doc_iter_node(const doc_iter *it);
/* Called after an ENTER: the node's children are not visited, its EXIT is
 * the next event. */
void doc_iter_skip(doc_iter *it);

/* A walk with a callback, on the iterator: fn is called on enter
 * (entering=true) and on exit of every node of the subtree. */
typedef void (*doc_walk_fn)(doc_node *n, bool entering, void *ctx);
void doc_walk(doc_node *n, doc_walk_fn fn, void *ctx);

const char *doc_node_type_name(doc_node_type t);

/* The source position (1-based line, byte column) of byte `off` of the text
 * of TEXT node n. Falls back to the node's own position. */
void doc_text_pos(const doc_node *n, size_t off, int *line, int *col);

/* Footnote definition for a label, or NULL. A linear search: a loop over
 * many labels builds its own index. */
doc_node *doc_footnote(const doc *d, const char *label);

#endif

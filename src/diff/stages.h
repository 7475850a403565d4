/* stages: what the stages of the diff share, private to src/diff/.
 *
 * diff_docs (diff.c) runs them in order, as git's xdiff runs prepare,
 * algorithm and post-pass:
 *
 *   units.c    both documents cut into blocks (units), keyed and tokenized
 *   align.c    footnotes matched, blocks aligned and paired, moves found
 *   script.c   the word diff of a modified or moved block, drawn as nodes
 *   redline.c  the redline document: marks, old blocks put back, notes
 *   order.c    changes numbered in reading order, side-by-side rows
 *
 * Each stage reads what the earlier ones wrote into diff_ctx and the units.
 * The generic post-pass of an edit script (cleanup.c) is declared in seq.h,
 * the tokens in tokens.h. */
#ifndef STATUUT_DIFF_STAGES_H
#define STATUUT_DIFF_STAGES_H

#include "statuut/diff.h"
#include "tokens.h"

/* Similarity (Dice coefficient of words) for a pair to be one edited block,
 * and for a block found elsewhere to be a moved one. */
#define PAIR_SIMILARITY 0.5
#define MOVE_SIMILARITY 0.75

/* ---- units (units.c) ---- */

typedef enum { U_SAME, U_MODIFIED, U_MOVED, U_ALONE } unit_state;

typedef struct diff_ctx diff_ctx;

typedef struct unit {
  const doc_node *node; /* the block in its document */
  diff_block kind;
  GPtrArray *parts; /* inline containers: one, or a row's cells, or a note's paragraphs */
  GArray *toks;     /* tokens of all parts, a TOK_BREAK between parts */
  GArray *part_end; /* of int: where each part's tokens end */
  int key;          /* interned kind + token ids: equal keys, equal blocks */
  int akey;         /* what the blocks are aligned by: the key, and for a heading whose
                       text recurs (two "Handhaving"s) its section too, so that it
                       anchors only in its own section */
  int *words;       /* sorted word ids, for similarity: nwords of them (an image has one) */
  int nwords;
  const char *canon;       /* kind and canonical content, as c->keys holds it (see diff_memo);
                              NULL once the table is gone */
  struct memo_entry *memo; /* what the memo knows of canon, once looked up (memo_of) */
  bool memo_asked;
  const char *section; /* nearest heading above, interned */
  int match;           /* index on the other side, -1 */
  unit_state state;
  diff_change *change;
  diff_ctx *c; /* to tokenize on demand */
  bool old_side;
  /* A paragraph split in two, or two merged into one: the first of the two
   * takes the second's parts (and so its tokens) and is the change; the
   * second is only its part. */
  struct unit *joined; /* the second, on this unit's side; or NULL */
  bool second;         /* this unit is the second of a join */
} unit;

struct diff_ctx {
  tok_pool *pool; /* own_pool, or the memo's: every token of the diff is of one pool */
  tok_pool own_pool;
  GPtrArray *old_units, *new_units; /* of unit*, body blocks in order */
  GPtrArray *old_notes, *new_notes; /* of unit*, one per footnote */
  GHashTable *note_map;             /* old label -> label in the redline */
  GHashTable *keys;                 /* kind and canonical content -> block key */
  GString *scratch;                 /* a key being made */
  diff_result *r;
  GHashTable *red_of; /* new node -> its copy in the redline */
  long held_tokens;   /* tokens the units hold now (unit_toks, unit_release) */
  diff_memo *memo;    /* or NULL; while set, c->keys lives as long as the units */
  bool no_spans;      /* diff_opts.no_spans */
};

/* The tokens and words of block contents, across the diffs of a build
 * (diff.h). A diff with a memo interns every token in the memo's pool, so
 * that what it copies from the memo compares with what it makes. */
struct diff_memo {
  tok_pool pool;
  GHashTable *blocks; /* canonical content (unit.canon) -> memo_entry*, owned */
  size_t held;        /* bytes of the entries (keys, tokens, words) */
  size_t budget;      /* at most (MEMO_BYTES); the pool's strings are not counted: they are
                         the distinct tokens of the content, bounded by it */
  bool full;          /* something was not taken for the budget: memo_begin empties it */
};

/* The table of block keys (diff_ctx.keys): canonical text -> key. */
GHashTable *units_keys_new(void);
/* Before a diff with memo m: a full memo is emptied (units.c). */
void memo_begin(diff_memo *m);
/* Clears the units' canon, once c->keys that holds it is freed. */
void units_forget_keys(GPtrArray *units);
/* Sets every body unit's akey, after their keys. */
void units_align_keys(diff_ctx *c);
/* The body's blocks in reading order (of unit*, freeing them). */
GPtrArray *units_collect(diff_ctx *c, const doc *d);
/* One unit per footnote of d, in d->footnotes' order. */
GPtrArray *units_collect_notes(diff_ctx *c, const doc *d);
/* Sets u->key: equal keys, equal tokens. Old-side units compare with the
 * redline's note labels (so match the notes first). */
void unit_key(diff_ctx *c, unit *u, bool old_side);
/* The unit's tokens and word count, made when first needed. */
const tok *unit_toks(unit *u);
int unit_nwords(unit *u);
/* Makes v part of u (the parts of both, as one text): see unit.joined. */
void unit_join(unit *u, unit *v);
/* Frees the unit's tokens (made again when needed); keeps its word count. */
void unit_release(unit *u);
/* Sorted word ids (u->nwords of them), for similarity; made when first
 * needed (the tokens it makes for them are not kept), or taken from the
 * diff's memo. */
const int *unit_words(unit *u);
/* Plain text for JSON and the terminal. Caller frees. */
char *unit_plain(const unit *u);
/* An old footnote label as the redline knows it (a tok_ref_fn). */
const char *unit_old_ref(const char *label, void *c);

/* ---- alignment (align.c) ---- */

/* Matches the footnotes and fills c->note_map. Before the body's keys. */
void align_notes(diff_ctx *c);
/* Aligns the body blocks, pairs edited ones between aligned neighbours. */
void align_blocks(diff_ctx *c);
/* Links the blocks still alone that stand elsewhere on the other side. */
void align_moves(diff_ctx *c);
/* Pairs a short block alone in the place of another: after align_moves. */
void align_short_places(diff_ctx *c);
/* Joins a paragraph split in two (or two merged into one) into one change:
 * after align_blocks, before align_moves. */
void align_joins(diff_ctx *c);

/* ---- word script (script.c) ---- */

/* Word edits between two matched blocks into ch->edits, drawn into the
 * redline (red_map: new node -> its redline copy) and into the row's
 * side-by-side views (which it makes). */
void script_word_edits(const unit *a, const unit *b, diff_change *ch, GHashTable *red_map,
                       diff_row *row);

/* The markup of tokens [from, to) as diff_spans (diff.h), or NULL when
 * they have none. Caller frees (g_array_free). */
GArray *script_spans(const tok *t, int from, int to);

/* ---- redline (redline.c) ---- */

/* Builds c->r->redline and the changes and rows (not yet in order). */
void redline_build(diff_ctx *c);
/* Gives every id of a copied old subtree a prefix and maps its note labels to
 * the redline's (a doc_walk_fn; ctx is the diff_ctx). */
void redline_old_copy_cb(doc_node *n, bool entering, void *ctx);

/* ---- order (order.c) ---- */

/* Numbers the changes in reading order and writes the numbers on the nodes. */
void order_changes(diff_ctx *c);
/* Puts the rows in reading order, with the unchanged blocks between them. */
void order_rows(diff_ctx *c);

/* ---- the driver (diff.c) ---- */

void diff_change_free(gpointer p);
void diff_row_free(gpointer p);

#endif

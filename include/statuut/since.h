/* since: since which version each passage of a version reads as it does.
 *
 * A chain of versions of one document (oldest first) is diffed pair by pair
 * (diff.h); each block of a version is followed back through the block it
 * continues in the version before (the same, edited or moved: diff_origin),
 * so that every block gets its history: the versions in which it came in,
 * was edited or moved, newest first. It is never guessed from the text: two
 * equal sentences in different places have their own histories.
 *
 * A section (a heading and everything up to the next heading of its level or
 * higher) has a history too, kept on its heading: it changed in a version
 * when its heading or any block in it was inserted, edited, deleted or moved
 * there. A footnote's history is the note's own.
 *
 * The change of a step is its number in the redline of the version before
 * and that version (diff_change.id, the anchor diff_change_anchor spells), so
 * that a reader can be taken to it. */
#ifndef STATUUT_SINCE_H
#define STATUUT_SINCE_H

#include "statuut/diff.h"
#include "statuut/doc.h"

typedef enum {
  SINCE_ORIGIN,   /* there in the first version of the chain */
  SINCE_INSERTED, /* came in with this version */
  SINCE_MODIFIED, /* edited in this version (a section: something in it changed) */
  SINCE_MOVED,    /* moved unchanged: it still reads the same */
  SINCE_WHAT_MAX
} since_what;

typedef struct {
  guint version; /* index into the chain */
  since_what what;
  int change; /* the change in the redline of version - 1 and version; 0 for SINCE_ORIGIN */
  const doc_node *block; /* the passage as that version has it (its heading for a section):
                            its anchor there may differ from the one it has now */
} since_step;

/* Newest step first; never empty. */
typedef struct {
  guint n;
  since_step *steps;
} since_history;

typedef struct since_chain since_chain;

/* The histories of every block of every version of docs[0..n-1] (oldest
 * first, not changed, and kept by the caller while the chain is used). Its
 * diffs are made with o (diff.h; NULL: as diff_docs). */
since_chain *since_chain_build(const doc *const *docs, guint n, const diff_opts *o);
void since_chain_free(since_chain *c);

/* The history of a block of version v (a body block as the diff cuts them,
 * a heading for its section, or a footnote), or NULL for any other node. */
const since_history *since_lookup(const since_chain *c, guint v, const doc_node *block);

/* The step that decides how the passage reads: the newest that is not a
 * move. */
const since_step *since_reading(const since_history *h);

/* The label of version v of the chain ("1.1"), "" beyond it; of step s. */
const char *since_version_at(const since_chain *c, guint v);
const char *since_version(const since_chain *c, const since_step *s);

/* Names for JSON: "origin", "inserted", "modified", "moved"; and what a
 * block with a history is: "section" (a heading), "paragraph", "point" (a
 * paragraph of a list item), "quote", "row", "code", "rule", "note". */
const char *since_what_name(since_what w);
const char *since_block_name(const doc_node *n);

/* Calls fn for every block of version v that has a history, in reading
 * order, the body's then the notes'. */
typedef void (*since_fn)(const doc_node *block, const since_history *h, void *ctx);
void since_each(const since_chain *c, guint v, since_fn fn, void *ctx);

/* What the reader is told (Dutch): "ongewijzigd sinds 1.0", "nieuw in 1.1",
 * "gewijzigd in 1.1", "verplaatst in 2.0". Caller frees. */
char *since_label(const since_chain *c, const since_step *s);

#endif

/* tokens: the inline content of a block as a sequence of tokens, private to
 * the diff. A token is a whole word, a run of white space (always " ", so
 * reflowed text compares equal), one punctuation character, a hard line
 * break, a footnote reference or an image, each with the emphasis and link
 * target it stands in. Tokens are interned: equal tokens have equal ids. */
#ifndef STATUUT_DIFF_TOKENS_H
#define STATUUT_DIFF_TOKENS_H

#include "statuut/doc.h"

typedef enum {
  TOK_WORD,
  TOK_SPACE,
  TOK_PUNCT,
  TOK_BREAK,
  TOK_REF,
  TOK_IMAGE,
  TOK_KIND_MAX
} tok_kind;

enum { STYLE_EM = 1, STYLE_STRONG = 2, STYLE_STRIKE = 4, STYLE_CODE = 8 };

typedef struct {
  int id;   /* identity of everything below */
  int word; /* identity of the case-folded word (an image: of it), for similarity; -1: neither */
  tok_kind kind;
  unsigned style;    /* STYLE_* bits */
  const char *text;  /* interned; REF: "[^label]" */
  const char *url;   /* interned link target (IMAGE: its source), or NULL */
  const char *label; /* REF: the note's label as the redline knows it */
} tok;

typedef struct {
  GHashTable *strings; /* text -> what the pool knows of it (see tokens.c), owned */
  GHashTable *ids;     /* identity (tok_key) -> id */
  tok ascii[128];      /* plain one-character tokens, by character; id 0: not yet */
  int next;
} tok_pool;

void tok_pool_init(tok_pool *p);
void tok_pool_clear(tok_pool *p);

/* A stable copy of s, owned by the pool. */
const char *tok_intern(tok_pool *p, const char *s);

/* Maps a footnote label of one side to its label in the redline. */
typedef const char *(*tok_ref_fn)(const char *label, void *ctx);

/* The redline's label of an old note that is gone starts with this, so it
 * cannot collide with a new note's; a reference to it still reads with its
 * source label ("[^3]"), the label the reader finds in the old file. */
#define TOK_GONE_PREFIX "verwijderd-"

/* Appends to out (a GArray of tok) the tokens of the inline children of
 * container (a paragraph, heading or table cell). */
void tok_inline(tok_pool *p, const doc_node *container, GArray *out, tok_ref_fn ref, void *ctx);

/* Appends to out a text that is equal for two containers exactly when
 * tok_inline would give them equal tokens (white space runs folded, styles,
 * links and references marked), at a fraction of the cost: blocks are
 * compared whole with it, and only blocks that differ are tokenized. */
void tok_canonical(const doc_node *container, GString *out, tok_ref_fn ref, void *ctx);

/* Appends the tokens of literal text (a code block): words, spaces and line
 * breaks as they are, nothing folded. */
void tok_literal(tok_pool *p, const char *text, GArray *out);

/* Appends the token that stands between two parts of a block (a row's
 * cells, a note's paragraphs): a break whose text is the separator the
 * block's plain text shows there (" | ", a blank line). */
void tok_separator(tok_pool *p, const char *text, GArray *out);

/* Plain text of tokens [from, to): their texts joined, nothing added, so
 * the texts of consecutive ranges join to the text of the whole. Caller
 * frees. */
char *tok_plain(const tok *t, int from, int to);

/* A run of tokens [from, to) that carries markup, as offsets in characters
 * (Unicode code points) into tok_plain of the range. */
typedef struct {
  int start, end;
  unsigned style;    /* STYLE_* */
  const char *url;   /* link target, or NULL */
  const char *label; /* a footnote reference: its label as shown; or NULL */
  bool image;        /* an image: url is its source, the text its description */
} tok_span;

/* The markup of tokens [from, to) as spans appended to out (of tok_span):
 * consecutive tokens with the same style and link make one span; plain
 * tokens none; every reference and image one of its own. */
void tok_spans(const tok *t, int from, int to, GArray *out);

/* Text of tokens [from, to) for people: styled runs in Markdown notation
 * (*em*, **strong**, ~~strike~~, `code`, [text](url)). Caller frees. */
char *tok_text(const tok *t, int from, int to);

int tok_words(const tok *t, int n);

#endif

/* spelling: Dutch spell checking of a document's running text, with hunspell
 * and Debian's hunspell-nl dictionary.
 *
 * What is checked: the words of paragraphs, headings, list items, table cells
 * and notes. What is not: code, URLs and e-mail addresses (anything with
 * "://", '@' or a dot inside), words with digits, citation keys, entries of
 * the literature list, and names. A name is a capitalised word that does not
 * start a sentence ("we spraken met Movisie"), or a word with more capitals
 * than its first letter ("ThiemeMeulenhoff", "WMO-hulp"), or an all-capital
 * word of up to five letters ("SWN", "BPSW"). A capitalised word that starts
 * a sentence or a heading is checked: hunspell accepts it when the word is
 * Dutch, and a name there belongs in the word list. Longer all-capital words
 * (headings like "INLEIDING") are checked.
 *
 * Dutch conventions the dictionary does not know: an accent for emphasis on
 * any vowel ("óók", "zèlf") is accepted when the word without it is right; a
 * hyphenated word is accepted when its parts are, unless written as one word
 * it is right too ("voor-speller" is reported: "voorspeller"); a prefix or
 * suffix of a shared compound ("lees- en reflectieplezier", "-deling") is
 * not checked; "gezin(s)" style brackets inside a word are read without them.
 *
 * Known-good words: the project's word list (content/woordenlijst.txt, one
 * word per line, '#' starts a comment) and the document's front matter
 * `words: [...]`. A word is compared as written and, at the start of a
 * sentence, also with its first letter in lower case.
 *
 * Findings are warnings (check name "spelling") with hunspell's suggestions.
 * Every distinct word is looked up once per run, however often it occurs. */
#ifndef STATUUT_SPELLING_H
#define STATUUT_SPELLING_H

#include "statuut/diag.h"
#include "statuut/doc.h"

/* The default dictionary: /usr/share/hunspell/nl_NL.aff and .dic. */
#define SPELL_DICTIONARY "/usr/share/hunspell/nl_NL"

typedef struct speller speller; /* the dictionary and the verdicts so far */

/* Loads dic_base.aff and dic_base.dic. Returns NULL with *err set (caller
 * frees) when they are missing. Free with spell_free. */
speller *spell_new(const char *dic_base, char **err);
void spell_free(speller *s);

/* Reads a word list into a set (keys owned by the table; free it with
 * g_hash_table_destroy). A file that does not exist is an empty list;
 * NULL with *err set when it cannot be read. */
GHashTable *spell_read_words(const char *path, char **err);

/* One word of running text as the checker sees it. */
typedef struct {
  size_t start;        /* byte offset in the text of the word as written */
  char *word;          /* the word without surrounding punctuation; owned */
  bool sentence_start; /* the word starts a sentence */
  bool dot;            /* a full stop follows: maybe an abbreviation ("bijv.") */
  bool skip;           /* URL, number, address, half of a compound: not a word */
} spell_token;

/* Splits text into words. *sentence_start says whether the text starts a
 * sentence and is updated for the text that follows. Returns a GArray of
 * spell_token; free with spell_tokens_free. */
GArray *spell_tokens(const char *text, bool *sentence_start);
void spell_tokens_free(GArray *tokens);

/* Checks the running text of d. `project` is the project's word list (may be
 * NULL); the document's `words:` are added for d alone. */
void spell_check(speller *s, const doc *d, GHashTable *project, diag_list *out);

#endif

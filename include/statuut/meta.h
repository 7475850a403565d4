/* meta: a document version's YAML front matter, read with libyaml.
 *
 *   ---
 *   title: "Kwaliteit moet je doen!"
 *   subtitle: "Kwaliteitsstatuut wijkteams"   # optional
 *   version: "1.0"
 *   date: 2022-11-01
 *   status: vastgesteld                       # concept | vastgesteld | vervallen
 *   summary: "Eerste versie."                 # optional
 *   ---
 *
 * Unknown keys are kept, in order, for templates. */
#ifndef STATUUT_META_H
#define STATUUT_META_H

#include "statuut/diag.h"
#include <glib.h>
#include <stdbool.h>

typedef enum { STATUS_CONCEPT, STATUS_VASTGESTELD, STATUS_VERVALLEN, STATUS_MAX } doc_status;

/* One top-level key. A scalar has `value`; a sequence of scalars has `items`. */
typedef struct {
  char *key;
  char *value;      /* NULL for a sequence */
  GPtrArray *items; /* of char*, NULL for a scalar */
  int line, col;    /* of the key in the source file */
  int vline, vcol;  /* of the value */
} meta_field;

typedef struct {
  GPtrArray *fields; /* of meta_field*, in source order, owned */
  GHashTable *index; /* key -> its first field, for meta_field_get; owned; NULL
                        (a meta made by hand): the fields are searched in turn */
  /* Views into `fields` (NULL when absent), validated by meta_parse: */
  const char *title, *subtitle, *version, *date, *summary;
  doc_status status;
  int body_line; /* 1-based line where the Markdown body starts */
  size_t body_offset;
} meta;

/* Splits the front matter off `src` (len bytes, which must be valid UTF-8) and
 * reads it. Problems go to `diags` under `file` with their line and column.
 * Returns false when the front matter is missing or unreadable as YAML; the
 * fields it could read are kept either way. Free with meta_clear. */
bool meta_parse(meta *m, const char *src, size_t len, const char *file, diag_list *diags);
/* Reads a YAML settings file alone (site.yaml: key: value lines, no '---'
 * around them, no field required). first_line is the file's line of the
 * first line of yaml; problems go to diags as `check`. Free with meta_clear. */
bool meta_parse_mapping(meta *m, const char *yaml, size_t len, int first_line, const char *file,
                        diag_check check, diag_list *diags);
void meta_clear(meta *m);

/* The words of a field: the items of a list, or a text split at commas and
 * spaces ("a, b" and [a, b] are the same). NULL-terminated; free with
 * g_strfreev. */
char **meta_field_words(const meta_field *f);

/* Value of a scalar key, or NULL. */
const char *meta_get(const meta *m, const char *key);
const meta_field *meta_field_get(const meta *m, const char *key);

const char *status_name(doc_status s);

/* True when s is a real calendar date written YYYY-MM-DD. */
bool date_valid(const char *s);

/* The short lead a reader sees above the text: the front matter's `lead`,
 * or else the first sentence of `summary` (to its first '.', '!' or '?'
 * followed by a space or the end); NULL when there is neither. The full
 * summary is for the history page and the redline. Caller frees. */
char *meta_lead(const meta *m);

/* A date as Dutch readers write it: "2022-11-01" -> "1 november 2022"; a
 * text that is no valid date is returned as it is ("" for NULL). The one
 * formatter of every page and PDF. Caller frees. */
char *date_dutch(const char *iso);

#endif

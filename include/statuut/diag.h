/* diag: a list of diagnostics (errors and warnings) with their source position.
 *
 * The library never prints. Every module that can find a problem in its input
 * appends to a diag_list the caller owns; main.c sorts and prints it. */
#ifndef STATUUT_DIAG_H
#define STATUUT_DIAG_H

#include <glib.h>
#include <stdarg.h>
#include <stdbool.h>

typedef enum { DIAG_WARNING, DIAG_ERROR, DIAG_SEVERITY_MAX } diag_severity;

/* What found a problem: a closed set, so that callers decide by the kind of a
 * diagnostic (can it be silenced? is it about YAML?) and never by its text.
 * The names are those printed in brackets and written in `ignore:`. */
typedef enum {
  CHECK_NONE,         /* "" */
  CHECK_IO,           /* "io": a file could not be read or written */
  CHECK_ENCODING,     /* "encoding" */
  CHECK_FRONT_MATTER, /* "front-matter" */
  CHECK_CONTENT,      /* "content": the content folder, file names, versions */
  CHECK_SITE,         /* "site": site.yaml */
  CHECK_RAW_HTML,     /* "raw-html" */
  CHECK_FOOTNOTES,    /* "footnotes" */
  CHECK_CITATIONS,    /* "citations" */
  CHECK_LINKS,        /* "links" */
  CHECK_STRUCTURE,    /* "structure" */
  CHECK_SPELLING,     /* "spelling" */
  CHECK_PDF,          /* "pdf": what the typesetting could not show */
  CHECK_NEW,          /* "new": starting a version */
  CHECK_SILENCE,      /* "check": a check comment that cannot be read */
  CHECK_UNSAFE_LINK,  /* "unsafe-link": a link or image URL refused (siteurl.h url_is_safe) */
  CHECK_LIMIT,        /* "limit": a file beyond what statuut reads (doc.h) */
  CHECK_CACHE,        /* "cache": a damaged entry of the build's cache, discarded (cache.h) */
  CHECK_MAX
} diag_check;

/* The printed name of a check. */
const char *diag_check_name(diag_check c);
/* The check called `name`, or CHECK_MAX. */
diag_check diag_check_from_name(const char *name);

typedef struct {
  char *file; /* path as the user named it; may be "" */
  int line;   /* 1-based; 0 when the problem is about the whole file */
  int col;    /* 1-based byte column; 0 when unknown */
  diag_severity severity;
  diag_check check; /* what found it */
  char *message;
} diag;

typedef struct {
  GPtrArray *items; /* of diag*, owned */
} diag_list;

diag_list *diag_list_new(void);
void diag_list_free(diag_list *l);

/* Appends a diagnostic; the strings are copied. */
void diag_add(diag_list *l, diag_severity sev, const char *file, int line, int col,
              diag_check check, const char *fmt, ...) G_GNUC_PRINTF(7, 8);
void diag_addv(diag_list *l, diag_severity sev, const char *file, int line, int col,
               diag_check check, const char *fmt, va_list ap);

/* Moves every item of src to the end of dst; src is left empty. */
void diag_list_take(diag_list *dst, diag_list *src);

/* Calls fn on every item in order and removes (frees) those for which it
 * returns false. fn may change the items it keeps (their severity). */
typedef bool (*diag_keep_fn)(diag *d, void *ctx);
void diag_list_filter(diag_list *l, diag_keep_fn fn, void *ctx);

/* Sorts by file, line, column, keeping insertion order among equals. */
void diag_list_sort(diag_list *l);

unsigned diag_count(const diag_list *l, diag_severity sev);

/* "file:line:col: error: message [check]". The caller frees the result. */
char *diag_format(const diag *d);

#endif

/* pdfua: the post-pass that makes the PDF cairo wrote a PDF/UA-1 file, with
 * libqpdf (its C API, object handles). cairo 1.16 writes the structure tree,
 * the links and the outline but no /Lang, no XMP metadata, no /ID, no
 * /Tabs, no /Contents on links and no Artifacts, and an element it closes
 * at the end of a page is a second element on the next. The drawing code
 * (pdfdraw.h) therefore records, for every structure element it begins, in
 * the order begun, a role (pdfua_role), and the pass finds the elements
 * again in the tree in that order (cairo appends each to its parent when
 * it is begun, so the order is the tree's pre-order; the pass checks the
 * count and each element's type and fails when they differ). cairo accepts
 * only standard structure types, so an artifact is drawn as an element of
 * type Private, which nothing else uses. The roles:
 *
 *   PDFUA_ARTIFACT   not content (running head and foot, rules, change
 *                    bars, a repeated table header): its marked content
 *                    becomes /Artifact BMC ... EMC, the element goes
 *   PDFUA_CONT       continues the nearest element of its type before it
 *                    among its siblings (a paragraph or list from the page
 *                    before, a marked run from the line before): the two
 *                    are one
 *   PDFUA_NOTE       note arg; PDFUA_NOTE_CONT, its piece on the next page,
 *                    joins it
 *   PDFUA_SPAN       a Span whose /ActualText is pdfua_info.actual[arg]
 *                    (the redline's "verwijderd: ..." / "ingevoegd: ...")
 *   PDFUA_FIGURE     a Figure whose /Alt is pdfua_info.actual[arg] (the
 *                    image's description)
 *
 * Then the parent tree is built again from the tree. The output depends
 * only on the input: the /ID is computed from the content (qpdf's
 * deterministic ID). */
#ifndef STATUUT_PDFUA_H
#define STATUUT_PDFUA_H

#include <glib.h>
#include <stddef.h>

/* The structure type artifacts are drawn in. */
#define PDFUA_ARTIFACT_TYPE "Private"

typedef enum {
  PDFUA_PLAIN,
  PDFUA_ARTIFACT,
  PDFUA_CONT,
  PDFUA_NOTE,
  PDFUA_NOTE_CONT,
  PDFUA_SPAN,
  PDFUA_FIGURE,
  PDFUA_ROLE_MAX
} pdfua_role_kind;

typedef struct {
  pdfua_role_kind kind;
  int arg;          /* NOTE, NOTE_CONT: the note; SPAN: the index of its ActualText;
                       FIGURE: the index of its /Alt in the same table */
  const char *type; /* the structure type it was begun with ("P"); static */
} pdfua_role;

typedef struct {
  const char *lang;        /* the document's language, "nl-NL" */
  const char *title;       /* as in the Info dictionary (UTF-8) */
  const char *author;      /* may be NULL */
  const char *subject;     /* may be NULL */
  const char *keywords;    /* may be NULL */
  const char *date;        /* ISO 8601 in UTC, "2022-11-01T00:00:00Z" */
  const GArray *roles;     /* of pdfua_role: every structure element, in the order begun */
  const GPtrArray *actual; /* of char*: the ActualText of PDFUA_SPAN elements */
  GHashTable *dest_labels; /* destination name -> what a link there leads to (the
                              link annotation's /Contents); may be NULL */
} pdfua_info;

/* The PDF pdf (len bytes, as cairo wrote it) rewritten as described above.
 * Returns the new file (caller frees with g_free) and its length in
 * *out_len; NULL with a message in *err (caller frees) when qpdf cannot
 * read or write it. */
char *pdfua_finish(const char *pdf, size_t len, const pdfua_info *info, size_t *out_len,
                   char **err);

#endif

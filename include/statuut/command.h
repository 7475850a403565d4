/* command: what `html`, `text`, `pdf` and `diff` do, between the argument
 * parsing of main.c and the renderers.
 *
 * Every command takes the same steps: load the documents (the model, once),
 * find the site they belong to (site.yaml in the content folder above a
 * document's folder: its title and base URL), hand the models to the
 * renderer of the format (text and JSON in the binary, HTML and PDF through
 * their modules' tables), and return the bytes. Nothing is printed or
 * written here: problems with a position go to diags, others to *err
 * (caller frees); main.c prints both and writes the output. `build` is
 * site.h, `check` check.h, `new` newversion.h. */
#ifndef STATUUT_COMMAND_H
#define STATUUT_COMMAND_H

#include "statuut/diag.h"
#include "statuut/pdfmodule.h"
#include <stdbool.h>
#include <stddef.h>

/* The output of a command: bytes (owned, may hold NULs: a PDF) or NULL. */
typedef struct {
  char *data;
  size_t len;
} command_output;

void command_output_clear(command_output *out);

/* `statuut text [--since] FILE.md`. With since, every block is marked with
 * since when it reads so (since.h), from the versions of the document
 * folder FILE.md is in; *err (caller frees) when it is in none. */
bool command_text(const char *md_path, bool since, command_output *out, diag_list *diags,
                  char **err);

/* `statuut html FILE.md`: the page alone, its stylesheet inside;
 * site-rooted links point to the published site when site.yaml gives
 * base_url. */
bool command_html(const char *md_path, const char *templates_dir, command_output *out,
                  diag_list *diags, char **err);

/* `statuut pdf FILE.md`, its body's lines numbered as asked; report may be
 * NULL. */
bool command_pdf(const char *md_path, pdf_line_numbers lines, int threads, command_output *out,
                 pdf_report *report, diag_list *diags, char **err);

typedef enum {
  COMMAND_DIFF_TEXT,
  COMMAND_DIFF_HTML,
  COMMAND_DIFF_JSON,
  COMMAND_DIFF_PDF,
  COMMAND_DIFF_FORMAT_MAX
} command_diff_format;

typedef struct {
  command_diff_format format;
  bool color;                /* text: ANSI colours */
  const char *templates_dir; /* html */
  pdf_line_numbers lines;    /* pdf: number the body's lines; json: give each change its
                                page and line in the PDF numbered so ("pdf": {...}) */
  int threads;               /* pdf, and json with lines: threads to typeset with (pdf_options) */
} command_diff_options;

/* `statuut diff OLD.md NEW.md`: *differs tells whether anything changed
 * (the exit status of diff(1)). */
bool command_diff(const char *old_path, const char *new_path, const command_diff_options *o,
                  command_output *out, bool *differs, diag_list *diags, char **err);

/* The paths of versions a and b of document slug in content_dir, after
 * checking that slug and versions are well formed (else NULL, reason in
 * *err). Caller frees both with g_free. */
bool command_version_paths(const char *content_dir, const char *slug, const char *a, const char *b,
                           char **old_path, char **new_path, char **err);

#endif

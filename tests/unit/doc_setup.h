/* Documents for the unit tests of the model and the diff: a body under a
 * front matter that passes every check, and a Markdown file read from disk.
 * Included by one test file each, so the statics are that file's; include
 * it after cmocka.h. */
#ifndef STATUUT_TEST_DOC_SETUP_H
#define STATUUT_TEST_DOC_SETUP_H

#include "statuut/doc.h"

#include <glib.h>
#include <string.h>

/* body under the front matter of a version 1.0, vastgesteld. Caller frees. */
G_GNUC_UNUSED static doc *doc_of_body(const char *body) {
  char *src = g_strdup_printf("---\ntitle: \"T\"\nversion: \"1.0\"\ndate: 2022-11-01\n"
                              "status: vastgesteld\n---\n\n%s",
                              body);
  diag_list *l = diag_list_new();
  doc *d = doc_parse("x.md", src, strlen(src), l);
  diag_list_free(l);
  g_free(src);
  assert_non_null(d);
  return d;
}

/* The file at path, parsed; NULL when it cannot be used. Caller frees. */
G_GNUC_UNUSED static doc *doc_of_file(const char *path) {
  char *src = NULL;
  gsize len = 0;
  assert_true(g_file_get_contents(path, &src, &len, NULL));
  diag_list *l = diag_list_new();
  doc *d = doc_parse(path, src, len, l);
  diag_list_free(l);
  g_free(src);
  return d;
}

#endif

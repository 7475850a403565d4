/* htmlmodule: the HTML pages (html.h) and the site build (site.h), as the
 * module statuut-html.so exports them (see module.h). */
#ifndef STATUUT_HTMLMODULE_H
#define STATUUT_HTMLMODULE_H

#include "statuut/html.h"
#include "statuut/module.h"
#include "statuut/site.h"

typedef struct {
  module_header header;
  char *(*standalone)(const char *md_path, const char *templates_dir, diag_list *diags, size_t *len,
                      char **err);
  char *(*diff_page)(const diff_result *r, const char *templates_dir, size_t *len, char **err);
  bool (*site_build)(const site_options *o, diag_list *diags, char **err);
} html_module;

/* The HTML pages, loading the module on the first call; NULL with *err set
 * (caller frees) when it cannot be loaded. */
static inline const html_module *html_module_get(char **err) {
  return module_load("statuut-html.so", "statuut_html_module", sizeof(html_module), err);
}

#endif

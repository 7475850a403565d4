/* fuzz_doc: one Markdown file with front matter -> the model -> text, the
 * checks of `statuut check` (no spelling), the HTML pages of a version
 * (alone and in a site, its history, the index, the feed) and, for one input
 * in eight (fuzz.h), the PDF. Each output is made only when the commands
 * would make it: text when the file has no errors, pages and PDF when its
 * front matter also has what they show (command.c, load). */
#include "fuzz.h"
#include "statuut/check.h"
#include "statuut/text.h"

#include <string.h>

static bool renderable(const doc *d, const diag_list *diags) {
  return !diag_count(diags, DIAG_ERROR) && d->meta.title && d->meta.version && d->meta.date &&
         d->meta.status != STATUS_MAX;
}

static void pages(const doc *d, const content_doc *cd, const content *c) {
  const html_module *m = fuzz_html();
  const html_templates *t = fuzz_templates();
  size_t len;
  html_ctx alone = {.root = "https://example.org/", .site_title = "Fuzz"};
  g_free(m->page_document(t, d, NULL, &alone, &len));
  html_ctx in_site = {.root = "../../",
                      .canonical = "https://example.org/doc/1.0/",
                      .site_title = c->site_title,
                      .site = c};
  g_free(m->page_document(t, d, cd, &in_site, &len));
  in_site.root = "../";
  g_free(m->page_history(t, cd, &in_site, &len));
  in_site.root = "";
  g_free(m->page_index(t, c, &in_site, &len));
  g_free(m->feed(c, &len));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  diag_list *diags = diag_list_new();
  doc *d = doc_parse("content/doc/1.0.md", (const char *)data, size, diags);
  if (d) {
    if (!diag_count(diags, DIAG_ERROR)) g_free(text_render(d));
    /* A content of one document with this one version, as content_load
     * makes it, for the checks and the site's pages. */
    content_doc *cd = g_new0(content_doc, 1);
    cd->slug = g_strdup("doc");
    cd->versions = g_ptr_array_new();
    g_ptr_array_add(cd->versions, d);
    content c = {.dir = (char *)"content",
                 .site_title = (char *)"Fuzz",
                 .base_url = (char *)"https://example.org/",
                 .docs = g_ptr_array_new()};
    g_ptr_array_add(c.docs, cd);
    check_options co = {.spelling = false};
    check_content(&c, &co, diags);
    if (renderable(d, diags)) {
      pages(d, cd, &c);
      if (fuzz_pdf_due(data, size)) {
        pdf_options o = {"https://example.org/", PDF_LINES_NONE, 1};
        pdf_report report;
        size_t len;
        g_free(fuzz_pdfm()->render(fuzz_pdf_engine(), d, &o, &len, &report, diags));
      }
    }
    g_ptr_array_free(c.docs, TRUE);
    g_ptr_array_free(cd->versions, TRUE);
    g_free(cd->slug);
    g_free(cd);
    doc_free(d);
  }
  diag_list_free(diags);
  return 0;
}

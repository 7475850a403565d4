/* fuzz_diff: two versions of a document -> the diff model -> JSON, text,
 * the redline page and, for one input in eight (fuzz.h), the redline PDF.
 * The input is the old version, a NUL byte, the new version (no Markdown
 * file holds a NUL: doc_parse refuses it). As `statuut diff` does, the two
 * are compared only when both parse without errors. */
#include "fuzz.h"
#include "statuut/diffout.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *src = (const char *)data;
  const char *sep = memchr(src, '\0', size);
  if (!sep) return 0;
  size_t old_len = (size_t)(sep - src);
  diag_list *diags = diag_list_new();
  doc *old_doc = doc_parse("content/doc/1.0.md", src, old_len, diags);
  doc *new_doc = doc_parse("content/doc/1.1.md", sep + 1, size - old_len - 1, diags);
  if (old_doc && new_doc && !diag_count(diags, DIAG_ERROR)) {
    diff_result *r = diff_docs(old_doc, new_doc);
    (void)diff_any(r);
    g_free(diffout_json(r));
    g_free(diffout_text(r, false));
    g_free(diffout_text(r, true));
    const html_module *m = fuzz_html();
    size_t len;
    html_ctx alone = {.site_title = "Fuzz"};
    g_free(m->page_diff(fuzz_templates(), r, &alone, NULL, NULL, &len));
    html_ctx in_site = {
        .root = "../../", .canonical = "https://example.org/doc/1.0-1.1/", .site_title = "Fuzz"};
    g_free(m->page_diff(fuzz_templates(), r, &in_site, "doc/index.html", "doc/1.0-1.1.pdf", &len));
    if (fuzz_pdf_due(data, size)) {
      pdf_options o = {"https://example.org/", PDF_LINES_PAGE, 1};
      g_free(fuzz_pdfm()->render_diff(fuzz_pdf_engine(), r, &o, &len, NULL, diags));
    }
    diff_free(r);
  }
  doc_free(old_doc);
  doc_free(new_doc);
  diag_list_free(diags);
  return 0;
}

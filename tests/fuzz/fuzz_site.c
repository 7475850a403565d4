/* fuzz_site: a content folder -> `statuut build` (site_build): the content
 * loader, the checks, the site's pages, the file system helpers.
 *
 * The input is a few files: each is a line with its path in the content
 * folder, then its bytes, and a NUL byte ends it:
 *
 *   site.yaml\ntitle: X\n\0doc/1.0.md\n---\n...\0doc/1.1.md\n...
 *
 * A path is at most two names of [a-z0-9._-] (no "." or ".."): site.yaml,
 * slug/version.md, anything else the loader must refuse. Other paths are
 * skipped. The files are written to a fresh folder, the site is built into
 * another with the repository's templates, and both are removed.
 *
 * The PDF engine is not part of this target (fuzz_doc and fuzz_diff typeset):
 * a build typesets every version and every redline, hundreds of times the
 * cost of the rest. This program's table statuut_pdf_module, found by
 * module_load before any file, stands in for it with a few fixed bytes. */
#include "fuzz.h"
#include "statuut/site.h"

#include <string.h>

struct pdf_engine {
  int unused;
};

static pdf_engine stub_engine;

static pdf_engine *stub_open(char **err) {
  (void)err;
  return &stub_engine;
}

static void stub_free(pdf_engine *e) {
  (void)e;
}

static char *stub_pdf(size_t *len) {
  static const char pdf[] = "%PDF-1.4\n%stub\n%%EOF\n";
  *len = sizeof pdf - 1;
  return g_memdup2(pdf, sizeof pdf - 1);
}

static char *stub_render(pdf_engine *e, const doc *d, const pdf_options *o, size_t *len,
                         pdf_report *report, diag_list *diags) {
  (void)e, (void)d, (void)o, (void)diags;
  if (report) memset(report, 0, sizeof *report);
  return stub_pdf(len);
}

static char *stub_render_diff(pdf_engine *e, const diff_result *r, const pdf_options *o,
                              size_t *len, pdf_report *report, diag_list *diags) {
  (void)e, (void)r, (void)o, (void)diags;
  if (report) memset(report, 0, sizeof *report);
  return stub_pdf(len);
}

MODULE_EXPORT(pdf_module, statuut_pdf_module) = {MODULE_HEADER(pdf_module), stub_open, stub_free,
                                                 stub_render, stub_render_diff};

static bool name_ok(const char *s, size_t n) {
  if (n == 0 || n > 40 || (n == 1 && s[0] == '.') || (n == 2 && s[0] == '.' && s[1] == '.'))
    return false;
  for (size_t i = 0; i < n; i++)
    if (!g_ascii_islower(s[i]) && !g_ascii_isdigit(s[i]) && !strchr("._-", s[i])) return false;
  return true;
}

/* A path of one or two names. */
static bool path_ok(const char *s, size_t n) {
  const char *slash = memchr(s, '/', n);
  if (!slash) return name_ok(s, n);
  size_t a = (size_t)(slash - s);
  return name_ok(s, a) && name_ok(slash + 1, n - a - 1);
}

#define MAX_FILES 8

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *content_dir = g_build_filename(fuzz_tmp(), "content", NULL);
  char *out_dir = g_build_filename(fuzz_tmp(), "site", "out", NULL);
  g_mkdir_with_parents(content_dir, 0755);
  const char *p = (const char *)data, *end = p + size;
  for (int files = 0; p < end && files < MAX_FILES;) {
    const char *stop = memchr(p, '\0', (size_t)(end - p));
    if (!stop) stop = end;
    const char *nl = memchr(p, '\n', (size_t)(stop - p));
    if (nl && path_ok(p, (size_t)(nl - p))) {
      char *rel = g_strndup(p, (size_t)(nl - p));
      char *path = g_build_filename(content_dir, rel, NULL);
      /* a name used twice, or a file where a folder is wanted: the first wins */
      if (!g_file_test(path, G_FILE_TEST_EXISTS)) {
        char *dir = g_path_get_dirname(path);
        if (!g_file_test(dir, G_FILE_TEST_EXISTS) || g_file_test(dir, G_FILE_TEST_IS_DIR)) {
          fuzz_write(path, nl + 1, (size_t)(stop - nl - 1));
          files++;
        }
        g_free(dir);
      }
      g_free(path);
      g_free(rel);
    }
    p = stop + 1;
  }
  /* no search, no fonts; in this process, where the fuzzer sees it */
  site_options o = {.content_dir = content_dir,
                    .templates_dir = SOURCE_DIR "/templates",
                    .out_dir = out_dir,
                    .jobs = 1};
  diag_list *diags = diag_list_new();
  char *err = NULL;
  (void)site_build(&o, diags, &err);
  g_free(err);
  diag_list_free(diags);
  fuzz_remove(content_dir);
  char *site_dir = g_path_get_dirname(out_dir);
  fuzz_remove(site_dir);
  g_free(site_dir);
  g_free(out_dir);
  g_free(content_dir);
  return 0;
}

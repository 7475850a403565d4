/* site: see include/statuut/site.h
 *
 * The orchestration of `statuut build`, in the binary: it loads and checks
 * the content, decides which pages and PDFs the site has (the URL table of
 * siteurl.h) and writes them, and has them made by the HTML and PDF modules
 * through their tables. */
#define _POSIX_C_SOURCE 200809L
#include "statuut/site.h"
#include "statuut/cache.h"
#include "statuut/check.h"
#include "statuut/content.h"
#include "statuut/diff.h"
#include "statuut/fsutil.h"
#include "statuut/htmlmodule.h"
#include "statuut/hyph.h"
#include "statuut/module.h"
#include "statuut/pdfmodule.h"
#include "statuut/since.h"
#include "statuut/siteurl.h"
#include "statuut/stage.h"
#include "statuut/workers.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <jansson.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

/* manifest.json's marker: {"statuut": 1, "documents": [...]}. */
#define MANIFEST_KEY "statuut"
enum { MANIFEST_FORMAT = 1 };

/* The work the workers share: a version (its page and PDF), a redline (its
 * page and, for some pairs, its PDF), a document's latest/ page. */
typedef enum { JOB_VERSION, JOB_DIFF, JOB_LATEST } job_kind;

typedef struct {
  job_kind kind;
  guint doc;  /* in c->docs */
  guint a, b; /* the version (VERSION, LATEST); the older and newer (DIFF) */
  bool pdf;   /* DIFF: with its PDF (pair_has_pdf) */
} job;

typedef struct {
  const content *c;
  diag_list *diags;
  const html_module *html; /* the pages' entry points */
  const html_templates *t;
  bool search;            /* the site gets a search index and page */
  const pdf_module *pdfm; /* the engine's entry points */
  pdf_engine *pdf;
  stage *stage;     /* where the site is written, then swapped in (stage.h); owned */
  GPtrArray *urls;  /* site-relative page paths for the sitemap, owned */
  GPtrArray *since; /* of since_chain*, one per document of c->docs (NULL until since_of), owned */
  char **err;
  GArray *jobs; /* of job, in the order of the sequential build */
  guint *left;  /* per document, its jobs not done yet; owned */
  site_progress p;
  site_progress_fn progress;
  void *progress_ctx;
  bool pdfs;           /* false: --no-pdf, the pages alone */
  cache *cache;        /* NULL: no cache; owned */
  cache_key *salt;     /* what every output depends on (build_salt); owned */
  cache_key *pages;    /* and every page besides (pages_salt); owned */
  GPtrArray *doc_keys; /* of cache_key*, per document: everything of it (doc_key); owned */
  GPtrArray *assets;   /* of char*, per document: its folder's other files (doc_assets); owned */
  bool cache_failed;   /* a store failed in this process: no more tries, one warning */
  diff_opts dopts;     /* how its diffs are made: one memo (owned), no JSON spans */
} build;

static void report_progress(const build *b) {
  if (b->progress) b->progress(&b->p, b->progress_ctx);
}

/* Whether the file at path holds exactly data: in a tree taken from the
 * build before (stage_taken) most outputs are there already, and reading
 * one is cheaper than a new file for it. */
static bool holds(const char *path, const char *data, size_t len) {
  struct stat st;
  if (lstat(path, &st) != 0 || !S_ISREG(st.st_mode) || (size_t)st.st_size != len) return false;
  size_t n;
  char *ignored = NULL;
  char *there = fs_read(path, &n, &ignored);
  bool same = there && n == len && memcmp(there, data, len) == 0;
  g_free(there);
  g_free(ignored);
  return same;
}

static bool put(build *b, const char *rel, const char *data, size_t len) {
  char *path = g_build_filename(stage_dir(b->stage), rel, NULL);
  bool ok = (stage_taken(b->stage) && holds(path, data, len)) || fs_write(path, data, len, b->err);
  g_free(path);
  return ok && stage_placed(b->stage, rel, false, b->err);
}

/* ---- the cache (cache.h) ----
 *
 * Every page and PDF a job makes is keyed by all it is made from, the
 * build's salt first (build_salt): statuut's own bytes, site.yaml. A
 * version's PDF adds its source (path and bytes) and its document folder's
 * other files (images); a redline's PDF both versions'. The engine reads
 * no template. A page adds the templates and the options (pages_salt): a
 * redline page the two versions it compares, a version page its whole
 * document (doc_key), since it shows the other versions (since-when marks,
 * the list of versions). Outputs
 * made outside the jobs (the index, the histories, the sitemap, the feed)
 * are cheap and always made; manifest.json is made of entries cached per
 * document (write_manifest), and each document's search index is keyed by
 * the keys of the pages it reads (search_key). */

/* The hex key of salt extended by what; caller frees. */
static char *key_of(const cache_key *base, const char *what, guint x, guint y, guint z) {
  cache_key *k = cache_key_copy(base);
  cache_key_str(k, what);
  cache_key_uint(k, x);
  cache_key_uint(k, y);
  cache_key_uint(k, z);
  char *hex = cache_key_hex(k);
  cache_key_free(k);
  return hex;
}

/* A page of document di; NULL without a cache. */
static char *page_key(const build *b, guint di, const char *what, guint x, guint y, guint z) {
  return b->cache ? key_of(g_ptr_array_index(b->doc_keys, di), what, x, y, z) : NULL;
}

/* An output made from one version (old_doc NULL) or from a pair: base,
 * what, the document folder's other files and the versions' paths and
 * bytes; NULL without a cache. */
static char *versions_key(const build *b, const cache_key *base, const char *what, guint di,
                          const doc *old_doc, const doc *d) {
  if (!b->cache) return NULL;
  const content_doc *cd = g_ptr_array_index(b->c->docs, di);
  cache_key *k = cache_key_copy(base);
  cache_key_str(k, what);
  cache_key_str(k, cd->slug);
  cache_key_str(k, g_ptr_array_index(b->assets, di));
  if (old_doc) {
    cache_key_str(k, old_doc->path);
    cache_key_str(k, old_doc->digest);
  }
  cache_key_str(k, d->path);
  cache_key_str(k, d->digest);
  char *hex = cache_key_hex(k);
  cache_key_free(k);
  return hex;
}

/* A version's page at where (URL_VERSION or URL_LATEST). */
static char *version_key(const build *b, guint di, url_kind where, guint v) {
  return page_key(b, di, "version", where, v, 0);
}

/* A redline job's page. The page shows the two versions and links to the
 * history and the PDF: it does not change with the document's other
 * versions. */
static char *redline_key(const build *b, const job *jb) {
  const content_doc *cd = g_ptr_array_index(b->c->docs, jb->doc);
  return versions_key(b, b->pages, jb->pdf ? "redline+pdf" : "redline", jb->doc,
                      g_ptr_array_index(cd->versions, jb->a),
                      g_ptr_array_index(cd->versions, jb->b));
}

/* A PDF of one version (old_doc NULL) or of a redline. */
static char *pdf_key(const build *b, guint di, const doc *old_doc, const doc *d) {
  return versions_key(b, b->salt, old_doc ? "redline-pdf" : "pdf", di, old_doc, d);
}

/* The warning for a damaged entry, which the caller makes again. */
static void damaged(build *b, const char *key, const char *rel, const char *why, diag_list *diags) {
  char *entry = cache_entry_path(b->cache, key);
  diag_add(diags, DIAG_WARNING, entry, 0, 0, CHECK_CACHE,
           "damaged cache entry of %s discarded and made again: %s", rel, why);
  g_free(entry);
}

/* Places the output rel from the cache entry of key, with the diagnostics
 * its making gave; false when there is none (or no cache). A damaged entry
 * is discarded with a warning: the caller makes the output again. */
static bool from_cache(build *b, const char *key, const char *rel, diag_list *diags) {
  if (!b->cache || !key) return false;
  char *path = g_build_filename(stage_dir(b->stage), rel, NULL);
  char *why = NULL;
  cache_status st = cache_get_file(b->cache, key, path, diags, &why);
  if (why) damaged(b, key, rel, why, diags);
  g_free(why);
  g_free(path);
  /* A hit the stage cannot be told of (a worker that cannot write its list)
   * is a miss: the put that follows fails the same way, with *b->err set. */
  return st == CACHE_HIT && stage_placed(b->stage, rel, false, b->err);
}

/* Stores an output just made. A cache that cannot be written costs the
 * next build its speed, not this build: one warning, no more tries. */
static void to_cache(build *b, const char *key, const char *data, size_t len, const diag_list *made,
                     diag_list *diags) {
  if (!b->cache || !key || b->cache_failed) return;
  char *err = NULL;
  if (!cache_put(b->cache, key, data, len, made, &err)) {
    diag_add(diags, DIAG_WARNING, cache_dir(b->cache), 0, 0, CHECK_CACHE,
             "%s; the build goes on without storing its outputs", err);
    b->cache_failed = true;
  }
  g_free(err);
}

/* Adds every file of a folder tree to k, by name and bytes, in name order;
 * top-level files ending in skip (NULL: none) are left out. */
static void key_tree(cache_key *k, const char *dir, const char *skip) {
  char *ignored = NULL;
  char **names = fs_list_dir(dir, &ignored);
  g_free(ignored);
  for (char **n = names; n && *n; n++) {
    char *path = g_build_filename(dir, *n, NULL);
    if (fs_is_dir(path)) {
      cache_key_str(k, "dir");
      cache_key_str(k, *n);
      key_tree(k, path, NULL);
      cache_key_str(k, "end");
    } else if (!skip || !g_str_has_suffix(*n, skip)) {
      cache_key_str(k, *n);
      cache_key_file(k, path);
    }
    g_free(path);
  }
  g_strfreev(names);
}

/* The bytes of a file of statuut's own, for the salt: the binary and the
 * modules that make pages and PDFs. */
static void key_own_file(cache_key *k, const char *path) {
  cache_key_str(k, path);
  cache_key_file(k, path);
}

/* What every output depends on: statuut itself (its build id, the bytes of
 * the binary, of its HTML and PDF modules and of the hyphenation
 * patterns), SOURCE_DATE_EPOCH (the PDFs' dates), the site's settings
 * (site.yaml's bytes and what was read from it). The system's fonts and
 * libraries are not in it (README: delete the cache after upgrading
 * them). Caller frees. */
static cache_key *build_salt(const build *b) {
  cache_key *k = cache_key_new();
  cache_key_str(k, "statuut build cache 1");
  cache_key_str(k, module_build_id());
  char *exe = g_file_read_link("/proc/self/exe", NULL);
  if (exe) key_own_file(k, exe);
  g_free(exe);
  const char *const modules[] = {"statuut-html.so", "statuut-pdf.so"};
  for (size_t i = 0; i < G_N_ELEMENTS(modules); i++) {
    char *path = module_path(modules[i]);
    key_own_file(k, path);
    g_free(path);
  }
  key_own_file(k, HYPH_NL_DICT);
  cache_key_str(k, getenv("SOURCE_DATE_EPOCH"));
  char *site_yaml = g_build_filename(b->c->dir, "site.yaml", NULL);
  cache_key_file(k, site_yaml);
  g_free(site_yaml);
  cache_key_str(k, b->c->site_title);
  cache_key_str(k, b->c->base_url);
  return k;
}

/* What every page depends on besides: every file of the templates folder,
 * and the options that change pages (search, PDFs). Caller frees. */
static cache_key *pages_salt(const build *b, const site_options *o) {
  cache_key *k = cache_key_copy(b->salt);
  cache_key_str(k, "templates");
  key_tree(k, o->templates_dir, NULL);
  cache_key_uint(k, b->search);
  cache_key_uint(k, b->pdfs);
  return k;
}

/* A document's folder, but for its versions: the images its pages and PDFs
 * may show. Caller frees. */
static char *doc_assets(const build *b, const content_doc *cd) {
  cache_key *k = cache_key_new();
  char *dir = g_build_filename(b->c->dir, cd->slug, NULL);
  key_tree(k, dir, ".md");
  g_free(dir);
  char *hex = cache_key_hex(k);
  cache_key_free(k);
  return hex;
}

/* Everything of a document's pages: the pages' salt, its slug, each
 * version's path and bytes, its other files. */
static cache_key *doc_key(const build *b, const content_doc *cd, const char *assets) {
  cache_key *k = cache_key_copy(b->pages);
  cache_key_str(k, "document");
  cache_key_str(k, cd->slug);
  cache_key_str(k, assets);
  cache_key_uint(k, cd->versions->len);
  for (guint i = 0; i < cd->versions->len; i++) {
    const doc *d = g_ptr_array_index(cd->versions, i);
    cache_key_str(k, d->path);
    cache_key_str(k, d->digest);
  }
  return k;
}

static char *abs_url(const content *c, const char *rel) {
  return c->base_url ? g_strconcat(c->base_url, rel, NULL) : NULL;
}

/* How a page of kind `where` refers to the rest of the site. */
static html_ctx page_ctx(const build *b, url_kind where, const char *canonical) {
  html_ctx ctx = {.root = url_root(where),
                  .canonical = canonical,
                  .site_title = b->c->site_title,
                  .site = b->c,
                  .search = b->search,
                  .no_pdf = !b->pdfs};
  return ctx;
}

/* The PDF engine, opened before the workers are forked when some PDF is to
 * be made (pdfs_to_make), else never: its fonts and hyphenation patterns
 * are a tenth of a build that finds everything in the cache. NULL with
 * *b->err set when it cannot be opened. */
static pdf_engine *engine(build *b) {
  if (!b->pdf) b->pdf = b->pdfm->engine_open(b->err);
  return b->pdf;
}

/* Whether a job has a PDF: every version's, a redline's where planned. */
static bool job_has_pdf(const build *b, const job *jb) {
  return (jb->kind == JOB_VERSION && b->pdfs) || (jb->kind == JOB_DIFF && jb->pdf);
}

/* Whether a job makes a PDF the cache does not have (or there is no
 * cache): then the engine is opened before the workers are forked, and
 * they share it. */
static bool pdfs_to_make(const build *b) {
  for (guint i = 0; i < b->jobs->len; i++) {
    const job *jb = &g_array_index(b->jobs, job, i);
    if (!job_has_pdf(b, jb)) continue;
    const content_doc *cd = g_ptr_array_index(b->c->docs, jb->doc);
    const doc *d = g_ptr_array_index(cd->versions, jb->kind == JOB_DIFF ? jb->b : jb->a);
    const doc *old = jb->kind == JOB_DIFF ? g_ptr_array_index(cd->versions, jb->a) : NULL;
    char *key = pdf_key(b, jb->doc, old, d);
    bool have = key && cache_has(b->cache, key);
    g_free(key);
    if (!have) return true;
  }
  return false;
}

/* A version's PDF beside its page. *hits counts what came from the
 * cache. */
static bool write_pdf(build *b, guint di, const doc *d, diag_list *diags, unsigned *hits) {
  const content_doc *cd = g_ptr_array_index(b->c->docs, di);
  char *rel = url_file(URL_PDF, cd->slug, d->meta.version, NULL);
  char *key = pdf_key(b, di, NULL, d);
  bool ok = true;
  if (from_cache(b, key, rel, diags)) {
    (*hits)++;
  } else {
    pdf_options o = {b->c->base_url, PDF_LINES_NONE, 1}; /* the workers are the parallelism */
    size_t len;
    diag_list *made = diag_list_new();
    pdf_engine *e = engine(b);
    char *pdf = e ? b->pdfm->render(e, d, &o, &len, NULL, made) : NULL;
    ok = pdf && put(b, rel, pdf, len);
    if (!pdf && !*b->err) *b->err = g_strdup_printf("%s: the PDF could not be made", d->path);
    if (ok) to_cache(b, key, pdf, len, made, diags);
    diag_list_take(diags, made);
    diag_list_free(made);
    g_free(pdf);
  }
  g_free(key);
  g_free(rel);
  return ok;
}

/* Document di's since chain (since.h), made when first asked for: only a
 * version page the cache does not have and a manifest entry it does not
 * have need it, and it is a fifth of a build that finds all else in the
 * cache. The manifest is written before the workers are forked, so they
 * inherit the chains of the documents that changed. */
static const since_chain *since_of(build *b, guint di) {
  since_chain *c = g_ptr_array_index(b->since, di);
  if (!c) {
    const content_doc *cd = g_ptr_array_index(b->c->docs, di);
    c = since_chain_build((const doc *const *)cd->versions->pdata, cd->versions->len, &b->dopts);
    g_ptr_array_index(b->since, di) = c;
  }
  return c;
}

/* One version's page, at its own place (URL_VERSION) or at latest/. The
 * canonical URL is always the version's own. Run by a worker: the sitemap's
 * URL is added by the plan (plan_document). */
static bool write_version(build *b, guint di, guint v, url_kind where, diag_list *diags,
                          unsigned *hits) {
  const content_doc *cd = g_ptr_array_index(b->c->docs, di);
  const doc *d = g_ptr_array_index(cd->versions, v);
  char *rel = url_file(where, cd->slug, d->meta.version, NULL);
  char *key = version_key(b, di, where, v);
  bool ok = true;
  if (from_cache(b, key, rel, diags)) {
    (*hits)++;
  } else {
    char *own = url_dir(URL_VERSION, cd->slug, d->meta.version, NULL);
    char *canonical = abs_url(b->c, own);
    html_ctx ctx = page_ctx(b, where, canonical);
    ctx.since = since_of(b, di);
    ctx.since_version = v;
    ctx.slug = cd->slug;
    size_t len;
    char *html = b->html->page_document(b->t, d, cd, &ctx, &len);
    ok = put(b, rel, html, len);
    if (ok) to_cache(b, key, html, len, NULL, diags);
    g_free(html);
    g_free(canonical);
    g_free(own);
  }
  g_free(key);
  g_free(rel);
  return ok;
}

static bool write_history(build *b, const content_doc *cd) {
  char *dir = url_dir(URL_HISTORY, cd->slug, NULL, NULL);
  char *canonical = abs_url(b->c, dir);
  html_ctx ctx = page_ctx(b, URL_HISTORY, canonical);
  size_t len;
  char *html = b->html->page_history(b->t, cd, &ctx, &len);
  char *rel = url_file(URL_HISTORY, cd->slug, NULL, NULL);
  bool ok = put(b, rel, html, len);
  if (ok) g_ptr_array_add(b->urls, g_strdup(dir));
  g_free(rel);
  g_free(html);
  g_free(canonical);
  g_free(dir);
  return ok;
}

/* Which redlines get a PDF besides their page: those of consecutive
 * versions, and of every version against the one in force, the pairs
 * members print for a meeting. Every pair has its page. */
static bool pair_has_pdf(const content_doc *cd, guint i, guint j) {
  const doc *cur = content_current(cd);
  return j == i + 1 || g_ptr_array_index(cd->versions, i) == cur ||
         g_ptr_array_index(cd->versions, j) == cur;
}

/* The redline of two versions (old_doc older), its page and, when
 * with_pdf, its PDF. Run by a worker, as write_version. */
static bool write_diff(build *b, const job *jb, diag_list *diags, unsigned *hits) {
  guint di = jb->doc;
  bool with_pdf = jb->pdf;
  const content_doc *cd = g_ptr_array_index(b->c->docs, di);
  const doc *old_doc = g_ptr_array_index(cd->versions, jb->a);
  const doc *new_doc = g_ptr_array_index(cd->versions, jb->b);
  const char *va = old_doc->meta.version, *vb = new_doc->meta.version;
  char *pdf_rel = with_pdf ? url_file(URL_DIFF_PDF, cd->slug, va, vb) : NULL;
  char *rel = url_file(URL_DIFF, cd->slug, va, vb);
  char *key = redline_key(b, jb);
  /* The diff is made only for what the cache does not have. */
  diff_result *r = NULL;
  bool ok = true;
  if (from_cache(b, key, rel, diags)) {
    (*hits)++;
  } else {
    char *dir = url_dir(URL_DIFF, cd->slug, va, vb);
    char *canonical = abs_url(b->c, dir);
    char *history = url_file(URL_HISTORY, cd->slug, NULL, NULL);
    html_ctx ctx = page_ctx(b, URL_DIFF, canonical);
    r = diff_docs_with(old_doc, new_doc, &b->dopts);
    size_t len;
    char *html = b->html->page_diff(b->t, r, &ctx, history, pdf_rel, &len);
    ok = put(b, rel, html, len);
    if (ok) to_cache(b, key, html, len, NULL, diags);
    g_free(html);
    g_free(history);
    g_free(canonical);
    g_free(dir);
  }
  /* The redline as PDF beside its page. */
  char *pkey = ok && with_pdf ? pdf_key(b, di, old_doc, new_doc) : NULL;
  if (ok && with_pdf && from_cache(b, pkey, pdf_rel, diags)) {
    (*hits)++;
  } else if (ok && with_pdf) {
    if (!r) r = diff_docs_with(old_doc, new_doc, &b->dopts);
    pdf_options o = {b->c->base_url, PDF_LINES_NONE, 1}; /* the workers are the parallelism */
    size_t pdf_len;
    diag_list *made = diag_list_new();
    pdf_engine *e = engine(b);
    char *pdf = e ? b->pdfm->render_diff(e, r, &o, &pdf_len, NULL, made) : NULL;
    if (!pdf && !*b->err)
      *b->err = g_strdup_printf("%s: the redline PDF could not be made", new_doc->path);
    ok = pdf && put(b, pdf_rel, pdf, pdf_len);
    if (ok) to_cache(b, pkey, pdf, pdf_len, made, diags);
    diag_list_take(diags, made);
    diag_list_free(made);
    g_free(pdf);
  }
  g_free(pkey);
  if (r) diff_free(r);
  g_free(key);
  g_free(pdf_rel);
  g_free(rel);
  return ok;
}

static bool write_index(build *b) {
  char *dir = url_dir(URL_INDEX, NULL, NULL, NULL);
  char *canonical = abs_url(b->c, dir);
  html_ctx ctx = page_ctx(b, URL_INDEX, canonical);
  size_t len;
  char *html = b->html->page_index(b->t, b->c, &ctx, &len);
  char *rel = url_file(URL_INDEX, NULL, NULL, NULL);
  bool ok = put(b, rel, html, len);
  if (ok)
    g_ptr_array_add(b->urls, dir);
  else
    g_free(dir);
  g_free(rel);
  g_free(html);
  g_free(canonical);
  return ok;
}

/* The path of a version's source relative to the content folder, as the
 * pipeline needs it whatever folder the build was started from. */
static char *source_in_content(const content *c, const char *path) {
  char *dir = fs_canonical(c->dir), *file = fs_canonical(path);
  size_t n = dir ? strlen(dir) : 0;
  char *rel = dir && file && strncmp(file, dir, n) == 0 && file[n] == '/' ? g_strdup(file + n + 1)
                                                                          : g_strdup(path);
  g_free(dir);
  g_free(file);
  return rel;
}

/* Where a step of a passage's history is to be seen, relative to the site
 * root: its change in its redline; NULL for the first version. Caller
 * frees. */
static char *step_href(const content_doc *cd, const since_chain *c, const since_step *s) {
  if (!s->change || !s->version) return NULL;
  char *page =
      url_file(URL_DIFF, cd->slug, since_version_at(c, s->version - 1), since_version(c, s));
  char *anchor = diff_change_anchor(s->change, false);
  char *href = g_strconcat(page, "#", anchor, NULL);
  g_free(anchor);
  g_free(page);
  return href;
}

/* The anchor a passage has: its own (a heading, a note) or its point's. */
static const char *passage_id(const doc_node *n) {
  return n->id ? n->id : n->parent && n->parent->type == DOC_ITEM ? n->parent->id : NULL;
}

typedef struct {
  const content_doc *cd;
  const since_chain *c;
  json_t *list;
} since_json;

/* One passage of a version in the manifest: what it is, where it stands in
 * the source, and since when it reads so, with its history. */
static void since_entry(const doc_node *n, const since_history *h, void *vctx) {
  since_json *x = vctx;
  const since_step *r = since_reading(h);
  json_t *e = json_pack("{s:s, s:i}", "block", since_block_name(n), "line", n->line);
  const char *id = passage_id(n);
  if (id) json_object_set_new(e, "id", json_string(id));
  char *text = doc_node_plain_text(n);
  if (g_utf8_strlen(text, -1) > 80) {
    char *cut = g_utf8_substring(text, 0, 79);
    g_free(text);
    text = g_strconcat(cut, "\xe2\x80\xa6", NULL);
    g_free(cut);
  }
  json_object_set_new(e, "text", json_string(text));
  g_free(text);
  json_object_set_new(e, "since", json_string(since_version(x->c, r)));
  json_object_set_new(e, "what", json_string(since_what_name(r->what)));
  json_t *steps = json_array();
  for (guint i = 0; i < h->n; i++) {
    const since_step *s = &h->steps[i];
    json_t *j = json_pack("{s:s, s:s}", "version", since_version(x->c, s), "what",
                          since_what_name(s->what));
    /* the passage's anchor in that version, which may differ from its
     * anchor now (a heading renamed) */
    const char *then = s->block ? passage_id(s->block) : NULL;
    if (then) json_object_set_new(j, "id", json_string(then));
    char *href = step_href(x->cd, x->c, s);
    if (href) json_object_set_new(j, "change", json_string(href));
    if (s == r && href) json_object_set_new(e, "change", json_string(href));
    g_free(href);
    json_array_append_new(steps, j);
  }
  json_object_set_new(e, "history", steps);
  json_array_append_new(x->list, e);
}

/* One document's entry of manifest.json, as the manifest holds it: indented
 * for its place in the list of documents; NULL if jansson refuses it (a
 * string that is not UTF-8, which the checks before a build rule out).
 * Caller frees. */
static GString *manifest_entry(build *b, guint i) {
  const content_doc *cd = g_ptr_array_index(b->c->docs, i);
  const doc *latest = content_latest(cd);
  char *history = url_file(URL_HISTORY, cd->slug, NULL, NULL);
  json_t *versions = json_array(), *diffs = json_array();
  for (guint j = 0; j < cd->versions->len; j++) {
    const doc *d = g_ptr_array_index(cd->versions, j);
    char *html = url_file(URL_VERSION, cd->slug, d->meta.version, NULL);
    json_t *v = json_pack("{s:s, s:s, s:s}", "version", d->meta.version, "date", d->meta.date,
                          "status", status_name(d->meta.status));
    if (d->meta.summary) json_object_set_new(v, "summary", json_string(d->meta.summary));
    char *source = source_in_content(b->c, d->path);
    json_object_set_new(v, "source", json_string(source));
    g_free(source);
    json_object_set_new(v, "html", json_string(html));
    if (b->pdfs) {
      char *pdf = url_file(URL_PDF, cd->slug, d->meta.version, NULL);
      json_object_set_new(v, "pdf", json_string(pdf));
      g_free(pdf);
    }
    since_json sj = {cd, since_of(b, i), json_array()};
    since_each(sj.c, j, since_entry, &sj);
    json_object_set_new(v, "since", sj.list);
    json_array_append_new(versions, v);
    g_free(html);
    /* Every pair, newest first within each version; the PDF where the
     * build made one (pair_has_pdf). */
    for (guint k = j; k-- > 0;) {
      const doc *o = g_ptr_array_index(cd->versions, k);
      char *diff = url_file(URL_DIFF, cd->slug, o->meta.version, d->meta.version);
      json_t *e = json_pack("{s:s, s:s, s:s}", "old", o->meta.version, "new", d->meta.version,
                            "html", diff);
      if (b->pdfs && pair_has_pdf(cd, k, j)) {
        char *pdf_diff = url_file(URL_DIFF_PDF, cd->slug, o->meta.version, d->meta.version);
        json_object_set_new(e, "pdf", json_string(pdf_diff));
        g_free(pdf_diff);
      }
      json_array_append_new(diffs, e);
      g_free(diff);
    }
  }
  json_t *entry = json_pack("{s:s, s:s, s:s, s:s, s:o, s:o}", "slug", cd->slug, "title",
                            latest->meta.title, "history", history, "latest", latest->meta.version,
                            "versions", versions, "diffs", diffs);
  g_free(history);
  char *text = entry ? json_dumps(entry, JSON_INDENT(2)) : NULL;
  json_decref(entry);
  if (!text) return NULL;
  GString *s = g_string_new(NULL);
  for (const char *p = text; *p; p++) {
    g_string_append_c(s, *p);
    if (*p == '\n') g_string_append(s, "    ");
  }
  free(text);
  return s;
}

/* A cache entry's bytes (not a file of the site), or NULL: a miss, or
 * damaged (and so reported) for the output called what. Caller frees. */
static char *cached_bytes(build *b, const char *key, const char *what, size_t *len) {
  if (!b->cache || !key) return NULL;
  char *data = NULL, *why = NULL;
  diag_list *none = diag_list_new(); /* such entries are stored without diagnostics */
  cache_status st = cache_get(b->cache, key, &data, len, none, &why);
  diag_list_free(none);
  if (why) damaged(b, key, what, why, b->diags);
  g_free(why);
  return st == CACHE_HIT ? data : NULL;
}

/* manifest.json: what the website pipeline needs to know, paths relative to
 * the site root. It lists every passage of every version with its history
 * (4 MB for 20 documents of 10 versions), which only the document's own
 * versions decide: each document's entry is cached by the document, so
 * that a build makes only the entries of the documents that changed, and
 * the since chains only for them. Written as jansson writes the whole tree
 * with JSON_INDENT(2). */
static bool write_manifest(build *b) {
  /* The "statuut" key, first, marks the folder as a site statuut built: a
   * later build may replace it, and nothing else (out_allowed, has_marker). */
  GString *s = g_string_new(NULL);
  g_string_append_printf(s, "{\n  \"%s\": %d,\n  \"documents\": [", MANIFEST_KEY, MANIFEST_FORMAT);
  bool whole = true;
  for (guint i = 0; i < b->c->docs->len; i++) {
    GString *e;
    char *key = page_key(b, i, "manifest", b->pdfs, 0, 0);
    size_t len = 0;
    char *data = cached_bytes(b, key, "manifest.json", &len);
    g_string_append(s, i ? ",\n    " : "\n    ");
    if (data) {
      g_string_append_len(s, data, (gssize)len);
    } else if ((e = manifest_entry(b, i))) {
      to_cache(b, key, e->str, e->len, NULL, b->diags);
      g_string_append_len(s, e->str, (gssize)e->len);
      g_string_free(e, TRUE);
    } else {
      const content_doc *cd = g_ptr_array_index(b->c->docs, i);
      if (!*b->err)
        *b->err = g_strdup_printf("manifest.json: the entry of %s cannot be written", cd->slug);
      whole = false;
    }
    g_free(data);
    g_free(key);
    if (!whole) break;
  }
  g_string_append(s, b->c->docs->len ? "\n  ]\n}\n" : "]\n}\n");
  bool ok = whole && put(b, "manifest.json", s->str, s->len);
  g_string_free(s, TRUE);
  return ok;
}

/* sitemap.xml lists every page; its <loc> must be absolute, so it is written
 * only when site.yaml gives base_url. */
static bool write_sitemap(build *b) {
  if (!b->c->base_url) return true;
  GPtrArray *locs = g_ptr_array_new_with_free_func(g_free);
  for (guint i = 0; i < b->urls->len; i++)
    g_ptr_array_add(locs, abs_url(b->c, g_ptr_array_index(b->urls, i)));
  size_t len;
  char *text = b->html->sitemap((const char *const *)locs->pdata, locs->len, &len);
  bool ok = put(b, "sitemap.xml", text, len);
  g_free(text);
  g_ptr_array_free(locs, TRUE);
  return ok;
}

static bool write_feed(build *b) {
  size_t len;
  char *text = b->html->feed(b->c, &len);
  bool ok = put(b, "feed.xml", text, len);
  g_free(text);
  return ok;
}

/* Every file of the templates folder that is not a template (style.css,
 * images, fonts) is copied to the site root. */
static bool copy_assets(build *b, const char *dir) {
  char **names = fs_list_dir(dir, b->err);
  if (!names) return false;
  bool ok = true;
  for (char **n = names; ok && *n; n++) {
    if (g_str_has_suffix(*n, ".html")) continue;
    char *path = g_build_filename(dir, *n, NULL);
    /* A link out of the templates folder would publish whatever it points
     * at (a key, a password file): only files inside it are copied. */
    if (fs_is_file(path) && !fs_is_within(path, dir)) {
      diag_add(b->diags, DIAG_WARNING, path, 0, 0, CHECK_IO,
               "not copied into the site: a link to a file outside the templates folder");
    } else if (fs_is_file(path)) {
      size_t len;
      char *data = fs_read(path, &len, b->err);
      ok = data && put(b, *n, data, len);
      g_free(data);
    }
    g_free(path);
  }
  g_strfreev(names);
  return ok;
}

/* Whether a manifest starts as write_manifest writes it: the marker first.
 * The manifest lists every passage of every version (4 MB for 20 documents
 * of 10 versions): parsing it whole to find its first key took a fifth of a
 * build that found everything in the cache. */
static bool has_marker(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) return false;
  char head[64];
  size_t n = fread(head, 1, sizeof head - 1, f);
  fclose(f);
  head[n] = 0;
  static const char prefix[] = "{\n  \"" MANIFEST_KEY "\": ";
  return g_str_has_prefix(head, prefix) && g_ascii_isdigit(head[sizeof prefix - 1]);
}

/* True when the folder holds a site a statuut build wrote: its
 * manifest.json has the marker. */
static bool is_statuut_site(const char *dir) {
  char *path = g_build_filename(dir, "manifest.json", NULL);
  if (has_marker(path)) {
    g_free(path);
    return true;
  }
  json_t *m = json_load_file(path, 0, NULL);
  bool yes = m && json_is_object(m) && json_object_get(m, MANIFEST_KEY);
  /* Sites of statuut 0.1 have no marker yet; their manifest lists
   * documents with their history page and versions. */
  json_t *first = m ? json_array_get(json_object_get(m, "documents"), 0) : NULL;
  if (!yes && first && json_object_get(first, "history") && json_object_get(first, "versions"))
    yes = true;
  json_decref(m);
  g_free(path);
  return yes;
}

static bool is_empty_dir(const char *dir) {
  GDir *d = g_dir_open(dir, 0, NULL);
  bool empty = d && !g_dir_read_name(d);
  if (d) g_dir_close(d);
  return empty;
}

/* Where the site goes, once it is clear that a build may put it there: a
 * build replaces the output folder whole, so it must be missing, empty or a
 * site of statuut's own, and neither the content nor the templates may be in
 * it or it in them. A symbolic link is followed: its target is replaced and
 * the link stays. Returns the resolved folder (caller frees) or NULL with
 * *err set. */
static char *out_allowed(const site_options *o, char **err) {
  char *out = fs_canonical(o->out_dir);
  if (!out) {
    *err = g_strdup_printf("%s: cannot resolve the output folder", o->out_dir);
    return NULL;
  }
  const char *why = NULL;
  if (fs_is_within(out, o->content_dir) || fs_is_within(o->content_dir, out))
    why = "the content folder and the output may not be inside each other";
  else if (fs_is_within(out, o->templates_dir) || fs_is_within(o->templates_dir, out))
    why = "the templates folder and the output may not be inside each other";
  else if (g_file_test(out, G_FILE_TEST_EXISTS) && !fs_is_dir(out))
    why = "it is not a folder";
  else if (fs_is_dir(out) && !is_empty_dir(out) && !is_statuut_site(out))
    why = "it is not empty and holds no site built by statuut (no manifest.json of statuut's): "
          "a build would delete what is there; remove it or choose another --out";
  if (why) {
    *err = g_strdup_printf("%s: refusing to build the site there: %s", o->out_dir, why);
    g_free(out);
    return NULL;
  }
  return out;
}

/* The cache may be anywhere but in what a build reads or replaces: the
 * content, the templates, the output (it would go with every swap). */
static bool cache_allowed(const site_options *o, const char *out, char **err) {
  const char *why = NULL;
  if (fs_is_within(o->cache_dir, o->content_dir) || fs_is_within(o->content_dir, o->cache_dir))
    why = "the content folder and the cache may not be inside each other";
  else if (fs_is_within(o->cache_dir, o->templates_dir) ||
           fs_is_within(o->templates_dir, o->cache_dir))
    why = "the templates folder and the cache may not be inside each other";
  else if (fs_is_within(o->cache_dir, out) || fs_is_within(out, o->cache_dir))
    why = "the output and the cache may not be inside each other";
  else if (g_file_test(o->cache_dir, G_FILE_TEST_EXISTS) && !fs_is_dir(o->cache_dir))
    why = "it is not a folder";
  if (why) *err = g_strdup_printf("%s: refusing to use it as the cache: %s", o->cache_dir, why);
  return !why;
}

char *site_fonts_path(void) {
  const char *env = getenv("STATUUT_FONTS");
  if (env) return g_strdup(env);
  char *exe = g_file_read_link("/proc/self/exe", NULL);
  char *dir = exe ? g_path_get_dirname(exe) : g_strdup(".");
  char *path = g_build_filename(dir, "fonts", NULL);
  g_free(dir);
  g_free(exe);
  return path;
}

/* The web fonts into fonts/: every .woff2 file of dir, in name order.
 * Returns whether there were any. */
static bool copy_fonts(build *b, const char *dir, bool *ok) {
  char *ignored = NULL;
  char **names = dir ? fs_list_dir(dir, &ignored) : NULL;
  g_free(ignored);
  bool any = false;
  for (char **n = names; *ok && n && *n; n++) {
    if (!g_str_has_suffix(*n, ".woff2")) continue;
    char *path = g_build_filename(dir, *n, NULL);
    size_t len;
    char *data = fs_is_file(path) ? fs_read(path, &len, b->err) : NULL;
    char *rel = g_build_filename("fonts", *n, NULL);
    if (data) {
      *ok = put(b, rel, data, len);
      any = true;
    }
    g_free(rel);
    g_free(data);
    g_free(path);
  }
  g_strfreev(names);
  return any;
}

char *site_pagefind_path(void) {
  const char *env = getenv("STATUUT_PAGEFIND");
  if (env) return g_strdup(env);
  char *exe = g_file_read_link("/proc/self/exe", NULL);
  char *dir = exe ? g_path_get_dirname(exe) : g_strdup(".");
  char *path = g_build_filename(dir, "node_modules", "@pagefind", "linux-x64", "bin",
                                "pagefind_extended", NULL);
  g_free(dir);
  g_free(exe);
  return path;
}

/* The files of a folder tree, as one cache entry: per file its path
 * relative to root, a newline, its length, a newline and its bytes, in
 * name order. */
static void bundle_tree(GString *s, const char *root, const char *rel) {
  char *dir = rel ? g_build_filename(root, rel, NULL) : g_strdup(root);
  char *ignored = NULL;
  char **names = fs_list_dir(dir, &ignored);
  g_free(ignored);
  for (char **n = names; n && *n; n++) {
    char *sub = rel ? g_build_filename(rel, *n, NULL) : g_strdup(*n);
    char *path = g_build_filename(root, sub, NULL);
    size_t len;
    char *data = NULL;
    if (fs_is_dir(path)) {
      bundle_tree(s, root, sub);
    } else if ((data = fs_read(path, &len, &ignored))) {
      g_string_append_printf(s, "%s\n%zu\n", sub, len);
      g_string_append_len(s, data, (gssize)len);
    }
    g_free(ignored);
    ignored = NULL;
    g_free(data);
    g_free(path);
    g_free(sub);
  }
  g_strfreev(names);
  g_free(dir);
}

/* Writes a bundle's files under root; false (with *b->err) when one cannot
 * be written or the bundle does not read as one. */
static bool unbundle(build *b, const char *root, const char *data, size_t len) {
  const char *p = data, *end = data + len;
  while (p < end) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *nl2 = nl ? memchr(nl + 1, '\n', (size_t)(end - nl - 1)) : NULL;
    char *name = nl ? g_strndup(p, (size_t)(nl - p)) : NULL;
    char *size = nl2 ? g_strndup(nl + 1, (size_t)(nl2 - nl - 1)) : NULL;
    char *stop = NULL;
    unsigned long long n = size ? g_ascii_strtoull(size, &stop, 10) : 0;
    bool fine = name && size && *size && !*stop && n <= (size_t)(end - nl2 - 1) &&
                !strstr(name, "..") && name[0] != '/';
    if (fine) {
      char *rel = g_build_filename(root, name, NULL);
      fine = put(b, rel, nl2 + 1, (size_t)n);
      g_free(rel);
      p = nl2 + 1 + n;
    } else if (!*b->err) {
      *b->err = g_strdup("the cached search index does not read as one");
    }
    g_free(size);
    g_free(name);
    if (!fine) return false;
  }
  return true;
}

/* Whether the search indexes a job's page: every version, and the
 * redlines of consecutive versions. A change then appears once, at the
 * version that made it; the other pairs would list it again for every
 * version before and after (up to 25 times in ten versions) and made
 * Pagefind read five times the text. Their pages are a click away in the
 * history. latest/ would only repeat a version. */
static bool searched(const job *jb) {
  return jb->kind == JOB_VERSION || (jb->kind == JOB_DIFF && jb->b == jb->a + 1);
}

/* A searched job's page: its path in the site (caller frees). */
static char *searched_page(const build *b, const job *jb) {
  const content_doc *cd = g_ptr_array_index(b->c->docs, jb->doc);
  const doc *d = g_ptr_array_index(cd->versions, jb->a);
  if (jb->kind != JOB_DIFF) return url_file(URL_VERSION, cd->slug, d->meta.version, NULL);
  const doc *e = g_ptr_array_index(cd->versions, jb->b);
  return url_file(URL_DIFF, cd->slug, d->meta.version, e->meta.version);
}

/* Pagefind's options besides its folders. The labels that only screen
 * readers hear (class vh: "ingevoegd: ", "verwijderd: "), the '¶' links to
 * headings and points (class anker) and a version page's bar and table of
 * its version, date and status (versie-stand, gegevens: the filter soort
 * says what they say) are not text a reader searches for, and in an
 * excerpt ran into the words beside them ("Versie1.0Datum1 januari"). */
static const char *const search_options[] = {"--force-language",
                                             "nl",
                                             "--exclude-selectors",
                                             ".vh",
                                             "--exclude-selectors",
                                             ".anker",
                                             "--exclude-selectors",
                                             ".versie-stand",
                                             "--exclude-selectors",
                                             ".gegevens",
                                             "--quiet"};

/* The key of document d's search index: the salt, Pagefind (its path, size
 * and time: it is large) and its options, whether the index carries the
 * interface, and every page it indexes, by the page's own key, which names
 * all the page is made from. */
static char *search_key(const build *b, const char *pagefind, guint d) {
  cache_key *k = cache_key_copy(b->pages);
  cache_key_str(k, "pagefind");
  cache_key_str(k, pagefind);
  GStatBuf st;
  if (g_stat(pagefind, &st) == 0) {
    cache_key_uint(k, (unsigned long)st.st_size);
    cache_key_uint(k, (unsigned long)st.st_mtime);
  }
  for (size_t i = 0; i < G_N_ELEMENTS(search_options); i++)
    cache_key_str(k, search_options[i]);
  cache_key_str(k, d == 0 ? "with the interface" : "merged");
  for (guint i = 0; i < b->jobs->len; i++) {
    const job *jb = &g_array_index(b->jobs, job, i);
    if (jb->doc != d || !searched(jb)) continue;
    char *rel = searched_page(b, jb);
    char *page =
        jb->kind == JOB_DIFF ? redline_key(b, jb) : version_key(b, jb->doc, URL_VERSION, jb->a);
    cache_key_str(k, rel);
    cache_key_str(k, page);
    g_free(page);
    g_free(rel);
  }
  char *hex = cache_key_hex(k);
  cache_key_free(k);
  return hex;
}

/* The pages of document d that Pagefind reads, linked into dir at their
 * places in the site, so that it reads only them and their URLs are the
 * site's. */
static bool search_tree(build *b, const char *dir, guint d) {
  bool ok = true;
  for (guint i = 0; ok && i < b->jobs->len; i++) {
    const job *jb = &g_array_index(b->jobs, job, i);
    if (jb->doc != d || !searched(jb)) continue;
    char *rel = searched_page(b, jb);
    char *from = g_build_filename(stage_dir(b->stage), rel, NULL),
         *to = g_build_filename(dir, rel, NULL);
    char *parent = g_path_get_dirname(to);
    ok = fs_make_dirs(parent);
    if (!ok) {
      *b->err = g_strdup_printf("%s: cannot create folder: %s", parent, g_strerror(errno));
    } else if (link(from, to) != 0) {
      if (errno == EXDEV || errno == EPERM || errno == EMLINK || errno == ENOTSUP ||
          errno == EOPNOTSUPP) {
        /* a file system without hard links: a copy */
        size_t len;
        char *data = fs_read(from, &len, b->err);
        ok = data && fs_write(to, data, len, b->err);
        g_free(data);
      } else {
        ok = false;
        *b->err = g_strdup_printf("%s: cannot link it for the search: %s", from, g_strerror(errno));
      }
    }
    g_free(parent);
    g_free(to);
    g_free(from);
    g_free(rel);
  }
  return ok;
}

/* Whether a file of a Pagefind index is one the search page reads from
 * every index it merges: its entry, its metadata and its chunks. */
static bool index_part(const char *name) {
  return strcmp(name, "pagefind-entry.json") == 0 || g_str_has_suffix(name, ".pf_meta") ||
         strcmp(name, "index") == 0 || strcmp(name, "fragment") == 0 || strcmp(name, "filter") == 0;
}

/* Removes from a merged index what the search page loads only from the
 * first (Pagefind's interface, script and WebAssembly, 700 KB). */
static bool strip_interface(build *b, const char *index) {
  char **names = fs_list_dir(index, b->err);
  bool ok = names != NULL;
  for (char **n = names; ok && *n; n++) {
    if (index_part(*n)) continue;
    char *path = g_build_filename(index, *n, NULL);
    ok = fs_remove_tree(path, b->err);
    g_free(path);
  }
  g_strfreev(names);
  return ok;
}

/* Document d's search index (URL_SEARCH_INDEX): Pagefind reads the staged
 * pages of the document that it indexes (searched) and writes the index
 * beside them, before the swap, so that search is part of the atomic
 * build. Its output depends on the pages only, so it is cached by them.
 * One index per document, because Pagefind cannot add to an index: an edit
 * of one document makes that document's index again, not the whole
 * site's. The search page merges them (html_page_search); the first
 * document's index carries Pagefind's interface, which the merged ones
 * share, WebAssembly included. */
static bool write_doc_index(build *b, const char *pagefind, guint d) {
  const content_doc *cd = g_ptr_array_index(b->c->docs, d);
  char *tree = g_build_filename(stage_dir(b->stage), ".zoek", NULL);
  char *rel = url_dir(URL_SEARCH_INDEX, cd->slug, NULL, NULL);
  char *index = g_build_filename(stage_dir(b->stage), rel, NULL);
  const char *argv[5 + G_N_ELEMENTS(search_options) + 1] = {pagefind, "--site", tree,
                                                            "--output-path", index};
  for (size_t i = 0; i < G_N_ELEMENTS(search_options); i++)
    argv[5 + i] = search_options[i];
  char *out = NULL, *errs = NULL;
  int status = 0;
  GError *e = NULL;
  char *key = b->cache ? search_key(b, pagefind, d) : NULL;
  size_t dlen = 0;
  char *data = cached_bytes(b, key, rel, &dlen);
  bool ok;
  if (data) {
    ok = unbundle(b, rel, data, dlen);
    b->p.cached++;
  } else {
    /* Pagefind writes into the folder: not among what a taken tree had. */
    ok = fs_remove_tree(index, b->err) && search_tree(b, tree, d) &&
         g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &errs, &status,
                      &e) &&
         g_spawn_check_wait_status(status, &e);
    /* The tree must not be published with the site. */
    char *left = NULL;
    if (!fs_remove_tree(tree, &left) && ok) {
      ok = false;
      if (!*b->err) {
        *b->err = left;
        left = NULL;
      }
    }
    g_free(left);
    if (ok && d > 0) ok = strip_interface(b, index);
    if (ok) ok = stage_placed(b->stage, rel, true, b->err);
    if (ok && key) {
      GString *bundle = g_string_new(NULL);
      bundle_tree(bundle, index, NULL);
      to_cache(b, key, bundle->str, bundle->len, NULL, b->diags);
      g_string_free(bundle, TRUE);
    }
  }
  if (!ok && !*b->err)
    *b->err =
        g_strdup_printf("%s: the search index of %s could not be made: %s%s%s", pagefind, cd->slug,
                        e ? e->message : "failed", errs && *errs ? "\n" : "", errs ? errs : "");
  if (e) g_error_free(e);
  g_free(out);
  g_free(errs);
  g_free(tree);
  g_free(index);
  g_free(rel);
  g_free(data);
  g_free(key);
  return ok;
}

/* The search: every document's index, then the page that searches them. */
static bool write_search(build *b, const char *pagefind) {
  bool ok = true;
  for (guint d = 0; ok && d < b->c->docs->len; d++)
    ok = write_doc_index(b, pagefind, d);
  if (!ok) return false;
  html_ctx ctx = page_ctx(b, URL_SEARCH, NULL);
  size_t len;
  char *html = b->html->page_search(b->t, &ctx, &len);
  char *rel = url_file(URL_SEARCH, NULL, NULL, NULL);
  ok = put(b, rel, html, len);
  g_free(rel);
  g_free(html);
  return ok;
}

/* "not building: errors in a.md, b.md" for the files with errors. */
static char *refusal(const diag_list *diags) {
  GString *s = g_string_new("not building: the content has errors, in ");
  GHashTable *named = g_hash_table_new(g_str_hash, g_str_equal);
  for (guint i = 0; i < diags->items->len; i++) {
    const diag *d = g_ptr_array_index(diags->items, i);
    if (d->severity != DIAG_ERROR || g_hash_table_contains(named, d->file)) continue;
    g_string_append_printf(s, "%s%s", g_hash_table_size(named) ? ", " : "", d->file);
    g_hash_table_add(named, d->file);
  }
  g_hash_table_destroy(named);
  return g_string_free(s, FALSE);
}

/* What the site will have, before anything is written: the totals of the
 * progress display. */
static void count_work(const content *c, bool search, bool pdfs, site_progress *p) {
  *p = (site_progress){.documents = c->docs->len, .pages = 1 + (search ? 1 : 0)};
  for (guint i = 0; i < c->docs->len; i++) {
    const content_doc *cd = g_ptr_array_index(c->docs, i);
    guint n = cd->versions->len;
    p->pages += 1 + n + 1 + n * (n - 1) / 2; /* history, versions, latest/, redlines */
    p->pdfs += n;
    p->redlines += n * (n - 1) / 2;
    for (guint j = 1; j < n; j++)
      for (guint k = 0; k < j; k++)
        p->pdfs += pair_has_pdf(cd, k, j);
    if (!pdfs) p->pdfs = 0;
  }
}

static void add_job(build *b, job_kind kind, guint di, guint a, guint bv, bool pdf) {
  job j = {kind, di, a, bv, pdf};
  g_array_append_val(b->jobs, j);
  b->left[di]++;
}

/* A document's jobs, in the order the sequential build ran them (versions,
 * redlines, latest/), and its pages' URLs for the sitemap, in the order it
 * added them. */
static void plan_document(build *b, guint i) {
  const content_doc *cd = g_ptr_array_index(b->c->docs, i);
  guint latest = 0;
  for (guint j = 0; j < cd->versions->len; j++) {
    const doc *d = g_ptr_array_index(cd->versions, j);
    if (d == content_latest(cd)) latest = j;
    add_job(b, JOB_VERSION, i, j, 0, false);
    g_ptr_array_add(b->urls, url_dir(URL_VERSION, cd->slug, d->meta.version, NULL));
  }
  for (guint j = 1; j < cd->versions->len; j++)
    for (guint k = j; k-- > 0;) {
      add_job(b, JOB_DIFF, i, k, j, b->pdfs && pair_has_pdf(cd, k, j));
      const doc *old_doc = g_ptr_array_index(cd->versions, k);
      const doc *new_doc = g_ptr_array_index(cd->versions, j);
      g_ptr_array_add(b->urls,
                      url_dir(URL_DIFF, cd->slug, old_doc->meta.version, new_doc->meta.version));
    }
  add_job(b, JOB_LATEST, i, latest, 0, false);
}

/* workers_job_fn: one job, in a worker (or here, with one job at a time). */
/* workers_job_fn: one job, in a worker (or here, with one job at a time);
 * its value is how many of its outputs came from the cache. */
static bool run_job(unsigned i, void *ctx, diag_list *diags, unsigned *hits, char **err) {
  build *b = ctx;
  const job *jb = &g_array_index(b->jobs, job, i);
  const content_doc *cd = g_ptr_array_index(b->c->docs, jb->doc);
  char **keep = b->err;
  b->err = err;
  bool ok = false;
  switch (jb->kind) {
  case JOB_VERSION:
    ok = write_version(b, jb->doc, jb->a, URL_VERSION, diags, hits) &&
         (!b->pdfs || write_pdf(b, jb->doc, g_ptr_array_index(cd->versions, jb->a), diags, hits));
    break;
  case JOB_DIFF:
    ok = write_diff(b, jb, diags, hits);
    break;
  case JOB_LATEST:
    ok = write_version(b, jb->doc, jb->a, URL_LATEST, diags, hits);
    break;
  }
  b->err = keep;
  return ok;
}

/* workers_done_fn: counts a finished job, in the build's own process. */
static void job_done(unsigned i, unsigned hits, void *ctx) {
  build *b = ctx;
  const job *jb = &g_array_index(b->jobs, job, i);
  b->p.pages_done++;
  b->p.cached += hits;
  if (job_has_pdf(b, jb)) b->p.pdfs_done++;
  if (jb->kind == JOB_DIFF) b->p.redlines_done++;
  if (--b->left[jb->doc] == 0) b->p.documents_done++;
  report_progress(b);
}

static unsigned job_count(unsigned asked) {
  if (asked) return asked;
  long cores = sysconf(_SC_NPROCESSORS_ONLN);
  return cores > 0 ? (unsigned)cores : 1;
}

bool site_build(const site_options *o, diag_list *diags, char **err) {
  content *c = content_load(o->content_dir, diags);
  if (!c) return false;
  /* The checks of `statuut check` except spelling, which only ever warns:
   * errors in published versions are warnings (their text is history), so
   * what stops the build is a concept with errors, or broken front matter. */
  check_options co = {.spelling = false};
  check_content(c, &co, diags);
  if (diag_count(diags, DIAG_ERROR)) {
    *err = refusal(diags);
    content_free(c);
    return false;
  }
  const html_module *html = html_module_get(err);
  html_templates *t = html ? html->templates_load(o->templates_dir, err) : NULL;
  if (!t) {
    content_free(c);
    return false;
  }
  char *out = out_allowed(o, err);
  if (out && o->cache_dir && !cache_allowed(o, out, err)) {
    g_free(out);
    out = NULL;
  }
  if (!out) {
    html->templates_free(t);
    content_free(c);
    return false;
  }
  bool installed = o->pagefind && g_file_test(o->pagefind, G_FILE_TEST_IS_EXECUTABLE);
  if (o->searchable) *o->searchable = installed;
  /* No document, no index: no search page to link to. */
  bool search = installed && c->docs->len > 0;
  build b = {c,
             diags,
             html,
             t,
             search,
             NULL,
             NULL,
             /* beside the output, so that the final rename stays on one file
              * system; the tree of the build before taken when there is a cache */
             stage_open(out, o->cache_dir != NULL, err),
             g_ptr_array_new_with_free_func(g_free),
             g_ptr_array_new_with_free_func((GDestroyNotify)since_chain_free),
             err,
             g_array_new(FALSE, FALSE, sizeof(job)),
             g_new0(guint, c->docs->len ? c->docs->len : 1),
             {0},
             o->progress,
             o->progress_ctx,
             !o->no_pdf,
             o->cache_dir ? cache_new(o->cache_dir) : NULL,
             NULL,
             NULL,
             g_ptr_array_new_with_free_func((GDestroyNotify)cache_key_free),
             g_ptr_array_new_with_free_func(g_free),
             false,
             {diff_memo_new(), true}};
  count_work(c, search, b.pdfs, &b.p);
  if (b.cache) {
    b.salt = build_salt(&b);
    b.pages = pages_salt(&b, o);
    for (guint i = 0; i < c->docs->len; i++) {
      const content_doc *cd = g_ptr_array_index(c->docs, i);
      char *assets = doc_assets(&b, cd);
      g_ptr_array_add(b.doc_keys, doc_key(&b, cd, assets));
      g_ptr_array_add(b.assets, assets);
    }
  }
  bool ok = b.stage != NULL;
  /* The module is loaded for the PDFs the cache may not have; its engine
   * only when some PDF is to be made (below). */
  if (ok && b.pdfs) ok = (b.pdfm = pdf_module_get(err)) != NULL;

  report_progress(&b);
  if (ok) ok = write_index(&b);
  b.p.pages_done += ok;
  /* The histories here; every version and redline a job, with what they
   * read (the content, the templates, the engine, the since chains) loaded
   * before the workers are forked. */
  for (guint i = 0; ok && i < c->docs->len; i++) {
    const content_doc *cd = g_ptr_array_index(c->docs, i);
    ok = write_history(&b, cd);
    b.p.pages_done += ok;
    g_ptr_array_add(b.since, NULL);
    plan_document(&b, i);
  }
  if (ok) report_progress(&b);
  /* Before the fork, so that the workers share what they read: the since
   * chains of the documents whose entries are made, and the engine. */
  if (ok) ok = write_manifest(&b);
  if (ok && pdfs_to_make(&b)) ok = engine(&b) != NULL;
  if (ok) ok = workers_run(b.jobs->len, job_count(o->jobs), run_job, job_done, &b, diags, err);
  if (ok) ok = copy_assets(&b, o->templates_dir);
  bool fonts = ok && copy_fonts(&b, o->fonts, &ok);
  if (o->webfonts) *o->webfonts = fonts;
  if (ok) ok = write_sitemap(&b);
  if (ok) ok = write_feed(&b);
  if (ok && search) ok = write_search(&b, o->pagefind);
  if (ok && search) {
    b.p.pages_done++;
    report_progress(&b);
  }
  if (ok) ok = stage_commit(b.stage, out, err);
  g_ptr_array_free(b.urls, TRUE);
  g_ptr_array_free(b.since, TRUE);
  diff_memo_free(b.dopts.memo);
  g_ptr_array_free(b.doc_keys, TRUE);
  g_ptr_array_free(b.assets, TRUE);
  cache_key_free(b.salt);
  cache_key_free(b.pages);
  cache_free(b.cache);
  g_array_free(b.jobs, TRUE);
  g_free(b.left);
  if (b.pdf) b.pdfm->engine_free(b.pdf);
  stage_free(b.stage);
  g_free(out);
  html->templates_free(t);
  content_free(c);
  return ok;
}

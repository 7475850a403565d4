/* check: see include/statuut/check.h
 *
 * The driver: it loads what the paths name, runs every check module on every
 * version, then settles the findings: silenced ones are dropped and those
 * about published text become warnings. Modules only find; the rules of
 * severity and silencing live here. */
#include "statuut/check.h"
#include "statuut/citations.h"
#include "statuut/footnotes.h"
#include "statuut/fsutil.h"
#include "statuut/links.h"
#include "statuut/spellmodule.h"
#include "statuut/structure.h"
#include "statuut/version.h"

#include <string.h>

const diag_check check_silenceable[] = {CHECK_CITATIONS, CHECK_FOOTNOTES, CHECK_LINKS,
                                        CHECK_RAW_HTML,  CHECK_SPELLING,  CHECK_STRUCTURE,
                                        CHECK_MAX};

#define WORD_LIST "woordenlijst.txt"

static bool silenceable(diag_check check) {
  for (int i = 0; check_silenceable[i] != CHECK_MAX; i++)
    if (check_silenceable[i] == check) return true;
  return false;
}

static char *silenceable_list(void) {
  GString *s = g_string_new(NULL);
  for (int i = 0; check_silenceable[i] != CHECK_MAX; i++)
    g_string_append_printf(s, "%s%s", i ? ", " : "", diag_check_name(check_silenceable[i]));
  return g_string_free(s, FALSE);
}

/* ---- silencing ---- */

/* Lines from..to (inclusive) where the named checks are silent. */
/* A set of checks: bit 1 << c for each diag_check c. */
G_STATIC_ASSERT(CHECK_MAX <= 32);
typedef unsigned check_set;

typedef struct {
  int from, to;
  check_set checks;
} quiet_range;

typedef struct {
  const doc *d;
  check_set ignore; /* checks silent in the whole document */
  GArray *ranges;   /* of quiet_range */
} quiet;

typedef struct {
  int line, level; /* level: heading level, 0 for other blocks */
} block_pos;

static gint by_line(gconstpointer a, gconstpointer b) {
  const block_pos *x = a, *y = b;
  return (x->line > y->line) - (x->line < y->line);
}

/* The blocks a comment may stand before: those of the body and the notes. */
static GArray *blocks_of(const doc *d) {
  GArray *b = g_array_new(FALSE, FALSE, sizeof(block_pos));
  for (const doc_node *n = d->root->first; n; n = n->next) {
    block_pos p = {n->line, n->type == DOC_HEADING ? n->level : 0};
    g_array_append_val(b, p);
  }
  for (guint i = 0; i < d->footnotes->len; i++) {
    const doc_node *f = g_ptr_array_index(d->footnotes, i);
    block_pos p = {f->line, 0};
    g_array_append_val(b, p);
  }
  g_array_sort(b, by_line);
  return b;
}

/* The checks named in a list, each known; unknown ones are reported. */
static check_set check_names(char **words, const char *file, int line, int col, diag_check check,
                             diag_list *problems) {
  check_set out = 0;
  for (char **w = words; *w; w++) {
    if (!**w) continue;
    diag_check c = diag_check_from_name(*w);
    if (c != CHECK_MAX && silenceable(c)) {
      out |= 1u << c;
    } else {
      char *all = silenceable_list();
      diag_add(problems, DIAG_ERROR, file, line, col, check,
               "unknown check '%s' to ignore: expected %s", *w, all);
      g_free(all);
    }
  }
  return out;
}

/* The block a comment stands before, as a line range: to the next block, or
 * for a heading to the next heading of the same or a higher level. */
static void range_after(GArray *blocks, int line, int *from, int *to) {
  *from = *to = 0;
  guint i = 0;
  while (i < blocks->len && g_array_index(blocks, block_pos, i).line <= line)
    i++;
  if (i == blocks->len) return;
  const block_pos *b = &g_array_index(blocks, block_pos, i);
  *from = b->line;
  *to = G_MAXINT;
  for (guint j = i + 1; j < blocks->len; j++) {
    const block_pos *n = &g_array_index(blocks, block_pos, j);
    if (b->level == 0 || (n->level > 0 && n->level <= b->level)) {
      *to = n->line - 1;
      break;
    }
  }
}

static quiet *quiet_new(const doc *d, diag_list *problems) {
  quiet *q = g_new0(quiet, 1);
  q->d = d;
  q->ranges = g_array_new(FALSE, FALSE, sizeof(quiet_range));
  const meta_field *f = meta_field_get(&d->meta, "ignore");
  if (f) {
    char **words = meta_field_words(f);
    q->ignore = check_names(words, d->path, f->vline, f->vcol, CHECK_FRONT_MATTER, problems);
    g_strfreev(words);
  }
  GArray *blocks = blocks_of(d);
  for (guint i = 0; i < d->comments->len; i++) {
    const doc_comment *c = g_ptr_array_index(d->comments, i);
    if (g_ascii_strncasecmp(c->text, "check:", 6) != 0) continue; /* another comment */
    char **words = g_strsplit_set(c->text + 6, ", ", -1);
    char **w = words;
    while (*w && !**w)
      w++;
    if (!*w || strcmp(*w, "ignore") != 0) {
      diag_add(problems, DIAG_ERROR, d->path, c->line, 1, CHECK_SILENCE,
               "a check comment reads '[//]: # (check: ignore CHECK ...)'");
    } else {
      quiet_range r;
      r.checks = check_names(w + 1, d->path, c->line, 1, CHECK_SILENCE, problems);
      range_after(blocks, c->line, &r.from, &r.to);
      g_array_append_val(q->ranges, r);
    }
    g_strfreev(words);
  }
  g_array_free(blocks, TRUE);
  return q;
}

static void quiet_free(gpointer p) {
  quiet *q = p;
  g_array_free(q->ranges, TRUE);
  g_free(q);
}

static bool quiet_has(const quiet *q, const diag *x) {
  if (q->ignore & (1u << x->check)) return true;
  for (guint i = 0; i < q->ranges->len; i++) {
    const quiet_range *r = &g_array_index(q->ranges, quiet_range, i);
    if (x->line >= r->from && x->line <= r->to && (r->checks & (1u << x->check))) return true;
  }
  return false;
}

/* Drops silenced findings, makes those about published text warnings. */
static bool settle_one(diag *x, void *ctx) {
  const quiet *q = g_hash_table_lookup(ctx, x->file);
  if (!q || !silenceable(x->check)) return true;
  if (quiet_has(q, x)) return false;
  if (q->d->meta.status == STATUS_VASTGESTELD || q->d->meta.status == STATUS_VERVALLEN)
    x->severity = DIAG_WARNING;
  return true;
}

/* Applies the rules to every item of l about one of docs, in place. */
static void settle(diag_list *l, GPtrArray *docs) {
  GHashTable *by_path = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, quiet_free);
  diag_list *problems = diag_list_new();
  for (guint i = 0; i < docs->len; i++) {
    const doc *d = g_ptr_array_index(docs, i);
    if (!g_hash_table_contains(by_path, d->path))
      g_hash_table_insert(by_path, d->path, quiet_new(d, problems));
  }
  diag_list_filter(l, settle_one, by_path);
  diag_list_take(l, problems);
  diag_list_free(problems);
  g_hash_table_destroy(by_path);
}

/* ---- running the modules ---- */

typedef struct {
  const check_options *o;
  const spell_module *spell; /* loaded with the first document to spell */
  speller *sp;
  bool sp_tried;
  GHashTable *words; /* content folder -> its word list (GHashTable*) */
  GHashTable *sites; /* content folder -> content* (or NULL: not a site) */
} checker;

static speller *speller_of(checker *k, diag_list *diags) {
  if (!k->sp_tried) {
    k->sp_tried = true;
    char *err = NULL;
    const char *dict = k->o->dictionary ? k->o->dictionary : SPELL_DICTIONARY;
    k->spell = spell_module_get(&err);
    k->sp = k->spell ? k->spell->open(dict, &err) : NULL;
    if (!k->sp) {
      diag_add(diags, DIAG_ERROR, k->spell ? dict : "statuut-spell.so", 0, 0, CHECK_SPELLING, "%s",
               err);
      g_free(err);
    }
  }
  return k->sp;
}

static GHashTable *words_of(checker *k, const char *dir, diag_list *diags) {
  if (g_hash_table_contains(k->words, dir)) return g_hash_table_lookup(k->words, dir);
  char *path = g_build_filename(dir, WORD_LIST, NULL), *err = NULL;
  GHashTable *w = k->spell->read_words(path, &err);
  if (!w) {
    diag_add(diags, DIAG_ERROR, path, 0, 0, CHECK_IO, "%s", err);
    g_free(err);
  }
  g_free(path);
  g_hash_table_insert(k->words, g_strdup(dir), w);
  return w;
}

/* The content a document folder or file belongs to, for links to other
 * documents: its folder must be a content folder (with site.yaml). Problems
 * of the other documents are not this check's to report. */
static const content *site_of(checker *k, const char *dir) {
  if (g_hash_table_contains(k->sites, dir)) return g_hash_table_lookup(k->sites, dir);
  char *yaml = g_build_filename(dir, "site.yaml", NULL);
  content *c = NULL;
  if (fs_is_file(yaml)) {
    diag_list *ignored = diag_list_new();
    c = content_load(dir, ignored);
    diag_list_free(ignored);
  }
  g_free(yaml);
  g_hash_table_insert(k->sites, g_strdup(dir), c);
  return c;
}

static void check_doc(checker *k, const doc *d, const content *site, const char *dir,
                      diag_list *diags) {
  footnotes_check(d, diags);
  cite_check(d, diags);
  links_check(d, site, diags);
  structure_check(d, diags);
  if (k->o->spelling) {
    speller *sp = speller_of(k, diags);
    if (sp) k->spell->check(sp, d, words_of(k, dir, diags), diags);
  }
}

static void checker_init(checker *k, const check_options *o) {
  k->o = o;
  k->spell = NULL;
  k->sp = NULL;
  k->sp_tried = false;
  k->words =
      g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_hash_table_destroy);
  k->sites = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)content_free);
}

static void checker_clear(checker *k) {
  if (k->sp) k->spell->free(k->sp);
  g_hash_table_destroy(k->words);
  g_hash_table_destroy(k->sites);
}

static void check_loaded(checker *k, const content *c, diag_list *diags) {
  GPtrArray *docs = g_ptr_array_new();
  for (guint i = 0; i < c->docs->len; i++) {
    const content_doc *cd = g_ptr_array_index(c->docs, i);
    for (guint j = 0; j < cd->versions->len; j++) {
      const doc *d = g_ptr_array_index(cd->versions, j);
      check_doc(k, d, c, c->dir, diags);
      g_ptr_array_add(docs, (gpointer)d);
    }
  }
  settle(diags, docs);
  g_ptr_array_free(docs, TRUE);
}

void check_content(const content *c, const check_options *o, diag_list *diags) {
  checker k;
  checker_init(&k, o);
  check_loaded(&k, c, diags);
  checker_clear(&k);
}

/* A folder is a document folder when it holds Markdown files itself. */
static bool holds_markdown(const char *dir) {
  char *err = NULL;
  char **names = fs_list_dir(dir, &err);
  g_free(err);
  bool md = false;
  for (char **n = names; n && *n && !md; n++)
    md = g_str_has_suffix(*n, ".md");
  g_strfreev(names);
  return md;
}

static void check_file(checker *k, const char *path, diag_list *diags) {
  doc *d = doc_load(path, diags);
  if (!d) return;
  /* A file named like a version must hold that version, as in content/. */
  char *base = g_path_get_basename(path);
  if (g_str_has_suffix(base, ".md")) {
    base[strlen(base) - 3] = '\0';
    if (version_valid(base) && d->meta.version && strcmp(base, d->meta.version) != 0) {
      const meta_field *f = meta_field_get(&d->meta, "version");
      diag_add(diags, DIAG_ERROR, path, f->vline, f->vcol, CHECK_CONTENT,
               "version '%s' does not match the file name '%s.md'", d->meta.version, base);
    }
  }
  char *docdir = g_path_get_dirname(path);
  char *dir = g_path_get_dirname(docdir);
  check_doc(k, d, site_of(k, dir), dir, diags);
  GPtrArray *docs = g_ptr_array_new();
  g_ptr_array_add(docs, d);
  settle(diags, docs);
  g_ptr_array_free(docs, TRUE);
  g_free(dir);
  g_free(docdir);
  g_free(base);
  doc_free(d);
}

unsigned check_paths(const char *const *paths, int n, const check_options *o, diag_list *diags) {
  checker k;
  checker_init(&k, o);
  unsigned files = 0;
  for (int i = 0; i < n; i++) {
    const char *p = paths[i];
    /* Each path settles its own findings: they are about its documents. */
    diag_list *found = diag_list_new();
    if (fs_is_file(p)) {
      check_file(&k, p, found);
      files++;
    } else if (fs_is_dir(p) && holds_markdown(p)) {
      char *parent = g_path_get_dirname(p);
      char *slug = g_path_get_basename(p);
      content_doc *cd = content_load_document(parent, slug, found);
      const content *site = site_of(&k, parent);
      for (guint j = 0; j < cd->versions->len; j++)
        check_doc(&k, g_ptr_array_index(cd->versions, j), site, parent, found);
      settle(found, cd->versions);
      files += cd->versions->len;
      content_doc_free(cd);
      g_free(slug);
      g_free(parent);
    } else if (fs_is_dir(p)) {
      content *c = content_load(p, found);
      if (c) {
        check_loaded(&k, c, found);
        for (guint j = 0; j < c->docs->len; j++)
          files += ((content_doc *)g_ptr_array_index(c->docs, j))->versions->len;
      }
      content_free(c);
    } else {
      diag_add(found, DIAG_ERROR, p, 0, 0, CHECK_IO, "no such file or folder");
    }
    diag_list_take(diags, found);
    diag_list_free(found);
  }
  checker_clear(&k);
  /* A link that could run a script is an error for the proofreader,
   * whatever the version's status; the renderers only warn (doc.h). */
  for (guint i = 0; i < diags->items->len; i++) {
    diag *x = g_ptr_array_index(diags->items, i);
    if (x->check == CHECK_UNSAFE_LINK) x->severity = DIAG_ERROR;
  }
  return files;
}

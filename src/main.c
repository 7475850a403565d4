/* statuut: command line. Parses arguments, calls the library, prints its
 * diagnostics and sets the exit status; nothing else happens here.
 *
 * Exit status: 0 success, 1 problems found by check, 2 bad usage or input
 * that could not be processed. */
#define _GNU_SOURCE
#include "statuut/check.h"
#include "statuut/command.h"
#include "statuut/doc.h"
#include "statuut/fsutil.h"
#include "statuut/heap.h"
#include "statuut/module.h"
#include "statuut/newversion.h"
#include "statuut/preview.h"
#include "statuut/report.h"
#include "statuut/site.h"

#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#ifndef STATUUT_VERSION
#define STATUUT_VERSION "0.0.0"
#endif

enum { EXIT_OK = 0, EXIT_PROBLEMS = 1, EXIT_TROUBLE = 2 };

static const char usage_main[] = "usage: statuut <command> [options]\n"
                                 "\n"
                                 "Versioned documents to a website, checked.\n"
                                 "\n"
                                 "commands:\n"
                                 "  build   build the website from the content folder\n"
                                 "  html    render one Markdown file as a standalone HTML page\n"
                                 "  text    render one Markdown file as plain text\n"
                                 "  pdf     typeset one Markdown file as a PDF (A4)\n"
                                 "  check   validate content: front matter, versions, footnotes\n"
                                 "  new     start a new version of a document\n"
                                 "  diff    show what changed between two versions\n"
                                 "  serve   preview the site while editing, rebuilt on save\n"
                                 "\n"
                                 "Run 'statuut <command> --help' for a command's options.\n"
                                 "  --version   print the version\n";

static const char usage_build[] =
    "usage: statuut build [--content DIR] [--templates DIR] [--out DIR] [-j N]\n"
    "                     [--cache DIR | --no-cache] [--no-pdf]\n"
    "                     [--progress] [--quiet | --verbose]\n"
    "\n"
    "Builds the website: every document and version, version histories, index,\n"
    "manifest.json, sitemap.xml and feed.xml. The site is written to a staging\n"
    "folder and swapped in only when complete; a failed build leaves the old one.\n"
    "Ends with a summary line: pages, PDFs, redlines, warnings, time.\n"
    "\n"
    "  --content DIR     content folder (default: content)\n"
    "  --templates DIR   templates folder (default: templates)\n"
    "  --out DIR         output folder (default: build/site)\n"
    "  -j, --jobs N      make versions and redlines in N worker processes\n"
    "                    (default: one per core); the site is the same\n"
    "  --cache DIR       reuse pages and PDFs whose inputs have not changed from\n"
    "                    DIR (default: cache beside the output, build/cache);\n"
    "                    the site is the same, deleting DIR is safe\n"
    "  --no-cache        neither read nor write a cache\n"
    "  --no-pdf          the pages only, without PDFs (quicker, for editing)\n"
    "  --progress        show progress on standard error even when it is not a\n"
    "                    terminal or CI is set\n"
    "  -q, --quiet       print errors only\n"
    "  -v, --verbose     list the warnings (file:line:col), not only count them\n";

static const char usage_html[] =
    "usage: statuut html [--templates DIR] [-o OUT] FILE.md\n"
    "\n"
    "Renders one Markdown file as a standalone HTML page (stylesheet included).\n"
    "\n"
    "  -o, --output OUT  write to OUT instead of standard output\n"
    "  --templates DIR   templates folder (default: templates)\n";

static const char usage_text[] =
    "usage: statuut text [--since] [-o OUT] FILE.md\n"
    "\n"
    "Renders one Markdown file as plain text: headings, lists with their numbers\n"
    "and letters, notes at the end.\n"
    "\n"
    "  -o, --output OUT  write to OUT instead of standard output\n"
    "  --since           mark every section, paragraph, point and note with since\n"
    "                    when it reads so (\"[gewijzigd in 1.1]\"), from the other\n"
    "                    versions in its folder (content/<slug>/<version>.md)\n";

static const char usage_pdf[] =
    "usage: statuut pdf [--report] [--line-numbers[=page|continuous]] [-j N] -o OUT.pdf FILE.md\n"
    "\n"
    "Typesets one Markdown file as a print-ready PDF: cover, table of contents,\n"
    "footnotes at the foot of their page, running head, outline, tagged.\n"
    "\n"
    "  -o, --output OUT  write to OUT ('-': standard output)\n"
    "  --report          print the page count and line quality to standard error\n"
    "  --line-numbers[=page|continuous]\n"
    "                    number every fifth line of the body in the margin, counted\n"
    "                    on each page (the default) or through the body\n"
    "  -j, --jobs N      threads to typeset with (default: two on a machine of two\n"
    "                    cores or more); the PDF is the same\n";

static const char usage_check[] =
    "usage: statuut check [--format text|json|github] [--strict] [--no-spelling] [FILE|DIR ...]\n"
    "\n"
    "Proofreads content (default: the folder content): front matter, versions,\n"
    "footnotes, citations against the literature list, links, structure and\n"
    "spelling. Messages are 'file:line:col: error|warning: message [check]'.\n"
    "In vastgesteld and vervallen versions findings about the text are warnings.\n"
    "Exit 1 when errors exist.\n"
    "\n"
    "  --format FORMAT   text (default, on stderr), json or github (workflow\n"
    "                    annotations), both on stdout\n"
    "  --strict          warnings fail too\n"
    "  --spelling        check spelling (the default)\n"
    "  --no-spelling     do not check spelling\n";

static const char usage_new[] =
    "usage: statuut new [--content DIR] SLUG VERSION\n"
    "\n"
    "Copies the newest version of document SLUG to VERSION.md with status\n"
    "concept and today's date (or SOURCE_DATE_EPOCH's), summary emptied.\n"
    "\n"
    "  --content DIR     content folder (default: content)\n";

static const char usage_diff[] =
    "usage: statuut diff [--format text|html|json|pdf] [--color WHEN] [-o OUT] OLD.md NEW.md\n"
    "       statuut diff [options] [--content DIR] SLUG V1 V2\n"
    "\n"
    "Shows what changed between two versions: blocks inserted, deleted, modified\n"
    "(with word edits) and moved; front matter as metadata. Exit status as\n"
    "diff(1): 0 no differences, 1 differences, 2 trouble.\n"
    "\n"
    "  --format FORMAT   text (default), html (a standalone redline page), json,\n"
    "                    or pdf (the redline typeset, opened by a summary)\n"
    "  --color WHEN      auto (default: when standard output is a terminal),\n"
    "                    always or never; for text\n"
    "  -o, --output OUT  write to OUT instead of standard output\n"
    "  --content DIR     content folder for SLUG V1 V2 (default: content)\n"
    "  --templates DIR   templates folder for html (default: templates)\n"
    "  --line-numbers[=page|continuous]\n"
    "                    pdf: number every fifth line of the body; json: give each\n"
    "                    change its page and line in that PDF\n"
    "  -j, --jobs N      pdf: threads to typeset with (default: two on a machine of\n"
    "                    two cores or more); the PDF is the same\n";

static const char usage_serve[] =
    "usage: statuut serve [--content DIR] [--templates DIR] [--port N] [--host ADDR]\n"
    "                     [--open] [-j N]\n"
    "\n"
    "Builds the site into a temporary folder and serves it on this machine only;\n"
    "on every save in the content or templates folder it builds again and the\n"
    "open pages reload. While the content has errors the pages show them.\n"
    "Ctrl-C stops it and removes the folder.\n"
    "\n"
    "  --content DIR     content folder (default: content)\n"
    "  --templates DIR   templates folder (default: templates)\n"
    "  --port N          port (default: 8000; 0: any free port)\n"
    "  --host ADDR       a loopback address (default: 127.0.0.1; also ::1, localhost)\n"
    "  --open            open the site in the browser (xdg-open)\n"
    "  -j, --jobs N      worker processes of a build (default: one per core)\n";

static int bad_usage(const char *usage, const char *fmt, const char *arg) {
  fprintf(stderr, "statuut: ");
  fprintf(stderr, fmt, arg);
  fprintf(stderr, "\n%s", usage);
  return EXIT_TROUBLE;
}

/* Prints diagnostics sorted by file and position; returns the error count. */
static unsigned report(diag_list *diags) {
  diag_list_sort(diags);
  for (guint i = 0; i < diags->items->len; i++) {
    char *line = diag_format(g_ptr_array_index(diags->items, i));
    fprintf(stderr, "%s\n", line);
    g_free(line);
  }
  return diag_count(diags, DIAG_ERROR);
}

static int write_output(const char *out, const char *data, size_t len) {
  if (!out || strcmp(out, "-") == 0) {
    fwrite(data, 1, len, stdout);
    return fflush(stdout) == 0 ? EXIT_OK : EXIT_TROUBLE;
  }
  char *err = NULL;
  if (!fs_write_atomic(out, data, len, &err)) {
    fprintf(stderr, "statuut: %s\n", err);
    g_free(err);
    return EXIT_TROUBLE;
  }
  return EXIT_OK;
}

enum {
  OPT_CONTENT = 256,
  OPT_TEMPLATES,
  OPT_OUT,
  OPT_FORMAT,
  OPT_COLOR,
  OPT_REPORT,
  OPT_STRICT,
  OPT_SPELL,
  OPT_NO_SPELL,
  OPT_SINCE,
  OPT_LINES,
  OPT_PROGRESS,
  OPT_PORT,
  OPT_HOST,
  OPT_OPEN,
  OPT_CACHE,
  OPT_NO_CACHE,
  OPT_NO_PDF
};

static const struct option long_opts[] = {{"content", required_argument, NULL, OPT_CONTENT},
                                          {"templates", required_argument, NULL, OPT_TEMPLATES},
                                          {"out", required_argument, NULL, OPT_OUT},
                                          {"output", required_argument, NULL, 'o'},
                                          {"format", required_argument, NULL, OPT_FORMAT},
                                          {"color", required_argument, NULL, OPT_COLOR},
                                          {"report", no_argument, NULL, OPT_REPORT},
                                          {"strict", no_argument, NULL, OPT_STRICT},
                                          {"spelling", no_argument, NULL, OPT_SPELL},
                                          {"no-spelling", no_argument, NULL, OPT_NO_SPELL},
                                          {"since", no_argument, NULL, OPT_SINCE},
                                          {"line-numbers", optional_argument, NULL, OPT_LINES},
                                          {"jobs", required_argument, NULL, 'j'},
                                          {"progress", no_argument, NULL, OPT_PROGRESS},
                                          {"port", required_argument, NULL, OPT_PORT},
                                          {"host", required_argument, NULL, OPT_HOST},
                                          {"open", no_argument, NULL, OPT_OPEN},
                                          {"cache", required_argument, NULL, OPT_CACHE},
                                          {"no-cache", no_argument, NULL, OPT_NO_CACHE},
                                          {"no-pdf", no_argument, NULL, OPT_NO_PDF},
                                          {"quiet", no_argument, NULL, 'q'},
                                          {"verbose", no_argument, NULL, 'v'},
                                          {"help", no_argument, NULL, 'h'},
                                          {NULL, 0, NULL, 0}};

typedef struct {
  const char *content, *templates, *out, *output, *format, *color;
  bool report, strict, spelling, since;
  pdf_line_numbers lines;
  unsigned jobs; /* 0: one per core */
  bool progress, quiet, verbose;
  const char *host; /* serve */
  unsigned port;
  bool open;
  const char *cache; /* NULL: the default, beside the output */
  bool no_cache, no_pdf;
} opts;

/* Worker processes beyond this gain nothing and only cost memory. */
enum { JOBS_MAX = 256 };

/* Parses the options every command shares; those a command does not take are
 * refused. Returns -1 to go on, or an exit status. */
static int parse_opts(int argc, char **argv, const char *usage, const char *allowed, opts *o) {
  o->content = "content";
  o->templates = "templates";
  o->out = "build/site";
  o->output = NULL;
  o->format = "text";
  o->color = "auto";
  o->report = false;
  o->strict = false;
  o->spelling = true;
  o->since = false;
  o->lines = PDF_LINES_NONE;
  o->jobs = 0;
  o->progress = o->quiet = o->verbose = false;
  o->host = "127.0.0.1";
  o->port = 8000;
  o->open = false;
  o->cache = NULL;
  o->no_cache = o->no_pdf = false;
  optind = 1;
  opterr = 0;
  int c;
  while ((c = getopt_long(argc, argv, "o:hj:qv", long_opts, NULL)) != -1) {
    const char *flag = c == OPT_CONTENT     ? "c"
                       : c == OPT_TEMPLATES ? "t"
                       : c == OPT_OUT       ? "d"
                       : c == 'o'           ? "o"
                       : c == OPT_REPORT    ? "r"
                       : c == 'h'           ? "h"
                       : c == OPT_FORMAT    ? "f"
                       : c == OPT_COLOR     ? "k"
                       : c == OPT_STRICT    ? "s"
                       : c == OPT_SPELL     ? "S"
                       : c == OPT_NO_SPELL  ? "S"
                       : c == OPT_SINCE     ? "n"
                       : c == OPT_LINES     ? "l"
                       : c == 'j'           ? "j"
                       : c == OPT_PROGRESS  ? "P"
                       : c == 'q'           ? "q"
                       : c == 'v'           ? "v"
                       : c == OPT_PORT      ? "p"
                       : c == OPT_HOST      ? "H"
                       : c == OPT_OPEN      ? "O"
                       : c == OPT_CACHE     ? "C"
                       : c == OPT_NO_CACHE  ? "C"
                       : c == OPT_NO_PDF    ? "N"
                                            : NULL;
    if (c == 'h') {
      fputs(usage, stdout);
      return EXIT_OK;
    }
    if (!flag || !strchr(allowed, flag[0]))
      return bad_usage(usage, "unknown or misplaced option '%s'", argv[optind - 1]);
    if (c == OPT_CONTENT) o->content = optarg;
    if (c == OPT_TEMPLATES) o->templates = optarg;
    if (c == OPT_OUT) o->out = optarg;
    if (c == 'o') o->output = optarg;
    if (c == OPT_FORMAT) o->format = optarg;
    if (c == OPT_COLOR) o->color = optarg;
    if (c == OPT_REPORT) o->report = true;
    if (c == OPT_STRICT) o->strict = true;
    if (c == OPT_SPELL || c == OPT_NO_SPELL) o->spelling = c == OPT_SPELL;
    if (c == OPT_SINCE) o->since = true;
    if (c == OPT_PROGRESS) o->progress = true;
    if (c == 'q') o->quiet = true;
    if (c == 'v') o->verbose = true;
    if (c == OPT_HOST) o->host = optarg;
    if (c == OPT_OPEN) o->open = true;
    if (c == OPT_PORT) {
      char *end = NULL;
      unsigned long n = strtoul(optarg, &end, 10);
      if (!*optarg || *end || optarg[0] == '-' || n > 65535)
        return bad_usage(usage, "--port takes a number from 0 to 65535, not '%s'", optarg);
      o->port = (unsigned)n;
    }
    if (c == OPT_CACHE) o->cache = optarg;
    if (c == OPT_NO_CACHE) o->no_cache = true;
    if (c == OPT_NO_PDF) o->no_pdf = true;
    if (c == 'j') {
      char *end = NULL;
      unsigned long n = strtoul(optarg, &end, 10);
      if (!*optarg || *end || optarg[0] == '-' || n < 1 || n > JOBS_MAX)
        return bad_usage(usage,
                         usage == usage_pdf || usage == usage_diff
                             ? "-j takes a number of threads from 1 to 256, not '%s'"
                             : "-j takes a number of worker processes from 1 to 256, not '%s'",
                         optarg);
      o->jobs = (unsigned)n;
    }
    if (c == OPT_LINES) {
      if (!optarg || strcmp(optarg, "page") == 0)
        o->lines = PDF_LINES_PAGE;
      else if (strcmp(optarg, "continuous") == 0)
        o->lines = PDF_LINES_CONTINUOUS;
      else
        return bad_usage(usage, "--line-numbers takes page or continuous, not '%s'", optarg);
    }
  }
  return -1;
}

/* The heap a command will use, reserved before it starts (heap.h): per byte
 * of Markdown for the model, the diff and the output (more when a redline
 * page is built as a DOM); for the PDF engine (fonts, pango's caches) and
 * per byte of the largest document it typesets; for hunspell-nl's
 * dictionary. Measured on content/ and rounded up: a page reserved for
 * nothing costs a tenth of a page left to fault. */
enum { HEAP_PER_BYTE = 20, HEAP_REDLINE_PER_BYTE = 32, HEAP_PDF_PER_BYTE = 240 };
#define HEAP_PDF_ENGINE ((size_t)6 << 20)
#define HEAP_DICTIONARY ((size_t)18 << 20)

static void reserve(const char *const *paths, int n, size_t per_byte, bool pdf, bool spelling) {
  size_t largest;
  size_t bytes = per_byte * heap_markdown_bytes(paths, n, &largest);
  /* A file beyond the limit is refused unread: nothing to reserve for. */
  if (largest > DOC_MAX_BYTES) return;
  if (pdf) bytes += HEAP_PDF_ENGINE + HEAP_PDF_PER_BYTE * largest;
  if (spelling) bytes += HEAP_DICTIONARY;
  heap_reserve(bytes);
}

/* What a build prints without --verbose: its errors, and the damaged cache
 * entries it rebuilt (not the content's warnings, which check lists). */
static bool is_error_or_cache(diag *d, void *ctx) {
  (void)ctx;
  return d->severity == DIAG_ERROR || d->check == CHECK_CACHE;
}

/* diag_keep_fn: counts the cache's warnings, keeping everything. */
static bool count_cache(diag *d, void *ctx) {
  if (d->check == CHECK_CACHE) (*(unsigned *)ctx)++;
  return true;
}

/* The cache's default place: "cache" beside the output folder (build/cache
 * for build/site), so that builds of different outputs keep theirs apart.
 * Caller frees. */
static char *default_cache(const char *out) {
  char *abs = fs_canonical(out);
  char *parent = g_path_get_dirname(abs ? abs : out);
  char *cache = g_build_filename(parent, "cache", NULL);
  g_free(parent);
  g_free(abs);
  return cache;
}

/* Wall time since start, in seconds, from the monotonic clock: for what the
 * build prints only, never for what it writes. */
static double seconds_since(const struct timespec *start) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (double)(now.tv_sec - start->tv_sec) + (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

/* The progress line of `build` on standard error, redrawn in place. */
typedef struct {
  bool draw;  /* a terminal (or --progress) */
  bool shown; /* a line is on the screen */
  struct timespec start;
  double drawn; /* when it was last drawn */
  site_progress last;
} progress_view;

/* Redraws at most ten times a second, and when everything is done. */
static void show_progress(const site_progress *p, void *ctx) {
  progress_view *v = ctx;
  v->last = *p;
  if (!v->draw) return;
  double t = seconds_since(&v->start);
  bool all = p->pages_done == p->pages && p->pdfs_done == p->pdfs;
  if (v->shown && !all && t - v->drawn < 0.1) return;
  char *line =
      g_strdup_printf("statuut: documents %u/%u, pages %u/%u, PDFs %u/%u, redlines %u/%u, %.1f s",
                      p->documents_done, p->documents, p->pages_done, p->pages, p->pdfs_done,
                      p->pdfs, p->redlines_done, p->redlines, t);
  /* A line longer than the terminal would wrap, and \r would redraw only
   * its last part: cut it to the width (it is ASCII). */
  struct winsize ws;
  if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 1 && strlen(line) >= ws.ws_col)
    line[ws.ws_col - 1] = '\0';
  fprintf(stderr, "\r\033[K%s", line);
  g_free(line);
  fflush(stderr);
  v->shown = true;
  v->drawn = t;
}

static void clear_progress(progress_view *v) {
  if (v->shown) fputs("\r\033[K", stderr);
  fflush(stderr);
  v->shown = false;
}

static const char *plural(unsigned n) {
  return n == 1 ? "" : "s";
}

static int cmd_build(int argc, char **argv) {
  opts o;
  int rc = parse_opts(argc, argv, usage_build, "ctdjPqvCN", &o);
  if (rc >= 0) return rc;
  if (optind != argc) return bad_usage(usage_build, "unexpected argument '%s'", argv[optind]);
  if (o.quiet && o.verbose)
    return bad_usage(usage_build, "%s", "--quiet and --verbose exclude each other");
  if (o.cache && o.no_cache)
    return bad_usage(usage_build, "%s", "--cache and --no-cache exclude each other");
  if (o.cache && !*o.cache) return bad_usage(usage_build, "%s", "--cache takes a folder");
  char *cache = o.no_cache ? NULL : o.cache ? g_strdup(o.cache) : default_cache(o.out);
  diag_list *diags = diag_list_new();
  char *err = NULL;
  char *pagefind = site_pagefind_path();
  char *fonts = site_fonts_path();
  bool searchable = false, webfonts = false;
  const char *ci = getenv("CI");
  progress_view view = {.draw =
                            !o.quiet && (o.progress || (isatty(STDERR_FILENO) && !(ci && *ci)))};
  clock_gettime(CLOCK_MONOTONIC, &view.start);
  site_options so = {o.content, o.templates, o.out,         pagefind, &searchable, fonts,
                     &webfonts, o.jobs,      show_progress, &view,    cache,       o.no_pdf};
  reserve((const char *[]){o.content}, 1, HEAP_PER_BYTE, true, false);
  bool ok = site_build(&so, diags, &err);
  double took = seconds_since(&view.start);
  clear_progress(&view);
  /* The build names what stops it; the proofreading is statuut check's,
   * and --verbose's. */
  unsigned discarded = 0;
  diag_list_filter(diags, count_cache, &discarded);
  unsigned warnings = diag_count(diags, DIAG_WARNING) - discarded;
  if (!o.verbose) diag_list_filter(diags, is_error_or_cache, NULL);
  report(diags);
  if (err) fprintf(stderr, "statuut: %s\n", err);
  if (ok && !o.quiet && !searchable)
    fprintf(stderr, "statuut: no search: Pagefind is not at %s (make installs it)\n", pagefind);
  if (ok && !o.quiet && !webfonts)
    fprintf(stderr, "statuut: no web fonts: none in %s (make makes them); pages use the reader's\n",
            fonts);
  if (ok && !o.quiet) {
    const site_progress *p = &view.last;
    fprintf(stderr, "statuut: built %u page%s, %u PDF%s, %u redline%s in %.1f s", p->pages_done,
            plural(p->pages_done), p->pdfs_done, plural(p->pdfs_done), p->redlines_done,
            plural(p->redlines_done), took);
    if (p->cached) fprintf(stderr, ", %u from the cache", p->cached);
    if (discarded)
      fprintf(stderr, ", %u damaged cache entr%s rebuilt", discarded, discarded == 1 ? "y" : "ies");
    if (!warnings)
      fputs("; no warnings\n", stderr);
    else if (o.verbose)
      fprintf(stderr, "; %u warning%s in the content, listed above\n", warnings, plural(warnings));
    else
      fprintf(stderr, "; %u warning%s in the content; --verbose or 'statuut check' lists them\n",
              warnings, plural(warnings));
  }
  g_free(cache);
  g_free(fonts);
  g_free(pagefind);
  if (!ok) fprintf(stderr, "statuut: build failed; %s was left as it was\n", o.out);
  g_free(err);
  diag_list_free(diags);
  return ok ? EXIT_OK : EXIT_TROUBLE;
}

/* True (with a message) when -o names one of the inputs: writing the output
 * there would destroy the source. */
static bool overwrites_input(const char *usage, const char *out, const char *const *in, int n,
                             int *rc) {
  for (int i = 0; out && strcmp(out, "-") != 0 && i < n; i++) {
    if (fs_same_file(out, in[i])) {
      *rc = bad_usage(usage, "refusing to write the output over the input '%s'", in[i]);
      return true;
    }
  }
  return false;
}

/* Prints what a command reported and writes its output; the exit status. */
static int finish(diag_list *diags, char *err, command_output *out, bool ok, const char *to) {
  report(diags);
  if (err) fprintf(stderr, "statuut: %s\n", err);
  int rc = ok ? write_output(to, out->data, out->len) : EXIT_TROUBLE;
  command_output_clear(out);
  g_free(err);
  diag_list_free(diags);
  return rc;
}

static int cmd_render(int argc, char **argv, bool html) {
  const char *usage = html ? usage_html : usage_text;
  opts o;
  int rc = parse_opts(argc, argv, usage, html ? "to" : "on", &o);
  if (rc >= 0) return rc;
  if (argc - optind != 1) return bad_usage(usage, "%s", "expected one Markdown file");
  if (overwrites_input(usage, o.output, (const char *const *)argv + optind, 1, &rc)) return rc;
  reserve((const char *const *)argv + optind, 1, HEAP_PER_BYTE, false, false);
  diag_list *diags = diag_list_new();
  char *err = NULL;
  command_output out = {0};
  bool ok = html ? command_html(argv[optind], o.templates, &out, diags, &err)
                 : command_text(argv[optind], o.since, &out, diags, &err);
  return finish(diags, err, &out, ok, o.output);
}

static void print_pdf_report(const pdf_report *rep) {
  const pdf_line_stats *s = &rep->lines;
  fprintf(stderr,
          "pages %u\nparagraphs %u\nlines %u\njustified %u\nhyphenated %u\n"
          "hyphenated-percent %.1f\n"
          "stacked-hyphens %u\nhyphen-ladders %u\nloose-over-2x %u\ncapped-at-3x %u\n"
          "max-space %.2f\nmean-space %.2f\n",
          rep->pages, s->paragraphs, s->lines, s->justified, s->hyphenated,
          s->lines ? 100.0 * s->hyphenated / s->lines : 0, s->stacked_hyphens, s->ladders, s->loose,
          s->capped, s->max_space, s->justified ? s->sum_space / s->justified : 0);
}

/* Threads for one PDF: -j, or two where there are two cores (the engine
 * uses no more than two). */
static int typesetting_threads(const opts *o) {
  if (o->jobs) return (int)o->jobs;
  return g_get_num_processors() > 1 ? 2 : 1;
}

static int cmd_pdf(int argc, char **argv) {
  opts o;
  int rc = parse_opts(argc, argv, usage_pdf, "orlj", &o);
  if (rc >= 0) return rc;
  if (argc - optind != 1) return bad_usage(usage_pdf, "%s", "expected one Markdown file");
  if (!o.output) return bad_usage(usage_pdf, "%s", "expected -o OUT.pdf");
  if (overwrites_input(usage_pdf, o.output, (const char *const *)argv + optind, 1, &rc)) return rc;
  reserve((const char *const *)argv + optind, 1, HEAP_PER_BYTE, true, false);
  diag_list *diags = diag_list_new();
  char *err = NULL;
  command_output out = {0};
  pdf_report rep = {0};
  bool ok = command_pdf(argv[optind], o.lines, typesetting_threads(&o), &out, &rep, diags, &err);
  rc = finish(diags, err, &out, ok, o.output);
  if (ok && rc == EXIT_OK && o.report) print_pdf_report(&rep);
  if (rep.places) g_array_unref(rep.places);
  return rc;
}

static int cmd_check(int argc, char **argv) {
  opts o;
  int rc = parse_opts(argc, argv, usage_check, "fsS", &o);
  if (rc >= 0) return rc;
  report_format format;
  if (!report_format_parse(o.format, &format))
    return bad_usage(usage_check, "unknown format '%s': expected text, json or github", o.format);
  const char *def[] = {"content"};
  const char *const *paths = optind < argc ? (const char *const *)argv + optind : def;
  int n = optind < argc ? argc - optind : 1;
  reserve(paths, n, HEAP_PER_BYTE, false, o.spelling);
  diag_list *diags = diag_list_new();
  check_options co = {.spelling = o.spelling};
  unsigned files = check_paths(paths, n, &co, diags);
  diag_list_sort(diags);
  char *out = report_render(diags, format, files);
  fputs(out, format == REPORT_TEXT ? stderr : stdout);
  g_free(out);
  unsigned errors = diag_count(diags, DIAG_ERROR);
  unsigned warnings = diag_count(diags, DIAG_WARNING);
  /* A file beyond a limit (doc.h) was not checked at all: trouble, not a finding. */
  bool refused = false;
  for (guint i = 0; i < diags->items->len; i++)
    refused |= ((diag *)g_ptr_array_index(diags->items, i))->check == CHECK_LIMIT;
  fprintf(stderr, "%u file%s checked: %u error%s, %u warning%s\n", files, files == 1 ? "" : "s",
          errors, errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
  diag_list_free(diags);
  if (refused) return EXIT_TROUBLE;
  return errors || (o.strict && warnings) ? EXIT_PROBLEMS : EXIT_OK;
}

/* Today as YYYY-MM-DD: SOURCE_DATE_EPOCH when set (reproducible runs and
 * tests), the local date otherwise. */
static char *today(void) {
  const char *sde = getenv("SOURCE_DATE_EPOCH");
  GDateTime *now = sde && *sde ? g_date_time_new_from_unix_utc(g_ascii_strtoll(sde, NULL, 10))
                               : g_date_time_new_now_local();
  char *s = g_date_time_format(now, "%Y-%m-%d");
  g_date_time_unref(now);
  return s;
}

static int cmd_new(int argc, char **argv) {
  opts o;
  int rc = parse_opts(argc, argv, usage_new, "c", &o);
  if (rc >= 0) return rc;
  if (argc - optind != 2) return bad_usage(usage_new, "%s", "expected SLUG and VERSION");
  diag_list *diags = diag_list_new();
  char *date = today();
  char *path = newversion_create(o.content, argv[optind], argv[optind + 1], date, diags);
  report(diags);
  if (path) printf("%s\n", path);
  g_free(path);
  g_free(date);
  diag_list_free(diags);
  return path ? EXIT_OK : EXIT_TROUBLE;
}

/* statuut diff: exit 0 when the versions are the same, 1 when they differ,
 * 2 on trouble, as diff(1). */
static int cmd_diff(int argc, char **argv) {
  static const char *const formats[COMMAND_DIFF_FORMAT_MAX] = {[COMMAND_DIFF_TEXT] = "text",
                                                               [COMMAND_DIFF_HTML] = "html",
                                                               [COMMAND_DIFF_JSON] = "json",
                                                               [COMMAND_DIFF_PDF] = "pdf"};
  opts o;
  int rc = parse_opts(argc, argv, usage_diff, "ctofklj", &o);
  if (rc >= 0) return rc;
  int n = argc - optind;
  if (n != 2 && n != 3) return bad_usage(usage_diff, "%s", "expected OLD.md NEW.md or SLUG V1 V2");
  command_diff_options co = {COMMAND_DIFF_FORMAT_MAX, false, o.templates, o.lines,
                             typesetting_threads(&o)};
  for (int f = 0; f < COMMAND_DIFF_FORMAT_MAX; f++)
    if (strcmp(o.format, formats[f]) == 0) co.format = (command_diff_format)f;
  if (co.format == COMMAND_DIFF_FORMAT_MAX)
    return bad_usage(usage_diff, "unknown format '%s'", o.format);
  if (o.lines != PDF_LINES_NONE && co.format != COMMAND_DIFF_PDF && co.format != COMMAND_DIFF_JSON)
    return bad_usage(usage_diff, "--line-numbers is for --format pdf or json, not '%s'", o.format);
  if (co.format == COMMAND_DIFF_PDF && !o.output && isatty(STDOUT_FILENO))
    return bad_usage(usage_diff, "%s", "--format pdf writes a PDF: give -o OUT.pdf");
  if (strcmp(o.color, "auto") != 0 && strcmp(o.color, "always") != 0 &&
      strcmp(o.color, "never") != 0)
    return bad_usage(usage_diff, "--color takes auto, always or never, not '%s'", o.color);
  co.color = strcmp(o.color, "always") == 0 ||
             (strcmp(o.color, "auto") == 0 && !o.output && isatty(STDOUT_FILENO));
  char *paths[2] = {NULL, NULL}, *err = NULL;
  if (n == 2) {
    paths[0] = g_strdup(argv[optind]);
    paths[1] = g_strdup(argv[optind + 1]);
  } else if (!command_version_paths(o.content, argv[optind], argv[optind + 1], argv[optind + 2],
                                    &paths[0], &paths[1], &err)) {
    rc = bad_usage(usage_diff, "%s", err);
    g_free(err);
    return rc;
  }
  if (overwrites_input(usage_diff, o.output, (const char *const *)paths, 2, &rc)) {
    g_free(paths[0]);
    g_free(paths[1]);
    return rc;
  }
  reserve((const char *const *)paths, 2,
          co.format == COMMAND_DIFF_HTML ? HEAP_REDLINE_PER_BYTE : HEAP_PER_BYTE,
          co.format == COMMAND_DIFF_PDF || o.lines != PDF_LINES_NONE, false);
  diag_list *diags = diag_list_new();
  command_output out = {0};
  bool differs = false;
  bool ok = command_diff(paths[0], paths[1], &co, &out, &differs, diags, &err);
  rc = finish(diags, err, &out, ok, o.output);
  g_free(paths[0]);
  g_free(paths[1]);
  return rc == EXIT_OK && differs ? 1 : rc;
}

static void say_line(const char *line, void *ctx) {
  (void)ctx;
  fprintf(stderr, "%s\n", line);
  fflush(stderr);
}

static int cmd_serve(int argc, char **argv) {
  opts o;
  int rc = parse_opts(argc, argv, usage_serve, "ctpHOj", &o);
  if (rc >= 0) return rc;
  if (optind != argc) return bad_usage(usage_serve, "unexpected argument '%s'", argv[optind]);
  preview_options po = {o.content, o.templates, o.host, o.port, o.open, o.jobs, say_line, NULL};
  /* As for build; malloc keeps the reserve across the builds (heap.h). */
  reserve((const char *[]){o.content}, 1, HEAP_PER_BYTE, true, false);
  char *err = NULL;
  bool ok = preview_run(&po, &err);
  if (err) fprintf(stderr, "statuut: %s\n", err);
  g_free(err);
  return ok ? EXIT_OK : EXIT_TROUBLE;
}

int main(int argc, char **argv) {
  /* Numbers and sorting must not depend on the user's locale; text is
   * UTF-8 (GLib writes messages in the locale's character set). Only the
   * character type is C.UTF-8: asking it of every category opened and
   * mapped twelve files of Debian's C.utf8 on every run. */
  setlocale(LC_ALL, "C");
  setlocale(LC_CTYPE, "C.UTF-8");
  if (argc < 2) {
    fputs(usage_main, stderr);
    return EXIT_TROUBLE;
  }
  const char *cmd = argv[1];
  if (strcmp(cmd, "--version") == 0) {
    printf("statuut %s (build %s)\n", STATUUT_VERSION, module_build_id());
    return EXIT_OK;
  }
  if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
    fputs(usage_main, stdout);
    return EXIT_OK;
  }
  if (strcmp(cmd, "build") == 0) return cmd_build(argc - 1, argv + 1);
  if (strcmp(cmd, "html") == 0) return cmd_render(argc - 1, argv + 1, true);
  if (strcmp(cmd, "text") == 0) return cmd_render(argc - 1, argv + 1, false);
  if (strcmp(cmd, "pdf") == 0) return cmd_pdf(argc - 1, argv + 1);
  if (strcmp(cmd, "check") == 0) return cmd_check(argc - 1, argv + 1);
  if (strcmp(cmd, "new") == 0) return cmd_new(argc - 1, argv + 1);
  if (strcmp(cmd, "diff") == 0) return cmd_diff(argc - 1, argv + 1);
  if (strcmp(cmd, "serve") == 0) return cmd_serve(argc - 1, argv + 1);
  fprintf(stderr, "statuut: unknown command '%s'\n%s", cmd, usage_main);
  return EXIT_TROUBLE;
}

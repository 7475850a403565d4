/* preview: see include/statuut/preview.h */
#define _GNU_SOURCE /* signalfd */
#include "statuut/preview.h"
#include "statuut/fsutil.h"
#include "statuut/servemodule.h"
#include "statuut/site.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/signalfd.h>
#include <time.h>
#include <unistd.h>

/* A burst of saves (an editor writing a file and its backup, a script
 * saving many, `git checkout`) is one change once nothing moved for this
 * long; a change that never quiets down is built after the longer wait. */
enum { QUIET_MS = 150, MAX_WAIT_MS = 2000 };

typedef struct {
  const preview_options *o;
  const serve_module *m;
  serve_server *server;
  char *tmp;   /* the temporary folder, removed at the end; owned */
  char *site;  /* tmp/site, what is served; owned */
  char *cache; /* tmp/cache, the build cache: a save rebuilds what it changed; owned */
  char *pagefind, *fonts;
} preview;

static void say(const preview *p, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
static void say(const preview *p, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *line = g_strdup_vprintf(fmt, ap);
  va_end(ap);
  if (p->o->say) p->o->say(line, p->o->say_ctx);
  g_free(line);
}

static double seconds_since(const struct timespec *start) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (double)(now.tv_sec - start->tv_sec) + (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

/* The one call of the build: every build of the preview goes through
 * here, with the options of `statuut build`, the temporary site as its
 * output and tmp/cache as its cache, so that a save rebuilds only the pages
 * and PDFs it changed. */
static bool build_site(const preview *p, diag_list *diags, char **err) {
  site_options so = {.content_dir = p->o->content_dir,
                     .templates_dir = p->o->templates_dir,
                     .out_dir = p->site,
                     .pagefind = p->pagefind,
                     .fonts = p->fonts,
                     .jobs = p->o->jobs,
                     .cache_dir = p->cache};
  return site_build(&so, diags, err);
}

/* Builds, and publishes the site or the page of its errors. */
static void rebuild(preview *p, bool first) {
  struct timespec start;
  clock_gettime(CLOCK_MONOTONIC, &start);
  diag_list *diags = diag_list_new();
  char *err = NULL;
  bool ok = build_site(p, diags, &err);
  double took = seconds_since(&start);
  diag_list_sort(diags);
  unsigned errors = diag_count(diags, DIAG_ERROR);
  /* With errors, the refusal's message only repeats them. */
  unsigned n = p->m->publish(p->server, ok ? NULL : p->m->error_page(diags, errors ? NULL : err));
  if (ok) {
    say(p, "statuut: %s in %.1f s (build %u)", first ? "built" : "rebuilt", took, n);
  } else {
    for (guint i = 0; i < diags->items->len; i++) {
      const diag *d = g_ptr_array_index(diags->items, i);
      if (d->severity != DIAG_ERROR) continue;
      char *line = diag_format(d);
      say(p, "%s", line);
      g_free(line);
    }
    if (err && !errors) say(p, "statuut: %s", err);
    if (errors)
      say(p, "statuut: build %u failed (%u error%s): the pages show %s until the next good save", n,
          errors, errors == 1 ? "" : "s", errors == 1 ? "it" : "them");
    else
      say(p, "statuut: build %u failed: the pages show why until the next good save", n);
  }
  g_free(err);
  diag_list_free(diags);
}

/* The browser gets the signals the preview keeps for itself back. */
static void unblock_signals(gpointer data) {
  (void)data;
  sigset_t all;
  sigfillset(&all);
  sigprocmask(SIG_UNBLOCK, &all, NULL);
}

/* The browser gets the editor's environment, without what the PDF engine
 * set for cairo in this process (pdf.c: CAIRO_DEBUG_PDF), which would make
 * a browser drawing with cairo write its PDFs uncompressed. */
static void open_browser(const preview *p, const char *url) {
  char *argv[] = {"xdg-open", (char *)url, NULL};
  char **env = g_environ_unsetenv(g_get_environ(), "CAIRO_DEBUG_PDF");
  GError *e = NULL;
  if (!g_spawn_async(NULL, argv, env,
                     G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     unblock_signals, NULL, NULL, &e)) {
    say(p, "statuut: cannot open a browser (%s): open %s yourself", e->message, url);
    g_error_free(e);
  }
  g_strfreev(env);
}

static void remove_tmp(preview *p) {
  char *ignored = NULL;
  if (p->tmp) fs_remove_tree(p->tmp, &ignored);
  g_free(ignored);
}

bool preview_run(const preview_options *o, char **err) {
  preview p = {.o = o};
  if (!(p.m = serve_module_get(err))) return false;
  if (!fs_is_dir(o->content_dir) || !fs_is_dir(o->templates_dir)) {
    *err = g_strdup_printf("%s: not a folder",
                           fs_is_dir(o->content_dir) ? o->templates_dir : o->content_dir);
    return false;
  }
  /* SIGINT and SIGTERM are read from a descriptor, between builds: a build
   * is never cut short, and the folder is removed after it. Blocked before
   * the server's threads start, which inherit the mask. */
  sigset_t stop, old;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  sigaddset(&stop, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &stop, &old);
  int sfd = signalfd(-1, &stop, SFD_CLOEXEC);
  /* A browser that goes away mid-answer must not end the preview. */
  struct sigaction ignore = {.sa_handler = SIG_IGN}, old_pipe;
  sigaction(SIGPIPE, &ignore, &old_pipe);
  GError *e = NULL;
  p.tmp = sfd >= 0 ? g_dir_make_tmp("statuut-serve-XXXXXX", &e) : NULL;
  p.site = p.tmp ? g_build_filename(p.tmp, "site", NULL) : NULL;
  p.cache = p.tmp ? g_build_filename(p.tmp, "cache", NULL) : NULL;
  p.pagefind = site_pagefind_path();
  p.fonts = site_fonts_path();
  const char *dirs[] = {o->content_dir, o->templates_dir};
  serve_watch *w = NULL;
  bool ok = false;
  if (sfd < 0)
    *err = g_strdup_printf("cannot read signals: %s", g_strerror(errno));
  else if (!p.tmp)
    *err = g_strdup_printf("cannot make a temporary folder: %s", e->message);
  /* The watch starts before the first build: a save during it is seen. */
  else if ((w = p.m->watch_open(dirs, 2, err)) &&
           (p.server = p.m->start(o->host, o->port, p.site, err))) {
    rebuild(&p, true);
    char *url = g_strdup_printf(strchr(o->host, ':') ? "http://[%s]:%u/" : "http://%s:%u/", o->host,
                                p.m->port(p.server));
    say(&p, "statuut: serving %s at %s (Ctrl-C stops)", p.site, url);
    if (o->open) open_browser(&p, url);
    g_free(url);
    int r;
    while ((r = p.m->watch_wait(w, sfd, QUIET_MS, MAX_WAIT_MS, err)) == 1)
      rebuild(&p, false);
    ok = r == 0;
    if (ok) {
      struct signalfd_siginfo si;
      if (read(sfd, &si, sizeof si) == (ssize_t)sizeof si)
        say(&p, "statuut: %s: stopping", strsignal((int)si.ssi_signo));
    }
  }
  if (p.server) p.m->stop(p.server);
  if (w) p.m->watch_free(w);
  remove_tmp(&p);
  if (e) g_error_free(e);
  if (sfd >= 0) close(sfd);
  sigaction(SIGPIPE, &old_pipe, NULL);
  pthread_sigmask(SIG_SETMASK, &old, NULL);
  g_free(p.fonts);
  g_free(p.pagefind);
  g_free(p.site);
  g_free(p.cache);
  g_free(p.tmp);
  return ok;
}

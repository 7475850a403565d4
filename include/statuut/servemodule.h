/* servemodule: the live preview's server and watcher, as the module
 * statuut-serve.so exports them (see module.h). Only `statuut serve` loads
 * it, so no other command maps libmicrohttpd (and the GnuTLS it pulls in).
 *
 * The module does three things and nothing else; the build itself, and
 * when to run it, are the binary's (src/cli/serve.c, site.h):
 *
 *   - serve a built site folder over HTTP on a loopback address only:
 *     GET and HEAD of files inside the folder, never a path out of it;
 *     HTML answers carry a small reload script (the files stay as built);
 *     /_statuut/events is a Server-Sent Events stream that says "reload"
 *     whenever a build is published;
 *   - render the page that stands in for the site's pages while the
 *     content has errors;
 *   - watch folders (inotify) and wait until a burst of changes is over.
 *
 * The inside is src/serve/serve.h. */
#ifndef STATUUT_SERVEMODULE_H
#define STATUUT_SERVEMODULE_H

#include "statuut/diag.h"
#include "statuut/module.h"

typedef struct serve_server serve_server;
typedef struct serve_watch serve_watch;

typedef struct {
  module_header header;

  /* Listens on host (a loopback address: 127.0.0.0/8, ::1 or "localhost";
   * anything else is refused) and port (0: any free one) and serves the
   * folder root, which need not exist yet. The server answers from threads
   * of its own until stop. NULL with *err set (caller frees). */
  serve_server *(*start)(const char *host, unsigned port, const char *root, char **err);
  /* The port it listens on. */
  unsigned (*port)(const serve_server *s);
  /* A build is done: error_page NULL when it succeeded (the folder holds
   * the new site), else the page (error_page below; the server takes it)
   * that every HTML page shows until the next good build, while the other
   * files are those of the last good site. Tells every open page to
   * reload. Returns the build's number. */
  unsigned (*publish)(serve_server *s, char *error_page);
  /* Closes the open event streams, stops listening and frees s. */
  void (*stop)(serve_server *s);

  /* The page for a build that failed, in Dutch: its errors (file:line:col,
   * the message and the source line, read from the file) and message (the
   * build's, may be NULL). Caller frees (or hands it to publish). */
  char *(*error_page)(const diag_list *diags, const char *message);

  /* Watches the folders and their subfolders (n of them) for files that
   * are written, created, moved or deleted; editors' swap and backup files
   * (names starting with '.' or ending in '~', .swp, .swx) do not count.
   * NULL with *err set. */
  serve_watch *(*watch_open)(const char *const *dirs, unsigned n, char **err);
  /* Waits for a change, then until quiet_ms pass without one (a burst of
   * saves is one change), or at most max_ms after the first. Returns 1
   * after a change, 0 as soon as stop_fd is readable (it is not read), -1
   * on trouble (*err set). */
  int (*watch_wait)(serve_watch *w, int stop_fd, unsigned quiet_ms, unsigned max_ms, char **err);
  void (*watch_free)(serve_watch *w);
} serve_module;

/* The preview's module, loaded on the first call; NULL with *err set (caller
 * frees) when it cannot be loaded. */
static inline const serve_module *serve_module_get(char **err) {
  return module_load("statuut-serve.so", "statuut_serve_module", sizeof(serve_module), err);
}

#endif

/* preview: `statuut serve`, the editors' live preview.
 *
 * Builds the site (site.h, the same build as `statuut build`) into a
 * temporary folder, serves it on a loopback address, watches the content
 * and templates folders, and on every save (a burst of saves is one)
 * builds again and has the open pages reload. While the content has errors
 * the pages show them instead (servemodule.h). The server and the watcher
 * are the module statuut-serve.so; the builds run here, in the serve
 * process, started by changes of the folders only, never by a request. */
#ifndef STATUUT_PREVIEW_H
#define STATUUT_PREVIEW_H

#include <stdbool.h>

/* A line for the terminal: what the preview is doing ("serving ...",
 * "rebuilt ...", the errors of a build). */
typedef void (*preview_say_fn)(const char *line, void *ctx);

typedef struct {
  const char *content_dir;
  const char *templates_dir;
  const char *host; /* loopback only (servemodule.h start) */
  unsigned port;    /* 0: any free port */
  bool open;        /* open the site in the browser (xdg-open) once it is built */
  unsigned jobs;    /* worker processes of a build, as site_options */
  preview_say_fn say;
  void *say_ctx;
} preview_options;

/* Runs until SIGINT or SIGTERM, then stops the server and removes the
 * temporary folder. Returns true when it was stopped so; false with *err
 * set (caller frees) when it could not start (the module, the address,
 * the folders) or could not go on watching. A build that fails is no
 * failure of the preview: the pages show why. */
bool preview_run(const preview_options *o, char **err);

#endif

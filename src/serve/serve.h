/* serve: the inside of statuut-serve.so (include/statuut/servemodule.h).
 *
 *   http.c       the server (libmicrohttpd): requests, the event stream
 *   files.c      which file a URL names, its type, the reload script
 *   errorpage.c  the page shown while the content has errors
 *   watch.c      the watcher (inotify) and its debounce
 *   module.c     the table
 *
 * The functions here are pure or touch the file system only, so that the
 * unit tests (tests/unit/test_serve.c) reach them without a server. */
#ifndef STATUUT_SERVE_H
#define STATUUT_SERVE_H

#include "statuut/servemodule.h"

#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>

/* Where the reload script and the event stream are served. No file of a
 * site starts with '_' at its root (siteurl.h: slugs are [a-z0-9-]). */
#define SERVE_EVENTS_PATH "/_statuut/events"
#define SERVE_SCRIPT_PATH "/_statuut/reload.js"

/* host as a loopback address with port: 127.0.0.0/8, ::1 and "localhost"
 * (127.0.0.1). Anything else is refused: the preview shows drafts, and a
 * server on another interface would show them to the network. False with
 * *err set (caller frees). */
bool serve_host_parse(const char *host, unsigned port, struct sockaddr_storage *addr,
                      socklen_t *len, char **err);

/* Whether a request's Host header (NULL: none, HTTP/1.0) names this machine
 * by a loopback name or address, with any port: a page of another site that
 * a browser was led to fetch from 127.0.0.1 by DNS rebinding names its own
 * host, and is refused. */
bool serve_host_header_ok(const char *host);

/* The path inside the site that the request target url names (as it came,
 * undecoded), without its leading '/'; *dir set when it ends in '/'. NULL
 * when it is refused: not starting with '/', a %-escape that is malformed
 * or encodes NUL, a control character, '/' or '\', a raw '\' or control
 * character, an empty segment ("//") or one that starts with '.' (".",
 * "..", hidden files: a site has none). Caller frees. */
char *serve_url_path(const char *url, bool *dir);

/* The file that path (from serve_url_path) names in the folder root,
 * opened for reading; a folder names its index.html. Every component is
 * opened with O_NOFOLLOW below the previous one, so no symbolic link is
 * followed (the site has none: a link can only lead out of it) and a
 * folder renamed meanwhile cannot redirect it. Returns the descriptor, or
 * -1: nothing there, a link, not a regular file; also -1 with *redirect set
 * when path names a folder but the URL lacked the '/' (relative links of
 * the page would resolve wrongly). *html tells whether it is an HTML file. */
int serve_open(const char *root, const char *path, bool dir, bool *html, bool *redirect);

/* The Content-Type of a file by the extension of its name; unknown ones
 * are application/octet-stream. */
const char *serve_content_type(const char *name);

/* html (len bytes) with the reload script tag of build number `build`
 * before its last "</body>" (at the end when it has none). Caller frees
 * (free(3), not g_free: the server's threads use libc's allocator only);
 * *out_len is the new length. NULL when out of memory. */
char *serve_inject(const char *html, size_t len, unsigned build, size_t *out_len);

/* The reload script the tag loads. */
extern const char serve_reload_script[];

char *serve_error_page(const diag_list *diags, const char *message);

serve_server *serve_start(const char *host, unsigned port, const char *root, char **err);
unsigned serve_port(const serve_server *s);
unsigned serve_publish(serve_server *s, char *error_page);
void serve_stop(serve_server *s);

serve_watch *serve_watch_open(const char *const *dirs, unsigned n, char **err);
int serve_watch_wait(serve_watch *w, int stop_fd, unsigned quiet_ms, unsigned max_ms, char **err);
void serve_watch_free(serve_watch *w);

/* Whether a change to a file called name counts (editors' swap and backup
 * files do not). */
bool serve_watch_counts(const char *name);

#endif

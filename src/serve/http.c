/* http: the preview's server, libmicrohttpd with a thread per connection
 * (see serve.h). An event stream waits in its connection's thread for the
 * next build; the files are opened per request below the site folder
 * (files.c). The threads use libc only: the build forks its workers while
 * they run, and a child must not inherit a lock one of them held. Requests
 * only read: nothing a client sends can start a build. */
#define _GNU_SOURCE
#include "serve.h"

#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Connections at once: a few browser tabs (each holds its event stream)
 * and their parallel requests. More wait for the kernel's queue, then are
 * refused; threads stay bounded whatever a client does. */
enum { CONNECTIONS_MAX = 64, IDLE_SECONDS = 60, KEEPALIVE_SECONDS = 15 };

struct serve_server {
  struct MHD_Daemon *daemon;
  char *root;
  unsigned port;
  pthread_mutex_t lock;
  pthread_cond_t changed; /* on CLOCK_MONOTONIC */
  /* under lock: */
  unsigned build;   /* builds published */
  char *error_page; /* of the last build, NULL when it succeeded; owned */
  bool stopping;
};

/* The request target as it came: serve_url_path decodes it itself, so that
 * an encoded '/' is told from a real one. */
static size_t keep_escaped(void *cls, struct MHD_Connection *c, char *s) {
  (void)cls;
  (void)c;
  return strlen(s);
}

static enum MHD_Result queue(struct MHD_Connection *c, unsigned status, struct MHD_Response *r,
                             const char *type) {
  if (!r) return MHD_NO;
  if (type) MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
  /* The preview changes with every save: never from a cache. */
  MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
  MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
  enum MHD_Result ok = MHD_queue_response(c, status, r);
  MHD_destroy_response(r);
  return ok;
}

/* A page of the server's own (404, the error page), malloc'd here, with the
 * reload script: when the page appears or the errors are mended, it
 * reloads. */
static enum MHD_Result page(struct MHD_Connection *c, unsigned status, const char *html,
                            unsigned build) {
  size_t len;
  char *body = serve_inject(html, strlen(html), build, &len);
  if (!body) return MHD_NO;
  return queue(c, status, MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE),
               serve_content_type("index.html"));
}

static enum MHD_Result text(struct MHD_Connection *c, unsigned status, const char *body) {
  return queue(c, status,
               MHD_create_response_from_buffer(strlen(body), (void *)body, MHD_RESPMEM_PERSISTENT),
               "text/plain; charset=utf-8");
}

static const char not_found[] =
    "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<title>Niet gevonden \xe2\x80\x94 statuut serve</title>\n</head>\n<body>\n<main>\n"
    "<h1>Niet gevonden</h1>\n<p>Deze pagina is er niet in de voorvertoning. "
    "<a href=\"/\">Naar het begin</a>.</p>\n</main>\n</body>\n</html>\n";

/* An event stream: its connection's thread waits here for the next build. */
typedef struct {
  serve_server *s;
  unsigned sent;
  bool started;
} stream;

static ssize_t stream_read(void *cls, uint64_t pos, char *buf, size_t max) {
  (void)pos;
  stream *st = cls;
  serve_server *s = st->s;
  pthread_mutex_lock(&s->lock);
  if (st->started) {
    struct timespec until;
    clock_gettime(CLOCK_MONOTONIC, &until);
    until.tv_sec += KEEPALIVE_SECONDS;
    while (!s->stopping && s->build == st->sent)
      if (pthread_cond_timedwait(&s->changed, &s->lock, &until) == ETIMEDOUT) break;
  }
  ssize_t n;
  if (s->stopping) {
    n = MHD_CONTENT_READER_END_OF_STREAM;
  } else if (!st->started || s->build != st->sent) {
    /* The first event names the build the stream starts at: a page of an
     * older one reloads at once (serve_reload_script). */
    n = snprintf(buf, max, "%sevent: reload\ndata: %u\n\n", st->started ? "" : "retry: 1000\n",
                 s->build);
    st->sent = s->build;
    st->started = true;
  } else {
    n = snprintf(buf, max, ": keepalive\n\n"); /* finds a closed connection */
  }
  pthread_mutex_unlock(&s->lock);
  return n;
}

static enum MHD_Result events(struct MHD_Connection *c, serve_server *s) {
  stream *st = calloc(1, sizeof *st);
  if (!st) return MHD_NO;
  st->s = s;
  struct MHD_Response *r =
      MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 1024, stream_read, st, free);
  if (!r) free(st);
  return queue(c, MHD_HTTP_OK, r, "text/event-stream; charset=utf-8");
}

/* The whole of a file, for an HTML page the script goes into. */
static char *read_all(int fd, size_t *len) {
  struct stat st;
  if (fstat(fd, &st) != 0 || st.st_size < 0) return NULL;
  size_t cap = (size_t)st.st_size, n = 0;
  char *data = malloc(cap + 1);
  while (data) {
    ssize_t got = read(fd, data + n, cap - n);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) break;
    n += (size_t)got;
    if (got == 0 || n == cap) {
      *len = n;
      return data;
    }
  }
  free(data);
  return NULL;
}

/* Whether a path that names nothing would be a page: a folder's, or an
 * .html file, or a name without an extension. */
static bool page_like(const char *path, bool dir) {
  const char *base = strrchr(path, '/');
  base = base ? base + 1 : path;
  return dir || !strchr(base, '.') ||
         strcmp(serve_content_type(base), serve_content_type("index.html")) == 0;
}

static enum MHD_Result file(struct MHD_Connection *c, serve_server *s, const char *url) {
  bool dir = false, html = false, redirect = false;
  char *path = serve_url_path(url, &dir);
  int fd = path ? serve_open(s->root, path, dir, &html, &redirect) : -1;
  pthread_mutex_lock(&s->lock);
  unsigned build = s->build;
  char *error_page = s->error_page ? strdup(s->error_page) : NULL;
  pthread_mutex_unlock(&s->lock);
  enum MHD_Result ok;
  if (redirect) {
    /* url passed serve_url_path: no control character, so no header
     * can be smuggled in. */
    size_t n = strlen(url);
    char *to = malloc(n + 2);
    struct MHD_Response *r =
        to ? MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT) : NULL;
    if (r) {
      memcpy(to, url, n);
      memcpy(to + n, "/", 2);
      MHD_add_response_header(r, MHD_HTTP_HEADER_LOCATION, to);
    }
    free(to);
    ok = queue(c, MHD_HTTP_MOVED_PERMANENTLY, r, NULL);
  } else if (error_page && path && (html || (fd < 0 && page_like(path, dir)))) {
    ok = page(c, MHD_HTTP_INTERNAL_SERVER_ERROR, error_page, build);
  } else if (fd < 0) {
    ok = page(c, MHD_HTTP_NOT_FOUND, not_found, build);
  } else if (html) {
    size_t len = 0, out_len = 0;
    char *data = read_all(fd, &len);
    char *body = data ? serve_inject(data, len, build, &out_len) : NULL;
    free(data);
    ok = body ? queue(c, MHD_HTTP_OK,
                      MHD_create_response_from_buffer(out_len, body, MHD_RESPMEM_MUST_FREE),
                      serve_content_type("index.html"))
              : MHD_NO;
  } else {
    struct stat st;
    const char *base = strrchr(path, '/');
    struct MHD_Response *r =
        fstat(fd, &st) == 0 ? MHD_create_response_from_fd((uint64_t)st.st_size, fd) : NULL;
    if (r) fd = -1; /* the response closes it */
    ok = queue(c, MHD_HTTP_OK, r, serve_content_type(base ? base + 1 : path));
  }
  if (fd >= 0) close(fd);
  free(error_page);
  free(path);
  return ok;
}

static enum MHD_Result answer(void *cls, struct MHD_Connection *c, const char *url,
                              const char *method, const char *version, const char *upload,
                              size_t *upload_size, void **con_cls) {
  (void)version;
  (void)upload;
  serve_server *s = cls;
  /* Another method is answered at once, its body unread: MHD closes that
   * connection. */
  if (strcmp(method, MHD_HTTP_METHOD_GET) != 0 && strcmp(method, MHD_HTTP_METHOD_HEAD) != 0) {
    struct MHD_Response *r = MHD_create_response_from_buffer(
        strlen("Alleen GET en HEAD.\n"), (void *)"Alleen GET en HEAD.\n", MHD_RESPMEM_PERSISTENT);
    if (r) MHD_add_response_header(r, MHD_HTTP_HEADER_ALLOW, "GET, HEAD");
    return queue(c, MHD_HTTP_METHOD_NOT_ALLOWED, r, "text/plain; charset=utf-8");
  }
  /* GET and HEAD are answered once the request is read whole (the second
   * call), so that the connection can stay open for the next one; a body
   * sent with them is dropped. */
  static char seen;
  if (!*con_cls) {
    *con_cls = &seen;
    return MHD_YES;
  }
  if (*upload_size) {
    *upload_size = 0;
    return MHD_YES;
  }
  if (!serve_host_header_ok(MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Host")))
    return text(c, MHD_HTTP_FORBIDDEN, "Alleen voor deze computer (localhost).\n");
  if (strcmp(url, SERVE_EVENTS_PATH) == 0) return events(c, s);
  if (strcmp(url, SERVE_SCRIPT_PATH) == 0)
    return queue(c, MHD_HTTP_OK,
                 MHD_create_response_from_buffer(strlen(serve_reload_script),
                                                 (void *)serve_reload_script,
                                                 MHD_RESPMEM_PERSISTENT),
                 serve_content_type("reload.js"));
  return file(c, s, url);
}

static void server_free(serve_server *s) {
  pthread_cond_destroy(&s->changed);
  pthread_mutex_destroy(&s->lock);
  g_free(s->error_page);
  g_free(s->root);
  g_free(s);
}

serve_server *serve_start(const char *host, unsigned port, const char *root, char **err) {
  struct sockaddr_storage addr;
  socklen_t len;
  if (!serve_host_parse(host, port, &addr, &len, err)) return NULL;
  /* The socket is made here, not by the library, so that a port in use is
   * named as such. */
  int fd = socket(addr.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
  int one = 1;
  if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
      bind(fd, (struct sockaddr *)&addr, len) != 0 || listen(fd, 32) != 0 ||
      getsockname(fd, (struct sockaddr *)&addr, &len) != 0) {
    *err = g_strdup_printf("%s port %u: cannot listen: %s", host, port, g_strerror(errno));
    if (fd >= 0) close(fd);
    return NULL;
  }
  serve_server *s = g_new0(serve_server, 1);
  s->root = g_strdup(root);
  s->port = ntohs(addr.ss_family == AF_INET ? ((struct sockaddr_in *)&addr)->sin_port
                                            : ((struct sockaddr_in6 *)&addr)->sin6_port);
  pthread_mutex_init(&s->lock, NULL);
  pthread_condattr_t ca;
  pthread_condattr_init(&ca);
  pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
  pthread_cond_init(&s->changed, &ca);
  pthread_condattr_destroy(&ca);
  s->daemon = MHD_start_daemon(MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD |
                                   (addr.ss_family == AF_INET6 ? MHD_USE_IPv6 : 0),
                               0, NULL, NULL, answer, s, MHD_OPTION_LISTEN_SOCKET, fd,
                               MHD_OPTION_CONNECTION_LIMIT, (unsigned)CONNECTIONS_MAX,
                               MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)IDLE_SECONDS,
                               MHD_OPTION_UNESCAPE_CALLBACK, keep_escaped, NULL, MHD_OPTION_END);
  if (!s->daemon) {
    *err = g_strdup_printf("%s port %u: the HTTP server could not start", host, s->port);
    close(fd);
    server_free(s);
    return NULL;
  }
  return s;
}

unsigned serve_port(const serve_server *s) {
  return s->port;
}

unsigned serve_publish(serve_server *s, char *error_page) {
  pthread_mutex_lock(&s->lock);
  g_free(s->error_page);
  s->error_page = error_page;
  unsigned build = ++s->build;
  pthread_cond_broadcast(&s->changed);
  pthread_mutex_unlock(&s->lock);
  return build;
}

void serve_stop(serve_server *s) {
  if (!s) return;
  pthread_mutex_lock(&s->lock);
  s->stopping = true;
  pthread_cond_broadcast(&s->changed);
  pthread_mutex_unlock(&s->lock);
  MHD_stop_daemon(s->daemon);
  server_free(s);
}

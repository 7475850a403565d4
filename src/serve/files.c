/* files: which file of the site a URL names, and what the server adds to
 * it (see serve.h). Called from the server's threads: libc only, no GLib
 * allocation (the build forks workers while these threads run); only
 * serve_host_parse, which runs before they start, uses GLib. */
#define _GNU_SOURCE /* O_DIRECTORY, O_NOFOLLOW, O_CLOEXEC */
#include "serve.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/* A request target longer than this names no file of a site. */
enum { URL_MAX = 4096 };

static int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

char *serve_url_path(const char *url, bool *dir) {
  size_t n = url ? strlen(url) : 0;
  if (n == 0 || n > URL_MAX || url[0] != '/') return NULL;
  char *out = malloc(n + 1);
  if (!out) return NULL;
  size_t o = 0;
  for (size_t i = 1; i < n; i++) {
    unsigned char c = (unsigned char)url[i];
    if (c == '%') {
      int h = i + 2 < n ? hex(url[i + 1]) : -1, l = h >= 0 ? hex(url[i + 2]) : -1;
      if (h < 0 || l < 0) goto refused;
      c = (unsigned char)(h * 16 + l);
      /* An encoded separator would let "..%2f" pass the segment check;
       * no file of a site has one in its name. */
      if (c == '/' || c == '\\') goto refused;
      i += 2;
    } else if (c == '\\') {
      goto refused;
    }
    if (c < 0x20 || c == 0x7f) goto refused;
    out[o++] = (char)c;
  }
  out[o] = '\0';
  /* Every segment: not empty, not starting with '.'; the last may be
   * empty (a '/' at the end names a folder). */
  for (size_t s = 0; s < o;) {
    size_t e = s;
    while (e < o && out[e] != '/')
      e++;
    if (e == s || out[s] == '.') goto refused;
    s = e + 1;
  }
  *dir = o == 0 || out[o - 1] == '/';
  if (o && out[o - 1] == '/') out[--o] = '\0';
  return out;
refused:
  free(out);
  return NULL;
}

static const char *const html_type = "text/html; charset=utf-8";

int serve_open(const char *root, const char *path, bool dir, bool *html, bool *redirect) {
  *html = false;
  *redirect = false;
  int fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  /* A build swaps the new site in with two renames (stage_commit): between
   * them the folder is missing for a moment. */
  for (int tries = 0; fd < 0 && errno == ENOENT && tries < 20; tries++) {
    usleep(2000);
    fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  }
  if (fd < 0) return -1;
  const char *seg = path;
  struct stat st;
  const char *name = "index.html";
  while (*seg) {
    const char *end = strchr(seg, '/');
    size_t len = end ? (size_t)(end - seg) : strlen(seg);
    char part[256];
    /* serve_url_path refuses these; a path of another caller too. */
    if (len == 0 || len >= sizeof part || seg[0] == '.') goto none;
    memcpy(part, seg, len);
    part[len] = '\0';
    /* O_NONBLOCK: a FIFO would otherwise block the thread in open. */
    int next = openat(fd, part, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
    close(fd);
    fd = next;
    if (fd < 0 || fstat(fd, &st) != 0) goto none;
    if (!end) {
      name = seg;
      break;
    }
    seg = end + 1;
    if (!S_ISDIR(st.st_mode)) goto none;
  }
  if (fstat(fd, &st) != 0) goto none;
  if (S_ISDIR(st.st_mode)) {
    if (!dir) {
      *redirect = true;
      goto none;
    }
    int index = openat(fd, "index.html", O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
    close(fd);
    fd = index;
    name = "index.html";
    if (fd < 0 || fstat(fd, &st) != 0) goto none;
  } else if (dir) {
    goto none; /* "/style.css/" */
  }
  if (!S_ISREG(st.st_mode)) goto none;
  *html = serve_content_type(name) == html_type;
  return fd;
none:
  if (fd >= 0) close(fd);
  return -1;
}

const char *serve_content_type(const char *name) {
  static const struct {
    const char *ext, *type;
  } types[] = {
      {"css", "text/css; charset=utf-8"},
      {"js", "text/javascript; charset=utf-8"},
      {"mjs", "text/javascript; charset=utf-8"},
      {"json", "application/json"},
      {"xml", "application/xml"},
      {"txt", "text/plain; charset=utf-8"},
      {"svg", "image/svg+xml"},
      {"png", "image/png"},
      {"jpg", "image/jpeg"},
      {"jpeg", "image/jpeg"},
      {"gif", "image/gif"},
      {"webp", "image/webp"},
      {"ico", "image/x-icon"},
      {"woff2", "font/woff2"},
      {"woff", "font/woff"},
      {"ttf", "font/ttf"},
      {"pdf", "application/pdf"},
      {"wasm", "application/wasm"},
      {"webmanifest", "application/manifest+json"},
  };
  const char *dot = strrchr(name, '.');
  if (dot && strchr(dot, '/')) dot = NULL;
  if (!dot) return "application/octet-stream";
  if (strcasecmp(dot + 1, "html") == 0 || strcasecmp(dot + 1, "htm") == 0) return html_type;
  for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
    if (strcasecmp(dot + 1, types[i].ext) == 0) return types[i].type;
  return "application/octet-stream";
}

/* data-build is the number of the build the page comes from: the script
 * reloads when the stream names another (a build finished between the
 * page's answer and the stream's start is not missed). */
const char serve_reload_script[] =
    "// statuut serve: reloads the page when the site was rebuilt (only in the preview).\n"
    "(function () {\n"
    "  var me = document.currentScript;\n"
    "  var build = me && me.getAttribute(\"data-build\");\n"
    "  var events = new EventSource(\"" SERVE_EVENTS_PATH "\");\n"
    "  events.addEventListener(\"reload\", function (e) {\n"
    "    if (e.data !== build) location.reload();\n"
    "  });\n"
    "})();\n";

char *serve_inject(const char *html, size_t len, unsigned build, size_t *out_len) {
  char tag[128];
  int tn = snprintf(tag, sizeof tag, "<script src=\"%s\" data-build=\"%u\"></script>\n",
                    SERVE_SCRIPT_PATH, build);
  size_t at = len;
  static const char body[] = "</body>";
  for (size_t i = len; i >= sizeof body - 1; i--) {
    if (strncasecmp(html + i - (sizeof body - 1), body, sizeof body - 1) == 0) {
      at = i - (sizeof body - 1);
      break;
    }
  }
  char *out = malloc(len + (size_t)tn + 1);
  if (!out) return NULL;
  memcpy(out, html, at);
  memcpy(out + at, tag, (size_t)tn);
  memcpy(out + at + tn, html + at, len - at);
  out[len + (size_t)tn] = '\0';
  *out_len = len + (size_t)tn;
  return out;
}

bool serve_host_parse(const char *host, unsigned port, struct sockaddr_storage *addr,
                      socklen_t *len, char **err) {
  memset(addr, 0, sizeof *addr);
  if (port > 65535) {
    *err = g_strdup_printf("port %u: a port is a number from 0 to 65535", port);
    return false;
  }
  struct sockaddr_in *v4 = (struct sockaddr_in *)addr;
  struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)addr;
  const char *h = strcmp(host, "localhost") == 0 ? "127.0.0.1" : host;
  if (inet_pton(AF_INET, h, &v4->sin_addr) == 1) {
    if ((ntohl(v4->sin_addr.s_addr) >> 24) == 127) {
      v4->sin_family = AF_INET;
      v4->sin_port = htons((uint16_t)port);
      *len = sizeof *v4;
      return true;
    }
  } else if (inet_pton(AF_INET6, h, &v6->sin6_addr) == 1) {
    if (IN6_IS_ADDR_LOOPBACK(&v6->sin6_addr)) {
      v6->sin6_family = AF_INET6;
      v6->sin6_port = htons((uint16_t)port);
      *len = sizeof *v6;
      return true;
    }
  } else {
    *err = g_strdup_printf("--host %s: not an address; give a loopback address (127.0.0.1, ::1 "
                           "or localhost)",
                           host);
    return false;
  }
  *err = g_strdup_printf("--host %s: refusing to listen there: the preview shows unpublished "
                         "drafts and listens on this machine only (127.0.0.1, ::1 or localhost)",
                         host);
  return false;
}

bool serve_host_header_ok(const char *host) {
  if (!host) return true;
  char name[256];
  size_t n = strlen(host);
  if (n >= sizeof name) return false;
  memcpy(name, host, n + 1);
  /* Take off the port: "[::1]:8000", "127.0.0.1:8000", "localhost". */
  char *end = name[0] == '[' ? strchr(name, ']') : strrchr(name, ':');
  if (name[0] == '[') {
    if (!end) return false;
    *end = '\0';
    memmove(name, name + 1, strlen(name + 1) + 1);
  } else if (end) {
    *end = '\0';
  }
  if (strcasecmp(name, "localhost") == 0) return true;
  struct in_addr a4;
  struct in6_addr a6;
  if (inet_pton(AF_INET, name, &a4) == 1) return (ntohl(a4.s_addr) >> 24) == 127;
  if (inet_pton(AF_INET6, name, &a6) == 1) return IN6_IS_ADDR_LOOPBACK(&a6);
  return false;
}

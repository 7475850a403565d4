/* watch: the content and templates folders watched with inotify (see
 * serve.h). inotify watches one folder, not a tree: every subfolder gets a
 * watch of its own, also one made later (a new document's folder). */
#define _GNU_SOURCE
#include "serve.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <string.h>
#include <sys/inotify.h>
#include <time.h>
#include <unistd.h>

struct serve_watch {
  int fd;
  GHashTable *dirs; /* watch descriptor -> folder path (owned) */
};

/* What an editor's save can look like: written in place, written to a new
 * file and renamed over the old one, deleted and created; a folder created,
 * moved or removed. */
#define EVENTS                                                                                     \
  (IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF |         \
   IN_MOVE_SELF)

bool serve_watch_counts(const char *name) {
  if (!name || !*name) return true; /* the folder itself */
  size_t n = strlen(name);
  if (name[0] == '.' || name[n - 1] == '~') return false; /* .x.swp, .#x (emacs), x~ */
  if (n > 4 && (strcmp(name + n - 4, ".swp") == 0 || strcmp(name + n - 4, ".swx") == 0))
    return false;
  return true;
}

/* Watches dir and every folder below it; a folder that cannot be watched
 * (gone meanwhile) is skipped, except the top one. */
static bool add_tree(serve_watch *w, const char *dir, bool top, char **err) {
  int wd = inotify_add_watch(w->fd, dir, EVENTS | IN_ONLYDIR);
  if (wd < 0) {
    if (top)
      *err = g_strdup_printf("%s: cannot watch the folder: %s%s", dir, g_strerror(errno),
                             errno == ENOSPC ? " (raise fs.inotify.max_user_watches)" : "");
    return !top;
  }
  g_hash_table_replace(w->dirs, GINT_TO_POINTER(wd), g_strdup(dir));
  GDir *d = g_dir_open(dir, 0, NULL);
  for (const char *n; d && (n = g_dir_read_name(d));) {
    if (n[0] == '.') continue;
    char *sub = g_build_filename(dir, n, NULL);
    if (g_file_test(sub, G_FILE_TEST_IS_DIR) && !g_file_test(sub, G_FILE_TEST_IS_SYMLINK))
      add_tree(w, sub, false, err);
    g_free(sub);
  }
  if (d) g_dir_close(d);
  return true;
}

serve_watch *serve_watch_open(const char *const *dirs, unsigned n, char **err) {
  serve_watch *w = g_new0(serve_watch, 1);
  w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  w->dirs = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
  if (w->fd < 0) {
    *err = g_strdup_printf("cannot watch the folders: %s", g_strerror(errno));
    serve_watch_free(w);
    return NULL;
  }
  for (unsigned i = 0; i < n; i++) {
    if (!add_tree(w, dirs[i], true, err)) {
      serve_watch_free(w);
      return NULL;
    }
  }
  return w;
}

void serve_watch_free(serve_watch *w) {
  if (!w) return;
  if (w->fd >= 0) close(w->fd);
  g_hash_table_destroy(w->dirs);
  g_free(w);
}

/* Reads what is queued; returns whether any of it counts, -1 on trouble. */
static int drain(serve_watch *w, char **err) {
  int counts = 0;
  for (;;) {
    char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
    ssize_t len = read(w->fd, buf, sizeof buf);
    if (len < 0 && errno == EINTR) continue;
    if (len < 0 && errno == EAGAIN) return counts;
    if (len <= 0) {
      *err = g_strdup_printf("cannot read the folders' changes: %s",
                             len < 0 ? g_strerror(errno) : "end of file");
      return -1;
    }
    for (char *p = buf; p < buf + len;) {
      const struct inotify_event *e = (const struct inotify_event *)p;
      p += sizeof *e + e->len;
      if (e->mask & IN_Q_OVERFLOW) {
        counts = 1; /* changes were lost: rebuild to be sure */
        continue;
      }
      if (e->mask & IN_IGNORED) {
        g_hash_table_remove(w->dirs, GINT_TO_POINTER(e->wd));
        continue;
      }
      const char *name = e->len ? e->name : "";
      const char *dir = g_hash_table_lookup(w->dirs, GINT_TO_POINTER(e->wd));
      if ((e->mask & IN_ISDIR) && (e->mask & (IN_CREATE | IN_MOVED_TO)) && dir && name[0] != '.') {
        char *sub = g_build_filename(dir, name, NULL);
        add_tree(w, sub, false, err);
        g_free(sub);
      }
      if (serve_watch_counts(name)) counts = 1;
    }
  }
}

static long long now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

int serve_watch_wait(serve_watch *w, int stop_fd, unsigned quiet_ms, unsigned max_ms, char **err) {
  long long first = -1;
  for (;;) {
    int timeout = -1;
    if (first >= 0) {
      long long left = first + max_ms - now_ms();
      timeout = (int)(left < (long long)quiet_ms ? (left > 0 ? left : 0) : quiet_ms);
    }
    struct pollfd p[2] = {{w->fd, POLLIN, 0}, {stop_fd, POLLIN, 0}};
    int r = poll(p, 2, timeout);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) {
      *err = g_strdup_printf("cannot wait for changes: %s", g_strerror(errno));
      return -1;
    }
    if (p[1].revents) return 0;
    if (r == 0) return 1; /* quiet for quiet_ms, or max_ms since the first change */
    int c = drain(w, err);
    if (c < 0) return -1;
    if (c && first < 0) first = now_ms();
  }
}

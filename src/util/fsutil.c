/* fsutil: see include/statuut/fsutil.h */
#define _XOPEN_SOURCE 700
#include "statuut/fsutil.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *fs_errno_msg(const char *what, const char *path) {
  return g_strdup_printf("%s: %s: %s", path, what, g_strerror(errno));
}

char *fs_read(const char *path, size_t *len, char **err) {
  gchar *data = NULL;
  gsize n = 0;
  GError *e = NULL;
  if (!g_file_get_contents(path, &data, &n, &e)) {
    *err = g_strdup_printf("%s: cannot read: %s", path,
                           e->code == G_FILE_ERROR_NOENT ? "no such file" : e->message);
    g_error_free(e);
    return NULL;
  }
  if (len) *len = n;
  return data;
}

/* Writes into what path already is: a device or a pipe (-o /dev/null,
 * -o /dev/stdout, a FIFO) is written to, never replaced by a file. */
static bool write_through(const char *path, const char *data, size_t len, char **err) {
  FILE *f = fopen(path, "wb");
  if (!f) {
    *err = fs_errno_msg("cannot write", path);
    return false;
  }
  bool ok = fwrite(data, 1, len, f) == len;
  if (fclose(f) != 0) ok = false;
  if (!ok) *err = fs_errno_msg("cannot write", path);
  return ok;
}

bool fs_write_atomic(const char *path, const char *data, size_t len, char **err) {
  struct stat st;
  if (stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode))
    return write_through(path, data, len, err);
  GError *e = NULL;
  /* g_file_set_contents writes a temporary file beside path and renames it. */
  if (!g_file_set_contents(path, data, (gssize)len, &e)) {
    *err = g_strdup_printf("%s: cannot write: %s", path, e->message);
    g_error_free(e);
    return false;
  }
  /* It creates the file 0600 on some GLib versions; published files are 0644. */
  g_chmod(path, 0644);
  return true;
}

/* After mkdir failed with EEXIST: whether what is there is a folder. */
static bool is_dir_there(const char *dir) {
  struct stat st;
  if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode)) return true;
  errno = ENOTDIR;
  return false;
}

bool fs_make_dirs(const char *dir) {
  if (mkdir(dir, 0755) == 0) return true;
  if (errno == EEXIST) return is_dir_there(dir);
  if (errno != ENOENT) return false;
  char *parent = g_path_get_dirname(dir);
  bool ok = strcmp(parent, dir) != 0 && fs_make_dirs(parent) &&
            (mkdir(dir, 0755) == 0 || (errno == EEXIST && is_dir_there(dir)));
  g_free(parent);
  return ok;
}

/* Opens path for a new file; -1 with errno. */
static int create(const char *path) {
  return open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
}

/* Nothing reads a staging folder before it is swapped in, so its files are
 * written where they go: a temporary file and its rename, with the stat,
 * readlink, fallocate and chmod around them, were five more system calls
 * for each of a build's thousands of files. */
bool fs_write(const char *path, const char *data, size_t len, char **err) {
  /* The folder is made only when the file cannot be created without it:
   * most files go into a folder that is there, and a mkdir to find that
   * out was two system calls (mkdir, stat) of every file's six. */
  int fd = create(path);
  if (fd < 0 && errno == ENOENT) {
    char *dir = g_path_get_dirname(path);
    bool made = fs_make_dirs(dir);
    g_free(dir);
    if (!made) {
      *err = fs_errno_msg("cannot create folder", path);
      return false;
    }
    fd = create(path);
  }
  /* Something is there (a hard link to a cache entry): replaced, never
   * written through. */
  if (fd < 0 && errno == EEXIST && unlink(path) == 0) fd = create(path);
  if (fd < 0) {
    *err = fs_errno_msg("cannot write", path);
    return false;
  }
  bool ok = fchmod(fd, 0644) == 0; /* published files are 0644 whatever the umask */
  for (size_t done = 0; ok && done < len;) {
    ssize_t n = write(fd, data + done, len - done);
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) done += (size_t)n;
  }
  if (!ok) *err = fs_errno_msg("cannot write", path);
  if (close(fd) != 0 && ok) {
    *err = fs_errno_msg("cannot write", path);
    ok = false;
  }
  return ok;
}

/* Most of a tree is files, so each entry is unlinked first and opened as a
 * folder only when that fails because it is one: an lstat of every entry
 * was a third of the system calls of removing a built site. unlink never
 * follows a symbolic link, so a link to a folder goes, not what it names. */
bool fs_remove_tree(const char *path, char **err) {
  if (unlink(path) == 0 || errno == ENOENT) return true;
  int unlinked = errno; /* Linux says EISDIR for a folder, POSIX EPERM */
  GDir *d = unlinked == EISDIR || unlinked == EPERM ? g_dir_open(path, 0, NULL) : NULL;
  if (!d) {
    errno = unlinked;
    *err = fs_errno_msg("cannot remove", path);
    return false;
  }
  const char *name;
  bool ok = true;
  while (ok && (name = g_dir_read_name(d))) {
    char *child = g_build_filename(path, name, NULL);
    ok = fs_remove_tree(child, err);
    g_free(child);
  }
  g_dir_close(d);
  if (!ok) return false;
  if (rmdir(path) != 0) {
    *err = fs_errno_msg("cannot remove folder", path);
    return false;
  }
  return true;
}

bool fs_swap_dir(const char *staging, const char *target, const char *keep, char **err) {
  char *old = NULL;
  if (fs_is_dir(target)) {
    old = keep ? g_strdup(keep) : g_strdup_printf("%s.old-%ld", target, (long)getpid());
    char *ignored = NULL; /* a leftover (of a crashed run, of another build); rename reports real
                           * trouble */
    fs_remove_tree(old, &ignored);
    g_free(ignored);
    if (rename(target, old) != 0) {
      *err = fs_errno_msg("cannot move old output aside", target);
      g_free(old);
      return false;
    }
  }
  if (rename(staging, target) != 0) {
    *err = fs_errno_msg("cannot move new output into place", target);
    if (old) rename(old, target); /* put the previous output back */
    g_free(old);
    return false;
  }
  bool ok = true;
  if (old && !keep) ok = fs_remove_tree(old, err);
  g_free(old);
  return ok;
}

static gint cmp_names(gconstpointer a, gconstpointer b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

char **fs_list_dir(const char *path, char **err) {
  GError *e = NULL;
  GDir *d = g_dir_open(path, 0, &e);
  if (!d) {
    *err = g_strdup_printf("%s: cannot open folder: %s", path, e->message);
    g_error_free(e);
    return NULL;
  }
  GPtrArray *names = g_ptr_array_new();
  const char *name;
  while ((name = g_dir_read_name(d)))
    if (name[0] != '.') g_ptr_array_add(names, g_strdup(name));
  g_dir_close(d);
  /* Directory order depends on the file system: sort for deterministic output. */
  g_ptr_array_sort(names, cmp_names);
  g_ptr_array_add(names, NULL);
  return (char **)g_ptr_array_free(names, FALSE);
}

bool fs_is_dir(const char *path) {
  return g_file_test(path, G_FILE_TEST_IS_DIR);
}

bool fs_is_file(const char *path) {
  return g_file_test(path, G_FILE_TEST_IS_REGULAR);
}

bool fs_is_link(const char *path) {
  struct stat st;
  return lstat(path, &st) == 0 && S_ISLNK(st.st_mode);
}

char *fs_canonical(const char *path) {
  char *abs = g_path_is_absolute(path) ? g_strdup(path) : NULL;
  if (!abs) {
    char *cwd = g_get_current_dir();
    abs = g_build_filename(cwd, path, NULL);
    g_free(cwd);
  }
  /* A dangling link: where it points. Links are followed a bounded number
   * of times, as the kernel does. */
  for (int hops = 0; hops < 40 && fs_is_link(abs) && !g_file_test(abs, G_FILE_TEST_EXISTS);
       hops++) {
    char *to = g_file_read_link(abs, NULL);
    if (!to) break;
    char *dir = g_path_get_dirname(abs);
    char *next = g_path_is_absolute(to) ? g_strdup(to) : g_build_filename(dir, to, NULL);
    g_free(dir);
    g_free(to);
    g_free(abs);
    abs = next;
  }
  char *real = realpath(abs, NULL);
  if (real) {
    char *out = g_strdup(real);
    free(real);
    g_free(abs);
    return out;
  }
  /* Resolve the longest part that exists, keep the rest as written. */
  char *dir = g_path_get_dirname(abs), *base = g_path_get_basename(abs);
  char *out = NULL;
  if (strcmp(dir, abs) != 0) {
    char *head = fs_canonical(dir);
    if (head) out = strcmp(base, ".") == 0 ? head : g_build_filename(head, base, NULL);
    if (out != head) g_free(head);
  }
  g_free(dir);
  g_free(base);
  g_free(abs);
  return out;
}

bool fs_is_within(const char *path, const char *dir) {
  char *p = fs_canonical(path), *d = fs_canonical(dir);
  size_t n = d ? strlen(d) : 0;
  bool in = p && d &&
            (strcmp(p, d) == 0 || (strncmp(p, d, n) == 0 && (p[n] == '/' || strcmp(d, "/") == 0)));
  g_free(p);
  g_free(d);
  return in;
}

bool fs_same_file(const char *a, const char *b) {
  struct stat sa, sb;
  return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

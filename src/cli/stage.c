/* stage: see include/statuut/stage.h */
#define _DEFAULT_SOURCE /* d_type */
#include "statuut/stage.h"
#include "statuut/fsutil.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

/* A staging folder holds this file, with the PID of the build that writes
 * it, until it is swapped in. The PID is in the folder's name too, for the
 * moment between taking a tree and writing the file. */
#define OWNER ".statuut-build"
/* A worker's list of what it placed: "F rel" or "T rel" (a tree) lines. */
#define PLACED ".statuut-placed-"

struct stage {
  char *dir;         /* owned */
  char *prev;        /* ".<base>.prev" beside the output, owned; NULL without reuse */
  GHashTable *stale; /* of rel paths (owned keys): a taken tree's files not placed
                        again yet; NULL for a new folder */
  pid_t owner;       /* the process that opened it */
  pid_t list_pid;    /* the process list_fd was opened by */
  int list_fd;       /* this worker's PLACED list, -1 none */
  bool committed;
};

/* The PID of the build writing staging folder path (named n): its owner
 * file's, else the one in its name, else 0. */
static long stage_pid(const char *path, const char *n_after_prefix) {
  char *owner = g_build_filename(path, OWNER, NULL);
  char *text = NULL;
  long pid = g_file_get_contents(owner, &text, NULL, NULL) ? strtol(text, NULL, 10) : 0;
  if (pid <= 0) pid = strtol(n_after_prefix, NULL, 10);
  g_free(text);
  g_free(owner);
  return pid;
}

/* Removes what killed builds left beside the output: staging folders
 * ".<base>.tmp-*" whose build no longer runs, and "<base>.old-<pid>" of a
 * swap that was cut short. A folder of a build still running stays. */
static void remove_stale(const char *parent, const char *base) {
  GDir *d = g_dir_open(parent, 0, NULL);
  if (!d) return;
  char *stage_prefix = g_strdup_printf(".%s.tmp-", base);
  char *old_prefix = g_strdup_printf("%s.old-", base);
  for (const char *n; (n = g_dir_read_name(d));) {
    long pid = 0;
    bool ours = false;
    char *path = g_build_filename(parent, n, NULL);
    if (g_str_has_prefix(n, stage_prefix) && fs_is_dir(path) && !fs_is_link(path)) {
      ours = true;
      pid = stage_pid(path, n + strlen(stage_prefix));
    } else if (g_str_has_prefix(n, old_prefix) && fs_is_dir(path) && !fs_is_link(path)) {
      ours = true;
      pid = strtol(n + strlen(old_prefix), NULL, 10);
    }
    bool gone = pid <= 0 || (kill((pid_t)pid, 0) != 0 && errno == ESRCH);
    if (ours && gone && pid != (long)getpid()) {
      char *ignored = NULL;
      fs_remove_tree(path, &ignored);
      g_free(ignored);
    }
    g_free(path);
  }
  g_free(old_prefix);
  g_free(stage_prefix);
  g_dir_close(d);
}

/* Lists the files of a taken tree under rel into stale. What a build never
 * places is removed: a symbolic link (it could lead a write out of the
 * site), a device or pipe, and at the top the hidden files of a build cut
 * short (its owner file, workers' lists, Pagefind's reading tree). */
static bool take_files(stage *s, const char *rel, char **err) {
  char *path = rel ? g_build_filename(s->dir, rel, NULL) : g_strdup(s->dir);
  DIR *d = opendir(path);
  if (!d) {
    *err = fs_errno_msg("cannot read the earlier site", path);
    g_free(path);
    return false;
  }
  bool ok = true;
  for (struct dirent *e; ok && (e = readdir(d));) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
    char *child = rel ? g_build_filename(rel, e->d_name, NULL) : g_strdup(e->d_name);
    char *full = g_build_filename(s->dir, child, NULL);
    unsigned char type = e->d_type;
    struct stat st;
    if (type == DT_UNKNOWN)
      type = lstat(full, &st) != 0 ? DT_UNKNOWN
             : S_ISDIR(st.st_mode) ? DT_DIR
             : S_ISREG(st.st_mode) ? DT_REG
                                   : DT_LNK;
    if (!rel && e->d_name[0] == '.') {
      ok = fs_remove_tree(full, err);
    } else if (type == DT_DIR) {
      ok = take_files(s, child, err);
    } else if (type == DT_REG) {
      g_hash_table_add(s->stale, child);
      child = NULL;
    } else if (unlink(full) != 0) {
      *err = fs_errno_msg("cannot remove", full);
      ok = false;
    }
    g_free(full);
    g_free(child);
  }
  closedir(d);
  g_free(path);
  return ok;
}

/* Takes the earlier site's tree as folder dir (an empty folder, which the
 * rename replaces). False when there is none or another build took it. */
static bool take_prev(stage *s) {
  struct stat st;
  if (lstat(s->prev, &st) != 0 || !S_ISDIR(st.st_mode)) return false;
  return rename(s->prev, s->dir) == 0;
}

/* A new empty folder named after pattern (ending in XXXXXX) as s->dir. */
static bool new_dir(stage *s, const char *pattern, char **err) {
  g_free(s->dir);
  s->dir = g_strdup(pattern);
  if (g_mkdtemp(s->dir)) return true;
  *err = fs_errno_msg("cannot create a staging folder", pattern);
  g_free(s->dir);
  s->dir = NULL;
  return false;
}

/* Takes the earlier site's tree into the new folder s->dir, or leaves it
 * empty. The tree only saves work: one that cannot be read whole (a folder
 * nested beyond PATH_MAX, one without permission) is left where it is, for
 * a later build's remove_stale, and the build starts in a new folder. */
static bool take_or_new(stage *s, const char *pattern, char **err) {
  if (!take_prev(s)) return true;
  s->stale = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  char *ignored = NULL;
  bool whole = take_files(s, NULL, &ignored);
  g_free(ignored);
  if (whole) return true;
  g_hash_table_destroy(s->stale);
  s->stale = NULL;
  return new_dir(s, pattern, err);
}

stage *stage_open(const char *out, bool reuse, char **err) {
  char *parent = g_path_get_dirname(out);
  char *base = g_path_get_basename(out);
  g_mkdir_with_parents(parent, 0755);
  remove_stale(parent, base);
  stage *s = g_new0(stage, 1);
  s->owner = getpid();
  s->list_fd = -1;
  char *pattern = g_strdup_printf("%s/.%s.tmp-%ld-XXXXXX", parent, base, (long)s->owner);
  if (reuse) s->prev = g_strdup_printf("%s/.%s.prev", parent, base);
  g_free(parent);
  g_free(base);
  bool ok = new_dir(s, pattern, err) && (!reuse || take_or_new(s, pattern, err));
  g_free(pattern);
  /* Readable by a web server running as another user (mkdtemp makes 0700). */
  if (ok && chmod(s->dir, 0755) != 0) {
    *err = fs_errno_msg("cannot make it readable", s->dir);
    ok = false;
  }
  char pid[32];
  g_snprintf(pid, sizeof pid, "%ld\n", (long)s->owner);
  char *owner = ok ? g_build_filename(s->dir, OWNER, NULL) : NULL;
  if (ok) ok = fs_write(owner, pid, strlen(pid), err);
  g_free(owner);
  if (!ok) {
    stage_free(s);
    return NULL;
  }
  return s;
}

const char *stage_dir(const stage *s) {
  return s->dir;
}

bool stage_taken(const stage *s) {
  return s->stale != NULL;
}

/* Takes rel, or everything under it (tree), off the stale files. */
static void unstale(stage *s, const char *rel, bool tree) {
  if (!tree) {
    g_hash_table_remove(s->stale, rel);
    return;
  }
  size_t n = strlen(rel);
  while (n > 0 && rel[n - 1] == '/') /* "pagefind/document-001/" */
    n--;
  GHashTableIter it;
  gpointer key;
  g_hash_table_iter_init(&it, s->stale);
  while (g_hash_table_iter_next(&it, &key, NULL)) {
    const char *k = key;
    if (strncmp(k, rel, n) == 0 && k[n] == '/') g_hash_table_iter_remove(&it);
  }
}

bool stage_placed(stage *s, const char *rel, bool tree, char **err) {
  if (!s->stale) return true;
  pid_t me = getpid();
  if (me == s->owner) {
    unstale(s, rel, tree);
    return true;
  }
  if (s->list_pid != me) {
    char *path = g_strdup_printf("%s/" PLACED "%ld", s->dir, (long)me);
    s->list_fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    s->list_pid = me;
    if (s->list_fd < 0) *err = fs_errno_msg("cannot keep the list of what a worker placed", path);
    g_free(path);
    if (s->list_fd < 0) return false;
  }
  char *line = g_strdup_printf("%c %s\n", tree ? 'T' : 'F', rel);
  size_t len = strlen(line);
  /* O_APPEND: one write a line, whole. */
  bool ok = write(s->list_fd, line, len) == (ssize_t)len;
  if (!ok) *err = g_strdup_printf("%s: cannot note a placed file: %s", s->dir, g_strerror(errno));
  g_free(line);
  return ok;
}

/* Reads the workers' lists into the account, and removes them. */
static bool read_lists(stage *s, char **err) {
  GDir *d = g_dir_open(s->dir, 0, NULL);
  if (!d) {
    *err = fs_errno_msg("cannot read", s->dir);
    return false;
  }
  bool ok = true;
  for (const char *n; ok && (n = g_dir_read_name(d));) {
    if (!g_str_has_prefix(n, PLACED)) continue;
    char *path = g_build_filename(s->dir, n, NULL);
    char *text = NULL;
    GError *e = NULL;
    ok = g_file_get_contents(path, &text, NULL, &e);
    if (!ok) *err = g_strdup_printf("%s: cannot read a worker's list: %s", path, e->message);
    if (e) g_error_free(e);
    char **lines = ok ? g_strsplit(text, "\n", -1) : NULL;
    for (char **l = lines; l && *l; l++)
      if ((*l)[0] && (*l)[1] == ' ') unstale(s, *l + 2, (*l)[0] == 'T');
    g_strfreev(lines);
    if (ok && unlink(path) != 0) {
      *err = fs_errno_msg("cannot remove", path);
      ok = false;
    }
    g_free(text);
    g_free(path);
  }
  g_dir_close(d);
  return ok;
}

/* Removes the files no output placed, and the folders that leaves empty. */
static bool sweep(stage *s, char **err) {
  if (!read_lists(s, err)) return false;
  GHashTableIter it;
  gpointer key;
  g_hash_table_iter_init(&it, s->stale);
  while (g_hash_table_iter_next(&it, &key, NULL)) {
    char *path = g_build_filename(s->dir, key, NULL);
    if (unlink(path) != 0 && errno != ENOENT) {
      *err = fs_errno_msg("cannot remove a file of the earlier site", path);
      g_free(path);
      return false;
    }
    /* up while a folder is left empty; rmdir says when it is not */
    char *dir = g_path_get_dirname(path);
    while (strcmp(dir, s->dir) != 0 && rmdir(dir) == 0) {
      char *up = g_path_get_dirname(dir);
      g_free(dir);
      dir = up;
    }
    g_free(dir);
    g_free(path);
  }
  g_hash_table_remove_all(s->stale);
  return true;
}

bool stage_commit(stage *s, const char *out, char **err) {
  if (s->stale && !sweep(s, err)) return false;
  char *owner = g_build_filename(s->dir, OWNER, NULL);
  bool ok = unlink(owner) == 0;
  if (!ok) *err = fs_errno_msg("cannot remove", owner);
  g_free(owner);
  if (ok) ok = fs_swap_dir(s->dir, out, s->prev, err);
  s->committed = ok;
  return ok;
}

void stage_free(stage *s) {
  if (!s) return;
  if (s->list_fd >= 0 && s->list_pid == getpid()) close(s->list_fd);
  if (s->dir && !s->committed && getpid() == s->owner) {
    char *ignored = NULL;
    fs_remove_tree(s->dir, &ignored);
    g_free(ignored);
  }
  if (s->stale) g_hash_table_destroy(s->stale);
  g_free(s->prev);
  g_free(s->dir);
  g_free(s);
}

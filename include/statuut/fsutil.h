/* fsutil: file-system helpers for reading input and writing output safely.
 *
 * Output is never written in place: files go to a temporary name in the same
 * folder and are renamed over the target, folders are built beside the target
 * and swapped in, so a failed run leaves the previous output intact. */
#ifndef STATUUT_FSUTIL_H
#define STATUUT_FSUTIL_H

#include <glib.h>
#include <stdbool.h>
#include <stddef.h>

/* Reads a whole file. Returns a NUL-terminated buffer the caller frees with
 * g_free, and its length in *len; NULL with *err set on failure. */
char *fs_read(const char *path, size_t *len, char **err);

/* Writes data to path atomically (temp file + rename). Creates no folders.
 * A path that is a device or a pipe (/dev/null, a FIFO) is written to as it
 * is: renaming a file over it would replace the device. Returns false with
 * *err set (caller frees) on failure. */
bool fs_write_atomic(const char *path, const char *data, size_t len, char **err);

/* Writes data to path (0644), creating missing parent folders; what is at
 * path is replaced (a link is not written through). Not atomic: for files
 * inside a staging folder that is itself swapped in atomically. */
bool fs_write(const char *path, const char *data, size_t len, char **err);

/* Creates folder dir and its missing parents (0755); true when it is
 * there. One mkdir when the parent exists, as it mostly does: a build
 * places thousands of files, and g_mkdir_with_parents tests every
 * component of every path. On failure errno says why. */
bool fs_make_dirs(const char *dir);

/* Replaces folder `target` by folder `staging` (rename). The old target is
 * moved aside first, to keep when given (what was there is removed), else
 * to "<target>.old-<pid>", which is removed once the new one is in place. */
bool fs_swap_dir(const char *staging, const char *target, const char *keep, char **err);

/* "path: what: strerror(errno)", for an error message. Caller frees. */
char *fs_errno_msg(const char *what, const char *path);

/* Removes a folder tree; missing is not an error. */
bool fs_remove_tree(const char *path, char **err);

/* Sorted names (not paths) of the entries of a folder, or NULL with *err.
 * Free with g_strfreev. Hidden entries (starting with '.') are skipped. */
char **fs_list_dir(const char *path, char **err);

/* The absolute path of path with every symbolic link resolved, also when
 * path (or its last parts) does not exist yet: the existing part is
 * resolved and the rest appended, and a dangling link is followed to where
 * it points. NULL when not even the current folder can be resolved. Caller
 * frees. */
char *fs_canonical(const char *path);

/* True when path is dir or lies inside it, after resolving both
 * (fs_canonical). */
bool fs_is_within(const char *path, const char *dir);

/* True when a and b both exist and are the same file (device and inode),
 * whatever the names: "x.md", "./x.md", a hard or symbolic link. */
bool fs_same_file(const char *a, const char *b);

/* True when path is a symbolic link (not followed). */
bool fs_is_link(const char *path);

bool fs_is_dir(const char *path);
bool fs_is_file(const char *path);

#endif

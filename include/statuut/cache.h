/* cache: a content-addressed store of build outputs.
 *
 * An entry is the bytes of one output (a page, a PDF, a bundle of files)
 * under a key, the SHA-256 of everything the output was made from (the
 * caller's job: cache_key_*). It is two files in the cache folder:
 *
 *   <dir>/<k0k1>/<key>        the bytes, as they go into the site
 *   <dir>/<k0k1>/<key>.meta   "statuut-cache 2", the checksum (XXH3-128) and
 *                             length of the bytes, then the diagnostics their
 *                             making gave (with their own checksum), replayed
 *                             on a hit
 *
 * each written to a temporary file beside it and renamed, the bytes first:
 * an entry is there when its .meta is. Two builds writing the same key write
 * the same bytes, so concurrent builds sharing a folder cannot leave a mixed
 * entry. A hit is never trusted blindly: the bytes are hashed again and an
 * entry that does not match its .meta (truncated, a byte changed) is
 * deleted and reported as CACHE_BAD. The folder may be deleted at any time;
 * it only costs the next build its speed. Nothing here prints. */
#ifndef STATUUT_CACHE_H
#define STATUUT_CACHE_H

#include "statuut/diag.h"
#include <glib.h>
#include <stdbool.h>
#include <stddef.h>

/* A key being built: a SHA-256 over length-prefixed fields, so that ("ab",
 * "c") and ("a", "bc") differ. */
typedef struct cache_key cache_key;

cache_key *cache_key_new(void);
cache_key *cache_key_copy(const cache_key *k);
void cache_key_free(cache_key *k);
void cache_key_bytes(cache_key *k, const void *data, size_t len);
/* NULL is a field of its own, distinct from "". */
void cache_key_str(cache_key *k, const char *s);
void cache_key_uint(cache_key *k, unsigned long v);
/* The bytes of a file, or a mark that it could not be read. */
void cache_key_file(cache_key *k, const char *path);
/* The key as 64 hex digits; k is left as it was. Caller frees. */
char *cache_key_hex(const cache_key *k);

/* The SHA-256 of bytes as 64 hex digits, as cache_key_hex writes a key: a
 * source's digest (doc.h). Caller frees. */
char *cache_digest(const void *data, size_t len);

typedef struct cache cache;

/* A cache in folder dir, created when the first entry is stored. */
cache *cache_new(const char *dir);
void cache_free(cache *c);
const char *cache_dir(const cache *c);

typedef enum { CACHE_MISS, CACHE_HIT, CACHE_BAD } cache_status;

/* Where the bytes of key's entry are (or would be). Caller frees. */
char *cache_entry_path(const cache *c, const char *key);

/* Whether key has an entry, by its .meta alone: unchecked, for planning
 * (cache_get checks it when it is taken). */
bool cache_has(const cache *c, const char *key);

/* The entry of key (64 hex digits). CACHE_HIT: *data (caller frees) and
 * *len are its bytes, and the diagnostics stored with it are appended to
 * diags. CACHE_BAD: it was there but damaged and is deleted; *why says
 * how, such as "its bytes do not match their checksum" (caller frees).
 * CACHE_MISS: not there. */
cache_status cache_get(cache *c, const char *key, char **data, size_t *len, diag_list *diags,
                       char **why);

/* As cache_get, and on a hit the bytes are placed at path (parent folders
 * made): a hard link to the entry when the file system allows, else a
 * copy. The entry's files are never written again once renamed in, so a
 * link shares bytes that do not change; a link to the entry already at
 * path is left as it is, anything else there is replaced. */
cache_status cache_get_file(cache *c, const char *key, const char *path, diag_list *diags,
                            char **why);

/* Stores data under key with the diagnostics of its making (may be NULL).
 * False with *err set (caller frees) when it cannot be written; the build
 * can go on without it. */
bool cache_put(cache *c, const char *key, const char *data, size_t len, const diag_list *diags,
               char **err);

#endif

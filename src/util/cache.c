/* cache: see include/statuut/cache.h */
#define _POSIX_C_SOURCE 200809L
#include "statuut/cache.h"
#include "statuut/fsutil.h"

#include <errno.h>
#include <nettle/sha2.h>
#include <stdint.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#define META_MAGIC "statuut-cache 2\n"
enum { KEY_HEX = 64, SUM_HEX = 32 };

/* SHA-256 by nettle, which uses the processor's SHA instructions where it
 * has them: GLib's GChecksum, in C, was a third of a build that found
 * everything in the cache (the sources, statuut's own bytes, every key). */
struct cache_key {
  struct sha256_ctx sum;
};

cache_key *cache_key_new(void) {
  cache_key *k = g_new0(cache_key, 1);
  sha256_init(&k->sum);
  return k;
}

cache_key *cache_key_copy(const cache_key *k) {
  return g_memdup2(k, sizeof *k);
}

void cache_key_free(cache_key *k) {
  g_free(k);
}

static void update(cache_key *k, const void *data, size_t len) {
  sha256_update(&k->sum, len, data);
}

void cache_key_bytes(cache_key *k, const void *data, size_t len) {
  char n[32];
  int w = g_snprintf(n, sizeof n, "%zu:", len);
  update(k, n, (size_t)w);
  if (len) update(k, data, len);
}

void cache_key_str(cache_key *k, const char *s) {
  if (!s)
    update(k, "-", 1);
  else
    cache_key_bytes(k, s, strlen(s));
}

void cache_key_uint(cache_key *k, unsigned long v) {
  char n[32];
  g_snprintf(n, sizeof n, "%lu", v);
  cache_key_str(k, n);
}

void cache_key_file(cache_key *k, const char *path) {
  char *data = NULL;
  gsize len = 0;
  if (g_file_get_contents(path, &data, &len, NULL)) {
    cache_key_bytes(k, data, len);
  } else {
    /* distinct from every content: a file that appears later changes the key */
    update(k, "!", 1);
  }
  g_free(data);
}

/* bytes as 2 * n lower-case hex digits and a NUL, into out. */
static void to_hex(const uint8_t *bytes, size_t n, char *out) {
  static const char hex[] = "0123456789abcdef";
  for (size_t i = 0; i < n; i++) {
    out[2 * i] = hex[bytes[i] >> 4];
    out[2 * i + 1] = hex[bytes[i] & 15];
  }
  out[2 * n] = 0;
}

/* A SHA-256 digest as the 64 hex digits of a key. Caller frees. */
static char *hex_of(const uint8_t digest[SHA256_DIGEST_SIZE]) {
  char *hex = g_malloc(KEY_HEX + 1);
  to_hex(digest, SHA256_DIGEST_SIZE, hex);
  return hex;
}

char *cache_key_hex(const cache_key *k) {
  struct sha256_ctx c = k->sum; /* sha256_digest resets what it reads */
  uint8_t digest[SHA256_DIGEST_SIZE];
  sha256_digest(&c, sizeof digest, digest);
  return hex_of(digest);
}

char *cache_digest(const void *data, size_t len) {
  struct sha256_ctx c;
  uint8_t digest[SHA256_DIGEST_SIZE];
  sha256_init(&c);
  sha256_update(&c, len, data);
  sha256_digest(&c, sizeof digest, digest);
  return hex_of(digest);
}

struct cache {
  char *dir;
};

cache *cache_new(const char *dir) {
  cache *c = g_new0(cache, 1);
  c->dir = g_strdup(dir);
  return c;
}

void cache_free(cache *c) {
  if (!c) return;
  g_free(c->dir);
  g_free(c);
}

const char *cache_dir(const cache *c) {
  return c->dir;
}

static bool key_valid(const char *key) {
  if (strlen(key) != KEY_HEX) return false;
  for (const char *p = key; *p; p++)
    if (!g_ascii_isxdigit(*p) || g_ascii_isupper(*p)) return false;
  return true;
}

char *cache_entry_path(const cache *c, const char *key) {
  char sub[3] = {key[0], key[0] ? key[1] : 0, 0};
  return g_build_filename(c->dir, sub, key, NULL);
}

/* The entry's bytes file and its .meta. Caller frees both. */
static void entry_paths(const cache *c, const char *key, char **data, char **meta) {
  *data = cache_entry_path(c, key);
  *meta = g_strconcat(*data, ".meta", NULL);
}

bool cache_has(const cache *c, const char *key) {
  if (!key_valid(key)) return false;
  char *dpath, *mpath;
  entry_paths(c, key, &dpath, &mpath);
  bool there = g_file_test(mpath, G_FILE_TEST_IS_REGULAR);
  g_free(mpath);
  g_free(dpath);
  return there;
}

/* The checksum that tells an entry is whole: XXH3's 128 bits, as 32 hex
 * digits. The key already binds the entry to its inputs (SHA-256); this
 * only has to catch accidental damage, and every hit is checked: with
 * SHA-256 here, a build that found everything in the cache spent three
 * quarters of its time re-hashing the PDFs it took. */
static void sum_hex(const char *data, size_t len, char out[SUM_HEX + 1]) {
  XXH128_canonical_t c;
  XXH128_canonicalFromHash(&c, XXH3_128bits(data, len));
  to_hex(c.digest, sizeof c.digest, out);
}

/* The diagnostics as a block: per item a line of numbers, then its file
 * and message bytes. */
static GString *encode_diags(const diag_list *diags) {
  GString *s = g_string_new(NULL);
  for (guint i = 0; diags && i < diags->items->len; i++) {
    const diag *d = g_ptr_array_index(diags->items, i);
    g_string_append_printf(s, "%u %u %d %d %zu %zu\n", (unsigned)d->severity, (unsigned)d->check,
                           d->line, d->col, strlen(d->file), strlen(d->message));
    g_string_append(s, d->file);
    g_string_append(s, d->message);
  }
  return s;
}

static bool decode_diags(const char *p, const char *end, diag_list *out) {
  while (p < end) {
    unsigned sev, check;
    int line, col, used = 0;
    size_t nfile, nmsg;
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    if (!nl || nl - p > 100) return false;
    char head[128];
    memcpy(head, p, (size_t)(nl - p));
    head[nl - p] = 0;
    if (sscanf(head, "%u %u %d %d %zu %zu%n", &sev, &check, &line, &col, &nfile, &nmsg, &used) !=
            6 ||
        head[used] || sev >= DIAG_SEVERITY_MAX || check >= CHECK_MAX)
      return false;
    p = nl + 1;
    if ((size_t)(end - p) < nfile || (size_t)(end - p) - nfile < nmsg) return false;
    char *file = g_strndup(p, nfile), *msg = g_strndup(p + nfile, nmsg);
    diag_add(out, (diag_severity)sev, file, line, col, (diag_check)check, "%s", msg);
    g_free(file);
    g_free(msg);
    p += nfile + nmsg;
  }
  return true;
}

/* Checks a .meta against the bytes; on success its diagnostics go to
 * diags. NULL when it matches, else why not (caller frees). */
static char *verify(const char *meta, size_t mlen, const char *data, size_t len, diag_list *diags) {
  size_t magic = strlen(META_MAGIC);
  if (mlen < magic || memcmp(meta, META_MAGIC, magic) != 0) return g_strdup("its .meta is damaged");
  const char *p = meta + magic, *end = meta + mlen;
  char sum[SUM_HEX + 1], dsum[SUM_HEX + 1], got[SUM_HEX + 1];
  size_t want = 0, dlen = 0;
  int used = 0;
  /* the two header lines, NUL-terminated for sscanf */
  const char *nl1 = memchr(p, '\n', (size_t)(end - p));
  const char *nl2 = nl1 ? memchr(nl1 + 1, '\n', (size_t)(end - nl1 - 1)) : NULL;
  if (!nl2 || nl2 - p > 200) return g_strdup("its .meta is damaged");
  char head[256];
  memcpy(head, p, (size_t)(nl2 - p));
  head[nl2 - p] = 0;
  if (sscanf(head, "%32s %zu\n%32s %zu%n", sum, &want, dsum, &dlen, &used) != 4 || head[used] ||
      (size_t)(end - nl2 - 1) != dlen)
    return g_strdup("its .meta is damaged");
  const char *block = nl2 + 1;
  sum_hex(block, dlen, got);
  if (strcmp(got, dsum) != 0) return g_strdup("its .meta is damaged");
  if (len != want)
    return g_strdup_printf("it holds %zu bytes instead of %zu (truncated?)", len, want);
  sum_hex(data, len, got);
  if (strcmp(got, sum) != 0) return g_strdup("its bytes do not match their checksum");
  diag_list *d = diag_list_new();
  bool parsed = decode_diags(block, block + dlen, d);
  if (parsed) diag_list_take(diags, d);
  diag_list_free(d);
  return parsed ? NULL : g_strdup("its .meta is damaged");
}

cache_status cache_get(cache *c, const char *key, char **data, size_t *len, diag_list *diags,
                       char **why) {
  *data = NULL;
  *len = 0;
  if (!key_valid(key)) return CACHE_MISS;
  char *dpath, *mpath;
  entry_paths(c, key, &dpath, &mpath);
  char *meta = NULL, *bytes = NULL;
  gsize mlen = 0, blen = 0;
  cache_status st = CACHE_MISS;
  if (g_file_get_contents(mpath, &meta, &mlen, NULL)) {
    char *bad = NULL;
    if (!g_file_get_contents(dpath, &bytes, &blen, NULL))
      bad = g_strdup("its bytes are missing");
    else
      bad = verify(meta, mlen, bytes, blen, diags);
    if (bad) {
      /* The .meta first: without it the entry is not there. */
      g_unlink(mpath);
      g_unlink(dpath);
      *why = bad;
      g_free(bytes);
      st = CACHE_BAD;
    } else {
      *data = bytes;
      *len = blen;
      st = CACHE_HIT;
    }
  }
  g_free(meta);
  g_free(mpath);
  g_free(dpath);
  return st;
}

cache_status cache_get_file(cache *c, const char *key, const char *path, diag_list *diags,
                            char **why) {
  char *data;
  size_t len;
  diag_list *d = diag_list_new();
  cache_status st = cache_get(c, key, &data, &len, d, why);
  if (st == CACHE_HIT) {
    char *dpath, *mpath;
    entry_paths(c, key, &dpath, &mpath);
    /* The link shares the bytes just checked: an entry is only ever
     * replaced by a rename (with the same bytes), never written in place.
     * A link to it already at path (a site of the build before) stays. */
    struct stat at, entry;
    bool placed = lstat(path, &at) == 0 && stat(dpath, &entry) == 0 && at.st_ino == entry.st_ino &&
                  at.st_dev == entry.st_dev;
    if (!placed) placed = link(dpath, path) == 0;
    if (!placed && errno == ENOENT) {
      char *dir = g_path_get_dirname(path);
      fs_make_dirs(dir);
      g_free(dir);
      placed = link(dpath, path) == 0;
    }
    if (!placed && errno == EEXIST) {
      g_unlink(path);
      placed = link(dpath, path) == 0;
    }
    char *ignored = NULL;
    if (!placed) placed = fs_write_atomic(path, data, len, &ignored);
    if (!placed) {
      *why = ignored ? ignored : g_strdup_printf("%s: cannot write", path);
      ignored = NULL;
      st = CACHE_MISS;
    } else {
      diag_list_take(diags, d);
    }
    g_free(ignored);
    g_free(mpath);
    g_free(dpath);
  }
  g_free(data);
  diag_list_free(d);
  return st;
}

/* Writes data to a temporary file beside path and renames it there, mode
 * 0644 (the site's files are links to these). */
static bool write_renamed(const char *path, const char *data, size_t len, char **err) {
  char *dir = g_path_get_dirname(path);
  char *tmp = g_build_filename(dir, ".tmp-XXXXXX", NULL);
  g_free(dir);
  int fd = g_mkstemp(tmp);
  bool ok = fd >= 0;
  for (size_t done = 0; ok && done < len;) {
    ssize_t w = write(fd, data + done, len - done);
    if (w < 0 && errno == EINTR) continue;
    ok = w > 0;
    if (ok) done += (size_t)w;
  }
  if (ok) ok = fchmod(fd, 0644) == 0;
  if (fd >= 0 && close(fd) != 0) ok = false;
  if (ok) ok = g_rename(tmp, path) == 0;
  if (!ok) {
    *err = g_strdup_printf("%s: cannot write a cache entry: %s", path, g_strerror(errno));
    if (fd >= 0) g_unlink(tmp);
  }
  g_free(tmp);
  return ok;
}

bool cache_put(cache *c, const char *key, const char *data, size_t len, const diag_list *diags,
               char **err) {
  if (!key_valid(key)) {
    *err = g_strdup_printf("%s: not a cache key", key);
    return false;
  }
  char *dpath, *mpath;
  entry_paths(c, key, &dpath, &mpath);
  char *dir = g_path_get_dirname(dpath);
  bool ok = fs_make_dirs(dir);
  if (!ok) *err = g_strdup_printf("%s: cannot create the cache folder: %s", dir, g_strerror(errno));
  g_free(dir);
  GString *block = encode_diags(diags);
  char sum[SUM_HEX + 1], dsum[SUM_HEX + 1];
  sum_hex(data, len, sum);
  sum_hex(block->str, block->len, dsum);
  GString *meta = g_string_new(META_MAGIC);
  g_string_append_printf(meta, "%s %zu\n%s %zu\n", sum, len, dsum, block->len);
  g_string_append_len(meta, block->str, (gssize)block->len);
  /* The bytes first, the .meta last: an entry is there once its .meta is. */
  if (ok) ok = write_renamed(dpath, data, len, err);
  if (ok) ok = write_renamed(mpath, meta->str, meta->len, err);
  g_string_free(meta, TRUE);
  g_string_free(block, TRUE);
  g_free(mpath);
  g_free(dpath);
  return ok;
}

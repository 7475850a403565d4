/* paracache: see include/statuut/paracache.h */
#include "statuut/paracache.h"

#include <string.h>

struct para_cache {
  GHashTable *paras; /* GBytes key -> para* (one reference) */
  size_t bytes, max_bytes;
  unsigned hits, misses, borrowed;
  /* The table is locked: a cache being borrowed from is filled by one
   * thread and read by another. */
  GMutex lock;
  para_cache *from;   /* borrowed from, or NULL */
  GHashTable *theirs; /* while borrowing: their PangoFont* -> ours (a reference), or NULL
                         where ours has no counterpart */
};

/* What a laid-out paragraph costs to keep, roughly: its glyphs (a glyph,
 * its cluster and its share of the items, per byte of text), its lines. */
static size_t cost(const para *p) {
  return strlen(p->text) * 40 + p->lines->len * sizeof(para_line) + 512;
}

para_cache *para_cache_new(size_t max_bytes) {
  para_cache *c = g_new0(para_cache, 1);
  c->paras = g_hash_table_new_full(g_bytes_hash, g_bytes_equal, (GDestroyNotify)g_bytes_unref,
                                   (GDestroyNotify)para_free);
  c->max_bytes = max_bytes;
  g_mutex_init(&c->lock);
  return c;
}

void para_cache_free(para_cache *c) {
  if (!c) return;
  para_cache_borrow(c, NULL);
  g_hash_table_unref(c->paras);
  g_mutex_clear(&c->lock);
  g_free(c);
}

static void unref_font(gpointer f) {
  if (f) g_object_unref(f);
}

void para_cache_borrow(para_cache *c, para_cache *from) {
  if (c->theirs) g_hash_table_destroy(c->theirs);
  c->theirs = from ? g_hash_table_new_full(NULL, NULL, NULL, unref_font) : NULL;
  c->from = from;
}

typedef struct {
  para_cache *c;
  const pdf_fonts *ours;
} onto;

/* Ours for one of their fonts, asked of ours once. */
static PangoFont *counterpart(PangoFont *font, void *data) {
  const onto *o = data;
  gpointer mine;
  if (!g_hash_table_lookup_extended(o->c->theirs, font, NULL, &mine)) {
    mine = pdf_fonts_counterpart(o->ours, font);
    g_hash_table_insert(o->c->theirs, font, mine);
  }
  return mine ? g_object_ref(mine) : NULL;
}

/* A copy on f of what from holds under key, or NULL. */
static para *borrow(para_cache *c, GBytes *key, const pdf_fonts *f) {
  para *p = NULL;
  onto o = {c, f};
  g_mutex_lock(&c->from->lock);
  const para *q = g_hash_table_lookup(c->from->paras, key);
  /* Copied under the lock: their thread may empty its cache meanwhile. */
  if (q) p = para_copy_onto(q, counterpart, &o);
  g_mutex_unlock(&c->from->lock);
  return p;
}

static para *lookup(para_cache *c, GBytes *key) {
  g_mutex_lock(&c->lock);
  para *p = g_hash_table_lookup(c->paras, key);
  g_mutex_unlock(&c->lock);
  return p;
}

/* Keeps p under key (taking the key), emptying the cache first when it is
 * full. */
static void keep(para_cache *c, GBytes *key, para *p) {
  size_t n = cost(p);
  g_mutex_lock(&c->lock);
  if (c->bytes + n > c->max_bytes) {
    g_hash_table_remove_all(c->paras);
    c->bytes = 0;
  }
  if (n <= c->max_bytes) {
    g_hash_table_insert(c->paras, key, para_ref(p));
    c->bytes += n;
    key = NULL;
  }
  g_mutex_unlock(&c->lock);
  if (key) g_bytes_unref(key);
}

static void put(GByteArray *k, const void *v, size_t n) {
  g_byte_array_append(k, v, (guint)n);
}

static void put_str(GByteArray *k, const char *s) {
  guint8 there = s != NULL;
  put(k, &there, 1);
  if (s) put(k, s, strlen(s) + 1);
}

/* Every input of para_layout but the fonts, each field on its own (never a
 * struct's bytes: padding is not data). */
static GBytes *key_of(const para_src *src, const para_style *st, double measure) {
  GByteArray *k = g_byte_array_sized_new((guint)src->text->len + 64 + src->runs->len * 24);
  int face = st->face, weight = st->weight;
  guint8 flags[3] = {st->italic, st->justify, st->continuation};
  put(k, &face, sizeof face);
  put(k, &st->size, sizeof st->size);
  put(k, &st->leading, sizeof st->leading);
  put(k, &weight, sizeof weight);
  put(k, flags, sizeof flags);
  put(k, &st->tracking, sizeof st->tracking);
  put_str(k, st->features);
  put(k, &measure, sizeof measure);
  size_t len = src->text->len;
  put(k, &len, sizeof len);
  put(k, src->text->str, len);
  for (guint i = 0; i < src->runs->len; i++) {
    const para_run *r = &g_array_index(src->runs, para_run, i);
    unsigned v[4] = {r->start, r->end, r->flags, (unsigned)r->mark};
    put(k, v, sizeof v);
    put_str(k, r->href);
    put_str(k, r->anchor);
  }
  return g_byte_array_free_to_bytes(k);
}

para *para_cache_layout(para_cache *c, const para_src *src, const pdf_fonts *f,
                        const para_style *st, double measure, para_stats *stats) {
  if (!c) return para_layout(src, f, st, measure, stats);
  GBytes *key = key_of(src, st, measure);
  /* A paragraph in the table is never changed nor freed by anyone but this
   * cache's own thread: it may be used after the lock is let go. */
  para *p = lookup(c, key);
  if (p) {
    g_bytes_unref(key);
    c->hits++;
    if (stats) para_stats_add(stats, &p->stats);
    return para_ref(p);
  }
  p = c->from ? borrow(c, key, f) : NULL;
  if (p) {
    c->borrowed++;
    if (stats) para_stats_add(stats, &p->stats);
  } else {
    c->misses++;
    p = para_layout(src, f, st, measure, stats);
  }
  keep(c, key, p);
  return p;
}

void para_cache_counts(const para_cache *c, unsigned *hits, unsigned *misses) {
  *hits = c ? c->hits : 0;
  *misses = c ? c->misses : 0;
}

unsigned para_cache_borrowed(const para_cache *c) {
  return c ? c->borrowed : 0;
}

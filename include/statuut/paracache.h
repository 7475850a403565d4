/* paracache: paragraphs laid out once per process and reused.
 *
 * The versions of a document share nearly all their paragraphs, and a
 * redline shares with its new version every paragraph that did not change.
 * A build that typesets them all would shape and break the same paragraph
 * again for every PDF. The cache keeps each laid-out paragraph under the
 * exact inputs of para_layout: the text (with its hyphenation points), every
 * run (flags, change mark, link target, anchor), the style and the measure.
 * The fonts are not in the key: one cache serves one pdf_fonts.
 *
 * A paragraph handed out is a new reference (para_free releases it), so
 * emptying the cache never pulls a paragraph from under a galley. When the
 * paragraphs kept exceed the budget the cache is emptied and fills again:
 * a build goes document by document, and a document's paragraphs are what
 * the next PDFs reuse. */
#ifndef STATUUT_PARACACHE_H
#define STATUUT_PARACACHE_H

#include "statuut/para.h"

#include <stddef.h>

typedef struct para_cache para_cache;

/* A cache that keeps about max_bytes of laid-out paragraphs. */
para_cache *para_cache_new(size_t max_bytes);
void para_cache_free(para_cache *c);

/* para_layout(src, f, st, measure, stats), or the paragraph laid out before
 * from the same inputs; stats grow by the paragraph's figures either way.
 * c may be NULL (no cache). Free the result with para_free. */
para *para_cache_layout(para_cache *c, const para_src *src, const pdf_fonts *f,
                        const para_style *st, double measure, para_stats *stats);

/* Paragraphs reused and laid out since the cache was made (borrowed ones
 * are neither). */
void para_cache_counts(const para_cache *c, unsigned *hits, unsigned *misses);

/* From now on a paragraph c does not hold is looked for in from, which
 * another thread fills with the fonts of a sibling (pdffonts.h) while c is
 * used: found there, it is copied onto the fonts para_cache_layout is given
 * (para_copy_onto), and kept. from must outlive the borrowing; NULL ends
 * it. Both caches lock their tables, so from's thread may go on laying out
 * into it. */
void para_cache_borrow(para_cache *c, para_cache *from);

/* Paragraphs copied from the cache borrowed from. */
unsigned para_cache_borrowed(const para_cache *c);

#endif

/* heap: the process heap, mapped in advance.
 *
 * A page of heap costs a page fault the first time it is written. On the
 * virtual machines statuut runs on (CI, the site's build server, this
 * project's own) a fault costs about 13 microseconds: the 700 pages `statuut
 * diff` fills on the statute pair cost 9 ms, more than the diff itself, and
 * the 4,500 of a PDF 60 ms. Mapping the same pages with one
 * madvise(MADV_POPULATE_WRITE) costs about 1 microsecond a page.
 *
 * So a command reserves, before its work, about the heap it will use: the
 * heap is grown once by that much, its pages are mapped in one call, and
 * malloc keeps that much free at the top from then on (M_TOP_PAD) instead of
 * handing it back. Too small a guess only leaves the rest to page faults;
 * too large costs a microsecond a page.
 *
 * Only the program (main.c) calls this: it decides for the whole process.
 * It does nothing where it cannot (a C library other than glibc, Linux
 * before 5.14). */
#ifndef STATUUT_HEAP_H
#define STATUUT_HEAP_H

#include <stdbool.h>
#include <stddef.h>

/* Grows the heap by about `bytes` (at most HEAP_RESERVE_MAX) and maps it.
 * Returns whether the pages were mapped. Under AddressSanitizer, whose
 * allocator is not glibc's, it does nothing. */
bool heap_reserve(size_t bytes);

/* The site build of content/ reserves about 21 MB. A file of megabytes of
 * front matter or of one table would be given 20 to 32 times its size and
 * use a third of it: the pages stay mapped, and the 10x-its-size bound on
 * memory (README, Limits) is the one that counts there. */
#define HEAP_RESERVE_MAX ((size_t)64 << 20)

/* Bytes of Markdown in paths: files as they are, folders by their .md files
 * at any depth; the largest file's size in *largest (may be NULL). Missing
 * paths count 0 (the command reports them). */
size_t heap_markdown_bytes(const char *const *paths, int n, size_t *largest);

#endif

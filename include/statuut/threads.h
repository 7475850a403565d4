/* threads: the threads of this process, and waiting for those a library
 * started and let go to end.
 *
 * build forks its workers after opening the PDF engine, and pango starts
 * short-lived threads of its own (font matching) that nobody joins. A
 * thread that holds a lock when the process forks (GLib's slice allocator
 * takes one when a thread ends) leaves it held in the child for ever: the
 * worker hangs at its next allocation. So the engine, before it returns,
 * waits until the threads it caused are gone. (Under AddressSanitizer,
 * whose allocator has no such care, a process with threads of its own, as
 * serve's, does not fork its workers at all: workers.c.)
 *
 * Linux: the threads are the entries of /proc/self/task. Elsewhere the
 * count is unknown (0) and nothing waits. */
#ifndef STATUUT_THREADS_H
#define STATUUT_THREADS_H

#include <stdbool.h>

/* The threads of this process, 0 when that cannot be known. */
unsigned threads_count(void);

/* Waits, for at most max_ms milliseconds, until this process has at most n
 * threads. Returns whether it has; true at once when n is 0 (unknown). */
bool threads_settle(unsigned n, unsigned max_ms);

#endif

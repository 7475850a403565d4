/* version: the dotted version numbers documents are published under. */
#ifndef STATUUT_VERSION_H
#define STATUUT_VERSION_H

#include <stdbool.h>

/* True when s is one or more dot-separated runs of ASCII digits ("1", "1.0.1"). */
bool version_valid(const char *s);

/* Orders numerically by dotted parts: 1.0 < 1.0.1 < 1.1 < 1.10 < 2.0; missing
 * parts count as 0, so "1" == "1.0". Both arguments must be valid. Returns <0, 0, >0. */
int version_cmp(const char *a, const char *b);

#endif

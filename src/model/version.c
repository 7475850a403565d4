/* version: see include/statuut/version.h */
#include "statuut/version.h"

#include <ctype.h>
#include <string.h>

bool version_valid(const char *s) {
  if (!s || !*s) return false;
  bool digit = false;
  for (; *s; s++) {
    if (isdigit((unsigned char)*s)) {
      digit = true;
    } else if (*s == '.' && digit) {
      digit = false;
    } else {
      return false;
    }
  }
  return digit;
}

/* Compares one dotted part as a number of any length: strip leading zeros,
 * then the longer digit run is larger, equal lengths compare as strings. */
static int part_cmp(const char *a, size_t la, const char *b, size_t lb) {
  while (la > 1 && *a == '0')
    a++, la--;
  while (lb > 1 && *b == '0')
    b++, lb--;
  if (la != lb) return la < lb ? -1 : 1;
  return memcmp(a, b, la);
}

int version_cmp(const char *a, const char *b) {
  while (*a || *b) {
    size_t la = strcspn(a, "."), lb = strcspn(b, ".");
    /* A missing part counts as 0, so 1 == 1.0 and 1.0 < 1.0.1. */
    int c = part_cmp(la ? a : "0", la ? la : 1, lb ? b : "0", lb ? lb : 1);
    if (c) return c < 0 ? -1 : 1;
    a += la;
    b += lb;
    if (*a == '.') a++;
    if (*b == '.') b++;
  }
  return 0;
}

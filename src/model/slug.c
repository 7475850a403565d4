/* slug: see include/statuut/slug.h */
#include "statuut/slug.h"

#include <ctype.h>
#include <stdbool.h>
#include <string.h>

/* Length of a leading section number such as "1. ", "4.2 ", "3.1.2. " with the
 * space after it; 0 when there is none. A number without a dot ("15 Vragen")
 * is part of the title, not a section number. */
static size_t section_number_len(const char *s) {
  const char *p = s;
  bool dot = false;
  while (isdigit((unsigned char)*p)) {
    while (isdigit((unsigned char)*p))
      p++;
    if (*p != '.') break;
    dot = true;
    p++;
  }
  if (!dot || p == s || *p != ' ') return 0;
  while (*p == ' ')
    p++;
  return (size_t)(p - s);
}

char *slug_from_text(const char *text) {
  const char *start = text + section_number_len(text);
  /* GLib transliterates to ASCII with the C locale's rules: é -> e, ß -> ss,
   * ĳ -> ij; what it cannot transliterate becomes '?', a separator here. */
  char *ascii = g_str_to_ascii(start, "C");
  GString *out = g_string_new(NULL);
  bool dash = false;
  for (const char *p = ascii; *p; p++) {
    unsigned char c = (unsigned char)*p;
    if (isalnum(c)) {
      if (dash && out->len) g_string_append_c(out, '-');
      dash = false;
      g_string_append_c(out, (char)tolower(c));
    } else if (c == '\'') {
      /* An apostrophe joins: "dilemma's" -> "dilemmas", not "dilemma-s". */
    } else {
      dash = true;
    }
  }
  g_free(ascii);
  if (out->len == 0) g_string_append(out, "sectie");
  return g_string_free(out, FALSE);
}

void slug_set_init(slug_set *s) {
  s->used = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  s->next = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
}

void slug_set_clear(slug_set *s) {
  if (s->used) g_hash_table_destroy(s->used);
  if (s->next) g_hash_table_destroy(s->next);
  s->used = s->next = NULL;
}

char *slug_unique(slug_set *s, const char *base) {
  if (!g_hash_table_contains(s->used, base)) {
    g_hash_table_add(s->used, g_strdup(base));
    return g_strdup(base);
  }
  /* Ids are never taken back, so every suffix below the one this base
   * reached last time is still taken: the search goes on from there. */
  int n = GPOINTER_TO_INT(g_hash_table_lookup(s->next, base));
  if (n < 2) n = 2;
  char *id = g_strdup_printf("%s-%d", base, n);
  while (g_hash_table_contains(s->used, id)) {
    g_free(id);
    id = g_strdup_printf("%s-%d", base, ++n);
  }
  g_hash_table_add(s->used, g_strdup(id));
  /* (an existing entry keeps its key; the copy passed is freed) */
  g_hash_table_insert(s->next, g_strdup(base), GINT_TO_POINTER(n + 1));
  return id;
}

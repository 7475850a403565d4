/* Unit tests: rewriting front matter for a new version. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "statuut/newversion.h"

#include <glib.h>

static void replaces_keeps_and_adds(void **state) {
  (void)state;
  const char *src = "---\n"
                    "title: \"T\"  # de titel\n"
                    "version: \"1.0\"\n"
                    "summary: >\n"
                    "  Oude samenvatting\n"
                    "  over twee regels.\n"
                    "words:\n"
                    "- wijkteam\n"
                    "date: 2022-11-01\n"
                    "status: vastgesteld\n"
                    "---\n"
                    "version: in de tekst blijft staan\n";
  const char *keys[] = {"version", "date", "status", "summary", "author", NULL};
  const char *values[] = {"\"1.1\"", "2026-11-23", "concept", "\"\"", "Associatie", NULL};
  char *out = newversion_set_keys(src, keys, values);
  assert_string_equal(out, "---\n"
                           "title: \"T\"  # de titel\n"
                           "version: \"1.1\"\n"
                           "summary: \"\"\n"
                           "words:\n"
                           "- wijkteam\n"
                           "date: 2026-11-23\n"
                           "status: concept\n"
                           "author: Associatie\n"
                           "---\n"
                           "version: in de tekst blijft staan\n");
  g_free(out);
}

int main(void) {
  const struct CMUnitTest tests[] = {cmocka_unit_test(replaces_keeps_and_adds)};
  return cmocka_run_group_tests_name("newversion", tests, NULL, NULL);
}

/* replay: a fuzz target as a plain program (no libFuzzer, any compiler).
 * Runs LLVMFuzzerTestOneInput once on each file named, in order, and prints
 * "ok - TARGET: FILE" after each; a crash stops it, so the last file named
 * on stderr ("run FILE") is the one that crashed. tests/e2e/fuzz.sh runs
 * the corpus and the saved crashes through it. */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
  const char *name = g_path_get_basename(argv[0]);
  int status = 0;
  for (int i = 1; i < argc; i++) {
    char *data = NULL;
    gsize len = 0;
    GError *e = NULL;
    if (!g_file_get_contents(argv[i], &data, &len, &e)) {
      printf("FAIL - %s: %s: %s\n", name, argv[i], e->message);
      g_error_free(e);
      status = 1;
      continue;
    }
    fprintf(stderr, "run %s\n", argv[i]);
    /* a copy of the exact size, so that ASan sees a read past the end */
    uint8_t *copy = malloc(len ? len : 1);
    memcpy(copy, data, len);
    g_free(data);
    LLVMFuzzerTestOneInput(copy, len);
    free(copy);
    printf("ok - %s: %s\n", name, argv[i]);
    fflush(stdout);
  }
  g_free((char *)name);
  return status;
}

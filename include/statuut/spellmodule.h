/* spellmodule: the spelling check (spelling.h) as the module
 * statuut-spell.so exports it (see module.h). */
#ifndef STATUUT_SPELLMODULE_H
#define STATUUT_SPELLMODULE_H

#include "statuut/module.h"
#include "statuut/spelling.h"

typedef struct {
  module_header header;
  speller *(*open)(const char *dic_base, char **err);
  void (*free)(speller *s);
  void (*check)(speller *s, const doc *d, GHashTable *project, diag_list *out);
  GHashTable *(*read_words)(const char *path, char **err);
} spell_module;

/* The spelling check, loading the module on the first call; NULL with *err
 * set (caller frees) when it cannot be loaded. */
static inline const spell_module *spell_module_get(char **err) {
  return module_load("statuut-spell.so", "statuut_spell_module", sizeof(spell_module), err);
}

#endif

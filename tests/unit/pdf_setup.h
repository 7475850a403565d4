/* The fonts and Dutch hyphenation patterns that the unit tests of the PDF
 * engine's layout share (test_para.c, test_paginate.c): opened once per
 * test group, in F and H. Included by one test file each, so the statics
 * are that file's. */
#ifndef STATUUT_TEST_PDF_SETUP_H
#define STATUUT_TEST_PDF_SETUP_H

#include "statuut/hyph.h"
#include "statuut/para.h"

#include <glib.h>
#include <stdio.h>

static pdf_fonts *F;
static hyph *H;

static int setup(void **state) {
  (void)state;
  char *err = NULL;
  F = pdf_fonts_open(&err);
  if (F) H = hyph_open(HYPH_NL_DICT, &err);
  if (!F || !H) fprintf(stderr, "%s\n", err);
  g_free(err);
  return F && H ? 0 : -1;
}

static int teardown(void **state) {
  (void)state;
  hyph_free(H);
  pdf_fonts_free(F);
  return 0;
}

#endif

/* fuzz: what the fuzz targets share (tests/fuzz/README.md).
 *
 * Each target defines LLVMFuzzerTestOneInput. Built with clang and
 * -fsanitize=fuzzer it is a libFuzzer binary (make fuzz); built with the
 * project's compiler and replay.c it is a plain program that runs it once on
 * each file it is given (make test replays the corpus and the crashes).
 * The targets link the modules' code in, as the unit tests do: module_load
 * finds a module's table in the process. */
#ifndef STATUUT_FUZZ_H
#define STATUUT_FUZZ_H

#include "statuut/htmlmodule.h"
#include "statuut/pdfmodule.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The HTML module and the repository's templates, loaded on the first call
 * and kept for the life of the process; abort when they cannot be. */
const html_module *fuzz_html(void);
const html_templates *fuzz_templates(void);

/* The PDF module and its engine, opened on the first call and kept. */
const pdf_module *fuzz_pdfm(void);
pdf_engine *fuzz_pdf_engine(void);

/* Whether this input gets a PDF: typesetting takes tens of milliseconds,
 * the rest of a target well under one, so only one input in
 * STATUUT_FUZZ_PDF_EVERY (default 8; 1: every input, 0: none) of at most
 * FUZZ_PDF_MAX bytes is typeset. Chosen by a hash of the input, not by a
 * counter, so that an input that crashed in the PDF engine does so again
 * when replayed alone. */
#define FUZZ_PDF_MAX 8192
bool fuzz_pdf_due(const uint8_t *data, size_t size);

/* A folder of the process's own under /dev/shm (or $TMPDIR), made on the
 * first call, removed at exit. */
const char *fuzz_tmp(void);

/* Writes a file, making its folder; aborts when it cannot. */
void fuzz_write(const char *path, const void *data, size_t len);

/* Removes a folder and what it holds; aborts when it cannot. */
void fuzz_remove(const char *path);

#endif

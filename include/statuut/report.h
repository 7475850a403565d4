/* report: diagnostics written out for people and for machines.
 *
 *   text     file:line:col: error|warning: message [check]      (one per line)
 *   json     {"files": N, "errors": N, "warnings": N,
 *             "diagnostics": [{"file", "line", "column", "severity", "check",
 *                              "message"}]}
 *   github   ::error file=F,line=L,col=C,title=CHECK::MESSAGE   (GitHub Actions
 *            workflow commands: each becomes an annotation on the line)
 *
 * Lines and columns are 1-based; 0 (and no line/col in github) means the
 * problem is about the whole file. The list is written in its order: sort it
 * first. */
#ifndef STATUUT_REPORT_H
#define STATUUT_REPORT_H

#include "statuut/diag.h"

typedef enum { REPORT_TEXT, REPORT_JSON, REPORT_GITHUB, REPORT_FORMAT_MAX } report_format;

/* The format named "text", "json" or "github"; false for another name. */
bool report_format_parse(const char *name, report_format *f);

/* The whole report. `files` is the number of files checked (json only).
 * Caller frees. */
char *report_render(const diag_list *l, report_format f, unsigned files);

#endif

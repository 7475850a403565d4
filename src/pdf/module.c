/* The PDF engine's entry points, the one symbol statuut-pdf.so exports
 * (see include/statuut/pdfmodule.h). */
#include "statuut/pdf.h"

MODULE_EXPORT(pdf_module, statuut_pdf_module) = {
    .header = MODULE_HEADER(pdf_module),
    .engine_open = pdf_engine_open,
    .engine_free = pdf_engine_free,
    .render = pdf_render,
    .render_diff = pdf_render_diff,
};

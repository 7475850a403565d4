/* The HTML pages' and the site build's entry points, the one symbol
 * statuut-html.so exports (see include/statuut/htmlmodule.h). */
#include "statuut/htmlmodule.h"

MODULE_EXPORT(html_module, statuut_html_module) = {
    .header = MODULE_HEADER(html_module),
    .standalone = html_standalone,
    .diff_page = html_diff_page,
    .site_build = site_build,
};

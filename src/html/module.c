/* The HTML pages' entry points, the one symbol statuut-html.so exports
 * (see include/statuut/htmlmodule.h). */
#include "statuut/html.h"

MODULE_EXPORT(html_module, statuut_html_module) = {
    .header = MODULE_HEADER(html_module),
    .templates_load = html_templates_load,
    .templates_free = html_templates_free,
    .page_document = html_page_document,
    .page_history = html_page_history,
    .page_diff = html_page_diff,
    .page_index = html_page_index,
    .page_search = html_page_search,
    .sitemap = html_sitemap,
    .feed = html_feed,
};

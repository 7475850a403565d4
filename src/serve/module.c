/* The preview's entry points, the one symbol statuut-serve.so exports (see
 * include/statuut/servemodule.h). */
#include "serve.h"

MODULE_EXPORT(serve_module, statuut_serve_module) = {
    .header = MODULE_HEADER(serve_module),
    .start = serve_start,
    .port = serve_port,
    .publish = serve_publish,
    .stop = serve_stop,
    .error_page = serve_error_page,
    .watch_open = serve_watch_open,
    .watch_wait = serve_watch_wait,
    .watch_free = serve_watch_free,
};

/* sincemark: the since-when mark of a passage (see html.h).
 *
 * A <details> before the block, so that it opens on a tap, a click or the
 * keyboard without a script; its summary says in words how the passage
 * reads ("gewijzigd in 1.1") for a screen reader and the title, and shows
 * only the version in the margin. Opened, it lists the passage's history,
 * newest first, each step a link to its change in the redline of that
 * version and the one before, the first version a link to that version.
 * The stylesheet keeps it out of print. */
#include "page.h"
#include "statuut/diff.h"
#include "statuut/siteurl.h"

#include <string.h>

/* The label with a capital, as a sentence starts. Caller frees. */
static char *capitalised(char *label) {
  if (label[0]) label[0] = (char)g_ascii_toupper(label[0]);
  return label;
}

/* Where step s of a passage is told: its change in its redline, or, for
 * the first version, that version's page at the passage's anchor. */
static const char *passage_id(const doc_node *n);

static char *step_href(const html_ctx *ctx, const since_step *s) {
  const char *id = s->block ? passage_id(s->block) : NULL;
  const char *v = since_version(ctx->since, s);
  char *path, *frag;
  if (s->what == SINCE_ORIGIN || !s->change || !s->version) {
    path = url_file(URL_VERSION, ctx->slug, v, NULL);
    frag = id ? g_strdup(id) : NULL;
  } else {
    path = url_file(URL_DIFF, ctx->slug, since_version_at(ctx->since, s->version - 1), v);
    frag = diff_change_anchor(s->change, false);
  }
  char *rooted = page_root_href(ctx, path);
  char *href = frag ? g_strconcat(rooted, "#", frag, NULL) : g_strdup(rooted);
  g_free(rooted);
  g_free(path);
  g_free(frag);
  return href;
}

/* The anchor a passage has in every version: its own (a heading, a note),
 * or its point's. */
static const char *passage_id(const doc_node *n) {
  if (n->id) return n->id;
  if (n->parent && n->parent->type == DOC_ITEM) return n->parent->id;
  return NULL;
}

void html_since_mark(xmlNodePtr parent, const doc_node *n, const html_ctx *ctx) {
  if (!ctx->since || !ctx->since_version || !ctx->slug) return;
  const since_history *h = since_lookup(ctx->since, ctx->since_version, n);
  if (!h) return;
  const since_step *reading = since_reading(h);
  bool now = reading->version == ctx->since_version && reading->what != SINCE_ORIGIN;
  xmlNodePtr det = html_el(parent, "details", now ? "sinds nu" : "sinds");
  xmlNodePtr sum = html_el(det, "summary", NULL);
  char *plain = since_label(ctx->since, reading);
  /* a heading's mark speaks for its whole section */
  char *said = n->type == DOC_HEADING ? g_strdup_printf("Dit onderdeel: %s", plain) : NULL;
  char *label = capitalised(plain);
  xmlSetProp(sum, (const xmlChar *)"title", (const xmlChar *)(said ? said : label));
  html_text(html_el(sum, "span", "vh"), said ? said : label);
  xmlNodePtr shown = html_el(sum, "span", "sinds-versie");
  xmlSetProp(shown, (const xmlChar *)"aria-hidden", (const xmlChar *)"true");
  html_text(shown, since_version(ctx->since, reading));
  g_free(said);
  g_free(label);
  xmlNodePtr list = html_el(det, "ul", "sinds-geschiedenis");
  for (guint i = 0; i < h->n; i++) {
    const since_step *s = &h->steps[i];
    xmlNodePtr a = html_el(html_el(list, "li", NULL), "a", NULL);
    char *href = step_href(ctx, s);
    xmlSetProp(a, (const xmlChar *)"href", (const xmlChar *)href);
    g_free(href);
    char *l = capitalised(since_label(ctx->since, s));
    if (s->what == SINCE_ORIGIN && h->n > 1) {
      /* below later steps: where the passage began */
      g_free(l);
      l = g_strdup_printf("Sinds versie %s", since_version(ctx->since, s));
    }
    html_text(a, l);
    g_free(l);
  }
}

/* orient: where a reader stands among a document's versions (see page.h).
 *
 * The version bar opens every version page and latest/: this version, its
 * status and date, and in words how it relates to the version in force
 * (content_current) and to a pending concept (content_pending), with the
 * links a member needs next: the version in force, the concept, the
 * redline between them, every version. The comparison list links the
 * redline of this version against every other one. */
#include "page.h"
#include "statuut/siteurl.h"
#include "statuut/version.h"

/* The redline of two versions, in the order the site keeps it (older
 * first): its page relative to the site root. Caller frees. */
static char *pair_page(const content_doc *cd, const doc *a, const doc *b) {
  if (version_cmp(a->meta.version, b->meta.version) > 0) {
    const doc *t = a;
    a = b;
    b = t;
  }
  return url_file(URL_DIFF, cd->slug, a->meta.version, b->meta.version);
}

static void version_link(xmlNodePtr parent, const html_ctx *ctx, const content_doc *cd,
                         const doc *v, const char *text) {
  char *path = url_file(URL_VERSION, cd->slug, v->meta.version, NULL);
  page_link(parent, ctx, path, text);
  g_free(path);
}

static void redline_link(xmlNodePtr parent, const html_ctx *ctx, const content_doc *cd,
                         const doc *a, const doc *b, const char *text) {
  char *path = pair_page(cd, a, b);
  page_link(parent, ctx, path, text);
  g_free(path);
}

/* "Dit is de geldende versie." and what follows from it. */
static void standing(xmlNodePtr bar, const doc *d, const content_doc *cd, const html_ctx *ctx) {
  const doc *cur = content_current(cd), *pending = content_pending(cd);
  char *s = NULL;
  xmlNodePtr p = html_el(bar, "p",
                         d->meta.status == STATUS_CONCEPT                 ? "stand concept"
                         : d != cur && d->meta.status == STATUS_VERVALLEN ? "stand vervallen"
                         : d == cur                                       ? "stand geldend"
                                                                          : "stand ouder");
  xmlNodePtr note = NULL;
  if (pending && pending != d && d == cur) note = html_el(bar, "p", "stand concept-komt");
  xmlNodePtr next = html_el(bar, "ul", "verder");
  if (d == cur) {
    html_text(p, "Dit is de geldende versie.");
  } else if (d->meta.status == STATUS_CONCEPT) {
    html_text(p, "Concept \xe2\x80\x94 ");
    if (cur) {
      html_text(p, "de geldende versie is ");
      s = g_strdup_printf("versie %s", cur->meta.version);
      version_link(p, ctx, cd, cur, s);
      html_text(p, ".");
      char *t = g_strdup_printf("Wat verandert er ten opzichte van %s?", cur->meta.version);
      redline_link(html_el(next, "li", NULL), ctx, cd, cur, d, t);
      g_free(t);
    } else {
      html_text(p, "er is nog geen vastgestelde versie.");
    }
  } else if (cur && version_cmp(cur->meta.version, d->meta.version) > 0) {
    html_text(p, "Er is een nieuwere versie: ");
    s = g_strdup_printf("versie %s", cur->meta.version);
    version_link(p, ctx, cd, cur, s);
    html_text(p, ", vastgesteld op ");
    page_time(p, cur->meta.date);
    html_text(p, ".");
    char *t = g_strdup_printf("Wat is er veranderd tot versie %s?", cur->meta.version);
    redline_link(html_el(next, "li", NULL), ctx, cd, d, cur, t);
    g_free(t);
  } else {
    html_text(p, d->meta.status == STATUS_VERVALLEN ? "Deze versie is vervallen."
                                                    : "Er is geen vastgestelde versie.");
  }
  g_free(s);
  if (note) {
    char *t = g_strdup_printf("Er ligt een concept voor versie %s.", pending->meta.version);
    html_text(note, t);
    g_free(t);
    version_link(html_el(next, "li", NULL), ctx, cd, pending, "Naar het concept");
    t = g_strdup_printf("Wat verandert er in versie %s?", pending->meta.version);
    redline_link(html_el(next, "li", NULL), ctx, cd, d, pending, t);
    g_free(t);
  }
  if (!next->children) page_remove(next);
}

void orient_version_bar(xmlNodePtr slot, const doc *d, const content_doc *cd, const html_ctx *ctx) {
  xmlNodePtr bar = html_el(slot, "div", "versiebalk");
  xmlNodePtr self = html_el(bar, "p", "deze-versie");
  char *v = g_strdup_printf("Versie %s", d->meta.version);
  html_el(self, "strong", NULL);
  html_text(self->last, v);
  g_free(v);
  html_text(self, " \xc2\xb7 ");
  html_text(self, status_name(d->meta.status));
  html_text(self, " \xc2\xb7 ");
  page_time(self, d->meta.date);
  standing(bar, d, cd, ctx);
  if (cd->versions->len > 1) {
    xmlNodePtr all = html_el(bar, "p", "alle-versies");
    html_text(all, "Alle versies: ");
    for (guint i = 0; i < cd->versions->len; i++) {
      const doc *o = g_ptr_array_index(cd->versions, i);
      if (i) html_text(all, " \xc2\xb7 ");
      if (o == d) {
        xmlNodePtr cur = html_el(all, "strong", NULL);
        xmlSetProp(cur, (const xmlChar *)"aria-current", (const xmlChar *)"page");
        html_text(cur, o->meta.version);
      } else {
        version_link(all, ctx, cd, o, o->meta.version);
      }
    }
  }
}

static xmlNodePtr pick(xmlNodePtr form, const char *name, const char *text, const content_doc *cd,
                       const doc *chosen) {
  xmlNodePtr label = html_el(form, "label", NULL);
  html_text(label, text);
  xmlNodePtr sel = html_el(label, "select", NULL);
  xmlSetProp(sel, (const xmlChar *)"name", (const xmlChar *)name);
  for (guint i = 0; i < cd->versions->len; i++) {
    const doc *v = g_ptr_array_index(cd->versions, i);
    xmlNodePtr opt = html_el(sel, "option", NULL);
    xmlSetProp(opt, (const xmlChar *)"value", (const xmlChar *)v->meta.version);
    if (v == chosen) xmlSetProp(opt, (const xmlChar *)"selected", (const xmlChar *)"selected");
    char *t = g_strdup_printf("%s (%s)", v->meta.version, status_name(v->meta.status));
    html_text(opt, t);
    g_free(t);
  }
  return sel;
}

void orient_compare_form(xmlNodePtr slot, const doc *d, const content_doc *cd,
                         const html_ctx *ctx) {
  if (cd->versions->len < 2 || !ctx->root || !ctx->site) return;
  const doc *newest = content_newest(cd), *cur = content_current(cd);
  /* on a version page: this one against the one in force (or the newest);
   * on the history: the two newest */
  const doc *a = d ? d : g_ptr_array_index(cd->versions, cd->versions->len - 2);
  const doc *b = d ? (cur && cur != d ? cur : newest != d ? newest : NULL) : newest;
  if (!b) b = g_ptr_array_index(cd->versions, cd->versions->len - 2);
  xmlNodePtr form = html_el(slot, "form", "vergelijk-kies");
  xmlSetProp(form, (const xmlChar *)"hidden", (const xmlChar *)"hidden");
  GString *all = g_string_new(NULL);
  for (guint i = 0; i < cd->versions->len; i++)
    g_string_append_printf(all, "%s%s", i ? " " : "",
                           ((const doc *)g_ptr_array_index(cd->versions, i))->meta.version);
  xmlSetProp(form, (const xmlChar *)"data-versies", (const xmlChar *)all->str);
  g_string_free(all, TRUE);
  /* the redline's address with {a} and {b} for the older and the newer */
  char *pattern = url_file(URL_DIFF, cd->slug, "{a}", "{b}");
  char *href = page_root_href(ctx, pattern);
  xmlSetProp(form, (const xmlChar *)"data-pad", (const xmlChar *)href);
  g_free(href);
  g_free(pattern);
  pick(form, "van", "Versie ", cd, a);
  pick(form, "tot", " met versie ", cd, b);
  xmlNodePtr go = html_el(form, "button", NULL);
  xmlSetProp(go, (const xmlChar *)"type", (const xmlChar *)"submit");
  html_text(go, "Vergelijk");
  xmlNodePtr say = html_el(form, "p", "vergelijk-melding");
  xmlSetProp(say, (const xmlChar *)"role", (const xmlChar *)"status");
  char *asset = url_file(URL_ASSET, NULL, "vergelijk.js", NULL);
  char *src = page_root_href(ctx, asset);
  xmlNodePtr js = html_el(slot, "script", NULL);
  xmlSetProp(js, (const xmlChar *)"src", (const xmlChar *)src);
  xmlSetProp(js, (const xmlChar *)"defer", (const xmlChar *)"defer");
  g_free(src);
  g_free(asset);
}

void orient_compare(xmlNodePtr slot, const doc *d, const content_doc *cd, const html_ctx *ctx) {
  orient_compare_form(slot, d, cd, ctx);
  xmlNodePtr ul = html_el(slot, "ul", "vergelijk");
  for (guint i = cd->versions->len; i > 0; i--) {
    const doc *o = g_ptr_array_index(cd->versions, i - 1);
    if (o == d) continue;
    char *t = g_strdup_printf("met versie %s (%s)", o->meta.version, status_name(o->meta.status));
    redline_link(html_el(ul, "li", NULL), ctx, cd, d, o, t);
    g_free(t);
  }
}

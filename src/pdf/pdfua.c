/* pdfua: see include/statuut/pdfua.h */
#include "statuut/pdfua.h"

#include <qpdf/qpdf-c.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define MAX_DEPTH 256

/* The structure tree is read once into a mirror of plain C (tree_node), in
 * pre-order, which is the order the elements were begun: node i has role i.
 * Notes, continuations and artifacts are resolved on the mirror; then only
 * the elements that changed are written back, and the parent tree is made
 * from the mirror. Every call into qpdf's C API costs a handle, so the
 * mirror keeps them few. */

typedef enum { KID_ELEM, KID_MCID, KID_OBJR } kid_kind;

typedef struct {
  kid_kind kind;
  int elem;    /* ELEM: node index */
  int mcid;    /* MCID */
  int page;    /* MCID: index of its page; OBJR: -1 */
  int sp;      /* OBJR: the annotation's StructParent, or -1 */
  qpdf_oh obj; /* OBJR: the OBJR dictionary as it was */
} tree_kid;

typedef struct {
  qpdf_oh oh;
  const pdfua_role *role;
  char *type;   /* "/P" */
  int page;     /* index of /Pg, or -1 */
  int parent;   /* node index, -1 for the root's children */
  GArray *kids; /* of tree_kid */
  bool dirty;   /* /K to be written */
  bool moved;   /* /P to be written */
  bool dead;
} tree_node;

typedef struct {
  qpdf_data q;
  const pdfua_info *info;
  GArray *nodes;       /* of tree_node, in pre-order */
  GArray *top;         /* of tree_kid: the root's children */
  GHashTable *page_of; /* page object id (GINT) -> page index + 1 */
  qpdf_oh *page_oh;    /* by page index */
  int *page_key;       /* by page index: its /StructParents, or -1 */
  int n_pages;
} ua;

#define NODE(u, i) (&g_array_index((u)->nodes, tree_node, (i)))

static void set_name(ua *u, qpdf_oh dict, const char *key, const char *name) {
  qpdf_oh_replace_key(u->q, dict, key, qpdf_oh_new_name(u->q, name));
}

static int page_index(ua *u, qpdf_oh dict) {
  if (!qpdf_oh_has_key(u->q, dict, "/Pg")) return -1;
  qpdf_oh pg = qpdf_oh_get_key(u->q, dict, "/Pg");
  gpointer i = g_hash_table_lookup(u->page_of, GINT_TO_POINTER(qpdf_oh_get_object_id(u->q, pg)));
  return i ? GPOINTER_TO_INT(i) - 1 : -1;
}

static void read_pages(ua *u) {
  qpdf_data q = u->q;
  u->n_pages = qpdf_get_num_pages(q);
  u->page_oh = g_new0(qpdf_oh, u->n_pages + 1);
  u->page_key = g_new0(int, u->n_pages + 1);
  for (int i = 0; i < u->n_pages; i++) {
    qpdf_oh page = qpdf_get_page_n(q, (size_t)i);
    u->page_oh[i] = page;
    u->page_key[i] =
        qpdf_oh_has_key(q, page, "/StructParents")
            ? qpdf_oh_get_int_value_as_int(q, qpdf_oh_get_key(q, page, "/StructParents"))
            : -1;
    g_hash_table_insert(u->page_of, GINT_TO_POINTER(qpdf_oh_get_object_id(q, page)),
                        GINT_TO_POINTER(i + 1));
  }
}

/* One kid of an element; elements go on the stack to be read after. */
static void read_kid(ua *u, int owner, qpdf_oh k, GArray *pending) {
  qpdf_data q = u->q;
  tree_kid kid = {KID_MCID, -1, 0, NODE(u, owner)->page, -1, 0};
  if (qpdf_oh_is_integer(q, k)) {
    kid.mcid = qpdf_oh_get_int_value_as_int(q, k);
  } else if (qpdf_oh_is_dictionary(q, k)) {
    qpdf_oh t = qpdf_oh_get_key(q, k, "/Type");
    if (qpdf_oh_is_name_and_equals(q, t, "/MCR")) {
      kid.mcid = qpdf_oh_get_int_value_as_int(q, qpdf_oh_get_key(q, k, "/MCID"));
      int pg = page_index(u, k);
      if (pg >= 0) kid.page = pg;
    } else if (qpdf_oh_is_name_and_equals(q, t, "/OBJR")) {
      qpdf_oh obj = qpdf_oh_get_key(q, k, "/Obj");
      kid.kind = KID_OBJR;
      kid.obj = k;
      kid.sp = qpdf_oh_has_key(q, obj, "/StructParent")
                   ? qpdf_oh_get_int_value_as_int(q, qpdf_oh_get_key(q, obj, "/StructParent"))
                   : -1;
    } else {
      /* An element: its index is given when it is read, in pre-order. */
      kid.kind = KID_ELEM;
      g_array_append_val(pending, k);
    }
  } else {
    return;
  }
  g_array_append_val(NODE(u, owner)->kids, kid);
}

/* Reads the tree in pre-order and gives each element its role. Returns
 * false with *why when the tree does not match the roles. */
static bool read_tree(ua *u, qpdf_oh tree, char **why) {
  qpdf_data q = u->q;
  const GArray *roles = u->info->roles;
  /* The stack holds (element, parent node) pairs, last first. */
  GArray *stack = g_array_new(FALSE, FALSE, sizeof(qpdf_oh));
  GArray *pending = g_array_new(FALSE, FALSE, sizeof(qpdf_oh));
  qpdf_oh k = qpdf_oh_get_key(q, tree, "/K");
  qpdf_oh top = qpdf_oh_is_array(q, k) ? k : qpdf_oh_wrap_in_array(q, k);
  for (int i = qpdf_oh_get_array_n_items(q, top) - 1; i >= 0; i--) {
    qpdf_oh e = qpdf_oh_get_array_item(q, top, i);
    qpdf_oh parent = (qpdf_oh)-1;
    if (!qpdf_oh_is_dictionary(q, e)) continue;
    g_array_append_val(stack, e);
    g_array_append_val(stack, parent);
  }
  bool ok = true;
  while (stack->len && ok) {
    int parent = (int)g_array_index(stack, qpdf_oh, stack->len - 1);
    qpdf_oh e = g_array_index(stack, qpdf_oh, stack->len - 2);
    g_array_set_size(stack, stack->len - 2);
    int idx = (int)u->nodes->len;
    const pdfua_role *r =
        roles && (guint)idx < roles->len ? &g_array_index(roles, pdfua_role, idx) : NULL;
    qpdf_oh s = qpdf_oh_get_key(q, e, "/S");
    char *type = g_strdup(qpdf_oh_is_name(q, s) ? qpdf_oh_get_name(q, s) : "/");
    if (!r || strcmp(type + 1, r->type) != 0) {
      *why = g_strdup_printf("element %d of the structure tree is %s, drawn as %s", idx, type,
                             r ? r->type : "(none)");
      g_free(type);
      ok = false;
      break;
    }
    tree_node n = {
        e,     r,     type, page_index(u, e), parent, g_array_new(FALSE, FALSE, sizeof(tree_kid)),
        false, false, false};
    g_array_append_val(u->nodes, n);
    if (parent < 0) {
      tree_kid c = {KID_ELEM, idx, 0, -1, -1, 0};
      g_array_append_val(u->top, c);
    } else {
      /* The parent's kid for this element gets its index now. */
      GArray *pk = NODE(u, parent)->kids;
      for (guint i = 0; i < pk->len; i++) {
        tree_kid *c = &g_array_index(pk, tree_kid, i);
        if (c->kind == KID_ELEM && c->elem < 0) {
          c->elem = idx;
          break;
        }
      }
    }
    g_array_set_size(pending, 0);
    if (qpdf_oh_has_key(q, e, "/K")) {
      qpdf_oh kk = qpdf_oh_get_key(q, e, "/K");
      if (qpdf_oh_is_array(q, kk)) {
        int m = qpdf_oh_get_array_n_items(q, kk);
        for (int i = 0; i < m; i++)
          read_kid(u, idx, qpdf_oh_get_array_item(q, kk, i), pending);
      } else {
        read_kid(u, idx, kk, pending);
      }
    }
    for (int i = (int)pending->len - 1; i >= 0; i--) {
      qpdf_oh c = g_array_index(pending, qpdf_oh, i), par = (qpdf_oh)idx;
      g_array_append_val(stack, c);
      g_array_append_val(stack, par);
    }
  }
  if (ok && roles && u->nodes->len != roles->len) {
    *why = g_strdup_printf("the structure tree has %u elements, %u were drawn", u->nodes->len,
                           roles->len);
    ok = false;
  }
  g_array_unref(pending);
  g_array_unref(stack);
  return ok;
}

/* Moves the kids of node from to the end of node to. */
static void join(ua *u, int from, int to) {
  tree_node *f = NODE(u, from), *t = NODE(u, to);
  for (guint i = 0; i < f->kids->len; i++) {
    tree_kid c = g_array_index(f->kids, tree_kid, i);
    if (c.kind == KID_ELEM) {
      NODE(u, c.elem)->parent = to;
      NODE(u, c.elem)->moved = true;
    }
    g_array_append_val(t->kids, c);
  }
  g_array_set_size(f->kids, 0);
  f->dead = true;
  t->dirty = true;
}

static void remove_kid(ua *u, int parent, int elem) {
  GArray *kids = parent < 0 ? u->top : NODE(u, parent)->kids;
  for (guint i = 0; i < kids->len; i++) {
    const tree_kid *c = &g_array_index(kids, tree_kid, i);
    if (c->kind == KID_ELEM && c->elem == elem) {
      g_array_remove_index(kids, i);
      if (parent >= 0) NODE(u, parent)->dirty = true;
      return;
    }
  }
}

/* A note's piece on the next page is drawn where that page starts, far
 * from the note: it joins the note, wherever that is. */
static void join_notes(ua *u) {
  GHashTable *notes = g_hash_table_new(g_direct_hash, g_direct_equal);
  for (guint i = 0; i < u->nodes->len; i++) {
    const tree_node *n = NODE(u, i);
    if (n->role->kind == PDFUA_NOTE)
      g_hash_table_insert(notes, GINT_TO_POINTER(n->role->arg), GINT_TO_POINTER((int)i + 1));
    if (n->role->kind != PDFUA_NOTE_CONT) continue;
    int note = GPOINTER_TO_INT(g_hash_table_lookup(notes, GINT_TO_POINTER(n->role->arg))) - 1;
    if (note < 0) continue;
    remove_kid(u, n->parent, (int)i);
    join(u, (int)i, note);
  }
  g_hash_table_destroy(notes);
}

/* From the root down: artifacts leave the tree, a continuation joins the
 * element it continues: the last element before it among its siblings,
 * past notes (a note is drawn where its reference is, and may sit between),
 * when that is of its type. */
static void tidy(ua *u, GArray *kids, int owner, int depth) {
  GArray *keep = g_array_new(FALSE, FALSE, sizeof(tree_kid));
  for (guint i = 0; i < kids->len; i++) {
    tree_kid c = g_array_index(kids, tree_kid, i);
    if (c.kind != KID_ELEM) {
      g_array_append_val(keep, c);
      continue;
    }
    tree_node *n = NODE(u, c.elem);
    if (n->role->kind == PDFUA_ARTIFACT) {
      n->dead = true;
      if (owner >= 0) NODE(u, owner)->dirty = true;
      continue;
    }
    if (n->role->kind == PDFUA_CONT) {
      int prev = -1;
      for (int k = (int)keep->len - 1; k >= 0 && prev < 0; k--) {
        const tree_kid *pc = &g_array_index(keep, tree_kid, k);
        if (pc->kind == KID_ELEM && strcmp(NODE(u, pc->elem)->type, "/Note") != 0) prev = pc->elem;
      }
      if (prev >= 0 && strcmp(NODE(u, prev)->type, n->type) == 0) {
        join(u, c.elem, prev);
        if (owner >= 0) NODE(u, owner)->dirty = true;
        continue;
      }
    }
    g_array_append_val(keep, c);
  }
  g_array_set_size(kids, 0);
  g_array_append_vals(kids, keep->data, keep->len);
  g_array_unref(keep);
  if (depth >= MAX_DEPTH) return;
  for (guint i = 0; i < kids->len; i++) {
    const tree_kid *c = &g_array_index(kids, tree_kid, i);
    if (c->kind == KID_ELEM) tidy(u, NODE(u, c->elem)->kids, c->elem, depth + 1);
  }
}

/* The kids of a node as a /K array. */
static qpdf_oh kids_array(ua *u, const tree_node *n) {
  qpdf_data q = u->q;
  qpdf_oh a = qpdf_oh_new_array(q);
  for (guint i = 0; i < n->kids->len; i++) {
    const tree_kid *c = &g_array_index(n->kids, tree_kid, i);
    if (c->kind == KID_ELEM) {
      qpdf_oh_append_item(q, a, NODE(u, c->elem)->oh);
    } else if (c->kind == KID_OBJR) {
      qpdf_oh_append_item(q, a, c->obj);
    } else if (c->page == n->page || c->page < 0) {
      qpdf_oh_append_item(q, a, qpdf_oh_new_integer(q, c->mcid));
    } else {
      /* From another page than the element's: a marked-content reference. */
      qpdf_oh mcr = qpdf_oh_new_dictionary(q);
      set_name(u, mcr, "/Type", "/MCR");
      qpdf_oh_replace_key(q, mcr, "/Pg", u->page_oh[c->page]);
      qpdf_oh_replace_key(q, mcr, "/MCID", qpdf_oh_new_integer(q, c->mcid));
      qpdf_oh_append_item(q, a, mcr);
    }
  }
  return a;
}

static int cmp_int(gconstpointer a, gconstpointer b) {
  int x = *(const int *)a, y = *(const int *)b;
  return (x > y) - (x < y);
}

/* Writes the changes back: /K and /P of the elements that changed, the
 * ActualText of the marked spans, the one Document at the root (an element
 * cairo left beside it goes inside, in its place in reading order), and the
 * parent tree: for each page the element of every marked-content id on it,
 * for each annotation its element; ids no element has any more (artifacts)
 * are null. */
static void write_tree(ua *u, qpdf_oh tree) {
  qpdf_data q = u->q;
  int doc = -1;
  for (guint i = 0; i < u->top->len && doc < 0; i++) {
    int t = g_array_index(u->top, tree_kid, i).elem;
    if (strcmp(NODE(u, t)->type, "/Document") == 0) doc = t;
  }
  if (doc >= 0 && u->top->len > 1) {
    GArray *all = g_array_new(FALSE, FALSE, sizeof(tree_kid));
    for (guint i = 0; i < u->top->len; i++) {
      int t = g_array_index(u->top, tree_kid, i).elem;
      if (t == doc) {
        g_array_append_vals(all, NODE(u, doc)->kids->data, NODE(u, doc)->kids->len);
        continue;
      }
      tree_kid c = {KID_ELEM, t, 0, -1, -1, 0};
      NODE(u, t)->parent = doc;
      NODE(u, t)->moved = true;
      g_array_append_val(all, c);
    }
    g_array_unref(NODE(u, doc)->kids);
    NODE(u, doc)->kids = all;
    NODE(u, doc)->dirty = true;
    qpdf_oh single = qpdf_oh_new_array(q);
    qpdf_oh_append_item(q, single, NODE(u, doc)->oh);
    qpdf_oh_replace_key(q, tree, "/K", single);
  }
  GArray **per_page = g_new0(GArray *, u->n_pages + 1);
  GHashTable *objs = g_hash_table_new(g_direct_hash, g_direct_equal);
  const GPtrArray *actual = u->info->actual;
  for (guint i = 0; i < u->nodes->len; i++) {
    tree_node *n = NODE(u, i);
    if (n->dead) continue;
    if (n->dirty) qpdf_oh_replace_key(q, n->oh, "/K", kids_array(u, n));
    if (n->moved)
      qpdf_oh_replace_key(q, n->oh, "/P", n->parent >= 0 ? NODE(u, n->parent)->oh : tree);
    /* Matterhorn 19-003: a Note has an ID; 15-003: a TH its Scope (a
     * header row: the cells are column headers). */
    if (n->role->kind == PDFUA_NOTE) {
      char *id = g_strdup_printf("noot-%d", n->role->arg);
      qpdf_oh_replace_key(q, n->oh, "/ID", qpdf_oh_new_string(q, id));
      g_free(id);
    }
    if (n->role->kind == PDFUA_FIGURE && actual && (guint)n->role->arg < actual->len)
      qpdf_oh_replace_key(q, n->oh, "/Alt",
                          qpdf_oh_new_unicode_string(q, g_ptr_array_index(actual, n->role->arg)));
    if (strcmp(n->type, "/TH") == 0)
      qpdf_oh_replace_key(q, n->oh, "/A", qpdf_oh_parse(q, "<< /O /Table /Scope /Column >>"));
    if (n->role->kind == PDFUA_SPAN && actual && n->role->arg >= 0 &&
        (guint)n->role->arg < actual->len)
      qpdf_oh_replace_key(q, n->oh, "/ActualText",
                          qpdf_oh_new_unicode_string(q, g_ptr_array_index(actual, n->role->arg)));
    for (guint k = 0; k < n->kids->len; k++) {
      const tree_kid *c = &g_array_index(n->kids, tree_kid, k);
      if (c->kind == KID_OBJR && c->sp >= 0) {
        g_hash_table_insert(objs, GINT_TO_POINTER(c->sp), GINT_TO_POINTER((int)i + 1));
      } else if (c->kind == KID_MCID && c->page >= 0 && c->mcid >= 0 && c->mcid < 1000000) {
        GArray *a = per_page[c->page];
        if (!a) a = per_page[c->page] = g_array_new(FALSE, TRUE, sizeof(int));
        if ((guint)c->mcid >= a->len) g_array_set_size(a, (guint)c->mcid + 1);
        g_array_index(a, int, c->mcid) = (int)i + 1;
      }
    }
  }
  /* The keys in order: pages' and annotations'. */
  GArray *keys = g_array_new(FALSE, FALSE, sizeof(int));
  GHashTable *page_by_key = g_hash_table_new(g_direct_hash, g_direct_equal);
  for (int p = 0; p < u->n_pages; p++)
    if (u->page_key[p] >= 0) {
      g_array_append_val(keys, u->page_key[p]);
      g_hash_table_insert(page_by_key, GINT_TO_POINTER(u->page_key[p]), GINT_TO_POINTER(p + 1));
    }
  GHashTableIter it;
  gpointer key;
  g_hash_table_iter_init(&it, objs);
  while (g_hash_table_iter_next(&it, &key, NULL)) {
    int kv = GPOINTER_TO_INT(key);
    if (!g_hash_table_contains(page_by_key, key)) g_array_append_val(keys, kv);
  }
  g_array_sort(keys, cmp_int);
  qpdf_oh nums = qpdf_oh_new_array(q), null = qpdf_oh_new_null(q);
  int next = 0;
  for (guint i = 0; i < keys->len; i++) {
    int kv = g_array_index(keys, int, i);
    qpdf_oh_append_item(q, nums, qpdf_oh_new_integer(q, kv));
    int p = GPOINTER_TO_INT(g_hash_table_lookup(page_by_key, GINT_TO_POINTER(kv))) - 1;
    if (p >= 0) {
      qpdf_oh arr = qpdf_oh_new_array(q);
      GArray *a = per_page[p];
      for (guint m = 0; a && m < a->len; m++) {
        int e = g_array_index(a, int, m);
        qpdf_oh_append_item(q, arr, e ? NODE(u, e - 1)->oh : null);
      }
      qpdf_oh_append_item(q, nums, qpdf_make_indirect_object(q, arr));
    } else {
      int e = GPOINTER_TO_INT(g_hash_table_lookup(objs, GINT_TO_POINTER(kv))) - 1;
      qpdf_oh_append_item(q, nums, NODE(u, e)->oh);
    }
    next = kv + 1;
  }
  qpdf_oh ptree = qpdf_oh_new_dictionary(q);
  qpdf_oh_replace_key(q, ptree, "/Nums", nums);
  qpdf_oh_replace_key(q, tree, "/ParentTree", qpdf_make_indirect_object(q, ptree));
  qpdf_oh_replace_key(q, tree, "/ParentTreeNextKey", qpdf_oh_new_integer(q, next));
  for (int p = 0; p < u->n_pages; p++)
    if (per_page[p]) g_array_unref(per_page[p]);
  g_free(per_page);
  g_array_unref(keys);
  g_hash_table_destroy(page_by_key);
  g_hash_table_destroy(objs);
}

static void tree_free(ua *u) {
  for (guint i = 0; i < u->nodes->len; i++) {
    g_free(NODE(u, i)->type);
    g_array_unref(NODE(u, i)->kids);
  }
  g_array_unref(u->nodes);
  g_array_unref(u->top);
  g_hash_table_destroy(u->page_of);
  g_free(u->page_oh);
  g_free(u->page_key);
}

/* A page's content with the artifacts' marked content retagged:
 * "/Private << /MCID 7 >> BDC" becomes "/Artifact BMC" (its EMC stays).
 * cairo writes each BDC on a line of its own. */
static GString *retag_artifacts(const char *data, size_t len) {
  static const char tag[] = "/" PDFUA_ARTIFACT_TYPE " << /MCID ";
  GString *o = g_string_sized_new(len);
  size_t i = 0;
  while (i < len) {
    const char *line = data + i;
    const char *nl = memchr(line, '\n', len - i);
    size_t ll = nl ? (size_t)(nl - line) + 1 : len - i;
    if (ll > sizeof tag && memcmp(line, tag, sizeof tag - 1) == 0 &&
        g_strstr_len(line, (gssize)ll, ">> BDC"))
      g_string_append(o, "/Artifact BMC\n");
    else
      g_string_append_len(o, line, (gssize)ll);
    i += ll;
  }
  return o;
}

/* A content stream's new data, compressed here: quickly (zlib's fastest
 * level), where qpdf would take its default level, which cost as much as
 * all the rest of the post-pass. */
static void replace_content(ua *u, qpdf_oh st, const GString *data) {
  qpdf_data q = u->q;
  uLongf len = compressBound((uLong)data->len);
  unsigned char *z = g_malloc(len);
  if (compress2(z, &len, (const Bytef *)data->str, (uLong)data->len, Z_BEST_SPEED) == Z_OK) {
    qpdf_oh_replace_stream_data(q, st, z, len, qpdf_oh_new_name(q, "/FlateDecode"),
                                qpdf_oh_new_null(q));
  } else {
    qpdf_oh_replace_stream_data(q, st, (const unsigned char *)data->str, data->len,
                                qpdf_oh_new_null(q), qpdf_oh_new_null(q));
  }
  g_free(z);
}

/* What a link leads to, for its /Contents: the label of its destination,
 * or its URI. Caller frees. */
static char *link_contents(ua *u, qpdf_oh annot) {
  qpdf_data q = u->q;
  if (qpdf_oh_has_key(q, annot, "/A")) {
    qpdf_oh a = qpdf_oh_get_key(q, annot, "/A");
    if (qpdf_oh_has_key(q, a, "/URI")) {
      char *uri = g_strdup(qpdf_oh_get_utf8_value(q, qpdf_oh_get_key(q, a, "/URI")));
      char *s = g_strdup_printf("Link naar %s", uri);
      g_free(uri);
      return s;
    }
  }
  qpdf_oh d = qpdf_oh_get_key(q, annot, "/Dest");
  if (qpdf_oh_is_string(q, d) || qpdf_oh_is_name(q, d)) {
    char *name = qpdf_oh_is_name(q, d) ? g_strdup(qpdf_oh_get_name(q, d) + 1)
                                       : g_strdup(qpdf_oh_get_utf8_value(q, d));
    const char *label =
        u->info->dest_labels ? g_hash_table_lookup(u->info->dest_labels, name) : NULL;
    char *s = g_strdup_printf("Naar %s", label ? label : name);
    g_free(name);
    return s;
  }
  return g_strdup("Link");
}

static void pages(ua *u) {
  qpdf_data q = u->q;
  int n = qpdf_get_num_pages(q);
  for (int i = 0; i < n; i++) {
    qpdf_oh page = qpdf_get_page_n(q, (size_t)i);
    set_name(u, page, "/Tabs", "/S");
    qpdf_oh contents = qpdf_oh_get_key(q, page, "/Contents");
    qpdf_oh streams = qpdf_oh_is_array(q, contents) ? contents : qpdf_oh_wrap_in_array(q, contents);
    int m = qpdf_oh_get_array_n_items(q, streams);
    for (int k = 0; k < m; k++) {
      qpdf_oh st = qpdf_oh_get_array_item(q, streams, k);
      unsigned char *buf = NULL;
      size_t len = 0;
      QPDF_BOOL filtered = QPDF_FALSE;
      if (!qpdf_oh_is_stream(q, st) ||
          qpdf_oh_get_stream_data(q, st, qpdf_dl_generalized, &filtered, &buf, &len) !=
              QPDF_SUCCESS)
        continue;
      if (filtered) {
        GString *o = retag_artifacts((const char *)buf, len);
        replace_content(u, st, o);
        g_string_free(o, TRUE);
      }
      free(buf);
    }
    qpdf_oh annots = qpdf_oh_get_key(q, page, "/Annots");
    m = qpdf_oh_is_array(q, annots) ? qpdf_oh_get_array_n_items(q, annots) : 0;
    for (int k = 0; k < m; k++) {
      qpdf_oh a = qpdf_oh_get_array_item(q, annots, k);
      if (!qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, a, "/Subtype"), "/Link") ||
          qpdf_oh_has_key(q, a, "/Contents"))
        continue;
      char *c = link_contents(u, a);
      qpdf_oh_replace_key(q, a, "/Contents", qpdf_oh_new_unicode_string(q, c));
      g_free(c);
    }
    qpdf_oh_release_all(q);
  }
}

static void xml_elem(GString *x, const char *tag, const char *value, const char *wrap) {
  if (!value || !*value) return;
  char *v = g_markup_escape_text(value, -1);
  if (wrap)
    g_string_append_printf(x, "   <%s><rdf:%s><rdf:li%s>%s</rdf:li></rdf:%s></%s>\n", tag, wrap,
                           strcmp(wrap, "Alt") == 0 ? " xml:lang=\"x-default\"" : "", v, wrap, tag);
  else
    g_string_append_printf(x, "   <%s>%s</%s>\n", tag, v, tag);
  g_free(v);
}

/* The XMP metadata: what the Info dictionary says, the language, and the
 * PDF/UA identification. */
static char *xmp(const pdfua_info *in, const char *producer) {
  GString *x = g_string_new("<?xpacket begin=\"\xef\xbb\xbf\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                            "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                            " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                            "  <rdf:Description rdf:about=\"\"\n"
                            "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
                            "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
                            "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
                            "    xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n"
                            "   <dc:format>application/pdf</dc:format>\n");
  xml_elem(x, "dc:title", in->title, "Alt");
  xml_elem(x, "dc:creator", in->author, "Seq");
  xml_elem(x, "dc:description", in->subject, "Alt");
  xml_elem(x, "dc:language", in->lang, "Bag");
  xml_elem(x, "pdf:Keywords", in->keywords, NULL);
  xml_elem(x, "pdf:Producer", producer, NULL);
  xml_elem(x, "xmp:CreatorTool", "statuut", NULL);
  xml_elem(x, "xmp:CreateDate", in->date, NULL);
  xml_elem(x, "xmp:ModifyDate", in->date, NULL);
  xml_elem(x, "xmp:MetadataDate", in->date, NULL);
  g_string_append(x, "   <pdfuaid:part>1</pdfuaid:part>\n"
                     "  </rdf:Description>\n </rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>\n");
  return g_string_free(x, FALSE);
}

/* "2022-11-01T00:00:00Z" as a PDF date, "D:20221101000000Z". */
static char *pdf_date(const char *iso) {
  GString *s = g_string_new("D:");
  for (const char *c = iso; *c && *c != 'Z'; c++)
    if (g_ascii_isdigit(*c)) g_string_append_c(s, *c);
  g_string_append_c(s, 'Z');
  return g_string_free(s, FALSE);
}

static void catalog(ua *u) {
  qpdf_data q = u->q;
  const pdfua_info *in = u->info;
  qpdf_oh root = qpdf_get_root(q);
  qpdf_oh_replace_key(q, root, "/Lang", qpdf_oh_new_unicode_string(q, in->lang));
  qpdf_oh_replace_key(q, root, "/ViewerPreferences",
                      qpdf_oh_parse(q, "<< /DisplayDocTitle true >>"));
  qpdf_oh_replace_key(q, root, "/MarkInfo", qpdf_oh_parse(q, "<< /Marked true >>"));
  char *producer = g_strdup(qpdf_get_info_key(q, "/Producer"));
  if (in->date) {
    char *d = pdf_date(in->date);
    qpdf_set_info_key(q, "/CreationDate", d);
    qpdf_set_info_key(q, "/ModDate", d);
    g_free(d);
  }
  char *x = xmp(in, producer);
  qpdf_oh meta = qpdf_oh_new_stream(q);
  qpdf_oh_replace_stream_data(q, meta, (const unsigned char *)x, strlen(x), qpdf_oh_new_null(q),
                              qpdf_oh_new_null(q));
  qpdf_oh dict = qpdf_oh_get_dict(q, meta);
  set_name(u, dict, "/Type", "/Metadata");
  set_name(u, dict, "/Subtype", "/XML");
  qpdf_oh_replace_key(q, root, "/Metadata", meta);
  g_free(x);
  g_free(producer);
}

char *pdfua_finish(const char *pdf, size_t len, const pdfua_info *info, size_t *out_len,
                   char **err) {
  ua u = {qpdf_init(),
          info,
          g_array_new(FALSE, FALSE, sizeof(tree_node)),
          g_array_new(FALSE, FALSE, sizeof(tree_kid)),
          g_hash_table_new(g_direct_hash, g_direct_equal),
          NULL,
          NULL,
          0};
  qpdf_data q = u.q;
  char *out = NULL, *why = NULL;
  qpdf_silence_errors(q);
  qpdf_set_suppress_warnings(q, QPDF_TRUE);
  if (qpdf_read_memory(q, "statuut.pdf", pdf, (unsigned long long)len, NULL) & QPDF_ERRORS)
    goto done;
  read_pages(&u);
  catalog(&u);
  qpdf_oh root = qpdf_get_root(q);
  if (qpdf_oh_has_key(q, root, "/StructTreeRoot")) {
    qpdf_oh tree = qpdf_oh_get_key(q, root, "/StructTreeRoot");
    if (!read_tree(&u, tree, &why)) goto done;
    join_notes(&u);
    tidy(&u, u.top, -1, 0);
    write_tree(&u, tree);
  }
  pages(&u);
  if (qpdf_has_error(q)) goto done;
  if (qpdf_init_write_memory(q) & QPDF_ERRORS) goto done;
  qpdf_set_deterministic_ID(q, QPDF_TRUE);
  qpdf_set_object_stream_mode(q, qpdf_o_preserve);
  qpdf_set_compress_streams(q, QPDF_TRUE);
  qpdf_set_minimum_pdf_version(q, "1.7");
  if (qpdf_write(q) & QPDF_ERRORS) goto done;
  *out_len = qpdf_get_buffer_length(q);
  out = g_memdup2(qpdf_get_buffer(q), *out_len);
done:
  if (!out && why) {
    *err = g_strdup_printf("PDF/UA post-pass: %s", why);
  } else if (!out) {
    qpdf_error e = qpdf_get_error(q);
    *err =
        g_strdup_printf("qpdf: %s", e ? qpdf_get_error_full_text(q, e) : "cannot rewrite the PDF");
  }
  g_free(why);
  tree_free(&u);
  qpdf_cleanup(&q);
  return out;
}

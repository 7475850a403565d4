/* meta: see include/statuut/meta.h */
#include "statuut/meta.h"
#include "statuut/version.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

static const char *const status_names[STATUS_MAX] = {"concept", "vastgesteld", "vervallen"};

char **meta_field_words(const meta_field *f) {
  if (f->value) {
    char **parts = g_strsplit_set(f->value, ", \t", -1);
    /* Drop the empty strings between separators. */
    GPtrArray *out = g_ptr_array_new();
    for (char **p = parts; *p; p++)
      if (**p) g_ptr_array_add(out, g_strdup(*p));
    g_strfreev(parts);
    g_ptr_array_add(out, NULL);
    return (char **)g_ptr_array_free(out, FALSE);
  }
  char **words = g_new0(char *, (f->items ? f->items->len : 0) + 1);
  for (guint i = 0; f->items && i < f->items->len; i++)
    words[i] = g_strdup(g_ptr_array_index(f->items, i));
  return words;
}

const char *status_name(doc_status s) {
  return s < STATUS_MAX ? status_names[s] : "?";
}

static void field_free(gpointer p) {
  meta_field *f = p;
  g_free(f->key);
  g_free(f->value);
  if (f->items) g_ptr_array_free(f->items, TRUE);
  g_free(f);
}

void meta_clear(meta *m) {
  if (m->fields) g_ptr_array_free(m->fields, TRUE);
  if (m->index) g_hash_table_destroy(m->index);
  memset(m, 0, sizeof *m);
}

const meta_field *meta_field_get(const meta *m, const char *key) {
  if (!m->fields) return NULL;
  if (m->index) return g_hash_table_lookup(m->index, key);
  for (guint i = 0; i < m->fields->len; i++) {
    const meta_field *f = g_ptr_array_index(m->fields, i);
    if (strcmp(f->key, key) == 0) return f;
  }
  return NULL;
}

const char *meta_get(const meta *m, const char *key) {
  const meta_field *f = meta_field_get(m, key);
  return f ? f->value : NULL;
}

bool date_valid(const char *s) {
  if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-') return false;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit(s[i])) return false;
  int y = atoi(s), mo = atoi(s + 5), d = atoi(s + 8);
  return y >= 1 && mo >= 1 && mo <= 12 && d >= 1 && g_date_valid_dmy(d, mo, y);
}

/* Finds the closing "---" (or "...") line of front matter that starts at src.
 * Returns the offset of that line, or -1. *line_out is its 1-based line. */
static long find_closing(const char *src, size_t len, int *line_out) {
  size_t pos = 0;
  int line = 1;
  /* skip the opening line */
  while (pos < len && src[pos] != '\n')
    pos++;
  while (pos < len) {
    pos++; /* past '\n' */
    line++;
    size_t end = pos;
    while (end < len && src[end] != '\n')
      end++;
    size_t n = end - pos;
    if (n && src[end - 1] == '\r') n--;
    if (n == 3 && (memcmp(src + pos, "---", 3) == 0 || memcmp(src + pos, "...", 3) == 0)) {
      *line_out = line;
      return (long)pos;
    }
    pos = end;
  }
  return -1;
}

typedef struct {
  meta *m;
  const char *file;
  diag_list *diags;
  int line0;        /* file line of YAML line 0 */
  diag_check check; /* what problems are reported as */
  bool document;    /* front matter of a version (else a settings file) */
} reader;

static void yaml_err(reader *r, const yaml_mark_t *mk, const char *fmt, const char *arg) {
  diag_add(r->diags, DIAG_ERROR, r->file, (int)mk->line + r->line0, (int)mk->column + 1, r->check,
           fmt, arg);
}

/* Reads a scalar value or a sequence of scalars after a key. Returns false
 * (with a message) for anything else or a YAML error. */
static bool read_value(reader *r, yaml_parser_t *p, meta_field *f) {
  yaml_event_t ev;
  if (!yaml_parser_parse(p, &ev)) return false;
  bool ok = true;
  f->vline = (int)ev.start_mark.line + r->line0;
  f->vcol = (int)ev.start_mark.column + 1;
  if (ev.type == YAML_SCALAR_EVENT) {
    f->value = g_strndup((const char *)ev.data.scalar.value, ev.data.scalar.length);
  } else if (ev.type == YAML_SEQUENCE_START_EVENT) {
    f->items = g_ptr_array_new_with_free_func(g_free);
    for (;;) {
      yaml_event_t item;
      if (!yaml_parser_parse(p, &item)) {
        ok = false;
        break;
      }
      yaml_event_type_t t = item.type;
      if (t == YAML_SCALAR_EVENT)
        g_ptr_array_add(f->items,
                        g_strndup((const char *)item.data.scalar.value, item.data.scalar.length));
      else if (t != YAML_SEQUENCE_END_EVENT) {
        yaml_err(r, &item.start_mark, "'%s' must be a list of texts", f->key);
        ok = false;
      }
      yaml_event_delete(&item);
      if (t != YAML_SCALAR_EVENT) break;
    }
  } else {
    yaml_err(r, &ev.start_mark, "'%s' must be a text or a list of texts", f->key);
    ok = false;
  }
  yaml_event_delete(&ev);
  return ok;
}

/* Reads the mapping of the YAML stream into m->fields. */
static bool read_mapping(reader *r, yaml_parser_t *p) {
  yaml_event_t ev;
  bool ok = true, in_map = false, done = false;
  while (ok && !done) {
    if (!yaml_parser_parse(p, &ev)) return false;
    switch (ev.type) {
    case YAML_STREAM_START_EVENT:
    case YAML_DOCUMENT_START_EVENT:
      break;
    case YAML_MAPPING_START_EVENT:
      if (in_map) {
        yaml_err(r, &ev.start_mark, "%s", "a key must be a plain text");
        ok = false;
      }
      in_map = true;
      break;
    case YAML_SCALAR_EVENT:
      if (!in_map) {
        yaml_err(r, &ev.start_mark, "%s",
                 r->document ? "front matter must be a list of 'key: value' lines"
                             : "the file must be a list of 'key: value' lines");
        ok = false;
        break;
      }
      {
        meta_field *f = g_new0(meta_field, 1);
        f->key = g_strndup((const char *)ev.data.scalar.value, ev.data.scalar.length);
        f->line = (int)ev.start_mark.line + r->line0;
        f->col = (int)ev.start_mark.column + 1;
        /* Through the index: a search per key made many keys quadratic. */
        if (meta_field_get(r->m, f->key)) {
          yaml_err(r, &ev.start_mark, "duplicate key '%s'", f->key);
          ok = false;
        } else {
          g_hash_table_insert(r->m->index, f->key, f);
        }
        g_ptr_array_add(r->m->fields, f);
        if (!read_value(r, p, f)) ok = false;
      }
      break;
    case YAML_MAPPING_END_EVENT:
    case YAML_DOCUMENT_END_EVENT:
    case YAML_STREAM_END_EVENT:
      done = true;
      break;
    default:
      yaml_err(r, &ev.start_mark, "%s", "front matter must be a list of 'key: value' lines");
      ok = false;
    }
    yaml_event_delete(&ev);
  }
  if (!in_map && ok && r->document) {
    diag_add(r->diags, DIAG_ERROR, r->file, r->line0 - 1, 1, CHECK_FRONT_MATTER,
             "front matter is empty");
    ok = false;
  }
  return ok;
}

/* The required scalar `key`, reported when missing or empty. */
static const char *required(reader *r, const char *key) {
  const meta_field *f = meta_field_get(r->m, key);
  if (!f) {
    diag_add(r->diags, DIAG_ERROR, r->file, 1, 1, CHECK_FRONT_MATTER, "missing required field '%s'",
             key);
    return NULL;
  }
  if (!f->value || !*f->value) {
    diag_add(r->diags, DIAG_ERROR, r->file, f->vline, f->vcol, CHECK_FRONT_MATTER,
             "'%s' must be a non-empty text", key);
    return NULL;
  }
  return f->value;
}

static const char *optional(reader *r, const char *key) {
  const meta_field *f = meta_field_get(r->m, key);
  if (f && !f->value) {
    diag_add(r->diags, DIAG_ERROR, r->file, f->vline, f->vcol, CHECK_FRONT_MATTER,
             "'%s' must be a text, not a list", key);
    return NULL;
  }
  return f ? f->value : NULL;
}

static void validate(reader *r) {
  meta *m = r->m;
  m->title = required(r, "title");
  m->version = required(r, "version");
  m->date = required(r, "date");
  const char *status = required(r, "status");
  m->subtitle = optional(r, "subtitle");
  m->summary = optional(r, "summary");

  const meta_field *f;
  if (m->version && !version_valid(m->version)) {
    f = meta_field_get(m, "version");
    diag_add(r->diags, DIAG_ERROR, r->file, f->vline, f->vcol, CHECK_FRONT_MATTER,
             "invalid version '%s': expected numbers separated by dots, such as 1.0 or 1.0.1",
             m->version);
    m->version = NULL;
  }
  if (m->date && !date_valid(m->date)) {
    f = meta_field_get(m, "date");
    diag_add(r->diags, DIAG_ERROR, r->file, f->vline, f->vcol, CHECK_FRONT_MATTER,
             "invalid date '%s': expected a date written YYYY-MM-DD, such as 2022-11-01", m->date);
    m->date = NULL;
  }
  m->status = STATUS_MAX;
  if (status) {
    for (int s = 0; s < STATUS_MAX; s++)
      if (strcmp(status, status_names[s]) == 0) m->status = (doc_status)s;
    if (m->status == STATUS_MAX) {
      f = meta_field_get(m, "status");
      diag_add(r->diags, DIAG_ERROR, r->file, f->vline, f->vcol, CHECK_FRONT_MATTER,
               "invalid status '%s': expected concept, vastgesteld or vervallen", status);
    }
  }
}

/* Reads len bytes of YAML into r->m->fields; problems are reported. */
static bool read_yaml(reader *r, const char *yaml, size_t len) {
  yaml_parser_t p;
  yaml_parser_initialize(&p);
  yaml_parser_set_input_string(&p, (const unsigned char *)yaml, len);
  bool ok = read_mapping(r, &p);
  if (!ok && p.error != YAML_NO_ERROR) {
    const yaml_mark_t *mk =
        p.problem_mark.line || p.problem_mark.column ? &p.problem_mark : &p.context_mark;
    diag_add(r->diags, DIAG_ERROR, r->file, (int)mk->line + r->line0, (int)mk->column + 1, r->check,
             "invalid YAML: %s%s%s", p.problem ? p.problem : "syntax error", p.context ? " " : "",
             p.context ? p.context : "");
  }
  yaml_parser_delete(&p);
  return ok;
}

bool meta_parse(meta *m, const char *src, size_t len, const char *file, diag_list *diags) {
  memset(m, 0, sizeof *m);
  m->fields = g_ptr_array_new_with_free_func(field_free);
  m->index = g_hash_table_new(g_str_hash, g_str_equal); /* keys owned by the fields */
  m->status = STATUS_MAX;
  if (len < 3 || memcmp(src, "---", 3) != 0 || (len > 3 && src[3] != '\n' && src[3] != '\r')) {
    diag_add(diags, DIAG_ERROR, file, 1, 1, CHECK_FRONT_MATTER,
             "missing front matter: the file must start with a line '---'");
    return false;
  }
  int close_line = 0;
  long close = find_closing(src, len, &close_line);
  if (close < 0) {
    diag_add(diags, DIAG_ERROR, file, 1, 1, CHECK_FRONT_MATTER,
             "front matter is not closed: no line '---' after the opening one");
    return false;
  }
  size_t yaml_start = (size_t)(strchr(src, '\n') - src) + 1;
  size_t body = (size_t)close;
  while (body < len && src[body] != '\n')
    body++;
  if (body < len) body++;
  m->body_offset = body;
  m->body_line = close_line + 1;

  reader r = {m, file, diags, 2, CHECK_FRONT_MATTER, true};
  bool ok = read_yaml(&r, src + yaml_start, (size_t)close - yaml_start);
  if (ok) validate(&r);
  return ok;
}

bool meta_parse_mapping(meta *m, const char *yaml, size_t len, int first_line, const char *file,
                        diag_check check, diag_list *diags) {
  memset(m, 0, sizeof *m);
  m->fields = g_ptr_array_new_with_free_func(field_free);
  m->index = g_hash_table_new(g_str_hash, g_str_equal); /* keys owned by the fields */
  m->status = STATUS_MAX;
  reader r = {m, file, diags, first_line, check, false};
  return read_yaml(&r, yaml, len);
}

char *date_dutch(const char *iso) {
  static const char *const months[] = {"januari",   "februari", "maart",    "april",
                                       "mei",       "juni",     "juli",     "augustus",
                                       "september", "oktober",  "november", "december"};
  if (!date_valid(iso)) return g_strdup(iso ? iso : "");
  int y = atoi(iso), m = atoi(iso + 5), d = atoi(iso + 8);
  return g_strdup_printf("%d %s %d", d, months[m - 1], y);
}

char *meta_lead(const meta *m) {
  const char *lead = meta_get(m, "lead");
  if (lead && *lead) return g_strstrip(g_strdup(lead));
  const char *s = m->summary;
  if (!s || !*s) return NULL;
  for (const char *p = s; *p; p++)
    if ((*p == '.' || *p == '!' || *p == '?') && (p[1] == ' ' || p[1] == '\n' || !p[1]))
      return g_strstrip(g_strndup(s, (gsize)(p - s + 1)));
  return g_strstrip(g_strdup(s));
}

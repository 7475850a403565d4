/* workers: see include/statuut/workers.h
 *
 * Each worker has two pipes: the parent writes a job number (4 bytes) to
 * one, the worker answers on the other with one record per job:
 *
 *   u32 length of what follows, u32 job, u32 ok, u32 value, str err, u32 count,
 *   count × (u32 severity, u32 check, u32 line, u32 col, str file, str message)
 *
 * in the host's byte order (both ends are the same program), a str being a
 * u32 length and its bytes, UINT32_MAX for none. A worker holds at most one
 * job, so the parent never blocks writing; it reads a record whole once poll
 * says it has begun. */
#define _POSIX_C_SOURCE 200809L
#include "statuut/workers.h"
#include "statuut/threads.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

/* No job sends more than this: a record longer is a worker gone wrong. */
#define RECORD_MAX ((uint32_t)1 << 30)
#define NO_STRING UINT32_MAX

typedef struct {
  pid_t pid;
  int to, from; /* the job pipe's write end, the answer pipe's read end; -1 closed */
  long job;     /* the job it holds, -1 none */
} worker;

typedef struct {
  bool finished, ok;
  unsigned value;
  char *err;
  diag_list *diags;
} outcome;

static bool write_all(int fd, const void *data, size_t n) {
  const char *p = data;
  while (n) {
    ssize_t w = write(fd, p, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return false;
    p += w;
    n -= (size_t)w;
  }
  return true;
}

/* False on end of file or an error. */
static bool read_all(int fd, void *data, size_t n) {
  char *p = data;
  while (n) {
    ssize_t r = read(fd, p, n);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return false;
    p += r;
    n -= (size_t)r;
  }
  return true;
}

static void put_u32(GString *s, uint32_t v) {
  g_string_append_len(s, (const char *)&v, sizeof v);
}

static void put_str(GString *s, const char *t) {
  if (!t) {
    put_u32(s, NO_STRING);
    return;
  }
  size_t n = strlen(t);
  put_u32(s, (uint32_t)n);
  g_string_append_len(s, t, (gssize)n);
}

/* One job's record, its length first. Caller frees. */
static GString *encode(unsigned job, bool ok, unsigned value, const char *err,
                       const diag_list *diags) {
  GString *s = g_string_new(NULL);
  put_u32(s, 0);
  put_u32(s, job);
  put_u32(s, ok);
  put_u32(s, value);
  put_str(s, err);
  put_u32(s, diags->items->len);
  for (guint i = 0; i < diags->items->len; i++) {
    const diag *d = g_ptr_array_index(diags->items, i);
    put_u32(s, (uint32_t)d->severity);
    put_u32(s, (uint32_t)d->check);
    put_u32(s, (uint32_t)d->line);
    put_u32(s, (uint32_t)d->col);
    put_str(s, d->file);
    put_str(s, d->message);
  }
  uint32_t len = (uint32_t)(s->len - sizeof len);
  memcpy(s->str, &len, sizeof len);
  return s;
}

typedef struct {
  const char *p, *end;
  bool bad;
} reader;

static uint32_t get_u32(reader *r) {
  uint32_t v = 0;
  if ((size_t)(r->end - r->p) < sizeof v) {
    r->bad = true;
    return 0;
  }
  memcpy(&v, r->p, sizeof v);
  r->p += sizeof v;
  return v;
}

/* Caller frees; NULL for none. */
static char *get_str(reader *r) {
  uint32_t n = get_u32(r);
  if (r->bad || n == NO_STRING) return NULL;
  if ((size_t)(r->end - r->p) < n) {
    r->bad = true;
    return NULL;
  }
  char *t = g_strndup(r->p, n);
  r->p += n;
  return t;
}

/* Reads one record from a worker into its outcome. False when the worker
 * stopped or sent something that is not a record of its job. */
static bool receive(worker *w, unsigned n, outcome *out) {
  uint32_t len;
  if (!read_all(w->from, &len, sizeof len) || len > RECORD_MAX) return false;
  char *body = g_malloc(len ? len : 1);
  bool ok = read_all(w->from, body, len);
  reader r = {body, body + len, false};
  uint32_t job = ok ? get_u32(&r) : 0;
  if (!ok || r.bad || job >= n || (long)job != w->job) {
    g_free(body);
    return false;
  }
  outcome *o = &out[job];
  o->ok = get_u32(&r) != 0;
  o->value = get_u32(&r);
  o->err = get_str(&r);
  o->diags = diag_list_new();
  uint32_t count = get_u32(&r);
  for (uint32_t i = 0; !r.bad && i < count; i++) {
    uint32_t sev = get_u32(&r), check = get_u32(&r);
    int line = (int)get_u32(&r), col = (int)get_u32(&r);
    char *file = get_str(&r), *message = get_str(&r);
    if (!r.bad && sev < DIAG_SEVERITY_MAX && check < CHECK_MAX)
      diag_add(o->diags, (diag_severity)sev, file ? file : "", line, col, (diag_check)check, "%s",
               message ? message : "");
    else
      r.bad = true;
    g_free(file);
    g_free(message);
  }
  g_free(body);
  o->finished = !r.bad;
  return !r.bad;
}

/* A worker's life: jobs in, records out, until the job pipe closes. */
G_GNUC_NORETURN static void worker_main(int in, int out, workers_job_fn run, void *ctx) {
  uint32_t job;
  while (read_all(in, &job, sizeof job)) {
    diag_list *diags = diag_list_new();
    char *err = NULL;
    unsigned value = 0;
    bool ok = run(job, ctx, diags, &value, &err);
    GString *s = encode(job, ok, value, err, diags);
    bool sent = write_all(out, s->str, s->len);
    g_string_free(s, TRUE);
    g_free(err);
    diag_list_free(diags);
    if (!sent) _exit(1);
  }
  _exit(0);
}

static void close_fd(int *fd) {
  if (*fd >= 0) close(*fd);
  *fd = -1;
}

/* Waits for a worker to end; NULL when it ended well, or what became of it
 * (caller frees). */
static char *reap(worker *w) {
  if (w->pid <= 0) return NULL;
  int status = 0;
  pid_t r;
  while ((r = waitpid(w->pid, &status, 0)) < 0 && errno == EINTR) {
  }
  w->pid = -1;
  if (r < 0) return g_strdup_printf("waiting for a build worker: %s", g_strerror(errno));
  if (WIFSIGNALED(status))
    return g_strdup_printf("a build worker was killed by signal %d (%s)", WTERMSIG(status),
                           strsignal(WTERMSIG(status)));
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    return g_strdup_printf("a build worker exited with status %d", WEXITSTATUS(status));
  return NULL;
}

/* Hands a worker the next job, or closes its job pipe (it then ends). */
static void dispatch(worker *w, unsigned n, unsigned *next, bool stop) {
  w->job = -1;
  if (!stop && *next < n && w->to >= 0) {
    uint32_t job = *next;
    if (write_all(w->to, &job, sizeof job)) {
      w->job = (long)job;
      (*next)++;
      return;
    }
  }
  close_fd(&w->to);
}

static bool run_here(unsigned n, workers_job_fn run, workers_done_fn done, void *ctx,
                     diag_list *diags, char **err) {
  for (unsigned i = 0; i < n; i++) {
    diag_list *d = diag_list_new();
    unsigned value = 0;
    bool ok = run(i, ctx, d, &value, err);
    diag_list_take(diags, d);
    diag_list_free(d);
    if (!ok) {
      if (!*err) *err = g_strdup("a build job failed");
      return false;
    }
    if (done) done(i, value, ctx);
  }
  return true;
}

bool workers_run(unsigned n, unsigned workers, workers_job_fn run, workers_done_fn done, void *ctx,
                 diag_list *diags, char **err) {
  if (workers > n) workers = n;
#ifdef __SANITIZE_ADDRESS__
  /* glibc's malloc takes its locks around fork; GCC 12's AddressSanitizer
   * does not take its allocator's. A thread inside malloc when the process
   * forks (one of serve's connection threads) leaves that lock held in the
   * worker, which hangs at its next allocation. So under the sanitizer a
   * process with other threads does its jobs itself. */
  if (threads_count() > 1) workers = 1;
#endif
  if (workers <= 1) return run_here(n, run, done, ctx, diags, err);

  outcome *out = g_new0(outcome, n);
  worker *w = g_new0(worker, workers);
  char *trouble = NULL; /* why a worker could not do its part */
  /* A worker that died closes its pipe: writing to it must fail with
   * EPIPE here, not kill the build. */
  struct sigaction ignore = {.sa_handler = SIG_IGN}, old_pipe;
  sigemptyset(&ignore.sa_mask);
  sigaction(SIGPIPE, &ignore, &old_pipe);
  fflush(NULL);
  unsigned started = 0;
  for (; started < workers; started++) {
    int jobs[2], answers[2];
    if (pipe(jobs) != 0) {
      trouble = g_strdup_printf("cannot start a build worker: %s", g_strerror(errno));
      break;
    }
    if (pipe(answers) != 0) {
      trouble = g_strdup_printf("cannot start a build worker: %s", g_strerror(errno));
      close(jobs[0]);
      close(jobs[1]);
      break;
    }
    pid_t pid = fork();
    if (pid == 0) {
      close(jobs[1]);
      close(answers[0]);
      for (unsigned i = 0; i < started; i++) {
        close_fd(&w[i].to);
        close_fd(&w[i].from);
      }
      worker_main(jobs[0], answers[1], run, ctx);
    }
    close(jobs[0]);
    close(answers[1]);
    if (pid < 0) {
      trouble = g_strdup_printf("cannot start a build worker: %s", g_strerror(errno));
      close(jobs[1]);
      close(answers[0]);
      break;
    }
    w[started] = (worker){pid, jobs[1], answers[0], -1};
  }

  unsigned next = 0;
  bool failed = trouble != NULL;
  for (unsigned i = 0; i < started; i++)
    dispatch(&w[i], n, &next, failed);
  struct pollfd *fds = g_new0(struct pollfd, started ? started : 1);
  unsigned *who = g_new0(unsigned, started ? started : 1);
  for (;;) {
    nfds_t busy = 0;
    for (unsigned i = 0; i < started; i++)
      if (w[i].job >= 0) {
        fds[busy] = (struct pollfd){.fd = w[i].from, .events = POLLIN};
        who[busy++] = i;
      }
    if (!busy) break;
    if (poll(fds, busy, -1) < 0) {
      if (errno == EINTR) continue;
      if (!trouble)
        trouble = g_strdup_printf("waiting for the build workers: %s", g_strerror(errno));
      failed = true;
      for (unsigned i = 0; i < started; i++) {
        w[i].job = -1;
        close_fd(&w[i].to);
      }
      break;
    }
    for (nfds_t k = 0; k < busy; k++) {
      if (!fds[k].revents) continue;
      worker *x = &w[who[k]];
      long job = x->job;
      if (!receive(x, n, out)) {
        x->job = -1;
        close_fd(&x->to);
        close_fd(&x->from);
        char *why = reap(x);
        if (!trouble)
          trouble = why ? why : g_strdup("a build worker stopped before it finished its job");
        else
          g_free(why);
        failed = true;
        continue;
      }
      if (!out[job].ok)
        failed = true;
      else if (done)
        done((unsigned)job, out[job].value, ctx);
      dispatch(x, n, &next, failed);
    }
  }
  g_free(who);
  g_free(fds);
  for (unsigned i = 0; i < started; i++) {
    close_fd(&w[i].to);
    close_fd(&w[i].from);
    char *why = reap(&w[i]);
    if (why) failed = true;
    if (why && !trouble)
      trouble = why;
    else
      g_free(why);
  }
  sigaction(SIGPIPE, &old_pipe, NULL);
  if (!failed && next < n) {
    /* every worker gone without a word */
    trouble = g_strdup("the build workers stopped before every job was done");
    failed = true;
  }

  /* In job order, whichever finished first. */
  for (unsigned i = 0; i < n; i++) {
    if (out[i].diags) {
      diag_list_take(diags, out[i].diags);
      diag_list_free(out[i].diags);
    }
    if (out[i].finished && !out[i].ok && !*err) {
      *err = out[i].err ? out[i].err : g_strdup("a build job failed");
      out[i].err = NULL;
    }
    g_free(out[i].err);
  }
  if (failed && !*err)
    *err = trouble ? trouble : g_strdup("a build worker failed");
  else
    g_free(trouble);
  g_free(out);
  g_free(w);
  return !failed;
}

/* workers: independent jobs run by worker processes.
 *
 * The caller forks the workers once it has loaded everything the jobs read;
 * each worker runs the jobs it is handed, one at a time, and sends each
 * job's outcome back through a pipe: whether it succeeded, its diagnostics
 * and its error message. Jobs are handed out in order as workers become
 * free, and outcomes are merged in job order, so what the caller sees does
 * not depend on the number of workers or on which job finished first.
 *
 * A job's only lasting effects must be outside the process (the files it
 * writes): what it changes in memory stays in the worker. */
#ifndef STATUUT_WORKERS_H
#define STATUUT_WORKERS_H

#include "statuut/diag.h"
#include <stdbool.h>

/* Runs job `job`; problems go to diags. Returns false on failure, with *err
 * set (the worker's own copy; it is passed back). *value (0 when the job
 * leaves it) is a number the job reports back to its done callback, such as
 * how many of its outputs came from a cache. */
typedef bool (*workers_job_fn)(unsigned job, void *ctx, diag_list *diags, unsigned *value,
                               char **err);

/* Called in the caller's process after each job that succeeded, in the order
 * they finish (for a progress display), with the job's value. */
typedef void (*workers_done_fn)(unsigned job, unsigned value, void *ctx);

/* Runs jobs 0 .. n-1 in `workers` processes; with 1 (or a single job) they
 * run in this process, in order, without forking. No job is started after
 * one failed. The diagnostics of every job that ran are appended to diags in
 * job order. Returns true when every job succeeded; otherwise *err is the
 * error of the first failed job, or says why a worker stopped; caller
 * frees. Stdio buffers are flushed before the fork and workers end with
 * _exit, so nothing buffered is written twice. */
bool workers_run(unsigned n, unsigned workers, workers_job_fn run, workers_done_fn done, void *ctx,
                 diag_list *diags, char **err);

#endif

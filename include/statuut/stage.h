/* stage: the folder a build writes the site into, swapped in when whole.
 *
 * A build writes every output into a staging folder beside the output
 * folder, ".<base>.tmp-<pid>-XXXXXX", and renames it into place only when
 * all is written: a failed build leaves the site as it was. A later build
 * removes the staging folders of builds that are gone (killed), never one
 * of a build that still runs.
 *
 * With reuse (a build with a cache), the site a swap replaces is not
 * deleted but kept beside it as ".<base>.prev", and the next build takes
 * that tree as its staging folder: its folders are there already, and its
 * files (hard links to cache entries) are mostly what the build places
 * again. Making the tree anew, a folder per page and a link per file, and
 * deleting the one it replaced, cost an edit's rebuild more than the pages
 * and PDFs the edit changed. A taken tree is swept before the swap: every
 * file no output of this build placed (the page of a removed version, an
 * index file Pagefind no longer writes) is removed. So the site swapped in
 * holds the same files as one built in a new folder.
 *
 * Outputs are placed by the callers, who replace a file rather than write
 * through it (fs_write, cache_get_file), and tell the stage with
 * stage_placed, from any process of the build: the process that opened the
 * stage keeps the account itself, a forked worker appends to a list of its
 * own in the folder, which the sweep reads. Nothing here prints. */
#ifndef STATUUT_STAGE_H
#define STATUUT_STAGE_H

#include <stdbool.h>

typedef struct stage stage;

/* A staging folder for the output folder out (resolved, its parent made);
 * with reuse the tree of ".<base>.prev" when there is one. Leftovers of
 * killed builds beside out are removed first. NULL with *err set (caller
 * frees). */
stage *stage_open(const char *out, bool reuse, char **err);

/* The folder to write into. */
const char *stage_dir(const stage *s);

/* Whether the folder is a tree taken from an earlier build, where a file
 * may be there already: worth comparing before writing it again. */
bool stage_taken(const stage *s);

/* Records that rel (relative to the folder) was placed by this build; with
 * tree, everything under folder rel. False with *err set when a worker
 * cannot write its list: the sweep would remove what it placed. */
bool stage_placed(stage *s, const char *rel, bool tree, char **err);

/* Sweeps a taken tree and swaps the folder in at out, keeping (reuse) or
 * removing the site it replaces. Only the process that opened the stage,
 * after its workers are done. */
bool stage_commit(stage *s, const char *out, char **err);

/* Frees s; a folder not committed is removed. */
void stage_free(stage *s);

#endif

#!/bin/sh
# words.sh SEED [MARKDOWN ...]: the words of a seed against the words of its
# Markdown sources, as `statuut text` renders them (markup gone, the title
# block left out). Prints one line per word whose count differs:
#   "word seed=N markdown=M"
# sorted by word. Each such line is an artefact repair (a joined split word, a
# dropped page number or running head) or a sign that text went missing.
set -eu
: "${STATUUT:?}"
export LC_ALL=C.UTF-8
seed=$1
shift
words() { grep -oE '[[:alnum:]]+' | sort | uniq -c | awk '{print $2, $1}'; }
words <"$seed" >"${TMPDIR:-/tmp}/seed.$$"
for md in "$@"; do "$STATUUT" text "$md" | sed '1,/^$/d'; done | words >"${TMPDIR:-/tmp}/md.$$"
join -a1 -a2 -e0 -o 0,1.2,2.2 "${TMPDIR:-/tmp}/seed.$$" "${TMPDIR:-/tmp}/md.$$" |
  awk '$2 != $3 {print $1, "seed=" $2, "markdown=" $3}'
rm -f "${TMPDIR:-/tmp}/seed.$$" "${TMPDIR:-/tmp}/md.$$"

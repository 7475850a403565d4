#!/bin/sh
# make bench: times statuut on the real content, median of several runs, and
# its peak memory; writes bench/RESULTS.md. Later milestones add their peers
# (lowdown-diff, latexdiff, pandoc + weasyprint) here, measured in the same run.
set -eu
STATUUT=${STATUUT:-build/statuut}
RUNS=${RUNS:-15}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# median wall time in ms (including /usr/bin/time's own start) and peak RSS in MB of a command over $RUNS runs
measure() {
  : >"$TMP/t"
  i=0
  while [ $i -lt "$RUNS" ]; do
    t0=$(date +%s%N)
    /usr/bin/time -f '%M' -o "$TMP/one" "$@" >/dev/null 2>&1 || true
    t1=$(date +%s%N)
    echo "$(((t1 - t0) / 1000)) $(cat "$TMP/one")" >>"$TMP/t"
    i=$((i + 1))
  done
  ms=$(awk '{print $1 / 1000}' "$TMP/t" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  mb=$(awk '{print $2 / 1024}' "$TMP/t" | sort -n | tail -1)
  printf '| `%s` | %.1f ms | %.1f MB |\n' "$(echo "$*" | sed "s|$TMP|TMP|g")" "$ms" "$mb"
}

bytes=$(cat content/*/*.md | wc -c)
files=$(ls content/*/*.md | wc -l)
{
  echo "# Benchmarks"
  echo
  echo "Written by \`make bench\` ($(date -u +%Y-%m-%d), $(nproc) cores, median of $RUNS runs, peak RSS the largest)."
  echo "Input: content/, $files files, $((bytes / 1024)) KB of Markdown."
  echo
  echo "| command | median wall time | peak memory |"
  echo "| --- | --- | --- |"
  measure "$STATUUT" build --out "$TMP/site"
  measure "$STATUUT" check content
  measure "$STATUUT" check --no-spelling content
  measure "$STATUUT" html content/kwaliteitsstatuut/1.0.md
  measure "$STATUUT" text content/kwaliteitsstatuut/1.0.md
} >bench/RESULTS.md
cat bench/RESULTS.md

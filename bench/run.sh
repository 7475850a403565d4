#!/bin/sh
# make bench: times statuut on the real content, median of several runs, and
# its peak memory; writes bench/RESULTS.md. Later milestones add their peers
# (lowdown-diff, latexdiff, pandoc + weasyprint) here, measured in the same run.
set -eu
STATUUT=${STATUUT:-build/statuut}
RUNS=${RUNS:-15}
PDF_RUNS=${PDF_RUNS:-7}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# median wall time in ms (including /usr/bin/time's own start) and peak RSS in MB of a command over $RUNS runs;
# also left in $ms and $mb
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
  measure "$STATUUT" html content/kwaliteitsstatuut/1.0.md
  measure "$STATUUT" text content/kwaliteitsstatuut/1.0.md

  # The document PDF against the usual free pipeline: pandoc to HTML, weasyprint to PDF.
  S=content/kwaliteitsstatuut/1.0.md
  echo
  echo "## The document PDF: \`statuut pdf\` against pandoc -> HTML -> weasyprint"
  echo
  echo "The statute ($(($(wc -c <$S) / 1024)) KB). Both runs in this same session, median of $PDF_RUNS runs."
  echo
  echo "| command | median wall time | peak memory |"
  echo "| --- | --- | --- |"
  RUNS=$PDF_RUNS measure "$STATUUT" pdf -o "$TMP/s.pdf" $S
  ours=$ms ours_mb=$(printf %.1f "$mb")
  RUNS=$PDF_RUNS measure sh -c "pandoc -s --metadata title=statuut -f markdown -t html $S -o $TMP/p.html && weasyprint -q $TMP/p.html $TMP/p.pdf"
  theirs=$ms
  ratio=$(awk -v a="$theirs" -v b="$ours" 'BEGIN { printf "%.1f", a / b }')
  echo
  echo "statuut pdf is **${ratio}x** as fast as the pandoc + weasyprint pipeline (target: 10x), peak memory ${ours_mb} MB (target: under 100 MB)."
  echo "Pages: statuut $(pdfinfo "$TMP/s.pdf" | sed -n 's/^Pages: *//p'), pandoc + weasyprint $(pdfinfo "$TMP/p.pdf" | sed -n 's/^Pages: *//p') (no cover, no table of contents, endnotes)."
  echo
  echo "### Line quality of the statute (\`statuut pdf --report\`)"
  echo
  echo "Spaces of justified lines in units of the font's normal space; lines set short rather than spaced beyond 3."
  echo
  echo '```'
  "$STATUUT" pdf --report -o "$TMP/s.pdf" $S 2>&1
  echo '```'
} >bench/RESULTS.md
cat bench/RESULTS.md

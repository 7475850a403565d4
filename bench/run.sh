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
    /usr/bin/time -q -f '%M' -o "$TMP/one" "$@" >/dev/null 2>&1 || true
    t1=$(date +%s%N)
    echo "$(((t1 - t0) / 1000)) $(cat "$TMP/one")" >>"$TMP/t"
    i=$((i + 1))
  done
  ms=$(awk '{print $1 / 1000}' "$TMP/t" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  mb=$(awk '{print $2 / 1024}' "$TMP/t" | sort -n | tail -1)
  printf '| `%s` | %.1f ms | %.1f MB |\n' "$(echo "$*" | sed "s|$TMP|TMP|g")" "$ms" "$mb"
}

# median wall time in ms only
measure_ms() {
  : >"$TMP/t"
  i=0
  while [ $i -lt "$RUNS" ]; do
    t0=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    t1=$(date +%s%N)
    echo "$(((t1 - t0) / 1000))" >>"$TMP/t"
    i=$((i + 1))
  done
  awk '{print $1 / 1000}' "$TMP/t" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

# a row of measure's table with the time relative to a base time in ms
ratio_row() {
  base=$1
  shift
  row=$(measure "$@")
  ms=$(echo "$row" | sed 's/.*| \([0-9.]*\) ms |.*/\1/')
  echo "$row $(awk -v a="$ms" -v b="$base" 'BEGIN { printf "%.1f\xc3\x97", a / b }') |"
}

# -- hostile inputs (bench/hostile.sh): bounded work on small files ---------------------
# The section of RESULTS.md; `sh bench/run.sh hostile` prints it alone.
hostile() {
  echo
  echo "## Hostile inputs"
  echo
  echo "Files that once made a command quadratic or hungry (\`bench/hostile.sh\`), one run each under"
  echo "\`timeout 30\`. Target: under 2 s and 200 MB, or refused at a documented limit (README, Limits)"
  echo "with exit 2. \`diff\` compares the file with itself."
  echo
  echo "| input | command | time | peak memory | exit | within target |"
  echo "| --- | --- | --- | --- | --- | --- |"
  for spec in "headings 50000" "bullets 50000" "ordered 30000" "footnotes 100000" \
    "footnotes 10000" "keys 200000" "table 2000" "table 499" "large 50" "large 15"; do
    set -- $spec
    f="$TMP/hostile-$1-$2.md"
    sh bench/hostile.sh "$1" "$2" >"$f"
    size=$(awk -v b="$(wc -c <"$f")" 'BEGIN { printf(b >= 1048576 ? "%.1f MB" : "%d KB", b >= 1048576 ? b / 1048576 : b / 1024) }')
    for cmd in text check html diff; do
      case $cmd in
      diff) set -- diff --format json -o "$TMP/h.out" "$f" "$f" ;;
      check) set -- check "$f" ;;
      *) set -- "$cmd" -o "$TMP/h.out" "$f" ;;
      esac
      rc=0
      /usr/bin/time -q -f '%e %M' -o "$TMP/one" timeout 30 "$STATUUT" "$@" >/dev/null 2>&1 || rc=$?
      read -r s kb <"$TMP/one" || true
      ok=$(awk -v s="$s" -v kb="$kb" -v rc="$rc" 'BEGIN { print (rc != 124 && s < 2 && kb < 200 * 1024) ? "yes" : "no" }')
      printf '| %s (%s) | `%s` | %.2f s | %.0f MB | %s%s | %s |\n' "$spec" "$size" "$cmd" "$s" \
        "$(echo "$kb" | awk '{ print $1 / 1024 }')" "$rc" "$([ "$rc" = 2 ] && echo ' (refused)')" "$ok"
    done
  done
}

# -- the diff against its peers, and its memory per MB of input ----------------------
# The sections of RESULTS.md on statuut diff; `sh bench/run.sh diff` (or
# BENCH_ONLY=diff) prints them alone, measured side by side with lowdown-diff.
diffs() {
  # -- the diff, against its peers, on the statute pair --------------------------------
  old=content/kwaliteitsstatuut/1.0.md
  new=content/kwaliteitsstatuut/1.0.1.md
  pandoc -s -f markdown -t latex "$old" -o "$TMP/old.tex" 2>/dev/null
  pandoc -s -f markdown -t latex "$new" -o "$TMP/new.tex" 2>/dev/null
  echo
  echo "## statuut diff and its peers"
  echo
  echo "The statute 1.0 against its errata version 1.0.1 ($(($(wc -c <"$old") / 1024)) KB each)."
  echo "latexdiff runs on pandoc's LaTeX of the same files (the conversion is not timed)."
  echo
  echo "| command | median wall time | peak memory | time relative to statuut |"
  echo "| --- | --- | --- | --- |"
  base=$(measure_ms "$STATUUT" diff --format=json "$old" "$new")
  ratio_row "$base" "$STATUUT" diff --format=json "$old" "$new"
  ratio_row "$base" "$STATUUT" diff --format=html "$old" "$new"
  ratio_row "$base" "$STATUUT" diff --format=pdf -o "$TMP/redline.pdf" "$old" "$new"
  ratio_row "$base" lowdown-diff "$old" "$new"
  ratio_row "$base" latexdiff "$TMP/old.tex" "$TMP/new.tex"
  ratio_row "$base" git diff --no-index --word-diff "$old" "$new"
  # Wall time on this shared VM is noisy: instruction counts (callgrind) compare
  # the same work exactly.
  if command -v valgrind >/dev/null; then
    echo
    echo "Instructions executed (valgrind --tool=callgrind), the same pair:"
    echo
    echo "| command | instructions | relative to lowdown-diff |"
    echo "| --- | --- | --- |"
    ir() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
      sed -n 's/.*Collected : \([0-9]*\).*/\1/p'; }
    low=$(ir lowdown-diff "$old" "$new")
    for f in json html; do
      n=$(ir "$STATUUT" diff --format=$f "$old" "$new")
      printf '| `statuut diff --format=%s` | %s | %s |\n' "$f" "$n" "$(awk -v a="$n" -v b="$low" 'BEGIN { printf "%.2f\xc3\x97", a / b }')"
    done
    printf '| `lowdown-diff` | %s | 1.00× |\n' "$low"
  fi

  # -- a larger pair: the statute eight times over, with the same errata ---------------
  for v in 1.0 1.0.1; do
    awk -v copies=8 'NR == 1 { fm = 1 } fm { print; if (NR > 1 && $0 == "---") fm = 0; next }
      { body[++n] = $0 } END { for (c = 1; c <= copies; c++) for (i = 1; i <= n; i++) {
        line = body[i]; gsub(/\[\^/, "[^" c "x", line); print line } }' \
      "content/kwaliteitsstatuut/$v.md" >"$TMP/big-$v.md"
  done
  echo
  echo "The same pair eight times over ($(($(wc -c <"$TMP/big-1.0.md") / 1024)) KB each): start-up no longer dominates."
  echo
  echo "| command | median wall time | peak memory | time relative to statuut |"
  echo "| --- | --- | --- | --- |"
  base=$(measure_ms "$STATUUT" diff --format=json "$TMP/big-1.0.md" "$TMP/big-1.0.1.md")
  ratio_row "$base" "$STATUUT" diff --format=json "$TMP/big-1.0.md" "$TMP/big-1.0.1.md"
  ratio_row "$base" lowdown-diff "$TMP/big-1.0.md" "$TMP/big-1.0.1.md"
  ratio_row "$base" git diff --no-index --word-diff "$TMP/big-1.0.md" "$TMP/big-1.0.1.md"
  echo
  echo "Start-up alone (\`statuut --version\`: loading cmark-gfm, libyaml, GLib and Jansson; the modules load when needed): $(measure_ms "$STATUUT" --version) ms."

  # -- worst case: two unrelated documents of 1 MB ----------------------------------------
  for side in 1 2; do
    {
      printf -- '---\ntitle: "Groot"\nversion: "%s"\ndate: 2022-01-01\nstatus: concept\n---\n' "$side"
      awk -v seed="$side" 'BEGIN { srand(seed); for (p = 0; p < 7000; p++) { line = "";
        for (w = 0; w < 20; w++) line = line sprintf("w%d ", int(rand() * 20000)); print line; print "" } }'
    } >"$TMP/big$side.md"
  done
  echo
  echo "Worst case: two unrelated documents of $(($(wc -c <"$TMP/big1.md") / 1024)) KB (7000 paragraphs each)."
  echo
  echo "| command | median wall time | peak memory |"
  echo "| --- | --- | --- |"
  RUNS=3 measure "$STATUUT" diff --format=json "$TMP/big1.md" "$TMP/big2.md"
  RUNS=3 measure "$STATUUT" diff --format=html -o "$TMP/bigdiff.html" "$TMP/big1.md" "$TMP/big2.md"
  RUNS=1 measure timeout 120 lowdown-diff "$TMP/big1.md" "$TMP/big2.md"

  # -- memory per MB of input: two unrelated documents of 5 MB -----------------------------
  for side in 1 2; do
    {
      printf -- '---\ntitle: "Groot"\nversion: "%s"\ndate: 2022-01-01\nstatus: concept\n---\n' "$side"
      awk -v seed="$side" 'BEGIN { srand(seed); for (p = 0; p < 40000; p++) { line = "";
        for (w = 0; w < 20; w++) line = line sprintf("w%d ", int(rand() * 20000)); print line; print "" } }'
    } >"$TMP/huge$side.md"
  done
  mb_in=$(awk -v b="$(wc -c <"$TMP/huge1.md")" 'BEGIN { printf "%.1f", b / 1048576 }')
  echo
  echo "Two unrelated documents of $mb_in MB each (40000 paragraphs). Peak memory per MB of one"
  echo "input (issue 12's target: at most 40 for JSON, 60 for HTML) and per MB of both."
  echo
  echo "| command | wall time | peak memory | per MB of one input | per MB of both |"
  echo "| --- | --- | --- | --- | --- |"
  for f in json html; do
    row=$(RUNS=1 measure "$STATUUT" diff --format=$f -o "$TMP/huge.$f" "$TMP/huge1.md" "$TMP/huge2.md")
    peak=$(echo "$row" | sed 's/.*| \([0-9.]*\) MB |$/\1/')
    echo "$row $(awk -v m="$peak" -v i="$mb_in" 'BEGIN { printf "%.0f MB/MB | %.0f MB/MB", m / i, m / (2 * i) }') |"
  done
}

# The document PDF against the usual free pipeline: pandoc to HTML, weasyprint
# to PDF, and the statute's line quality (also alone: run.sh pdf).
pdfs() {
  S=content/kwaliteitsstatuut/1.0.md
  echo
  echo "## The document PDF: \`statuut pdf\` against pandoc -> HTML -> weasyprint"
  echo
  echo "The statute ($(($(wc -c <$S) / 1024)) KB). Both runs in this same session, median of $PDF_RUNS runs;"
  echo "statuut's time includes the PDF/UA-1 post-pass (libqpdf, src/pdf/pdfua.c)."
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
  echo "Targets (issue 15): hyphenated-percent at most 12, stacked-hyphens at most 8, loose-over-2x at most 11."
  echo
  echo '```'
  "$STATUUT" pdf --report -o "$TMP/s.pdf" $S 2>&1
  echo '```'

}

if [ "${1:-}" = hostile ]; then
  hostile
  exit
fi
if [ "${1:-}" = pdf ]; then
  pdfs
  exit
fi
if [ "${1:-}" = diff ] || [ "${BENCH_ONLY:-}" = diff ]; then
  diffs
  exit
fi

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
  measure "$STATUUT" build --no-cache --out "$TMP/site"
  measure "$STATUUT" check content
  measure "$STATUUT" check --no-spelling content
  measure "$STATUUT" html content/kwaliteitsstatuut/1.0.md
  measure "$STATUUT" text content/kwaliteitsstatuut/1.0.md

  diffs

  pdfs

  echo
  echo "## A document of 10 versions"
  echo
  echo "The statute in 10 versions, each a few word edits from the one before (\`bench/versions.sh\`):"
  echo "every pair has a redline page (45), consecutive pairs and pairs with the version in force a"
  echo "redline PDF. One run."
  echo
  echo "| command | wall time | peak memory |"
  echo "| --- | --- | --- |"
  sh bench/versions.sh "$TMP/v10" 10
  RUNS=1 measure "$STATUUT" build --no-cache --content "$TMP/v10" --out "$TMP/v10site"
  echo
  echo "Pages: $(find "$TMP/v10site" -name index.html | wc -l), PDFs: $(find "$TMP/v10site" -name '*.pdf' | wc -l)."
  echo "The build runs with its default \`-j\` (a worker per core); -j 1 against -j 2 below."

  STATUUT="$STATUUT" sh bench/parallel.sh
  STATUUT="$STATUUT" sh bench/serve.sh
  STATUUT="$STATUUT" sh bench/scale.sh

  hostile
} >bench/RESULTS.md
cat bench/RESULTS.md

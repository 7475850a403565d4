#!/bin/sh
# bench/scale.sh [--write]: statuut against Hugo on generated corpora of N
# documents x 10 versions (bench/corpus.py; N from $SIZES, default "20 100"),
# side by side in one run (issue 16):
#   Hugo, the same bodies as HTML only (bench/hugo/, a minimal layout)
#   statuut cold: a full build with an empty cache (default -j), and -j 1
#   statuut incremental: after a word edit in one version of one document,
#     with the cache of the build before; with and without the search index
#   statuut HTML only: --no-pdf --no-cache, no search, per page against Hugo
#   Pagefind alone on the cold build's site: on all its searched pages in one
#     index (what every edit cost while the site had one), and on one
#     document's (the index an edit of that document makes again)
# A cold build runs once (a cold 100 x 10 takes minutes); Hugo, the
# incremental builds, the HTML-only build and Pagefind each the median of 3
# (one build on this shared machine can be slowed several-fold by its disk). Prints a section of bench/RESULTS.md (make bench includes it);
# --write also puts it into bench/RESULTS.md in place of the one there.
set -eu
STATUUT=${STATUUT:-build/statuut}
SIZES=${SIZES:-20 100}
PAGEFIND=${STATUUT_PAGEFIND:-build/node_modules/@pagefind/linux-x64/bin/pagefind_extended}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
command -v hugo >/dev/null || {
  echo "bench/scale.sh: needs hugo (Debian package hugo; make bench installs it)" >&2
  exit 2
}

# secs CMD...: runs CMD once, prints its wall time in seconds
secs() {
  t0=$(date +%s%N)
  "$@" >"$TMP/out" 2>"$TMP/err" || {
    echo "bench/scale.sh: failed: $*" >&2
    cat "$TMP/err" >&2
    exit 1
  }
  t1=$(date +%s%N)
  awk -v n=$((t1 - t0)) 'BEGIN { printf "%.2f", n / 1e9 }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
pct() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f %%", 100 * a / b }'; }
median3() { printf '%s\n' "$@" | sort -n | sed -n 2p; }
# runs3 EDIT CMD...: the median wall time of three runs of CMD, each after a
# one-word edit of the file EDIT (or none: -)
runs3() {
  edit=$1
  shift
  t=
  for i in 1 2 3; do
    [ "$edit" = - ] || sed -i '0,/ de /s// het /' "$edit"
    t="$t $(secs "$@")"
  done
  median3 $t
}

build() { # SITE [OPTION...]: statuut build of $content into SITE
  site=$1
  shift
  env -u CI STATUUT_PAGEFIND="${SEARCH:-$PAGEFIND}" "$STATUUT" build "$@" --content "$content" --out "$site"
}
nosearch() { SEARCH=/nonexistent "$@"; }

section() {
  echo
  echo "## Scale: N documents x 10 versions, against Hugo"
  echo
  echo "\`bench/scale.sh\`, $(date -u +%Y-%m-%d), $(nproc) cores (shared with other work: the figures are"
  echo "ratios of runs side by side in this one run). Corpus: \`bench/corpus.py\` (seeded): statute-like"
  echo "paragraphs, each version a few word edits and one moved paragraph from the one before. statuut"
  echo "builds every version's page and PDF, a redline page for every pair of versions, redline PDFs for"
  echo "consecutive pairs and pairs with the version in force, histories, latest/ and the search index"
  echo "(Pagefind); Hugo the version pages, HTML only. Default -j is one worker per core. A cold build"
  echo "once; Hugo, the incremental and HTML-only builds and Pagefind the median of 3. Incremental: one"
  echo "word of one version of one document changed, then a build with the cache of the build before"
  echo "(the cache, \`--cache\`, README); three such edits."
  echo
  echo "| corpus | Hugo | cold | cold -j 1 | cold / Hugo (target 8) | incremental | incremental / cold (target 5 %) | incremental, no search | / cold | Pagefind alone, the site in one index | one document's index |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
  for n in $SIZES; do
    content="$TMP/c$n"
    cp -R bench/hugo "$TMP/hugo$n"
    python3 bench/corpus.py "$content" "$n" 10 --hugo "$TMP/hugo$n"
    h1=$(secs hugo --quiet -s "$TMP/hugo$n" -d "$TMP/hout$n")
    h2=$(secs hugo --quiet -s "$TMP/hugo$n" -d "$TMP/hout$n")
    h3=$(secs hugo --quiet -s "$TMP/hugo$n" -d "$TMP/hout$n")
    hugo=$(median3 "$h1" "$h2" "$h3")
    hugo_pages=$(find "$TMP/hout$n" -name '*.html' | wc -l)
    cold=$(secs build "$TMP/site$n" --cache "$TMP/cache$n")
    pages=$(find "$TMP/site$n" -name index.html | wc -l)
    pdfs=$(find "$TMP/site$n" -name '*.pdf' | wc -l)
    j1=-
    [ "$n" -le 20 ] && j1="$(secs build "$TMP/j1-$n" --no-cache -j 1) s"
    # three edits, each of one word of one version, and after each a build with
    # the cache of the build before: the site with search
    inc=$(runs3 "$content/$(printf 'document-%03d' $(((n + 2) / 3)))/5.0.md" \
      build "$TMP/site$n" --cache "$TMP/cache$n")
    hits=$(sed -n 's/.*, \([0-9]*\) from the cache.*/\1/p' "$TMP/err")
    # without search: a build that fills the cache's pages without it (the PDFs are
    # shared), then three more edits elsewhere
    secs nosearch build "$TMP/ns$n" --cache "$TMP/cache$n" >/dev/null
    inc_ns=$(runs3 "$content/$(printf 'document-%03d' $(((2 * n + 2) / 3)))/3.0.md" \
      nosearch build "$TMP/ns$n" --cache "$TMP/cache$n")
    hits_ns=$(sed -n 's/.*, \([0-9]*\) from the cache.*/\1/p' "$TMP/err")
    html=$(runs3 - nosearch build "$TMP/html$n" --no-pdf --no-cache)
    html_pages=$(find "$TMP/html$n" -name index.html | wc -l)
    # the pages statuut gives Pagefind: every version and the redlines of
    # consecutive versions (README, Search)
    rm -rf "$TMP/pf$n"
    for d in "$TMP/site$n"/document-*; do
      prev=
      for v in $(ls "$d" | grep '^[0-9]' | sort -V); do
        mkdir -p "$TMP/pf$n/${d##*/}/$v"
        ln "$d/$v/index.html" "$TMP/pf$n/${d##*/}/$v/"
        if [ -n "$prev" ]; then
          mkdir -p "$TMP/pf$n/${d##*/}/verschil/$prev-$v"
          ln "$d/verschil/$prev-$v/index.html" "$TMP/pf$n/${d##*/}/verschil/$prev-$v/"
        fi
        prev=$v
      done
    done
    pfopts="--force-language nl --exclude-selectors .vh --exclude-selectors .anker --exclude-selectors .versie-stand --exclude-selectors .gegevens --quiet"
    # shellcheck disable=SC2086
    pf=$(runs3 - "$PAGEFIND" --site "$TMP/pf$n" $pfopts)
    mkdir -p "$TMP/pf1-$n"
    mv "$TMP/pf$n/document-001" "$TMP/pf1-$n/"
    # shellcheck disable=SC2086
    pf1=$(runs3 - "$PAGEFIND" --site "$TMP/pf1-$n" $pfopts)
    printf '| %s x 10 (%s pages, %s PDFs) | %s s | %s s | %s | %s | %s s (%s from the cache) | %s | %s s (%s from the cache) | %s | %s s | %s s |\n' \
      "$n" "$pages" "$pdfs" "$hugo" "$cold" "$j1" "$(ratio "$cold" "$hugo")" "$inc" "${hits:-0}" "$(pct "$inc" "$cold")" \
      "$inc_ns" "${hits_ns:-0}" "$(pct "$inc_ns" "$cold")" "$pf" "$pf1"
    echo "$n $hugo $hugo_pages $html $html_pages $hits" >>"$TMP/html"
    rm -rf "$TMP/site$n" "$TMP/j1-$n" "$TMP/ns$n" "$TMP/pf$n" "$TMP/pf1-$n" "$TMP/cache$n" "$TMP/hout$n"
  done
  echo
  echo "HTML only: \`statuut build --no-pdf --no-cache\` without search against Hugo, per page written"
  echo "(statuut's pages are mostly redlines; target: at most 1.2x Hugo per page)."
  echo
  echo "| corpus | Hugo | per page | statuut --no-pdf | per page | statuut / Hugo per page |"
  echo "| --- | --- | --- | --- | --- | --- |"
  while read -r n hugo hp html sp hits; do
    hpp=$(awk -v t="$hugo" -v p="$hp" 'BEGIN { printf "%.2f", 1000 * t / p }')
    spp=$(awk -v t="$html" -v p="$sp" 'BEGIN { printf "%.2f", 1000 * t / p }')
    printf '| %s x 10 | %s s (%s pages) | %s ms | %s s (%s pages) | %s ms | %s |\n' "$n" "$hugo" "$hp" "$hpp" \
      "$html" "$sp" "$spp" "$(ratio "$spp" "$hpp")"
  done <"$TMP/html"
}

if [ "${1:-}" = --write ]; then
  section >"$TMP/section"
  cat "$TMP/section"
  # replace the section in bench/RESULTS.md (or add it at the end)
  awk -v f="$TMP/section" '
    # the section without its leading blank line, and one blank line before the next
    /^## Scale: / { skip = 1; while ((getline l < f) > 0) if (!done && (seen || l != "")) { print l; seen = 1 }
      if (!done) print ""; done = 1; next }
    skip && /^## / { skip = 0 }
    !skip { print }
    END { if (!done) while ((getline l < f) > 0) print l }' bench/RESULTS.md >"$TMP/results"
  cp "$TMP/results" bench/RESULTS.md
else
  section
fi

#!/bin/sh
# tests/fuzz/merge.sh TARGET: minimizes what a run found into the committed
# seed corpus. libFuzzer's -merge=1 keeps, of the seed corpus and
# $FUZZ_BUILD/corpus/TARGET/, the fewest inputs (preferring small ones) that
# reach every feature any of them reaches; that set replaces
# tests/fuzz/corpus/TARGET/. It is then capped so that make test stays fast
# and the repository small: the smallest inputs, at most FUZZ_MAX_FILES (200)
# of them and FUZZ_MAX_TOTAL (524288) bytes together, so that the four
# targets' corpora stay under 2 MB (README.md has the figures).
set -eu
t=$1
FUZZ_BUILD=${FUZZ_BUILD:-build/libfuzzer}
max_files=${FUZZ_MAX_FILES:-200}
max_total=${FUZZ_MAX_TOTAL:-524288}
bin="$FUZZ_BUILD/fuzz/fuzz_$t"
new="$FUZZ_BUILD/merged/$t"
rm -rf "$new"
mkdir -p "$new" "$FUZZ_BUILD/corpus/$t"
LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0" \
  nice -n 19 "$bin" -merge=1 -timeout=10 -rss_limit_mb=2048 "$new" \
  "tests/fuzz/corpus/$t" "$FUZZ_BUILD/corpus/$t" >"$FUZZ_BUILD/$t.merge.log" 2>&1
grep -E 'MERGE-OUTER: [0-9]+ new files' "$FUZZ_BUILD/$t.merge.log" || true
merged=$(ls "$new" | wc -l)
rm -f tests/fuzz/corpus/"$t"/*
find "$new" -type f -printf '%s %p\n' | sort -n | head -n "$max_files" | {
  total=0
  while read -r size f; do
    total=$((total + size))
    [ "$total" -le "$max_total" ] || break
    cp "$f" "tests/fuzz/corpus/$t/"
  done
}
echo "fuzz_$t: merged $merged inputs, kept $(ls "tests/fuzz/corpus/$t" | wc -l)" \
  "($(cat tests/fuzz/corpus/"$t"/* | wc -c) bytes)"

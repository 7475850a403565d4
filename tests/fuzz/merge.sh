#!/bin/sh
# tests/fuzz/merge.sh TARGET: minimizes the seed corpus and what a run found
# ($FUZZ_BUILD/corpus/TARGET/) into the committed tests/fuzz/corpus/TARGET/.
# libFuzzer's -merge=1 runs every input once and writes, in its control
# file, the coverage features each adds; cap.py keeps greedily the inputs
# that add the most, at most FUZZ_MAX_FILES (200) of them and FUZZ_MAX_TOTAL
# (524288) bytes together, so that make test stays fast and the four
# targets' corpora stay under 2 MB (README.md has the figures). libFuzzer's
# own minimal set is left in $FUZZ_BUILD/merged/TARGET/.
set -eu
t=$1
FUZZ_BUILD=${FUZZ_BUILD:-build/libfuzzer}
max_files=${FUZZ_MAX_FILES:-200}
max_total=${FUZZ_MAX_TOTAL:-524288}
bin="$FUZZ_BUILD/fuzz/fuzz_$t"
new="$FUZZ_BUILD/merged/$t"
ctl="$FUZZ_BUILD/$t.merge.ctl"
rm -rf "$new" "$ctl"
mkdir -p "$new" "$FUZZ_BUILD/corpus/$t" "$FUZZ_BUILD/keep"
LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0" \
  nice -n 19 "$bin" -merge=1 -merge_control_file="$ctl" -timeout=10 -rss_limit_mb=2048 "$new" \
  "tests/fuzz/corpus/$t" "$FUZZ_BUILD/corpus/$t" >"$FUZZ_BUILD/$t.merge.log" 2>&1
grep -E 'MERGE-OUTER: [0-9]+ new files' "$FUZZ_BUILD/$t.merge.log" || true
keep="$FUZZ_BUILD/keep/$t"
rm -rf "$keep"
mkdir -p "$keep"
python3 tests/fuzz/cap.py "$ctl" "$max_files" "$max_total" | while read -r f; do
  cp "$f" "$keep/$(sha1sum <"$f" | cut -c1-40)"
done
rm -f tests/fuzz/corpus/"$t"/*
cp "$keep"/* "tests/fuzz/corpus/$t/"
echo "fuzz_$t: libFuzzer kept $(ls "$new" | wc -l) inputs, committed $(ls "tests/fuzz/corpus/$t" | wc -l)" \
  "($(cat tests/fuzz/corpus/"$t"/* | wc -c) bytes)"

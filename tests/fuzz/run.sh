#!/bin/sh
# tests/fuzz/run.sh TARGET SECONDS [libFuzzer flags...]: runs one libFuzzer
# target (built by make fuzz-build) for SECONDS, niced. The seed corpus
# tests/fuzz/corpus/TARGET/ is read, never written: new inputs go to
# $FUZZ_BUILD/corpus/TARGET/, crash, leak, timeout and OOM inputs to
# $FUZZ_BUILD/crashes/TARGET/, the log to $FUZZ_BUILD/TARGET.log (its last
# lines are libFuzzer's final stats). tests/fuzz/README.md says what to do
# with a finding.
set -eu
t=$1
secs=$2
shift 2
FUZZ_BUILD=${FUZZ_BUILD:-build/libfuzzer}
bin="$FUZZ_BUILD/fuzz/fuzz_$t"
[ -x "$bin" ] || { echo "$bin: not built (make fuzz-build)" >&2; exit 1; }
# A dictionary of the input's vocabulary. A template is only useful whole:
# libFuzzer's length control (mutations kept short at first) would cut the
# seeds to their first few hundred bytes, so fuzz_templates has none.
case $t in
templates) set -- -dict=tests/fuzz/templates.dict -len_control=0 "$@" ;;
*) set -- -dict=tests/fuzz/markdown.dict "$@" ;;
esac
mkdir -p "$FUZZ_BUILD/corpus/$t" "$FUZZ_BUILD/crashes/$t"
echo "== fuzz_$t for ${secs}s, log in $FUZZ_BUILD/$t.log"
LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0" \
  UBSAN_OPTIONS=print_stacktrace=1 \
  nice -n 19 "$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
  -print_final_stats=1 -artifact_prefix="$FUZZ_BUILD/crashes/$t/" "$@" \
  "$FUZZ_BUILD/corpus/$t" "tests/fuzz/corpus/$t" >"$FUZZ_BUILD/$t.log" 2>&1 && rc=0 || rc=$?
grep -E '^#[0-9]+.*DONE|stat::|SUMMARY|ERROR' "$FUZZ_BUILD/$t.log" | tail -12
ls "$FUZZ_BUILD/crashes/$t" | sed 's/^/finding: /'
exit $rc

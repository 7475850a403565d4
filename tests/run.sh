#!/bin/sh
# Runs every test of one build ($BUILD: build or build/asan): the cmocka unit
# tests, then the end-to-end scripts. Prints one line per failure and a last
# line "N passed, N failed"; exits non-zero when anything failed.
BUILD=${BUILD:-build}
export BUILD
STATUUT="$PWD/$BUILD/statuut"
export STATUUT
# Pagefind, for the site's search: where make installs it, also for the
# sanitizer build, which has no npm packages of its own.
STATUUT_PAGEFIND="${STATUUT_PAGEFIND:-$PWD/build/node_modules/@pagefind/linux-x64/bin/pagefind_extended}"
export STATUUT_PAGEFIND
STATUUT_NODE_MODULES="${STATUUT_NODE_MODULES:-$PWD/build/node_modules}"
export STATUUT_NODE_MODULES
passed=0
failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

for t in "$BUILD"/tests/test_*; do
  [ -x "$t" ] || continue
  if "$t" >"$log" 2>&1; then rc=0; else rc=$?; fi
  # a file may run several groups: each has its summary
  p=$(sed -n 's/.*\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | awk '{ s += $1 } END { if (NR) print s }')
  f=$(sed -n 's/.*\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | awk '{ s += $1 } END { if (NR) print s }')
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
  if [ "$rc" -ne 0 ]; then
    [ -n "$f" ] || failed=$((failed + 1)) # a crash before cmocka's summary
    echo "FAIL: $(basename "$t")"
    grep -E 'FAILED|ERROR|error|Sanitizer|leak' "$log" | head -20
  fi
done

for s in tests/e2e/*.sh; do
  if sh "$s" >"$log" 2>&1; then rc=0; else rc=$?; fi
  p=$(grep -c '^ok ' "$log")
  f=$(grep -c '^FAIL ' "$log")
  passed=$((passed + p))
  failed=$((failed + f))
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
    failed=$((failed + 1))
    echo "FAIL: $s exited $rc"
    tail -20 "$log"
  fi
  grep -A12 '^FAIL ' "$log" | head -60
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

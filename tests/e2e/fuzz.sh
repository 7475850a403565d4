# The fuzz targets' seed corpus and every saved crash input, replayed
# through each target's replay program (no fuzzing; tests/fuzz/README.md):
# one "ok" line per input, a FAIL naming the input that crashed, and the
# inputs after it are run on.
. tests/e2e/lib.sh

for t in doc diff site templates; do
  bin="$BUILD/fuzz/fuzz_$t"
  if [ ! -x "$bin" ]; then
    fail "fuzz_$t: $bin is not built"
    continue
  fi
  : >"$TMP/todo"
  for f in tests/fuzz/corpus/$t/* tests/fuzz/crashes/$t/*; do
    [ -f "$f" ] && echo "$f" >>"$TMP/todo"
  done
  while [ -s "$TMP/todo" ]; do
    # shellcheck disable=SC2046 # the names are libFuzzer's: no spaces
    if "$bin" $(cat "$TMP/todo") >"$TMP/out" 2>"$TMP/err"; then rc=0; else rc=$?; fi
    cat "$TMP/out"
    [ "$rc" -eq 0 ] && break
    if grep -q '^FAIL ' "$TMP/out"; then
      status=1
      break
    fi
    n=$(grep -c '^ok ' "$TMP/out")
    crashed=$(sed -n "$((n + 1))p" "$TMP/todo")
    fail "fuzz_$t: $crashed (exit $rc)" "$(grep -v '^run ' "$TMP/err" | head -40)"
    sed "1,$((n + 1))d" "$TMP/todo" >"$TMP/rest"
    mv "$TMP/rest" "$TMP/todo"
  done
done

finish

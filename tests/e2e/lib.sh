# Shared helpers for the end-to-end scripts: each check prints "ok - NAME" or
# "FAIL - NAME" with what was seen; tests/run.sh counts these lines.
set -u
: "${STATUUT:?run through tests/run.sh or set STATUUT}"
: "${BUILD:=build}"
SITECHECK="$PWD/$BUILD/tests/sitecheck"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
status=0

ok() { echo "ok - $1"; }
fail() {
  echo "FAIL - $1"
  shift
  [ $# -gt 0 ] && printf '%s\n' "$@" | sed 's/^/    /'
  status=1
}

# expect_exit NAME CODE CMD...: runs CMD, output in $TMP/out and $TMP/err.
expect_exit() {
  name=$1 want=$2
  shift 2
  "$@" >"$TMP/out" 2>"$TMP/err"
  got=$?
  if [ "$got" -eq "$want" ]; then ok "$name"; else fail "$name" "exit $got, expected $want" "$(head -c 2000 "$TMP/err")"; fi
}

# expect_grep NAME FILE PATTERN: a fixed string that must occur in FILE.
expect_grep() {
  if grep -qF -- "$3" "$2"; then ok "$1"; else fail "$1" "missing: $3" "in $2:" "$(head -c 1500 "$2")"; fi
}

expect_no_grep() {
  if grep -qF -- "$3" "$2"; then fail "$1" "unexpected: $3" "$(grep -F -- "$3" "$2" | head -3)"; else ok "$1"; fi
}

finish() { exit $status; }

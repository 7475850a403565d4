#!/bin/sh
# bench/ab.sh OLD_STATUUT NEW_STATUUT: the commands of make bench, each run by
# both binaries in turn (old, new, old, new, ...) so that a busy or throttled
# machine weighs on both alike; prints the median of each and new/old.
# For comparing a change with the commit before it, e.g. after
#   git worktree add /tmp/base HEAD~1 && make -C /tmp/base build/statuut
set -eu
OLD=$1
NEW=$2
RUNS=${RUNS:-21}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
S=content/kwaliteitsstatuut/1.0.md
N=content/kwaliteitsstatuut/1.0.1.md

median() { sort -n "$1" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

ab() { # LABEL ARGS... (the binary is put in front of ARGS)
  label=$1
  shift
  : >"$TMP/a"
  : >"$TMP/b"
  i=0
  while [ $i -lt "$RUNS" ]; do
    for which in a b; do
      bin=$OLD
      [ $which = b ] && bin=$NEW
      t0=$(date +%s%N)
      "$bin" "$@" >/dev/null 2>&1 || true
      t1=$(date +%s%N)
      echo $(((t1 - t0) / 1000)) >>"$TMP/$which"
    done
    i=$((i + 1))
  done
  a=$(median "$TMP/a")
  b=$(median "$TMP/b")
  awk -v l="$label" -v a="$a" -v b="$b" \
    'BEGIN { printf "| %s | %.1f ms | %.1f ms | %.2f |\n", l, a / 1000, b / 1000, b / a }'
}

echo "| command | old | new | new/old |"
echo "| --- | --- | --- | --- |"
ab "--version" --version
ab "text" text $S
ab "html" html $S
ab "check --no-spelling" check --no-spelling content
ab "check" check content
ab "diff json" diff --format=json $S $N
ab "diff html" diff --format=html $S $N
RUNS=${PDF_RUNS:-9} ab "diff pdf" diff --format=pdf -o "$TMP/r.pdf" $S $N
RUNS=${PDF_RUNS:-9} ab "pdf" pdf -o "$TMP/s.pdf" $S
RUNS=${PDF_RUNS:-9} ab "build" build --out "$TMP/site"

#!/bin/sh
# statuut serve: from a save to the reload event on the stream, median of
# RUNS edits, on the test fixture (tests/golden/content) and on the real
# content, side by side with a plain `statuut build` of the same content in
# the same run (the preview's cost above the build is the debounce and the
# event). Prints a Markdown table.
set -eu
STATUUT=${STATUUT:-build/statuut}
RUNS=${RUNS:-7}
TMP=$(mktemp -d)
PID=
SSE=
trap '[ -n "$SSE" ] && kill $SSE 2>/dev/null; [ -n "$PID" ] && kill $PID 2>/dev/null; wait 2>/dev/null; rm -rf "$TMP"' EXIT

now_ms() { echo $(($(date +%s%N) / 1000000)); }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# bench NAME CONTENT FILE: FILE (inside CONTENT) is edited RUNS times.
bench() {
  name=$1
  rm -rf "$TMP/content" "$TMP/out"
  cp -r "$2" "$TMP/content"
  : >"$TMP/build.ms"
  "$STATUUT" serve --content "$TMP/content" --templates templates --port 0 2>"$TMP/err" &
  PID=$!
  until grep -q 'statuut: serving' "$TMP/err" 2>/dev/null; do sleep 0.05; done
  url=$(sed -n 's/^statuut: serving .* at \(http:[^ ]*\) .*/\1/p' "$TMP/err")
  # Each line of the stream with the time it came (ms), so that the wait
  # for it can poll slowly without adding to what is measured.
  curl -sN "${url}_statuut/events" | while IFS= read -r line; do echo "$(now_ms) $line"; done >"$TMP/sse" &
  SSE=$!
  until grep -q 'data: 1' "$TMP/sse"; do sleep 0.05; done
  : >"$TMP/edit.ms"
  i=0
  # a plain build and an edit in turn, so that both see the same load
  while [ $i -lt "$RUNS" ]; do
    t0=$(now_ms)
    "$STATUUT" build --no-cache --content "$TMP/content" --templates templates --out "$TMP/out" -q
    echo $(($(now_ms) - t0)) >>"$TMP/build.ms"
    n=$((i + 2))
    t0=$(now_ms)
    printf '\nBewerking %s.\n' "$i" >>"$TMP/content/$3"
    until grep -q " data: $n\$" "$TMP/sse"; do sleep 0.05; done
    t1=$(sed -n "s/^\([0-9]*\) data: $n\$/\1/p" "$TMP/sse")
    echo $((t1 - t0)) >>"$TMP/edit.ms"
    i=$((i + 1))
  done
  kill -INT $PID
  wait $PID || true
  wait $SSE 2>/dev/null || true
  PID=
  SSE=
  b=$(median <"$TMP/build.ms")
  e=$(median <"$TMP/edit.ms")
  printf '| %s | %s ms | %s ms | %.2f |\n' "$name" "$b" "$e" "$(echo "$e $b" | awk '{print $1 / $2}')"
}

echo
echo "## The live preview (statuut serve)"
echo
echo "From a save to the reload event on the preview's stream (\`bench/serve.sh\`, $(date -u +%Y-%m-%d),"
echo "median of $RUNS edits, load $(cut -d' ' -f1 /proc/loadavg) when it ended), against a cold \`statuut build --no-cache\` of the"
echo "same content, each build just before an edit: the preview rebuilds through its cache, after a quiet time of 150 ms."
echo
echo '| content | `statuut build` | save → reload event | ratio |'
echo '| --- | --- | --- | --- |'
bench "tests/golden/content (3 versions)" tests/golden/content voorbeeld/1.1.md
bench "content (the statute and its companions)" content "$(cd content && ls */*.md | tail -1)"

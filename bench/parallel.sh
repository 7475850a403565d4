#!/bin/sh
# bench/parallel.sh: cold builds with -j 1 and -j 2 (worker processes), wall
# time (median of $RUNS) and CPU time (user + system, of the build and its
# workers), on content/ and on the statute in 10 versions (bench/versions.sh).
# Prints a section of bench/RESULTS.md; make bench includes it. Each pair of
# sites is compared byte for byte.
set -eu
STATUUT=${STATUUT:-build/statuut}
RUNS=${RUNS:-3}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# median wall and CPU seconds of `statuut build -j J --content C`, left in
# $wall and $cpu; the site in $TMP/site-J
build_times() {
  : >"$TMP/t"
  i=0
  while [ $i -lt "$RUNS" ]; do
    rm -rf "$TMP/site-$1"
    t0=$(date +%s%N)
    /usr/bin/time -q -f '%U %S' -o "$TMP/one" "$STATUUT" build -q --no-cache -j "$1" --content "$2" --out "$TMP/site-$1"
    t1=$(date +%s%N)
    echo "$(((t1 - t0) / 1000000)) $(cat "$TMP/one")" >>"$TMP/t"
    i=$((i + 1))
  done
  wall=$(awk '{ print $1 / 1000 }' "$TMP/t" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
  cpu=$(awk '{ print $2 + $3 }' "$TMP/t" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
}

row() { # NAME CONTENT
  build_times 1 "$2"
  w1=$wall c1=$cpu
  build_times 2 "$2"
  same=$(diff -r "$TMP/site-1" "$TMP/site-2" >/dev/null && echo yes || echo no)
  printf '| %s | %.2f s (CPU %.2f s) | %.2f s (CPU %.2f s) | %s | %s |\n' "$1" "$w1" "$c1" "$wall" "$cpu" \
    "$(awk -v a="$w1" -v b="$wall" 'BEGIN { printf "%.2f\xc3\x97", a / b }')" "$same"
}

sh bench/versions.sh "$TMP/v10" 10
# The CPU the two cores had to spare while this ran: two busy loops side by
# side against one alone (1.0: none, 2.0: both cores free).
spin() { awk 'BEGIN { for (i = 0; i < 20000000; i++) s += i }'; }
t0=$(date +%s%N)
spin
t1=$(date +%s%N)
spin &
spin
wait
t2=$(date +%s%N)
free=$(awk -v one=$((t1 - t0)) -v two=$((t2 - t1)) 'BEGIN { printf "%.1f", 2 * one / two }')

echo
echo "## Parallel cold builds (-j)"
echo
echo "\`statuut build -j 1\` against \`-j 2\` (worker processes, issue 16), median of $RUNS runs each"
echo "(\`bench/parallel.sh\`, $(date -u +%Y-%m-%d), $(nproc) cores, of which about $free free while it ran:"
echo "two busy loops side by side against one). Wall time and the CPU time of the build and its workers;"
echo "identical: the two sites compared with \`diff -r\`."
echo
echo "| input | -j 1 | -j 2 | speed-up | identical |"
echo "| --- | --- | --- | --- | --- |"
row "content/ (6 documents, 8 versions, 1 redline)" content
row "the statute in 10 versions (45 redlines)" "$TMP/v10"

#!/bin/sh
# bench/versions.sh DIR N: a content folder in DIR with N versions of the
# statute, each a few word edits from the one before (deterministic: the
# edits depend on the version number only). 1.0 .. N-1 are vastgesteld, the
# last a concept, as a document's history would be.
set -eu
dir=$1
n=$2
mkdir -p "$dir/kwaliteitsstatuut"
cp content/site.yaml "$dir/"
src=content/kwaliteitsstatuut/1.0.1.md # the errata: a concept must be free of errors
prev=$src
i=1
while [ "$i" -le "$n" ]; do
  v="$i.0"
  status=vastgesteld
  [ "$i" -eq "$n" ] && status=concept
  day=$(printf '%02d' $((i % 28 + 1)))
  # Every version renames one recurring word in its own paragraph range and
  # so differs from the one before in a few places.
  awk -v v="$v" -v st="$status" -v d="2023-01-$day" -v k="$i" '
    BEGIN { fm = 0; skip = 0 }
    /^---$/ { fm++ }
    skip && /^ / { next }
    { skip = 0 }
    fm == 1 && /^version:/ { print "version: \"" v "\""; next }
    fm == 1 && /^status:/ { print "status: " st; next }
    fm == 1 && /^date:/ { print "date: " d; next }
    fm == 1 && /^summary:/ { print "summary: \"Versie " v ": enkele woorden aangepast.\""; skip = 1; next }
    fm >= 2 && NR % 37 == k % 37 { sub(/ de /, " deze ") }
    { print }' "$prev" >"$dir/kwaliteitsstatuut/$v.md"
  prev="$dir/kwaliteitsstatuut/$v.md"
  i=$((i + 1))
done

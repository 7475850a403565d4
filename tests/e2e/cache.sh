# statuut build's cache (include/statuut/cache.h): a build that reuses what
# the cache holds gives the same bytes as a cold build of the same input,
# after an edit of a version, of a template and of site.yaml; a damaged entry
# is discarded with a warning and rebuilt; builds sharing a cache at the same
# time both succeed; --no-cache writes none, --cache DIR uses DIR.
. tests/e2e/lib.sh
T=templates
nosearch() { env -u CI STATUUT_PAGEFIND=/nonexistent "$@"; }
cp -R tests/golden/content "$TMP/content"
cp -R templates "$TMP/templates"
C="$TMP/content"
TT="$TMP/templates"

# cold NAME: a build of $C with $TT and no cache into $TMP/cold-NAME
cold() { nosearch "$STATUUT" build -q --no-cache --content "$C" --templates "$TT" --out "$TMP/cold-$1"; }
# warm NAME [OPTION...]: the same with the cache $TMP/cache into $TMP/warm-NAME
warm() {
  n=$1
  shift
  nosearch "$STATUUT" build "$@" --cache "$TMP/cache" --content "$C" --templates "$TT" --out "$TMP/warm-$n" 2>"$TMP/err"
}
# same NAME: the warm site and the cold site are the same bytes
same() {
  if d=$(diff -r "$TMP/cold-$1" "$TMP/warm-$1" 2>&1); then ok "$2"; else fail "$2" "$(echo "$d" | head -20)"; fi
}
# hits: how many outputs the last warm build took from the cache (0: none)
hits() { sed -n 's/.*, \([0-9]*\) from the cache.*/\1/p' "$TMP/err" | grep . || echo 0; }

# -- --no-cache writes none; the default is "cache" beside the output -------------------
cold first
[ ! -e "$TMP/cache" ] && [ ! -e "$TMP/cold-first/cache" ] && ok "--no-cache writes no cache" ||
  fail "--no-cache writes no cache" "$(ls "$TMP")"
mkdir -p "$TMP/d"
nosearch "$STATUUT" build -q --content "$C" --templates "$TT" --out "$TMP/d/site"
[ -d "$TMP/d/cache" ] && [ -n "$(find "$TMP/d/cache" -type f -name '*.meta')" ] &&
  ok "by default the cache is cache/ beside the output" || fail "by default the cache is cache/ beside the output" "$(ls -R "$TMP/d" | head)"

# -- --cache DIR: filled by the first build, used by the next ---------------------------
warm first
[ -n "$(find "$TMP/cache" -type f -name '*.meta')" ] && ok "--cache DIR writes the cache into DIR" ||
  fail "--cache DIR writes the cache into DIR" "$(ls -R "$TMP/cache" | head)"
[ "$(hits)" -eq 0 ] && ok "... a first build finds nothing there" || fail "... a first build finds nothing there" "$(cat "$TMP/err")"
same first "... and its site is the cold build's"
warm first
n=$(hits)
# 2 documents, 3 versions: 3 version pages and PDFs, 2 latest/ pages, 1 redline page and PDF
[ "$n" -eq 10 ] && ok "a second build takes every page and PDF from the cache (10)" ||
  fail "a second build takes every page and PDF from the cache (10)" "$(cat "$TMP/err")"
expect_grep "... and says so in its summary" "$TMP/err" "statuut: built 9 pages, 4 PDFs, 1 redline in "
same first "... with the same bytes as a cold build"
bad=$(find "$TMP/warm-first" -type f ! -perm -0444 | head -3)
[ -z "$bad" ] && ok "... every file readable by all (a web server)" || fail "... every file readable by all (a web server)" "$bad"

# -- an edit of a version: only what shows it is made again -----------------------------
sed -i 's/korte tekst/kortere tekst/' "$C/voorbeeld/1.1.md"
cold version
warm version
same version "after an edit of a version, the build with the cache equals a cold build"
n=$(hits)
# untouched: tweede (page, PDF, latest/) and voorbeeld 1.0's PDF
[ "$n" -eq 4 ] && ok "... reusing the outputs that do not show the edited version (4)" ||
  fail "... reusing the outputs that do not show the edited version (4)" "$(cat "$TMP/err")"

# -- an edit of a template and of an asset ----------------------------------------------
sed -i 's|</body>|<!-- edited --></body>|' "$TT/base.html"
echo '/* edited */' >>"$TT/style.css"
cold template
warm template
same template "after an edit of a template, the build with the cache equals a cold build"
[ "$(hits)" -eq 4 ] && ok "... reusing the PDFs, which no template shapes (4)" ||
  fail "... reusing the PDFs, which no template shapes (4)" "$(cat "$TMP/err")"

# -- an edit of site.yaml ----------------------------------------------------------------
sed -i 's|^title:.*|title: "Een andere titel"|' "$C/site.yaml"
grep -q 'Een andere titel' "$C/site.yaml" || echo 'title: "Een andere titel"' >>"$C/site.yaml"
cold site
warm site
same site "after an edit of site.yaml, the build with the cache equals a cold build"
[ "$(hits)" -eq 0 ] && ok "... making everything again" || fail "... making everything again" "$(cat "$TMP/err")"

# -- a damaged entry: truncated, one byte flipped ---------------------------------------
warm damage >/dev/null
cp -R "$TMP/warm-damage" "$TMP/cold-damage"
# the site's files are links to the entries it was placed from: damaging them damages those
first="$TMP/warm-damage/voorbeeld/1.0/index.html"
second="$TMP/warm-damage/voorbeeld/1.0/voorbeeld-1.0.pdf"
[ -f "$second" ] || second=$(find "$TMP/warm-damage" -name '*.pdf' | sort | head -1)
size=$(wc -c <"$first")
head -c $((size / 2)) "$first" >"$TMP/half" && cat "$TMP/half" >"$first"
# one byte in the middle of the other, flipped in place (as a disk might)
off=$(($(wc -c <"$second") / 2))
byte=$(od -An -tu1 -j "$off" -N1 "$second" | tr -d ' ')
printf "$(printf '\\%03o' $((byte ^ 1)))" | dd of="$second" bs=1 seek="$off" conv=notrunc 2>/dev/null
rm -rf "$TMP/warm-damage"
if warm damage; then ok "a build over damaged cache entries succeeds"; else fail "a build over damaged cache entries succeeds" "$(cat "$TMP/err")"; fi
expect_grep "... warning of the truncated one" "$TMP/err" "warning: damaged cache entry of voorbeeld/1.0/index.html discarded and made again: it holds"
expect_grep "... and of the changed one" "$TMP/err" "discarded and made again: its bytes do not match their checksum [cache]"
expect_grep "... counting them in the summary" "$TMP/err" ", 2 damaged cache entries rebuilt;"
same damage "... and gives the same site"
warm damage
expect_no_grep "... whose entries are whole again afterwards" "$TMP/err" "discarded"

# -- manifest.json: each document's entry comes from the cache, checked like the rest ----
cold manifest
rm -rf "$TMP/cache"
warm manifest
entry=$(grep -l -r '^      "slug": "voorbeeld",$' "$TMP/cache" | grep -v '\.meta$' | head -1)
[ -n "$entry" ] && ok "each document's manifest entry is a cache entry" ||
  fail "each document's manifest entry is a cache entry" "$(ls -R "$TMP/cache" | head)"
[ -n "$entry" ] && sed -i 's/"history": "voorbeeld/"history": "xoorbeeld/' "$entry"
warm manifest
expect_grep "... a damaged one is noticed" "$TMP/err" "warning: damaged cache entry of manifest.json discarded and made again"
same manifest "... and made again, the manifest a cold build's"
expect_no_grep "... and the entry is whole again" "$TMP/warm-manifest/manifest.json" xoorbeeld

# -- builds sharing one cache at the same time ------------------------------------------
rm -rf "$TMP/cache"
nosearch "$STATUUT" build -q --cache "$TMP/cache" --content "$C" --templates "$TT" --out "$TMP/p1" 2>"$TMP/e1" &
p1=$!
nosearch "$STATUUT" build -q --cache "$TMP/cache" --content "$C" --templates "$TT" --out "$TMP/p2" 2>"$TMP/e2" &
p2=$!
wait $p1
r1=$?
wait $p2
r2=$?
[ $r1 -eq 0 ] && [ $r2 -eq 0 ] && ok "two builds at once on one cache both succeed" ||
  fail "two builds at once on one cache both succeed" "exit $r1 and $r2" "$(cat "$TMP/e1" "$TMP/e2")"
if d=$(diff -r "$TMP/p1" "$TMP/p2" 2>&1) && diff -r "$TMP/p1" "$TMP/cold-damage" >/dev/null; then
  ok "... and give the same site, a cold build's"
else
  fail "... and give the same site, a cold build's" "$(echo "$d" | head)"
fi
warm shared
expect_no_grep "... leaving no damaged entry" "$TMP/err" "discarded"

# -- -j 2 equals -j 1 with a warm cache -------------------------------------------------
warm j1 -j 1
warm j2 -j 2
if d=$(diff -r "$TMP/warm-j1" "$TMP/warm-j2" 2>&1); then ok "-j 2 equals -j 1 with a warm cache"; else fail "-j 2 equals -j 1 with a warm cache" "$(echo "$d" | head)"; fi
[ "$(hits)" -eq 10 ] && ok "... the workers counting what they took from the cache (10)" ||
  fail "... the workers counting what they took from the cache (10)" "$(cat "$TMP/err")"

# -- what a PDF's making said is said again when it comes from the cache ----------------
mkdir -p "$TMP/img/doc"
cp "$C/site.yaml" "$TMP/img/"
cat >"$TMP/img/doc/1.0.md" <<'EOF'
---
title: "Met een afbeelding"
version: "1.0"
date: 2024-01-01
status: vastgesteld
summary: "Eerste versie."
---

# Afbeelding

![Een plaatje dat geen PNG is](plaatje.png)
EOF
echo 'geen png' >"$TMP/img/doc/plaatje.png"
nosearch "$STATUUT" build --verbose --cache "$TMP/cache" --content "$TMP/img" --templates "$TT" --out "$TMP/img1" 2>"$TMP/v1"
nosearch "$STATUUT" build --verbose --cache "$TMP/cache" --content "$TMP/img" --templates "$TT" --out "$TMP/img2" 2>"$TMP/v2"
expect_grep "a PDF's warning" "$TMP/v1" "cannot be read as PNG"
if [ "$(grep -v '^statuut: built' "$TMP/v1")" = "$(grep -v '^statuut: built' "$TMP/v2")" ]; then
  ok "... is given again by a build that takes the PDF from the cache"
else
  fail "... is given again by a build that takes the PDF from the cache" "$(cat "$TMP/v1" "$TMP/v2")"
fi
# the image is an input of the PDF: a real PNG now
python3 -c '
import struct, sys, zlib
def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
sys.stdout.buffer.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
  + chunk(b"IDAT", zlib.compress(b"\0\0\0\0")) + chunk(b"IEND", b""))' >"$TMP/img/doc/plaatje.png"
nosearch "$STATUUT" build --verbose --cache "$TMP/cache" --content "$TMP/img" --templates "$TT" --out "$TMP/img2" 2>"$TMP/v2"
expect_no_grep "... and not once the image is a PNG (the image is in the key)" "$TMP/v2" "cannot be read as PNG"

# -- the search index through the cache -------------------------------------------------
if [ -x "${STATUUT_PAGEFIND:-}" ]; then
  env -u CI "$STATUUT" build -q --cache "$TMP/cache" --content "$C" --templates "$TT" --out "$TMP/s1"
  env -u CI "$STATUUT" build --cache "$TMP/cache" --content "$C" --templates "$TT" --out "$TMP/s2" 2>"$TMP/err"
  env -u CI "$STATUUT" build -q --no-cache --content "$C" --templates "$TT" --out "$TMP/s3"
  # the 10 pages and PDFs, and the search index of each of the two documents
  [ "$(hits)" -eq 12 ] && ok "the search indexes come from the cache when their pages did not change (12)" ||
    fail "the search indexes come from the cache when their pages did not change (12)" "$(cat "$TMP/err")"
  if d=$(diff -r "$TMP/s2" "$TMP/s3" 2>&1); then ok "... the same as a cold build's"; else fail "... the same as a cold build's" "$(echo "$d" | head)"; fi
fi

# -- --no-pdf: the pages alone ----------------------------------------------------------
expect_exit "--no-pdf builds" 0 nosearch "$STATUUT" build --no-pdf --no-cache --content "$C" --templates "$TT" --out "$TMP/nopdf"
[ -z "$(find "$TMP/nopdf" -name '*.pdf')" ] && [ -f "$TMP/nopdf/voorbeeld/1.0/index.html" ] &&
  ok "... the pages, no PDF" || fail "... the pages, no PDF" "$(find "$TMP/nopdf" | head)"
expect_no_grep "... and manifest.json names none" "$TMP/nopdf/manifest.json" ".pdf"
links=$(grep -rl '\.pdf"' "$TMP/nopdf" --include=index.html | head -3)
[ -z "$links" ] && ok "... nor does any page link to one" || fail "... nor does any page link to one" "$links"
expect_grep "... the summary counting none" "$TMP/err" " 0 PDFs, "

# -- refused -----------------------------------------------------------------------------
expect_exit "--cache and --no-cache together are refused" 2 "$STATUUT" build --cache "$TMP/x" --no-cache --out "$TMP/y"
expect_exit "a cache inside the output is refused" 2 nosearch "$STATUUT" build --cache "$TMP/warm-first/cache" --content "$C" --templates "$TT" --out "$TMP/warm-first"
expect_grep "... saying why" "$TMP/err" "the output and the cache may not be inside each other"
expect_exit "a cache inside the content is refused" 2 nosearch "$STATUUT" build --cache "$C/cache" --content "$C" --templates "$TT" --out "$TMP/z"
finish

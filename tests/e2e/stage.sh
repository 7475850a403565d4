# The staging folder of a build with a cache (include/statuut/stage.h): the
# site a swap replaces is kept as .<base>.prev and the next build takes that
# tree as its staging folder. Whatever the tree holds, the site swapped in is
# the one a cold build makes: an edit, a removed version, files no build
# placed, a link out, a damaged file, the lists of workers of an earlier
# build; a failed build leaves the site as it was.
. tests/e2e/lib.sh
nosearch() { env -u CI STATUUT_PAGEFIND=/nonexistent "$@"; }
cp -R tests/golden/content "$TMP/content"
C="$TMP/content"
S="$TMP/o/site"
P="$TMP/o/.site.prev"

# warm [OPTION...]: a build of $C into $S with the cache $TMP/cache
warm() { nosearch "$STATUUT" build "$@" --cache "$TMP/cache" --content "$C" --out "$S" 2>"$TMP/err"; }
# same WHAT: $S is the cold build's site of $C, byte for byte
same() {
  rm -rf "$TMP/cold"
  nosearch "$STATUUT" build -q --no-cache --content "$C" --out "$TMP/cold"
  if d=$(diff -r "$TMP/cold" "$S" 2>&1); then ok "$1"; else fail "$1" "$(echo "$d" | head -20)"; fi
}

warm
[ ! -e "$P" ] && ok "a first build keeps no earlier site (there was none)" || fail "a first build keeps no earlier site (there was none)" "$(ls -a "$TMP/o")"
warm
[ -f "$P/manifest.json" ] && ok "a build with a cache keeps the site it replaces as .site.prev" ||
  fail "a build with a cache keeps the site it replaces as .site.prev" "$(ls -a "$TMP/o")"
same "... and its site is the cold build's"

# the next build takes the tree: it is gone as .prev until the swap puts the new one's predecessor there
ino=$(stat -c %i "$P")
warm
[ "$(stat -c %i "$S")" = "$ino" ] && ok "the next build takes that tree as its staging folder" ||
  fail "the next build takes that tree as its staging folder" "site $(stat -c %i "$S"), the tree was $ino"
same "... and its site is the cold build's"

sed -i 's/korte tekst/kortere tekst/' "$C/voorbeeld/1.1.md"
warm -j 2
same "after an edit of a version (two workers placing files), the site is the cold build's"
warm -j 1
same "... also after one more build, by one process"

# a version removed: its pages and PDFs were in the tree and must go
cp "$C/voorbeeld/1.1.md" "$TMP/1.1.md"
rm "$C/voorbeeld/1.1.md"
warm
warm
[ ! -e "$S/voorbeeld/1.1" ] && ok "a removed version's pages are swept from the taken tree" ||
  fail "a removed version's pages are swept from the taken tree" "$(ls "$S/voorbeeld")"
same "... and the site is the cold build's"
cp "$TMP/1.1.md" "$C/voorbeeld/1.1.md"
warm

# what no build places, in the tree the next build takes
mkdir -p "$P/verdwaald/diep" "$P/.zoek"
echo x >"$P/verdwaald/diep/los.html"
echo x >"$P/voorbeeld/los.html"
echo x >"$P/.zoek/index.html"
ln -s /etc "$P/voorbeeld/naar-buiten"
mkfifo "$P/pijp"
# a worker's list of a build that was killed: what it names was not placed by this build
printf 'F voorbeeld/los.html\nT verdwaald\n' >"$P/.statuut-placed-1"
warm
[ ! -e "$S/verdwaald" ] && [ ! -e "$S/voorbeeld/los.html" ] && ok "files and folders no output placed are swept" ||
  fail "files and folders no output placed are swept" "$(ls -a "$S" "$S/voorbeeld")"
[ ! -e "$S/voorbeeld/naar-buiten" ] && [ ! -e "$S/pijp" ] && ok "... so are a link out of the site and a pipe" ||
  fail "... so are a link out of the site and a pipe" "$(ls -la "$S/voorbeeld")"
[ -z "$(ls -A "$S" | grep '^\.')" ] && ok "... and the hidden files of an earlier build (its lists, Pagefind's tree)" ||
  fail "... and the hidden files of an earlier build (its lists, Pagefind's tree)" "$(ls -a "$S")"
same "... and the site is the cold build's"

# a file of the tree changed in place: it is a link to a cache entry, which the build checks
warm
printf 'veranderd' >>"$P/voorbeeld/1.0/index.html"
warm
expect_grep "a file of the tree changed in place is found damaged" "$TMP/err" "damaged cache entry of voorbeeld/1.0/index.html"
same "... made again, and the site is the cold build's"

# a failed build: the site stays as it was, and the next build is whole again
warm
cp -R "$S" "$TMP/before"
sed -i 's/kortere tekst/nog kortere tekst/' "$C/voorbeeld/1.1.md"
# the PDFs exceed the limit and the pages do not; with SIGXFSZ ignored, write(2) fails
(
  ulimit -f 100
  trap '' XFSZ
  warm
)
[ "$?" -eq 2 ] && ok "a build that cannot write a PDF fails" || fail "a build that cannot write a PDF fails" "$(cat "$TMP/err")"
if d=$(diff -r "$TMP/before" "$S" 2>&1); then ok "... and leaves the site as it was"; else fail "... and leaves the site as it was" "$(echo "$d" | head)"; fi
[ -z "$(ls -a "$TMP/o" | grep '\.tmp-')" ] && ok "... without a staging folder" || fail "... without a staging folder" "$(ls -a "$TMP/o")"
warm
same "the build after it gives the cold build's site"

# a tree that cannot be read whole (nested beyond PATH_MAX) only costs the build its head start
warm
python3 -c '
import os, sys
os.chdir(sys.argv[1])
for i in range(1500):
    os.mkdir("dd")
    os.chdir("dd")
open("x.html", "w").write("x")' "$P"
expect_exit "a build whose earlier tree is nested beyond PATH_MAX succeeds" 0 warm
same "... in a new folder, with the cold build's site"

# without a cache nothing is kept: the build is a cold one
nosearch "$STATUUT" build -q --no-cache --content "$C" --out "$TMP/nc/site"
nosearch "$STATUUT" build -q --no-cache --content "$C" --out "$TMP/nc/site"
[ "$(ls -A "$TMP/nc")" = site ] && ok "a build without a cache keeps no earlier site" || fail "a build without a cache keeps no earlier site" "$(ls -a "$TMP/nc")"
finish

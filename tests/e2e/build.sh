# statuut build: golden pages, well-formed HTML with working links,
# determinism, and a failed build that leaves the old site in place.
. tests/e2e/lib.sh
G=tests/golden

# -- golden site: every file of the fixture site, byte for byte ----------------
# The golden site is built without search: its pages do not depend on
# whether Pagefind is installed (tests/e2e/search.sh tests the search), nor
# on the web fonts (binary; tests/e2e/a11y.sh builds with them).
expect_exit "fixture site builds" 0 env STATUUT_PAGEFIND=/nonexistent STATUUT_FONTS=/nonexistent "$STATUUT" build --content $G/content --templates templates --out "$TMP/gold"
# style.css is a copy of templates/style.css, not generated: not golden; the
# PDFs are tested by tests/e2e/pdf.sh with poppler-utils, not byte for byte
if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
  rm -rf $G/expected && cp -r "$TMP/gold" $G/expected && rm $G/expected/style.css
  find $G/expected -name '*.pdf' -delete
  ok "golden files updated"
elif diff -r -x style.css -x '*.pdf' $G/expected "$TMP/gold" >"$TMP/diff"; then
  ok "fixture site matches the golden files"
else
  fail "fixture site matches the golden files" "$(head -60 "$TMP/diff")" "(UPDATE_GOLDEN=1 make test rewrites them; review the diff)"
fi

expect_exit "fixture site: well-formed pages, links resolve" 0 "$SITECHECK" "$TMP/gold"
expect_grep "the latest/ page is the newest vastgesteld version" "$TMP/gold/voorbeeld/latest/index.html" '<dd>1.0</dd>'
expect_grep "the latest/ page's canonical is its version" "$TMP/gold/voorbeeld/latest/index.html" '<link rel="canonical" href="https://example.org/statuut/voorbeeld/1.0/"/>'
expect_grep "a version page's canonical is itself" "$TMP/gold/voorbeeld/1.1/index.html" '<link rel="canonical" href="https://example.org/statuut/voorbeeld/1.1/"/>'
expect_grep "a concept is marked as such" "$TMP/gold/voorbeeld/1.1/index.html" 'class="melding concept"'
expect_no_grep "a vastgesteld version is not marked concept" "$TMP/gold/voorbeeld/1.0/index.html" 'class="melding concept"'
expect_grep "with no vastgesteld version latest/ is the newest" "$TMP/gold/tweede/latest/index.html" '<dd>1</dd>'
expect_grep "manifest lists versions with paths" "$TMP/gold/manifest.json" '"html": "voorbeeld/1.1/index.html"'
expect_no_grep "the feed leaves concepts out" "$TMP/gold/feed.xml" 'voorbeeld/1.1/'
expect_grep "manifest lists the diff of consecutive versions" "$TMP/gold/manifest.json" '"html": "voorbeeld/verschil/1.0-1.1/index.html"'
expect_grep "the version history links the diff" "$TMP/gold/voorbeeld/index.html" '<a href="../voorbeeld/verschil/1.0-1.1/index.html">ten opzichte van 1.0</a>'
expect_grep "a version page links what changed since the previous one" "$TMP/gold/voorbeeld/1.1/index.html" 'Wat is er veranderd ten opzichte van versie <span>1.0</span>?'
expect_no_grep "the first version has no such link" "$TMP/gold/voorbeeld/1.0/index.html" 'Wat is er veranderd'
expect_grep "the diff page links back to the history" "$TMP/gold/voorbeeld/verschil/1.0-1.1/index.html" 'href="../../../voorbeeld/index.html"'

# -- the real content -------------------------------------------------------------
expect_exit "content/ builds" 0 "$STATUUT" build --out "$TMP/site"
expect_exit "content/ site: well-formed pages, links resolve" 0 "$SITECHECK" "$TMP/site"
n=$(ls "$TMP/site"/*/index.html | wc -l)
[ "$n" -ge 1 ] && ok "content/ site has document histories ($n)" || fail "content/ site has document histories"

# -- determinism ---------------------------------------------------------------------
"$STATUUT" build --out "$TMP/site2" 2>/dev/null
if diff -r "$TMP/site" "$TMP/site2" >/dev/null; then ok "two builds are byte-identical"; else fail "two builds are byte-identical" "$(diff -r "$TMP/site" "$TMP/site2" | head -20)"; fi

# -- sitecheck itself must catch what it is for ------------------------------------
mkdir -p "$TMP/bad"
printf '<!DOCTYPE html>\n<html lang="nl"><head><meta charset="utf-8"/></head><body><a href="nope.html">x</a><a href="#geen">y</a><p data-slot="x"><br></p></body></html>\n' >"$TMP/bad/index.html"
expect_exit "sitecheck rejects a broken page" 1 "$SITECHECK" "$TMP/bad"
expect_grep "sitecheck reports not well-formed" "$TMP/err" "not well-formed"
printf '<!DOCTYPE html>\n<html lang="nl"><head><meta charset="utf-8"/></head><body><a href="nope.html">x</a><a href="#geen">y</a><p data-slot="x">z</p></body></html>\n' >"$TMP/bad/index.html"
expect_exit "sitecheck rejects broken links" 1 "$SITECHECK" "$TMP/bad"
expect_grep "sitecheck reports a missing file" "$TMP/err" "link to missing file 'nope.html'"
expect_grep "sitecheck reports a missing anchor" "$TMP/err" "link to missing anchor '#geen'"
expect_grep "sitecheck reports template leftovers" "$TMP/err" "template attribute data-slot"

# -- a failed build leaves the previous site --------------------------------------
cp -r $G/content "$TMP/content"
"$STATUUT" build --content "$TMP/content" --out "$TMP/keep" 2>/dev/null
before=$(cd "$TMP/keep" && find . -type f | sort | xargs cat | cksum)
printf -- '---\ntitle: "x"\nversion: "2.0"\ndate: 2022-13-01\nstatus: concept\n---\nx\n' >"$TMP/content/voorbeeld/2.0.md"
expect_exit "bad content fails the build" 2 "$STATUUT" build --content "$TMP/content" --out "$TMP/keep"
expect_grep "the error names file, line and column" "$TMP/err" "voorbeeld/2.0.md:4:7: error: invalid date '2022-13-01'"
expect_grep "the build says the old site stays" "$TMP/err" "build failed;"
after=$(cd "$TMP/keep" && find . -type f | sort | xargs cat | cksum)
[ "$before" = "$after" ] && ok "a failed build leaves the old site untouched" || fail "a failed build leaves the old site untouched"
leftover=$(ls -a "$TMP" | grep -c '\.keep\.tmp-' || true)
[ "$leftover" -eq 0 ] && ok "a failed build leaves no staging folder" || fail "a failed build leaves no staging folder"
rm "$TMP/content/voorbeeld/2.0.md"

# -- templates ---------------------------------------------------------------------------
cp -r templates "$TMP/tpl"
sed 's/data-slot="body"/data-slot="lichaam"/' templates/document.html >"$TMP/tpl/document.html"
expect_exit "a template error fails the build" 2 "$STATUUT" build --content "$TMP/content" --templates "$TMP/tpl" --out "$TMP/keep"
expect_grep "a template error names file and slot" "$TMP/err" "tpl/document.html:"
expect_grep "a template error names the slot" "$TMP/err" "unknown slot 'lichaam'"
after=$(cd "$TMP/keep" && find . -type f | sort | xargs cat | cksum)
[ "$before" = "$after" ] && ok "a template error leaves the old site untouched" || fail "a template error leaves the old site untouched"
cp templates/document.html "$TMP/tpl/document.html"
sed 's|<footer class="site-voet">|<footer class="site-voet"><p class="eigen">Eigen template</p>|' templates/base.html >"$TMP/tpl/base.html"
expect_exit "--templates replaces the default templates" 0 "$STATUUT" build --content "$TMP/content" --templates "$TMP/tpl" --out "$TMP/keep"
expect_grep "--templates output uses the replacement" "$TMP/keep/index.html" '<p class="eigen">Eigen template</p>'
# The web fonts: copied into fonts/ from build/fonts (STATUUT_FONTS); the
# stylesheet names each; without them the build says so once.
if [ -f build/fonts/Vollkorn-Regular.woff2 ]; then
  expect_exit "a build with the web fonts" 0 env STATUUT_FONTS="$PWD/build/fonts" STATUUT_PAGEFIND=/nonexistent "$STATUUT" build --content $G/content --templates templates --out "$TMP/fonts"
  for f in Vollkorn-Regular Vollkorn-Italic Vollkorn-Bold Vollkorn-BoldItalic; do
    if cmp -s "build/fonts/$f.woff2" "$TMP/fonts/fonts/$f.woff2"; then ok "$f is in the site"; else fail "$f is in the site"; fi
    expect_grep "... and the stylesheet names it" "$TMP/fonts/style.css" "url(\"fonts/$f.woff2\") format(\"woff2\")"
  done
  expect_no_grep "... and says nothing of fonts" "$TMP/err" 'no web fonts'
  [ "$(head -c 4 build/fonts/Vollkorn-Regular.woff2)" = wOF2 ] && ok "the fonts are WOFF2" || fail "the fonts are WOFF2"
else
  fail "a build with the web fonts" "build/fonts is missing (make makes it)"
fi
expect_exit "a build without them" 0 env STATUUT_FONTS=/nonexistent STATUUT_PAGEFIND=/nonexistent "$STATUUT" build --content $G/content --templates templates --out "$TMP/nofonts"
n=$(grep -c "no web fonts: none in /nonexistent (make makes them)" "$TMP/err")
[ "$n" -eq 1 ] && ok "... says so once" || fail "... says so once" "$(cat "$TMP/err")"
[ ! -e "$TMP/nofonts/fonts" ] && ok "... and has no fonts folder" || fail "... and has no fonts folder"
finish

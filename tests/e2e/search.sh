# Search (Pagefind): the build indexes the staged site before the swap, so
# the index is part of the atomic, deterministic build; without Pagefind the
# build succeeds without search and says so once.
. tests/e2e/lib.sh
C=tests/fixtures/versies/content
if [ ! -x "${STATUUT_PAGEFIND:-}" ]; then
  ok "Pagefind is not installed: search is not tested (make installs it)"
else
  expect_exit "a build with search" 0 "$STATUUT" build --content $C --templates templates --out "$TMP/a"
  [ -f "$TMP/a/pagefind/statuut/pagefind-entry.json" ] && ok "the document's index is in the site" || fail "the document's index is in the site"
  [ -f "$TMP/a/zoeken/index.html" ] && ok "the search page is in the site" || fail "the search page is in the site"
  expect_grep "the search page loads Pagefind's interface from it" "$TMP/a/zoeken/index.html" '<script src="../pagefind/statuut/pagefind-ui.js">'
  expect_grep "... and names the indexes it merges" "$TMP/a/zoeken/index.html" 'data-indexen="../pagefind/statuut/"'
  expect_grep "the search page is Dutch" "$TMP/a/zoeken/index.html" '<html lang="nl">'
  expect_grep "every page has a search box" "$TMP/a/statuut/1.0/index.html" '<form class="zoek-kop" role="search" action="../../zoeken/index.html">'
  expect_grep "the index page too" "$TMP/a/index.html" '<form class="zoek-kop" role="search" action="zoeken/index.html">'
  expect_grep "the box has a name for screen readers" "$TMP/a/index.html" '<label class="vh" for="zoek-kop">Zoeken in de documenten</label>'
  expect_grep "pages say what they are to the search" "$TMP/a/statuut/1.1/index.html" 'data-pagefind-filter="soort:Geldende versies"'
  expect_grep "... a concept" "$TMP/a/statuut/2.0/index.html" 'data-pagefind-filter="soort:Concepten"'
  expect_grep "... an older version" "$TMP/a/statuut/1.0/index.html" 'data-pagefind-filter="soort:Oudere versies"'
  expect_grep "... a redline" "$TMP/a/statuut/verschil/1.0-2.0/index.html" 'data-pagefind-filter="soort:Wijzigingen"'
  expect_grep "the versions in force are searched first" "$TMP/a/zoeken/index.html" '<input type="radio" name="soort" value="Geldende versies" checked="checked"/>'
  expect_no_grep "the page's script is not escaped" "$TMP/a/zoeken/index.html" '&amp;'
  expect_grep "the index is Dutch" "$TMP/a/pagefind/statuut/pagefind-entry.json" '"nl"'
  n=$(sed -n 's/.*"page_count":\([0-9]*\).*/\1/p' "$TMP/a/pagefind/statuut/pagefind-entry.json")
  # 3 versions, the redlines 1.0-1.1 and 1.1-2.0; not 1.0-2.0, not latest/
  [ "$n" = 5 ] && ok "versions and consecutive redlines are indexed, not latest/ (5 pages)" || fail "versions and consecutive redlines are indexed, not latest/ (5 pages)" "got '$n'"
  expect_exit "the same build again" 0 "$STATUUT" build --content $C --templates templates --out "$TMP/b"
  if diff -r "$TMP/a/pagefind" "$TMP/b/pagefind" >"$TMP/d"; then ok "two builds give the same index bytes"; else fail "two builds give the same index bytes" "$(head -5 "$TMP/d")"; fi
  expect_exit "search page well-formed, links resolve" 0 "$SITECHECK" "$TMP/a"
  [ ! -e "$TMP/a/.zoek" ] && ok "the tree Pagefind reads is not published" || fail "the tree Pagefind reads is not published" "$(ls -a "$TMP/a")"
  # After an edit the cached index is not taken: the index is a cold build's.
  cp -R $C "$TMP/ed"
  expect_exit "a build that fills a cache" 0 "$STATUUT" build -q --content "$TMP/ed" --templates templates --cache "$TMP/edcache" --out "$TMP/ed1"
  sed -i 's/in het samenspel/in het samenspel en de zeppelinhangar/' "$TMP/ed/statuut/1.1.md"
  expect_exit "... an edit, and a build with that cache" 0 "$STATUUT" build -q --content "$TMP/ed" --templates templates --cache "$TMP/edcache" --out "$TMP/ed1"
  expect_exit "... and without it" 0 "$STATUUT" build -q --content "$TMP/ed" --templates templates --no-cache --out "$TMP/ed2"
  if diff -r "$TMP/ed1/pagefind" "$TMP/ed2/pagefind" >"$TMP/d"; then ok "... give the same index"; else fail "... give the same index" "$(head -5 "$TMP/d")"; fi
  if diff -r "$TMP/a/pagefind" "$TMP/ed1/pagefind" >/dev/null; then fail "... which is not the index before the edit"; else ok "... which is not the index before the edit"; fi
  # One index per document, merged by the search page: an edit makes its document's index again
  # and takes the others from the cache. Pagefind through a wrapper that logs the index it writes
  # (one wrapper for every build here: Pagefind's path is in the cache key).
  printf '#!/bin/sh\nfor a in "$@"; do [ "$prev" = --output-path ] && basename "$a" >>"%s"; prev=$a; done\nexec "%s" "$@"\n' \
    "$TMP/pf.log" "$STATUUT_PAGEFIND" >"$TMP/pfwrap"
  chmod +x "$TMP/pfwrap"
  pf() { STATUUT_PAGEFIND="$TMP/pfwrap" "$STATUUT" build -q --templates templates "$@"; }
  made() { tr '\n' ' ' <"$TMP/pf.log" | sed 's/ $//'; : >"$TMP/pf.log"; }
  : >"$TMP/pf.log"
  cp -R $C "$TMP/two"
  mkdir -p "$TMP/two/bijlage"
  printf -- '---\ntitle: "Bijlage"\nversion: "1.0"\ndate: 2023-02-01\nstatus: vastgesteld\n---\n\n# Bijlage\n\nDe vuurtorenwachter telt de schepen.\n' >"$TMP/two/bijlage/1.0.md"
  expect_exit "a site of two documents" 0 pf --content "$TMP/two" --cache "$TMP/twocache" --out "$TMP/two1"
  [ "$(made)" = "bijlage statuut" ] && ok "... makes an index per document" || fail "... makes an index per document"
  [ -f "$TMP/two1/pagefind/bijlage/pagefind-entry.json" ] && [ -f "$TMP/two1/pagefind/statuut/pagefind-entry.json" ] &&
    ok "... into the site" || fail "... into the site" "$(ls -R "$TMP/two1/pagefind" | head)"
  expect_grep "... which the search page merges, the first carrying the interface" "$TMP/two1/zoeken/index.html" \
    'data-indexen="../pagefind/bijlage/ ../pagefind/statuut/"'
  [ -f "$TMP/two1/pagefind/bijlage/pagefind-ui.js" ] && [ -f "$TMP/two1/pagefind/bijlage/wasm.nl.pagefind" ] &&
    ok "... the first index has Pagefind's interface and WebAssembly" || fail "... the first index has Pagefind's interface and WebAssembly"
  only_index() { # the files of a merged index besides its entry, metadata and chunks
    ls "$1" | grep -v -e '^pagefind-entry.json$' -e '\.pf_meta$' -e '^index$' -e '^fragment$' -e '^filter$'
  }
  left=$(only_index "$TMP/two1/pagefind/statuut")
  [ -z "$left" ] && ok "... a merged one only its entry, metadata and chunks" || fail "... a merged one only its entry, metadata and chunks" "$left"
  sed -i 's/De vuurtorenwachter telt/De vuurtorenwachter en de kapitein tellen/' "$TMP/two/bijlage/1.0.md"
  expect_exit "... an edit of one document, built with the cache" 0 pf --content "$TMP/two" --cache "$TMP/twocache" --out "$TMP/two2"
  got=$(made)
  [ "$got" = bijlage ] && ok "... makes that document's index again, and only it" || fail "... makes that document's index again, and only it" "made: '$got'"
  if diff -r "$TMP/two1/pagefind/statuut" "$TMP/two2/pagefind/statuut" >"$TMP/d"; then ok "... the other one's is as it was"; else fail "... the other one's is as it was" "$(head -5 "$TMP/d")"; fi
  if diff -r "$TMP/two1/pagefind/bijlage" "$TMP/two2/pagefind/bijlage" >/dev/null; then fail "... and its own is new"; else ok "... and its own is new"; fi
  expect_exit "... and without the cache" 0 pf --content "$TMP/two" --no-cache --out "$TMP/two3"
  if diff -r "$TMP/two2/pagefind" "$TMP/two3/pagefind" >"$TMP/d"; then ok "... the same indexes"; else fail "... the same indexes" "$(head -5 "$TMP/d")"; fi
  [ ! -e "$TMP/two2/.zoek" ] && ok "... and no tree Pagefind read is published" || fail "... and no tree Pagefind read is published"
  # a document that sorts first takes over the interface: the one before it is merged now
  # (in the same folder: the sources' paths are in the keys)
  mkdir -p "$TMP/two/aanhangsel"
  sed 's/Bijlage/Aanhangsel/g' "$TMP/two/bijlage/1.0.md" >"$TMP/two/aanhangsel/1.0.md"
  : >"$TMP/pf.log"
  expect_exit "a document added before the others" 0 pf --content "$TMP/two" --cache "$TMP/twocache" --out "$TMP/three1"
  got=$(made)
  [ "$got" = "aanhangsel bijlage" ] && ok "... makes its index and the one that is merged now, not the third" ||
    fail "... makes its index and the one that is merged now, not the third" "made: '$got'"
  [ -f "$TMP/three1/pagefind/aanhangsel/pagefind-ui.js" ] && [ -z "$(only_index "$TMP/three1/pagefind/bijlage")" ] &&
    ok "... the interface now in the new first index only" || fail "... the interface now in the new first index only" "$(ls "$TMP/three1/pagefind/"*)"
  expect_exit "... and without the cache" 0 pf --content "$TMP/two" --no-cache --out "$TMP/three2"
  if diff -r "$TMP/three1" "$TMP/three2" >"$TMP/d"; then ok "... the same site"; else fail "... the same site" "$(head -5 "$TMP/d")"; fi
  # no document, nothing to search: no search page, and no link to one
  mkdir -p "$TMP/none"
  cp $C/site.yaml "$TMP/none/"
  expect_exit "a site without documents" 0 env STATUUT_PAGEFIND="$TMP/pfwrap" "$STATUUT" build --templates templates --content "$TMP/none" --no-cache --out "$TMP/none1"
  [ ! -e "$TMP/none1/zoeken" ] && [ ! -e "$TMP/none1/pagefind" ] && ok "... has no search page and no index" ||
    fail "... has no search page and no index" "$(ls "$TMP/none1")"
  expect_no_grep "... nor a search box" "$TMP/none1/index.html" 'zoek-kop'
  expect_no_grep "... and does not say Pagefind is missing" "$TMP/err" 'no search'
  # A member's query in headless Chromium finds a known passage.
  if [ -d "${STATUUT_NODE_MODULES:-}/playwright-core" ] && command -v node >/dev/null && [ -x /usr/bin/chromium ]; then
    expect_exit "a query from a page's box finds the passage in the version in force" 0 node tests/browser/search.mjs "$TMP/a" "samenspel" "statuut/1.1/" --from statuut/1.0/
    expect_exit "... and not, by default, in the concept that has it too" 0 node tests/browser/search.mjs "$TMP/a" "samenspel" "statuut/2.0/" --absent
    expect_exit "a word only the concept has is found among the concepts" 0 node tests/browser/search.mjs "$TMP/a" "vakmanschap" "statuut/2.0/" --soort Concepten
    expect_grep "... on the page of the version that has it" "$TMP/out" "found: /statuut/2.0/"
    expect_exit "... and when searching everything" 0 node tests/browser/search.mjs "$TMP/a" "vakmanschap" "statuut/2.0/" --soort alles
    expect_exit "redlines are a kind of their own" 0 node tests/browser/search.mjs "$TMP/a" "samenspel" "verschil/" --soort Wijzigingen
    expect_grep "... a change found in the redline of the version that made it" "$TMP/out" "found: /statuut/verschil/1.0-1.1/"
    expect_exit "... not again in the redline of versions further apart" 0 node tests/browser/search.mjs "$TMP/a" "samenspel" "verschil/1.0-2.0/" --soort Wijzigingen --absent
    expect_exit "of two documents, a word of the one in a merged index is found" 0 node tests/browser/search.mjs "$TMP/two2" "samenspel" "statuut/1.1/"
    expect_exit "... and a word of the one whose index carries the interface, without the heading's '¶' link in its excerpt" 0 \
      node tests/browser/search.mjs "$TMP/two2" "kapitein" "bijlage/1.0/" --not-in-excerpt "¶"
    expect_exit "... and not by the words of its version's bar and table (Datum)" 0 \
      node tests/browser/search.mjs "$TMP/two2" "Datum" "bijlage/1.0/" --soort alles --absent
    expect_exit "a word of no page finds nothing" 1 node tests/browser/search.mjs "$TMP/a" "zeppelinhangar" "statuut/" --soort alles
    # Of a redline, what it changed is indexed, not the views that repeat the whole text: a
    # word far from the one change is found in the versions only.
    mkdir -p "$TMP/ver/doc"
    cp $C/site.yaml "$TMP/ver/"
    for v in 1.0 1.1; do
      {
        printf -- '---\ntitle: "Ver weg"\nversion: "%s"\ndate: 2023-0%s-01\nstatus: vastgesteld\n---\n\n# Begin\n\n' $v $((${v#1.} + 1))
        [ $v = 1.0 ] && echo "Het wijkteam werkt in de wijk." || echo "Het wijkteam werkt in de hele wijk."
        for i in 1 2 3 4 5 6 7 8; do printf '\n## Deel %d\n\nEen alinea over het werk van de teams, nummer %d.\n' $i $i; done
        printf '\n## Slot\n\nAan het eind ligt een zeilboot.\n'
      } >"$TMP/ver/doc/$v.md"
    done
    expect_exit "a document with one change at its start" 0 "$STATUUT" build --content "$TMP/ver" --templates templates --out "$TMP/vs"
    expect_exit "a changed word is found in the redline" 0 node tests/browser/search.mjs "$TMP/vs" "hele" "verschil/" --soort Wijzigingen
    # the redline's result names its document and versions (its h1 is the same on every redline),
    # and its excerpt has the words without the labels only screen readers hear
    expect_exit "... under the name of its document and versions, the labels for screen readers not in its excerpt" 0 \
      node tests/browser/search.mjs "$TMP/vs" "hele" "verschil/" --soort Wijzigingen --title "Ver weg: versie 1.0 → versie 1.1" --not-in-excerpt "ingevoegd"
    expect_exit "a word far from the change is not" 0 node tests/browser/search.mjs "$TMP/vs" "zeilboot" "verschil/" --soort alles --absent
    expect_grep "... though the versions have it" "$TMP/out" "/doc/1.1/"
  else
    fail "a query finds the passage in Chromium" "node, chromium or playwright-core missing (make installs them)"
  fi
fi
expect_exit "a build without Pagefind succeeds" 0 env STATUUT_PAGEFIND=/nonexistent "$STATUUT" build --content $C --templates templates --out "$TMP/c"
n=$(grep -c "no search: Pagefind is not at /nonexistent (make installs it)" "$TMP/err")
[ "$n" -eq 1 ] && ok "and says so once" || fail "and says so once" "$(cat "$TMP/err")"
[ ! -e "$TMP/c/zoeken" ] && ok "no search page without an index" || fail "no search page without an index"
expect_no_grep "no search box without an index" "$TMP/c/statuut/1.0/index.html" 'zoek-kop'
finish

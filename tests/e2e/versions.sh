# The site for members: every version page opens with where it stands among
# the versions, every pair of versions has a redline, and every heading,
# point and note links to itself. Fixture: 1.0 and 1.1 vastgesteld, 2.0 a
# concept (tests/fixtures/versies).
. tests/e2e/lib.sh
C=tests/fixtures/versies/content
S="$TMP/site"
expect_exit "the fixture builds" 0 "$STATUUT" build --content $C --templates templates --out "$S"
P=$S/statuut

# The bar stands before the body, with the right sentence on each page.
before_body() { # NAME FILE TEXT: TEXT occurs, and before the document's text
  bar=$(grep -n -F -- "$3" "$2" | head -1 | cut -d: -f1)
  body=$(grep -n 'class="tekst"' "$2" | head -1 | cut -d: -f1)
  if [ -n "$bar" ] && [ -n "$body" ] && [ "$bar" -lt "$body" ]; then ok "$1"; else fail "$1" "bar at line '${bar}', body at '${body}'" "$(grep -F -- "$3" "$2" | head -2)"; fi
}
before_body "1.1: the version in force says so" "$P/1.1/index.html" "Dit is de geldende versie."
before_body "1.1: it names the pending concept" "$P/1.1/index.html" "Er ligt een concept voor versie 2.0."
expect_grep "1.1: it links the concept's redline" "$P/1.1/index.html" '<a href="../../statuut/verschil/1.1-2.0/index.html">Wat verandert er in versie 2.0?</a>'
before_body "latest/ is the version in force" "$P/latest/index.html" "Dit is de geldende versie."
expect_grep "latest/ names the concept too" "$P/latest/index.html" "Er ligt een concept voor versie 2.0."
before_body "1.0: a newer version exists" "$P/1.0/index.html" 'Er is een nieuwere versie: <a href="../../statuut/1.1/index.html">versie 1.1</a>, vastgesteld op <time datetime="2023-06-01">1 juni 2023</time>.'
expect_grep "1.0: it links the redline to the version in force" "$P/1.0/index.html" '<a href="../../statuut/verschil/1.0-1.1/index.html">Wat is er veranderd tot versie 1.1?</a>'
expect_no_grep "1.0: no concept news on an old version" "$P/1.0/index.html" "Er ligt een concept"
before_body "2.0: a concept names the version in force" "$P/2.0/index.html" 'Concept — de geldende versie is <a href="../../statuut/1.1/index.html">versie 1.1</a>.'
expect_grep "2.0: with its redline" "$P/2.0/index.html" '<a href="../../statuut/verschil/1.1-2.0/index.html">Wat verandert er ten opzichte van 1.1?</a>'
expect_grep "the bar lists every version" "$P/2.0/index.html" '<p class="alle-versies">Alle versies: <a href="../../statuut/1.0/index.html">1.0</a> · <a href="../../statuut/1.1/index.html">1.1</a> · <strong aria-current="page">2.0</strong></p>'

# The lead, not the whole summary, above the text; the summary on the history.
expect_grep "the lead is the summary's first sentence" "$P/1.0/index.html" '<p class="samenvatting">Eerste versie.</p>'
expect_no_grep "the rest of the summary is not above the text" "$P/1.0/index.html" "Vastgesteld door de algemene ledenvergadering."
expect_grep "lead: in the front matter wins" "$P/2.0/index.html" '<p class="samenvatting">Concept voor de herziening van 2024.</p>'
expect_grep "the history has the whole summary" "$P/index.html" "Eerste versie. Vastgesteld door de algemene ledenvergadering."

# A redline for every pair; a PDF for consecutive pairs and against 1.1.
for pair in 1.0-1.1 1.0-2.0 1.1-2.0; do
  [ -f "$P/verschil/$pair/index.html" ] && ok "the redline $pair exists" || fail "the redline $pair exists"
  expect_grep "the manifest lists $pair" "$S/manifest.json" "\"html\": \"statuut/verschil/$pair/index.html\""
done
[ -f "$P/verschil/1.0-1.1/statuut-wijzigingen-1.0-1.1.pdf" ] && ok "PDF of a consecutive pair" || fail "PDF of a consecutive pair"
[ -f "$P/verschil/1.1-2.0/statuut-wijzigingen-1.1-2.0.pdf" ] && ok "PDF of the concept against the version in force" || fail "PDF of the concept against the version in force"
[ ! -f "$P/verschil/1.0-2.0/statuut-wijzigingen-1.0-2.0.pdf" ] && ok "no PDF for a pair members do not print" || fail "no PDF for a pair members do not print"
expect_grep "the history compares with every older version" "$P/index.html" '<a href="../statuut/verschil/1.0-2.0/index.html">1.0</a>'
expect_grep "a version page compares with every other" "$P/1.0/index.html" '<a href="../../statuut/verschil/1.0-2.0/index.html">met versie 2.0 (concept)</a>'
expect_exit "every page well-formed, every link resolves" 0 "$SITECHECK" "$S"

# Permalinks on every heading, point and note, with an accessible name.
expect_grep "a heading links to itself" "$P/1.1/index.html" '<a class="anker" href="#uitgangspunten" aria-label="Link naar deze kop">¶</a></h2>'
expect_grep "a point links to itself" "$P/1.1/index.html" '<li id="uitgangspunten-b"><a class="anker" href="#uitgangspunten-b" aria-label="Link naar dit punt">¶</a>'
expect_grep "a note links to itself" "$P/1.1/index.html" '<a class="anker" href="#fn-leren" aria-label="Link naar deze noot">¶</a>'
h=$(grep '<h[2-6] id=' "$P/2.0/index.html" | grep -vc 'id="[a-z]*-kop"')
a=$(grep -c 'aria-label="Link naar deze kop"' "$P/2.0/index.html")
[ "$h" -eq "$a" ] && ok "every heading has its permalink ($h)" || fail "every heading has its permalink" "$h headings, $a links"
expect_grep "the id stays across versions" "$P/1.0/index.html" 'id="uitgangspunten-b"'
# The index: when each document last changed, and a pending concept.
expect_grep "the index says when a document last changed" "$S/index.html" 'Laatst gewijzigd: <time datetime="2024-03-01">1 maart 2024</time>'
expect_grep "the index marks a pending concept" "$S/index.html" '<a href="statuut/2.0/index.html">Er ligt een concept voor versie 2.0</a>'
# Notes are list items of the notes' list, without the deprecated role.
expect_no_grep "no deprecated doc-endnote role" "$P/1.1/index.html" 'role="doc-endnote"'
expect_grep "the back link keeps its role" "$P/1.1/index.html" 'role="doc-backlink"'
# Since when each passage reads so, from the chain of consecutive redlines.
expect_grep "a point edited in 1.1 says so on 2.0" "$P/2.0/index.html" '<summary title="Gewijzigd in 1.1"><span class="vh">Gewijzigd in 1.1</span><span class="sinds-versie" aria-hidden="true">1.1</span></summary><ul class="sinds-geschiedenis"><li><a href="../../statuut/verschil/1.0-1.1/index.html#wijziging-1">Gewijzigd in 1.1</a></li><li><a href="../../statuut/1.0/index.html#uitgangspunten-b">Sinds versie 1.0</a></li></ul></details>Kwaliteit is relationeel'
expect_grep "an unchanged point reads so since 1.0" "$P/2.0/index.html" '<summary title="Ongewijzigd sinds 1.0"><span class="vh">Ongewijzigd sinds 1.0</span><span class="sinds-versie" aria-hidden="true">1.0</span></summary><ul class="sinds-geschiedenis"><li><a href="../../statuut/1.0/index.html#uitgangspunten-a">Ongewijzigd sinds 1.0</a></li></ul></details>Kwaliteit kun je zien'
expect_grep "a point new in 2.0 is marked as of this version" "$P/2.0/index.html" '<details class="sinds nu"><summary title="Nieuw in 2.0">'
expect_grep "a section says it changed" "$P/2.0/index.html" '<summary title="Dit onderdeel: gewijzigd in 2.0">'
expect_grep "on 1.1 the section of the edited point changed in 1.1" "$P/1.1/index.html" '<summary title="Dit onderdeel: gewijzigd in 1.1">'
expect_grep "a note has its own history" "$P/2.0/index.html" '<li id="fn-leren"><a class="anker" href="#fn-leren" aria-label="Link naar deze noot">¶</a><details class="sinds"><summary title="Gewijzigd in 1.1">'
expect_grep "latest/ carries the marks of its version" "$P/latest/index.html" '<summary title="Gewijzigd in 1.1">'
expect_no_grep "the first version has nothing to tell" "$P/1.0/index.html" 'class="sinds'
expect_no_grep "a redline has no marks" "$P/verschil/1.0-2.0/index.html" 'class="sinds'
expect_grep "the marks are off in print" templates/style.css 'details.sinds, .zijnoot { display: none !important; }'
if python3 - "$S/manifest.json" >"$TMP/since" 2>&1 <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
d = next(x for x in m["documents"] if x["slug"] == "statuut")
v = {x["version"]: x for x in d["versions"]}
b = next(e for e in v["2.0"]["since"] if e.get("id") == "uitgangspunten-b")
assert (b["block"], b["since"], b["what"]) == ("point", "1.1", "modified"), b
assert b["change"] == "statuut/verschil/1.0-1.1/index.html#wijziging-1", b
assert [s["version"] for s in b["history"]] == ["1.1", "1.0"], b
c = next(e for e in v["2.0"]["since"] if e.get("id") == "uitgangspunten-c")
assert (c["since"], c["what"]) == ("2.0", "inserted"), c
n = next(e for e in v["2.0"]["since"] if e["block"] == "note")
assert n["since"] == "1.1", n
assert all(e["what"] == "origin" for e in v["1.0"]["since"])
PY
then ok "the manifest lists since when each passage reads so"; else fail "the manifest lists since when each passage reads so" "$(cat "$TMP/since")"; fi
expect_exit "statuut text --since" 0 "$STATUUT" text --since "$C/statuut/2.0.md"
expect_grep "... marks a point edited in 1.1" "$TMP/out" 'b. [gewijzigd in 1.1] Kwaliteit is relationeel'
expect_grep "... a new point" "$TMP/out" 'c. [nieuw in 2.0] Vakmanschap'
expect_grep "... an unchanged paragraph" "$TMP/out" '[ongewijzigd sinds 1.0] Professionals leren'
expect_grep "... a note" "$TMP/out" '[1] [gewijzigd in 1.1] Zie de bouwsteen'
expect_exit "without --since no marks" 0 "$STATUUT" text "$C/statuut/2.0.md"
expect_no_grep "... none" "$TMP/out" 'sinds 1.0'
cp "$C/statuut/2.0.md" "$TMP/los.md"
expect_exit "--since outside a document folder is refused" 2 "$STATUUT" text --since "$TMP/los.md"
expect_grep "... saying why" "$TMP/err" 'needs the file in its document folder'
# Notes beside their reference (wide) or opened in place (narrow, :target);
# the list of notes stays.
expect_grep "a reference opens its note beside it" "$P/2.0/index.html" '<a id="fnref-leren" href="#zijnoot-fnref-leren" role="doc-noteref" aria-label="Noot 1">1</a></sup><span class="zijnoot" id="zijnoot-fnref-leren" role="note" aria-label="Noot 1"><a class="zijnoot-nummer" href="#fn-leren" aria-label="Noot 1 in de lijst van noten">1</a><span class="zijnoot-alinea">Zie de bouwsteen over lerend versterken, versie 2023.</span><a class="zijnoot-sluit" href="#fnref-leren">Sluiten</a></span>'
expect_grep "the list of notes stays" "$P/2.0/index.html" '<li id="fn-leren">'
expect_grep "narrow screens show a note when its reference is followed" templates/style.css '.zijnoot:target { display: block;'
cat >"$TMP/noten.md" <<'MD'
---
title: "Noten"
version: "1.0"
date: 2024-01-01
status: vastgesteld
---

# Kop met noot[^kop]

Een alinea met een lange noot.[^lang]

[^kop]: Een noot bij een kop.
[^lang]: Eerst een alinea.

    - een lijst in de noot
MD
expect_exit "a page alone has side notes too" 0 "$STATUUT" html "$TMP/noten.md"
expect_grep "... a note with more than paragraphs sends the reader on" "$TMP/out" '<span class="zijnoot-alinea">Eerst een alinea.</span><span class="zijnoot-alinea"><a href="#fn-lang">Verder in de noten</a></span>'
expect_no_grep "... none in a heading, whose name it would become" "$TMP/out" 'id="zijnoot-fnref-kop"'
# "Vergelijk": any two versions, without a script through the lists of
# links, with vergelijk.js through a form that the HTML keeps hidden.
expect_grep "the form waits for the script" "$P/1.0/index.html" '<form class="vergelijk-kies" hidden="hidden" data-versies="1.0 1.1 2.0" data-pad="../../statuut/verschil/{a}-{b}/index.html">'
expect_grep "... which the page loads" "$P/1.0/index.html" '<script src="../../vergelijk.js" defer="defer"></script>'
expect_grep "the history has the form too" "$P/index.html" '<form class="vergelijk-kies" hidden="hidden"'
[ -f "$S/vergelijk.js" ] && ok "the script is in the site" || fail "the script is in the site"
if [ -d "${STATUUT_NODE_MODULES:-}/playwright-core" ] && command -v node >/dev/null && [ -x /usr/bin/chromium ]; then
  expect_exit "a member picks 2.0 and 1.1 on 1.0's page and lands on their redline" 0 node tests/browser/compare.mjs "$S" statuut/1.0/ 2.0 1.1 statuut/verschil/1.1-2.0/index.html
  expect_exit "... and on the history" 0 node tests/browser/compare.mjs "$S" statuut/ 1.0 2.0 statuut/verschil/1.0-2.0/index.html
else
  fail "a member picks two versions in Chromium" "node, chromium or playwright-core missing (make installs them)"
fi
# A table row's mark stands in its first cell (a <tr> holds only cells);
# the header row has none, since a column header's text is its name.
mkdir -p "$TMP/tabel/t"
printf -- '---\ntitle: "T"\nversion: "1.0"\ndate: 2024-01-01\nstatus: vastgesteld\n---\n\n# Tabel\n\n| a | b |\n|---|---|\n| een | twee |\n| drie | vier |\n' >"$TMP/tabel/t/1.0.md"
sed -e 's/"1.0"/"1.1"/' -e 's/vier/vijf/' "$TMP/tabel/t/1.0.md" >"$TMP/tabel/t/1.1.md"
expect_exit "a document with a table builds" 0 "$STATUUT" build --content "$TMP/tabel" --templates templates --out "$TMP/tabel-site"
expect_grep "an edited row is marked in its first cell" "$TMP/tabel-site/t/1.1/index.html" '<tr><td><details class="sinds nu"><summary title="Gewijzigd in 1.1">'
expect_grep "an unchanged row reads so since 1.0" "$TMP/tabel-site/t/1.1/index.html" '<tr><td><details class="sinds"><summary title="Ongewijzigd sinds 1.0">'
expect_no_grep "the header row has no mark" "$TMP/tabel-site/t/1.1/index.html" '<th><details'
finish

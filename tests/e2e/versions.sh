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
finish

# statuut diff on the edits of real revisions (issue 12): the JSON against its
# schema and adding up, and what the HTML and PDF redline show for a changed
# link, a rewritten move, a heading's level and one changed comma.
. tests/e2e/lib.sh
D=tests/diff
SCHEMA=schema/diff.schema.json
# Debian's python3, which has Debian's python3-jsonschema (make installs it)
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3

# page text of a PDF, one line, quotes straightened
pdf_text() {
  pdftotext "$1" - | sed -e "s/[’‘]/'/g; s/\xe2\x80\xaf/ /g" | tr '\n\f' '  ' | tr -s ' '
}

# html_redline CASE DIR NAME: the HTML redline of CASE's pair in $TMP/DIR/index.html;
# check NAME: it is well-formed and its links resolve (sitecheck)
html_redline() {
  mkdir -p "$TMP/$2"
  "$STATUUT" diff --format html -o "$TMP/$2/index.html" "$D/$1.old.md" "$D/$1.new.md"
  expect_exit "$3" 0 "$SITECHECK" "$TMP/$2"
}

# pdf_redline CASE NAME: the PDF redline of CASE's pair in $TMP/NAME.pdf, its text in $TMP/NAME.txt
pdf_redline() {
  "$STATUUT" diff --format pdf -o "$TMP/$2.pdf" "$D/$1.old.md" "$D/$1.new.md"
  pdf_text "$TMP/$2.pdf" >"$TMP/$2.txt"
}

# -- the JSON schema: every kept case, every case as the binary writes it now, the statute ----
if $PY -c 'import jsonschema' 2>/dev/null; then
  for f in $D/*.json; do
    name=$(basename "$f" .json)
    "$STATUUT" diff --format json $D/$name.old.md $D/$name.new.md >"$TMP/$name.json"
  done
  "$STATUUT" diff --format json content/kwaliteitsstatuut/1.0.md content/kwaliteitsstatuut/1.0.1.md >"$TMP/statute.json"
  "$STATUUT" diff --format json content/kwaliteitsstatuut/1.0.md content/landschap/1.0.md >"$TMP/unrelated.json"
  if $PY tests/tools/diffjson.py $SCHEMA $D/*.json "$TMP"/*.json >"$TMP/problems" 2>&1; then
    ok "every diff JSON fits $SCHEMA and its edits add up to its texts"
  else
    fail "every diff JSON fits $SCHEMA and its edits add up to its texts" "$(head -20 "$TMP/problems")"
  fi
  echo '{"old": {"file": "a", "version": "1"}}' >"$TMP/bad.json"
  expect_exit "the schema check refuses what does not fit" 1 $PY tests/tools/diffjson.py $SCHEMA "$TMP/bad.json"
else
  fail "python3-jsonschema is installed (make installs it)"
fi

# -- notes keep their source labels -------------------------------------------------------------
FM='---\ntitle: "x"\nversion: "%s"\ndate: 2022-01-01\nstatus: concept\n---\n\n'
printf -- "$FM"'Een zin met een noot[^7] en meer woorden in de zin.\n\n[^7]: De noot die verdwijnt.\n' 1 >"$TMP/n1.md"
printf -- "$FM"'Een zin zonder noot en meer woorden in de zin.\n' 2 >"$TMP/n2.md"
"$STATUUT" diff --format json "$TMP/n1.md" "$TMP/n2.md" >"$TMP/n.json"
expect_grep "a deleted note's reference reads with its source label" "$TMP/n.json" '"text": "met een noot[^7]"'
expect_no_grep "... never with a label of neither file" "$TMP/n.json" 'verwijderd-'
expect_grep "a reference is a span naming its note" "$TMP/n.json" '"note": "7"'

# -- 1. a changed link target, a change of emphasis ------------------------------------------
L=https://associatiewijkteams.nl/over-ons
L2=https://www.associatiewijkteams.nl/vereniging
"$STATUUT" diff --format json $D/link-changed.old.md $D/link-changed.new.md >"$TMP/l.json"
expect_grep "json: the link change names the old target" "$TMP/l.json" "\"old_link\": \"$L\""
expect_grep "json: ... and the new one" "$TMP/l.json" "\"new_link\": \"$L2\""
expect_grep "json: emphasis to strong is a restyle" "$TMP/l.json" '"strong"'
n=$(jq '.changes | length' "$TMP/l.json")
[ "$n" -eq 2 ] && ok "_x_ for *x*, other bullets, re-wrapping and renumbering are no change" || fail "only the link and the emphasis changed" "$n changes"
expect_exit "text: a link change" 1 "$STATUUT" diff --color=never $D/link-changed.old.md $D/link-changed.new.md
expect_grep "text: the link's words once, with both targets" "$TMP/out" "Associatie Wijkteams{~link gewijzigd: $L → $L2~}"
expect_no_grep "text: not struck and inserted again" "$TMP/out" '[-Associatie'
html_redline link-changed l "html: link change page is well-formed, its links resolve"
expect_grep "html: the link's words are marked restyled" "$TMP/l/index.html" '<span class="opmaak-gewijzigd"><span class="vh">opmaak gewijzigd: </span><a href="https://www.associatiewijkteams.nl/vereniging">Associatie Wijkteams</a></span>'
expect_grep "html: old and new target beside them" "$TMP/l/index.html" "<span class=\"uitleg\"> (link gewijzigd: $L → $L2)</span>"
expect_grep "html: emphasis changed" "$TMP/l/index.html" 'opmaak gewijzigd: cursief → vet'
expect_no_grep "html: the words are not deleted and inserted" "$TMP/l/index.html" '<del><span class="vh">verwijderd: </span><a href'
pdf_redline link-changed l
expect_grep "pdf: the link change with both targets, readable in print" "$TMP/l.txt" "(link gewijzigd: $L → $L2)"
expect_grep "pdf: the emphasis change" "$TMP/l.txt" "samen (opmaak gewijzigd: cursief → vet)"

# -- 2. rewritten and moved ---------------------------------------------------------------------
"$STATUUT" diff --format json $D/rewritten-moved.old.md $D/rewritten-moved.new.md >"$TMP/m.json"
expect_grep "json: one moved change" "$TMP/m.json" '"moved": 1'
expect_grep "json: ... reworded" "$TMP/m.json" '"rewritten": true'
expect_grep "json: ... with its word diff" "$TMP/m.json" '"text": "ondersteuning en legt jaarlijks"'
expect_grep "json: ... between its sections" "$TMP/m.json" '"old_section": "1. Inleiding"'
html_redline rewritten-moved m "html: rewritten move page is well-formed, its links resolve"
expect_grep "html: the old place points to the new" "$TMP/m/index.html" 'href="#wijziging-1">herschreven en verplaatst naar'
expect_grep "html: the new place points to the old" "$TMP/m/index.html" 'href="#wijziging-1-van">herschreven en verplaatst van'
expect_grep "html: the new place shows the word diff" "$TMP/m/index.html" '<del><span class="vh">verwijderd: </span>blijft</del>'
pdf_redline rewritten-moved m
expect_grep "pdf: the old place names the new page" "$TMP/m.txt" "herschreven en verplaatst naar p. 2"
expect_grep "pdf: the new place names the old page" "$TMP/m.txt" "herschreven en verplaatst van p. 2"
expect_grep "pdf: the summary says reworded and moved" "$TMP/m.txt" "alinea verplaatst (herschreven): van '1. Inleiding' naar '3. Verantwoording'"

# -- 2. a paragraph split in two, two merged into one: one change with a word diff ------------
"$STATUUT" diff --format json $D/paragraph-split.old.md $D/paragraph-split.new.md >"$TMP/sp.json"
expect_grep "json: a split is one modified change" "$TMP/sp.json" '"split": true'
expect_grep "json: ... with a word diff across the break" "$TMP/sp.json" '"text": ".\n\nZij"'
"$STATUUT" diff --format json $D/paragraphs-merged.old.md $D/paragraphs-merged.new.md >"$TMP/mg.json"
expect_grep "json: a merge is one modified change" "$TMP/mg.json" '"merged": true'
html_redline paragraph-split sp "html: split page is well-formed, its links resolve"
expect_grep "html: the first half shows what went" "$TMP/sp/index.html" 'in de wijk<del><span class="vh">verwijderd: </span>, en zij</del>'
expect_grep "html: the second half shows what came" "$TMP/sp/index.html" '<p class="gewijzigd"><ins><span class="vh">ingevoegd: </span>Zij</ins> maken afspraken'
expect_grep "html: the summary says it" "$TMP/sp/index.html" '<span class="uitleg"> (in tweeën gesplitst)</span>'
pdf_redline paragraph-split sp
expect_grep "pdf: one entry for the split" "$TMP/sp.txt" "1. alinea gewijzigd (in tweeën gesplitst)"
expect_no_grep "pdf: no second change" "$TMP/sp.txt" "2. alinea"

# -- 4. a heading's level ---------------------------------------------------------------------------
"$STATUUT" diff --format json $D/heading-level.old.md $D/heading-level.new.md >"$TMP/h.json"
expect_grep "json: the level, old and new" "$TMP/h.json" '"old": 3,'
expect_grep "json: ... said for readers" "$TMP/h.json" '"remarks": "kop van niveau 3 naar 2"'
expect_exit "text: a level change" 1 "$STATUUT" diff --color=never $D/heading-level.old.md $D/heading-level.new.md
expect_grep "text: the level change" "$TMP/out" '@@ modified heading in "3. Organisatie" (kop van niveau 3 naar 2) @@'
html_redline heading-level h "html: level change page is well-formed"
expect_grep "html: the heading is drawn at its new level with the change" "$TMP/h/index.html" 'Toegang<span class="uitleg"> (kop van niveau 3 naar 2)</span></h3>'
expect_grep "html: the summary says it" "$TMP/h/index.html" '<a href="#wijziging-1">kop gewijzigd</a><span class="uitleg"> (kop van niveau 3 naar 2)</span>'
pdf_redline heading-level h
expect_grep "pdf: the summary says it" "$TMP/h.txt" "kop gewijzigd (kop van niveau 3 naar 2)"
expect_grep "pdf: the heading says it" "$TMP/h.txt" "Toegang (kop van niveau 3 naar 2)"

# -- 8. one changed comma ----------------------------------------------------------------------------
"$STATUUT" diff --format json $D/punctuation-comma.old.md $D/punctuation-comma.new.md >"$TMP/p.json"
expect_grep "json: the comma counts" "$TMP/p.json" '"chars_inserted": 1,'
expect_grep "json: ... as punctuation" "$TMP/p.json" '"punctuation": true'
html_redline punctuation-comma p "html: comma page is well-formed"
expect_grep "html: the comma is drawn wide (ins.leesteken)" "$TMP/p/index.html" 'casuïstiekbesprekingen<ins class="leesteken"><span class="vh">ingevoegd: </span>,</ins> waarbij'
expect_grep "html: the summary says leesteken" "$TMP/p/index.html" '<a href="#wijziging-1">alinea gewijzigd</a><span class="uitleg"> (leesteken)</span>'
expect_grep "html: the style draws it so it can be found" templates/style.css 'ins.leesteken, del.leesteken'
pdf_redline punctuation-comma p
expect_grep "pdf: the summary says leesteken, with the words beside it" "$TMP/p.txt" "alinea gewijzigd (leesteken): casuïstiekbesprekingen, waarbij"
expect_grep "pdf: the text keeps its comma in place" "$TMP/p.txt" "casuïstiekbesprekingen, waarbij ook inwoners"

# -- the HTML summary: each change with its words, one numbering --------------------------------
expect_grep "html summary: numbered as the changes are" "$TMP/l/index.html" '<li value="2"><a href="#wijziging-2">alinea gewijzigd</a>: <span class="opmaak-gewijzigd">'
"$STATUUT" diff --format html -o "$TMP/s.html" $D/section-path.old.md $D/section-path.new.md
expect_grep "html summary: sections as a path" "$TMP/s.html" '<p class="sectie">4. WAARUIT BESTAAT KWALITEIT? › Kwaliteit in de leefwereld › 1. Algemeen</p>'
expect_grep "html summary: a changed heading under its parent" "$TMP/s.html" '<p class="sectie">5. HOE ORGANISEREN WE KWALITEIT?</p><ol class="wijzigingen"><li value="3">'
finish

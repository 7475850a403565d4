# statuut diff: every case of tests/diff/cases.txt gives the expected counts
# and exit status, and exactly the JSON kept beside it; then the properties a
# redline must have whatever the JSON says, and the command line.
. tests/e2e/lib.sh
D=tests/diff

json_count() { # FILE KEY: the first "KEY": N in FILE (the summary comes first)
  sed -n "s/^ *\"$2\": \([0-9]*\),*$/\1/p" "$1" | head -1
}

# The loop reads the cases from a file, not from a pipe: a pipeline's loop
# runs in a subshell, and the status its failures set would be lost.
grep -v '^#' $D/cases.txt >"$TMP/cases"
while read -r name code ins del mod mov wi wd meta <&3; do
  "$STATUUT" diff --format json $D/$name.old.md $D/$name.new.md >"$TMP/$name.json" 2>"$TMP/err"
  got=$?
  [ "$got" -eq "$code" ] && ok "$name: exit $code" || fail "$name: exit $code" "got $got" "$(cat "$TMP/err")"
  want="$ins $del $mod $mov $wi $wd"
  have="$(json_count "$TMP/$name.json" inserted) $(json_count "$TMP/$name.json" deleted) $(json_count "$TMP/$name.json" modified) $(json_count "$TMP/$name.json" moved) $(json_count "$TMP/$name.json" words_inserted) $(json_count "$TMP/$name.json" words_deleted)"
  [ "$have" = "$want" ] && ok "$name: counts $want" || fail "$name: counts $want" "got $have"
  m=$(grep -c '"field":' "$TMP/$name.json")
  [ "$m" -eq "$meta" ] && ok "$name: $meta metadata fields" || fail "$name: $meta metadata fields" "got $m"
  [ "${UPDATE_GOLDEN:-}" = 1 ] && cp "$TMP/$name.json" $D/$name.json
  if diff $D/$name.json "$TMP/$name.json" >"$TMP/diff"; then ok "$name: JSON as expected"; else fail "$name: JSON as expected" "$(head -30 "$TMP/diff")"; fi
done 3<"$TMP/cases"

# -- properties ------------------------------------------------------------------------
"$STATUUT" diff --format json $D/word-edit.old.md $D/word-edit.new.md >"$TMP/w.json"
expect_grep "a word edit is one delete and one insert of whole words" "$TMP/w.json" '"text": "ondersteunen"'
expect_grep "the inserted word" "$TMP/w.json" '"text": "helpen"'
"$STATUUT" diff --format json $D/emphasis-only.old.md $D/emphasis-only.new.md >"$TMP/e.json"
expect_grep "emphasis is a restyle, not an edit of words" "$TMP/e.json" '"restyle": 1'
expect_grep "the restyle names the new style" "$TMP/e.json" '"emphasis"'
expect_no_grep "no Markdown notation in the edit texts" "$TMP/e.json" '"text": "\*samenspel\*"'
"$STATUUT" diff --format json $D/link-target.old.md $D/link-target.new.md >"$TMP/l.json"
expect_grep "a link target travels as a span beside the text" "$TMP/l.json" '"link": "https://vng.nl/"'
expect_grep "a link added is a restyle with both targets" "$TMP/l.json" '"new_link": "https://vng.nl/"'
"$STATUUT" diff --format json $D/paragraph-moved.old.md $D/paragraph-moved.new.md >"$TMP/m.json"
expect_grep "a move names the old section" "$TMP/m.json" '"old_section": "Inleiding"'
expect_grep "a move names the new section" "$TMP/m.json" '"new_section": "Slot"'
expect_no_grep "an identical move has no edits" "$TMP/m.json" '"edits"'
"$STATUUT" diff --format json $D/footnote-inserted-before.old.md $D/footnote-inserted-before.new.md >"$TMP/f.json"
expect_no_grep "a note added first leaves the others unchanged" "$TMP/f.json" '"kind": "modified"'
expect_grep "a reference reads [^label] in plain text" "$TMP/f.json" '"new_text": "Een nieuwe inleidende zin[^nieuw]."'
"$STATUUT" diff --format json $D/list-item-deleted.old.md $D/list-item-deleted.new.md >"$TMP/d.json"
expect_grep "deleting point b: only point b" "$TMP/d.json" '"old_text": "Kwaliteit is relationeel."'
"$STATUUT" diff --format json $D/front-matter-only.old.md $D/front-matter-only.new.md >"$TMP/fm.json"
expect_grep "front matter is metadata: status" "$TMP/fm.json" '"new": "concept"'
expect_grep "a field only in the new version has old null" "$TMP/fm.json" '"old": null'

# Styles are a set, not a nesting: *__x__* and __*x*__ are the same text.
printf -- '---\ntitle: "x"\nversion: "1.0"\ndate: 2022-01-01\nstatus: concept\n---\n\nHet *__samenspel__* en de *[gemeente](https://vng.nl/)*.\n' >"$TMP/n1.md"
printf -- '---\ntitle: "x"\nversion: "1.0"\ndate: 2022-01-01\nstatus: concept\n---\n\nHet __*samenspel*__ en de [*gemeente*](https://vng.nl/).\n' >"$TMP/n2.md"
expect_exit "the nesting order of styles and links is no change" 0 "$STATUUT" diff --format json "$TMP/n1.md" "$TMP/n2.md"
expect_no_grep "... not even an empty one" "$TMP/out" '"kind": "modified"'

# -- text and colour ---------------------------------------------------------------------
expect_exit "text format" 1 "$STATUUT" diff --color=never $D/word-edit.old.md $D/word-edit.new.md
expect_grep "text shows word edits like git --word-diff" "$TMP/out" "[-ondersteunen-]{+helpen+}"
expect_grep "text names the block and section" "$TMP/out" '@@ modified paragraph in "Inleiding" @@'
expect_no_grep "--color=never has no escape codes" "$TMP/out" "$(printf '\033')"
expect_exit "colour on request" 1 "$STATUUT" diff --color=always $D/word-edit.old.md $D/word-edit.new.md
expect_grep "--color=always colours insertions" "$TMP/out" "$(printf '\033[32m')helpen"
expect_exit "colour auto, not a terminal" 1 "$STATUUT" diff $D/word-edit.old.md $D/word-edit.new.md
expect_no_grep "--color=auto off when output is no terminal" "$TMP/out" "$(printf '\033')"

# -- command line ------------------------------------------------------------------------
expect_exit "SLUG V1 V2 compares versions in content/" 1 "$STATUUT" diff --format json kwaliteitsstatuut 1.0 1.0.1
expect_grep "SLUG V1 V2 reads the files" "$TMP/out" '"file": "content/kwaliteitsstatuut/1.0.1.md"'
expect_exit "-o writes the output" 1 "$STATUUT" diff -o "$TMP/o.json" --format json $D/word-edit.old.md $D/word-edit.new.md
cmp -s "$TMP/o.json" "$TMP/w.json" && ok "-o writes what stdout shows" || fail "-o writes what stdout shows"
expect_exit "a missing file is trouble" 2 "$STATUUT" diff $D/word-edit.old.md $D/nope.md
expect_exit "a bad file is trouble" 2 "$STATUUT" diff $D/word-edit.old.md tests/fixtures/check/bad-date.md
expect_exit "an unknown format is bad usage" 2 "$STATUUT" diff --format xml $D/word-edit.old.md $D/word-edit.new.md
expect_exit "one file is bad usage" 2 "$STATUUT" diff $D/word-edit.old.md

# -- bounded work: two unrelated documents of 200 KB finish (time is measured by make bench)
for side in old new; do
  {
    printf -- '---\ntitle: "Groot"\nversion: "1"\ndate: 2022-01-01\nstatus: concept\n---\n'
    awk -v seed="$side" 'BEGIN { srand(seed == "old" ? 1 : 2); for (p = 0; p < 1500; p++) { line = "";
      for (w = 0; w < 20; w++) line = line sprintf("w%d ", int(rand() * 5000)); print line; print "" } }'
  } >"$TMP/big-$side.md"
done
expect_exit "unrelated 200 KB documents finish" 1 "$STATUUT" diff --format json -o "$TMP/big.json" "$TMP/big-old.md" "$TMP/big-new.md"

# -- the HTML redline ------------------------------------------------------------------
mkdir -p "$TMP/m"
expect_exit "html redline of a move" 1 "$STATUUT" diff --format html -o "$TMP/m/index.html" $D/paragraph-moved.old.md $D/paragraph-moved.new.md
expect_exit "the redline page is well-formed, its links resolve" 0 "$SITECHECK" "$TMP/m"
expect_grep "a move links its old place to its new one" "$TMP/m/index.html" 'href="#wijziging-1"'
expect_grep "a move links its new place to its old one" "$TMP/m/index.html" 'href="#wijziging-1-van"'
expect_grep "links to a change in the old spelling still land" "$TMP/m/index.html" 'id="wijziging_1"'
expect_grep "links to a move's old place in the old spelling still land" "$TMP/m/index.html" 'id="wijziging_1_van"'
expect_grep "the old place of a move is labelled for screen readers" "$TMP/m/index.html" '<span class="vh">verplaatst, oude plaats: </span>'
mkdir -p "$TMP/w"
"$STATUUT" diff --format html -o "$TMP/w/index.html" $D/word-edit.old.md $D/word-edit.new.md
expect_exit "word edit page: well-formed, links resolve" 0 "$SITECHECK" "$TMP/w"
expect_grep "deleted words are <del> with a hidden label" "$TMP/w/index.html" '<del><span class="vh">verwijderd: </span>ondersteunen</del>'
expect_grep "inserted words are <ins> with a hidden label" "$TMP/w/index.html" '<ins><span class="vh">ingevoegd: </span>helpen</ins>'
expect_grep "the summary counts the changes" "$TMP/w/index.html" '<li class="gewijzigd">1 gewijzigd</li>'
expect_grep "the summary lists changed sections" "$TMP/w/index.html" '<p class="sectie">Inleiding</p>'
expect_grep "the summary lists each change by its number with its edited words" "$TMP/w/index.html" '<li value="1"><a href="#wijziging-1">alinea gewijzigd</a>: <del><span class="vh">verwijderd: </span>ondersteunen</del>'
for view in weergave_geheel weergave_wijzigingen weergave_naast; do
  expect_grep "the page has the view $view" "$TMP/w/index.html" "id=\"$view\""
done
expect_grep "the side-by-side view shows old and new" "$TMP/w/index.html" '<th scope="col">Versie 1.0</th>'
expect_grep "the changed block carries a change bar class" "$TMP/w/index.html" 'class="gewijzigd"'
mkdir -p "$TMP/f"
"$STATUUT" diff --format html -o "$TMP/f/index.html" $D/footnote-inserted-before.old.md $D/footnote-inserted-before.new.md
expect_exit "footnote redline: well-formed, links resolve" 0 "$SITECHECK" "$TMP/f"
mkdir -p "$TMP/s"
"$STATUUT" diff --format html -o "$TMP/s/index.html" content/kwaliteitsstatuut/1.0.md content/kwaliteitsstatuut/1.0.1.md
expect_exit "statute redline: well-formed, links resolve" 0 "$SITECHECK" "$TMP/s"
expect_grep "statute redline: the renamed heading" "$TMP/s/index.html" '<del><span class="vh">verwijderd: </span>Blaue</del><ins><span class="vh">ingevoegd: </span>Blauwe</ins>'
finish

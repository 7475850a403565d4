# statuut diff --format pdf: the redline PDF of the statute and of a fixture
# with every kind of change, checked with qpdf, pdfinfo and pdftotext.
. tests/e2e/lib.sh
OLD=content/kwaliteitsstatuut/1.0.md
NEW=content/kwaliteitsstatuut/1.0.1.md
F=tests/fixtures/redline/proef

# Text of page N as one line: line-end hyphens undone, quotes straightened,
# narrow and figure spaces as spaces.
page_text() {
  pdftotext -f "$2" -l "$2" "$1" - | sed -e "s/[’‘]/'/g; s/\xe2\x80\xaf/ /g; s/\xe2\x80\x87/ /g; s/\xe2\x80\x89//g" |
    awk '{ if (sub(/-$/, "")) printf "%s", $0; else printf "%s ", $0 }' | tr -s ' \f' '  '
}

# The summary's entries as "PAGE|TEXT", an entry of two lines joined (its
# number stands on the last), from the summary pages of a redline.
entries() {
  pdftotext -layout -f 1 -l "$2" "$1" - | sed "s/[’‘]/'/g; s/\xe2\x80\xaf/ /g; s/\xe2\x80\x87/ /g; s/^ *//" |
    awk '/^[0-9]+\. / { held = $0; if ($0 ~ / [0-9]+$/) { n = $NF; sub(/ +[0-9]+$/, "", held); print n "|" held; held = "" } next }
         held != "" { line = $0; if (line ~ / [0-9]+$/) { n = $NF; sub(/ +[0-9]+$/, "", line); print n "|" held " " line; held = "" } else held = held " " line }'
}

expect_exit "diff --format pdf: the statute's redline (differences: exit 1)" 1 "$STATUUT" diff --format pdf -o "$TMP/r.pdf" $OLD $NEW
expect_exit "the redline passes qpdf --check" 0 qpdf --check "$TMP/r.pdf"
pdfinfo "$TMP/r.pdf" >"$TMP/info"
expect_grep "pdfinfo: tagged" "$TMP/info" "Tagged:          yes"
expect_grep "pdfinfo: the title names the versions" "$TMP/info" "Title:           Kwaliteit moet je doen!: wijzigingen 1.0 → 1.0.1"
pages=$(sed -n 's/^Pages: *//p' "$TMP/info")
if [ "$pages" -ge 30 ] && [ "$pages" -le 60 ]; then ok "page count in range ($pages)"; else fail "page count in range" "$pages pages"; fi
pdffonts "$TMP/r.pdf" | tail -n +3 >"$TMP/fonts"
if awk '$(NF-4) != "yes" || $(NF-3) != "yes" { bad = 1 } END { exit bad }' "$TMP/fonts"; then ok "every font embedded"; else fail "every font embedded" "$(cat "$TMP/fonts")"; fi

# The summary page: the counts of the JSON diff.
"$STATUUT" diff --format json $OLD $NEW >"$TMP/r.json"
page_text "$TMP/r.pdf" 1 >"$TMP/p1"
expect_grep "page 1 is the summary" "$TMP/p1" "Wat is er veranderd?"
for k in ingevoegd:inserted verwijderd:deleted gewijzigd:modified verplaatst:moved; do
  n=$(jq ".summary.${k#*:}" "$TMP/r.json")
  expect_grep "summary: $n ${k%%:*}" "$TMP/p1" "$n ${k%%:*}"
done
wi=$(jq .summary.words_inserted "$TMP/r.json")
wd=$(jq .summary.words_deleted "$TMP/r.json")
expect_grep "summary: words added and removed" "$TMP/p1" "$wi woorden erbij, $wd eraf"
expect_grep "summary: changed front matter" "$TMP/p1" "status: vastgesteld concept"

# Every change has an entry with a page number, and the page holds it.
summary_pages=1
for p in 2 3 4 5; do
  page_text "$TMP/r.pdf" $p | grep -Eq '[0-9]+\. [a-z]+( [0-9]+)? (gewijzigd|ingevoegd|verwijderd|verplaatst)' && summary_pages=$p
done
entries "$TMP/r.pdf" "$summary_pages" >"$TMP/entries"
want=$(jq '.changes | length' "$TMP/r.json")
got=$(wc -l <"$TMP/entries")
if [ "$got" -eq "$want" ]; then ok "an entry with its page per change ($got)"; else fail "an entry with its page per change" "$got of $want" "$(cat "$TMP/entries")"; fi
for words in "Blaue|Blauwe" "bureaukraat|bureaucraat" "Thoeis|Thoeris" "Scheerpers|Scheepers" "kennisinstututen|kennisinstituten" "Kruijer & albers|Kruiter & Albers"; do
  del=${words%%|*} ins=${words#*|}
  pg=$(grep -F -- "$del $ins" "$TMP/entries" | head -1 | cut -d'|' -f1)
  if [ -z "$pg" ]; then fail "summary lists '$del' → '$ins'" "$(cat "$TMP/entries")"; continue; fi
  page_text "$TMP/r.pdf" "$pg" >"$TMP/page"
  if grep -qF -- "$del" "$TMP/page" && grep -qF -- "$ins" "$TMP/page"; then
    ok "'$del' struck and '$ins' inserted on page $pg, as the summary says"
  else
    fail "'$del'/'$ins' on page $pg" "$(head -c 600 "$TMP/page")"
  fi
done
# Every entry's page holds the last word of the entry (what was inserted).
bad=""
while IFS='|' read -r pg text; do
  w=$(printf '%s' "$text" | sed 's/[….,;:()]*$//; s/.* //')
  # of a URL (shown whole, broken at / . _ - on the page) its last piece
  case $w in */* | *.pdf) w=$(printf '%s' "$w" | sed 's/.*\///; s/\.[a-z]*$//; s/.*[_-]//') ;; esac
  w=$(printf '%s' "$w" | sed 's/[().,;:…]//g')
  [ -n "$w" ] || continue
  page_text "$TMP/r.pdf" "$pg" | grep -qF -- "$w" || bad="$bad [$w: $pg]"
done <"$TMP/entries"
if [ -z "$bad" ]; then ok "each entry's words are on its page"; else fail "each entry's words are on its page" "$bad"; fi

# Same input, same bytes; the SLUG V1 V2 form gives the same PDF.
expect_exit "a second run" 1 "$STATUUT" diff --format pdf -o "$TMP/r2.pdf" $OLD $NEW
if cmp -s "$TMP/r.pdf" "$TMP/r2.pdf"; then ok "two runs give identical bytes"; else fail "two runs give identical bytes"; fi
expect_exit "diff --format pdf SLUG V1 V2" 1 "$STATUUT" diff --format pdf --content content -o "$TMP/r3.pdf" kwaliteitsstatuut 1.0 1.0.1
if cmp -s "$TMP/r.pdf" "$TMP/r3.pdf"; then ok "SLUG V1 V2 gives the same PDF"; else fail "SLUG V1 V2 gives the same PDF"; fi
"$STATUUT" diff --format pdf $OLD $NEW >"$TMP/r4.pdf" 2>"$TMP/err"
if cmp -s "$TMP/r.pdf" "$TMP/r4.pdf"; then ok "without -o the PDF goes to standard output"; else fail "without -o the PDF goes to standard output"; fi

# A fixture with a move, a deleted point, an inserted paragraph, a table row
# and a note changed.
expect_exit "redline of the fixture" 1 "$STATUUT" diff --format pdf -o "$TMP/m.pdf" $F/1.0.md $F/1.1.md
expect_exit "the fixture's redline passes qpdf --check" 0 qpdf --check "$TMP/m.pdf"
mp=$(pdfinfo "$TMP/m.pdf" | sed -n 's/^Pages: *//p')
from="" to=""
p=1
while [ $p -le "$mp" ]; do
  page_text "$TMP/m.pdf" $p >"$TMP/page"
  if grep -q 'verplaatst naar p\. [0-9]' "$TMP/page" && grep -qF 'Dit is de alinea die verhuist' "$TMP/page"; then
    from=$p to_named=$(grep -o 'verplaatst naar p\. [0-9]*' "$TMP/page" | sed 's/.* //')
  fi
  if grep -q 'verplaatst van p\. [0-9]' "$TMP/page" && grep -qF 'Dit is de alinea die verhuist' "$TMP/page"; then
    to=$p from_named=$(grep -o 'verplaatst van p\. [0-9]*' "$TMP/page" | sed 's/.* //')
  fi
  p=$((p + 1))
done
if [ -n "$from" ] && [ -n "$to" ] && [ "$to_named" = "$to" ] && [ "$from_named" = "$from" ] && [ "$from" != "$to" ]; then
  ok "a moved block is marked at both places, each naming the other's page ($from, $to)"
else
  fail "a moved block is marked at both places" "from ${from:-?} names ${to_named:-?}; to ${to:-?} names ${from_named:-?}"
fi
entries "$TMP/m.pdf" 1 >"$TMP/entries"
expect_grep "summary: the move, with the page it went to" "$TMP/entries" "$to|1. alinea verplaatst: van 'Inleiding' naar 'Slot'"
pg=$(grep -F 'punt verwijderd' "$TMP/entries" | cut -d'|' -f1)
page_text "$TMP/m.pdf" "${pg:-1}" >"$TMP/page"
expect_grep "the deleted point is on the page the summary names" "$TMP/page" "c. Kwaliteit vraagt om reflectie en om tijd."
pg=$(grep -F 'noot 2 gewijzigd' "$TMP/entries" | cut -d'|' -f1)
page_text "$TMP/m.pdf" "${pg:-1}" >"$TMP/page"
expect_grep "the changed note is on the page the summary names" "$TMP/page" "verdwenen bijgekomen, met een verwijzing naar Baart"
pg=$(grep -F 'tabelrij gewijzigd' "$TMP/entries" | cut -d'|' -f1)
page_text "$TMP/m.pdf" "${pg:-1}" >"$TMP/page"
expect_grep "the changed table row is on the page the summary names" "$TMP/page" "Bezoeken 30 34"
qpdf --qdf --object-streams=disable "$TMP/m.pdf" "$TMP/q.pdf" 2>/dev/null
links=$(grep -ac '/Subtype /Link' "$TMP/q.pdf")
if [ "$links" -ge 9 ]; then ok "summary entries and margin notes are links ($links)"; else fail "summary and margin links" "$links"; fi
pdfinfo "$TMP/m.pdf" >"$TMP/info"
expect_grep "the fixture's redline is tagged" "$TMP/info" "Tagged:          yes"

# Every diff case of tests/diff gives a sound PDF with an entry per change.
bad=""
for o in tests/diff/*.old.md; do
  c=${o%.old.md}
  "$STATUUT" diff --format pdf -o "$TMP/c.pdf" "$o" "$c.new.md" 2>"$TMP/err"
  [ $? -le 1 ] && qpdf --check "$TMP/c.pdf" >/dev/null 2>&1 || { bad="$bad $(basename "$c")"; continue; }
  want=$(jq '.changes | length' "$c.json")
  got=$(entries "$TMP/c.pdf" 1 | wc -l)
  [ "$got" -eq "$want" ] || bad="$bad $(basename "$c"):$got/$want"
done
if [ -z "$bad" ]; then ok "every diff case: a sound PDF, an entry per change"; else fail "diff cases as PDF" "$bad"; fi

# Identical versions: a summary that says so.
expect_exit "redline of identical versions (exit 0)" 0 "$STATUUT" diff --format pdf -o "$TMP/i.pdf" $F/1.0.md $F/1.0.md
page_text "$TMP/i.pdf" 1 >"$TMP/page"
expect_grep "identical versions: no changes" "$TMP/page" "De tekst is niet veranderd."

# The site: a redline PDF beside each diff page, linked, in the manifest.
expect_exit "build writes the redline PDFs" 0 "$STATUUT" build --content tests/golden/content --templates templates --out "$TMP/site"
bad=""
n=0
for pdf in "$TMP"/site/*/verschil/*/*.pdf; do
  [ -e "$pdf" ] || continue
  n=$((n + 1))
  qpdf --check "$pdf" >/dev/null 2>&1 || bad="$bad $pdf"
done
if [ "$n" -ge 1 ] && [ -z "$bad" ]; then ok "every site redline PDF passes qpdf --check ($n)"; else fail "site redline PDFs" "$n;$bad"; fi
R=voorbeeld/verschil/1.0-1.1/voorbeeld-wijzigingen-1.0-1.1.pdf
expect_grep "manifest lists the redline PDF" "$TMP/site/manifest.json" "\"pdf\": \"$R\""
expect_grep "the diff page links its PDF" "$TMP/site/voorbeeld/verschil/1.0-1.1/index.html" "href=\"../../../$R\""
expect_exit "diff --format html has no PDF link" 1 "$STATUUT" diff --format html -o "$TMP/d.html" $F/1.0.md $F/1.1.md
expect_no_grep "standalone diff page: no PDF link" "$TMP/d.html" "als PDF"
# The outer margin: right on right-hand (odd) pages, left on left-hand
# pages; the change bars and the margin notes of moves stand there. A block
# moved from page 2 (after the summary) to page 3.
{
  printf -- '---\ntitle: Marges\nversion: "1.0"\ndate: 2024-01-01\nstatus: vastgesteld\n---\n\n# Eerste\n\n'
  printf 'Deze alinea verhuist van de linkerbladzijde naar de rechterbladzijde.\n\n'
  i=0
  while [ $i -lt 24 ]; do
    printf 'Opvulling %s: een alinea die blijft waar ze staat, zodat de andere plaats op een volgende bladzijde ligt.\n\n' $i
    i=$((i + 1))
  done
} >"$TMP/side1.md"
{
  sed -n '1,/^# Eerste/p' "$TMP/side1.md" | sed 's/"1.0"/"1.1"/'
  grep '^Opvulling' "$TMP/side1.md" | sed 's/^/\n/'
  printf '\nDeze alinea verhuist van de linkerbladzijde naar de rechterbladzijde.\n'
} >"$TMP/side2.md"
expect_exit "a move across pages" 1 "$STATUUT" diff --format pdf -o "$TMP/sides.pdf" "$TMP/side1.md" "$TMP/side2.md"
# "PAGE XMIN XMAX" of the margin note that starts with "verplaatst WORD".
note_at() {
  n=$(pdfinfo "$1" | sed -n 's/^Pages: *//p')
  p=2
  while [ "$p" -le "$n" ]; do
    pdftotext -bbox -f $p -l $p "$1" - | awk -v p=$p -v w="$2" '
      { for (i = 1; i <= NF; i++) { if ($i ~ /^xMin=/) { a = $i; gsub(/[^0-9.]/, "", a) } if ($i ~ /^xMax=/) { b = $i; gsub(/[^0-9.]/, "", b) } } }
      prev ~ />verplaatst</ && $0 ~ (">" w "<") { print p, x0, b; found = 1; exit }
      { prev = $0; x0 = a }
      END { exit !found }' && return
    p=$((p + 1))
  done
}
from=$(note_at "$TMP/sides.pdf" naar) to=$(note_at "$TMP/sides.pdf" van)
outer_right=$(awk 'BEGIN { print (33 + 134) / 25.4 * 72 }')
left_col=$(awk 'BEGIN { print (210 - 33 - 134) / 25.4 * 72 }')
# each note: on an even page it ends left of the column, on an odd one it starts right of it
for note in "$from" "$to"; do
  if [ -z "$note" ]; then fail "a margin note of the move" "not found"; continue; fi
  if echo "$note" | awk -v l="$left_col" -v r="$outer_right" '{ exit !($1 % 2 == 0 ? $3 < l : $2 > r) }'; then
    ok "the note in the outer margin (page, x: $note)"
  else
    fail "the note in the outer margin" "page, x: $note"
  fi
done
if [ -n "$from" ] && [ -n "$to" ] && [ $((${from%% *} % 2)) -ne $((${to%% *} % 2)) ]; then
  ok "the notes stand on a left-hand and a right-hand page"
else
  fail "the notes stand on a left-hand and a right-hand page" "$from / $to"
fi
finish

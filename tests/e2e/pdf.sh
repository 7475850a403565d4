# statuut pdf: the statute typeset, checked with poppler-utils, qpdf and jq.
. tests/e2e/lib.sh
S=content/kwaliteitsstatuut/1.0.md
F=tests/fixtures/pdf/blokken.md

# Text of page N, hyphenations at line ends undone, quotes straightened,
# white space collapsed: what a reader sees, as one line.
page_text() {
  pdftotext -f "$2" -l "$2" "$1" - | sed -e "s/[’‘]/'/g" |
    awk '{ if (sub(/-$/, "")) printf "%s", $0; else printf "%s ", $0 }' | tr -s ' \f' '  '
}

expect_exit "pdf typesets the statute" 0 "$STATUUT" pdf -o "$TMP/s.pdf" $S
expect_exit "the statute's PDF passes qpdf --check" 0 qpdf --check "$TMP/s.pdf"
pdfinfo "$TMP/s.pdf" >"$TMP/info"
expect_grep "pdfinfo: the title" "$TMP/info" "Title:           Kwaliteit moet je doen!"
expect_grep "pdfinfo: the author" "$TMP/info" "Author:          Associatie Wijkteams"
expect_grep "pdfinfo: the subject" "$TMP/info" "Subject:         Kwaliteitsstatuut wijkteams"
expect_grep "pdfinfo: tagged" "$TMP/info" "Tagged:          yes"
expect_grep "pdfinfo: A4" "$TMP/info" "595.276 x 841.89 pts (A4)"
expect_grep "pdfinfo: created on the content's date" "$TMP/info" "CreationDate:    Tue Nov  1 00:00:00 2022 UTC"
pages=$(sed -n 's/^Pages: *//p' "$TMP/info")
if [ "$pages" -ge 30 ] && [ "$pages" -le 60 ]; then ok "page count in range ($pages)"; else fail "page count in range" "$pages pages"; fi

pdffonts "$TMP/s.pdf" | tail -n +3 >"$TMP/fonts"
if [ -s "$TMP/fonts" ] && awk '$(NF-4) != "yes" || $(NF-3) != "yes" { bad = 1 } END { exit bad }' "$TMP/fonts"; then
  ok "every font embedded and subset"
else
  fail "every font embedded and subset" "$(cat "$TMP/fonts")"
fi
if grep -v 'Vollkorn' "$TMP/fonts" >"$TMP/other"; then fail "only Vollkorn, no substitute" "$(cat "$TMP/other")"; else ok "only Vollkorn, no substitute"; fi

# Footnotes stand on the page of the sentence that references them.
for pair in "geladen kompas|Met dank voor deze mooie term" "zinvol ervaren bestaan|Reinders 2019, p. 103" \
  "wat de professional doet|notitie 4Vita" "echter niet willekeurig|Zie voor een grondige beschouwing: Baart" \
  "niet alles hoeft of kan worden opgelost|Noddings 2012" "Verwey Jonker|Eigenwijs transformeren; https" \
  "individueel) perspectief|Hart 2017" "en duurzame veiligheid|in de valkuil van de maakbaarheid"; do
  ref=${pair%%|*} note=${pair#*|}
  found=""
  p=1
  while [ $p -le "$pages" ]; do
    page_text "$TMP/s.pdf" $p >"$TMP/page"
    if grep -qF -- "$ref" "$TMP/page"; then found=$p; break; fi
    p=$((p + 1))
  done
  if [ -n "$found" ] && grep -qF -- "$note" "$TMP/page"; then
    ok "note '$note' on the page of '$ref' ($found)"
  else
    fail "note '$note' on the page of '$ref'" "reference on page ${found:-none}" "$(head -c 600 "$TMP/page")"
  fi
done

# The outline has an entry per heading; each points at the page the heading is on.
qpdf --json --json-key=outlines "$TMP/s.pdf" | jq -r '.. | objects | select(has("title")) | "\(.destpageposfrom1)|\(.title)"' >"$TMP/outline"
want=$(grep -c '^#' $S)
got=$(wc -l <"$TMP/outline")
if [ "$got" -eq "$want" ]; then ok "outline: an entry per heading ($got)"; else fail "outline: an entry per heading" "$got entries, $want headings"; fi
bad=""
while IFS='|' read -r pg title; do
  title=$(printf '%s' "$title" | sed "s/[’‘]/'/g")
  page_text "$TMP/s.pdf" "$pg" >"$TMP/page"
  grep -qF -- "$title" "$TMP/page" || bad="$bad [$title on $pg]"
done <"$TMP/outline"
if [ -z "$bad" ]; then ok "outline entries point at their headings"; else fail "outline entries point at their headings" "$bad"; fi

# Each table of contents entry's number is the page its heading is on.
# An entry of two lines has its number on the second.
pdftotext -layout -f 2 -l 3 "$TMP/s.pdf" - | sed "s/[’‘]/'/g; s/^ *//" | grep -v '^pagina\|^Kwaliteit moet je doen! ' |
  awk '/^$/ { held = ""; next } / [0-9]+$/ { n = $NF; sub(/ +[0-9]+$/, ""); print n "|" (held ? held " " : "") $0; held = ""; next }
       { held = (held ? held " " : "") $0 }' | grep -v '^[0-9]*|Inhoud' >"$TMP/toc"
entries=$(wc -l <"$TMP/toc")
bad=""
while IFS='|' read -r pg title; do
  grep -qF -- "$pg|$title" "$TMP/outline" || bad="$bad [$title: $pg]"
done <"$TMP/toc"
if [ "$entries" -ge 20 ] && [ -z "$bad" ]; then ok "table of contents: $entries entries with their pages"; else fail "table of contents numbers" "$entries entries;$bad"; fi

# Tagged structure: the elements a screen reader needs.
qpdf --qdf --object-streams=disable "$TMP/s.pdf" "$TMP/q.pdf" 2>/dev/null
for t in Document H2 H3 P L LI Lbl LBody BlockQuote TOC TOCI Link Reference Note BibEntry; do
  if grep -aq "/S /$t\$" "$TMP/q.pdf"; then ok "tagged: $t"; else fail "tagged: $t"; fi
done
links=$(grep -ac '/Subtype /Link' "$TMP/q.pdf")
if [ "$links" -ge 150 ]; then ok "links: TOC, notes both ways, URLs ($links)"; else fail "links" "$links"; fi

# No hyphen is ever added inside a URL: each URL of the text is found whole
# (-layout: the default mode undoes line-end hyphens by itself).
pdftotext -layout "$TMP/s.pdf" - | sed 's/^ *//' | tr -d '\n' >"$TMP/flat"
grep -o 'https://[^>)]*' $S | sed 's/[.,]$//' | sort -u | head -40 >"$TMP/urls"
bad=""
while read -r u; do grep -qF -- "$u" "$TMP/flat" || bad="$bad $u"; done <"$TMP/urls"
if [ -z "$bad" ]; then ok "URLs unbroken by hyphens"; else fail "URLs unbroken by hyphens" "$bad"; fi
# Nor inside the names of the literature list: a line there ends in a hyphen
# only where the source has one.
lit=$(grep '|LITERATUUR$' "$TMP/outline" | cut -d'|' -f1)
pdftotext -f "$lit" -l $((lit + 3)) "$TMP/s.pdf" - | grep -- '[a-z]-$' | sed 's/.* //' >"$TMP/hy" || true
bad=""
while read -r w; do grep -qF -- "$w" $S || bad="$bad $w"; done <"$TMP/hy"
if [ -z "$bad" ]; then ok "literature: no hyphenation"; else fail "literature: no hyphenation" "$bad"; fi

# The same input gives the same bytes; SOURCE_DATE_EPOCH sets the dates.
expect_exit "a second run" 0 "$STATUUT" pdf -o "$TMP/s2.pdf" $S
if cmp -s "$TMP/s.pdf" "$TMP/s2.pdf"; then ok "two runs give identical bytes"; else fail "two runs give identical bytes"; fi
expect_exit "pdf with SOURCE_DATE_EPOCH" 0 env SOURCE_DATE_EPOCH=1700000000 "$STATUUT" pdf -o "$TMP/e.pdf" $S
pdfinfo "$TMP/e.pdf" >"$TMP/info"
expect_grep "SOURCE_DATE_EPOCH is the creation date" "$TMP/info" "CreationDate:    Tue Nov 14 22:13:20 2023 UTC"

# Every kind of block, a concept version, a table across pages.
expect_exit "pdf typesets every kind of block" 0 "$STATUUT" pdf -o "$TMP/b.pdf" $F
expect_exit "blocks PDF passes qpdf --check" 0 qpdf --check "$TMP/b.pdf"
expect_no_grep "the figure was read" "$TMP/err" "cannot be read"
pdfinfo "$TMP/b.pdf" >"$TMP/info"
expect_grep "author from the front matter" "$TMP/info" "Author:          Werkgroep Proef"
bp=$(sed -n 's/^Pages: *//p' "$TMP/info")
bad=""
p=1
while [ $p -le "$bp" ]; do
  page_text "$TMP/b.pdf" $p | grep -qi 'concept' || bad="$bad $p"
  p=$((p + 1))
done
if [ -z "$bad" ]; then ok "a concept is marked on every page"; else fail "a concept is marked on every page" "not on:$bad"; fi
heads=0
p=1
while [ $p -le "$bp" ]; do
  page_text "$TMP/b.pdf" $p | grep -q 'Onderdeel Omschrijving Aantal' && heads=$((heads + 1))
  p=$((p + 1))
done
if [ $heads -ge 2 ]; then ok "the table's header row repeats after a page break ($heads)"; else fail "table header repeats" "$heads"; fi
pdftotext "$TMP/b.pdf" - >"$TMP/btext"
expect_grep "lettered points keep their letters" "$TMP/btext" "b. Tweede letterpunt"
pdftotext -layout "$TMP/b.pdf" - >"$TMP/blayout"
a=$(grep 'code blijft code' "$TMP/blayout" | sed 's/[^ ].*//' | wc -c)
b=$(grep 'ook ingesprongen' "$TMP/blayout" | sed 's/[^ ].*//' | wc -c)
if [ "$b" -eq $((a + 2)) ]; then ok "code keeps its indentation"; else fail "code keeps its indentation" "$a $b"; fi
pdfimages -list "$TMP/b.pdf" | tail -n +3 >"$TMP/imgs"
if [ -s "$TMP/imgs" ]; then ok "the PNG is in the PDF"; else fail "the PNG is in the PDF"; fi

# Two threads (the body laid out ahead, src/pdf/pdf.c) or one: the same
# bytes, for a document, its redline, and a document with every kind of
# block. Several runs, since which thread lays out which paragraph varies.
same_threads() {
  name=$1
  shift
  "$STATUUT" "$@" -j 1 -o "$TMP/t1.pdf" >/dev/null 2>&1
  differ=0
  for run in 1 2 3; do
    "$STATUUT" "$@" -j 2 -o "$TMP/t2.pdf" >/dev/null 2>&1
    cmp -s "$TMP/t1.pdf" "$TMP/t2.pdf" || differ=$run
  done
  if [ -s "$TMP/t1.pdf" ] && [ $differ = 0 ]; then ok "$name: -j 2 writes what -j 1 writes"; else fail "$name: -j 2 writes what -j 1 writes" "run $differ"; fi
}
same_threads "the statute" pdf $S
same_threads "the statute's redline" diff --format pdf $S content/kwaliteitsstatuut/1.0.1.md
same_threads "every kind of block" pdf tests/fixtures/pdf/blokken.md
expect_exit "pdf -j 0 is refused" 2 "$STATUUT" pdf -j 0 -o "$TMP/x.pdf" $S
expect_grep "... saying what -j takes" "$TMP/err" "-j takes a number of threads from 1 to 256, not '0'"

# Errors: usage, bad input, a missing font.
expect_exit "pdf without -o is refused" 2 "$STATUUT" pdf $S
expect_exit "pdf of a broken file fails" 2 "$STATUUT" pdf -o "$TMP/x.pdf" tests/fixtures/check/bad-date.md
[ -e "$TMP/x.pdf" ] && fail "no PDF for a broken file" || ok "no PDF for a broken file"
printf '<?xml version="1.0"?>\n<fontconfig><dir>%s</dir><cachedir>%s/cache</cachedir></fontconfig>\n' "$TMP/nofonts" "$TMP" >"$TMP/fonts.conf"
mkdir -p "$TMP/nofonts"
expect_exit "a missing font fails the PDF" 2 env FONTCONFIG_FILE="$TMP/fonts.conf" "$STATUUT" pdf -o "$TMP/x.pdf" $S
expect_grep "the message names the font and its package" "$TMP/err" "font 'Vollkorn Regular' is not installed (Debian package fonts-vollkorn"

# The site: a PDF for every version, linked and in the manifest.
expect_exit "build writes PDFs" 0 "$STATUUT" build --content tests/golden/content --templates templates --out "$TMP/site"
for pdf in "$TMP"/site/*/*/*.pdf; do
  qpdf --check "$pdf" >/dev/null 2>&1 || bad="$bad $pdf"
done
n=$(ls "$TMP"/site/*/*/*.pdf | wc -l)
if [ "$n" -ge 3 ] && [ -z "$bad" ]; then ok "every site PDF passes qpdf --check ($n)"; else fail "site PDFs" "$n;$bad"; fi
expect_grep "manifest lists the PDF" "$TMP/site/manifest.json" '"pdf": "voorbeeld/1.0/voorbeeld-1.0.pdf"'
expect_grep "the version page links its PDF" "$TMP/site/voorbeeld/1.0/index.html" 'href="../../voorbeeld/1.0/voorbeeld-1.0.pdf"'

finish

# statuut pdf on hostile input: nothing runs off the page, nothing is
# dropped without a word (README, "The PDF"). The document is made here:
# a 10 000-letter word, a 5 000-character URL, a 20 000-character code line,
# a 60-column table, scripts Vollkorn lacks, characters no font has, two
# images in one paragraph and images from outside the document's folder.
. tests/e2e/lib.sh
D="$TMP/doc"
mkdir -p "$D/sub"
cp tests/fixtures/pdf/figuur.png "$D/figuur.png"
cp tests/fixtures/pdf/figuur.png "$TMP/buiten.png"
ln -s "$TMP/buiten.png" "$D/link.png"
word=$(awk 'BEGIN { for (i = 0; i < 10000; i++) printf "%c", 97 + (i * 7 + int(i / 26)) % 26 }')
url=$(awk 'BEGIN { s = "https://example.org"; for (i = 0; length(s) < 5000; i++) s = s "/deel" i "." substr("abcdefghijklmnopqrstuvwxyz", 1 + i % 20); print substr(s, 1, 5000) }')
code=$(awk 'BEGIN { for (i = 0; i < 20000; i++) printf "%c", 48 + (i * 3) % 10 }')
table=$(awk 'BEGIN { n = 60; printf "|"; for (c = 0; c < n; c++) printf " Kolom %d |", c; printf "\n|"
  for (c = 0; c < n; c++) printf "---|"; printf "\n"
  for (r = 0; r < 4; r++) { printf "|"; for (c = 0; c < n; c++) printf " r%dk%d |", r, c; printf "\n" } }')
# The title is too long for the running head, the subtitle for its line.
# Line 21: the characters no font has, at column 16 (bytes; é is two).
# At the end: paragraphs with hard line breaks (from content/): the line
# after a break is broken too, and a shrunk last line stays in the measure.
cat >"$D/vijandig.md" <<EOF
---
title: "Vijandig document met een titel die te lang is voor de kopregel van elke bladzijde van dit lange stuk over smalle regels"
subtitle: "Een ondertitel die veel te lang is voor een regel op het omslag, en daarom over meer regels wordt gezet in plaats van over de rand te lopen"
version: "0.1"
date: 2024-03-05
status: concept
---

# Lang

Een woord: $word en verder.

Een URL: <$url> en verder.

\`\`\`
$code
\`\`\`

Emoji 😀🎉, CJK 漢字かな한글, Thai ภาษาไทย, Devanagari हिन्दी.

Privégebruik: $(printf '\356\200\200') en niet toegekend: $(printf '\363\240\277\277') hier.

# Tabel

$table

# Figuren

Twee figuren: ![eerste](figuur.png) en ![tweede](figuur.png).

![omhoog](../buiten.png)

![absoluut]($TMP/buiten.png)

![gelinkt](link.png)

![via](sub/../figuur.png)

# Regels

Zij doen een appel op partners: blijf met een open blik naar deze gezinnen/huishoudens kijken (ook al zijn ze soms lastig te begrijpen, moeilijk in de omgang). Oproep: “Kijk er ook eens doorhéén.”\\
Zij zetten zich ervoor in dat de stem van de huishoudens en gezinnen gehoord wordt.

De opgave voor een lokaal team is om inwoners en wijken te versterken in het dagelijks leven. Wat dat praktisch betekent verschilt van situatie tot situatie en van moment tot moment.\\
Dat geldt in het klein, in de gezinnen en huishoudens waarmee je samenwerkt.\\
Maar ook in het groot: de inzichten over zinnige veranderingen in het jeugdstelsel worden regelmatig bijgesteld. Dat riep vragen bij ons op als:
EOF
P="$TMP/v.pdf"
expect_exit "pdf typesets the hostile document" 0 "$STATUUT" pdf -o "$P" "$D/vijandig.md"
cp "$TMP/err" "$TMP/warnings"
expect_exit "its PDF passes qpdf --check" 0 qpdf --check "$P"
expect_exit "a second run" 0 "$STATUUT" pdf -o "$TMP/v2.pdf" "$D/vijandig.md"
if cmp -s "$P" "$TMP/v2.pdf"; then ok "two runs give identical bytes"; else fail "two runs give identical bytes"; fi

# No word beyond the right edge of the text column: A4, 134 mm measure,
# 33 mm inner margin (left on odd pages, counted from the cover), 43 mm outer.
pdftotext -bbox "$P" "$TMP/bbox.html"
awk '/<page / { p++ }
  /<word / { match($0, /xMax="[0-9.]+"/); x = substr($0, RSTART + 6, RLENGTH - 7) + 0
    edge = (p % 2 ? 93.54 : 121.89) + 379.84
    if (x > edge + 0.5) { w = $0; sub(/.*">/, "", w); print "page " p ": " x " " substr(w, 1, 40) } }' "$TMP/bbox.html" >"$TMP/over"
if [ ! -s "$TMP/over" ]; then ok "every word within the right margin"; else fail "every word within the right margin" "$(head -5 "$TMP/over")"; fi
# No two words of a line overlap (the wide table is readable): words whose
# baselines are within 1.5 pt are a line (fallback fonts sit a little apart).
awk '/<page / { p++ }
  /<word / { match($0, /xMin="[0-9.]+"/); x0 = substr($0, RSTART + 6, RLENGTH - 7) + 0
    match($0, /xMax="[0-9.]+"/); x1 = substr($0, RSTART + 6, RLENGTH - 7) + 0
    match($0, /yMax="[0-9.]+"/); y = substr($0, RSTART + 6, RLENGTH - 7) + 0
    print p, y, x0, x1 }' "$TMP/bbox.html" | sort -k1,1n -k2,2n |
  awk 'function flush(   i, j, t) {
         for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j] < a[j - 1]; j--) {
           t = a[j]; a[j] = a[j - 1]; a[j - 1] = t; t = b[j]; b[j] = b[j - 1]; b[j - 1] = t }
         for (i = 2; i <= n; i++) if (a[i] < b[i - 1] - 0.2) print "page " cp " y " cy ": " a[i] " < " b[i - 1]
         n = 0 }
       $1 != cp || $2 - cy > 1.5 { flush(); cp = $1; cy = $2 }
       { n++; a[n] = $3; b[n] = $4 }
       END { flush() }' >"$TMP/overlap"
if [ ! -s "$TMP/overlap" ]; then ok "no two words overlap"; else fail "no two words overlap" "$(head -5 "$TMP/overlap")"; fi
expect_grep "the wide table is set in smaller type, with a warning" "$TMP/warnings" \
  "vijandig.md:25:1: warning: a table of 60 columns is too wide for the page: set at"
grep -c 'Kolom' "$TMP/bbox.html" >"$TMP/n"
if [ "$(cat "$TMP/n")" -ge 60 ]; then ok "every column of the table is there"; else fail "every column of the table is there" "$(cat "$TMP/n")"; fi

# The long word, URL and code line are all there, modulo the marks of their
# breaks: a hyphen in the word, nothing in the URL, ↩ in the code.
pdftotext -raw "$P" - | tr -d '\f' | grep -v -e '^Vijandig document met .*versie 0.1' -e '^pagina [0-9]* van [0-9]*$' >"$TMP/raw.txt"
tr -d '\n' <"$TMP/raw.txt" >"$TMP/flat"
sed 's/-$//' "$TMP/raw.txt" | tr -d '\n' >"$TMP/flat-word"
sed 's/↩$//' "$TMP/raw.txt" | tr -d '\n' >"$TMP/flat-code"
# The running head cuts the title short (the cover has it whole); a long
# subtitle is broken into lines.
pdftotext -raw "$P" - | grep '^.\?Vijandig document met .*versie 0.1' >"$TMP/heads"
if [ -s "$TMP/heads" ] && ! grep -qv '…' "$TMP/heads"; then ok "the running head's title is cut short with …"; else fail "the running head's title is cut short with …" "$(head -2 "$TMP/heads")"; fi
tr '\n' ' ' <"$TMP/raw.txt" >"$TMP/flat-space"
expect_grep "the subtitle is whole" "$TMP/flat-space" "over meer regels wordt gezet in plaats van over de rand te lopen"
if grep -qF -- "$word" "$TMP/flat-word"; then ok "the long word is whole, broken by hyphens"; else fail "the long word is whole"; fi
if grep -qF -- "$url" "$TMP/flat"; then ok "the long URL is whole, broken with no mark"; else fail "the long URL is whole"; fi
if grep -qF -- "$code" "$TMP/flat-code"; then ok "the long code line is whole, broken with ↩"; else fail "the long code line is whole"; fi
hy=$(grep -c '^[a-z]*-$' "$TMP/raw.txt")
if [ "$hy" -ge 100 ]; then ok "the long word's lines end in a hyphen ($hy)"; else fail "the long word's lines end in a hyphen" "$hy"; fi
marks=$(grep -c '↩$' "$TMP/raw.txt")
if [ "$marks" -ge 100 ]; then ok "code lines that continue end in ↩ ($marks)"; else fail "code continuation marks" "$marks"; fi

expect_grep "the line after a hard break is all there" "$TMP/flat" "bijgesteld. Dat riep vragen bij ons op als:"

# Scripts Vollkorn lacks come from the named fallbacks; what no font has is
# named with its position.
expect_grep "emoji, CJK, Thai and Devanagari are text" "$TMP/raw.txt" "Emoji 😀🎉, CJK 漢字かな한글, Thai ภาษาไทย, Devanagari हिन्दी."
pdffonts "$P" >"$TMP/fonts"
for f in NotoSansThai NotoSansDevanagari DroidSansFallback NanumGothic Symbola; do
  expect_grep "fallback font $f embedded" "$TMP/fonts" "+$f"
done
# Without a fallback the PDF is refused, as without a face.
dirs=$(fc-list : file family | grep -i 'vollkorn\|dejavu' | sed 's/:.*//' | xargs -n1 dirname | sort -u | sed 's|.*|<dir>&</dir>|' | tr -d '\n')
printf '<?xml version="1.0"?>\n<fontconfig>%s<cachedir>%s/cache</cachedir></fontconfig>\n' "$dirs" "$TMP" >"$TMP/fonts.conf"
expect_exit "a missing fallback font fails the PDF" 2 env FONTCONFIG_FILE="$TMP/fonts.conf" "$STATUUT" pdf -o "$TMP/x.pdf" "$D/vijandig.md"
expect_grep "the message names the fallback and its package" "$TMP/err" "fallback font 'Noto Sans Thai' is not installed (Debian package fonts-noto-core"
expect_grep "characters no font has: a warning at file:line:col" "$TMP/warnings" \
  "vijandig.md:21:16: warning: no font of the PDF has U+E000, U+E0FFF; the PDF shows boxes"
expect_no_grep "no warning for what a fallback has" "$TMP/warnings" "U+0E"

# Images: both of a paragraph drawn; none from outside the folder.
n=$(pdfimages -list "$P" | tail -n +3 | wc -l)
if [ "$n" -eq 2 ]; then ok "both images of a paragraph drawn, no other"; else fail "both images of a paragraph drawn, no other" "$n images"; fi
expect_grep "an image above the folder: a warning" "$TMP/warnings" "vijandig.md:36:1: warning: image '../buiten.png' is outside the document's folder"
expect_grep "an absolute image path: a warning" "$TMP/warnings" "vijandig.md:38:1: warning: image '$TMP/buiten.png' is not a local file"
expect_grep "a symbolic link out of the folder: a warning" "$TMP/warnings" "vijandig.md:40:1: warning: image 'link.png' is outside the document's folder"
expect_grep "a path through ..: a warning" "$TMP/warnings" "vijandig.md:42:1: warning: image 'sub/../figuur.png' is outside the document's folder"
for alt in omhoog absoluut gelinkt via; do
  expect_grep "the description of a refused image is shown ($alt)" "$TMP/raw.txt" "$alt"
done

finish

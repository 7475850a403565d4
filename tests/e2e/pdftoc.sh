# The table of contents indents by a heading's depth in its document, not
# its level; a note continued on the next page says "(vervolg)"; the
# redline's summary shows a changed URL in full, old and new.
. tests/e2e/lib.sh
command -v pdftotext >/dev/null || { ok "pdftotext missing: skipped"; finish; }
printf -- '---\ntitle: "Inhoudsproef"\nversion: "1.0"\ndate: 2024-01-01\nstatus: vastgesteld\n---\n\n# Alfa\n\nTekst.\n\n### Bravo\n\nTekst.\n\n## Charlie\n\nTekst.\n\n#### Delta\n\nTekst.\n\n# Echo\n\nTekst.\n' >"$TMP/t.md"
expect_exit "a document whose heading levels skip" 0 "$STATUUT" pdf -o "$TMP/t.pdf" "$TMP/t.md"
pdftotext -f 2 -l 2 -bbox "$TMP/t.pdf" "$TMP/toc.html"
x() { sed -n "s/.*xMin=\"\([0-9]*\)[.0-9]*\".*>$1<.*/\1/p" "$TMP/toc.html" | head -1; }
a=$(x Alfa) b=$(x Bravo) c=$(x Charlie) d=$(x Delta) e=$(x Echo)
if [ -n "$a" ] && [ "$a" = "$e" ] && [ "$b" = "$c" ] && [ "$b" -gt "$a" ] && [ "$d" -gt "$b" ]; then
  ok "contents: ### under # is one step in, as ## is; #### under ## two ($a $b $c $d $e)"
else
  fail "contents indent by depth" "Alfa $a Bravo $b Charlie $c Delta $d Echo $e"
fi

# The statute has a note that runs over a page.
expect_exit "the statute's PDF" 0 "$STATUUT" pdf -o "$TMP/s.pdf" content/kwaliteitsstatuut/1.0.md
pdftotext -bbox "$TMP/s.pdf" "$TMP/s.html"
if awk '/<page/ {p++} /\(vervolg\)/ {print p; exit}' "$TMP/s.html" | grep -q .; then
  ok "a continued note says (vervolg)"
else
  fail "a continued note says (vervolg)"
fi
# in the margin, beside a note line (small type), not in the text column
if grep '(vervolg)' "$TMP/s.html" | sed 's/.*xMin="\([0-9]*\).*xMax="\([0-9]*\).*/\1 \2/' |
  awk '{ exit !($2 < 122 || $1 > 122 + 380) }'; then
  ok "(vervolg) stands in the margin"
else
  fail "(vervolg) stands in the margin" "$(grep '(vervolg)' "$TMP/s.html")"
fi

expect_exit "the statute's redline" 1 "$STATUUT" diff --format pdf -o "$TMP/r.pdf" content/kwaliteitsstatuut/1.0.md content/kwaliteitsstatuut/1.0.1.md
pdftotext -f 1 -l 4 "$TMP/r.pdf" - | tr -d '\n' >"$TMP/summary.txt"
expect_grep "the summary shows the old URL in full" "$TMP/summary.txt" "https://integraalwerkeninewijk.nl/wp-content/uploads/2022/04/20191030_Dialogstuk_Nji.pdf"
expect_grep "and the new one" "$TMP/summary.txt" "https://integraalwerkenindewijk.nl/wp-content/uploads/2022/04/20191030_Dialoogstuk_Nji.pdf"
expect_no_grep "no URL cut short" "$TMP/summary.txt" "/201…"
finish

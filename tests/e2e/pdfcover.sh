# The PDF cover fits its page whatever the summary's length: it shows the
# lead (the summary's first sentence, or `lead:`), and a longer summary
# follows whole on pages of its own before the table of contents.
. tests/e2e/lib.sh
command -v pdftotext >/dev/null || { ok "pdftotext missing: skipped"; finish; }
{
  printf -- '---\ntitle: "Lange samenvatting"\nversion: "1.0.1"\ndate: 2024-01-01\nstatus: concept\n'
  printf 'summary: "Errataversie van versie 1.0.'
  i=0
  while [ $i -lt 70 ]; do printf ' Correctie %d: een woord wordt een ander woord.' $i; i=$((i + 1)); done
  printf ' Slotwoord."\n---\n\n# Inleiding\n\nDe tekst.\n'
} >"$TMP/lang.md"
n=$(sed -n 's/^summary: //p' "$TMP/lang.md" | wc -c)
[ "$n" -gt 3000 ] && ok "the summary is over 3,000 characters ($n)" || fail "the summary is over 3,000 characters" "$n"
expect_exit "the PDF is made" 0 "$STATUUT" pdf -o "$TMP/lang.pdf" "$TMP/lang.md"
pdftotext -f 1 -l 1 "$TMP/lang.pdf" "$TMP/cover.txt"
expect_grep "the cover shows the lead" "$TMP/cover.txt" "Errataversie van versie 1.0."
expect_no_grep "the cover does not hold the rest" "$TMP/cover.txt" "Correctie 0"
pdftotext "$TMP/lang.pdf" "$TMP/all.txt"
expect_grep "the summary's last word is in the PDF" "$TMP/all.txt" "Slotwoord."
expect_grep "under its own heading" "$TMP/all.txt" "Samenvatting"
# No word below the bottom margin (842 pt page, 18 mm = 51 pt foot room).
pdftotext -bbox "$TMP/lang.pdf" "$TMP/bbox.html"
low=$(sed -n 's/.*yMax="\([0-9.]*\)".*/\1/p' "$TMP/bbox.html" | awk '$1 > 842 - 28 {n++} END {print n + 0}')
[ "$low" -eq 0 ] && ok "no text beyond the bottom margin" || fail "no text beyond the bottom margin" "$low words"
# A one-sentence summary is the lead itself: no page for it.
sed 's/^summary: .*/summary: "Eerste versie."/' "$TMP/lang.md" >"$TMP/kort.md"
expect_exit "a short summary" 0 "$STATUUT" pdf -o "$TMP/kort.pdf" "$TMP/kort.md"
pdftotext "$TMP/kort.pdf" "$TMP/kort.txt"
expect_no_grep "no summary page for a lead alone" "$TMP/kort.txt" "Samenvatting"
finish

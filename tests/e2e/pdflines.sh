# Line quality of the statute (statuut pdf --report): at most 12% of the
# lines hyphenated, at most 8 pairs of hyphenated lines in a row, no more
# than 11 lines spaced beyond twice the normal space (the figures before the
# hyphenation was made lighter), and no ladder.
. tests/e2e/lib.sh
S=content/kwaliteitsstatuut/1.0.md
expect_exit "pdf --report on the statute" 0 "$STATUUT" pdf --report -o "$TMP/s.pdf" $S
get() { sed -n "s/^$1 //p" "$TMP/err"; }
lines=$(get lines)
hyph=$(get hyphenated)
pct=$(get hyphenated-percent)
stacked=$(get stacked-hyphens)
loose=$(get loose-over-2x)
ladders=$(get hyphen-ladders)
if [ -n "$lines" ] && [ "$lines" -gt 1000 ]; then ok "the report counts the lines ($lines)"; else fail "the report counts the lines" "$(cat "$TMP/err")"; fi
if awk -v h="$hyph" -v l="$lines" -v p="$pct" 'BEGIN { exit !(h * 100 <= 12 * l && p + 0 <= 12 && (p - 100 * h / l) ^ 2 < 0.01) }'; then
  ok "at most 12% of the lines end in a hyphen ($hyph of $lines, $pct%)"
else
  fail "at most 12% of the lines end in a hyphen" "$hyph of $lines ($pct%)"
fi
if [ "${stacked:-99}" -le 8 ]; then ok "at most 8 stacked hyphens ($stacked)"; else fail "at most 8 stacked hyphens" "$stacked"; fi
if [ "${loose:-99}" -le 11 ]; then ok "no more loose lines than before ($loose, was 11)"; else fail "no more loose lines than before" "$loose"; fi
if [ "${ladders:-99}" -eq 0 ]; then ok "no hyphen ladder"; else fail "no hyphen ladder" "$ladders"; fi
finish

#!/usr/bin/env bash
# A build lays out each paragraph once and reuses it in every PDF that has it
# (src/pdf/paracache.c): the versions of a document and its redlines. The
# PDFs it makes must be, byte for byte, those of `statuut pdf` and
# `statuut diff --format pdf` run alone on the same files, whose engine has
# seen nothing before; -j 1 puts every PDF in the one process, so that the
# later ones are made mostly from paragraphs of the earlier.
. "$(dirname "$0")/lib.sh"

content=tests/fixtures/versies/content
expect_exit "build, one process" 0 "$STATUUT" build -j 1 --content "$content" --out "$TMP/site"
n=0
for v in 1.0 1.1 2.0; do
  pdf="$TMP/site/statuut/$v/statuut-$v.pdf"
  "$STATUUT" pdf -o "$TMP/alone.pdf" "$content/statuut/$v.md" 2>"$TMP/err"
  if cmp -s "$pdf" "$TMP/alone.pdf"; then ok "version $v: as made alone"; else fail "version $v: as made alone" "$(cmp "$pdf" "$TMP/alone.pdf" 2>&1)"; fi
  n=$((n + 1))
done
for pair in 1.0-1.1 1.1-2.0; do
  pdf="$TMP/site/statuut/verschil/$pair/statuut-wijzigingen-$pair.pdf"
  "$STATUUT" diff --format pdf -o "$TMP/alone.pdf" "$content/statuut/${pair%-*}.md" \
    "$content/statuut/${pair#*-}.md" 2>"$TMP/err"
  if cmp -s "$pdf" "$TMP/alone.pdf"; then ok "redline $pair: as made alone"; else fail "redline $pair: as made alone" "$(cmp "$pdf" "$TMP/alone.pdf" 2>&1)"; fi
done
finish

# content/: every document is faithful to its seed. The words of each seed are
# compared with the words of its Markdown (tests/content/words.sh); the
# differences must be exactly the reviewed artefact repairs kept in
# tests/content/*.words. A lost paragraph, a dropped footnote or a stray
# running head changes the counts and fails here.
. tests/e2e/lib.sh
S=tests/content/seeds
W=tests/content

compare() { # NAME SEED MARKDOWN...
  name=$1
  shift
  if ! sh $W/words.sh "$@" >"$TMP/$name.words" 2>"$TMP/err"; then
    fail "$name: words compared" "$(cat "$TMP/err")"
    return
  fi
  if [ "${UPDATE_GOLDEN:-}" = 1 ]; then cp "$TMP/$name.words" $W/$name.words; fi
  if diff $W/$name.words "$TMP/$name.words" >"$TMP/diff"; then
    ok "$name: only the reviewed artefact repairs differ from the seed"
  else
    fail "$name: only the reviewed artefact repairs differ from the seed" "$(head -30 "$TMP/diff")"
  fi
}

compare statuut-1.0 $S/001_*.txt content/kwaliteitsstatuut/1.0.md
compare landschap-en-samen-werken $S/000_*.txt content/landschap/1.0.md content/samen-werken-aan-kwaliteit/1.0.md
compare hoe-werken-onze-wijkteams $S/002_*.txt content/hoe-werken-onze-wijkteams/1.0.md
compare brief-kbl $S/003_*.txt content/brief-kbl/1.0.md
compare lerend-versterken $S/004_*.txt content/lerend-versterken/1.md

# The errata version changes only the corrected words of 1.0.
"$STATUUT" text content/kwaliteitsstatuut/1.0.md | sed '1,/^$/d' >"$TMP/v10.txt"
compare statuut-errata "$TMP/v10.txt" content/kwaliteitsstatuut/1.0.1.md

# The statute: 57 footnotes, all defined and referenced; its chapters.
"$STATUUT" text content/kwaliteitsstatuut/1.0.md >"$TMP/statuut.txt"
n=$(grep -cE '^\[[0-9]+\] ' "$TMP/statuut.txt")
[ "$n" -eq 57 ] && ok "the statute has 57 footnotes" || fail "the statute has 57 footnotes" "found $n"
for h in "VOORAF" "1. INLEIDING" "2. ANDERS DENKEN OVER KWALITEITSVERBETERING" "3. WAT ZIJN WIJKTEAMS EIGENLIJK?" \
  "4. WAARUIT BESTAAT DE KWALITEIT VAN EEN WIJKTEAM?" "5. RECAPITULATIE EN VOORUITBLIK" "MET DANK AAN" "ONLINE PUBLICATIES"; do
  if grep -qx -- "$h" "$TMP/statuut.txt" && grep -A1 -x -- "$h" "$TMP/statuut.txt" | grep -q '^==='; then
    ok "the statute has chapter '$h'"
  else
    fail "the statute has chapter '$h'"
  fi
done
# No extraction artefact a reader would notice.
for f in content/*/*.md; do
  if grep -nE '[a-z]- [a-z]' "$f" | grep -vE ' (en|of|tot|en/of)\b|- en |- of ' >"$TMP/split"; then
    fail "$f: no words split by hyphenation" "$(head -5 "$TMP/split")"
  else
    ok "$f: no words split by hyphenation"
  fi
  if grep -nE '<sup>|</?b>|^[0-9]+ *$' "$f" >"$TMP/art"; then
    fail "$f: no page numbers or HTML left" "$(head -5 "$TMP/art")"
  else
    ok "$f: no page numbers or HTML left"
  fi
done
finish

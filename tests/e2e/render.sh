# statuut html and statuut text on one file, and statuut new.
. tests/e2e/lib.sh
G=tests/golden

expect_exit "html renders a file" 0 "$STATUUT" html $G/content/voorbeeld/1.0.md
cp "$TMP/out" "$TMP/page.html"
expect_grep "standalone page is Dutch" "$TMP/page.html" '<html lang="nl">'
expect_grep "standalone page carries its stylesheet" "$TMP/page.html" 'href="data:text/css;base64,'
expect_no_grep "standalone page has no site links" "$TMP/page.html" 'Alle versies'
mkdir -p "$TMP/alone" && cp "$TMP/page.html" "$TMP/alone/index.html"
expect_exit "standalone page is well-formed" 0 "$SITECHECK" "$TMP/alone"
expect_exit "html -o writes the file" 0 "$STATUUT" html -o "$TMP/o.html" $G/content/voorbeeld/1.0.md
cmp -s "$TMP/o.html" "$TMP/page.html" && ok "html -o writes what stdout shows" || fail "html -o writes what stdout shows"
expect_exit "html refuses a file with errors" 2 "$STATUUT" html -o "$TMP/o.html" tests/fixtures/check/bad-date.md
cmp -s "$TMP/o.html" "$TMP/page.html" && ok "a refused file leaves the old output" || fail "a refused file leaves the old output"

expect_exit "text renders a file" 0 "$STATUUT" text $G/content/voorbeeld/1.0.md
if [ "${UPDATE_GOLDEN:-}" = 1 ]; then cp "$TMP/out" $G/voorbeeld-1.0.txt; fi
if diff $G/voorbeeld-1.0.txt "$TMP/out" >"$TMP/diff"; then ok "text matches the golden file"; else fail "text matches the golden file" "$(head -40 "$TMP/diff")"; fi

# -- new ---------------------------------------------------------------------------------
cp -r $G/content "$TMP/c"
SOURCE_DATE_EPOCH=1795392000 expect_exit "new starts a version" 0 env SOURCE_DATE_EPOCH=1795392000 "$STATUUT" new --content "$TMP/c" voorbeeld 1.2
expect_grep "new prints the new file" "$TMP/out" "$TMP/c/voorbeeld/1.2.md"
f="$TMP/c/voorbeeld/1.2.md"
expect_grep "new sets the version" "$f" 'version: "1.2"'
expect_grep "new sets status concept" "$f" 'status: concept'
expect_grep "new sets today's date" "$f" 'date: 2026-11-23'
expect_grep "new empties the summary" "$f" 'summary: ""'
expect_grep "new copies the newest version's text" "$f" 'Alleen een korte tekst in het concept.'
expect_exit "the new version checks clean" 0 "$STATUUT" check "$TMP/c"
expect_exit "new refuses an older version" 2 "$STATUUT" new --content "$TMP/c" voorbeeld 1.1.5
expect_grep "new says why" "$TMP/err" "version 1.1.5 is not newer than the newest version, 1.2"
expect_exit "new refuses an unknown document" 2 "$STATUUT" new --content "$TMP/c" onbekend 1.0
expect_exit "new refuses a bad version" 2 "$STATUUT" new --content "$TMP/c" voorbeeld 2.x

# -- hostile input: deep nesting and long delimiter runs stay bounded -------------------
# Up to the nesting limit (doc.h, README "Limits") a file renders; deeper, it is
# refused (tests/e2e/limits.sh).
{
  printf -- '---\ntitle: T\nversion: "1"\ndate: 2022-01-01\nstatus: concept\n---\n'
  awk 'BEGIN { for (i = 0; i < 99; i++) printf "> "; print "diep"; print "";
               for (i = 0; i < 49; i++) { for (j = 0; j < i; j++) printf "  "; print "- x" }
               for (i = 0; i < 50000; i++) printf "*"; printf "a"; for (i = 0; i < 50000; i++) printf "_"; print "" }'
} >"$TMP/deep.md"
expect_exit "deeply nested input renders as HTML" 0 "$STATUUT" html -o "$TMP/deep.html" "$TMP/deep.md"
expect_exit "deeply nested input renders as text" 0 "$STATUUT" text -o "$TMP/deep.txt" "$TMP/deep.md"
expect_grep "deeply nested text survives" "$TMP/deep.txt" "diep"
finish

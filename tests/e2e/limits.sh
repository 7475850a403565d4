#!/bin/sh
# The limits on one file (README "Limits", doc.h): beyond them every command
# refuses the file with a message naming it, and exits 2. The inputs are those
# of make bench (bench/hostile.sh), smaller where the limit is not the point.
# No timings here: bench/run.sh measures them.
. tests/e2e/lib.sh
H="sh bench/hostile.sh"

# -- nesting deeper than 100 levels ------------------------------------------------------
$H bullets 50000 >"$TMP/bullets.md"
$H ordered 30000 >"$TMP/ordered.md"
for cmd in text check html diff; do
  for f in bullets ordered; do
    case $cmd in
    diff) set -- diff --format json "$TMP/$f.md" "$TMP/$f.md" ;;
    check) set -- check "$TMP/$f.md" ;;
    *) set -- "$cmd" -o "$TMP/out.$cmd" "$TMP/$f.md" ;;
    esac
    expect_exit "$cmd refuses $f nested 50000 deep" 2 "$STATUUT" "$@"
  done
done
expect_grep "the nesting limit is named at its place" "$TMP/err" \
  "$TMP/ordered.md:7:151: error: nested deeper than 100 levels (lists, quotes, emphasis, links): statuut reads no deeper [limit]"
expect_exit "check --format json refuses too" 2 "$STATUUT" check --format json "$TMP/bullets.md"
expect_grep "as check 'limit'" "$TMP/out" '"check": "limit"'
$H bullets 49 >"$TMP/ok.md"
expect_exit "49 nested lists (98 levels) are read" 0 "$STATUUT" text -o "$TMP/ok.txt" "$TMP/ok.md"
expect_grep "and the text is there" "$TMP/ok.txt" "tekst"

# -- more than 10000 notes ---------------------------------------------------------------
$H footnotes 10001 >"$TMP/notes.md"
for cmd in text check html diff; do
  case $cmd in
  diff) set -- diff --format json "$TMP/notes.md" "$TMP/notes.md" ;;
  check) set -- check "$TMP/notes.md" ;;
  *) set -- "$cmd" -o "$TMP/out.$cmd" "$TMP/notes.md" ;;
  esac
  expect_exit "$cmd refuses 10001 notes" 2 "$STATUUT" "$@"
done
expect_grep "the notes limit is named at the note" "$TMP/err" \
  "$TMP/notes.md:30009:1: error: more than 10000 notes: statuut reads at most 10000 [limit]"

# -- more than 100000 table cells -------------------------------------------------------
$H table 2000 >"$TMP/table.md"
for cmd in text check html diff; do
  case $cmd in
  diff) set -- diff --format json "$TMP/table.md" "$TMP/table.md" ;;
  check) set -- check "$TMP/table.md" ;;
  *) set -- "$cmd" -o "$TMP/out.$cmd" "$TMP/table.md" ;;
  esac
  expect_exit "$cmd refuses a table of 2000 x 200 cells" 2 "$STATUUT" "$@"
done
expect_grep "the cells limit is named at the cell" "$TMP/err" \
  "$TMP/table.md:508:2: error: more than 100000 table cells: statuut reads at most 100000 [limit]"
$H table 499 >"$TMP/table.md"
expect_exit "a table of 500 x 200 cells is read" 0 "$STATUUT" text -o "$TMP/table.txt" "$TMP/table.md"
expect_grep "with its last cell" "$TMP/table.txt" "499.200"

# -- files larger than 16 MB -------------------------------------------------------------
$H large 17 >"$TMP/large.md"
for cmd in text check html diff; do
  case $cmd in
  diff) set -- diff --format json "$TMP/large.md" "$TMP/large.md" ;;
  check) set -- check "$TMP/large.md" ;;
  *) set -- "$cmd" -o "$TMP/out.$cmd" "$TMP/large.md" ;;
  esac
  expect_exit "$cmd refuses a file of 17 MB" 2 "$STATUUT" "$@"
done
expect_grep "the size limit names the file" "$TMP/err" \
  "$TMP/large.md: error: the file is 17.0 MB: statuut reads files of at most 16 MB [limit]"
mkdir -p "$TMP/c/groot"
cp "$TMP/large.md" "$TMP/c/groot/1.0.md"
expect_exit "build refuses a content folder with it" 2 "$STATUUT" build --content "$TMP/c" --out "$TMP/site"
expect_grep "build names it" "$TMP/err" "statuut reads files of at most 16 MB"
$H large 2 >"$TMP/medium.md"
expect_exit "a file of 2 MB is read" 0 "$STATUUT" text -o "$TMP/medium.txt" "$TMP/medium.md"

# -- many headings, notes, keys: the results of what were quadratic searches ---------------
$H headings 3000 >"$TMP/headings.md"
"$STATUUT" html -o "$TMP/headings.html" "$TMP/headings.md" 2>/dev/null
expect_grep "the 3000th repeat of a heading is kop-3000" "$TMP/headings.html" 'id="kop-3000"'
expect_no_grep "and there is no kop-3001" "$TMP/headings.html" 'id="kop-3001"'
$H footnotes 3000 >"$TMP/notes.md"
expect_exit "3000 notes check clean" 0 "$STATUUT" check --no-spelling "$TMP/notes.md"
"$STATUUT" text -o "$TMP/notes.txt" "$TMP/notes.md"
expect_grep "the last note is numbered 3000" "$TMP/notes.txt" "[3000] Noot 3000."
$H keys 20000 >"$TMP/keys.md"
expect_exit "20000 front-matter keys check clean" 0 "$STATUUT" check --no-spelling "$TMP/keys.md"
{ sed '$d' "$TMP/keys.md" | sed '$d' | sed '$d'; printf 'sleutel5: weer\n---\n\nTekst.\n'; } >"$TMP/dup.md"
expect_exit "a duplicate among them is an error" 1 "$STATUUT" check --no-spelling "$TMP/dup.md"
expect_grep "at its line" "$TMP/err" "dup.md:20006:1: error: duplicate key 'sleutel5' [front-matter]"
# A table row of more cells than cmark-gfm counts (65535): the library gives
# the table up and reads a paragraph; under AddressSanitizer its leak of the
# row is suppressed by name (tests/lsan.supp), not hidden by a wider rule.
awk 'BEGIN {
  print "---\ntitle: \"Breed\"\nversion: \"1.0\"\ndate: 2022-01-01\nstatus: concept\n---\n"
  s = "|"; for (i = 0; i < 65536; i++) s = s "k|"; print s
  s = "|"; for (i = 0; i < 65536; i++) s = s "-|"; print s
}' >"$TMP/wide.md"
expect_exit "a row of 65536 cells is read" 0 "$STATUUT" text -o "$TMP/wide.txt" "$TMP/wide.md"
expect_grep "as text" "$TMP/wide.txt" "|k|k|k|"
finish

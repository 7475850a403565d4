# statuut check: every front-matter and structure error with its message,
# position and exit status; the real content passes.
. tests/e2e/lib.sh
F=tests/fixtures

expect_exit "content/ has no errors" 0 "$STATUUT" check content
expect_grep "content/ check counts its files" "$TMP/err" "files checked: 0 errors"
expect_exit "a correct file passes" 0 "$STATUUT" check $F/check/good.md

expect_exit "missing field fails" 1 "$STATUUT" check $F/check/missing-date.md
expect_grep "missing field message" "$TMP/err" "$F/check/missing-date.md:1:1: error: missing required field 'date' [front-matter]"
expect_exit "bad date fails" 1 "$STATUUT" check $F/check/bad-date.md
expect_grep "bad date message" "$TMP/err" "$F/check/bad-date.md:4:7: error: invalid date '2022-02-30'"
expect_exit "bad status fails" 1 "$STATUUT" check $F/check/bad-status.md
expect_grep "bad status message" "$TMP/err" "$F/check/bad-status.md:5:9: error: invalid status 'definitief': expected concept, vastgesteld or vervallen"
expect_exit "invalid YAML fails" 1 "$STATUUT" check $F/check/bad-yaml.md
expect_grep "invalid YAML message" "$TMP/err" "$F/check/bad-yaml.md:3:11: error: invalid YAML:"
expect_exit "missing front matter fails" 1 "$STATUUT" check $F/check/no-front-matter.md
expect_grep "missing front matter message" "$TMP/err" "$F/check/no-front-matter.md:1:1: error: missing front matter"

printf -- '---\ntitle: "x"\nversion: "1.0"\ndate: 2022-01-01\nstatus: concept\n---\nfo\377ut\n' >"$TMP/utf8.md"
expect_exit "invalid UTF-8 fails" 1 "$STATUUT" check "$TMP/utf8.md"
expect_grep "invalid UTF-8 message" "$TMP/err" "utf8.md:7:3: error: invalid UTF-8 (byte 0xff)"

expect_exit "version against file name fails" 1 "$STATUUT" check $F/mismatch/doc
expect_grep "version against file name message" "$TMP/err" "$F/mismatch/doc/2.0.md:3:10: error: version '1.0' does not match the file name '2.0.md' [content]"
expect_exit "a single file is checked against its name too" 1 "$STATUUT" check $F/mismatch/doc/2.0.md
expect_exit "duplicate versions fail" 1 "$STATUUT" check $F/duplicate
expect_grep "duplicate versions message" "$TMP/err" "$F/duplicate/doc/1.00.md: error: version 1.00 is also in $F/duplicate/doc/1.0.md: a version may exist only once [content]"

expect_exit "footnote problems fail" 1 "$STATUUT" check $F/check/footnotes.md
expect_grep "undefined footnote message" "$TMP/err" "$F/check/footnotes.md:8:37: error: footnote [^2] is referenced but not defined [footnotes]"
expect_grep "unused footnote message" "$TMP/err" "$F/check/footnotes.md:12:1: error: footnote [^3] is defined but never referenced [footnotes]"

expect_exit "raw HTML is a warning, not an error" 0 "$STATUUT" check $F/check/raw-html.md
expect_grep "raw HTML warning" "$TMP/err" "$F/check/raw-html.md:8:13: warning: raw HTML is not passed through: shown as text [raw-html]"

expect_exit "several paths: all are reported, sorted" 1 "$STATUUT" check $F/check/bad-status.md $F/check/bad-date.md
first=$(head -1 "$TMP/err")
case "$first" in *bad-date.md*) ok "messages are sorted by file" ;; *) fail "messages are sorted by file" "$first" ;; esac
expect_exit "missing path is reported" 1 "$STATUUT" check nowhere
expect_grep "missing path message" "$TMP/err" "nowhere: error: no such file or folder"
finish

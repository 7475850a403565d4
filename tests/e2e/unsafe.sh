# Content is untrusted: a link or image whose URL could run a script
# (javascript:, vbscript:, data:, file:, in any spelling) never reaches a
# page or a PDF. Every command warns with file:line:col; check fails on it,
# also in a vastgesteld version. tests/fixtures/unsafe/ holds every trick.
. tests/e2e/lib.sh
C=tests/fixtures/unsafe/content
F=$C/proef/1.1.md
UNSAFE=15 # refused links and images in $F

# Every href and src of a page, one a line; fails when one is unsafe.
no_unsafe_targets() { # NAME FILE
  grep -o '\(href\|src\|action\|formaction\)="[^"]*"' "$2" | grep -v '="data:text/css;base64,' |
    grep -i 'script:\|data:\|file:' >"$TMP/bad" || true
  if [ -s "$TMP/bad" ]; then fail "$1" "$(head -5 "$TMP/bad")"; else ok "$1"; fi
}

expect_exit "html renders the page" 0 "$STATUUT" html -o "$TMP/p.html" $F
no_unsafe_targets "html: no unsafe href or src" "$TMP/p.html"
n=$(grep -c 'unsafe-link\]$' "$TMP/err")
[ "$n" -eq $UNSAFE ] && ok "html warns once for each of the $UNSAFE" || fail "html warns once for each of the $UNSAFE" "got $n" "$(cat "$TMP/err")"
expect_grep "the warning names file, line and column" "$TMP/err" "$F:12:5: warning: link address 'javascript:alert(1)': the scheme 'javascript:' is not allowed"
expect_grep "a reference definition is caught where it is used" "$TMP/err" "$F:18:5: warning: link address 'javascript:alert(13)'"
expect_grep "an entity does not hide the scheme" "$TMP/err" "$F:18:28: warning: link address 'javascript:alert(7)'"
expect_grep "a tab inside the scheme does not hide it" "$TMP/err" "$F:20:5: warning: link address 'java\\tscript:alert(8)'"
expect_grep "in a note" "$TMP/err" "$F:32:13: warning: link address 'javascript:alert(14)'"
expect_grep "in a table cell" "$TMP/err" "$F:28:9: warning: link address 'javascript:alert(12)'"
expect_grep "an image becomes its description" "$TMP/p.html" "<p>Een data-link en plaatje.</p>"
expect_grep "a safe link stays a link" "$TMP/p.html" 'href="https://www.movisie.nl/"'
expect_grep "a mail link stays a link" "$TMP/p.html" 'href="mailto:info@example.org"'
expect_grep "a refused link keeps its text" "$TMP/p.html" "Een script en een ander."

expect_exit "check fails on a vastgesteld version" 1 "$STATUUT" check --no-spelling $F
n=$(grep -c 'error: .*unsafe-link\]$' "$TMP/err")
[ "$n" -eq $UNSAFE ] && ok "check: an error for each" || fail "check: an error for each" "got $n"
expect_exit "text renders" 0 "$STATUUT" text $F
expect_exit "diff as HTML" 1 "$STATUUT" diff --format html -o "$TMP/d.html" $C/proef/1.0.md $F
no_unsafe_targets "diff html: no unsafe href or src" "$TMP/d.html"
expect_exit "diff as JSON" 1 "$STATUUT" diff --format json -o "$TMP/d.json" $C/proef/1.0.md $F
expect_no_grep "diff json: no link notation with an unsafe target" "$TMP/d.json" "](javascript"
expect_exit "build publishes it, safely" 0 "$STATUUT" build --content $C --templates templates --out "$TMP/site"
expect_grep "build warns" "$TMP/err" "warnings in the content"
for p in "$TMP"/site/proef/*/index.html "$TMP"/site/proef/verschil/*/index.html; do
  no_unsafe_targets "site: no unsafe target in ${p#$TMP/site/}" "$p"
done

# The PDF's link annotations follow the same rule.
expect_exit "pdf renders" 0 "$STATUUT" pdf -o "$TMP/p.pdf" $F
if command -v qpdf >/dev/null; then
  qpdf --qdf --object-streams=disable "$TMP/p.pdf" "$TMP/q.pdf"
  grep -a '/URI' "$TMP/q.pdf" >"$TMP/uris" || true
  grep -ai 'script:\|data:\|file:' "$TMP/uris" >"$TMP/bad" || true
  [ -s "$TMP/bad" ] && fail "pdf: no unsafe link annotation" "$(head -3 "$TMP/bad")" || ok "pdf: no unsafe link annotation"
  expect_grep "pdf: the safe link is an annotation" "$TMP/uris" "https://www.movisie.nl/"
fi

# Templates may not put content into <script> or <style>.
mkdir -p "$TMP/tpl"
cp templates/* "$TMP/tpl/"
sed 's|</head>|<script data-meta="title"></script></head>|' templates/base.html >"$TMP/tpl/base.html"
expect_exit "a template with data-meta in <script> is refused" 2 "$STATUUT" html --templates "$TMP/tpl" $F
expect_grep "the message names the template and the line" "$TMP/err" "base.html:"
expect_grep "the message says why" "$TMP/err" "data-meta in <script>: content would run as code there"
finish

# The accessibility gate (tests/browser/a11y.mjs): every page of the site
# built from content/ and from the test fixtures, and a page of `statuut
# html` alone, through axe-core (WCAG 2.0/2.1 A and AA, 2.2's target size)
# in the light and the dark scheme, every view of every redline, reflow at
# 320 px, the skip link and the heading levels. Zero findings, or the
# findings as PAGE [scheme, width]: RULE: ELEMENT: what. And the gate fails
# on a template with known violations.
. tests/e2e/lib.sh
if [ "${BUILD:-build}" != "${BUILD#build/asan}" ]; then
  echo "# the pages are checked in the plain run; under the sanitizers only the builds"
  expect_exit "content/ builds" 0 env STATUUT_PAGEFIND=/nonexistent "$STATUUT" build --content content --templates templates --out "$TMP/site"
  finish
fi
if ! [ -d "${STATUUT_NODE_MODULES:-}/axe-core" ] || ! [ -d "${STATUUT_NODE_MODULES:-}/playwright-core" ] || ! command -v node >/dev/null || ! [ -x /usr/bin/chromium ]; then
  fail "the accessibility gate" "node, chromium, playwright-core or axe-core missing (make installs them)"
  finish
fi
gate() { # NAME DIR [PAGE...]: the gate passes
  if node tests/browser/a11y.mjs "$@" >"$TMP/gate" 2>&1; then ok "$NAME"; else fail "$NAME" "$(head -40 "$TMP/gate")"; fi
}
expect_exit "content/ builds" 0 "$STATUUT" build --content content --templates templates --out "$TMP/site"
NAME="every page of content/'s site" gate "$TMP/site"
expect_exit "the fixture with three versions builds" 0 "$STATUUT" build --content tests/fixtures/versies/content --templates templates --out "$TMP/versies"
NAME="every page of the three versions' site" gate "$TMP/versies"
expect_exit "the golden fixture builds" 0 "$STATUUT" build --content tests/golden/content --templates templates --out "$TMP/gold"
mkdir -p "$TMP/alone"
expect_exit "a page alone" 0 "$STATUUT" html -o "$TMP/alone/statuut.html" content/kwaliteitsstatuut/1.0.md
NAME="the golden site and a page alone" gate "$TMP/gold" "$TMP/alone/statuut.html"

# A template with known violations fails the gate, naming page, rule and
# element: an image without a description, a text nobody can read, a
# heading that skips a level.
cp -r templates "$TMP/bad"
sed -i 's|<main id="tekst-start" tabindex="-1" data-slot="main">|<img src="logo.png"/><h4>Overgeslagen kop</h4><main id="tekst-start" tabindex="-1" data-slot="main">|' "$TMP/bad/base.html"
printf '\n.site-voet { color: #ccc; }\n' >>"$TMP/bad/style.css"
expect_exit "the bad template builds" 0 env STATUUT_PAGEFIND=/nonexistent "$STATUUT" build --content tests/fixtures/versies/content --templates "$TMP/bad" --out "$TMP/badsite"
expect_exit "the gate fails on it" 1 node tests/browser/a11y.mjs "$TMP/badsite"
expect_grep "... naming the image without a description" "$TMP/out" 'index.html [light, 1280]: image-alt: img: '
expect_grep "... the unreadable text" "$TMP/out" 'index.html [light, 1280]: color-contrast: footer > p: Element has insufficient color contrast of 1.6'
expect_grep "... the heading that skips levels" "$TMP/out" 'index.html [1280]: heading-levels: h4 "Overgeslagen kop": the first heading is h4, not h1'
finish

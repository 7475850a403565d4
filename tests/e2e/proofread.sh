# statuut check as the editor's proofreader: each check on a fixture that
# triggers it and on one that must stay quiet (tests/check/content), the
# statute itself, output formats, silencing, the published-text rule and the
# build that refuses a concept with errors.
. tests/e2e/lib.sh
C=tests/check/content

# -- the whole fixture folder against its golden report ----------------------------
"$STATUUT" check $C >"$TMP/out" 2>"$TMP/all"
if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
  cp "$TMP/all" tests/check/expected.txt
  ok "golden check report updated"
elif diff tests/check/expected.txt "$TMP/all" >"$TMP/diff"; then
  ok "fixture folder: the report matches tests/check/expected.txt"
else
  fail "fixture folder: the report matches tests/check/expected.txt" "$(head -40 "$TMP/diff")"
fi

# -- quiet fixtures: nothing at all, even with --strict ------------------------------
for q in citations-quiet citations-layouts footnotes-quiet links-quiet structure-quiet spelling-quiet; do
  expect_exit "$q stays quiet (strict)" 0 "$STATUUT" check --strict $C/$q/1.0.md
  expect_grep "$q: no findings" "$TMP/err" "1 file checked: 0 errors, 0 warnings"
done

# -- citations -------------------------------------------------------------------------
F=$C/citations-found/1.0.md
expect_exit "unresolved citations fail a concept" 1 "$STATUUT" check --no-spelling $F
expect_grep "citation typo with its suggestion" "$TMP/err" "$F:10:25: error: citation 'Scheerpers 2021' is not in the literature list; did you mean 'Scheepers 2021'? [citations]"
expect_grep "two equally close keys are both suggested" "$TMP/err" "$F:10:47: error: citation 'Baart 2017' is not in the literature list; did you mean 'Baart 2018' or 'Baart 2016'? [citations]"
expect_grep "a lower-case author after '&' is still a citation" "$TMP/err" "$F:12:12: error: citation 'Kruijer & albers 2020' is not in the literature list; did you mean 'Kruiter & Albers 2020'? [citations]"
expect_grep "case alone makes a different key" "$TMP/err" "$F:12:38: error: citation 'Van Os & van Spronsen 2021' is not in the literature list; did you mean 'Van Os & Van Spronsen 2021'? [citations]"
expect_grep "a citation across a line break is found where it starts" "$TMP/err" "$F:14:65: error: citation 'Van Os & Van Spronsen 2012' is not in the literature list; did you mean 'Van Os & Van Spronsen 2021'? [citations]"
expect_grep "an entry nothing cites is a warning" "$TMP/err" "$F:34:3: warning: literature entry 'Covey 1989' is not cited in the text [citations]"
expect_grep "a key listed twice is a warning" "$TMP/err" "$F:37:3: warning: literature entry 'Covey 1989' is listed twice (also on line 34) [citations]"

# -- footnotes -------------------------------------------------------------------------
F=$C/footnotes-found/1.0.md
expect_exit "an empty note fails" 1 "$STATUUT" check $F
expect_grep "a note referenced twice is a warning at the second reference" "$TMP/err" "$F:8:57: warning: footnote [^a] is referenced more than once (first on line 8) [footnotes]"
expect_grep "an empty note is an error" "$TMP/err" "$F:12:1: error: footnote [^leeg] is empty [footnotes]"

# -- links ------------------------------------------------------------------------------
F=$C/links-found/1.0.md
expect_exit "broken links fail" 1 "$STATUUT" check $F
expect_grep "unknown document" "$TMP/err" "$F:10:7: error: site link '/bestaat-niet/': there is no document 'bestaat-niet' [links]"
expect_grep "unknown version" "$TMP/err" "$F:10:45: error: site link '/citations-quiet/9.9/': 'citations-quiet' has no version '9.9' (it has 1.0) [links]"
expect_grep "unknown heading in another document" "$TMP/err" "$F:11:2: error: site link '/citations-quiet/1.0/#geen-kop': 'citations-quiet' 1.0 has no heading or point '#geen-kop' [links]"
expect_grep "unknown heading in the document" "$TMP/err" "$F:11:45: error: link '#nergens': this document has no heading or point 'nergens' [links]"
expect_grep "a site link without its slash" "$TMP/err" "$F:12:2: error: site link '/citations-quiet' must end in '/': write '/citations-quiet/' [links]"
expect_grep "a space in a URL" "$TMP/err" "$F:14:10: error: malformed URL 'https://example.org/a b': a URL cannot contain spaces"
expect_grep "a bad %-escape" "$TMP/err" "$F:14:51: error: malformed URL 'https://example.org/a%zz'"
expect_grep "no host" "$TMP/err" "$F:15:2: error: malformed URL 'https:///pad': the URL has no host name [links]"
expect_grep "an unknown scheme" "$TMP/err" "$F:15:28: error: link address 'htps://example.org/': the scheme 'htps:' is not allowed (only http, https, mailto, tel, site and fragment links); shown as plain text [unsafe-link]"
expect_grep "www without scheme" "$TMP/err" "$F:16:2: error: malformed URL 'www.example.org/pad': not a full URL: write 'https://www.example.org/pad' [links]"
expect_grep "a mailto without address" "$TMP/err" "$F:16:30: error: malformed URL 'mailto:iemand': 'iemand' is not an e-mail address [links]"
expect_grep "an empty link" "$TMP/err" "$F:16:61: error: the link has no address [links]"
expect_grep "one URL written two ways" "$TMP/err" "$F:18:50: warning: 'https://example.org/rapport' is the same URL as 'http://www.example.org/rapport/' on line 18, written differently [links]"
expect_grep "two URLs a letter apart" "$TMP/err" "$F:20:2: warning: URL 'https://example.org/publicaties/jaarverslg.pdf' nearly equals 'https://example.org/publicaties/jaarverslag.pdf' on line 19"

# -- structure --------------------------------------------------------------------------
F=$C/structure-found/1.0.md
expect_exit "structure findings are warnings" 0 "$STATUUT" check $F
expect_grep "a skipped level" "$TMP/err" "$F:12:1: warning: heading level skips from '#' to '###' [structure]"
expect_grep "an empty section" "$TMP/err" "$F:16:1: warning: empty section: the next heading follows directly [structure]"
expect_grep "a duplicate heading id" "$TMP/err" "$F:22:1: warning: heading id 'dubbel' is also the id of the heading on line 18: the anchor becomes 'dubbel-2' [structure]"
expect_grep "an id of the page" "$TMP/err" "$F:26:1: warning: heading id 'inhoud' is used by the page itself: the anchor becomes 'inhoud-2' [structure]"
expect_grep "an empty last section" "$TMP/err" "$F:30:1: warning: empty section: nothing follows the heading [structure]"
expect_exit "--strict fails on warnings" 1 "$STATUUT" check --strict $F

# -- spelling ---------------------------------------------------------------------------
F=$C/spelling-found/1.0.md
expect_exit "misspellings are warnings" 0 "$STATUUT" check $F
expect_grep "a misspelled heading word" "$TMP/err" "$F:8:3: warning: 'Blaue' is not in the dictionary: did you mean 'Blaeu', 'Belau', 'Blauw', 'Blue'? [spelling]"
expect_grep "a typing error with hunspell's suggestion" "$TMP/err" "$F:10:14: warning: 'bureaukraat' is not in the dictionary: did you mean 'bureaucraat'? [spelling]"
expect_grep "a letter off in a compound" "$TMP/err" "$F:10:32: warning: 'kennisinstututen' is not in the dictionary: did you mean 'kennisinstituten'? [spelling]"
expect_grep "a needless hyphen" "$TMP/err" "$F:10:61: warning: 'voor-speller' is written as one word: 'voorspeller' [spelling]"
expect_grep "a missing space" "$TMP/err" "$F:11:33: warning: 'halenvan' is not in the dictionary: did you mean 'halen van'? [spelling]"
expect_exit "--no-spelling turns it off" 0 "$STATUUT" check --strict --no-spelling $F
expect_exit "--spelling turns it on" 1 "$STATUUT" check --strict --no-spelling --spelling $F

# -- silencing --------------------------------------------------------------------------
F=$C/silenced/1.0.md
expect_exit "what is not silenced still fails" 1 "$STATUUT" check $F
expect_no_grep "front matter ignore: [spelling]" "$TMP/err" "[spelling]"
expect_no_grep "a comment silences the next block" "$TMP/err" "Nergens 2019"
expect_grep "... and only that block" "$TMP/err" "$F:13:25: error: citation 'Nergens 2020' is not in the literature list [citations]"
expect_no_grep "a comment before a heading silences its section" "$TMP/err" "$F:19:"
expect_no_grep "... including its subsections" "$TMP/err" "$F:21:"
expect_grep "... and not the next section" "$TMP/err" "$F:27:6: error: site link '/nergens/': there is no document 'nergens' [links]"
"$STATUUT" text $F >"$TMP/text" 2>&1
expect_no_grep "a check comment is not shown" "$TMP/text" "check: ignore"
"$STATUUT" html $F >"$TMP/html" 2>&1
expect_no_grep "a check comment is not in the page" "$TMP/html" "check: ignore"
expect_no_grep "... nor warned about as raw HTML" "$TMP/html" "raw HTML"
F=$C/silenced-badly/1.0.md
expect_exit "silencing written wrongly fails" 1 "$STATUUT" check $F
expect_grep "an unknown check in ignore:" "$TMP/err" "$F:6:9: error: unknown check 'spelin' to ignore: expected citations, footnotes, links, raw-html, spelling, structure [front-matter]"
expect_grep "a check comment without 'ignore'" "$TMP/err" "$F:9:1: error: a check comment reads '[//]: # (check: ignore CHECK ...)' [check]"
expect_grep "front matter cannot be silenced" "$TMP/err" "$F:13:1: error: unknown check 'front-matter' to ignore"
expect_no_grep "the valid part of ignore: still works" "$TMP/err" "[links]"

# -- published text is history ------------------------------------------------------------
F=$C/published/1.0.md
expect_exit "a vastgesteld version with findings passes" 0 "$STATUUT" check $F
expect_grep "... its errors are warnings" "$TMP/err" "$F:10:25: warning: citation 'Scheerpers 2021' is not in the literature list; did you mean 'Scheepers 2021'? [citations]"
expect_grep "... also the model's" "$TMP/err" "$F:12:1: warning: footnote [^1] is empty [footnotes]"
expect_exit "... but not with --strict" 1 "$STATUUT" check --strict $F
sed 's/^date: 2024-01-01/date: 2024-02-30/' $F >"$TMP/1.0.md"
expect_exit "front-matter errors stay errors when published" 1 "$STATUUT" check "$TMP/1.0.md"
expect_grep "... the date" "$TMP/err" "error: invalid date '2024-02-30'"

# -- output formats ------------------------------------------------------------------------
F=$C/footnotes-found/1.0.md
expect_exit "json output" 1 "$STATUUT" check --format json $F
expect_grep "json: counts" "$TMP/out" '"errors": 1,'
expect_grep "json: a diagnostic's fields" "$TMP/out" '"message": "footnote [^leeg] is empty"'
expect_grep "json: its column" "$TMP/out" '"column": 57,'
expect_exit "github output" 1 "$STATUUT" check --format github $F
expect_grep "github: an error annotation" "$TMP/out" "::error file=$F,line=12,col=1,title=footnotes::footnote [^leeg] is empty"
expect_grep "github: a warning annotation" "$TMP/out" "::warning file=$F,line=8,col=57,title=footnotes::"
printf -- '---\ntitle: "x"\nversion: "1.0"\ndate: 2022-01-01\nstatus: concept\n---\n\n[a](/x)\n' >"$TMP/a,b.md"
"$STATUUT" check --format github "$TMP/a,b.md" >"$TMP/out" 2>/dev/null
expect_grep "github: ',' in a property is escaped" "$TMP/out" "a%2Cb.md,line=8"
expect_exit "an unknown format is bad usage" 2 "$STATUUT" check --format xml $F

# -- sorted, one per problem -------------------------------------------------------------
"$STATUUT" check $C/structure-found/1.0.md 2>&1 | grep -o ':[0-9]*:[0-9]*:' >"$TMP/pos"
if sort -t: -k2,2n -k3,3n -c "$TMP/pos" 2>/dev/null && [ "$(sort -u "$TMP/pos" | wc -l)" -eq "$(wc -l <"$TMP/pos")" ]; then
  ok "messages are sorted by position, one per place"
else
  fail "messages are sorted by position, one per place" "$(cat "$TMP/pos")"
fi

# -- the statute ------------------------------------------------------------------------------
S=content/kwaliteitsstatuut
expect_exit "the statute 1.0 is published: no errors" 0 "$STATUUT" check $S/1.0.md
expect_grep "1.0: Scheerpers" "$TMP/err" "$S/1.0.md:315:87: warning: citation 'Scheerpers 2021' is not in the literature list; did you mean 'Scheepers 2021'? [citations]"
expect_grep "1.0: Kruijer & albers" "$TMP/err" "$S/1.0.md:321:13: warning: citation 'Kruijer & albers 2020' is not in the literature list; did you mean 'Kruiter & Albers 2020'? [citations]"
expect_grep "1.0: Kruijer & Albers" "$TMP/err" "$S/1.0.md:406:37: warning: citation 'Kruijer & Albers 2020' is not in the literature list; did you mean 'Kruiter & Albers 2020'? [citations]"
n=$(grep -c "citation '" "$TMP/err")
[ "$n" -eq 3 ] && ok "1.0: no false alarms on its correct citations" || fail "1.0: no false alarms on its correct citations" "$(grep "citation '" "$TMP/err")"
for w in Blaue bureaukraat Ambigüiteit halenvan floreten kennisinstututen voor-speller; do
  expect_grep "1.0: misspelled '$w'" "$TMP/err" "'$w' "
done
expect_grep "1.0: the note referenced twice" "$TMP/err" "$S/1.0.md:411:362: warning: footnote [^55] is referenced more than once (first on line 408) [footnotes]"
expect_grep "1.0: a mistyped URL" "$TMP/err" "$S/1.0.md:402:67: warning: URL 'https://open.overheid.nl/repository/rnl-"
mkdir -p "$TMP/c/kwaliteitsstatuut"
cp content/site.yaml content/woordenlijst.txt "$TMP/c/"
sed 's/^status: vastgesteld/status: concept/' $S/1.0.md >"$TMP/c/kwaliteitsstatuut/1.0.md"
expect_exit "the same text as a concept fails" 1 "$STATUUT" check "$TMP/c"
expect_grep "... with exactly the citation errors" "$TMP/err" "1 file checked: 3 errors,"
expect_grep "... Scheerpers is an error" "$TMP/err" "kwaliteitsstatuut/1.0.md:315:87: error: citation 'Scheerpers 2021'"
expect_exit "the errata version 1.0.1 (concept) has no errors" 0 "$STATUUT" check $S/1.0.1.md
expect_grep "1.0.1: zero errors" "$TMP/err" "1 file checked: 0 errors"
expect_no_grep "1.0.1: its citations resolve" "$TMP/err" "citation '"

# -- build runs the checks ---------------------------------------------------------------
expect_exit "build refuses a concept with errors" 2 "$STATUUT" build --content "$TMP/c" --out "$TMP/site"
expect_grep "... naming the error" "$TMP/err" "kwaliteitsstatuut/1.0.md:315:87: error: citation 'Scheerpers 2021'"
expect_grep "... and the file" "$TMP/err" "not building: the content has errors, in $TMP/c/kwaliteitsstatuut/1.0.md"
[ ! -e "$TMP/site" ] && ok "... and writes nothing" || fail "... and writes nothing"
sed -i 's/^status: concept/status: vastgesteld/' "$TMP/c/kwaliteitsstatuut/1.0.md"
expect_exit "build accepts published text with findings" 0 "$STATUUT" build --content "$TMP/c" --out "$TMP/site"
expect_grep "... and counts the warnings" "$TMP/err" "warnings in the content; --verbose or 'statuut check' lists them"
finish

# statuut build --out replaces only what is its own: a missing or empty
# folder, or a site it built before (manifest.json with the "statuut" key).
# Never a folder of someone's files, the sources, or a link's own place.
# And -o never writes over an input.
. tests/e2e/lib.sh
G=tests/golden/content
T=templates

# A folder of a user's files is refused and left as it is.
mkdir -p "$TMP/mine/sub"
echo "belangrijk" >"$TMP/mine/notities.txt"
echo "ook" >"$TMP/mine/sub/b.txt"
expect_exit "a folder of other files is refused" 2 "$STATUUT" build --content $G --templates $T --out "$TMP/mine"
expect_grep "the message says why" "$TMP/err" "refusing to build the site there: it is not empty and holds no site built by statuut"
[ -f "$TMP/mine/notities.txt" ] && [ -f "$TMP/mine/sub/b.txt" ] && ok "the user's files are still there" || fail "the user's files are still there"
# A folder whose manifest.json is not statuut's is not a site of ours either.
mkdir -p "$TMP/other"
echo '{"documents": []}' >"$TMP/other/manifest.json"
expect_exit "a manifest.json without the marker is refused" 2 "$STATUUT" build --content $G --templates $T --out "$TMP/other"

# Missing and empty folders are fine, and so is a site of ours.
expect_exit "a missing folder is built" 0 "$STATUUT" build --content $G --templates $T --out "$TMP/new/site"
expect_grep "the manifest carries the marker" "$TMP/new/site/manifest.json" '"statuut": 1'
expect_grep "sources are relative to the content folder" "$TMP/new/site/manifest.json" '"source": "voorbeeld/1.0.md"'
mkdir -p "$TMP/empty"
expect_exit "an empty folder is built" 0 "$STATUUT" build --content $G --templates $T --out "$TMP/empty"
expect_exit "a site of ours is replaced" 0 "$STATUUT" build --content $G --templates $T --out "$TMP/new/site"
mode=$(stat -c %a "$TMP/new/site")
[ "$mode" = 755 ] && ok "the site folder has mode 755" || fail "the site folder has mode 755" "got $mode"
[ ! -e "$TMP/new/site/.statuut-build" ] && ok "the staging marker is not published" || fail "the staging marker is not published"

# The sources are never the output, nor inside it, nor around it.
cp -r $G "$TMP/content"
expect_exit "--out equal to --content is refused" 2 "$STATUUT" build --content "$TMP/content" --templates $T --out "$TMP/content"
expect_grep "it names the rule" "$TMP/err" "the content folder and the output may not be inside each other"
expect_exit "--out inside --content is refused" 2 "$STATUUT" build --content "$TMP/content" --templates $T --out "$TMP/content/site"
expect_exit "--content inside --out is refused" 2 "$STATUUT" build --content "$TMP/content" --templates $T --out "$TMP"
cp -r $T "$TMP/tpl"
expect_exit "--out inside --templates is refused" 2 "$STATUUT" build --content $G --templates "$TMP/tpl" --out "$TMP/tpl/site"
[ -f "$TMP/content/voorbeeld/1.0.md" ] && ok "the sources are intact" || fail "the sources are intact"
ln -s "$TMP/content" "$TMP/content-link"
expect_exit "--out a link to the content is refused" 2 "$STATUUT" build --content "$TMP/content" --templates $T --out "$TMP/content-link"

# A symbolic link as --out: its target is updated, the link stays.
expect_exit "a site to link to" 0 "$STATUUT" build --content $G --templates $T --out "$TMP/real"
ln -s "$TMP/real" "$TMP/link"
touch -d '2000-01-01' "$TMP/real/manifest.json"
expect_exit "--out a link builds" 0 "$STATUUT" build --content $G --templates $T --out "$TMP/link"
[ -L "$TMP/link" ] && ok "the link is still a link" || fail "the link is still a link"
[ "$(find "$TMP/real/manifest.json" -newermt 2001-01-01)" ] && ok "the link's target was rebuilt" || fail "the link's target was rebuilt"

# What a killed build left is removed by the next; a running build's stays.
mkdir -p "$TMP/k/.site.tmp-dead1" "$TMP/k/.site.tmp-alive" "$TMP/k/.site.tmp-nopid" "$TMP/k/site.old-999999999"
echo 999999999 >"$TMP/k/.site.tmp-dead1/.statuut-build"
echo $$ >"$TMP/k/.site.tmp-alive/.statuut-build"
expect_exit "a build beside leftovers" 0 "$STATUUT" build --content $G --templates $T --out "$TMP/k/site"
[ ! -e "$TMP/k/.site.tmp-dead1" ] && ok "a killed build's staging folder is removed" || fail "a killed build's staging folder is removed"
[ ! -e "$TMP/k/.site.tmp-nopid" ] && ok "a staging folder without owner is removed" || fail "a staging folder without owner is removed"
[ ! -e "$TMP/k/site.old-999999999" ] && ok "a cut-short swap's old folder is removed" || fail "a cut-short swap's old folder is removed"
[ -d "$TMP/k/.site.tmp-alive" ] && ok "a running build's staging folder stays" || fail "a running build's staging folder stays"

# A template folder's link to a file outside it is not published.
mkdir -p "$TMP/tl"
cp $T/*.html $T/style.css "$TMP/tl/"
echo "geheim" >"$TMP/secret.txt"
ln -s "$TMP/secret.txt" "$TMP/tl/leak.txt"
expect_exit "templates with a link out build" 0 "$STATUUT" build --content $G --templates "$TMP/tl" --out "$TMP/tlsite"
[ ! -e "$TMP/tlsite/leak.txt" ] && ok "a link out of the templates is not copied" || fail "a link out of the templates is not copied"

# -o never names an input.
cp $G/voorbeeld/1.0.md "$TMP/in.md"
cp "$TMP/in.md" "$TMP/in.keep"
expect_exit "text -o the input is refused" 2 "$STATUUT" text -o "$TMP/in.md" "$TMP/in.md"
expect_grep "it says why" "$TMP/err" "refusing to write the output over the input"
expect_exit "html -o the input, written another way, is refused" 2 "$STATUUT" html -o "$TMP/./in.md" "$TMP/in.md"
expect_exit "pdf -o the input is refused" 2 "$STATUUT" pdf -o "$TMP/in.md" "$TMP/in.md"
expect_exit "diff -o the new version is refused" 2 "$STATUUT" diff -o "$TMP/in.md" $G/voorbeeld/1.1.md "$TMP/in.md"
cmp -s "$TMP/in.md" "$TMP/in.keep" && ok "the input is intact" || fail "the input is intact"

# diff SLUG V1 V2 checks its arguments as new does.
expect_exit "diff with a bad slug is refused" 2 "$STATUUT" diff --content $G ../voorbeeld 1.0 1.1
expect_grep "it names the slug" "$TMP/err" "'../voorbeeld' is not a document name"
expect_exit "diff with a bad version is refused" 2 "$STATUUT" diff --content $G voorbeeld 1.0 ../../x
expect_grep "it names the version" "$TMP/err" "invalid version '../../x'"
finish

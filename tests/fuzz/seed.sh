#!/bin/sh
# tests/fuzz/seed.sh: writes the first seed corpus of every target from the
# repository's own inputs (small pieces of content/, tests/diff/,
# templates/). Run once; the committed corpus is then what libFuzzer's merge
# kept (README.md). Names are the inputs' SHA-1, as libFuzzer names them.
set -eu
out=tests/fuzz/corpus
put() { # put TARGET < data
  f=$(mktemp)
  cat >"$f"
  mkdir -p "$out/$1"
  mv "$f" "$out/$1/$(sha1sum <"$f" | cut -c1-40)"
}
# The front matter of a Markdown file, and its body's lines FROM..TO.
piece() {
  awk -v from="$2" -v to="$3" '
    fm < 2 { print; if ($0 == "---") fm++; next }
    { n++; if (n >= from && n <= to) print }' "$1"
}
# doc: the small test documents whole, pieces of the real content.
for f in tests/diff/*.md; do put doc <"$f"; done
for f in content/*/*.md; do
  for r in "1 40" "41 80" "81 120" "200 240"; do
    set -- $r
    piece "$f" "$1" "$2" | put doc
  done
done
# diff: each pair old NUL new, and some pieces of the two statute versions.
for old in tests/diff/*.old.md; do
  { cat "$old"; printf '\0'; cat "${old%.old.md}.new.md"; } | put diff
done
for r in "1 60" "100 160" "300 360" "600 700"; do
  set -- $r
  { piece content/kwaliteitsstatuut/1.0.md "$1" "$2"; printf '\0'
    piece content/kwaliteitsstatuut/1.0.1.md "$1" "$2"; } | put diff
done
# site: content folders of two versions, one document alone, two documents.
pair() { # pair SLUG OLD NEW FROM TO
  printf 'site.yaml\n'; cat content/site.yaml; printf '\0'
  printf '%s/%s.md\n' "$1" "$2"; piece "content/$1/$2.md" "$4" "$5"; printf '\0'
  printf '%s/%s.md\n' "$1" "$3"; piece "content/$1/$3.md" "$4" "$5"
}
pair kwaliteitsstatuut 1.0 1.0.1 1 30 | put site
pair kwaliteitsstatuut 1.0 1.0.1 300 330 | put site
for old in tests/diff/footnote-edited tests/diff/heading-edit tests/diff/list-item-inserted; do
  { printf 'doc/1.0.md\n'; cat "$old.old.md"; printf '\0'
    printf 'doc/1.1.md\n'; sed 's/^version: .*/version: "1.1"/' "$old.new.md"; } | put site
done
{ printf 'site.yaml\ntitle: Proef\nbase_url: https://example.org/x\n\0'
  printf 'brief-kbl/1.0.md\n'; cat content/brief-kbl/1.0.md; printf '\0'
  printf 'landschap/1.0.md\n'; piece content/landschap/1.0.md 1 30; } | put site
{ printf 'Bad_Slug/1.0.md\n'; cat tests/diff/identical.old.md; printf '\0'
  printf 'doc/2.0.md\n'; cat tests/diff/identical.old.md; } | put site
# templates: each template, after the byte that chooses it (fuzz_templates.c).
i=0
for n in base document history index diff; do
  { printf "\\$(printf %03o $i)"; cat "templates/$n.html"; } | put templates
  i=$((i + 1))
done

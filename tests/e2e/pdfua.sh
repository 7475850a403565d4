# PDF/UA-1 as far as a machine can check it (tests/tools/pdfua.py, on the
# JSON of qpdf), on a document and on a redline PDF: language, title shown,
# XMP with pdfuaid, /ID, /Tabs, links with /Contents in the structure tree,
# artifacts, one Document, headings that do not skip, one element per block
# across pages; the redline's Span labels; the same bytes on every run.
. tests/e2e/lib.sh
command -v python3 >/dev/null || { ok "python3 missing: skipped"; finish; }
S=content/kwaliteitsstatuut/1.0.md
N=content/kwaliteitsstatuut/1.0.1.md
F=tests/fixtures/redline/proef

# check NAME PDF [ARGS]: every point of pdfua.py, each an ok/FAIL line.
check() {
  name=$1 pdf=$2
  shift 2
  qpdf --json --json-stream-data=inline --decode-level=generalized "$pdf" >"$TMP/j.json" ||
    fail "$name: qpdf --json reads it"
  python3 tests/tools/pdfua.py "$TMP/j.json" "$@" >"$TMP/ua.txt" 2>&1
  sed -n "s/^ok - \(.*\)/ok - $name: \1/p; s/^FAIL - \(.*\)/FAIL - $name: \1/p; s/^    /    /p" "$TMP/ua.txt" |
    while IFS= read -r l; do echo "$l"; done
  grep -q '^FAIL' "$TMP/ua.txt" && status=1
  grep -q '^ok' "$TMP/ua.txt" || fail "$name: pdfua.py ran" "$(head -c 1500 "$TMP/ua.txt")"
}

# pdfinfo -struct warns about elements beside the Document and wrong types.
no_struct_warnings() {
  pdfinfo -struct "$2" >/dev/null 2>"$TMP/struct.err"
  if grep -q . "$TMP/struct.err"; then fail "$1: pdfinfo -struct does not warn" "$(head -5 "$TMP/struct.err")"; else ok "$1: pdfinfo -struct does not warn"; fi
}

expect_exit "the statute's PDF" 0 "$STATUUT" pdf -o "$TMP/s.pdf" $S
expect_exit "document: qpdf --check is clean" 0 qpdf --check "$TMP/s.pdf"
expect_no_grep "document: qpdf --check warns of nothing" "$TMP/out" "WARNING"
check document "$TMP/s.pdf" --title "Kwaliteit moet je doen!"
no_struct_warnings document "$TMP/s.pdf"
"$STATUUT" pdf -o "$TMP/s2.pdf" $S
if cmp -s "$TMP/s.pdf" "$TMP/s2.pdf"; then ok "document: the same bytes twice (with the post-pass)"; else fail "document: the same bytes twice"; fi

expect_exit "the statute's redline PDF" 1 "$STATUUT" diff --format pdf -o "$TMP/r.pdf" $S $N
expect_exit "redline: qpdf --check is clean" 0 qpdf --check "$TMP/r.pdf"
check redline "$TMP/r.pdf" --redline
no_struct_warnings redline "$TMP/r.pdf"
"$STATUUT" diff --format pdf -o "$TMP/r2.pdf" $S $N
if cmp -s "$TMP/r.pdf" "$TMP/r2.pdf"; then ok "redline: the same bytes twice"; else fail "redline: the same bytes twice"; fi

# Every stream is compressed but the XMP metadata (which stays readable, as
# PDF/A and PDF/UA readers expect): cairo is told to leave the page content
# to the post-pass, which compresses it (src/pdf/pdf.c, pdfua.c).
for f in s r; do
  qpdf --json "$TMP/$f.pdf" | python3 -c '
import json, sys
objs = json.load(sys.stdin)["qpdf"][1]
raw = [k for k, o in objs.items() if "stream" in o and "/Filter" not in o["stream"]["dict"]
       and o["stream"]["dict"].get("/Type") != "/Metadata"]
print(len([o for o in objs.values() if "stream" in o]), raw[:5])' >"$TMP/streams"
  case $(cat "$TMP/streams") in
  *" []") ok "$f.pdf: every stream but the metadata is compressed" ;;
  *) fail "$f.pdf: every stream but the metadata is compressed" "$(cat "$TMP/streams")" ;;
  esac
done

# The fixture's redline: each label says what happened to which words.
expect_exit "the fixture's redline PDF" 1 "$STATUUT" diff --format pdf -o "$TMP/f.pdf" $F/1.0.md $F/1.1.md
check fixture "$TMP/f.pdf" --redline --short
qpdf --json --json-stream-data=inline --decode-level=generalized "$TMP/f.pdf" >"$TMP/f.json"
python3 - "$TMP/f.json" >"$TMP/labels" <<'PY'
import json, sys
objs = json.load(open(sys.argv[1]))["qpdf"][1]
for o in objs.values():
    v = o.get("value")
    if isinstance(v, dict) and v.get("/S") == "/Span" and "/ActualText" in v:
        t = v["/ActualText"]
        if t.startswith("b:"):
            b = bytes.fromhex(t[2:])
            t = b[2:].decode("utf-16-be") if b[:2] == b"\xfe\xff" else b.decode("latin-1")
        print(t[2:] if t.startswith("u:") else t)
PY
expect_grep "fixture: a deleted word is announced" "$TMP/labels" "verwijderd: "
expect_grep "fixture: an inserted word is announced" "$TMP/labels" "ingevoegd: "
expect_grep "fixture: the old place of a move is announced" "$TMP/labels" "verplaatst, oude plaats: "
if grep -q '[a-z]-$' "$TMP/labels"; then fail "fixture: no label ends in a hyphen of a line break" "$(grep '[a-z]-$' "$TMP/labels" | head -3)"; else ok "fixture: no label ends in a hyphen of a line break"; fi
# Every kind of block (code, table, figure, quote, lists, notes).
expect_exit "the blocks fixture" 0 "$STATUUT" pdf -o "$TMP/b.pdf" tests/fixtures/pdf/blokken.md
check blocks "$TMP/b.pdf" --short
no_struct_warnings blocks "$TMP/b.pdf"

# A table over two pages: its header row is repeated on the second as an
# artifact, and is in the structure once, its cells column headers.
{
  printf -- '---\ntitle: "Tabelproef"\nversion: "1.0"\ndate: 2024-01-01\nstatus: vastgesteld\n---\n\n# Tabel\n\n'
  printf '| Team | Wijk | Inwoners |\n| --- | --- | ---: |\n'
  i=1
  while [ $i -le 90 ]; do printf '| Team %d | Wijk %d | %d |\n' $i $i $((i * 100)); i=$((i + 1)); done
} >"$TMP/tabel.md"
expect_exit "a long table" 0 "$STATUUT" pdf -o "$TMP/tabel.pdf" "$TMP/tabel.md"
check table "$TMP/tabel.pdf" --short
pdftotext "$TMP/tabel.pdf" - | grep -c '^Inwoners$' >"$TMP/heads"
if [ "$(cat "$TMP/heads")" -ge 2 ]; then ok "table: the header row is drawn again on the next page"; else fail "table: the header row is drawn again" "$(cat "$TMP/heads")"; fi
qpdf --json "$TMP/tabel.pdf" | python3 -c '
import json, sys
objs = json.load(sys.stdin)["qpdf"][1]
th = [v["value"] for v in objs.values() if isinstance(v.get("value"), dict) and v["value"].get("/S") == "/TH"]
print(len(th), all(t.get("/A", {}).get("/Scope") == "/Column" for t in th))' >"$TMP/th"
if [ "$(cat "$TMP/th")" = "3 True" ]; then ok "table: three TH in the structure, each a column header"; else fail "table: three TH in the structure, each a column header" "$(cat "$TMP/th")"; fi
finish

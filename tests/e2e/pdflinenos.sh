# Line numbers for the general meeting: statuut pdf --line-numbers and
# statuut diff --format pdf --line-numbers number every fifth body line in
# the inner margin, per page or through the body; the JSON diff with
# --line-numbers gives each change the page and line where it starts in
# that PDF. Checked with pdftotext -bbox: each number stands beside the
# line it counts.
. tests/e2e/lib.sh
command -v python3 >/dev/null && command -v pdftotext >/dev/null || { ok "python3 or pdftotext missing: skipped"; finish; }
S=content/kwaliteitsstatuut/1.0.md
N=content/kwaliteitsstatuut/1.0.1.md

# lines.py BBOX.html PAGE: the page's body lines top down, one per line as
# "Y|TEXT" (words in the text column, grouped by baseline, the running head
# and foot left out), then the margin numbers as "#N|Y".
cat >"$TMP/lines.py" <<'PY'
import re, sys
html, want = open(sys.argv[1]).read(), int(sys.argv[2])
page = html.split("<page ")[want]
words = [(float(a), float(b), float(c), float(d), t) for a, b, c, d, t in
         re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', page)]
words = [w for w in words if 70 < w[3] < 780]  # not the running head and foot
# Body text (10.5 pt and headings) is over 12 pt tall; note references,
# notes and the numbers are smaller. The column is where body text is.
body = [w for w in words if w[3] - w[1] > 12]
left, right = min(w[0] for w in body), max(w[2] for w in body)
nums = [w for w in words if re.fullmatch(r"\d+", w[4]) and (w[2] < left - 2 or w[0] > right + 2)]
lines = []
for w in sorted(body, key=lambda w: (w[3], w[0])):
    if lines and abs(lines[-1][0] - w[3]) < 3:
        lines[-1][1].append(w[4])
    else:
        lines.append([w[3], [w[4]]])
for y, ws in lines:
    print("%.1f|%s" % (y, " ".join(ws)))
for w in sorted(nums, key=lambda w: w[3]):
    print("#%s|%.1f" % (w[4], w[3]))
PY

# beside PDF PAGE: every number on the page stands on the baseline of the
# line it counts (per page: the n-th line; continuous: the same, shifted).
beside() {
  pdftotext -f "$2" -l "$2" -bbox "$1" "$TMP/p.html"
  python3 "$TMP/lines.py" "$TMP/p.html" 1 >"$TMP/lines"
  python3 - "$TMP/lines" "${3:-0}" <<'PY'
import sys
rows = open(sys.argv[1]).read().splitlines()
offset = int(sys.argv[2])
lines = [float(r.split("|")[0]) for r in rows if not r.startswith("#")]
nums = [(int(r[1:].split("|")[0]), float(r.split("|")[1])) for r in rows if r.startswith("#")]
bad = [(n, y) for n, y in nums if not (0 < n - offset <= len(lines)) or abs(lines[n - offset - 1] - y) > 3]
print("numbers %d, lines %d, misplaced %s" % (len(nums), len(lines), bad))
sys.exit(1 if bad or not nums or any((n - offset) % 5 for n, _ in nums if offset == 0) else 0)
PY
}

expect_exit "pdf --line-numbers" 0 "$STATUUT" pdf --line-numbers -o "$TMP/s.pdf" $S
for p in 8 12 20; do
  if beside "$TMP/s.pdf" $p >"$TMP/b"; then ok "page $p: the numbers stand beside their lines ($(cat "$TMP/b"))"; else fail "page $p: the numbers stand beside their lines" "$(cat "$TMP/b")"; fi
done
pdftotext -f 12 -l 12 -bbox "$TMP/s.pdf" "$TMP/p.html"
python3 "$TMP/lines.py" "$TMP/p.html" 1 | grep '^#' | cut -d'|' -f1 | tr '\n' ' ' >"$TMP/nums"
expect_grep "per page: numbers 5, 10, ... on every page" "$TMP/nums" "#5 #10 #15"
expect_exit "pdf without --line-numbers" 0 "$STATUUT" pdf -o "$TMP/plain.pdf" $S
pdftotext -f 12 -l 12 -bbox "$TMP/plain.pdf" "$TMP/p.html"
if python3 "$TMP/lines.py" "$TMP/p.html" 1 | grep -q '^#'; then fail "no numbers without the flag"; else ok "no numbers without the flag"; fi

expect_exit "pdf --line-numbers=continuous" 0 "$STATUUT" pdf --line-numbers=continuous -o "$TMP/c.pdf" $S
pdftotext -f 12 -l 12 -bbox "$TMP/c.pdf" "$TMP/p.html"
first=$(python3 "$TMP/lines.py" "$TMP/p.html" 1 | sed -n 's/^#\([0-9]*\)|.*/\1/p' | head -1)
if [ -n "$first" ] && [ "$first" -gt 100 ]; then ok "continuous: page 12 counts on ($first)"; else fail "continuous: page 12 counts on" "$first"; fi
# the first number minus its place on the page is the lines before the page
pos=$(python3 "$TMP/lines.py" "$TMP/p.html" 1 | awk -F'|' -v y="$(python3 "$TMP/lines.py" "$TMP/p.html" 1 | sed -n 's/^#[0-9]*|//p' | head -1)" '!/^#/ {n++; if ($1 - y < 3 && y - $1 < 3) {print n; exit}}')
if beside "$TMP/c.pdf" 12 $((first - pos)) >"$TMP/b"; then ok "continuous: numbers beside their lines ($(cat "$TMP/b"))"; else fail "continuous: numbers beside their lines" "$(cat "$TMP/b")"; fi
expect_exit "a bad --line-numbers value" 2 "$STATUUT" pdf --line-numbers=every -o "$TMP/x.pdf" $S
expect_grep "says what it takes" "$TMP/err" "--line-numbers takes page or continuous"

# The redline, and the JSON that points into it.
expect_exit "diff --format pdf --line-numbers" 1 "$STATUUT" diff --format pdf --line-numbers -o "$TMP/r.pdf" $S $N
expect_exit "diff --format json --line-numbers" 1 "$STATUUT" diff --format json --line-numbers -o "$TMP/r.json" $S $N
want=$(jq '.changes | length' "$TMP/r.json")
got=$(jq '[.changes[] | select(.pdf.page > 0)] | length' "$TMP/r.json")
if [ "$got" -eq "$want" ]; then ok "every change has its page ($got)"; else fail "every change has its page" "$got of $want"; fi
expect_grep "the JSON says how lines are counted" "$TMP/r.json" '"line_numbers": "page"'
# Each change's first edit, when it is a word, on the line the JSON names.
jq -r '.changes[] | select(.pdf.line != null and .edits != null) |
  "\(.pdf.page) \(.pdf.line) \(([.edits[] | select(.op != "equal")][0].text | [scan("[[:alpha:]]{2,}")][0]) // "")"' "$TMP/r.json" >"$TMP/places"
bad="" n=0
while read -r page line word; do
  [ -n "$word" ] || continue
  n=$((n + 1))
  pdftotext -f "$page" -l "$page" -bbox "$TMP/r.pdf" "$TMP/p.html"
  text=$(python3 "$TMP/lines.py" "$TMP/p.html" 1 | grep -v '^#' | sed -n "${line}p")
  case $text in *"$(printf '%s' "$word" | cut -c1-4)"*) ;; *) bad="$bad [p$page l$line $word: $text]" ;; esac
done <"$TMP/places"
if [ -z "$bad" ] && [ "$n" -gt 5 ]; then ok "each change's words are on the line the JSON names ($n)"; else fail "each change's words are on the line the JSON names" "$n checked;$bad"; fi
first=$(head -1 "$TMP/places")
if beside "$TMP/r.pdf" "${first%% *}" >"$TMP/b"; then ok "redline page ${first%% *}: numbers beside their lines ($(cat "$TMP/b"))"; else fail "redline page ${first%% *}: numbers beside their lines" "$(cat "$TMP/b")"; fi
qpdf --json --json-stream-data=inline --decode-level=generalized "$TMP/r.pdf" >"$TMP/r.ua.json"
if python3 tests/tools/pdfua.py "$TMP/r.ua.json" --redline >"$TMP/ua" 2>&1; then ok "the numbered redline is still PDF/UA as checked"; else fail "the numbered redline is still PDF/UA as checked" "$(grep FAIL "$TMP/ua")"; fi
expect_exit "--line-numbers is refused for text" 2 "$STATUUT" diff --line-numbers $S $N
finish

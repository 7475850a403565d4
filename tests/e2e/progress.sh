# statuut build's progress line, its summary, --quiet and --verbose; and -j:
# the site made by worker processes is the one made by one process, and a
# worker's failure fails the build with its message.
. tests/e2e/lib.sh
G=tests/golden/content
T=templates
CR=$(printf '\r')
# the golden site without search: quick, and its counts are known
nosearch() { env -u CI STATUUT_PAGEFIND=/nonexistent "$@"; }

# -- on a pipe: no progress line, one summary line --------------------------------------
expect_exit "a build on a pipe" 0 nosearch "$STATUUT" build --content $G --templates $T --out "$TMP/a"
expect_no_grep "... draws no progress line" "$TMP/err" "$CR"
expect_grep "... ends with the summary" "$TMP/err" "statuut: built 9 pages, 4 PDFs, 1 redline in "
expect_grep "... which counts the warnings" "$TMP/err" "; 1 warning in the content; --verbose or 'statuut check' lists them"
n=$(grep -c '^statuut: built ' "$TMP/err")
[ "$n" -eq 1 ] && ok "... once" || fail "... once" "$(cat "$TMP/err")"
expect_no_grep "... and does not list the warning" "$TMP/err" "warning: footnote"
expect_exit "--progress on a pipe" 0 nosearch "$STATUUT" build --progress --content $G --templates $T --out "$TMP/a"
expect_grep "... draws it" "$TMP/err" "${CR}$(printf '\033')[Kstatuut: documents 2/2, pages 9/9, PDFs 4/4, redlines 1/1, "

# -- on a terminal (script(1) gives it one: bsdutils, essential in Debian) ---------------
tty_build() { # 'ENV' OPTION...: the build's output on a terminal in $TMP/tty
  e=$1
  shift
  script -qec "env $e '$STATUUT' build $* --content $G --templates $T --out '$TMP/a'" "$TMP/typescript" >"$TMP/tty" 2>&1
}
if tty_build "-u CI STATUUT_PAGEFIND=/nonexistent"; then ok "a build on a terminal"; else fail "a build on a terminal" "$(cat "$TMP/tty")"; fi
expect_grep "... shows documents, pages, PDFs, redlines done and the time" "$TMP/tty" "statuut: documents 0/2, pages 0/9, PDFs 0/4, redlines 0/1, "
expect_grep "... on one line, redrawn" "$TMP/tty" "${CR}$(printf '\033')[Kstatuut: documents 2/2, pages 9/9, PDFs 4/4, redlines 1/1, "
expect_grep "... cleared before what follows" "$TMP/tty" "${CR}$(printf '\033')[Kstatuut: no search: "
tty_build "CI=true STATUUT_PAGEFIND=/nonexistent"
expect_no_grep "in CI (CI set) no progress" "$TMP/tty" "statuut: documents"
expect_grep "... but the summary" "$TMP/tty" "statuut: built 9 pages"
tty_build "-u CI STATUUT_PAGEFIND=/nonexistent" --quiet
[ ! -s "$TMP/tty" ] && ok "--quiet on a terminal prints nothing" || fail "--quiet on a terminal prints nothing" "$(cat -A "$TMP/tty" | head -5)"

# -- --quiet: errors only; --verbose: the warnings as check lists them -------------------
expect_exit "--quiet succeeds" 0 nosearch "$STATUUT" build --quiet --content $G --templates $T --out "$TMP/a"
[ ! -s "$TMP/err" ] && ok "... and prints nothing" || fail "... and prints nothing" "$(cat "$TMP/err")"
mkdir -p "$TMP/mine" && echo x >"$TMP/mine/notes.txt"
expect_exit "--quiet still fails as before" 2 nosearch "$STATUUT" build -q --content $G --templates $T --out "$TMP/mine"
expect_grep "... and prints the error" "$TMP/err" "refusing to build the site there"
expect_exit "--verbose succeeds" 0 nosearch "$STATUUT" build --verbose --content $G --templates $T --out "$TMP/a"
expect_grep "... listing the warning at file:line:col" "$TMP/err" "$G/voorbeeld/1.0.md:15:53: warning: footnote [^een] is referenced more than once"
expect_grep "... as check has it" "$TMP/err" "$("$STATUUT" check --no-spelling $G 2>&1 | grep 'warning: footnote')"
expect_grep "... and the summary says so" "$TMP/err" "; 1 warning in the content, listed above"
expect_exit "--quiet and --verbose together are bad usage" 2 "$STATUUT" build -q -v --out "$TMP/a"
expect_exit "-j 0 is bad usage" 2 "$STATUUT" build -j 0 --out "$TMP/a"
expect_exit "-j x is bad usage" 2 "$STATUUT" build --jobs x --out "$TMP/a"
expect_grep "... saying what -j takes" "$TMP/err" "-j takes a number of worker processes from 1 to 256, not 'x'"

# -- -j: the same site from one process and from workers (made, not from the cache) -------
expect_exit "content/ with -j 1" 0 "$STATUUT" build --no-cache -j 1 --out "$TMP/j1"
cp "$TMP/err" "$TMP/err1"
expect_exit "content/ with -j 2" 0 "$STATUUT" build --no-cache -j 2 --out "$TMP/j2"
if diff -r "$TMP/j1" "$TMP/j2" >"$TMP/diff"; then ok "-j 2 writes the bytes of -j 1 (pages, PDFs, search)"; else fail "-j 2 writes the bytes of -j 1 (pages, PDFs, search)" "$(head -20 "$TMP/diff")"; fi
w1=$(sed -n 's/.*; \([0-9]*\) warnings in the content.*/\1/p' "$TMP/err1")
w2=$(sed -n 's/.*; \([0-9]*\) warnings in the content.*/\1/p' "$TMP/err")
[ -n "$w1" ] && [ "$w1" = "$w2" ] && ok "... and the workers pass their warnings back ($w2)" || fail "... and the workers pass their warnings back" "-j 1: $w1, -j 2: $w2"
expect_exit "the golden site with -j 3, verbose" 0 nosearch "$STATUUT" build --no-cache -j 3 -v --content $G --templates $T --out "$TMP/g3"
sed 's/ in [0-9.]* s;/;/' "$TMP/err" >"$TMP/err3"
expect_exit "... and with -j 1" 0 nosearch "$STATUUT" build --no-cache -j 1 -v --content $G --templates $T --out "$TMP/g1"
sed 's/ in [0-9.]* s;/;/' "$TMP/err" >"$TMP/err1"
if cmp -s "$TMP/err1" "$TMP/err3"; then ok "... the same messages"; else fail "... the same messages" "$(diff "$TMP/err1" "$TMP/err3")"; fi
if diff -r "$TMP/g1" "$TMP/g3" >"$TMP/diff"; then ok "... the same site"; else fail "... the same site" "$(head -20 "$TMP/diff")"; fi

# A job that fails in a worker fails the build with the worker's message, as
# in one process: a file size limit (ulimit -f, in 512-byte blocks) that the
# PDFs exceed and the pages do not; with SIGXFSZ ignored, write(2) fails.
limited() { # JOBS OUT: the golden site under the limit
  (
    ulimit -f 100
    trap '' XFSZ
    exec env -u CI STATUUT_PAGEFIND=/nonexistent "$STATUUT" build --no-cache -j "$1" --content $G --templates $T --out "$2"
  ) >"$TMP/out" 2>"$TMP/err"
}
"$STATUUT" build -q --content $G --templates $T --out "$TMP/old" 2>/dev/null
limited 1 "$TMP/old"
rc=$?
unstage() { sed 's/\.old\.tmp-[A-Za-z0-9-]*/STAGE/g; s/\.pdf\.[A-Za-z0-9]*/.pdf.TMP/g' "$TMP/err"; }
unstage >"$TMP/lim1"
[ "$rc" -eq 2 ] && ok "a PDF that cannot be written fails the build with -j 1" || fail "a PDF that cannot be written fails the build with -j 1" "exit $rc" "$(cat "$TMP/err")"
limited 2 "$TMP/old"
rc=$?
unstage >"$TMP/lim2"
[ "$rc" -eq 2 ] && ok "... and with -j 2" || fail "... and with -j 2" "exit $rc" "$(cat "$TMP/err")"
expect_grep "... naming the file and why" "$TMP/err" "File too large"
if cmp -s "$TMP/lim1" "$TMP/lim2"; then ok "... with the message of -j 1"; else fail "... with the message of -j 1" "$(diff "$TMP/lim1" "$TMP/lim2")"; fi
[ -f "$TMP/old/voorbeeld/1.0/voorbeeld-1.0.pdf" ] && ok "... and leaves the old site" || fail "... and leaves the old site"
ls -a "$TMP" | grep -q '^\.old\.tmp-' && fail "... and removes its staging folder" "$(ls -a "$TMP")" || ok "... and removes its staging folder"

# A worker that dies (SIGXFSZ not ignored) fails the build, which says so.
(
  ulimit -f 100
  exec env -u CI STATUUT_PAGEFIND=/nonexistent "$STATUUT" build --no-cache -j 2 --content $G --templates $T --out "$TMP/old"
) >"$TMP/out" 2>"$TMP/err"
rc=$?
[ "$rc" -eq 2 ] && ok "a worker killed by a signal fails the build" || fail "a worker killed by a signal fails the build" "exit $rc" "$(cat "$TMP/err")"
expect_grep "... saying so" "$TMP/err" "statuut: a build worker was killed by signal"
expect_grep "... and that the old site stays" "$TMP/err" "build failed; $TMP/old was left as it was"
finish

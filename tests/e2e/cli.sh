# The command line: help, version, usage errors and their exit status.
. tests/e2e/lib.sh

expect_exit "--version exits 0" 0 "$STATUUT" --version
expect_grep "--version prints the version" "$TMP/out" "statuut 0."
expect_exit "--help exits 0" 0 "$STATUUT" --help
expect_grep "--help lists the commands" "$TMP/out" "check   validate content"
for cmd in build html text check new; do
  expect_exit "$cmd --help exits 0" 0 "$STATUUT" "$cmd" --help
  expect_grep "$cmd --help shows its usage" "$TMP/out" "usage: statuut $cmd"
done
expect_exit "no command is bad usage" 2 "$STATUUT"
expect_exit "unknown command is bad usage" 2 "$STATUUT" frobnicate
expect_grep "unknown command is named" "$TMP/err" "unknown command 'frobnicate'"
expect_exit "unknown option is bad usage" 2 "$STATUUT" build --frob
expect_grep "unknown option is named" "$TMP/err" "'--frob'"
expect_exit "option of another command is refused" 2 "$STATUUT" check --out x
expect_exit "html needs a file" 2 "$STATUUT" html
expect_exit "new needs two arguments" 2 "$STATUUT" new kwaliteitsstatuut
expect_exit "missing input file is trouble" 2 "$STATUUT" html does-not-exist.md
expect_grep "missing input file is named" "$TMP/err" "does-not-exist.md: error: cannot read: no such file [io]"
# A byte-order mark before the front matter is accepted.
printf '\357\273\277' >"$TMP/bom.md"
cat tests/golden/content/voorbeeld/1.0.md >>"$TMP/bom.md"
expect_exit "a UTF-8 byte-order mark before --- is accepted" 0 "$STATUUT" text "$TMP/bom.md"
expect_grep "and the text is read" "$TMP/out" "Versie 1.0"
expect_exit "check accepts it too" 0 "$STATUUT" check --no-spelling "$TMP/bom.md"
# -o to a pipe or a device writes into it: renaming a file over it would
# replace it (over /dev/null, for every later command of the machine).
mkfifo "$TMP/pijp"
cat "$TMP/pijp" >"$TMP/uit-pijp" &
reader=$!
expect_exit "-o to a FIFO" 0 "$STATUUT" text -o "$TMP/pijp" tests/golden/content/voorbeeld/1.0.md
wait $reader
[ -p "$TMP/pijp" ] && ok "... which stays a FIFO" || fail "... which stays a FIFO" "$(ls -l "$TMP/pijp")"
expect_grep "... and passes the text on" "$TMP/uit-pijp" "Versie 1.0"
finish

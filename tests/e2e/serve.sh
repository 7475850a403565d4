# statuut serve, the editors' live preview: it serves the built site on
# 127.0.0.1 only, files inside the site only, GET and HEAD only; an edit is
# built and announced on the event stream; a broken edit shows its errors
# and a good one recovers; a burst of saves is one build, requests are none;
# SIGINT removes the temporary folder.
. tests/e2e/lib.sh

if ! command -v curl >/dev/null; then
  fail "curl is there (apt-get install curl)"
  finish
fi

# How long the test waits for an edit to show, in tenths of a second: a
# bound against hanging, not the promise of a second, which is a timing and
# is measured by bench/serve.sh (timings stay out of the tests: a loaded
# machine would fail them). The sanitizer build is several times slower.
case "$BUILD" in
*asan*) within=300 ;;
*) within=100 ;;
esac

SERVE_PID=
SSE_PID=
OPEN_PID=
cleanup() {
  for p in $SSE_PID $SERVE_PID $OPEN_PID; do kill "$p" 2>/dev/null; done
  for p in $SSE_PID $SERVE_PID $OPEN_PID; do wait "$p" 2>/dev/null; done
  rm -rf "$TMP"
}
trap cleanup EXIT

# until TENTHS CMD...: runs CMD every 50 ms until it succeeds, for at most
# TENTHS tenths of a second.
until_ok() {
  n=$(($1 * 2))
  shift
  while [ "$n" -gt 0 ]; do
    "$@" && return 0
    sleep 0.05
    n=$((n - 1))
  done
  "$@"
}

has() { grep -qF -- "$2" "$1" 2>/dev/null; }
rebuilt() { grep -c '^statuut: rebuilt' "$TMP/serve.err"; }
get() { # get URL-PATH [curl args]: status in $code, body in $TMP/body, headers in $TMP/head
  p=$1
  shift
  code=$(curl -s --path-as-is -o "$TMP/body" -D "$TMP/head" -w '%{http_code}' "$@" "$URL${p#/}")
}

cp -r tests/golden/content "$TMP/content"
cp -r templates "$TMP/templates"
"$STATUUT" serve --content "$TMP/content" --templates "$TMP/templates" --port 0 2>"$TMP/serve.err" &
SERVE_PID=$!
if until_ok 600 has "$TMP/serve.err" "statuut: serving"; then
  ok "serve starts and says where"
else
  fail "serve starts and says where" "$(cat "$TMP/serve.err")"
  finish
fi
URL=$(sed -n 's/^statuut: serving .* at \(http:[^ ]*\) .*/\1/p' "$TMP/serve.err")
SITE=$(sed -n 's/^statuut: serving \(.*\) at http:.*/\1/p' "$TMP/serve.err")
PORT=${URL##*:}
PORT=${PORT%/}
case "$URL" in
http://127.0.0.1:[0-9]*/) ok "it serves on 127.0.0.1 ($URL)" ;;
*) fail "it serves on 127.0.0.1" "got '$URL'" ;;
esac
expect_grep "the first build is announced" "$TMP/serve.err" "statuut: built in"

# The listening socket, as the kernel has it: 127.0.0.1 (0100007F), state
# LISTEN (0A), on the port it printed.
hexport=$(printf '%04X' "$PORT")
if awk -v p=":$hexport" '$2 ~ p"$" && $4 == "0A" {print $2}' /proc/net/tcp /proc/net/tcp6 >"$TMP/listen" &&
  [ "$(cat "$TMP/listen")" = "0100007F:$hexport" ]; then
  ok "the listening socket is 127.0.0.1:$PORT and nothing else"
else
  fail "the listening socket is 127.0.0.1:$PORT and nothing else" "$(cat "$TMP/listen")"
fi

# Pages: the built file with the reload script, never cached.
get /
[ "$code" = 200 ] && ok "GET / is 200" || fail "GET / is 200" "got $code"
expect_grep "a page is text/html" "$TMP/head" "Content-Type: text/html; charset=utf-8"
expect_grep "nothing is cached" "$TMP/head" "Cache-Control: no-store"
expect_grep "a page has the reload script" "$TMP/body" '<script src="/_statuut/reload.js" data-build="1"></script>'
grep -vF '/_statuut/reload.js' "$TMP/body" >"$TMP/page"
if cmp -s "$TMP/page" "$SITE/index.html"; then ok "the page is the built file, script aside"; else fail "the page is the built file, script aside"; fi
if grep -rq _statuut "$SITE"; then fail "the built files have no script" "$(grep -rl _statuut "$SITE")"; else ok "the built files have no script"; fi
"$STATUUT" build --content "$TMP/content" --templates "$TMP/templates" --out "$TMP/built" -q
if diff -r "$SITE" "$TMP/built" >"$TMP/diff"; then ok "the served site is the one statuut build makes"; else fail "the served site is the one statuut build makes" "$(head -5 "$TMP/diff")"; fi
get /_statuut/reload.js
[ "$code" = 200 ] && grep -q 'new EventSource("/_statuut/events")' "$TMP/body" &&
  ok "the reload script is served" || fail "the reload script is served" "$code"

# HEAD: the headers, no body (read off the socket: curl -I reads no body).
python3 -c '
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.sendall(b"HEAD / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
data = b""
while True:
    b = s.recv(65536)
    if not b: break
    data += b
sys.stdout.buffer.write(data)
' "$PORT" >"$TMP/headraw"
if head -1 "$TMP/headraw" | grep -q '^HTTP/1.1 200' && grep -q 'Content-Length: [1-9]' "$TMP/headraw" &&
  [ "$(sed -n '/^\r$/,$p' "$TMP/headraw" | wc -c)" -eq 2 ]; then
  ok "HEAD gives the headers and no body"
else
  fail "HEAD gives the headers and no body" "$(cat "$TMP/headraw")"
fi

for f in "style.css text/css" "vergelijk.js text/javascript" "manifest.json application/json" \
  "feed.xml application/xml" "voorbeeld/1.0/voorbeeld-1.0.pdf application/pdf"; do
  set -- $f
  get "/$1"
  if [ "$code" = 200 ] && grep -q "^Content-Type: $2" "$TMP/head" && cmp -s "$TMP/body" "$SITE/$1"; then
    ok "$1 is served as $2"
  else
    fail "$1 is served as $2" "$code" "$(cat "$TMP/head")"
  fi
done
get /voorbeeld/1.1/
[ "$code" = 200 ] && ok "a folder serves its index.html" || fail "a folder serves its index.html" "$code"
# The concept's page links its redline against the version in force.
expect_grep "a concept's page links its redline" "$TMP/body" '<a href="../../voorbeeld/verschil/1.0-1.1/index.html">Wat verandert er ten opzichte van 1.0?</a>'
get /voorbeeld
if [ "$code" = 301 ] && grep -q '^Location: /voorbeeld/' "$TMP/head"; then
  ok "a folder without its / is redirected"
else
  fail "a folder without its / is redirected" "$code"
fi

# One connection for the page and its stylesheet, as a browser keeps it.
curl -sv -o /dev/null -o /dev/null "$URL" "${URL}style.css" 2>"$TMP/keep"
expect_grep "a connection serves more than one request" "$TMP/keep" "Re-using existing connection"

for m in POST PUT DELETE PATCH OPTIONS; do
  get / -X "$m" -d x
  if [ "$code" = 405 ] && grep -q '^Allow: GET, HEAD' "$TMP/head"; then ok "$m is 405"; else fail "$m is 405" "got $code"; fi
done

# Nothing outside the site.
for p in '/../' '/../../../../etc/passwd' '/%2e%2e/' '/%2E%2E/%2E%2E/etc/passwd' '/.%2e/' \
  '/voorbeeld/..%2f..%2f..%2fetc/passwd' '/voorbeeld%2f1.0/' '/%2f%2fetc/passwd' '/%2fetc/passwd' \
  '//etc/passwd' '/voorbeeld//1.0/' '/..%5c..%5cetc/passwd' '/%00' '/style.css%00.html' \
  '/etc/passwd' '/proc/self/environ' '/%252e%252e/' '/.statuut-build' '/%'; do
  get "$p"
  if [ "$code" = 404 ] && ! grep -q 'root:' "$TMP/body"; then ok "$p is 404"; else fail "$p is 404" "got $code"; fi
done
code=$(curl -s -o "$TMP/body" -w '%{http_code}' --request-target "http://127.0.0.1:$PORT/etc/passwd" "$URL")
[ "$code" = 404 ] && ok "an absolute request target is 404" || fail "an absolute request target is 404" "got $code"
code=$(curl -s -o "$TMP/body" -w '%{http_code}' --request-target '/etc/../../etc/passwd' "$URL")
[ "$code" = 404 ] && ok "a raw ../ target is 404" || fail "a raw ../ target is 404" "got $code"
ln -s /etc "$SITE/uit"
ln -s /etc/passwd "$SITE/wachtwoord"
ln -s ../.. "$SITE/voorbeeld/omhoog"
ln -s style.css "$SITE/kopie.css"
for p in /uit/passwd /uit/ /wachtwoord /voorbeeld/omhoog/ /kopie.css; do
  get "$p"
  if [ "$code" = 404 ] && ! grep -q 'root:' "$TMP/body"; then ok "the link $p is not followed (404)"; else fail "the link $p is not followed (404)" "got $code"; fi
done
rm -f "$SITE/uit" "$SITE/wachtwoord" "$SITE/voorbeeld/omhoog" "$SITE/kopie.css"
get / -H 'Host: evil.example'
[ "$code" = 403 ] && ok "another site's Host is refused (DNS rebinding)" || fail "another site's Host is refused (DNS rebinding)" "got $code"
get / -H "Host: localhost:$PORT"
[ "$code" = 200 ] && ok "Host localhost is served" || fail "Host localhost is served" "got $code"

# Only loopback addresses; a port in use is named.
for h in 0.0.0.0 192.168.1.10 :: example.org; do
  expect_exit "--host $h is refused" 2 "$STATUUT" serve --content "$TMP/content" --templates "$TMP/templates" --host "$h" --port 0
  expect_grep "--host $h: the message says why" "$TMP/err" "--host $h: "
done
expect_grep "the message names loopback" "$TMP/err" "127.0.0.1, ::1 or localhost"
expect_exit "a port in use is refused" 2 "$STATUUT" serve --content "$TMP/content" --templates "$TMP/templates" --port "$PORT"
expect_grep "the message names it" "$TMP/err" "127.0.0.1 port $PORT: cannot listen: Address already in use"
expect_exit "serve --help exits 0" 0 "$STATUUT" serve --help
expect_grep "serve --help shows its usage" "$TMP/out" "usage: statuut serve [--content DIR] [--templates DIR] [--port N]"
expect_exit "--out is not serve's" 2 "$STATUUT" serve --out x
expect_exit "--port 70000 is bad usage" 2 "$STATUUT" serve --port 70000
expect_exit "a missing content folder is refused" 2 "$STATUUT" serve --content "$TMP/nothing" --templates "$TMP/templates" --port 0
expect_grep "it is named" "$TMP/err" "$TMP/nothing: not a folder"

# An edit: the stream says reload, the page has the new text.
curl -sN "${URL}_statuut/events" >"$TMP/sse" 2>/dev/null &
SSE_PID=$!
if until_ok 50 has "$TMP/sse" "data: 1"; then ok "the event stream starts at build 1"; else fail "the event stream starts at build 1" "$(cat "$TMP/sse")"; fi
expect_grep "the stream is events" "$TMP/sse" "event: reload"
F="$TMP/content/voorbeeld/1.1.md"
cp "$F" "$TMP/good.md"
printf '\nEen zin die er net bij kwam.\n' >>"$F"
if until_ok "$within" has "$TMP/sse" "data: 2"; then ok "the edit sends the reload event"; else fail "the edit sends the reload event" "$(cat "$TMP/sse")" "$(cat "$TMP/serve.err")"; fi
new_text() { get /voorbeeld/1.1/ && grep -q 'Een zin die er net bij kwam.' "$TMP/body"; }
if until_ok "$within" new_text; then ok "the page shows the edit"; else fail "the page shows the edit"; fi
expect_grep "the page is of build 2" "$TMP/body" 'data-build="2"'
expect_grep "the rebuild is announced" "$TMP/serve.err" "statuut: rebuilt in"

# A broken edit: every page shows the errors; the other files stay.
printf '\nZie de noot[^nergens].\n' >>"$F"
line=$(grep -n 'nergens' "$F" | cut -d: -f1)
if until_ok "$within" has "$TMP/sse" "data: 3"; then ok "the broken edit sends the reload event"; else fail "the broken edit sends the reload event"; fi
get /voorbeeld/1.1/
[ "$code" = 500 ] && ok "a page is the error page (500)" || fail "a page is the error page (500)" "got $code"
expect_grep "it names file:line:col" "$TMP/body" "$F:$line:12</code>: footnote [^nergens] is referenced but not defined"
expect_grep "it shows the source line" "$TMP/body" '<pre class="bron"><code>Zie de noot[^nergens].'
expect_grep "it is Dutch" "$TMP/body" '<html lang="nl">'
expect_grep "it has a heading" "$TMP/body" '<h1>De site kon niet worden gebouwd</h1>'
expect_grep "it reloads too" "$TMP/body" 'data-build="3"'
expect_grep "the terminal shows the error" "$TMP/serve.err" "$F:$line:12: error: footnote [^nergens]"
get /
[ "$code" = 500 ] && ok "every page is the error page" || fail "every page is the error page" "got $code"
get /style.css
[ "$code" = 200 ] && ok "the last good site's stylesheet is still served" || fail "the last good site's stylesheet is still served" "got $code"

cp "$TMP/good.md" "$F"
if until_ok "$within" has "$TMP/sse" "data: 4"; then ok "the good save sends the reload event"; else fail "the good save sends the reload event"; fi
get /voorbeeld/1.1/
[ "$code" = 200 ] && ! grep -q nergens "$TMP/body" && ok "the good save recovers" || fail "the good save recovers" "got $code"

# A template change is built too.
printf '/* bewerkt */\n' >>"$TMP/templates/style.css"
css_new() { get /style.css && grep -q 'bewerkt' "$TMP/body"; }
if until_ok "$within" css_new; then ok "a template edit is built"; else fail "a template edit is built"; fi
# So is a document in a new folder.
cp -r "$TMP/content/tweede" "$TMP/content/derde"
derde() { get /derde/ && [ "$code" = 200 ]; }
if until_ok "$within" derde; then ok "a new document folder is built"; else fail "a new document folder is built" "$code"; fi

# A burst of saves is one build (once the builds before it are done).
settle() {
  n=0
  while [ $n -lt 20 ]; do
    c=$(rebuilt)
    sleep 1
    [ "$(rebuilt)" = "$c" ] && return 0
    n=$((n + 1))
  done
}
settle
before=$(rebuilt)
good=$(cat "$TMP/good.md")
i=1
while [ $i -le 10 ]; do # builtins only: ten saves in well under the quiet time
  printf '%s\n\nSnel bewaard, keer %s.\n' "$good" "$i" >"$F"
  i=$((i + 1))
done
more() { [ "$(rebuilt)" -gt "$before" ]; }
until_ok "$within" more || true
sleep 1
after=$(rebuilt)
[ "$after" -eq $((before + 1)) ] && ok "a burst of 10 saves is one rebuild" || fail "a burst of 10 saves is one rebuild" "$before -> $after"
get /voorbeeld/1.1/
expect_grep "the build has the last save" "$TMP/body" "Snel bewaard, keer 10."

# Requests, many of them, and an editor's swap file build nothing.
before=$(rebuilt)
set --
i=0
while [ $i -lt 200 ]; do
  set -- "$@" "${URL}voorbeeld/1.1/" "${URL}style.css" "${URL}nergens"
  i=$((i + 1))
done
curl -s "$@" >/dev/null &
f1=$!
curl -s "$@" >/dev/null &
f2=$!
curl -s -X POST "$@" >/dev/null
wait $f1 $f2
printf 'x' >"$TMP/content/voorbeeld/.1.1.md.swp"
printf 'x' >"$TMP/content/voorbeeld/1.1.md~"
sleep 1
after=$(rebuilt)
[ "$after" -eq "$before" ] && ok "a flood of requests and swap files rebuild nothing" || fail "a flood of requests and swap files rebuild nothing" "$before -> $after"
get /
[ "$code" = 200 ] && ok "it still serves after the flood" || fail "it still serves after the flood" "got $code"

# In a browser: the open page reloads, shows the errors, comes back.
case "$BUILD" in
*asan*) echo "# the browser is driven in the plain run; under the sanitizers only the server" ;;
*)
  if [ -d "${STATUUT_NODE_MODULES:-}/playwright-core" ] && command -v node >/dev/null && [ -x /usr/bin/chromium ]; then
    expect_exit "in Chromium the page reloads on save, shows the errors, recovers" 0 node tests/browser/reload.mjs "$URL" "$F" voorbeeld/1.1/
    expect_grep "... and the redline is one click away" "$TMP/out" "seen: one click to the redline: /voorbeeld/verschil/1.0-1.1/"
  else
    fail "the page reloads in Chromium" "node, chromium or playwright-core missing (make installs them)"
  fi
  ;;
esac

# Ctrl-C: exit 0, the folder is gone, the stream ends.
kill -INT "$SERVE_PID"
wait "$SERVE_PID"
rc=$?
SERVE_PID=
[ "$rc" -eq 0 ] && ok "SIGINT stops it with exit 0" || fail "SIGINT stops it with exit 0" "exit $rc" "$(tail -5 "$TMP/serve.err")"
[ ! -e "$SITE" ] && [ ! -e "$(dirname "$SITE")" ] && ok "SIGINT removes the temporary folder" || fail "SIGINT removes the temporary folder" "$(dirname "$SITE")"
if until_ok 50 sh -c "! kill -0 $SSE_PID 2>/dev/null"; then ok "the event stream ends"; else fail "the event stream ends"; fi
SSE_PID=

# --open hands the URL to xdg-open; SIGTERM stops as SIGINT does.
mkdir -p "$TMP/bin"
printf '#!/bin/sh\necho "${CAIRO_DEBUG_PDF-unset}" >"%s/openenv"\necho "$@" >"%s/opened"\n' "$TMP" "$TMP" >"$TMP/bin/xdg-open"
chmod +x "$TMP/bin/xdg-open"
PATH="$TMP/bin:$PATH" "$STATUUT" serve --content "$TMP/content" --templates "$TMP/templates" --port 0 --open -j 1 2>"$TMP/open.err" &
OPEN_PID=$!
until_ok 600 has "$TMP/open.err" "statuut: serving" || true
url2=$(sed -n 's/^statuut: serving .* at \(http:[^ ]*\) .*/\1/p' "$TMP/open.err")
if until_ok 50 has "$TMP/opened" "$url2" && [ -n "$url2" ]; then ok "--open opens the URL"; else fail "--open opens the URL" "$(cat "$TMP/open.err")"; fi
# The PDFs are made by now: the browser does not inherit what the engine set for cairo.
if [ "$(cat "$TMP/openenv" 2>/dev/null)" = unset ]; then ok "the browser's environment has no CAIRO_DEBUG_PDF"; else fail "the browser's environment has no CAIRO_DEBUG_PDF" "$(cat "$TMP/openenv" 2>/dev/null)"; fi
site2=$(sed -n 's/^statuut: serving \(.*\) at http:.*/\1/p' "$TMP/open.err")
kill -TERM "$OPEN_PID"
wait "$OPEN_PID"
rc=$?
OPEN_PID=
[ "$rc" -eq 0 ] && [ -n "$site2" ] && [ ! -e "$site2" ] && ok "SIGTERM stops it and removes the folder" || fail "SIGTERM stops it and removes the folder" "exit $rc"
finish

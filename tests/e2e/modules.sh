# The modules (include/statuut/module.h): the binary links none of their
# libraries, loads each when a command needs it, and says so when it cannot.
. tests/e2e/lib.sh
S=content/kwaliteitsstatuut/1.0.md
N=content/kwaliteitsstatuut/1.0.1.md

if ldd "$STATUUT" | grep -E 'libxml2|libhunspell|libicu|libcairo|libpango|libharfbuzz|libfontconfig|libqpdf|libmicrohttpd|libgnutls' >"$TMP/libs"; then
  fail "the binary links no module's library" "$(cat "$TMP/libs")"
else
  ok "the binary links no module's library"
fi
for m in pdf html spell serve; do
  if [ -f "$(dirname "$STATUUT")/statuut-$m.so" ]; then ok "statuut-$m.so beside the binary"; else fail "statuut-$m.so beside the binary"; fi
done

# Each module links every library it calls: a symbol it needs comes from a
# library it names itself (DT_NEEDED) or from the binary's own code, never
# from a library that only the binary happens to link.
nm -D --defined-only "$STATUUT" | awk '{print $3}' | sed 's/@.*//' | sort -u >"$TMP/binary.syms"
for m in pdf html spell serve; do
  so="$(dirname "$STATUUT")/statuut-$m.so"
  : >"$TMP/$m.libsyms"
  for lib in $(readelf -d "$so" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
    path=$(ldd "$so" | awk -v l="$lib" '$1 == l {print $3}')
    [ -n "$path" ] && nm -D --defined-only "$path" | awk '{print $3}' | sed 's/@.*//' >>"$TMP/$m.libsyms"
  done
  sort -u "$TMP/$m.libsyms" "$TMP/binary.syms" >"$TMP/$m.have"
  nm -D --undefined-only "$so" | awk '$1 == "U" {print $2}' | sed 's/@.*//' | sort -u >"$TMP/$m.need"
  comm -23 "$TMP/$m.need" "$TMP/$m.have" >"$TMP/$m.missing"
  if [ -s "$TMP/$m.missing" ]; then
    fail "statuut-$m.so links what it calls" "$(head -5 "$TMP/$m.missing")"
  else
    ok "statuut-$m.so links what it calls"
  fi
done

# A site to keep: a failed build must leave it.
expect_exit "build with the modules" 0 "$STATUUT" build --content tests/golden/content --templates templates --out "$TMP/site"
cp "$TMP/site/manifest.json" "$TMP/manifest.before"

export STATUUT_MODULE_DIR="$TMP/nomodules"
expect_exit "without modules pdf fails" 2 "$STATUUT" pdf -o "$TMP/y.pdf" $S
expect_grep "the message names the module and why" "$TMP/err" "statuut: cannot load statuut-pdf.so: $TMP/nomodules/statuut-pdf.so: cannot open shared object file"
if [ -e "$TMP/y.pdf" ]; then fail "no PDF without the module" "$TMP/y.pdf exists"; else ok "no PDF without the module"; fi
expect_exit "without modules diff --format=pdf fails" 2 "$STATUUT" diff --format=pdf -o "$TMP/r.pdf" $S $N
expect_exit "without modules html fails" 2 "$STATUUT" html -o "$TMP/x.html" $S
expect_grep "html names its module" "$TMP/err" "statuut: cannot load statuut-html.so"
expect_exit "without modules serve fails" 2 "$STATUUT" serve --content tests/golden/content --templates templates --port 0
expect_grep "serve names its module" "$TMP/err" "statuut: cannot load statuut-serve.so: $TMP/nomodules/statuut-serve.so"
expect_exit "without modules diff --format=html fails" 2 "$STATUUT" diff --format=html $S $N
expect_exit "without modules check with spelling reports an error" 1 "$STATUUT" check --spelling $S
expect_grep "check names its module" "$TMP/err" "statuut-spell.so: error: cannot load statuut-spell.so: $TMP/nomodules/statuut-spell.so"
expect_exit "without modules diff --format=json works" 1 "$STATUUT" diff --format=json $S $N
expect_exit "without modules diff as text works" 1 "$STATUUT" diff --color=never $S $N
expect_exit "without modules text works" 0 "$STATUUT" text $S
expect_exit "without modules check --no-spelling works" 0 "$STATUUT" check --no-spelling tests/golden/content
expect_exit "without modules build fails" 2 "$STATUUT" build --content tests/golden/content --templates templates --out "$TMP/site"
if cmp -s "$TMP/manifest.before" "$TMP/site/manifest.json" && [ -e "$TMP/site/voorbeeld/1.0/voorbeeld-1.0.pdf" ]; then
  ok "the failed build leaves the old site"
else
  fail "the failed build leaves the old site"
fi

# A damaged module, and one from another build, are refused.
mkdir -p "$TMP/bad" "$TMP/old"
printf 'not a module\n' >"$TMP/bad/statuut-pdf.so"
expect_exit "a damaged module is refused" 2 env STATUUT_MODULE_DIR="$TMP/bad" "$STATUUT" pdf -o "$TMP/y.pdf" $S
expect_grep "the message says why" "$TMP/err" "cannot load statuut-pdf.so: $TMP/bad/statuut-pdf.so"
# A module of an old layout: no id where the table starts.
printf 'struct { int abi; unsigned long size; const char *version; } statuut_pdf_module = {1, 24, "0.0.1"};\n' >"$TMP/old/m.c"
if cc -shared -fPIC -o "$TMP/old/statuut-pdf.so" "$TMP/old/m.c"; then
  expect_exit "a module of an old layout is refused" 2 env STATUUT_MODULE_DIR="$TMP/old" "$STATUUT" pdf -o "$TMP/y.pdf" $S
  expect_grep "the message says to rebuild" "$TMP/err" "comes from build (unknown) of statuut, this is build"
else
  fail "a module of an old layout is refused" "cc could not build the stand-in"
fi
# A module with the real table of this source, built with another build id.
id=$("$STATUUT" --version | sed -n 's/.*(build \([0-9a-f]*\)).*/\1/p')
[ ${#id} -eq 16 ] && ok "--version names the build id" || fail "--version names the build id" "got '$id'"
mkdir -p "$TMP/other"
printf '#include "statuut/pdfmodule.h"\nMODULE_EXPORT(pdf_module, statuut_pdf_module) = {MODULE_HEADER(pdf_module)};\n' >"$TMP/other/m.c"
if cc -shared -fPIC -Iinclude -I"$(dirname "$STATUUT")/gen" -DSTATUUT_BUILD_ID='"0123456789abcdef"' \
  $(pkg-config --cflags glib-2.0) -o "$TMP/other/statuut-pdf.so" "$TMP/other/m.c"; then
  expect_exit "a module of another build is refused" 2 env STATUUT_MODULE_DIR="$TMP/other" "$STATUUT" pdf -o "$TMP/y.pdf" $S
  expect_grep "the message names both build ids" "$TMP/err" \
    "statuut-pdf.so comes from build 0123456789abcdef of statuut, this is build $id; rebuild with make"
else
  fail "a module of another build is refused" "cc could not build the stand-in"
fi
unset STATUUT_MODULE_DIR
finish

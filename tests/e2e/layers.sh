# The layers of the source, lowest first: a file includes headers of its own
# layer and of lower ones only, never of a higher one; the two renderer
# modules (html, pdf) and the preview's (serve) do not include each other.
# The layer of a header is the folder of the source that implements it
# (src/<layer>/<name>.c), or the one named below.
. tests/e2e/lib.sh

rank() { # LAYER -> number
  case "$1" in
  util) echo 0 ;; model) echo 1 ;; diff | text) echo 2 ;; module) echo 3 ;;
  check) echo 4 ;; html | pdf | serve) echo 5 ;; cli) echo 6 ;; main) echo 7 ;; *) echo 99 ;;
  esac
}

layer_of_header() { # NAME.h -> layer
  case "$1" in
  module.h | htmlmodule.h | pdfmodule.h | servemodule.h) echo module ;; # the modules' slim interfaces
  spellmodule.h | spelling.h) echo check ;;
  html.h | template.h) echo html ;;
  pdf*.h | galley.h | para.h | paginate.h | linebreak.h | hyph.h) echo pdf ;;
  diffout.h | seq.h) echo diff ;;
  site.h | command.h | preview.h) echo cli ;;
  *)
    f=$(ls src/*/"${1%.h}.c" 2>/dev/null | head -1)
    [ -n "$f" ] && basename "$(dirname "$f")" || echo unknown
    ;;
  esac
}

: >"$TMP/violations"
for f in src/main.c src/*/*.c src/*/*.h include/statuut/*.h; do
  case "$f" in
  src/main.c) own=main ;;
  include/*) own=$(layer_of_header "$(basename "$f")") ;;
  *) own=$(basename "$(dirname "$f")") ;;
  esac
  for h in $(sed -n 's/^#include "statuut\/\([^"]*\)".*/\1/p' "$f"); do
    l=$(layer_of_header "$h")
    if [ "$(rank "$l")" -gt "$(rank "$own")" ] || { [ "$l" != "$own" ] && [ "$(rank "$l")" -eq 5 ] && [ "$(rank "$own")" -eq 5 ]; }; then
      echo "$f ($own) includes statuut/$h ($l)" >>"$TMP/violations"
    fi
  done
done
if [ -s "$TMP/violations" ]; then
  fail "no file includes a header of a higher layer" "$(cat "$TMP/violations")"
else
  ok "no file includes a header of a higher layer"
fi
if grep -l '#include "statuut/\(diff\|diffout\|html\|htmlmodule\|pdf[a-z]*\|galley\|para\|site\|command\|check\|citations\|links\|structure\|footnotes\|spelling\)\.h"' src/model/*.c src/util/*.c include/statuut/doc.h include/statuut/meta.h include/statuut/content.h include/statuut/diag.h >"$TMP/low"; then
  fail "model and util include nothing from diff, html, pdf, site, check" "$(cat "$TMP/low")"
else
  ok "model and util include nothing from diff, html, pdf, site, check"
fi

# The slim-header rule is the compiler's: the binary's code is compiled with
# the include paths of its own libraries only (BIN_CFLAGS in the Makefile).
# A file of the binary that includes a module's inside must fail to build.
printf '#include "statuut/html.h"\n' >"$TMP/heavy.c"
if make -s --no-print-directory -f Makefile print-bin-cflags >"$TMP/flags" 2>/dev/null &&
  ! cc -std=c11 -Iinclude -I"$BUILD/gen" $(cat "$TMP/flags") -c "$TMP/heavy.c" -o "$TMP/heavy.o" 2>"$TMP/heavy.err"; then
  ok "a libxml2 header in the binary's code is a build error"
else
  fail "a libxml2 header in the binary's code is a build error" "$(cat "$TMP/heavy.err")"
fi
printf '#include "statuut/pdfmodule.h"\n#include "statuut/htmlmodule.h"\n#include "statuut/spellmodule.h"\n#include "statuut/servemodule.h"\nint x;\n' >"$TMP/slim.c"
if cc -std=c11 -Wall -Werror -Iinclude -I"$BUILD/gen" $(cat "$TMP/flags") -c "$TMP/slim.c" -o "$TMP/slim.o" 2>"$TMP/slim.err"; then
  ok "the modules' headers build with the binary's flags alone"
else
  fail "the modules' headers build with the binary's flags alone" "$(cat "$TMP/slim.err")"
fi
finish

#!/bin/sh
# Hostile inputs for make bench (bench/run.sh, "Hostile inputs") and the
# tests: small files that once made a command quadratic or hungry. Each is a
# valid document (front matter, then the body); the output is the same for the
# same arguments (awk's srand with a fixed seed).
#
#   sh bench/hostile.sh KIND [N] >FILE.md
#
#   headings   N identical headings "# Kop"                      (50000, 350 KB)
#   bullets    "- " N times on one line: lists nested N deep      (50000, 100 KB)
#   ordered    "1. " N times on one line                          (30000)
#   footnotes  N references and N notes                           (100000)
#   keys       N front-matter keys                                (200000)
#   large      about N MB of ordinary text: sections, paragraphs,
#              points, emphasis, links, notes                     (50)
#   table      a table of N rows of 200 columns                   (2000)
set -eu
kind=${1:?usage: hostile.sh KIND [N]}
n=${2:-}

front() {
  printf -- '---\ntitle: "Vijandig"\nversion: "1.0"\ndate: 2022-11-01\nstatus: concept\n'
  [ "${1:-}" = open ] || printf -- '---\n'
}

case $kind in
headings)
  front
  awk -v n="${n:-50000}" 'BEGIN { for (i = 0; i < n; i++) print "# Kop\n" }'
  ;;
bullets)
  front
  awk -v n="${n:-50000}" 'BEGIN { s = ""; for (i = 0; i < n; i++) s = s "- "; print s "tekst" }'
  ;;
ordered)
  front
  awk -v n="${n:-30000}" 'BEGIN { s = ""; for (i = 0; i < n; i++) s = s "1. "; print s "tekst" }'
  ;;
footnotes)
  front
  awk -v n="${n:-100000}" 'BEGIN {
    for (i = 1; i <= n; i++) printf "Zin %d met een noot.[^n%d]\n", i, i
    print ""
    for (i = 1; i <= n; i++) printf "[^n%d]: Noot %d.\n\n", i, i }'
  ;;
keys)
  front open
  awk -v n="${n:-200000}" 'BEGIN { for (i = 1; i <= n; i++) printf "sleutel%d: waarde %d\n", i, i }'
  printf -- '---\n\nTekst.\n'
  ;;
large)
  front
  awk -v mb="${n:-50}" 'BEGIN {
    srand(11)
    split("de het een wijkteam kwaliteit bewoner werken samen ontwikkelproces " \
          "professional vraag antwoord buurt zorg ondersteuning leren gemeente " \
          "verantwoording dilemma'"'"'s drone-bouwer café één", w, " ")
    nw = 0; for (k in w) nw++
    limit = mb * 1024 * 1024; size = 0; sec = 0; note = 0
    while (size < limit) {
      sec++
      line = sprintf("# %d. Hoofdstuk %d\n\n", sec, sec); printf "%s", line; size += length(line)
      for (p = 0; p < 20; p++) {
        line = ""
        for (k = 0; k < 60; k++) {
          word = w[int(rand() * nw) + 1]
          r = rand()
          if (r < 0.02) word = "*" word "*"
          else if (r < 0.03) word = "[" word "](/kwaliteitsstatuut/#inleiding)"
          line = line word (k % 12 == 11 ? "\n" : " ")
        }
        if (p == 10) { note++; line = line "Zie de noot.[^h" note "]\n" }
        printf "%s\n", line; size += length(line) + 1
      }
      for (k = 0; k < 4; k++) { line = sprintf("- %c. punt %d van hoofdstuk %d\n", 97 + k, k, sec); printf "%s", line; size += length(line) }
      line = sprintf("\n[^h%d]: Noot bij hoofdstuk %d.\n\n", note, sec); printf "%s", line; size += length(line)
    } }'
  ;;
table)
  front
  awk -v n="${n:-2000}" 'BEGIN {
    cols = 200
    s = "|"; for (c = 1; c <= cols; c++) s = s " k" c " |"; print s
    s = "|"; for (c = 1; c <= cols; c++) s = s " --- |"; print s
    for (r = 1; r <= n; r++) { s = "|"; for (c = 1; c <= cols; c++) s = s " " r "." c " |"; print s } }'
  ;;
*)
  echo "hostile.sh: unknown kind '$kind'" >&2
  exit 2
  ;;
esac

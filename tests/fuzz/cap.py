#!/usr/bin/env python3
"""tests/fuzz/cap.py CONTROL_FILE MAX_FILES MAX_BYTES: the inputs to keep of
a merged corpus, one path a line, chosen from libFuzzer's merge control file
(-merge_control_file): greedily the input that adds the most features not yet
kept, smaller first among equals, until MAX_FILES inputs or MAX_BYTES bytes.
The control file lists for each input (smallest first) the features no
smaller input had, so the choice is an approximation of the best cover; it
keeps far more coverage than the smallest inputs do (README.md)."""
import sys

ctl, max_files, max_bytes = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
lines = open(ctl, encoding="utf-8", errors="surrogateescape").read().split("\n")
n = int(lines[0])
names = lines[2 : 2 + n]
size, feats = {}, {}
for line in lines[2 + n :]:
    w = line.split()
    if len(w) >= 3 and w[0] == "STARTED":
        size[int(w[1])] = int(w[2])
    elif len(w) >= 2 and w[0] == "FT":
        feats[int(w[1])] = set(w[2:])
have, kept, total = set(), [], 0
left = {i for i in feats if feats[i]}
while left and len(kept) < max_files:
    best = max(left, key=lambda i: (len(feats[i] - have), -size.get(i, 0)))
    left.discard(best)
    gain = len(feats[best] - have)
    if gain == 0:
        break
    if total + size.get(best, 0) > max_bytes:
        continue
    have |= feats[best]
    kept.append(best)
    total += size.get(best, 0)
for i in kept:
    print(names[i])

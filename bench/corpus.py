#!/usr/bin/env python3
"""bench/corpus.py OUT DOCS VERSIONS [--seed N] [--hugo HUGODIR]

A content folder in OUT of DOCS documents of VERSIONS versions each, in
statuut's layout (OUT/site.yaml, OUT/<slug>/<version>.md), for bench/scale.sh.
The bodies are statute-like Dutch: paragraphs and headings drawn from
content/kwaliteitsstatuut/1.0.md (footnotes, links and lists left out). Each
version is the one before with a few words changed and one paragraph moved;
1.0 .. VERSIONS-1 are vastgesteld, the last a concept. Deterministic: the same
arguments give the same bytes (random.Random(seed), no clock).

--hugo HUGODIR also writes the same bodies as HUGODIR/content/<slug>/<version>.md
with Hugo's front matter, for the peer build (bench/hugo/)."""
import argparse
import os
import random
import re

SOURCE = "content/kwaliteitsstatuut/1.0.md"


def source_blocks(path):
    """The statute's plain paragraphs and its headings' texts."""
    text = open(path, encoding="utf-8").read()
    body = text.split("\n---\n", 1)[1]
    paragraphs, headings = [], []
    for block in body.split("\n\n"):
        block = block.strip()
        if not block:
            continue
        if block.startswith("#"):
            title = block.lstrip("#").strip()
            title = re.sub(r"^[0-9.]+\s*", "", re.sub(r"\[\^[^\]]*\]", "", title))
            if title and "\n" not in title and title.lower() not in (h.lower() for h in headings):
                headings.append(title[:1].upper() + title[1:].lower())
            continue
        if re.match(r"^([-*>|<\[]|[0-9]+\.|\*\*)", block) or "](" in block or "\\" in block:
            continue
        block = re.sub(r"\[\^[^\]]*\]", "", block)
        if "\n" in block or "*" in block or "_" in block or "`" in block:
            continue
        if len(block.split()) >= 25:
            paragraphs.append(block)
    return paragraphs, headings


def first_version(rng, paragraphs, headings):
    """A document as a list of blocks: ("h", text) or ("p", text)."""
    blocks = []
    for s, heading in enumerate(rng.sample(headings, 6), 1):
        blocks.append(("h", "%d. %s" % (s, heading)))
        for _ in range(rng.randint(3, 5)):
            blocks.append(("p", rng.choice(paragraphs)))
    return blocks


def next_version(rng, blocks, vocabulary):
    """A few word edits and one moved paragraph."""
    blocks = list(blocks)
    body = [i for i, b in enumerate(blocks) if b[0] == "p"]
    for _ in range(3):
        i = rng.choice(body)
        words = blocks[i][1].split(" ")
        w = rng.randrange(len(words))
        words[w] = rng.choice(vocabulary)
        blocks[i] = ("p", " ".join(words))
    i = rng.choice(body)
    moved = blocks.pop(i)
    j = rng.randrange(1, len(blocks) + 1)
    blocks.insert(j, moved)
    return blocks


def markdown(blocks):
    return "".join(("# " + t if k == "h" else t) + "\n\n" for k, t in blocks)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("docs", type=int)
    ap.add_argument("versions", type=int)
    ap.add_argument("--seed", type=int, default=16)
    ap.add_argument("--hugo")
    a = ap.parse_args()
    paragraphs, headings = source_blocks(SOURCE)
    vocabulary = sorted({w for p in paragraphs for w in p.split() if w.isalpha() and len(w) > 3})
    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, "site.yaml"), "w", encoding="utf-8") as f:
        f.write('title: "Benchmark"\nbase_url: "https://example.org/bench/"\n')
    for d in range(1, a.docs + 1):
        rng = random.Random(a.seed * 100003 + d)
        slug = "document-%03d" % d
        title = "Document %d: %s" % (d, rng.choice(headings))
        blocks = first_version(rng, paragraphs, headings)
        for v in range(1, a.versions + 1):
            if v > 1:
                blocks = next_version(rng, blocks, vocabulary)
            version = "%d.0" % v
            status = "concept" if v == a.versions else "vastgesteld"
            date = "2023-%02d-%02d" % ((v - 1) // 28 + 1, (v - 1) % 28 + 1)
            body = markdown(blocks)
            front = (
                '---\ntitle: "%s"\nversion: "%s"\ndate: %s\nstatus: %s\nsummary: "Versie %s."\n---\n\n'
                % (title, version, date, status, version)
            )
            os.makedirs(os.path.join(a.out, slug), exist_ok=True)
            with open(os.path.join(a.out, slug, version + ".md"), "w", encoding="utf-8") as f:
                f.write(front + body)
            if a.hugo:
                hdir = os.path.join(a.hugo, "content", slug)
                os.makedirs(hdir, exist_ok=True)
                with open(os.path.join(hdir, version + ".md"), "w", encoding="utf-8") as f:
                    f.write(
                        '---\ntitle: "%s (versie %s)"\ndate: %s\n---\n\n' % (title, version, date) + body
                    )


if __name__ == "__main__":
    main()

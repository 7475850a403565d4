#!/usr/bin/env python3
"""The PDF/UA-1 points a machine can check, on the JSON of `qpdf --json`
(with --json-stream-data=inline --decode-level=generalized): prints
"ok - ..." or "FAIL - ..." per point, as tests/e2e/lib.sh does.

usage: pdfua.py FILE.json [--redline] [--short] [--title TITLE]
"""
import base64
import json
import re
import sys

args = sys.argv[1:]
redline = "--redline" in args
short = "--short" in args  # a document too short for a paragraph to cross a page
title = args[args.index("--title") + 1] if "--title" in args else None
doc = json.load(open(args[0]))
objs = doc["qpdf"][1]
failed = False


def report(name, good, detail=""):
    global failed
    if good:
        print("ok - " + name)
    else:
        failed = True
        print("FAIL - " + name)
        if detail:
            print("    " + str(detail)[:1500])


def obj(ref):
    """The value of an object (a reference is resolved), or a stream's dict."""
    if isinstance(ref, str) and ref.endswith(" R"):
        o = objs.get("obj:" + ref, {})
        return o.get("value", o.get("stream", {}).get("dict"))
    return ref


def stream_data(ref):
    return base64.b64decode(objs["obj:" + ref]["stream"]["data"])


def text(v):
    """A PDF string of qpdf's JSON ("u:..." or "b:...") as text."""
    v = obj(v)
    if not isinstance(v, str):
        return None
    if v.startswith("u:"):
        return v[2:]
    if v.startswith("b:"):
        b = bytes.fromhex(v[2:])
        return b[2:].decode("utf-16-be") if b[:2] == b"\xfe\xff" else b.decode("latin-1")
    return v


trailer = objs["trailer"]["value"]
root = obj(trailer["/Root"])
info = obj(trailer.get("/Info", {})) or {}

# -- the document ------------------------------------------------------------
report("the catalog's /Lang is nl-NL", text(root.get("/Lang")) == "nl-NL", root.get("/Lang"))
vp = obj(root.get("/ViewerPreferences", {})) or {}
report("ViewerPreferences /DisplayDocTitle true", vp.get("/DisplayDocTitle") is True, vp)
report("the trailer has an /ID", isinstance(trailer.get("/ID"), list) and len(trailer["/ID"]) == 2)
report("MarkInfo /Marked true", (obj(root.get("/MarkInfo", {})) or {}).get("/Marked") is True)
meta = root.get("/Metadata")
xmp = stream_data(meta).decode("utf-8") if meta else ""
report("XMP metadata with pdfuaid:part 1", "<pdfuaid:part>1</pdfuaid:part>" in xmp, xmp[:300])
report("XMP dc:language nl-NL", re.search(r"<dc:language>.*nl-NL.*</dc:language>", xmp, re.S) is not None)
info_title = text(info.get("/Title"))
m = re.search(r"<dc:title>.*?<rdf:li[^>]*>(.*?)</rdf:li>", xmp, re.S)
xmp_title = m.group(1).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">") if m else None
report("XMP dc:title is the Info title", xmp_title is not None and xmp_title == info_title,
       (xmp_title, info_title))
if title:
    report("the title is " + title, info_title == title, info_title)

# -- the pages -----------------------------------------------------------------
pages = []
stack = [root["/Pages"]]
while stack:
    ref = stack.pop()
    node = obj(ref)
    if node.get("/Type") == "/Page":
        pages.append(ref)
    else:
        stack.extend(reversed(node.get("/Kids", [])))
report("every page has /Tabs /S", all(obj(p).get("/Tabs") == "/S" for p in pages))

# Every operator that paints is inside marked content: tagged (BDC with an
# MCID) or an Artifact. A tokenizer of content streams, enough for cairo's.
TOKEN = re.compile(rb"\s*(?:(\()|(<<|>>|\[|\])|(<[0-9A-Fa-f\s]*>)|(/[^\s/\[\]()<>{}%]*)|"
                   rb"([-+]?[0-9.]+)|([A-Za-z'\"*][A-Za-z0-9'\"*]*)|(%[^\n]*))")
PAINT = {b"Tj", b"TJ", b"'", b'"', b"f", b"F", b"f*", b"S", b"s", b"B", b"B*", b"b", b"b*",
         b"Do", b"sh", b"EI"}


def operators(data):
    """(operator, operands) of a content stream."""
    i, n, ops = 0, len(data), []
    while i < n:
        m = TOKEN.match(data, i)
        if not m or m.end() == i:
            i += 1
            continue
        if m.group(1):  # a string: balanced parentheses, backslash escapes
            depth, j = 1, m.end()
            while j < n and depth:
                c = data[j:j + 1]
                if c == b"\\":
                    j += 1
                elif c == b"(":
                    depth += 1
                elif c == b")":
                    depth -= 1
                j += 1
            ops.append(("operand", b"()"))
            i = j
            continue
        i = m.end()
        if m.group(6):
            ops.append(("op", m.group(6)))
        elif m.group(7):
            continue
        else:
            ops.append(("operand", m.group(0).strip()))
    out, operands = [], []
    for kind, tok in ops:
        if kind == "op":
            out.append((tok, operands))
            operands = []
        else:
            operands.append(tok)
    return out


mcids_in_content = {}  # page ref -> set of MCIDs
untagged, artifacts = [], 0
for p in pages:
    contents = obj(p).get("/Contents")
    refs = contents if isinstance(contents, list) else [contents]
    data = b"".join(stream_data(r) for r in refs)
    depth, seen = [], set()
    for op, operands in operators(data):
        if op == b"BDC":
            m = re.search(rb"/MCID\s+(\d+)", b" ".join(operands))
            depth.append(int(m.group(1)) if m else None)
            if m:
                seen.add(int(m.group(1)))
        elif op == b"BMC":
            depth.append("artifact" if operands and operands[0] == b"/Artifact" else None)
            artifacts += operands[:1] == [b"/Artifact"]
        elif op == b"EMC":
            if depth:
                depth.pop()
        elif op in PAINT and not any(d is not None for d in depth):
            untagged.append((pages.index(p) + 1, op))
    mcids_in_content[p] = seen
report("all content is tagged or an artifact", not untagged, untagged[:10])
report("running heads and feet are artifacts", artifacts >= len(pages), artifacts)

# -- the structure tree ----------------------------------------------------------
tree = obj(root["/StructTreeRoot"])
kids = tree["/K"] if isinstance(tree["/K"], list) else [tree["/K"]]
report("one Document at the root", len(kids) == 1 and obj(kids[0]).get("/S") == "/Document",
       [obj(k).get("/S") for k in kids])

STANDARD = set("Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct P H H1 H2 "
               "H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote Note "
               "Reference BibEntry Code Link Annot Figure Formula Form".split())
elems, order = {}, []  # ref -> (type, parent), pre-order
parent_of_mcid = {}  # (page, mcid) -> element ref, from the tree
objr_of = {}  # annotation ref -> element ref
stack = [(k, None) for k in reversed(kids)]
while stack:
    ref, parent = stack.pop()
    e = obj(ref)
    elems[ref] = (e.get("/S", "")[1:], parent)
    order.append(ref)
    ks = e.get("/K", [])
    ks = ks if isinstance(ks, list) else [ks]
    sub = []
    for k in ks:
        if isinstance(k, int):
            parent_of_mcid[(e.get("/Pg"), k)] = ref
        elif isinstance(k, str):
            sub.append(k)
        elif isinstance(k, dict) and k.get("/Type") == "/MCR":
            parent_of_mcid[(k.get("/Pg", e.get("/Pg")), k["/MCID"])] = ref
        elif isinstance(k, dict) and k.get("/Type") == "/OBJR":
            objr_of[k["/Obj"]] = ref
    stack.extend((k, ref) for k in reversed(sub))
# Plain text is one element from line to line: a Span of it goes on where
# the line breaks. Two plain Spans in a row on one page remain where
# something is tagged between two lines (a note, a destination, a change
# bar, a line number: a fifth of them in a numbered redline); a Span per
# line puts nearly half of them in a row.
def plain_span(ref):
    e = obj(ref)
    return isinstance(e, dict) and e.get("/S") == "/Span" and "/ActualText" not in e
split, plain = [], 0
for ref in order:
    ks = obj(ref).get("/K", [])
    ks = [k for k in (ks if isinstance(ks, list) else [ks]) if isinstance(k, str)]
    plain += sum(1 for k in ks if plain_span(k))
    for a, b in zip(ks, ks[1:]):
        if plain_span(a) and plain_span(b) and obj(a).get("/Pg") == obj(b).get("/Pg"):
            split.append((ref, a, b))
report("plain text is not a Span per line (%d of %d plain Spans follow another)"
       % (len(split), plain), len(split) * 3 <= plain, split[:5])
types = [t for t, _ in elems.values()]
bad = sorted(set(t for t in types if t not in STANDARD))
report("every element is of a standard type (no Private left)", not bad, bad)

notes = [r for r in order if elems[r][0] == "Note"]
no_id = [r for r in notes if not text(obj(r).get("/ID"))]
report("every Note has an /ID (%d notes)" % len(notes), not no_id, no_id[:5])
ids = [text(obj(r).get("/ID")) for r in notes]
report("the Notes' IDs are unique", len(set(ids)) == len(ids))
figs = [r for r in order if elems[r][0] == "Figure"]
report("every Figure has an /Alt (%d)" % len(figs), all(text(obj(r).get("/Alt")) for r in figs))
ths = [r for r in order if elems[r][0] == "TH"]
report("every TH has a /Scope (%d)" % len(ths),
       all((obj(obj(r).get("/A", {})) or {}).get("/Scope") in ("/Column", "/Row", "/Both") for r in ths))
bad_li = [r for r in order if elems[r][0] == "LI" and elems[elems[r][1]][0] != "L"]
bad_lbl = [r for r in order if elems[r][0] in ("Lbl", "LBody") and elems[elems[r][1]][0] not in ("LI", "Note", "TOCI")]
report("list items are in lists, labels and bodies in items", not bad_li and not bad_lbl,
       (bad_li[:3], bad_lbl[:3]))

levels = [int(t[1]) for t in (elems[r][0] for r in order) if re.fullmatch(r"H[1-6]", t)]
skips = [(a, b) for a, b in zip(levels, levels[1:]) if b > a + 1]
report("the first heading is an H1", levels[:1] == [1], levels[:5])
report("heading levels do not skip in the tags", not skips, skips[:5])

# The parent tree and the content agree: every marked-content id is in the
# tree, under the element the parent tree names.
nums = obj(obj(tree["/ParentTree"]).get("/Nums", []))
ptree = {nums[i]: nums[i + 1] for i in range(0, len(nums), 2)}
missing, wrong = [], []
for p in pages:
    key = obj(p).get("/StructParents")
    arr = obj(ptree.get(key, [])) if key is not None else []
    for mcid in sorted(mcids_in_content[p]):
        owner = parent_of_mcid.get((p, mcid))
        if owner is None:
            missing.append((pages.index(p) + 1, mcid))
        elif not isinstance(arr, list) or mcid >= len(arr) or arr[mcid] != owner:
            wrong.append((pages.index(p) + 1, mcid))
report("every marked-content id belongs to an element", not missing, missing[:10])
report("the parent tree names each id's element", not wrong, wrong[:10])

# Links: /Contents, and in the structure tree as Link -> OBJR.
links = [a for p in pages for a in (obj(obj(p).get("/Annots", [])) or [])
         if obj(a).get("/Subtype") == "/Link"]
no_contents = [a for a in links if not text(obj(a).get("/Contents"))]
report("there are links (%d)" % len(links), len(links) > 0)
report("every link annotation has /Contents", not no_contents, no_contents[:5])
not_in_tree = [a for a in links if elems.get(objr_of.get(a), ("",))[0] != "Link"]
report("every link annotation is in a Link element (OBJR)", not not_in_tree, not_in_tree[:5])
sp_wrong = [a for a in links if ptree.get(obj(a).get("/StructParent")) != objr_of.get(a)]
report("the parent tree names each link's element", not sp_wrong, sp_wrong[:5])

# One element per block across page breaks: paragraphs whose content is on
# two pages exist, and every note is one element (a piece of a note on the
# next page has no Lbl of its own: it joined its note).
pages_of = {}
for (pg, mcid), ref in parent_of_mcid.items():
    r = ref
    while r is not None:
        pages_of.setdefault(r, set()).add(pg)
        r = elems[r][1]
cross = [r for r in order if elems[r][0] == "P" and len(pages_of.get(r, ())) > 1]
if not short:
    report("paragraphs broken across pages are one element (%d)" % len(cross), len(cross) > 0)
lone = [r for r in order if elems[r][0] == "Note"
        and not any(elems[c][0] == "Lbl" for c in order if elems[c][1] == r)]
report("every note is one element with its number", not lone, lone[:5])

if redline:
    spans = [text(obj(r).get("/ActualText")) for r in order if elems[r][0] == "Span"
             and obj(r).get("/ActualText") is not None]
    report("deleted runs are Spans with ActualText \"verwijderd: ...\"",
           any(s.startswith("verwijderd: ") for s in spans), spans[:5])
    report("inserted runs are Spans with ActualText \"ingevoegd: ...\"",
           any(s.startswith("ingevoegd: ") for s in spans), spans[:5])
    print("# spans: " + " | ".join(spans[:8]))
sys.exit(1 if failed else 0)

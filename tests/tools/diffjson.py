#!/usr/bin/env python3
"""Checks diff JSON files (statuut diff --format json) against
schema/diff.schema.json and the rules the schema cannot say: the edits of a
change add up to its texts, and every span lies inside its text. Prints one
line per problem; exits 1 when there is any."""
import json
import sys

import jsonschema


def check(path, validator):
    problems = []
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    for e in validator.iter_errors(data):
        problems.append("%s: %s at %s" % (path, e.message, "/".join(map(str, e.absolute_path))))
    for ch in data.get("changes", []):
        where = "%s: change %s" % (path, ch.get("id"))
        for side in ("old", "new"):
            text = ch.get(side + "_text")
            for sp in ch.get(side + "_spans", []):
                if text is None or not 0 <= sp["start"] < sp["end"] <= len(text):
                    problems.append("%s: %s_spans %s outside the text" % (where, side, sp))
        edits = ch.get("edits")
        if edits is None:
            continue
        new = "".join(e["text"] for e in edits if e["op"] in ("equal", "insert"))
        old = "".join(e["text"] for e in edits if e["op"] in ("equal", "delete"))
        if new != ch["new_text"]:
            problems.append("%s: equal + insert edits %r are not new_text %r" % (where, new, ch["new_text"]))
        if old != ch["old_text"]:
            problems.append("%s: equal + delete edits %r are not old_text %r" % (where, old, ch["old_text"]))
        for e in edits:
            for sp in e.get("spans", []):
                if not 0 <= sp["start"] < sp["end"] <= len(e["text"]):
                    problems.append("%s: span %s outside its edit %r" % (where, sp, e["text"]))
            if e.get("restyle", 0) > len(ch.get("restyles", [])):
                problems.append("%s: restyle %d of %d" % (where, e["restyle"], len(ch.get("restyles", []))))
    return problems


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    problems = []
    for path in sys.argv[2:]:
        problems += check(path, validator)
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

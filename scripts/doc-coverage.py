#!/usr/bin/env python3
"""Fails when a public symbol of the Preflight module has no doc comment.

Reads the symbol graphs that scripts/docs.sh emits (Preflight.symbols.json, and Preflight@Other.symbols.json for
extensions of other modules' types) and lists every public or open symbol *declared in this package's source* that
carries no doc comment of its own, as file:line, then exits 1. Prints how many symbols it checked and how many fail.
    python3 scripts/doc-coverage.py .build-docs/symbol-graphs

What is not ours to document is told apart by the graph's own data, not by a list of names:
  * a symbol without a `location` has no declaration in our source: the compiler synthesised it (Codable's
    init(from:)/encode(to:), a raw enum's init(rawValue:), Equatable/Hashable's ==, hash(into:), hashValue) or it is
    inherited from a protocol extension in another module (the stdlib's !=, Comparable's <=, ..., Foundation's
    localizedDescription). DocC shows those with their own module's docs, or none.
  * a symbol whose location is outside this package (a `::SYNTHESIZED::` copy of another module's declaration).
A member inherited from a protocol extension in Preflight itself is a `::SYNTHESIZED::` copy located at our
declaration: it counts as documented when that declaration is, and an undocumented one is listed once, at its source.
A doc comment only counts when it is written in our source (its `uri` is one of our files) and is not blank: a
declaration that merely inherits another module's requirement docs (e.g. a `description`) still needs its own.
"""
import glob
import json
import os
import sys
from urllib.parse import unquote, urlparse

MODULE = "Preflight"


def path_of(uri):
    return unquote(urlparse(uri).path) if uri else None


def main():
    graphs_dir = sys.argv[1] if len(sys.argv) > 1 else ".build-docs/symbol-graphs"
    root = os.path.realpath(sys.argv[2] if len(sys.argv) > 2 else os.getcwd())
    files = sorted(glob.glob(os.path.join(graphs_dir, f"{MODULE}.symbols.json"))
                   + glob.glob(os.path.join(graphs_dir, f"{MODULE}@*.symbols.json")))
    if not files:
        print(f"doc-coverage: no {MODULE} symbol graph in {graphs_dir}", file=sys.stderr)
        return 2

    checked, missing, seen = 0, {}, set()
    for graph_file in files:
        with open(graph_file, encoding="utf-8") as handle:
            graph = json.load(handle)
        for symbol in graph["symbols"]:
            if symbol.get("accessLevel") not in ("public", "open"):
                continue
            location = symbol.get("location")
            source = path_of(location and location.get("uri"))
            if not source or not os.path.realpath(source).startswith(root + os.sep):
                continue  # implicit, or another module's declaration: not ours to document
            line = location["position"]["line"] + 1  # the graph counts lines from 0
            key = (source, line, symbol["names"]["title"])
            if key in seen:
                continue  # a synthesised copy of a declaration already counted
            seen.add(key)
            checked += 1
            doc = symbol.get("docComment") or {}
            doc_source = path_of(doc.get("uri"))
            own = doc_source is not None and os.path.realpath(doc_source).startswith(root + os.sep)
            if own and any(entry.get("text", "").strip() for entry in doc.get("lines", [])):
                continue
            where = os.path.relpath(source, root)
            title = ".".join(symbol.get("pathComponents") or [symbol["names"]["title"]])
            missing[(where, line, title)] = symbol["kind"]["displayName"].lower()

    for (where, line, title), kind in sorted(missing.items()):
        print(f"{where}:{line}: undocumented public {kind} {title}")
    print(f"doc-coverage: {checked} public symbols declared in {MODULE}'s source checked, "
          f"{len(missing)} without a doc comment")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env bash
# Builds the DocC documentation of the Preflight library (Sources/Preflight/Preflight.docc and the doc comments)
# with the toolchain's own docc, as `swift package generate-documentation` would: the library's public symbol graph,
# then `docc convert --warnings-as-errors` (a broken link or article fails). Prints docc's coverage summary: how
# many public symbols carry documentation (docc counts the compiler-synthesised ones too), then fails when a public
# symbol declared in our source has no doc comment (scripts/doc-coverage.py lists each, file:line).
# Output: .build-docs/Preflight.doccarchive
#   bash scripts/docs.sh
set -euo pipefail
cd "$(dirname "$0")/.."
scratch="$PWD/.build-docs"
graphs="$scratch/symbol-graphs"
# Not emptied first: swift build writes the graphs only when it compiles the module, so after a no-op build the
# previous ones (of the same sources) are the current ones.
mkdir -p "$graphs"
swift build --target Preflight --scratch-path "$scratch" \
  -Xswiftc -emit-symbol-graph -Xswiftc -emit-symbol-graph-dir -Xswiftc "$graphs" -Xswiftc -symbol-graph-minimum-access-level -Xswiftc public
# Only the library's own graphs (dependencies write theirs too).
find "$graphs" -type f ! -name 'Preflight.symbols.json' ! -name 'Preflight@*.symbols.json' -delete
docc="$(dirname "$(readlink -f "$(command -v swift)")")/docc"
"$docc" convert Sources/Preflight/Preflight.docc --additional-symbol-graph-dir "$graphs" \
  --fallback-display-name Preflight --fallback-bundle-identifier preflight.Preflight --fallback-default-module-kind library \
  --output-path "$scratch/Preflight.doccarchive" --warnings-as-errors \
  --experimental-documentation-coverage --coverage-summary-level brief
# Every public symbol we declare is documented (issue 14): exits 1 and lists the ones that are not.
python3 scripts/doc-coverage.py "$graphs" "$PWD"

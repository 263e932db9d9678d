#!/usr/bin/env bash
# Builds the consumer package Examples/PreflightExample (a path dependency on this package, `import Preflight`
# only) and runs it on testmedia/: probe, check with a custom rule in a custom profile, a cancelled and a
# finished prepare, verify, all through the async entry points. Run by `make test`.
set -euo pipefail
cd "$(dirname "$0")/.."
scratch="$PWD/.build-example"
# SwiftPM keeps the path dependency's file list in the build description and does not notice files added to or
# moved in it ("missing inputs"): plan again each time (cheap; compiled objects stay).
rm -f "$scratch"/*/debug/description.json
swift build --package-path Examples/PreflightExample --scratch-path "$scratch"
# The face and speech models live in libPreflightContent.so (and its AVX2 build, opened on CPUs that have
# AVX2 and FMA), looked for beside the executable.
swift build --package-path Examples/PreflightExample --scratch-path "$scratch" --product PreflightContent
swift build --package-path Examples/PreflightExample --scratch-path "$scratch" --product PreflightContentAVX2
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$scratch/debug/PreflightExample" testmedia/face_talk.mp4 testmedia/speech_real.flac "$work"
echo "example: ok"

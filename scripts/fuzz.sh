#!/usr/bin/env bash
# Fuzzes preflight's probe (--exact: demux, every packet, every frame decoded) and check (audio decode,
# resampling, loudness, first/last pictures) with libFuzzer, AddressSanitizer and LeakSanitizer.
#
#   bash scripts/fuzz.sh [SECONDS] [--jobs N]   fuzz for SECONDS of wall time (default 600) on N processes
#                                               (default: cores); CPU time is about SECONDS x N
#   bash scripts/fuzz.sh --smoke                 the short run CI does: 30 s on one process, fixed seed
#
# Seeds: every media file in testmedia/ (including testmedia/fuzz/, the inputs that once crashed), first
# 64 KiB. The growing corpus lives in .build-fuzz/corpus and is reused by the next run. A crash, hang, leak
# or out-of-memory stops the run, is saved under .build-fuzz/artifacts/ and makes this script exit 1; copy it
# to testmedia/fuzz/ with a name saying what it broke, so the regression test (FuzzRegressionTests) and
# every later seed corpus replay it.
#
# How it is built: swiftc names any Swift entry point `LLVMFuzzerTestOneInput` under -sanitize=fuzzer, so the
# fuzz target is a library (Fuzz/PreflightFuzzing) compiled by SwiftPM with -sanitize=fuzzer,address and
# linked here with lld and libFuzzer's own main. The Debian FFmpeg libraries are not instrumented: coverage
# counts preflight's Swift code, while ASan still sees every allocation libav makes through malloc.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=600
jobs=$(nproc)
seed=()
usage() { echo "usage: scripts/fuzz.sh [SECONDS] [--jobs N] | --smoke" >&2; exit 64; }
while (($#)); do
  case "$1" in
    --smoke) seconds=30; jobs=1; seed=(-seed=1) ;;
    --jobs) [[ "${2:-}" =~ ^[1-9][0-9]*$ ]] || usage; jobs="$2"; shift ;;
    *) [[ "$1" =~ ^[1-9][0-9]*$ ]] || usage; seconds="$1" ;;
  esac
  shift
done

scratch=.build-fuzz
echo "== fuzz: building the libFuzzer target (release, -sanitize=fuzzer,address)"
swift build -c release --target PreflightFuzzing --scratch-path "$scratch" -Xswiftc -sanitize=fuzzer,address \
  > "$scratch.build.log" 2>&1 || { tail -30 "$scratch.build.log"; echo "fuzz: build failed (log: $scratch.build.log)"; exit 1; }
# check's face and speech code is opened at run time from libPreflightContent.so beside the executable, or
# from its AVX2 build on a CPU that has AVX2 and FMA (the code such users run): both are built and linked there.
for product in PreflightContent PreflightContentAVX2; do
  swift build -c release --product "$product" --scratch-path "$scratch" -Xswiftc -sanitize=fuzzer,address \
    >> "$scratch.build.log" 2>&1 || { tail -30 "$scratch.build.log"; echo "fuzz: build failed (log: $scratch.build.log)"; exit 1; }
done
bin_dir="$scratch/release"
# The objects SwiftPM's output-file maps name for this build (stale objects of deleted sources are not linked),
# plus the C parts (Yams' CYaml, preflight's own C targets). The modules are PreflightFuzzing and what it
# depends on (Package.swift; Mustache renders check's HTML report).
objects=()
for module in PreflightFuzzing Preflight MediaIO Yams Mustache; do
  while IFS= read -r o; do [[ -f "$o" ]] && objects+=("$o"); done \
    < <(grep -o '"object" *: *"[^"]*"' "$bin_dir/$module.build/output-file-map.json" | sed 's/.*: *"//; s/"$//')
done
for module in CYaml CLibavLog CSignalCleanup CFileWriteback CSignalKernels CContentLibrary; do
  while IFS= read -r o; do objects+=("$o"); done < <(find "$bin_dir/$module.build" -name '*.c.o' -o -name '*.cpp.o')
done
fuzzer="$scratch/preflight-fuzz"
# shellcheck disable=SC2046
swiftc -sanitize=fuzzer,address -use-ld=lld -emit-executable -o "$fuzzer" "${objects[@]}" \
  $(pkg-config --libs libavformat libavcodec libavutil libswresample libswscale libebur128 webrtc-audio-processing) \
  -lstdc++ 2> "$scratch.link.log" \
  || { grep -v "Cannot export local symbol" "$scratch.link.log" | tail -30; echo "fuzz: link failed"; exit 1; }
ln -sf release/libPreflightContent.so "$scratch/libPreflightContent.so"
ln -sf release/libPreflightContentAVX2.so "$scratch/libPreflightContentAVX2.so"

seeds="$scratch/seeds"
rm -rf "$seeds"; mkdir -p "$seeds" "$scratch/corpus" "$scratch/artifacts"
for f in testmedia/*.* testmedia/fuzz/*; do
  [[ -f "$f" ]] || continue
  case "$f" in *.json|*.md|*.sh) continue ;; esac
  head -c 65536 "$f" > "$seeds/$(basename "$f")"
done

logs="$scratch/logs"
rm -rf "$logs"; mkdir -p "$logs"
echo "== fuzz: $seconds s on $jobs process(es), $(ls "$seeds" | wc -l) seeds, corpus $(ls "$scratch/corpus" | wc -l) inputs"
# Swift's backtracer would hold the crashing process open; libFuzzer and ASan report crashes themselves.
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=1:allocator_may_return_null=1"
status=0
"$fuzzer" "${seed[@]}" -fork="$jobs" -ignore_crashes=0 -ignore_timeouts=0 -ignore_ooms=0 -max_total_time="$seconds" -timeout=60 -rss_limit_mb=4096 \
  -max_len=65536 -print_final_stats=1 -artifact_prefix="$scratch/artifacts/" \
  "$scratch/corpus" "$seeds" > "$logs/fuzz.log" 2>&1 || status=$?

grep -E "^#[0-9]+: cov:|INFO: fuzzed for|stat::|ERROR:|SUMMARY:" "$logs/fuzz.log" | tail -8 || true
# Findings only: libFuzzer also drops slow-unit-* files there, which are not failures.
artifacts=$(find "$scratch/artifacts" -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) \
  -newer "$fuzzer" | sort)
if [[ $status -ne 0 || -n "$artifacts" ]]; then
  echo "fuzz: FAILED (exit $status; log: $logs/fuzz.log)"
  for a in $artifacts; do echo "  reproducer: $a  (replay: swift run PreflightFuzzReplay $a)"; done
  exit 1
fi
echo "fuzz: no crash, hang, leak or OOM in $seconds s x $jobs (log: $logs/fuzz.log)"

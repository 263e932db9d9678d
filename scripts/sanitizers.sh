#!/usr/bin/env bash
# Runs the whole test suite under AddressSanitizer (+LeakSanitizer) and ThreadSanitizer, then valgrind
# over every CLI verb on testmedia/. Each step prints its verdict; the script exits non-zero if any fails.
# Fuzzing (libFuzzer + ASan/LSan over probe and check) is scripts/fuzz.sh.
#   bash scripts/sanitizers.sh            # all three
#   bash scripts/sanitizers.sh asan|tsan|valgrind
set -uo pipefail
cd "$(dirname "$0")/.."
supp="$PWD/scripts/lsan.supp"
what="${1:-all}"
status=0

if [[ "$what" == all || "$what" == asan ]]; then
  echo "== ASan + LSan: swift test --sanitize=address"
  LSAN_OPTIONS="suppressions=$supp:print_suppressions=0" swift test --sanitize=address --scratch-path .build-asan \
    > .build-asan.log 2>&1 && echo "ASan: clean (log: .build-asan.log)" || { echo "ASan: FAILED (log: .build-asan.log)"; status=1; }
fi

if [[ "$what" == all || "$what" == tsan ]]; then
  echo "== TSan: swift test --sanitize=thread"
  swift test --sanitize=thread --scratch-path .build-tsan > .build-tsan.log 2>&1 \
    && ! grep -q "WARNING: ThreadSanitizer" .build-tsan.log \
    && echo "TSan: clean (log: .build-tsan.log)" || { echo "TSan: FAILED (log: .build-tsan.log)"; status=1; }
fi

if [[ "$what" == all || "$what" == valgrind ]]; then
  echo "== valgrind: every verb on testmedia (definite leaks and memory errors)"
  swift build >/dev/null 2>&1 || { echo "build failed"; exit 1; }
  # valgrind cannot read the DWARF 5 of these builds: run a copy without debug info.
  bin=$(mktemp); strip -g -o "$bin" .build/debug/preflight
  out=$(mktemp -d)
  run() {
    if valgrind -q --leak-check=full --errors-for-leak-kinds=definite --error-exitcode=99 "$bin" "$@" >/dev/null 2>"$out/vg.txt"; [[ $? -eq 99 ]]; then
      echo "valgrind: FAILED: preflight $*"; cat "$out/vg.txt"; status=1
    else
      echo "valgrind: clean: preflight $1 ..."
    fi
  }
  run probe --exact testmedia/*.*
  run check --video testmedia/h264_aac.mp4 --audio testmedia/speech_8s.flac --sync-mode cut_off --format junit
  run prepare testmedia/h264_aac.mp4 -o "$out/p.wav"
  run verify testmedia/h264_aac.mp4 --video testmedia/h264_aac.mp4 --audio testmedia/speech_48k.wav --sync-mode cut_off
  run batch testmedia -o "$out/r.jsonl" --junit "$out/r.xml" --html "$out/r.html"
  rm -rf "$bin" "$out"
fi
exit $status

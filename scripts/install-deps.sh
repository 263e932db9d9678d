#!/usr/bin/env bash
# Installs the Debian packages preflight builds against (and the ffmpeg CLI the tests and benchmarks
# use as an oracle), only when something is missing. Safe to run again.
set -euo pipefail
pkgs=(pkg-config libavformat-dev libavcodec-dev libavutil-dev libswresample-dev libavfilter-dev libswscale-dev
      libebur128-dev libdlib-dev libdlib-data libwebrtc-audio-processing-dev libopencv-dnn-dev ffmpeg
      python3)   # python3: scripts/doc-coverage.py, the documentation check
missing=()
for p in "${pkgs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
command -v swift >/dev/null || { echo "swift 6.x toolchain not on PATH" >&2; exit 1; }

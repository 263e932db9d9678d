#!/usr/bin/env bash
# Cost of the face content pass (issue 11): `check --video V` (content fast, the default) against
# `check --content off` and a full decode `ffmpeg -v error -i V -f null -`, on a 5-minute 720p talking
# head, and peak RSS at 1, 5 and 30 minutes. Standalone, separate from run.sh so it stays quick.
#
#   PREFLIGHT_BIN=.build/release/preflight FACES_DIR=/work/scratch/faces bash bench/faces.sh
#
# The talking head is face_2.mp4 of OpenTalker/video-retalking's demo media (see testmedia/README.md),
# played forward and back (bounce) to 5 minutes, scaled to 720 px high and padded to 1280x720, libx264; the 1- and 30-minute files
# are stream copies of it (cut, concatenated), so every length has the same content.
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WORK="$BENCH_DIR/.work/faces"
PREFLIGHT="${PREFLIGHT_BIN:-$BENCH_DIR/../.build/release/preflight}"
FACES_DIR="${FACES_DIR:-/work/scratch/faces}"
RUNS="${BENCH_RUNS:-3}"
mkdir -p "$WORK"
V5="$WORK/talk_720p_5min.mp4"; V1="$WORK/talk_720p_1min.mp4"; V30="$WORK/talk_720p_30min.mp4"
if [[ ! -f "$V5" ]]; then
  # 10 s of bounce (5 s forward, 5 s back) encoded once, then stream-copied 30 times: every 10 s starts
  # with a keyframe, as libx264's default keyint (250 frames) would place them anyway.
  ffmpeg -nostdin -v error -y -i "$FACES_DIR/face_2.mp4" -filter_complex \
    "[0:v]fps=25,trim=0:5,setpts=PTS-STARTPTS,split[a][b];[b]reverse[r];[a][r]concat=n=2:v=1,scale=-2:720,pad=1280:720:(ow-iw)/2:0,setsar=1[v]" \
    -map "[v]" -c:v libx264 -preset veryfast -crf 23 "$WORK/talk_720p_10s.mp4"
  for _ in $(seq 30); do echo "file '$WORK/talk_720p_10s.mp4'"; done > "$WORK/list10.txt"
  ffmpeg -nostdin -v error -y -f concat -safe 0 -i "$WORK/list10.txt" -c copy "$V5"
fi
[[ -f "$V1" ]] || ffmpeg -nostdin -v error -y -i "$V5" -t 60 -c copy "$V1"
if [[ ! -f "$V30" ]]; then
  for _ in 1 2 3 4 5 6; do echo "file '$V5'"; done > "$WORK/list.txt"
  ffmpeg -nostdin -v error -y -f concat -safe 0 -i "$WORK/list.txt" -c copy "$V30"
fi

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
timed() {  # median wall seconds of RUNS runs
  local t=()
  for _ in $(seq "$RUNS"); do
    local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s.%N)
    t+=("$(echo "$e - $s" | bc -l)")
  done
  median "${t[@]}"
}
rss() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }   # peak RSS, KB

decode=$(timed ffmpeg -nostdin -v error -i "$V5" -f null -)
off=$(timed "$PREFLIGHT" check --video "$V5" --content off --format json)
fast=$(timed "$PREFLIGHT" check --video "$V5" --format json)
printf 'face content pass, 5 min 1280x720 25 fps H.264 (%d runs, median wall s)\n' "$RUNS"
printf '  ffmpeg full decode        %6.2f s\n' "$decode"
printf '  check --content off       %6.2f s\n' "$off"
printf '  check (content fast)      %6.2f s   = %.2fx the full decode (target <= 0.3x), +%.2f s over off (target <= 2.5 s)\n' \
  "$fast" "$(echo "$fast / $decode" | bc -l)" "$(echo "$fast - $off" | bc -l)"
printf 'peak RSS of check (content fast): 1 min %s KB, 5 min %s KB, 30 min %s KB\n' \
  "$(rss "$PREFLIGHT" check --video "$V1" --format json)" "$(rss "$PREFLIGHT" check --video "$V5" --format json)" \
  "$(rss "$PREFLIGHT" check --video "$V30" --format json)"

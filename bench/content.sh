#!/usr/bin/env bash
# The content checks' budgets, measured in one run on a 5-minute 720p talking head with its own speech:
#   check (issue 11): content on (faces + speech, the default) ≤ 0.3x a full `ffmpeg -v error -i V -f null -`
#                     decode and ≤ 2.5 s over `--content off`; peak RSS flat from 1 to 30 minutes.
#   verify (issue 12): full verify with the lips ≤ 1.3x the full decode; --quick ≥ 10x faster than full.
#   check --format html (issue 15): the page under 1.5 MB, at most 0.5 s over the same check in JSON.
#
#   PREFLIGHT_BIN=.build-bench/release/preflight FACES_DIR=/work/scratch/faces bash bench/content.sh
#
# bench/run.sh calls it at its end. The talking head is face_2.mp4 of OpenTalker/video-retalking's demo
# media (testmedia/README.md): 5 s played forward then back (so the picture is continuous), scaled to
# 720 px high and padded to 1280x720, with face_2's own 5 s of speech twice per 10 s; the 10 s piece is
# encoded once (libx264 veryfast, AAC) and stream-copied to 1, 5 and 30 minutes, so every length has the
# same content. Prints median wall seconds of BENCH_RUNS runs (default 3) and PASS/FAIL per target.
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WORK="$BENCH_DIR/.work/content"
PREFLIGHT="${PREFLIGHT_BIN:-$BENCH_DIR/../.build-bench/release/preflight}"
FACES_DIR="${FACES_DIR:-/work/scratch/faces}"
RUNS="${BENCH_RUNS:-3}"
mkdir -p "$WORK"
[[ -f "$FACES_DIR/face_2.mp4" ]] || { echo "bench/content.sh: needs $FACES_DIR/face_2.mp4 (see testmedia/README.md)" >&2; exit 0; }
V5="$WORK/talk_720p_5min.mp4"; V1="$WORK/talk_720p_1min.mp4"; V30="$WORK/talk_720p_30min.mp4"
if [[ ! -f "$V5" ]]; then
  ffmpeg -nostdin -v error -y -i "$FACES_DIR/face_2.mp4" -filter_complex \
    "[0:v]fps=25,trim=0:5,setpts=PTS-STARTPTS,split[a][b];[b]reverse[r];[a][r]concat=n=2:v=1,scale=-2:720,pad=1280:720:(ow-iw)/2:0,setsar=1[v];[0:a]atrim=0:5,asetpts=N/SR/TB,aresample=48000,asplit[x][y];[x][y]concat=n=2:v=0:a=1[au]" \
    -map "[v]" -map "[au]" -c:v libx264 -preset veryfast -crf 23 -c:a aac -b:a 96k "$WORK/talk_720p_10s.mp4"
  for _ in $(seq 30); do echo "file '$WORK/talk_720p_10s.mp4'"; done > "$WORK/list10.txt"
  ffmpeg -nostdin -v error -y -f concat -safe 0 -i "$WORK/list10.txt" -c copy "$V5"
fi
[[ -f "$V1" ]] || ffmpeg -nostdin -v error -y -i "$V5" -t 60 -c copy "$V1"
if [[ ! -f "$V30" ]]; then
  for _ in 1 2 3 4 5 6; do echo "file '$V5'"; done > "$WORK/list.txt"
  ffmpeg -nostdin -v error -y -f concat -safe 0 -i "$WORK/list.txt" -c copy "$V30"
fi
cat "$V5" "$V1" > /dev/null

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
timed() {  # median wall seconds of RUNS runs
  local t=()
  for _ in $(seq "$RUNS"); do
    local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s.%N)
    t+=("$(echo "$e - $s" | bc -l)")
  done
  median "${t[@]}"
}
rss() { { /usr/bin/time -f %M "$@" 2>&1 >/dev/null || true; } | tail -1; }   # peak RSS, KB (verify exits 1 or 2 on findings)
pf() { if [[ "$(echo "$1" | bc -l)" == 1 ]]; then echo PASS; else echo FAIL; fi; }

"$PREFLIGHT" check --video "$V1" --format json >/dev/null 2>&1 || true   # page cache, model file
decode=$(timed ffmpeg -nostdin -v error -i "$V5" -f null -)
off=$(timed "$PREFLIGHT" check --video "$V5" --content off --format json)
fast=$(timed "$PREFLIGHT" check --video "$V5" --format json)
html=$(timed "$PREFLIGHT" check --video "$V5" --format html)
"$PREFLIGHT" check --video "$V5" --format html >"$WORK/check5.html" 2>/dev/null || true
html_kb=$(( $(stat -c %s "$WORK/check5.html") / 1024 ))
vfull=$(timed "$PREFLIGHT" verify "$V5" --video "$V5" --format json)
vquick=$(timed "$PREFLIGHT" verify "$V5" --video "$V5" --quick --format json)
voff=$(timed "$PREFLIGHT" verify "$V5" --video "$V5" --content off --format json)
r1=$(echo "$fast / $decode" | bc -l); d1=$(echo "$fast - $off" | bc -l)
r2=$(echo "$vfull / $decode" | bc -l); r3=$(echo "$vfull / $vquick" | bc -l)
printf 'content checks, 5 min 1280x720 25 fps H.264 + AAC talking head (%d runs, median wall s)\n' "$RUNS"
printf '  ffmpeg -f null (full decode)        %6.2f s\n' "$decode"
printf '  check --content off                 %6.2f s\n' "$off"
printf '  check (content fast: faces+speech)  %6.2f s  = %.2fx the decode (target <= 0.3x: %s), +%.2f s over off (target <= 2.5 s: %s)\n' \
  "$fast" "$r1" "$(pf "$r1 <= 0.3")" "$d1" "$(pf "$d1 <= 2.5")"
printf '  check --format html                 %6.2f s  +%.2f s over JSON (target <= 0.5 s: %s); page %d KB (target < 1536 KB: %s)\n' \
  "$html" "$(echo "$html - $fast" | bc -l)" "$(pf "$html - $fast <= 0.5")" "$html_kb" "$(pf "$html_kb < 1536")"
printf '  verify --content off (full)         %6.2f s  = %.2fx the decode\n' "$voff" "$(echo "$voff / $decode" | bc -l)"
printf '  verify (full, with the lips)        %6.2f s  = %.2fx the decode (target <= 1.3x: %s)\n' "$vfull" "$r2" "$(pf "$r2 <= 1.3")"
printf '  verify --quick                      %6.2f s  full/quick = %.1fx (target >= 10x: %s)\n' "$vquick" "$r3" "$(pf "$r3 >= 10")"
m1=$(rss "$PREFLIGHT" check --video "$V1" --format json); m5=$(rss "$PREFLIGHT" check --video "$V5" --format json)
m30=$(rss "$PREFLIGHT" check --video "$V30" --format json)
printf 'peak RSS of check (content fast): 1 min %s KB, 5 min %s KB, 30 min %s KB (30/1 = %.2fx)\n' "$m1" "$m5" "$m30" "$(echo "$m30 / $m1" | bc -l)"
w1=$(rss "$PREFLIGHT" verify "$V1" --video "$V1" --format json); w30=$(rss "$PREFLIGHT" verify "$V30" --video "$V30" --format json)
printf 'peak RSS of verify (full, lips): 1 min %s KB, 30 min %s KB (30/1 = %.2fx)\n' "$w1" "$w30" "$(echo "$w30 / $w1" | bc -l)"

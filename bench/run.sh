#!/usr/bin/env bash
# Benchmark for `preflight probe` against ffprobe and mediainfo, `check` against `probe`, and
# `prepare` against ffmpeg-normalize and a plain ffmpeg extraction, `verify` against ffmpeg -f null.
#
#   bash bench/run.sh
#
# Environment:
#   PREFLIGHT_BIN   use this binary instead of building .build-bench/release/preflight
#   BENCH_RUNS      timed runs for A, A(--jobs 1), C (default 3; the median is reported)
#   BENCH_B_RUNS    timed runs for the ffprobe loop B (default 1; it is the slow one)
#   BENCH_D_RUNS    hyperfine runs per single-file command (default 20)
#   BENCH_E_RUNS    hyperfine runs per full-scan command (default 2); for H1/H3, rounds of both in alternation
#   BENCH_SKIP_E=1  skip the (slow, informational) full-scan comparison E
#   BENCH_SKIP_CONTENT=1  skip bench/content.sh (faces, speech and lips on a real talking head)
#   BENCH_SKIP_PREPARE=1  skip bench/prepare.sh (prepare on quiet TTS, loud music, normalised speech, 5.1 film audio)
#
# Builds its media into bench/.work/ (reused when present), measures everything in one
# run, prints a table, ratios and PASS/FAIL per target, and always exits 0 (it is a report).
# A copy of the report is written to bench/.work/results.txt, raw numbers to results.env.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$BENCH_DIR/.." && pwd)"
WORK="$BENCH_DIR/.work"
CLIPS="$WORK/clips"      # the distinct source clips
MANY="$WORK/many"        # 1000 copies with distinct names
LONG="$WORK/long_720p25_5min.mp4"
N_FILES=1000

BENCH_RUNS="${BENCH_RUNS:-3}"
BENCH_B_RUNS="${BENCH_B_RUNS:-1}"
BENCH_D_RUNS="${BENCH_D_RUNS:-20}"
BENCH_E_RUNS="${BENCH_E_RUNS:-2}"

SCRIPT_START=$(date +%s.%N)
log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

if ! command -v ffmpeg-normalize >/dev/null; then
    log "installing ffmpeg-normalize (pip) for the prepare comparison"
    pip install -q ffmpeg-normalize >&2 || true
fi
for tool in ffmpeg ffprobe mediainfo hyperfine jq ffmpeg-normalize; do
    command -v "$tool" >/dev/null || { echo "missing required tool: $tool" >&2; exit 1; }
done

# ---------------------------------------------------------------------------------------
# 0. The binary
# ---------------------------------------------------------------------------------------
if [[ -n "${PREFLIGHT_BIN:-}" ]]; then
    PREFLIGHT="$PREFLIGHT_BIN"
else
    log "building preflight (swift build -c release --static-swift-stdlib --scratch-path .build-bench)"
    (cd "$REPO_DIR" && swift build -c release --static-swift-stdlib --scratch-path .build-bench >&2)
    PREFLIGHT="$REPO_DIR/.build-bench/release/preflight"
fi
[[ -x "$PREFLIGHT" ]] || { echo "preflight binary not executable: $PREFLIGHT" >&2; exit 1; }

# ---------------------------------------------------------------------------------------
# 1. Media
# ---------------------------------------------------------------------------------------
mkdir -p "$CLIPS" "$MANY"

# name|ffmpeg output arguments (inputs: 0 = video lavfi, 1 = audio lavfi)
CLIP_SPECS=(
    "h264_aac.mp4|-map 0:v -map 1:a -c:v libx264 -preset veryfast -pix_fmt yuv420p -c:a aac -b:a 96k -movflags +faststart"
    "h264_aac.mov|-map 0:v -map 1:a -c:v libx264 -preset veryfast -pix_fmt yuv420p -c:a aac -b:a 96k"
    "vp9_opus.webm|-map 0:v -map 1:a -c:v libvpx-vp9 -deadline realtime -cpu-used 8 -b:v 300k -c:a libopus -b:a 64k"
    "h264_flac.mkv|-map 0:v -map 1:a -c:v libx264 -preset veryfast -pix_fmt yuv420p -c:a flac"
    "mpeg4_mp3.avi|-map 0:v -map 1:a -c:v mpeg4 -q:v 5 -c:a libmp3lame -b:a 128k"
    "pcm_s16le.wav|-map 1:a -c:a pcm_s16le"
    "mp3.mp3|-map 1:a -c:a libmp3lame -b:a 128k"
    "flac.flac|-map 1:a -c:a flac"
    "vorbis.ogg|-map 1:a -c:a libvorbis -q:a 3"
    "aac.m4a|-map 1:a -c:a aac -b:a 128k"
)
N_CLIPS=${#CLIP_SPECS[@]}

i=0
for spec in "${CLIP_SPECS[@]}"; do
    name="${spec%%|*}"; args="${spec#*|}"
    out="$CLIPS/$name"
    dur=$(( 1 + i % 2 ))   # alternate 1 s and 2 s clips
    if [[ ! -s "$out" ]]; then
        log "generating clip $name (${dur}s)"
        # shellcheck disable=SC2086
        ffmpeg -nostdin -hide_banner -loglevel error -y \
            -f lavfi -i "testsrc2=size=320x240:rate=25:duration=$dur" \
            -f lavfi -i "sine=frequency=$((440 + 110 * i)):sample_rate=48000:duration=$dur" \
            $args "$out.tmp.${name##*.}"
        mv "$out.tmp.${name##*.}" "$out"
    fi
    i=$((i + 1))
done

have=$(find "$MANY" -maxdepth 1 -type f | wc -l)
if [[ "$have" -ne "$N_FILES" ]]; then
    log "making $N_FILES copies in $MANY"
    rm -rf "$MANY"; mkdir -p "$MANY"
    for ((k = 0; k < N_FILES; k++)); do
        spec="${CLIP_SPECS[$((k % N_CLIPS))]}"; name="${spec%%|*}"
        cp "$CLIPS/$name" "$MANY/$(printf '%04d' "$k")_$name"
    done
fi
mapfile -t MANY_FILES < <(find "$MANY" -maxdepth 1 -type f | sort)
SMALL="$CLIPS/h264_aac.mp4"

if [[ ! -s "$LONG" ]]; then
    log "generating the 5-minute 1280x720 25 fps H.264/AAC file (ultrafast; ~1 minute)"
    ffmpeg -nostdin -hide_banner -loglevel error -y \
        -f lavfi -i "testsrc2=size=1280x720:rate=25:duration=300" \
        -f lavfi -i "sine=frequency=440:sample_rate=48000:duration=300" \
        -map 0:v -map 1:a -c:v libx264 -preset ultrafast -pix_fmt yuv420p \
        -c:a aac -b:a 128k -movflags +faststart "$LONG.tmp.mp4"
    mv "$LONG.tmp.mp4" "$LONG"
fi

# ---------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------
now() { date +%s.%N; }
# median of the arguments
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
# fdiv A B [decimals]
fdiv() { awk -v a="$1" -v b="$2" -v d="${3:-1}" 'BEGIN { if (b == 0) print "inf"; else printf "%.*f\n", d, a / b }'; }
fmt() { awk -v a="$1" 'BEGIN { if (a < 1) printf "%.1f ms", a * 1000; else printf "%.2f s", a }'; }

# time_runs N CMD...  -> prints the median wall seconds of N runs; any exit code is accepted
time_runs() {
    local n="$1"; shift
    local t=() s e r
    for ((r = 0; r < n; r++)); do
        s=$(now)
        "$@" >/dev/null 2>&1 || true
        e=$(now)
        t+=("$(awk -v s="$s" -v e="$e" 'BEGIN { printf "%.6f", e - s }')")
    done
    median "${t[@]}"
}

preflight_many()        { "$PREFLIGHT" probe --json "${MANY_FILES[@]}"; }
preflight_many_jobs1()  { "$PREFLIGHT" probe --json --jobs 1 "${MANY_FILES[@]}"; }
ffprobe_loop() {
    local f
    for f in "${MANY_FILES[@]}"; do
        ffprobe -v quiet -show_format -show_streams -of json "$f" || true
    done
}
mediainfo_many()        { mediainfo --Output=JSON "${MANY_FILES[@]}"; }

# hyperfine_mean RUNS CMD -> mean seconds (no shell; failures ignored)
hyperfine_mean() {
    local runs="$1" cmd="$2" json
    json=$(mktemp)
    hyperfine -N -i --style none --warmup 2 --runs "$runs" --export-json "$json" "$cmd" >/dev/null 2>&1
    jq -r '.results[0].mean' "$json"
    rm -f "$json"
}

# ---------------------------------------------------------------------------------------
# 2. Sanity: each distinct clip once, and exit-code census over the 1000 files
# ---------------------------------------------------------------------------------------
SANITY=""
for spec in "${CLIP_SPECS[@]}"; do
    name="${spec%%|*}"
    rc=0; err=$("$PREFLIGHT" probe "$CLIPS/$name" 2>&1 >/dev/null) || rc=$?
    if [[ $rc -ne 0 ]]; then
        SANITY+="  $name: exit $rc: $(printf '%s' "$err" | head -n 1)"$'\n'
    fi
done
rc=0; "$PREFLIGHT" probe --json "${MANY_FILES[@]}" >"$WORK/many.jsonl" 2>"$WORK/many.stderr" || rc=$?
MANY_RC=$rc
MANY_LINES=$(wc -l <"$WORK/many.jsonl")
rc=0; "$PREFLIGHT" probe "$LONG" >/dev/null 2>"$WORK/long.stderr" || rc=$?
LONG_RC=$rc

# ---------------------------------------------------------------------------------------
# 3. Measurements
# ---------------------------------------------------------------------------------------
log "warming the page cache"
cat "${MANY_FILES[@]}" "$LONG" "$CLIPS"/* >/dev/null
# one untimed pass of each tool so their own binaries and libraries are cached too
preflight_many >/dev/null 2>&1 || true
mediainfo --Output=JSON "$SMALL" >/dev/null 2>&1 || true
ffprobe -v quiet -show_format -show_streams -of json "$SMALL" >/dev/null 2>&1 || true

log "A: preflight probe --json over $N_FILES files (median of $BENCH_RUNS)"
T_A=$(time_runs "$BENCH_RUNS" preflight_many)
log "A1: same with --jobs 1 (median of $BENCH_RUNS)"
T_A1=$(time_runs "$BENCH_RUNS" preflight_many_jobs1)
log "B: ffprobe once per file, $N_FILES files (median of $BENCH_B_RUNS)"
T_B=$(time_runs "$BENCH_B_RUNS" ffprobe_loop)
log "C: mediainfo --Output=JSON over $N_FILES files (median of $BENCH_RUNS)"
T_C=$(time_runs "$BENCH_RUNS" mediainfo_many)

log "D: single file, hyperfine $BENCH_D_RUNS runs each"
T_D_PF_LONG=$(hyperfine_mean "$BENCH_D_RUNS" "$PREFLIGHT probe $LONG")
T_D_FP_LONG=$(hyperfine_mean "$BENCH_D_RUNS" "ffprobe -v quiet -show_format -show_streams -of json $LONG")
T_D_PF_SMALL=$(hyperfine_mean "$BENCH_D_RUNS" "$PREFLIGHT probe $SMALL")
T_D_FP_SMALL=$(hyperfine_mean "$BENCH_D_RUNS" "ffprobe -v quiet -show_format -show_streams -of json $SMALL")

if [[ "${BENCH_SKIP_E:-0}" != 1 ]]; then
    log "E: full scans of the 5-minute file, hyperfine $BENCH_E_RUNS runs each (informational)"
    T_E_EXACT=$(hyperfine_mean "$BENCH_E_RUNS" "$PREFLIGHT probe --exact --timeout 3600 $LONG")
    T_E_DECODE=$(hyperfine_mean "$BENCH_E_RUNS" "ffmpeg -nostdin -v error -i $LONG -f null -")
    T_E_COUNT=$(hyperfine_mean "$BENCH_E_RUNS" "ffprobe -v error -count_packets -show_streams $LONG")
    rc=0; "$PREFLIGHT" probe --exact --timeout 3600 "$LONG" >/dev/null 2>"$WORK/long-exact.stderr" || rc=$?
    LONG_EXACT_RC=$rc
fi

log "F: check of a pair (containers: --content off) vs probe of the same two files, hyperfine $BENCH_D_RUNS runs each"
LONG_WAV="$WORK/long_audio_5min.wav"
[[ -s "$LONG_WAV" ]] || ffmpeg -nostdin -v error -y -i "$LONG" -vn -ac 1 -ar 48000 -c:a pcm_s16le "$LONG_WAV"
PAIR_V="$LONG"; PAIR_A="$LONG_WAV"
T_F_PROBE=$(hyperfine_mean "$BENCH_D_RUNS" "$PREFLIGHT probe --json $PAIR_V $PAIR_A")
# The content pass (faces, speech, lips) has its own budgets: bench/content.sh (run at the end).
T_F_CHECK=$(hyperfine_mean "$BENCH_D_RUNS" "$PREFLIGHT check --content off --video $PAIR_V --audio $PAIR_A --sync-mode cut_off --format json")
T_F_AUTO=$(hyperfine_mean "$BENCH_D_RUNS" "$PREFLIGHT check --content off --video $PAIR_V --audio $PAIR_A --format json")
T_F_PROBE_S=$(hyperfine_mean "$BENCH_D_RUNS" "$PREFLIGHT probe --json $SMALL $CLIPS/pcm_s16le.wav")
T_F_CHECK_S=$(hyperfine_mean "$BENCH_D_RUNS" "$PREFLIGHT check --content off --video $SMALL --audio $CLIPS/pcm_s16le.wav --sync-mode cut_off --format json")

log "G: prepare (extract + normalise to -16 LUFS, -1.5 dBTP, 48 kHz mono WAV) vs ffmpeg-normalize and plain extraction"
OUTG="$WORK/prepare-out"; mkdir -p "$OUTG"
T_G_PREPARE=$(hyperfine_mean "$BENCH_D_RUNS" "$PREFLIGHT prepare $LONG -o $OUTG/preflight.wav --mono --target-lufs -16 --true-peak -1.5 --rate 48000")
T_G_EXTRACT=$(hyperfine_mean "$BENCH_D_RUNS" "ffmpeg -nostdin -v error -y -i $LONG -vn -ac 1 -ar 48000 $OUTG/extract.wav")
T_G_NORMALIZE=$(hyperfine_mean "${BENCH_G_RUNS:-2}" "ffmpeg-normalize $LONG -o $OUTG/normalize.wav -f -q -nt ebu -t -16 -tp -1.5 -ar 48000 -c:a pcm_s16le -vn -e='-ac 1'")
G_CHECK=$(ffmpeg -nostdin -hide_banner -nostats -i "$OUTG/preflight.wav" -af ebur128=peak=true -f null - 2>&1 | awk '/Integrated loudness:/ {f=1} f && /I:/ {i=$2} /True peak:/ {t=1} t && /Peak:/ {p=$2} END {print i" LUFS, true peak "p" dBTP"}')
# Memory: the same content at 60 s and 1800 s (AAC stereo 48 kHz in M4A), peak RSS of prepare.
for secs in 60 1800; do
    f="$WORK/mem_${secs}s.m4a"
    [[ -s "$f" ]] || ffmpeg -nostdin -v error -y -f lavfi -i "sine=f=220:r=48000:d=$secs" -f lavfi -i "anoisesrc=r=48000:d=$secs:c=pink:a=0.05" \
        -filter_complex "[0][1]amix=inputs=2,aformat=channel_layouts=stereo" -c:a aac -b:a 128k "$f"
done
rss() { /usr/bin/time -f %M "$PREFLIGHT" prepare "$1" -o "$OUTG/mem.wav" --mono 2>&1 >/dev/null | tail -n 1; }
M_G_60=$(rss "$WORK/mem_60s.m4a"); M_G_1800=$(rss "$WORK/mem_1800s.m4a")

log "H: verify of the 5-minute output (full and --quick) vs ffmpeg -f null (full decode)"
# Full verify and ffmpeg's decode in alternation (bench/interleaved.py --back-to-back, 1 warm-up round): their
# ratio is the target, and a slow spell of this shared machine then weighs on both alike.
read -r T_H_FULL _ T_H_FFMPEG _ <<<"$(python3 "$BENCH_DIR/interleaved.py" --back-to-back --means "$BENCH_E_RUNS" \
    "verify=$PREFLIGHT verify $LONG --video $LONG --audio $LONG_WAV --sync-mode cut_off --format json" \
    "decode=ffmpeg -nostdin -v error -i $LONG -f null -")"
T_H_QUICK=$(hyperfine_mean "$BENCH_D_RUNS" "$PREFLIGHT verify $LONG --video $LONG --audio $LONG_WAV --sync-mode cut_off --quick --format json")
rc=0; "$PREFLIGHT" verify "$LONG" --video "$LONG" --audio "$LONG_WAV" --sync-mode cut_off >"$WORK/verify.txt" 2>&1 || rc=$?
VERIFY_RC=$rc

log "I: batch (probe + check of each file) over the 1000 files, and peak memory for 100 vs 1000 files"
MANY100="$WORK/many100"
# (not `ls | head`: under pipefail, ls killed by the closed pipe would stop the script)
if [[ ! -d "$MANY100" ]]; then
    mkdir -p "$MANY100"; mapfile -t ALL_MANY < <(ls "$MANY")
    for f in "${ALL_MANY[@]:0:100}"; do ln -f "$MANY/$f" "$MANY100/$f"; done
fi
T_I_BATCH=$(time_runs "$BENCH_RUNS" "$PREFLIGHT" batch "$MANY" -o /dev/null)
batch_rss() { { /usr/bin/time -f %M "$PREFLIGHT" batch "$1" -o /dev/null 2>&1 >/dev/null || true; } | tail -n 1; }
M_I_100=$(batch_rss "$MANY100"); M_I_1000=$(batch_rss "$MANY")
# --resume: 2000 mixed check jobs (each file alone, interleaved with video+audio pairs); a fresh run of the first
# 1000 writes the results, 10,000 earlier results of other jobs go before them, and --resume runs the other 1000.
# Its peak RSS must stay that of the fresh 1000 (the results file used to be read whole). No verify jobs: their
# face and lip models (~350 MB more) would hide the batch's own memory.
MIXED="$WORK/mixed2000.jsonl"
if [[ ! -s "$MIXED" ]]; then
    mapfile -t MANY_VIDEO < <(printf '%s\n' "${MANY_FILES[@]}" | grep -E '\.(mp4|mov|webm|mkv|avi)$')
    mapfile -t MANY_AUDIO < <(printf '%s\n' "${MANY_FILES[@]}" | grep -vE '\.(mp4|mov|webm|mkv|avi)$')
    for k in "${!MANY_FILES[@]}"; do
        f="${MANY_FILES[$k]}"; key=audio; [[ "$f" =~ \.(mp4|mov|webm|mkv|avi)$ ]] && key=video
        printf '{"id":"one/%s","%s":"%s"}\n' "$(basename "$f")" "$key" "$f"
        printf '{"id":"pair/%04d","video":"%s","audio":"%s","sync_mode":"cut_off"}\n' "$k" \
            "${MANY_VIDEO[$((k % ${#MANY_VIDEO[@]}))]}" "${MANY_AUDIO[$((k * 7 % ${#MANY_AUDIO[@]}))]}"
    done >"$MIXED.tmp"
    mv "$MIXED.tmp" "$MIXED"
fi
head -n 1000 "$MIXED" >"$WORK/mixed1000.jsonl"
RESUME_OUT="$WORK/resume-results.jsonl"
batch_rss_to() { { /usr/bin/time -f %M "$PREFLIGHT" batch "$@" 2>&1 >/dev/null || true; } | tail -n 1; }
rm -f "$RESUME_OUT"; M_I_FRESH=$(batch_rss_to "$WORK/mixed1000.jsonl" -o "$RESUME_OUT")
# batch --html over the same 1000 jobs (issue 15): the page is streamed, so peak RSS stays that of the batch.
rm -f "$WORK/html-results.jsonl"; M_I_HTML=$(batch_rss_to "$WORK/mixed1000.jsonl" -o "$WORK/html-results.jsonl" --html "$WORK/batch.html")
I_HTML_KB=$(( $(stat -c %s "$WORK/batch.html" 2>/dev/null || echo 0) / 1024 )); rm -f "$WORK/html-results.jsonl"
{ for r in $(seq 10); do jq -c --arg r "$r" '.id = "earlier\($r)/" + .id' "$RESUME_OUT"; done; cat "$RESUME_OUT"; } >"$RESUME_OUT.tmp"
mv "$RESUME_OUT.tmp" "$RESUME_OUT"
I_RESUME_MB=$(du -m "$RESUME_OUT" | cut -f1)
M_I_RESUME=$(batch_rss_to "$MIXED" -o "$RESUME_OUT" --resume)
I_RESUME_LINES=$(wc -l <"$RESUME_OUT")
rm -f "$RESUME_OUT"

# ---------------------------------------------------------------------------------------
# 4. Report
# ---------------------------------------------------------------------------------------
R_BA=$(fdiv "$T_B" "$T_A")
R_CA=$(fdiv "$T_C" "$T_A")
R_A1A=$(fdiv "$T_A1" "$T_A" 2)
R_D_LONG=$(fdiv "$T_D_FP_LONG" "$T_D_PF_LONG" 2)
R_D_SMALL=$(fdiv "$T_D_FP_SMALL" "$T_D_PF_SMALL" 2)
pf() { awk -v ok="$1" 'BEGIN { print (ok ? "PASS" : "FAIL") }'; }
P1=$(pf "$(awk -v a="$T_A" -v b="$T_B" 'BEGIN { print (b >= 70 * a) }')")
P2=$(pf "$(awk -v a="$T_A" -v c="$T_C" 'BEGIN { print (c >= 2.5 * a) }')")
P3L=$(pf "$(awk -v p="$T_D_PF_LONG" -v f="$T_D_FP_LONG" 'BEGIN { print (p <= 0.7 * f) }')")
P3S=$(pf "$(awk -v p="$T_D_PF_SMALL" -v f="$T_D_FP_SMALL" 'BEGIN { print (p < f) }')")
R_F=$(fdiv "$T_F_CHECK" "$T_F_PROBE" 2)
R_F_AUTO=$(fdiv "$T_F_AUTO" "$T_F_PROBE" 2)
R_F_S=$(fdiv "$T_F_CHECK_S" "$T_F_PROBE_S" 2)
P4=$(pf "$(awk -v c="$T_F_CHECK" -v p="$T_F_PROBE" 'BEGIN { print (c <= 1.2 * p) }')")
P4S=$(pf "$(awk -v c="$T_F_CHECK_S" -v p="$T_F_PROBE_S" 'BEGIN { print (c <= 1.2 * p) }')")
R_G_NORM=$(fdiv "$T_G_NORMALIZE" "$T_G_PREPARE" 1)
R_G_EXTRACT=$(fdiv "$T_G_PREPARE" "$T_G_EXTRACT" 2)
R_G_MEM=$(awk -v a="$M_G_60" -v b="$M_G_1800" 'BEGIN { printf "%.1f", (b / a - 1) * 100 }')
P5=$(pf "$(awk -v n="$T_G_NORMALIZE" -v p="$T_G_PREPARE" 'BEGIN { print (n >= 10 * p) }')")
P6=$(pf "$(awk -v p="$T_G_PREPARE" -v e="$T_G_EXTRACT" 'BEGIN { print (p <= 1.2 * e) }')")
P7=$(pf "$(awk -v a="$M_G_60" -v b="$M_G_1800" 'BEGIN { print (b < 1.2 * a) }')")
R_H_FULL=$(fdiv "$T_H_FULL" "$T_H_FFMPEG" 2)
R_H_QUICK=$(fdiv "$T_H_FULL" "$T_H_QUICK" 1)
P8=$(pf "$(awk -v v="$T_H_FULL" -v f="$T_H_FFMPEG" 'BEGIN { print (v <= 1.05 * f) }')")
P9=$(pf "$(awk -v v="$T_H_FULL" -v q="$T_H_QUICK" 'BEGIN { print (q * 10 <= v) }')")
R_I=$(fdiv "$T_B" "$T_I_BATCH" 1)
R_I_MEM=$(awk -v a="$M_I_100" -v b="$M_I_1000" 'BEGIN { printf "%.2f", b / a }')
P10=$(pf "$(awk -v b="$T_B" -v i="$T_I_BATCH" 'BEGIN { print (b >= 30 * i) }')")
P11=$(pf "$(awk -v a="$M_I_100" -v b="$M_I_1000" 'BEGIN { print (b <= 1.5 * a) }')")
R_I_RESUME=$(awk -v a="$M_I_FRESH" -v b="$M_I_RESUME" 'BEGIN { printf "%.2f", b / a }')
R_I_HTML=$(awk -v a="$M_I_FRESH" -v b="$M_I_HTML" 'BEGIN { printf "%.3f", b / a }')
P13=$(pf "$(awk -v a="$M_I_FRESH" -v b="$M_I_HTML" -v k="$I_HTML_KB" 'BEGIN { print (b <= 1.1 * a && k > 0) }')")
P12=$(pf "$(awk -v a="$M_I_FRESH" -v b="$M_I_RESUME" -v n="$I_RESUME_LINES" 'BEGIN { print (b <= 1.2 * a && n == 12000) }')")
SCRIPT_END=$(now)
TOTAL=$(awk -v s="$SCRIPT_START" -v e="$SCRIPT_END" 'BEGIN { printf "%.0f", e - s }')

{
    echo "== machine =="
    echo "date:      $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
    echo "nproc:     $(nproc)"
    echo "cpu:       $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
    echo "memory:    $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
    echo "ffmpeg:    $(ffmpeg -version | head -n 1)"
    echo "mediainfo: $(mediainfo --version | tail -n 1)"
    echo "hyperfine: $(hyperfine --version)"
    echo "preflight: $PREFLIGHT (git $(git -C "$REPO_DIR" rev-parse --short HEAD 2>/dev/null || echo '?')$( [[ -n "$(git -C "$REPO_DIR" status --porcelain -- Sources Package.swift 2>/dev/null)" ]] && echo ', uncommitted changes in Sources'))"
    echo "media:     $N_FILES files ($(du -sh "$MANY" | cut -f1)) from $N_CLIPS clips; long file $(du -h "$LONG" | cut -f1)"
    echo
    echo "== sanity =="
    if [[ -n "$SANITY" ]]; then echo "non-zero exits on distinct clips:"; printf '%s' "$SANITY"; else echo "all $N_CLIPS distinct clips: exit 0"; fi
    echo "preflight probe --json over $N_FILES files: exit $MANY_RC, $MANY_LINES JSON lines, $(wc -l <"$WORK/many.stderr") stderr lines"
    echo "preflight probe on the 5-minute file: exit $LONG_RC"
    [[ -n "${LONG_EXACT_RC:-}" ]] && echo "preflight probe --exact on the 5-minute file: exit $LONG_EXACT_RC"
    echo
    echo "== wall times =="
    printf '%-4s %-62s %12s\n' id measurement time
    printf '%-4s %-62s %12s\n' A  "preflight probe --json, $N_FILES files, one call (--jobs $(nproc))" "$(fmt "$T_A")"
    printf '%-4s %-62s %12s\n' A1 "preflight probe --json --jobs 1, $N_FILES files" "$(fmt "$T_A1")"
    printf '%-4s %-62s %12s\n' B  "ffprobe -show_format -show_streams, once per file ($N_FILES)" "$(fmt "$T_B")"
    printf '%-4s %-62s %12s\n' C  "mediainfo --Output=JSON, $N_FILES files, one call" "$(fmt "$T_C")"
    printf '%-4s %-62s %12s\n' D1 "preflight probe, 5-min 720p mp4 (mean of $BENCH_D_RUNS)" "$(fmt "$T_D_PF_LONG")"
    printf '%-4s %-62s %12s\n' D2 "ffprobe -show_format -show_streams, 5-min 720p mp4" "$(fmt "$T_D_FP_LONG")"
    printf '%-4s %-62s %12s\n' D3 "preflight probe, small mp4 (mean of $BENCH_D_RUNS)" "$(fmt "$T_D_PF_SMALL")"
    printf '%-4s %-62s %12s\n' D4 "ffprobe -show_format -show_streams, small mp4" "$(fmt "$T_D_FP_SMALL")"
    printf '%-4s %-62s %12s\n' F1 "preflight probe --json, 5-min mp4 + 5-min wav" "$(fmt "$T_F_PROBE")"
    printf '%-4s %-62s %12s\n' F2 "preflight check, same pair, --sync-mode cut_off" "$(fmt "$T_F_CHECK")"
    printf '%-4s %-62s %12s\n' F3 "preflight check, same pair, auto sync_mode" "$(fmt "$T_F_AUTO")"
    printf '%-4s %-62s %12s\n' F4 "preflight probe --json, small mp4 + wav" "$(fmt "$T_F_PROBE_S")"
    printf '%-4s %-62s %12s\n' F5 "preflight check, small pair, --sync-mode cut_off" "$(fmt "$T_F_CHECK_S")"
    printf '%-4s %-62s %12s\n' G1 "preflight prepare, 5-min 720p mp4 -> -16 LUFS 48 kHz mono WAV" "$(fmt "$T_G_PREPARE")"
    printf '%-4s %-62s %12s\n' G2 "ffmpeg-normalize, same targets" "$(fmt "$T_G_NORMALIZE")"
    printf '%-4s %-62s %12s\n' G3 "ffmpeg -vn -ac 1 -ar 48000 (plain extraction)" "$(fmt "$T_G_EXTRACT")"
    printf '%-4s %-62s %12s\n' G4 "preflight prepare peak RSS, 60 s / 1800 s AAC input" "${M_G_60} / ${M_G_1800} KB"
    printf '%-4s %-62s %12s\n' H1 "preflight verify (full), 5-min 720p output (exit $VERIFY_RC)" "$(fmt "$T_H_FULL")"
    printf '%-4s %-62s %12s\n' H2 "preflight verify --quick, same file" "$(fmt "$T_H_QUICK")"
    printf '%-4s %-62s %12s\n' H3 "ffmpeg -v error -i OUT -f null - (full decode)" "$(fmt "$T_H_FFMPEG")"
    printf '%-4s %-62s %12s\n' I1 "preflight batch DIR (probe + check), 1000 files" "$(fmt "$T_I_BATCH")"
    printf '%-4s %-62s %12s\n' I2 "preflight batch peak RSS, 100 / 1000 files" "${M_I_100} / ${M_I_1000} KB"
    printf '%-4s %-62s %12s\n' I3 "batch peak RSS, fresh 1000 mixed / --resume 2000 (${I_RESUME_MB} MB done)" "${M_I_FRESH} / ${M_I_RESUME} KB"
    printf '%-4s %-62s %12s\n' I4 "batch peak RSS, 1000 mixed with --html (page ${I_HTML_KB} KB)" "${M_I_HTML} KB"
    if [[ -n "${T_E_EXACT:-}" ]]; then
        printf '%-4s %-62s %12s\n' E1 "preflight probe --exact, 5-min file (mean of $BENCH_E_RUNS)" "$(fmt "$T_E_EXACT")"
        printf '%-4s %-62s %12s\n' E2 "ffmpeg -i FILE -f null - (full decode)" "$(fmt "$T_E_DECODE")"
        printf '%-4s %-62s %12s\n' E3 "ffprobe -count_packets -show_streams" "$(fmt "$T_E_COUNT")"
    fi
    echo
    echo "== ratios =="
    echo "B/A   preflight batch is ${R_BA}x faster than an ffprobe loop"
    echo "C/A   preflight batch is ${R_CA}x faster than mediainfo"
    echo "A1/A  --jobs $(nproc) is ${R_A1A}x faster than --jobs 1"
    echo "D2/D1 single 5-min file: preflight is ${R_D_LONG}x faster than ffprobe"
    echo "D4/D3 single small file: preflight is ${R_D_SMALL}x faster than ffprobe"
    echo "F2/F1 check of the long pair takes ${R_F}x the time of probing it (auto mode: ${R_F_AUTO}x)"
    echo "F5/F4 check of the small pair takes ${R_F_S}x the time of probing it"
    echo "G2/G1 prepare is ${R_G_NORM}x faster than ffmpeg-normalize; G1/G3 it takes ${R_G_EXTRACT}x a plain extraction"
    echo "H1/H3 full verify takes ${R_H_FULL}x the time of ffmpeg -f null; H1/H2 --quick is ${R_H_QUICK}x faster than full"
    echo "G4    peak RSS grows ${R_G_MEM}% from a 60 s to a 1800 s input; ffmpeg ebur128 reads the output at ${G_CHECK}"
    if [[ -n "${T_E_EXACT:-}" ]]; then
        echo "E2/E1 full decode / --exact = $(fdiv "$T_E_DECODE" "$T_E_EXACT" 2)"
        echo "E3/E1 packet count / --exact = $(fdiv "$T_E_COUNT" "$T_E_EXACT" 2)"
    fi
    echo
    echo "== targets =="
    echo "$P1  A at least 70x faster than B (measured ${R_BA}x)"
    echo "$P2  A at least 2.5x faster than C (measured ${R_CA}x)"
    echo "$P3L single-file preflight at most 0.7x one ffprobe, 5-min file (measured $(fdiv "$T_D_PF_LONG" "$T_D_FP_LONG" 2)x)"
    echo "$P3S single-file preflight faster than ffprobe, small file (measured ${R_D_SMALL}x)"
    echo "$P4  check adds at most 20% to probing the pair, long pair (measured ${R_F}x)"
    echo "$P4S check adds at most 20% to probing the pair, small pair (measured ${R_F_S}x)"
    echo "$P5  prepare at least 10x faster than ffmpeg-normalize (measured ${R_G_NORM}x)"
    echo "$P6  prepare without the limiter at most 1.2x a plain ffmpeg extraction (measured ${R_G_EXTRACT}x)"
    echo "$P7  prepare peak memory grows less than 20% from 60 s to 1800 s (measured ${R_G_MEM}%)"
    echo "$P8  full verify at most 1.05x ffmpeg -f null (measured ${R_H_FULL}x)"
    echo "$P9  verify --quick at least 10x less than full (measured ${R_H_QUICK}x)"
    echo "$P10 batch probe+check at least 30x faster than the ffprobe loop (measured ${R_I}x)"
    echo "$P11 batch peak RSS for 1000 files within 1.5x of 100 files (measured ${R_I_MEM}x)"
    echo "$P13 batch --html over 1000 mixed jobs: peak RSS within 10% of the same batch without it (measured ${R_I_HTML}x)"
    echo "$P12 batch --resume over 2000 mixed jobs, 11,000 results already in the file, flat: within 1.2x of a fresh 1000 (measured ${R_I_RESUME}x, $I_RESUME_LINES lines after)"
    echo
    echo "script wall time: ${TOTAL} s"
} | tee "$WORK/results.txt"

cat >"$WORK/results.env" <<EOF
T_A=$T_A
T_A1=$T_A1
T_B=$T_B
T_C=$T_C
T_D_PF_LONG=$T_D_PF_LONG
T_D_FP_LONG=$T_D_FP_LONG
T_D_PF_SMALL=$T_D_PF_SMALL
T_D_FP_SMALL=$T_D_FP_SMALL
T_E_EXACT=${T_E_EXACT:-}
T_E_DECODE=${T_E_DECODE:-}
T_E_COUNT=${T_E_COUNT:-}
T_F_PROBE=$T_F_PROBE
T_F_CHECK=$T_F_CHECK
T_F_AUTO=$T_F_AUTO
T_F_PROBE_S=$T_F_PROBE_S
T_F_CHECK_S=$T_F_CHECK_S
T_G_PREPARE=$T_G_PREPARE
T_G_EXTRACT=$T_G_EXTRACT
T_G_NORMALIZE=$T_G_NORMALIZE
M_G_60=$M_G_60
M_G_1800=$M_G_1800
T_H_FULL=$T_H_FULL
T_H_QUICK=$T_H_QUICK
T_H_FFMPEG=$T_H_FFMPEG
T_I_BATCH=$T_I_BATCH
M_I_100=$M_I_100
M_I_1000=$M_I_1000
M_I_FRESH=$M_I_FRESH
M_I_RESUME=$M_I_RESUME
TOTAL=$TOTAL
EOF
if [[ "${BENCH_SKIP_PREPARE:-0}" != 1 ]]; then   # prepare on the cases users have (issue 13); appends to results.txt
    PREFLIGHT_BIN="$PREFLIGHT" bash "$BENCH_DIR/prepare.sh" || true
fi
# The content checks (faces, speech, lips) on a real talking head, with their own targets.
if [[ "${BENCH_SKIP_CONTENT:-0}" != 1 ]]; then
    log "content: bench/content.sh (check with faces and speech, verify with the lips)"
    PREFLIGHT_BIN="$PREFLIGHT" BENCH_RUNS="$BENCH_RUNS" bash "$BENCH_DIR/content.sh" | tee -a "$WORK/results.txt" || true
fi
exit 0

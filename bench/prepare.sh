#!/usr/bin/env bash
# `preflight prepare` on the material users bring (issue 13, item 2), each case against ffmpeg-normalize with the
# same targets and against a plain ffmpeg extraction, in one run, plus peak RSS:
#
#   tts_wav      quiet TTS speech (-38.6 LUFS), 44.1 kHz mono WAV: +22.6 dB of gain, the limiter engaged
#   tts_mp4      the same speech as AAC in a 5-minute 1280x720 25 fps H.264 MP4
#   music        loud-peaked percussive music, 48 kHz stereo FLAC: >= +10 dB of gain, peaks >= 6 dB over the ceiling
#   speech_norm  the speech already at -16 LUFS, true peak under -3 dBTP, 48 kHz mono WAV: no limiter
#   film51       5.1 film audio, AC-3 448k in MKV: speech on the centre, music and noise beds on the others
#
#   PREFLIGHT_BIN=.build-bench/release/preflight bash bench/prepare.sh
#
# Each case: `preflight prepare IN -o OUT --mono --target-lufs -16 --true-peak -1.5 --rate 48000` vs
# `ffmpeg-normalize IN -o OUT -f -q -nt ebu -t -16 -tp -1.5 -ar 48000 -c:a pcm_s16le -vn -e='-ac 1'` vs
# `ffmpeg -i IN -vn -ac 1 -ar 48000 OUT.wav`: prepare and the extraction timed in alternation
# (`bench/interleaved.py --back-to-back`), ffmpeg-normalize with `hyperfine -N` after them. Every preflight output is read by
# ffmpeg's `ebur128=peak=true` (not by preflight). Peak RSS of prepare on the quiet TTS at 60 s and 30 minutes.
#
# Targets (PASS/FAIL): quiet TTS with the limiter engaged, WAV and MP4: >= 15x faster than ffmpeg-normalize and
# <= 1.5x the plain extraction; already-normalised speech (limiter not engaged): <= 1.2x the plain extraction;
# every output within +-0.2 LU of -16 LUFS with true peak <= -1.5 dBTP; peak RSS grows < 20 % from 60 s to 30 min.
#
# Environment:
#   PREFLIGHT_BIN     the binary (default .build-bench/release/preflight; this script never builds)
#   BENCH_P_RUNS      runs of prepare and of the plain extraction per case, alternating (default 10 each, after 2
#                     warm-ups each)
#   BENCH_PN_RUNS     hyperfine runs of ffmpeg-normalize per case (default 2; no warm-up, it is slow: Python and
#                     the input are warmed once before the cases)
#   BENCH_SKIP_PREPARE=1  makes bench/run.sh skip this script
#
# Media is generated once into bench/.work/prepare/ (git-ignored; ~3 minutes the first time, reused afterwards):
# espeak-ng speech of a deterministic generated text and ffmpeg lavfi sources, levels set with ffmpeg's ebur128.
# The report is printed and appended to bench/.work/results.txt, raw numbers go to bench/.work/prepare.env.
# Always exits 0 (it is a report).
set -Eeuo pipefail
trap 'echo "bench/prepare.sh: stopped at line $LINENO (exit $?); the report above is incomplete" >&2; exit 0' ERR

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$BENCH_DIR/.." && pwd)"
WORK="$BENCH_DIR/.work/prepare"
OUT="$WORK/out"
PREFLIGHT="${PREFLIGHT_BIN:-$REPO_DIR/.build-bench/release/preflight}"
RUNS="${BENCH_P_RUNS:-10}"
NRUNS="${BENCH_PN_RUNS:-2}"
TARGET=-16
CEILING=-1.5
PF_ARGS="--mono --target-lufs $TARGET --true-peak $CEILING --rate 48000"
NORM_ARGS="-f -q -nt ebu -t $TARGET -tp $CEILING -ar 48000 -c:a pcm_s16le -vn -e='-ac 1'"

SCRIPT_START=$(date +%s.%N)
log() { printf '[prepare %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

if ! command -v ffmpeg-normalize >/dev/null; then
    log "installing ffmpeg-normalize (pip) for the comparison"
    pip install -q ffmpeg-normalize >&2 || true
fi
for tool in ffmpeg ffprobe hyperfine jq espeak-ng ffmpeg-normalize /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "bench/prepare.sh: needs $tool" >&2; exit 0; }
done
[[ -x "$PREFLIGHT" ]] || { echo "bench/prepare.sh: preflight binary not executable: $PREFLIGHT" >&2; exit 0; }
mkdir -p "$WORK" "$OUT"

# ---------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------
# fdiv A B [decimals]
fdiv() { awk -v a="$1" -v b="$2" -v d="${3:-1}" 'BEGIN { if (b == 0) print "inf"; else printf "%.*f\n", d, a / b }'; }
fmt() { awk -v a="$1" 'BEGIN { if (a < 1) printf "%.1f ms", a * 1000; else printf "%.2f s", a }'; }
pf() { awk -v ok="$1" 'BEGIN { print (ok ? "PASS" : "FAIL") }'; }
# dec2 X -> X to 2 decimals when it is a number (never "-0.00"), else X as it is ("null", "?")
dec2() { awk -v x="$1" 'BEGIN { if (x !~ /^-?[0-9.]+([eE][-+]?[0-9]+)?$/) { print x; exit } v = sprintf("%.2f", x); print (v == "-0.00" ? "0.00" : v) }'; }

# hf RUNS WARMUPS CMD -> "mean stddev" in seconds (hyperfine -N, no shell; failures ignored)
hf() {
    local json; json=$(mktemp)
    hyperfine -N -i --style none --warmup "$2" --runs "$1" --export-json "$json" "$3" >/dev/null 2>&1 || true
    jq -r '.results[0] | "\(.mean) \(.stddev // 0)"' "$json" 2>/dev/null || echo "0 0"
    rm -f "$json"
}

# meter FILE -> "I TP": integrated loudness (LUFS) and true peak (dBTP) of the first audio stream, read by ffmpeg's
# ebur128=peak=true (its per-frame metadata: I to 3 decimals, true peak as a linear maximum over the channels).
meter() {
    local m; m=$(mktemp)
    ffmpeg -nostdin -v error -i "$1" -map 0:a:0 -af "ebur128=peak=true:metadata=1,ametadata=mode=print:file=$m" -f null - </dev/null
    awk -F= '/^lavfi.r128.I=/ { i = $2 } /^lavfi.r128.true_peak=/ { p = $2 }
             END { printf "%.2f %.2f\n", i, (p > 0 ? 20 * log(p) / log(10) : -144) }' "$m"
    rm -f "$m"
}

# level FILE -> "I TP" cached in FILE.level (inputs are measured once, when generated)
level() {
    [[ -s "$1.level" && "$1.level" -nt "$1" ]] || meter "$1" >"$1.level"
    cat "$1.level"
}

# scaled TARGET_LUFS PRE OUT ENCODE_ARGS... : writes OUT from the float WAV PRE with the gain that puts it at
# TARGET_LUFS (measured by ebur128), via a temp name, then removes PRE.
scaled() {
    local target="$1" pre="$2" out="$3" i g tmp
    shift 3
    tmp="${out%.*}.tmp.${out##*.}"
    read -r i _ <<<"$(meter "$pre")"
    g=$(awk -v t="$target" -v i="$i" 'BEGIN { printf "%.3f", t - i }')
    ffmpeg -nostdin -v error -y -i "$pre" -af "volume=${g}dB" "$@" "$tmp"
    mv "$tmp" "$out"
    rm -f "$pre"
}

# ---------------------------------------------------------------------------------------
# 1. Media (generated once; each file written to a temp name and renamed)
# ---------------------------------------------------------------------------------------
TEXT="$WORK/text.txt"
RAW="$WORK/tts_raw.wav"            # espeak-ng's own output, 22.05 kHz mono
SP48="$WORK/tts_48k.tmp.f32.wav"   # the first 300 s at 48 kHz, float (intermediate, removed)
TTS_WAV="$WORK/quiet_tts.wav"
TTS_MP4="$WORK/quiet_tts_720p.mp4"
MUSIC="$WORK/loud_music.flac"
SPEECH_NORM="$WORK/speech_norm.wav"
FILM="$WORK/film_51.mkv"
TTS_60="$WORK/quiet_tts_60s.wav"
TTS_1800="$WORK/quiet_tts_1800s.wav"

if [[ ! -s "$TEXT" ]]; then
    # Deterministic pseudo-English: 130 sentences of 5-14 words (~450 s of speech at 160 wpm) from a Park-Miller
    # generator, which is exact in awk's doubles, so mawk and gawk give the same text.
    awk -v nsent=130 'function rnd(n) { x = (x * 16807) % 2147483647; return int(x / 2147483647 * n) }
    BEGIN {
        nw = split("the a quick brown fox jumps over lazy dog speaker reads every sentence aloud with careful " \
                   "pauses before next one numbers seven bright voices quiet room while begins and in morning " \
                   "river light small garden window paper station yellow music evening north table simple", w, " ")
        x = 20241203
        for (s = 0; s < nsent; s++) {
            len = 5 + rnd(10); line = ""
            for (k = 0; k < len; k++) line = line (k ? " " : "") w[1 + rnd(nw)]
            print toupper(substr(line, 1, 1)) substr(line, 2) (rnd(6) ? "." : "?")
        }
    }' >"$TEXT.tmp" && mv "$TEXT.tmp" "$TEXT"
fi
if [[ ! -s "$RAW" ]]; then
    log "speech: espeak-ng -v en -s 160 ($(wc -w <"$TEXT") words)"
    espeak-ng -v en -s 160 -f "$TEXT" -w "$RAW.tmp.wav" && mv "$RAW.tmp.wav" "$RAW"
fi
# 300 s of the speech at RATE as float (cut, or padded with silence should espeak-ng ever speak faster)
speech_pre() { ffmpeg -nostdin -v error -y -i "$RAW" -af "aresample=$1:resampler=soxr,atrim=0:300,apad=whole_dur=300" -c:a pcm_f32le "$2"; }

if [[ ! -s "$TTS_WAV" ]]; then
    log "tts_wav: the speech at 44.1 kHz mono s16, scaled to -38.6 LUFS"
    speech_pre 44100 "$WORK/tts_441.tmp.f32.wav"
    scaled -38.6 "$WORK/tts_441.tmp.f32.wav" "$TTS_WAV" -c:a pcm_s16le
fi
if [[ ! -s "$TTS_MP4" ]]; then
    log "tts_mp4: 300 s 1280x720 25 fps H.264 (testsrc2, ultrafast) + the quiet speech as AAC 128k (~1-2 minutes)"
    ffmpeg -nostdin -v error -y -f lavfi -i "testsrc2=size=1280x720:rate=25:duration=300" -i "$TTS_WAV" \
        -map 0:v -map 1:a -c:v libx264 -preset ultrafast -pix_fmt yuv420p -c:a aac -b:a 128k -movflags +faststart \
        "$TTS_MP4.tmp.mp4"
    mv "$TTS_MP4.tmp.mp4" "$TTS_MP4"
fi
if [[ ! -s "$MUSIC" ]]; then
    log "music: 16 s of drums, bass and a pad (aevalsrc) looped to 300 s + pink noise, 48 kHz stereo, -28 LUFS"
    # 120 bpm: a pitch-swept kick on every beat (accented once per 4 s bar: that hit sets the peak, the others
    # carry the loudness), a noise + 190 Hz snare on 2 and 4, 8th-note hats, a bass line and a quiet triad.
    # random(0) is a seeded generator, so the signal is deterministic. Crest factor: PLR ~22.7 dB (stereo).
    V='(0.25+0.75*eq(mod(floor(t/0.5),8),0))'
    K="(st(1,mod(t,0.5));$V*sin(2*PI*(45*ld(1)+1.8*(1-exp(-ld(1)/0.03))))*exp(-ld(1)/0.05))"
    S='(st(2,mod(t+0.5,1));GS*((random(0)-0.5)*2*exp(-ld(2)/0.03)+0.4*sin(2*PI*190*ld(2))*exp(-ld(2)/0.05)))'
    H='(st(3,mod(t,0.25));GH*(random(0)-0.5)*2*exp(-ld(3)/0.006))'
    B='0.03*sin(2*PI*(55+18*gte(mod(t,8),2)-6*gte(mod(t,8),4)+18*gte(mod(t,8),6))*t)'
    P='0.008*(sin(2*PI*220*t)+sin(2*PI*277.2*t)+sin(2*PI*329.6*t+PH))'
    L="$K+${S/GS/0.12}+${H/GH/0.05}+$B+${P/PH/0}"
    R="$K+${S/GS/0.15}+${H/GH/0.03}+$B+${P/PH/1.5}"
    ffmpeg -nostdin -v error -y \
        -f lavfi -i "aevalsrc=exprs='$L|$R':c=stereo:s=48000:d=16,aloop=loop=-1:size=768000,atrim=0:300" \
        -f lavfi -i "anoisesrc=r=48000:d=300:c=pink:a=0.005:seed=21" \
        -f lavfi -i "anoisesrc=r=48000:d=300:c=pink:a=0.005:seed=22" \
        -filter_complex "[1][2]join=inputs=2:channel_layout=stereo[n];[0][n]amix=inputs=2:normalize=0" \
        -c:a pcm_f32le "$WORK/music.tmp.f32.wav"
    scaled -28 "$WORK/music.tmp.f32.wav" "$MUSIC" -c:a flac -sample_fmt s16
fi
if [[ ! -s "$SPEECH_NORM" || ! -s "$FILM" ]]; then
    speech_pre 48000 "$SP48"
fi
if [[ ! -s "$SPEECH_NORM" ]]; then
    log "speech_norm: the speech at 48 kHz, gained to -16 LUFS, peaks held by alimiter, regained to -16 LUFS"
    # alimiter at -12 dBFS (limit 0.25) costs ~7 LU, so the regain to -16 LUFS leaves the true peak near -4 dBTP
    read -r i0 _ <<<"$(meter "$SP48")"
    ffmpeg -nostdin -v error -y -i "$SP48" \
        -af "volume=$(awk -v i="$i0" -v t="$TARGET" 'BEGIN { printf "%.3f", t - i }')dB,alimiter=limit=0.25:level=disabled:attack=1:release=80" \
        -c:a pcm_f32le "$WORK/speech_norm.tmp.f32.wav"
    scaled "$TARGET" "$WORK/speech_norm.tmp.f32.wav" "$SPEECH_NORM" -c:a pcm_s16le
fi
if [[ ! -s "$FILM" ]]; then
    log "film51: 5.1 at 48 kHz, speech on FC, pad + pink noise on FL/FR, 40 Hz on LFE, brown noise on BL/BR, AC-3 448k, -25.5 LUFS"
    ROOT='(220-24*eq(mod(floor(t/4),4),1)-45.4*eq(mod(floor(t/4),4),2)-24*eq(mod(floor(t/4),4),3))'
    PADL="0.035*(sin(2*PI*$ROOT*t)+sin(2*PI*1.26*$ROOT*t)+0.6*sin(2*PI*1.5*$ROOT*t))*(0.7+0.3*sin(2*PI*0.25*t))"
    PADR="0.035*(sin(2*PI*$ROOT*t+1)+sin(2*PI*1.26*$ROOT*t+2)+0.6*sin(2*PI*0.75*$ROOT*t))*(0.7+0.3*sin(2*PI*0.25*t+PI))"
    LFE='0.2*sin(2*PI*40*t)*(0.5+0.5*sin(2*PI*0.125*t))'
    ffmpeg -nostdin -v error -y -i "$SP48" \
        -f lavfi -i "aevalsrc=exprs='$PADL|$PADR|$LFE':c=3.0:s=48000:d=16,aloop=loop=-1:size=768000,atrim=0:300" \
        -f lavfi -i "anoisesrc=r=48000:d=300:c=pink:a=0.012:seed=11" \
        -f lavfi -i "anoisesrc=r=48000:d=300:c=pink:a=0.012:seed=12" \
        -f lavfi -i "anoisesrc=r=48000:d=300:c=brown:a=0.015:seed=13" \
        -f lavfi -i "anoisesrc=r=48000:d=300:c=brown:a=0.015:seed=14" \
        -filter_complex "[1]channelsplit=channel_layout=3.0[pl][pr][lfe];[pl][2]amix=inputs=2:normalize=0[fl];[pr][3]amix=inputs=2:normalize=0[fr];[fl][fr][0][lfe][4][5]join=inputs=6:channel_layout=5.1:map=0.0-FL|1.0-FR|2.0-FC|3.0-LFE|4.0-BL|5.0-BR" \
        -c:a pcm_f32le "$WORK/film.tmp.f32.wav"
    scaled -25.5 "$WORK/film.tmp.f32.wav" "$FILM" -c:a ac3 -b:a 448k
fi
rm -f "$SP48"
if [[ ! -s "$TTS_60" ]]; then
    ffmpeg -nostdin -v error -y -i "$TTS_WAV" -t 60 -c copy "$TTS_60.tmp.wav" && mv "$TTS_60.tmp.wav" "$TTS_60"
fi
if [[ ! -s "$TTS_1800" ]]; then
    log "memory: the quiet speech looped to 30 minutes"
    ffmpeg -nostdin -v error -y -stream_loop 5 -i "$TTS_WAV" -c copy "$TTS_1800.tmp.wav" && mv "$TTS_1800.tmp.wav" "$TTS_1800"
fi

CASES=(tts_wav tts_mp4 music speech_norm film51)
declare -A IN DESC
IN=([tts_wav]="$TTS_WAV" [tts_mp4]="$TTS_MP4" [music]="$MUSIC" [speech_norm]="$SPEECH_NORM" [film51]="$FILM")
DESC=([tts_wav]="quiet TTS, 44.1 kHz mono s16 WAV"
      [tts_mp4]="quiet TTS, AAC 128k in 720p25 H.264 MP4"
      [music]="percussive music, 48 kHz stereo FLAC"
      [speech_norm]="normalised speech, 48 kHz mono WAV"
      [film51]="5.1 film, AC-3 448k 48 kHz MKV")

# ---------------------------------------------------------------------------------------
# 2. Measurements
# ---------------------------------------------------------------------------------------
declare -A L_I L_TP T_PF S_PF T_EX S_EX T_NO S_NO RC GAIN LIM LIMDB O_I O_TP N_I N_TP N_CH
log "measuring the inputs (ffmpeg ebur128=peak=true, cached) and warming the page cache"
for c in "${CASES[@]}"; do
    read -r "L_I[$c]" "L_TP[$c]" <<<"$(level "${IN[$c]}")"
    cat "${IN[$c]}" >/dev/null
done
cat "$TTS_60" "$TTS_1800" >/dev/null
# one untimed ffmpeg-normalize, so Python and its modules are warm before its (warm-up-less) timed runs
eval "ffmpeg-normalize $TTS_60 -o $OUT/warm.wav $NORM_ARGS" >/dev/null 2>&1 || true

for c in "${CASES[@]}"; do
    in="${IN[$c]}"
    log "$c: prepare --format json (untimed; its output is read by ebur128), then hyperfine"
    rc=0
    # shellcheck disable=SC2086
    "$PREFLIGHT" prepare "$in" -o "$OUT/$c.check.wav" $PF_ARGS --format json >"$OUT/$c.json" 2>"$OUT/$c.stderr" || rc=$?
    RC[$c]=$rc
    GAIN[$c]=$(dec2 "$(jq -r '.gainDB' "$OUT/$c.json" 2>/dev/null || echo "?")")
    LIM[$c]=$(jq -r '.limiterEngaged' "$OUT/$c.json" 2>/dev/null || echo "?")
    LIMDB[$c]=$(dec2 "$(jq -r '.limiterMaxReductionDB // 0' "$OUT/$c.json" 2>/dev/null || echo "?")")
    # prepare and the extraction in alternation (bench/interleaved.py --back-to-back): the ratio is the point, and
    # a slow spell of this shared machine then slows both alike
    read -r "T_PF[$c]" "S_PF[$c]" "T_EX[$c]" "S_EX[$c]" <<<"$(python3 "$BENCH_DIR/interleaved.py" --warmups 2 --back-to-back \
        --means "$RUNS" "prepare=$PREFLIGHT prepare $in -o $OUT/$c.preflight.wav $PF_ARGS" \
        "extract=ffmpeg -nostdin -v error -y -i $in -vn -ac 1 -ar 48000 $OUT/$c.extract.wav" 2>/dev/null || echo "0 0 0 0")"
    log "$c: ffmpeg-normalize ($NRUNS runs)"
    read -r "T_NO[$c]" "S_NO[$c]" <<<"$(hf "$NRUNS" 0 "ffmpeg-normalize $in -o $OUT/$c.normalize.wav $NORM_ARGS")"
    if [[ -s "$OUT/$c.check.wav" ]]; then read -r "O_I[$c]" "O_TP[$c]" <<<"$(meter "$OUT/$c.check.wav")"; else O_I[$c]=nan; O_TP[$c]=nan; fi
    if [[ -s "$OUT/$c.normalize.wav" ]]; then
        read -r "N_I[$c]" "N_TP[$c]" <<<"$(meter "$OUT/$c.normalize.wav")"
        N_CH[$c]=$(ffprobe -v error -select_streams a:0 -show_entries stream=channels -of csv=p=0 "$OUT/$c.normalize.wav")
    else N_I[$c]=nan; N_TP[$c]=nan; N_CH[$c]=0; fi
done

log "memory: peak RSS of prepare on the quiet speech, 60 s and 30 min"
# rss IN NAME -> peak RSS in KB (GNU time); prepare's JSON goes to OUT/NAME.json
rss() {
    local t; t=$(mktemp)
    # shellcheck disable=SC2086
    /usr/bin/time -f %M -o "$t" "$PREFLIGHT" prepare "$1" -o "$OUT/mem.wav" $PF_ARGS --format json >"$OUT/$2.json" 2>/dev/null || true
    tail -n 1 "$t"; rm -f "$t"
}
M_60=$(rss "$TTS_60" mem_60s); M_1800=$(rss "$TTS_1800" mem_1800s)
LIM_60=$(jq -r '.limiterEngaged' "$OUT/mem_60s.json" 2>/dev/null || echo "?")
LIM_1800=$(jq -r '.limiterEngaged' "$OUT/mem_1800s.json" 2>/dev/null || echo "?")
rm -f "$OUT/mem.wav"

# ---------------------------------------------------------------------------------------
# 3. Report
# ---------------------------------------------------------------------------------------
declare -A R_NO R_EX OK_LEVEL
for c in "${CASES[@]}"; do
    R_NO[$c]=$(fdiv "${T_NO[$c]}" "${T_PF[$c]}" 1)
    R_EX[$c]=$(fdiv "${T_PF[$c]}" "${T_EX[$c]}" 2)
    OK_LEVEL[$c]=$(pf "$(awk -v i="${O_I[$c]}" -v p="${O_TP[$c]}" -v t="$TARGET" -v c="$CEILING" -v rc="${RC[$c]}" \
        'BEGIN { d = i - t; if (d < 0) d = -d; print (rc == 0 && i != "nan" && d <= 0.2 && p <= c) }')")
done
# speed_ok CASE FACTOR_NORMALIZE MAX_EXTRACT -> PASS/FAIL lines' verdicts (a failed prepare never passes)
faster() { pf "$(awk -v n="${T_NO[$1]}" -v p="${T_PF[$1]}" -v rc="${RC[$1]}" -v k="$2" 'BEGIN { print (rc == 0 && p > 0 && n >= k * p) }')"; }
within() { pf "$(awk -v e="${T_EX[$1]}" -v p="${T_PF[$1]}" -v rc="${RC[$1]}" -v k="$2" 'BEGIN { print (rc == 0 && p > 0 && p <= k * e) }')"; }
R_MEM=$(awk -v a="$M_60" -v b="$M_1800" 'BEGIN { printf "%.1f", (b / a - 1) * 100 }')
P_MEM=$(pf "$(awk -v a="$M_60" -v b="$M_1800" 'BEGIN { print (a > 0 && b < 1.2 * a) }')")
SCRIPT_END=$(date +%s.%N)
TOTAL=$(awk -v s="$SCRIPT_START" -v e="$SCRIPT_END" 'BEGIN { printf "%.0f", e - s }')

{
    echo
    echo "== prepare on the cases users have (bench/prepare.sh, issue 13) =="
    echo "date:      $(date -u '+%Y-%m-%d %H:%M:%S UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg), nproc $(nproc)"
    echo "preflight: $PREFLIGHT (git $(git -C "$REPO_DIR" rev-parse --short HEAD 2>/dev/null || echo '?')$( [[ -n "$(git -C "$REPO_DIR" status --porcelain -- Sources Package.swift 2>/dev/null)" ]] && echo ', uncommitted changes in Sources'))"
    echo "           prepare IN -o OUT.wav $PF_ARGS"
    echo "versus:    $(ffmpeg-normalize --version 2>/dev/null | head -n 1) IN -o OUT.wav $NORM_ARGS"
    echo "           ffmpeg -nostdin -v error -y -i IN -vn -ac 1 -ar 48000 OUT.wav (plain extraction)"
    echo
    echo "-- inputs, 300 s each (ffmpeg ebur128=peak=true) --"
    printf '%-12s %-42s %8s %8s %6s %11s %13s\n' case input "I LUFS" "TP dBTP" PLR "gain to $TARGET" "peak vs ceil."
    for c in "${CASES[@]}"; do
        awk -v c="$c" -v d="${DESC[$c]}" -v i="${L_I[$c]}" -v p="${L_TP[$c]}" -v t="$TARGET" -v k="$CEILING" \
            'BEGIN { printf "%-12s %-42s %8.2f %8.2f %6.2f %+11.2f %+13.2f\n", c, d, i, p, p - i, t - i, p + t - i - k }'
    done
    echo "(gain to $TARGET: the plain gain the target needs; peak vs ceil.: where that gain puts the true peak relative to $CEILING dBTP)"
    awk -v ti="${L_I[tts_wav]}" -v mi="${L_I[tts_mp4]}" -v ui="${L_I[music]}" -v up="${L_TP[music]}" -v si="${L_I[speech_norm]}" \
        -v sp="${L_TP[speech_norm]}" -v fi="${L_I[film51]}" -v t="$TARGET" -v k="$CEILING" 'function yn(ok) { return ok ? "yes" : "NO" }
        function abs(x) { return x < 0 ? -x : x }
        BEGIN { printf "media as specified: quiet TTS at -38.6 LUFS (WAV, MP4 within 0.3 LU) %s; music needs >= +10 dB and peaks go >= 6 dB over %s;\n", \
                    yn(abs(ti + 38.6) <= 0.3 && abs(mi + 38.6) <= 0.3), yn(t - ui >= 10 && up + t - ui - k >= 6)
                printf "                    speech_norm at -16 LUFS (within 0.2 LU), true peak under -3 dBTP %s; film51 -27 to -24 LUFS %s\n", \
                    yn(abs(si - t) <= 0.2 && sp < -3), yn(fi >= -27 && fi <= -24) }'
    echo
    echo "-- wall times (prepare and extraction: mean of $RUNS each, run in alternation after 2 warm-ups; ffmpeg-normalize: hyperfine -N, mean of $NRUNS) --"
    printf '%-12s %20s %20s %20s %10s %10s\n' case prepare ffmpeg-normalize "plain extraction" norm/prep prep/plain
    for c in "${CASES[@]}"; do
        printf '%-12s %20s %20s %20s %9sx %9sx\n' "$c" "$(fmt "${T_PF[$c]}") ± $(fmt "${S_PF[$c]}")" \
            "$(fmt "${T_NO[$c]}")" "$(fmt "${T_EX[$c]}") ± $(fmt "${S_EX[$c]}")" "${R_NO[$c]}" "${R_EX[$c]}"
    done
    echo
    echo "-- what prepare reported (--format json) and what ffmpeg's ebur128=peak=true reads in the outputs --"
    printf '%-12s %4s %9s %8s %10s %16s %16s %22s\n' case exit "gain dB" limiter "max GR dB" "prepare out I" "prepare out TP" "ffmpeg-normalize I/TP"
    for c in "${CASES[@]}"; do
        printf '%-12s %4s %9s %8s %10s %11s LUFS %11s dBTP %10s / %s (%s ch)\n' "$c" "${RC[$c]}" "${GAIN[$c]}" "${LIM[$c]}" \
            "${LIMDB[$c]}" "${O_I[$c]}" "${O_TP[$c]}" "${N_I[$c]}" "${N_TP[$c]}" "${N_CH[$c]}"
    done
    echo "peak RSS of prepare, quiet speech: 60 s ${M_60} KB (limiter $LIM_60), 30 min ${M_1800} KB (limiter $LIM_1800): ${R_MEM}%"
    echo
    echo "-- targets --"
    echo "$(faster tts_wav 15)  quiet TTS WAV (limiter ${LIM[tts_wav]}): prepare at least 15x faster than ffmpeg-normalize (measured ${R_NO[tts_wav]}x)"
    echo "$(within tts_wav 1.5)  quiet TTS WAV (limiter ${LIM[tts_wav]}): prepare at most 1.5x the plain extraction (measured ${R_EX[tts_wav]}x)"
    echo "$(faster tts_mp4 15)  quiet TTS 720p MP4 (limiter ${LIM[tts_mp4]}): prepare at least 15x faster than ffmpeg-normalize (measured ${R_NO[tts_mp4]}x)"
    echo "$(within tts_mp4 1.5)  quiet TTS 720p MP4 (limiter ${LIM[tts_mp4]}): prepare at most 1.5x the plain extraction (measured ${R_EX[tts_mp4]}x)"
    echo "$(pf "$([[ "${LIM[speech_norm]}" == false ]] && echo 1 || echo 0)")  already-normalised speech: limiter not engaged (limiterEngaged ${LIM[speech_norm]})"
    echo "$(within speech_norm 1.2)  already-normalised speech (no limiter): prepare at most 1.2x the plain extraction (measured ${R_EX[speech_norm]}x)"
    for c in "${CASES[@]}"; do
        echo "${OK_LEVEL[$c]}  $c output within ±0.2 LU of $TARGET LUFS, true peak <= $CEILING dBTP (ebur128: ${O_I[$c]} LUFS, ${O_TP[$c]} dBTP)"
    done
    echo "$P_MEM  prepare peak RSS grows less than 20% from 60 s to 30 min, limiter case (measured ${R_MEM}%)"
    echo "info  music (limiter ${LIM[music]}, ${LIMDB[music]} dB): ${R_NO[music]}x faster than ffmpeg-normalize, ${R_EX[music]}x the plain extraction"
    echo "info  film51 (limiter ${LIM[film51]}, ${LIMDB[film51]} dB): ${R_NO[film51]}x faster than ffmpeg-normalize, ${R_EX[film51]}x the plain extraction"
    echo "prepare.sh wall time: ${TOTAL} s"
} | tee -a "$BENCH_DIR/.work/results.txt"

{
    for c in "${CASES[@]}"; do
        echo "L_I_$c=${L_I[$c]}"; echo "L_TP_$c=${L_TP[$c]}"
        echo "T_PF_$c=${T_PF[$c]}"; echo "S_PF_$c=${S_PF[$c]}"
        echo "T_EX_$c=${T_EX[$c]}"; echo "S_EX_$c=${S_EX[$c]}"
        echo "T_NO_$c=${T_NO[$c]}"; echo "S_NO_$c=${S_NO[$c]}"
        echo "RC_$c=${RC[$c]}"; echo "GAIN_$c=${GAIN[$c]}"; echo "LIM_$c=${LIM[$c]}"; echo "LIMDB_$c=${LIMDB[$c]}"
        echo "O_I_$c=${O_I[$c]}"; echo "O_TP_$c=${O_TP[$c]}"; echo "N_I_$c=${N_I[$c]}"; echo "N_TP_$c=${N_TP[$c]}"
    done
    echo "M_60=$M_60"; echo "M_1800=$M_1800"; echo "TOTAL=$TOTAL"
} >"$BENCH_DIR/.work/prepare.env"
exit 0

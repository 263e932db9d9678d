#!/usr/bin/env bash
# Lag-accuracy set for verify's lip-sync measurement (issue 12, Q-LIP-02). NOT committed.
#
# Usage: bash testmedia/lipset/generate.sh [OUT]
#   OUT defaults to $LIPSET_DIR, else /work/scratch/lipset. The talking-head originals are read
#   from $FACES_DIR (default /work/scratch/faces): face_1.mp4 ... face_5.mp4, the demo media of
#   OpenTalker/video-retalking @ d32e8e5 (examples/face/*.mp4, Apache-2.0 repository; HDTF
#   news/talk footage). Speakers whose clip is missing are skipped.
#
# For each speaker: the first 4.80 s (120 frames at 25 fps; every clip is at least 4.87 s long)
# of the clip, cropped to a square around the face when the frame is much larger than the face
# (so the face box is about 125-160 px tall) and scaled to 320x320; H.264 High crf 27, -g 25
# (a keyframe every second, no scenecut keyframes); AAC-LC mono 48 kHz 64k, exactly 230400
# samples. The picture is made once per speaker and stream-copied into every shifted file, so
# the files of one speaker differ only in their audio. The audio is the clip's own sound,
# shifted by a whole number of samples (shift_ms * 48) against the picture: positive = the
# audio is later than the picture (silence in front, the tail cut), negative = earlier (the
# head cut, silence at the end). Video and audio both start at 0 and both last 4.80 s.
#
# Truth is RELATIVE to the source clip's own sync (shift 0 = the clip as published, assumed
# in sync; face_1 is variable frame rate 15/30 fps and face_4 is 30 fps, so their fps=25
# pictures carry up to 20 ms of frame-rounding jitter). truth.tsv: file, speaker, shift_ms,
# shift_samples, source (tab-separated, one header line).
#
# Deterministic (bitexact flags, single-threaded x264) on the same FFmpeg build. About 1 min.
set -euo pipefail
OUT="${1:-${LIPSET_DIR:-/work/scratch/lipset}}"
FACES_DIR="${FACES_DIR:-/work/scratch/faces}"
mkdir -p "$OUT"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

FF=(ffmpeg -hide_banner -nostdin -loglevel error -y)
V=(-c:v libx264 -preset slow -profile:v high -crf 27 -g 25 -keyint_min 25 -sc_threshold 0 -pix_fmt yuv420p -threads 1)
A=(-c:a aac -b:a 64k -ac 1 -ar 48000)
M=(-movflags +faststart -fflags +bitexact -flags:v +bitexact -flags:a +bitexact -map_metadata -1 -map_chapters -1)
FRAMES=120
SAMPLES=230400   # 4.80 s at 48 kHz
SHIFTS=(-300 -200 -100 -40 0 40 100 200 300)

# speaker  crop (w:h:x:y in source pixels, "" = whole frame)
# Crops: a square 2.5x the median dlib face box (preflight check --content thorough), centred
# on it and clamped to the frame: face_1 box 281,124-516,359 (235 px) in 700x700; face_4 box
# 278,150-490,366 (212 px) in 700x700. face_2 (844), face_3 (590), face_5 (524): whole frame.
SPEAKERS=("face_1 588:588:104:0" "face_2 " "face_3 " "face_4 530:530:118:0" "face_5 ")

printf 'file\tspeaker\tshift_ms\tshift_samples\tsource\n' > "$OUT/truth.tsv"
for entry in "${SPEAKERS[@]}"; do
  spk="${entry%% *}"; crop="${entry#* }"
  src="$FACES_DIR/$spk.mp4"
  if [ ! -f "$src" ]; then echo "lipset: $src not found, skipping $spk" >&2; continue; fi
  vf="scale=320:320:flags=bicubic,setsar=1,fps=25:start_time=0,trim=end_frame=$FRAMES,format=yuv420p"
  [ -n "$crop" ] && vf="crop=$crop,$vf"
  # fps=25:start_time=0 anchors the output frames at t = 0 on the source's own timeline
  # (face_1's first frame is at 0.033 s: it is repeated), so the picture keeps its timing
  # against the audio, which starts at 0.
  "${FF[@]}" -i "$src" -map 0:v -vf "$vf" "${V[@]}" -an "${M[@]}" "$TMP/$spk.video.mp4"
  "${FF[@]}" -i "$src" -map 0:a \
    -af "aresample=48000,pan=mono|c0=0.5*c0+0.5*c1,atrim=end_sample=$SAMPLES,apad=whole_len=$SAMPLES,asetpts=N/SR/TB" \
    -c:a pcm_s16le "$TMP/$spk.wav"
  for ms in "${SHIFTS[@]}"; do
    n=$(( ms * 48 ))
    if [ "$ms" -ge 0 ]; then
      af="adelay=delays=${n}S:all=1,atrim=end_sample=$SAMPLES,asetpts=N/SR/TB"
    else
      af="atrim=start_sample=$(( -n )),asetpts=N/SR/TB,apad=whole_len=$SAMPLES"
    fi
    name=$(printf '%s_%+04d.mp4' "$spk" "$ms")
    "${FF[@]}" -i "$TMP/$spk.video.mp4" -i "$TMP/$spk.wav" -map 0:v -map 1:a -c:v copy \
      -af "$af" "${A[@]}" "${M[@]}" "$OUT/$name"
    printf '%s\t%s\t%d\t%d\t%s\n' "$name" "$spk" "$ms" "$n" "$spk.mp4" >> "$OUT/truth.tsv"
  done
  echo "lipset: $spk done" >&2
done
echo "lipset: $(($(wc -l < "$OUT/truth.tsv") - 1)) files in $OUT (truth.tsv)" >&2

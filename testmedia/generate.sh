#!/usr/bin/env bash
# Regenerates every preflight test fixture in this folder, then writes the
# independent ffprobe oracle expected/<file>.ffprobe.json for each of them.
#
# Usage: bash testmedia/generate.sh        (may be run from any directory)
#
# Requirements: ffmpeg/ffprobe 5.1 (Debian 12 apt build: libx264, libx265,
# libvpx, libopus, libvorbis, libmp3lame, libflite), python3 (only for the
# byte-level corruption of corrupt_bitstream.mp4 and the final manifest check).
#
# Idempotent: every output is overwritten. Determinism: bitexact flags and
# -map_metadata -1 everywhere, all x264/x265 encodes single-threaded, no
# unseeded randomness. fixtures.json (the manifest read by the tests) is
# hand-maintained; the end of this script checks it against the files.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

# NOTE: never limit A+V outputs with -frames:v: ffmpeg 5.1 then closes ALL streams of
# the output as soon as the video limit is hit, cutting the audio short. Video length
# is limited with trim=end_frame=N inside the lavfi source instead.
FF=(ffmpeg -hide_banner -nostdin -loglevel error -y)
# bitexact: no encoder version strings / random UIDs; strip global metadata+chapters.
BX=(-fflags +bitexact -flags:v +bitexact -flags:a +bitexact -map_metadata -1 -map_chapters -1)
# H.264 High, small and cheap. (ultrafast would silently drop to Constrained Baseline.)
X264=(-c:v libx264 -preset veryfast -profile:v high -crf 35 -pix_fmt yuv420p -threads 1)
X265P="log-level=error:pools=1:frame-threads=1:wpp=0"
AAC=(-c:a aac -b:a 64k -ac 2)
TESTSRC="testsrc2=size=320x240:rate=25"

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

rm -rf expected
mkdir -p expected

# Helper: 320x240 25 fps testsrc2 video + speech_48k.wav audio, 2 s (50 frames).
# Usage: av OUTPUT [encoder/muxer options...]
av() {
  local out="$1"; shift
  "${FF[@]}" -f lavfi -i "$TESTSRC,trim=end_frame=50" -i speech_48k.wav -map 0:v -map 1:a \
    "$@" "${BX[@]}" "$out"
}

###############################################################################
# Speech source + the "bundled video+audio pair"
###############################################################################

# speech_48k.wav: flite TTS "Hello from preflight" (~1.5 s, 16 kHz) resampled to
# 48 kHz, padded with silence to exactly 96000 samples (2.000 s), PCM s16le mono.
# Exercises: standalone audio half of the bundled pair; plain 16-bit 48 kHz mono WAV.
"${FF[@]}" -f lavfi \
  -i "flite=text='Hello from preflight':voice=slt,aresample=48000,apad=whole_len=96000,atrim=end_sample=96000" \
  -c:a pcm_s16le "${BX[@]}" speech_48k.wav

# h264_aac.mp4: testsrc2 320x240 25 fps 2 s, H.264 High crf 35 + AAC-LC stereo 48 kHz
# (speech upmixed). Exercises: the canonical "talking clip"; video half of the pair.
av h264_aac.mp4 "${X264[@]}" "${AAC[@]}"

###############################################################################
# Same content, other containers / codecs
###############################################################################

# h264_aac.mov: same as h264_aac.mp4 in a QuickTime container. Exercises: mov brand.
av h264_aac.mov "${X264[@]}" "${AAC[@]}"

# vp9_opus.webm: same content, VP9 (crf 45, realtime) + Opus 48k stereo. Exercises: WebM/VP9/Opus.
av vp9_opus.webm -c:v libvpx-vp9 -b:v 0 -crf 45 -deadline realtime -cpu-used 8 -threads 1 \
  -c:a libopus -b:a 48k -ac 2

# mpeg4_mp3.avi: same content, MPEG-4 Part 2 (q 8) + MP3 64k stereo in AVI. Exercises: AVI.
av mpeg4_mp3.avi -c:v mpeg4 -q:v 8 -c:a libmp3lame -b:a 64k -ac 2

# hevc_aac.mp4: same content, libx265 crf 35 tagged hvc1 + AAC. Exercises: HEVC in MP4 (hvc1).
av hevc_aac.mp4 -c:v libx265 -preset ultrafast -crf 35 -pix_fmt yuv420p -x265-params "$X265P" \
  -tag:v hvc1 "${AAC[@]}"

# hdr10_hevc.mp4: same content, 10-bit HEVC (yuv420p10le, Main 10) tagged BT.2020 /
# SMPTE ST 2084 (PQ) / bt2020nc in both the bitstream VUI and the MP4 colr box, plus
# HDR10 SEI (mastering display + MaxCLL). Exercises: HDR / 10-bit detection.
av hdr10_hevc.mp4 -c:v libx265 -preset ultrafast -crf 35 -pix_fmt yuv420p10le \
  -x265-params "$X265P:hdr10=1:colorprim=bt2020:transfer=smpte2084:colormatrix=bt2020nc:master-display=G(13250,34500)B(7500,3000)R(34000,16000)WP(15635,16450)L(10000000,1):max-cll=1000,400" \
  -color_primaries bt2020 -color_trc smpte2084 -colorspace bt2020nc -color_range tv \
  -tag:v hvc1 "${AAC[@]}"

###############################################################################
# Alpha
###############################################################################

# alpha_vp9.webm: testsrc2 320x240 25 fps 2 s with a horizontal alpha ramp (geq),
# VP9 yuva420p, no audio. Exercises: alpha in VP9. NOTE: ffprobe shows pix_fmt
# yuv420p plus stream tag ALPHA_MODE=1 (alpha lives in BlockAdditional) - expected.
"${FF[@]}" -f lavfi \
  -i "$TESTSRC,format=yuva420p,geq=lum='lum(X,Y)':cb='cb(X,Y)':cr='cr(X,Y)':a='255*X/W'" \
  -frames:v 50 -c:v libvpx-vp9 -pix_fmt yuva420p -b:v 0 -crf 45 -deadline realtime -cpu-used 8 \
  -threads 1 "${BX[@]}" alpha_vp9.webm

# alpha_qtrle.mov: 160x120 25 fps 1 s, flat shapes with an alpha ramp, QuickTime
# Animation (qtrle) argb, no audio. Exercises: a pix_fmt that visibly carries alpha (argb).
"${FF[@]}" -f lavfi \
  -i "testsrc=size=160x120:rate=25,format=rgba,geq=r='r(X,Y)':g='g(X,Y)':b='b(X,Y)':a='255*gt(X,W/2)'" \
  -frames:v 25 -c:v qtrle -pix_fmt argb "${BX[@]}" alpha_qtrle.mov

###############################################################################
# Geometry / timing
###############################################################################

# rotated90.mp4: h264_aac.mp4 remuxed (-c copy) with -metadata:s:v:0 rotate=90
# (ffmpeg 5.1 has no -display_rotation); the mov muxer turns it into a tkhd display
# matrix. Exercises: rotation side data (ffprobe: displaymatrix rotation -90).
"${FF[@]}" -i h264_aac.mp4 -map 0 -c copy -metadata:s:v:0 rotate=90 "${BX[@]}" rotated90.mp4

# vfr.mp4: testsrc2 generated at 30 fps, first 30 frames kept at 1/30 s spacing
# (1 s), next 15 frames re-timed to 1/15 s spacing (1 s) via setpts, encoded with
# -fps_mode vfr, + 2 s speech AAC. 45 frames, 2.0 s. Exercises: genuinely variable
# frame rate (r_frame_rate 30/1 vs avg_frame_rate 45/2, uneven stts deltas).
"${FF[@]}" -f lavfi \
  -i "testsrc2=size=320x240:rate=30,trim=end_frame=45,setpts='if(lt(N\,30)\,N\,30+(N-30)*2)'" \
  -i speech_48k.wav -map 0:v -map 1:a -fps_mode vfr -video_track_timescale 30000 \
  "${X264[@]}" "${AAC[@]}" "${BX[@]}" vfr.mp4

# fps2997.mp4: testsrc2 320x240 at 30000/1001 fps, 60 frames (2.002 s) + speech AAC.
# Exercises: NTSC fractional frame rate.
"${FF[@]}" -f lavfi -i "testsrc2=size=320x240:rate=30000/1001,trim=end_frame=60" -i speech_48k.wav \
  -map 0:v -map 1:a "${X264[@]}" "${AAC[@]}" "${BX[@]}" fps2997.mp4

# fps60.mp4: testsrc2 320x240 at 60 fps, 120 frames (2.0 s) + speech AAC. Exercises: 60 fps.
"${FF[@]}" -f lavfi -i "testsrc2=size=320x240:rate=60,trim=end_frame=120" -i speech_48k.wav \
  -map 0:v -map 1:a "${X264[@]}" "${AAC[@]}" "${BX[@]}" fps60.mp4

# interlaced.mp4: testsrc2 320x240 25 fps 2 s, setfield=tff, x264 interlaced=1:tff=1
# (PAFF/MBAFF field coding) + speech AAC. Exercises: field_order "tt" (interlaced content).
av interlaced.mp4 -vf setfield=tff "${X264[@]}" -x264-params interlaced=1:tff=1 "${AAC[@]}"

# over4k_4104x2160.mp4: flat blue colour 4104x2160, 25 fps, 2 frames (0.08 s), H.264,
# no audio. Exercises: a resolution just beyond 4096 wide (DCI 4K) - size limit rules.
"${FF[@]}" -f lavfi -i "color=c=blue:size=4104x2160:rate=25" -frames:v 2 \
  "${X264[@]}" "${BX[@]}" over4k_4104x2160.mp4

# Colour description of HD video (V-COLOR-01) and chroma of a master (V-CHROMA-01): testsrc2, 2 frames
# (0.08 s), no audio. V-COLOR-01's fix command is run on each of them by the tests.
HD2="testsrc2=size=1280x720:rate=25,trim=end_frame=2"
# hevc_untagged_720p.mp4: HEVC 1280x720, x265 writes the range (tv) but no matrix/primaries/transfer.
# Exercises: V-COLOR-01 with hevc_metadata as the fix.
"${FF[@]}" -f lavfi -i "$HD2" -c:v libx265 -preset ultrafast -crf 35 -pix_fmt yuv420p -x265-params "$X265P" \
  -tag:v hvc1 "${BX[@]}" hevc_untagged_720p.mp4
# mpeg4_untagged_720p.avi: MPEG-4 Part 2 1280x720 in AVI, no colour tags at all. Exercises: V-COLOR-01
# for a codec without a metadata bitstream filter (the fix re-encodes).
"${FF[@]}" -f lavfi -i "$HD2" -c:v mpeg4 -q:v 24 "${BX[@]}" mpeg4_untagged_720p.avi
# h264_pal_fullrange_720p.mp4: H.264 1280x720 tagged primaries bt470bg and full range, matrix and transfer
# untagged. Exercises: V-COLOR-01's fix keeps the tags the file has (BT.470BG, full range).
"${FF[@]}" -f lavfi -i "$HD2" "${X264[@]}" -color_primaries bt470bg -color_range pc "${BX[@]}" h264_pal_fullrange_720p.mp4
# h264_422_320x240.mp4: H.264 High 4:2:2 (yuv422p) 320x240. Exercises: V-CHROMA-01 (4:2:2 master).
"${FF[@]}" -f lavfi -i "testsrc2=size=320x240:rate=25,trim=end_frame=2" -c:v libx264 -preset veryfast \
  -profile:v high422 -crf 35 -pix_fmt yuv422p -threads 1 "${BX[@]}" h264_422_320x240.mp4

# small_320x180.mp4: testsrc2 320x180 25 fps 2 s + speech AAC. Exercises: below 480p.
"${FF[@]}" -f lavfi -i "testsrc2=size=320x180:rate=25,trim=end_frame=50" -i speech_48k.wav \
  -map 0:v -map 1:a "${X264[@]}" "${AAC[@]}" "${BX[@]}" small_320x180.mp4

###############################################################################
# Stream layouts
###############################################################################

# video_only.mp4: testsrc2 320x240 25 fps 2 s H.264, no audio. Exercises: no audio stream.
"${FF[@]}" -f lavfi -i "$TESTSRC" -frames:v 50 "${X264[@]}" "${BX[@]}" video_only.mp4

# audio_only.mp4: speech_48k.wav as AAC-LC mono 64k in MP4, no video. Exercises: no video stream.
"${FF[@]}" -i speech_48k.wav -c:a aac -b:a 64k "${BX[@]}" audio_only.mp4

# two_audio.mp4: testsrc2 2 s H.264 + audio #1 speech (AAC stereo, language eng,
# default) + audio #2 880 Hz sine (AAC stereo, language spa). Exercises: multiple
# audio streams / stream selection.
"${FF[@]}" -f lavfi -i "$TESTSRC,trim=end_frame=50" -i speech_48k.wav -f lavfi -i "sine=frequency=880:sample_rate=48000:duration=2" \
  -map 0:v -map 1:a -map 2:a "${X264[@]}" "${AAC[@]}" \
  -metadata:s:a:0 language=eng -metadata:s:a:1 language=spa \
  -disposition:a:0 default -disposition:a:1 0 "${BX[@]}" two_audio.mp4

# mp3_cover.mp3: speech as MP3 VBR (-q:a 5, with Xing/LAME header) + a 200x200 PNG
# (one testsrc2 frame) as ID3v2.3 APIC attached picture. Exercises: attached_pic video
# stream that must not be treated as real video.
"${FF[@]}" -f lavfi -i "testsrc2=size=200x200:rate=1" -frames:v 1 "$TMP/cover.png"
"${FF[@]}" -i speech_48k.wav -i "$TMP/cover.png" -map 0:a -map 1:v \
  -c:a libmp3lame -q:a 5 -c:v png -disposition:v attached_pic \
  -metadata:s:v title="Album cover" -metadata:s:v comment="Cover (front)" \
  -id3v2_version 3 "${BX[@]}" mp3_cover.mp3

# subtitles.mkv: testsrc2 2 s H.264 + speech AAC + an SRT subtitle stream (2 cues,
# language eng) in Matroska. Exercises: subtitle stream present.
cat > "$TMP/subs.srt" <<'EOF'
1
00:00:00,000 --> 00:00:01,000
Hello from preflight

2
00:00:01,000 --> 00:00:02,000
Second cue
EOF
"${FF[@]}" -f lavfi -i "$TESTSRC,trim=end_frame=50" -i speech_48k.wav -i "$TMP/subs.srt" \
  -map 0:v -map 1:a -map 2:s "${X264[@]}" "${AAC[@]}" -c:s srt \
  -metadata:s:s:0 language=eng "${BX[@]}" subtitles.mkv

###############################################################################
# WAV matrix: depths {s16, s24, f32} x rates {8000, 22050, 44100, 48000, 96000} x
# layouts {mono, stereo, 5.1}, combined (not crossed); every value appears at least
# once (48000/s16/mono is speech_48k.wav). 1 s each, sine tones via aevalsrc.
###############################################################################

# Helper: wav NAME CODEC RATE LAYOUT
wav() {
  local name="$1" codec="$2" rate="$3" layout="$4" exprs
  case "$layout" in
    mono)   exprs="0.5*sin(2*PI*440*t)" ;;
    stereo) exprs="0.5*sin(2*PI*440*t)|0.5*sin(2*PI*660*t)" ;;
    5.1)    exprs="0.5*sin(2*PI*440*t)|0.5*sin(2*PI*550*t)|0.5*sin(2*PI*660*t)|0.3*sin(2*PI*55*t)|0.5*sin(2*PI*770*t)|0.5*sin(2*PI*880*t)" ;;
  esac
  "${FF[@]}" -f lavfi -i "aevalsrc=exprs=$exprs:sample_rate=$rate:channel_layout=$layout:duration=1" \
    -c:a "$codec" "${BX[@]}" "$name"
}
# pcm_s16le_8000_mono.wav: 16-bit, 8 kHz, mono. Exercises: lowest rate (telephony).
wav pcm_s16le_8000_mono.wav     pcm_s16le 8000  mono
# pcm_s16le_22050_5.1.wav: 16-bit, 22.05 kHz, 5.1 (WAVE_FORMAT_EXTENSIBLE + channel mask).
wav pcm_s16le_22050_5.1.wav     pcm_s16le 22050 5.1
# pcm_s24le_44100_stereo.wav: 24-bit, 44.1 kHz, stereo. Exercises: 24-bit PCM.
wav pcm_s24le_44100_stereo.wav  pcm_s24le 44100 stereo
# pcm_s24le_96000_mono.wav: 24-bit, 96 kHz, mono. Exercises: high sample rate.
wav pcm_s24le_96000_mono.wav    pcm_s24le 96000 mono
# pcm_f32le_48000_stereo.wav: 32-bit float (IEEE_FLOAT), 48 kHz, stereo.
wav pcm_f32le_48000_stereo.wav  pcm_f32le 48000 stereo
# pcm_f64le_48000_mono.wav: 64-bit float, 48 kHz, mono. Exercises: a depth later rules reject.
wav pcm_f64le_48000_mono.wav    pcm_f64le 48000 mono

###############################################################################
# Compressed audio-only formats (all from speech_48k.wav, 2.0 s)
###############################################################################

# mp3_vbr_xing.mp3: libmp3lame VBR -q:a 5 with Xing/LAME info frame. Exercises: exact
# MP3 duration from the Xing header (and gapless delay/padding).
"${FF[@]}" -i speech_48k.wav -c:a libmp3lame -q:a 5 "${BX[@]}" mp3_vbr_xing.mp3

# mp3_vbr_noxing.mp3: same VBR encode with -write_xing 0 (no Xing/Info frame). Exercises:
# no duration header at all - ffprobe falls back to estimating from the first frame's
# bitrate ("Estimating duration from bitrate"), which is wrong for VBR.
"${FF[@]}" -i speech_48k.wav -c:a libmp3lame -q:a 5 -write_xing 0 "${BX[@]}" mp3_vbr_noxing.mp3

# flac_48k.flac: FLAC level 5 mono 48 kHz (STREAMINFO carries total samples).
"${FF[@]}" -i speech_48k.wav -c:a flac "${BX[@]}" flac_48k.flac

# vorbis.ogg: Ogg Vorbis -q:a 2. Exercises: Ogg container (duration from last granule).
"${FF[@]}" -i speech_48k.wav -c:a libvorbis -q:a 2 "${BX[@]}" vorbis.ogg

# opus.opus: Ogg Opus 32k (pre-skip 312). Exercises: .opus extension / Opus in Ogg.
"${FF[@]}" -i speech_48k.wav -c:a libopus -b:a 32k "${BX[@]}" opus.opus

# aac.m4a: AAC-LC 64k mono in an M4A (ipod muxer). Exercises: .m4a.
"${FF[@]}" -i speech_48k.wav -c:a aac -b:a 64k "${BX[@]}" aac.m4a

# adts.aac: raw ADTS AAC-LC 64k mono. Exercises: headerless stream (no duration field;
# ffprobe estimates duration from bitrate).
"${FF[@]}" -i speech_48k.wav -c:a aac -b:a 64k -f adts "${BX[@]}" adts.aac

# wmav2.wma: WMA v2 64k mono 48 kHz in ASF. Exercises: ASF/WMA.
"${FF[@]}" -i speech_48k.wav -c:a wmav2 -b:a 64k "${BX[@]}" wmav2.wma

###############################################################################
# Missing / lying duration headers
###############################################################################

# nodur_mediarecorder.webm: testsrc2 2 s VP8 + Opus, written to a PIPE (non-seekable),
# as browsers' MediaRecorder do: no Duration element, no Cues, unknown-size Segment and
# Clusters. Exercises: format duration absent -> must measure content.
"${FF[@]}" -f lavfi -i "$TESTSRC,trim=end_frame=50" -i speech_48k.wav -map 0:v -map 1:a \
  -c:v libvpx -b:v 200k -deadline realtime -cpu-used 8 -threads 1 -c:a libopus -b:a 48k -ac 2 \
  "${BX[@]}" -f webm pipe:1 > nodur_mediarecorder.webm

# streaming_header.wav: speech resampled to 16 kHz mono s16, 2.0 s, written to a PIPE
# so the muxer cannot seek back: RIFF size and data size stay at the 0xFFFFFFFF
# placeholder. Exercises: WAV with unknown sizes (data runs to EOF).
"${FF[@]}" -i speech_48k.wav -ar 16000 -c:a pcm_s16le "${BX[@]}" -f wav pipe:1 > streaming_header.wav

# bogus_header.wav: a valid 4.0 s 8 kHz mono s16 WAV (440 Hz sine, 44-byte header,
# 64000 data bytes) cut with head -c to 44+32000 bytes: the header still claims 4.0 s,
# 2.0 s of samples remain. Exercises: header duration larger than the content.
"${FF[@]}" -f lavfi -i "sine=frequency=440:sample_rate=8000:duration=4" -c:a pcm_s16le \
  "${BX[@]}" "$TMP/full4s.wav"
if [ "$(dd if="$TMP/full4s.wav" bs=1 skip=36 count=4 2>/dev/null)" != "data" ]; then
  echo "bogus_header.wav: expected a 44-byte canonical WAV header" >&2; exit 1
fi
head -c $((44 + 32000)) "$TMP/full4s.wav" > bogus_header.wav

###############################################################################
# Truncated / fragmented MP4
###############################################################################

# Helper for 3 s clips: testsrc2 + speech padded with silence to 3 s, keyframe every 25.
av3() {
  local out="$1"; shift
  "${FF[@]}" -f lavfi -i "$TESTSRC,trim=end_frame=75" -i speech_48k.wav -map 0:v -map 1:a \
    -af apad=whole_len=144000 "$@" "${BX[@]}" "$out"
}

# truncated_faststart.mp4: 3 s H.264+AAC with moov first (+faststart), cut to half its
# bytes. moov still describes 3 s, mdat only holds about half. Readable; the true
# duration is the end of the last video frame that decodes (measured below, recorded in
# fixtures.json). Exercises: header duration longer than the content.
av3 "$TMP/full_faststart.mp4" "${X264[@]}" -g 25 "${AAC[@]}" -movflags +faststart
sz=$(stat -c %s "$TMP/full_faststart.mp4")
head -c $((sz / 2)) "$TMP/full_faststart.mp4" > truncated_faststart.mp4

# truncated_moov_end.mp4: the same 3 s clip with moov at the END (default), cut to half:
# no moov -> unreadable ("moov atom not found"). Exercises: expectedError "truncated".
av3 "$TMP/full_moovend.mp4" "${X264[@]}" -g 25 "${AAC[@]}"
sz=$(stat -c %s "$TMP/full_moovend.mp4")
head -c $((sz / 2)) "$TMP/full_moovend.mp4" > truncated_moov_end.mp4

# fragmented.mp4: 2 s H.264+AAC, -movflags frag_keyframe+empty_moov, keyframe every
# 25 frames (2 video fragments). moov has no samples/duration; data in moof/mdat.
# Exercises: fragmented MP4 (duration has to come from the fragments).
av fragmented.mp4 "${X264[@]}" -g 25 "${AAC[@]}" -movflags frag_keyframe+empty_moov

###############################################################################
# Unreadable / hostile inputs
###############################################################################

# empty.mp4: zero bytes. Exercises: expectedError "empty".
: > empty.mp4

# text_renamed.mp4: plain ASCII text named .mp4. Exercises: expectedError "notMedia".
printf 'This is not a video.\nIt is a plain text file that someone renamed to .mp4.\n' > text_renamed.mp4

# corrupt_bitstream.mp4: 2 s H.264+AAC with moov first (+faststart), keyframe every
# 25 frames; then the middle third of the mdat payload is overwritten in place with
# a fixed pattern (byte i = (i*37+11) & 0xff): container and moov intact, NAL length
# prefixes/slices in the middle destroyed. Opens, but decoding reports errors.
# Exercises: expectedError "corrupt" with readable=true.
av "$TMP/corrupt_src.mp4" "${X264[@]}" -g 25 "${AAC[@]}" -movflags +faststart
cp "$TMP/corrupt_src.mp4" corrupt_bitstream.mp4
python3 - corrupt_bitstream.mp4 <<'EOF'
import struct, sys
path = sys.argv[1]
data = bytearray(open(path, 'rb').read())
off = 0
while off + 8 <= len(data):
    size, typ = struct.unpack('>I4s', data[off:off + 8])
    if typ == b'mdat':
        start, end = off + 8, off + size
        break
    off += size
else:
    sys.exit('no mdat box found')
a = start + (end - start) // 3
b = start + 2 * (end - start) // 3
data[a:b] = bytes(((i * 37 + 11) & 0xff) for i in range(b - a))
open(path, 'wb').write(data)
EOF

# segment0.ts: 2 s H.264+AAC MPEG-TS (same content as h264_aac.mp4). It is the media
# segment referenced by hls_playlist.mp4; readable on its own. Exercises: MPEG-TS.
av segment0.ts "${X264[@]}" "${AAC[@]}" -f mpegts

# hls_playlist.mp4: an HLS media playlist (text) named .mp4, pointing at segment0.ts.
# Exercises: indirection trap - preflight must refuse, never follow (ffprobe follows it).
cat > hls_playlist.mp4 <<'EOF'
#EXTM3U
#EXT-X-VERSION:3
#EXT-X-TARGETDURATION:2
#EXT-X-MEDIA-SEQUENCE:0
#EXTINF:2.000,
segment0.ts
#EXT-X-ENDLIST
EOF

# concat_list.mp4: an ffconcat script named .mp4 referencing h264_aac.mp4.
# Exercises: indirection trap - preflight must refuse, never follow (ffprobe follows it).
cat > concat_list.mp4 <<'EOF'
ffconcat version 1.0
file h264_aac.mp4
EOF

# absurd_dimensions.y4m: a 66-byte YUV4MPEG2 file declaring 16000x16000 (256 Mpixel,
# 384 MB per frame) followed by "FRAME" and 8 bytes. libavformat accepts it and
# reports 16000x16000, so preflight's own dimension limit must reject it.
# Exercises: expectedError "absurdDimensions".
printf 'YUV4MPEG2 W16000 H16000 F25:1 Ip A1:1 C420jpeg\nFRAME\n01234567' > absurd_dimensions.y4m

# absurd_dimensions_30000.y4m: same idea with 30000x30000 (the size in the original
# brief). av_image_check_size rejects it already inside avformat_open_input, so ffprobe
# fails ("Picture size 30000x30000 is invalid", reported with a bogus errno).
# Exercises: expectedError "absurdDimensions" when libav itself refuses.
printf 'YUV4MPEG2 W30000 H30000 F25:1 Ip A1:1 C420jpeg\nFRAME\n01234567' > absurd_dimensions_30000.y4m

###############################################################################
# Inputs for `check` rules (issue 3).
###############################################################################
# pcm_s16le_8000_10ch.wav: 10 channels (above the API's 7.1 = 8). Exercises A-CH-01.
ffmpeg -y -v error -f lavfi -i "sine=f=440:r=8000:d=0.25" -filter_complex "[0]asplit=10[a0][a1][a2][a3][a4][a5][a6][a7][a8][a9];[a0][a1][a2][a3][a4][a5][a6][a7][a8][a9]amerge=inputs=10" \
  -c:a pcm_s16le -map_metadata -1 -fflags +bitexact -flags:a +bitexact pcm_s16le_8000_10ch.wav
# still_320x240.png / still_320x240.jpg / still_64x48.bmp: a still picture (sync-3 image input).
# PNG and JPEG are accepted; BMP is not (F-IMG-02). Exercises F-IMG-01/02, F-VIS-01.
ffmpeg -y -v error -f lavfi -i "testsrc2=s=320x240:r=1:d=1" -frames:v 1 -map_metadata -1 -fflags +bitexact -flags:v +bitexact still_320x240.png
ffmpeg -y -v error -f lavfi -i "testsrc2=s=320x240:r=1:d=1" -frames:v 1 -map_metadata -1 -fflags +bitexact -flags:v +bitexact still_320x240.jpg
ffmpeg -y -v error -f lavfi -i "testsrc2=s=64x48:r=1:d=1" -frames:v 1 -map_metadata -1 -fflags +bitexact -flags:v +bitexact still_64x48.bmp
# still_4200x64.png: an image wider than 4K (flat colour, tiny). Exercises F-IMG-02.
ffmpeg -y -v error -f lavfi -i "color=c=gray:s=4200x64:r=1:d=1" -frames:v 1 -map_metadata -1 -fflags +bitexact -flags:v +bitexact still_4200x64.png
# speech_8s.flac: 8 s of speech-like tone bursts at 48 kHz mono (FLAC keeps it small), longer than the 2 s clips: audio-longer
# cases for sync_mode advice, and a loud tail for D-MODE-04 (cut_off would drop 6 s of sound).
ffmpeg -y -v error -f lavfi -i "sine=f=220:r=48000:d=8" -af "volume='if(lt(mod(t,1),0.6),0.5,0.02)':eval=frame" \
  -c:a flac -map_metadata -1 -fflags +bitexact -flags:a +bitexact speech_8s.flac
# loop_2s.mp4: a clip whose last frame equals its first (a static colour card with a moving box that
# returns to its start), for loop advice. Exercises the seamless-loop detection.
ffmpeg -y -v error -f lavfi -i "color=c=navy:s=320x240:r=25:d=2" -vf "drawbox=x='100+60*sin(2*PI*t/2)':y=100:w=40:h=40:c=yellow:t=fill" \
  -c:v libx264 -preset ultrafast -crf 30 -pix_fmt yuv420p -g 25 -map_metadata -1 -fflags +bitexact -flags:v +bitexact loop_2s.mp4

###############################################################################
# Streams FFmpeg 5.1 cannot decode, and a file with no packet (issue 10). Byte edits
# relabel ordinary streams with codecs Debian's libavcodec has no decoder for (in
# `ffmpeg -codecs`, avs2 and mpegh_3d_audio have no D), so libavformat demuxes the
# packets but nothing decodes them.
###############################################################################

# avs2_nodecoder.avi: 10 frames of 64x48 MPEG-4 Part 2 in AVI, the FourCC (strh and strf)
# rewritten from FMP4 to AVS2: an AVS2 video stream (no libdavs2 in Debian's build).
# Exercises: packets but no frame (probe --exact "undecodable", check V-DEC-01).
"${FF[@]}" -f lavfi -i "testsrc2=size=64x48:rate=25,trim=end_frame=10" -c:v mpeg4 -q:v 10 "${BX[@]}" "$TMP/fmp4.avi"
python3 - "$TMP/fmp4.avi" avs2_nodecoder.avi <<'EOF'
import sys
data = open(sys.argv[1], 'rb').read()
if data.count(b'FMP4') != 2:
    sys.exit('avs2_nodecoder.avi: expected the FourCC FMP4 in strh and strf only')
open(sys.argv[2], 'wb').write(data.replace(b'FMP4', b'AVS2'))
EOF

# mpegh_nodecoder.m4a: 0.5 s of 440 Hz AAC in M4A, the sample entry relabelled from mp4a to
# mhm1 (MPEG-H 3D Audio) and its esds box renamed to free, so libavformat keeps the MPEG-H
# codec id. Exercises: audio packets but no frame (probe --exact "undecodable", check A-DEC-01).
"${FF[@]}" -f lavfi -i "sine=frequency=440:sample_rate=48000:duration=0.5" -c:a aac -b:a 32k "${BX[@]}" "$TMP/aac.m4a"
python3 - "$TMP/aac.m4a" mpegh_nodecoder.m4a <<'EOF'
import sys
data = open(sys.argv[1], 'rb').read()
if data.count(b'mp4a') != 1 or data.count(b'esds') != 1:
    sys.exit('mpegh_nodecoder.m4a: expected one mp4a sample entry with one esds box')
open(sys.argv[2], 'wb').write(data.replace(b'mp4a', b'mhm1').replace(b'esds', b'free'))
EOF

# no_packets.m4a: an M4A whose AAC track holds no sample while the movie header declares
# 2.0 s: a fragmented M4A of no frame (-frames:a 0), its mvex box renamed to free (a plain
# MP4 with empty sample tables) and the mvhd duration set to 2 s.
# Exercises: probe --exact "no-packets", check A-DEC-01.
"${FF[@]}" -f lavfi -i "sine=frequency=440:sample_rate=48000" -frames:a 0 -c:a aac -b:a 32k \
  -movflags frag_keyframe+empty_moov "${BX[@]}" "$TMP/empty.m4a"
python3 - "$TMP/empty.m4a" no_packets.m4a <<'EOF'
import struct, sys
data = bytearray(open(sys.argv[1], 'rb').read())
if data.count(b'mvex') != 1 or data.count(b'mvhd') != 1 or b'moof' in data:
    sys.exit('no_packets.m4a: expected one mvex and one mvhd box, and no fragment')
m = data.find(b'mvex')
data[m:m + 4] = b'free'
h = data.find(b'mvhd')
if data[h + 4] != 0:
    sys.exit('no_packets.m4a: expected a version 0 mvhd')
timescale = struct.unpack('>I', data[h + 16:h + 20])[0]
data[h + 20:h + 24] = struct.pack('>I', 2 * timescale)
open(sys.argv[2], 'wb').write(data)
EOF

###############################################################################
# Speaker selection (issue 11 item 6; dub branch). Cut from real talking-head clips kept
# OUTSIDE the repository (FACES_DIR, default /work/scratch/faces): the demo media of
# OpenTalker/video-retalking @ d32e8e5 (examples/face/*.mp4, Apache-2.0), news/talk
# footage of public figures as used in the HDTF talking-face dataset. Skipped, keeping the
# committed file, when the originals are not there.
###############################################################################
FACES_DIR="${FACES_DIR:-/work/scratch/faces}"
# two_faces_side_by_side.mp4: face_2 (left) and face_3 (right), the first 2 s of each scaled to
# 320x320 and stacked side by side: 640x320, 25 fps, 50 frames, H.264 High; face_2's own speech
# as AAC mono 48 kHz. Exercises --speaker left/right/largest/N and --speaker-boxes (and F-FACE-02).
if [ -f "$FACES_DIR/face_2.mp4" ] && [ -f "$FACES_DIR/face_3.mp4" ]; then
  "${FF[@]}" -i "$FACES_DIR/face_2.mp4" -i "$FACES_DIR/face_3.mp4" -filter_complex \
    "[0:v]trim=0:2,setpts=PTS-STARTPTS,scale=320:320,setsar=1[l];[1:v]trim=0:2,setpts=PTS-STARTPTS,scale=320:320,setsar=1[r];[l][r]hstack=inputs=2,format=yuv420p[v];[0:a]atrim=0:2,asetpts=PTS-STARTPTS,aresample=48000[a]" \
    -map "[v]" -map "[a]" -c:v libx264 -preset slow -profile:v high -crf 30 -g 25 -threads 1 \
    -c:a aac -b:a 64k -ac 1 -movflags +faststart "${BX[@]}" two_faces_side_by_side.mp4
else
  echo "two_faces_side_by_side.mp4: $FACES_DIR/face_{2,3}.mp4 not found, keeping the committed file" >&2
fi

# Speech (issue 11, speech developer): real speech cut from the OpenTalker/video-retalking demo audio
# (FACES, see README.md), alone, over synthesised music, after 2.5 s of silence; music alone; digital
# silence; near-silence. 16 kHz mono FLAC keeps them small. The labelled set of docs/CONTENT.md is
# speechset/generate.sh (generated when measured, not committed).
###############################################################################
FACES=${FACES:-/work/scratch/faces}
if [ -f "$FACES/audio_1.wav" ]; then
  ffmpeg -v error -nostdin -y -i "$FACES/audio_1.wav" -t 3 -ac 1 -ar 16000 -c:a flac speech_real.flac
else
  echo "speech_real.flac kept: $FACES/audio_1.wav not found" >&2
fi
# C-Am-F-G, 0.75 s a chord, re-struck every 0.375 s, with a kick on each chord.
music_expr='0.12*(if(lt(mod(t,3),0.75),sin(2*PI*261.6*t)+sin(2*PI*329.6*t)+sin(2*PI*392*t),if(lt(mod(t,3),1.5),sin(2*PI*220*t)+sin(2*PI*261.6*t)+sin(2*PI*329.6*t),if(lt(mod(t,3),2.25),sin(2*PI*174.6*t)+sin(2*PI*220*t)+sin(2*PI*261.6*t),sin(2*PI*196*t)+sin(2*PI*246.9*t)+sin(2*PI*293.7*t))))*exp(-2*mod(t,0.375))+0.5*sin(2*PI*(50+100*exp(-20*mod(t,0.75)))*mod(t,0.75))*exp(-8*mod(t,0.75)))'
ffmpeg -v error -nostdin -y -f lavfi -i "aevalsrc='$music_expr':s=16000:d=3" -c:a flac music_only.flac
ffmpeg -v error -nostdin -y -i speech_real.flac -i music_only.flac \
  -filter_complex "[1]volume=0.35[m];[0][m]amix=inputs=2:duration=first:normalize=0" -ar 16000 -c:a flac speech_over_music.flac
ffmpeg -v error -nostdin -y -i speech_real.flac -af "adelay=2500:all=1" -ar 16000 -c:a flac speech_late_start.flac
ffmpeg -v error -nostdin -y -f lavfi -i "anullsrc=r=16000:cl=mono" -t 3 -c:a flac silence_digital.flac
ffmpeg -v error -nostdin -y -f lavfi -i "anoisesrc=c=white:a=0.0003:seed=3:r=16000:d=3" -c:a flac near_silence.flac


# Faces (issue 11, faces developer): real talking heads cut from the demo clips of
# OpenTalker/video-retalking (commit d32e8e5, examples/face/*.mp4, Apache-2.0 repository;
# news/talk footage of public figures as used in the HDTF dataset). The originals are
# not committed: set FACES_DIR to a folder holding face_1.mp4 ... face_5.mp4 (default
# /work/scratch/faces); without them these fixtures are kept as they are.
###############################################################################
FACES_DIR="${FACES_DIR:-/work/scratch/faces}"
if [ -f "$FACES_DIR/face_2.mp4" ]; then
  F2="$FACES_DIR/face_2.mp4"; F1="$FACES_DIR/face_1.mp4"; F3="$FACES_DIR/face_3.mp4"
  X264="-c:v libx264 -preset medium -crf 30 -pix_fmt yuv420p -threads 1 -map_metadata -1 -fflags +bitexact -flags:v +bitexact"
  AAC="-c:a aac -b:a 48k -ac 1 -ar 44100 -flags:a +bitexact"
  # face_talk.mp4: one person talking, 3 s, 320x320 25 fps, with their own speech (the clean case).
  ffmpeg -nostdin -y -v error -i "$F2" -t 3 -vf "scale=320:320" -r 25 $X264 $AAC face_talk.mp4
  # face_none.mp4: no face at all (testsrc2 card) over the same real speech, 2 s. F-FACE-01/04.
  ffmpeg -nostdin -y -v error -f lavfi -i "testsrc2=s=320x240:r=25:d=2" -i "$F2" -map 0:v -map 1:a -t 2 $X264 $AAC face_none.mp4
  # face_two.mp4: two people side by side (hstack of two clips), 2 s, 480x240. F-FACE-02.
  ffmpeg -nostdin -y -v error -i "$F1" -i "$F3" -filter_complex "[0:v]scale=240:240,fps=25,trim=0:2[l];[1:v]scale=240:240,fps=25,trim=0:2[r];[l][r]hstack" \
    -map 1:a -t 2 $X264 $AAC face_two.mp4
  # face_late.mp4: 2 s of black, then the talking face for 1.5 s. F-FACE-01, F-FACE-04.
  ffmpeg -nostdin -y -v error -i "$F2" -filter_complex "[0:v]scale=320:320,fps=25,trim=0:1.5,setpts=PTS-STARTPTS,tpad=start_duration=2:color=black[v]" \
    -map "[v]" -map 0:a -t 3.5 $X264 $AAC face_late.mp4
  # face_small.mp4: the face scaled to 140x140 in a 960x540 grey frame, 1.5 s. F-FACE-03.
  ffmpeg -nostdin -y -v error -i "$F2" -f lavfi -i "color=c=0x506070:s=960x540:r=25:d=1.5" \
    -filter_complex "[0:v]scale=140:140,fps=25[f];[1:v][f]overlay=x=600:y=300:shortest=1" -map 0:a -t 1.5 $X264 $AAC face_small.mp4
  # face_still.mp4: 1 s talking, the picture frozen for 2.5 s, 1 s talking again (320x320, no audio). V-STILL-01.
  ffmpeg -nostdin -y -v error -i "$F3" -filter_complex "[0:v]scale=320:320,fps=25,split[a][b];[a]trim=0:1,setpts=PTS-STARTPTS,tpad=stop_mode=clone:stop_duration=2.5[s];[b]trim=1:2,setpts=PTS-STARTPTS[m];[s][m]concat=n=2:v=1[v]" \
    -map "[v]" $X264 face_still.mp4
  # face_loop_mouth.mp4: forward 3.12-4.0 s then back to 3.08 s: the first frame has the mouth closed, the
  # last (0.04 s earlier in the source) open, the rest of the picture nearly the same. Loop advice: bounce.
  ffmpeg -nostdin -y -v error -i "$F2" -filter_complex "[0:v]scale=320:320,split[a][b];[a]trim=3.12:4.0,setpts=PTS-STARTPTS[f];[b]trim=3.08:4.0,setpts=PTS-STARTPTS,reverse[r];[f][r]concat=n=2:v=1,fps=25[v]" \
    -map "[v]" $X264 face_loop_mouth.mp4
  # face_loop_true.mp4: forward 3.12-4.0 s then the same frames reversed: last frame = first frame. Loop advice: loop.
  ffmpeg -nostdin -y -v error -i "$F2" -filter_complex "[0:v]scale=320:320,split[a][b];[a]trim=3.12:4.0,setpts=PTS-STARTPTS[f];[b]trim=3.12:4.0,setpts=PTS-STARTPTS,reverse[r];[f][r]concat=n=2:v=1,fps=25[v]" \
    -map "[v]" $X264 face_loop_true.mp4
fi

###############################################################################
# issue 12: verify fixtures (Q-LIP-01 mouth still during speech, Q-LIP-02 lips and
# audio out of step, Q-FACE-01 face lost / jumps vs the input, Q-REGION-01 masked PSNR
# outside the face box). Cut from the same real talking heads as the "Faces" section
# (OpenTalker/video-retalking @ d32e8e5, examples/face/*.mp4, Apache-2.0 repository; HDTF
# news/talk footage), kept outside the repository in FACES_DIR. Speaker A = face_2,
# speaker B = face_3 (the clip whose mouth opens widest and most often). Without the
# originals the committed files are kept.
#
# Every file: 320x320, 25 fps, 125 frames (5.00 s), H.264 High, keyframe every 25 frames
# (-g 25, no scenecut keyframes), AAC-LC mono 48 kHz, exactly 240000 audio samples; video
# and audio both start at 0. The audio of every A fixture is cut from one PCM master
# ($TMP/lip_a.wav: face_2's own audio, 48 kHz mono, 240000 samples), so a shift is an
# exact whole number of samples (200 ms = 9600). Face boxes (x0,y0,x1,y1 in the 320x320
# picture) were measured once with `preflight check --content thorough` on lip_input_a.mp4
# (dlib, every 0.2 s): median box 79,93-203,217 (124 px), union 62,93-217,244; after 2 s
# union 79,93-217,231. The edit rectangles below are derived from those and hard-coded.
###############################################################################
FACES_DIR="${FACES_DIR:-/work/scratch/faces}"
if [ -f "$FACES_DIR/face_2.mp4" ] && [ -f "$FACES_DIR/face_3.mp4" ]; then
  LIP_A="$FACES_DIR/face_2.mp4"; LIP_B="$FACES_DIR/face_3.mp4"
  LIPV=(-c:v libx264 -preset slow -profile:v high -crf 27 -g 25 -keyint_min 25 -sc_threshold 0 -pix_fmt yuv420p -threads 1)
  LIPA=(-c:a aac -b:a 64k -ac 1 -ar 48000)
  LIPM=(-movflags +faststart -fflags +bitexact -flags:v +bitexact -flags:a +bitexact -map_metadata -1 -map_chapters -1)
  # The picture: whole frame scaled to 320x320, fps=25 anchored at t=0 (keeps the source's
  # own A/V timing), first 125 frames.
  LIPVS="scale=320:320:flags=bicubic,setsar=1,fps=25:start_time=0,trim=end_frame=125,format=yuv420p"
  # The sound: the source's own audio, 48 kHz mono downmix, exactly 240000 samples from t=0.
  LIPAS="aresample=48000,pan=mono|c0=0.5*c0+0.5*c1,atrim=end_sample=240000,apad=whole_len=240000,asetpts=N/SR/TB"
  "${FF[@]}" -i "$LIP_A" -map 0:a -af "$LIPAS" -c:a pcm_s16le "$TMP/lip_a.wav"
  "${FF[@]}" -i "$LIP_B" -map 0:a -af "$LIPAS" -c:a pcm_s16le "$TMP/lip_b.wav"
  for s in a b; do
    src="$LIP_A"; [ "$s" = b ] && src="$LIP_B"
    # lip_input_X.mp4: the "input video" a user sends: the speaker with their own audio, crf 27.
    "${FF[@]}" -i "$src" -i "$TMP/lip_$s.wav" -map 0:v -map 1:a -vf "$LIPVS" \
      "${LIPV[@]}" "${LIPA[@]}" "${LIPM[@]}" "lip_input_$s.mp4"
    # lip_ok_X.mp4: a good API output: lip_input_X decoded and re-encoded (video crf 31
    # preset medium, audio AAC 96k): generation loss only, in sync. Must pass verify.
    "${FF[@]}" -i "lip_input_$s.mp4" -map 0:v -map 0:a \
      -c:v libx264 -preset medium -profile:v high -crf 31 -g 25 -keyint_min 25 -sc_threshold 0 -pix_fmt yuv420p -threads 1 \
      -af "atrim=end_sample=240000" -c:a aac -b:a 96k -ac 1 -ar 48000 "${LIPM[@]}" "lip_ok_$s.mp4"
  done
  # lip_delay200_a.mp4 / lip_advance200_a.mp4: lip_input_a's video stream copied bit for bit;
  # the audio master shifted by exactly 9600 samples (200 ms) and cut/padded back to 240000:
  # delay = 9600 samples of silence in front, the last 9600 dropped (audio 200 ms late, truth
  # lag +200 ms); advance = the first 9600 dropped, 9600 of silence at the end (audio 200 ms
  # early, truth lag -200 ms).
  "${FF[@]}" -i lip_input_a.mp4 -i "$TMP/lip_a.wav" -map 0:v -map 1:a -c:v copy \
    -af "adelay=delays=9600S:all=1,atrim=end_sample=240000,asetpts=N/SR/TB" "${LIPA[@]}" "${LIPM[@]}" lip_delay200_a.mp4
  "${FF[@]}" -i lip_input_a.mp4 -i "$TMP/lip_a.wav" -map 0:v -map 1:a -c:v copy \
    -af "atrim=start_sample=9600,asetpts=N/SR/TB,apad=whole_len=240000" "${LIPA[@]}" "${LIPM[@]}" lip_advance200_a.mp4
  # lip_still_a.mp4: the first frame of lip_input_a's picture held for all 125 frames, over A's
  # own speech (a still face while someone talks: Q-LIP-01).
  "${FF[@]}" -i "$LIP_A" -i "$TMP/lip_a.wav" -map 0:v -map 1:a \
    -vf "$LIPVS,trim=end_frame=1,tpad=stop_mode=clone:stop=124" "${LIPV[@]}" "${LIPA[@]}" "${LIPM[@]}" lip_still_a.mp4
  # face_lost_a.mp4: from t = 2.00 s (frame 50) on, the rectangle x 58-238, y 72-252 (the union
  # of A's face boxes after 2 s grown by 30 %, 180x180) box-blurred (radius 30, 3 passes) so no
  # face is found there; before 2 s the picture is lip_input_a's. A's own audio.
  "${FF[@]}" -i "$LIP_A" -i "$TMP/lip_a.wav" -filter_complex \
    "[0:v]$LIPVS,split[m][c];[c]crop=180:180:58:72,boxblur=luma_radius=30:luma_power=3:chroma_radius=15:chroma_power=3[b];[m][b]overlay=58:72:enable='gte(t,2)'[v]" \
    -map "[v]" -map 1:a "${LIPV[@]}" "${LIPA[@]}" "${LIPM[@]}" face_lost_a.mp4
  # face_cropped_a.mp4: from t = 2.00 s on, the picture shifted 240 px to the right (black fills
  # x 0-239; x 240-319 shows the input's x 0-79, background only): the face has left the frame.
  "${FF[@]}" -i "$LIP_A" -i "$TMP/lip_a.wav" -filter_complex \
    "[0:v]$LIPVS,split[m][c];[c]crop=80:320:0:0,pad=320:320:240:0:black[s];[m][s]overlay=0:0:enable='gte(t,2)'[v]" \
    -map "[v]" -map 1:a "${LIPV[@]}" "${LIPA[@]}" "${LIPM[@]}" face_cropped_a.mp4
  # face_jump_a.mp4: from t = 2.00 s on, the picture shifted 80 px to the right (black fills
  # x 0-79): the face is still whole, but its box jumps +80 px in x against the input.
  "${FF[@]}" -i "$LIP_A" -i "$TMP/lip_a.wav" -filter_complex \
    "[0:v]$LIPVS,split[m][c];[c]crop=240:320:0:0,pad=320:320:80:0:black[s];[m][s]overlay=0:0:enable='gte(t,2)'[v]" \
    -map "[v]" -map 1:a "${LIPV[@]}" "${LIPA[@]}" "${LIPM[@]}" face_jump_a.mp4
  # region_blur_a.mp4 / region_colour_a.mp4: the whole clip; everything outside the rectangle
  # x 54-230, y 68-244 (A's median face box grown by 40 %, 176x176, centre 142,156) box-blurred
  # (radius 12, 3 passes) / hue-rotated by 150 degrees with saturation x1.5; inside it the
  # pixels are lip_input_a's source frame unchanged (before encoding). A's own audio.
  "${FF[@]}" -i "$LIP_A" -i "$TMP/lip_a.wav" -filter_complex \
    "[0:v]$LIPVS,split[m][f];[m]boxblur=luma_radius=12:luma_power=3:chroma_radius=6:chroma_power=3[e];[f]crop=176:176:54:68[k];[e][k]overlay=54:68[v]" \
    -map "[v]" -map 1:a "${LIPV[@]}" "${LIPA[@]}" "${LIPM[@]}" region_blur_a.mp4
  "${FF[@]}" -i "$LIP_A" -i "$TMP/lip_a.wav" -filter_complex \
    "[0:v]$LIPVS,split[m][f];[m]hue=h=150:s=1.5[e];[f]crop=176:176:54:68[k];[e][k]overlay=54:68[v]" \
    -map "[v]" -map 1:a "${LIPV[@]}" "${LIPA[@]}" "${LIPM[@]}" region_colour_a.mp4
else
  echo "issue 12 verify fixtures: $FACES_DIR/face_{2,3}.mp4 not found, keeping the committed files" >&2
fi

###############################################################################
# Oracle: expected/<file>.ffprobe.json for every fixture (run inside this folder so
# "filename" is the bare name). ffprobe exits non-zero for unreadable files - keep
# whatever it prints.
###############################################################################
for f in *; do
  case "$f" in
    generate.sh|README.md|fixtures.json|expected) continue ;;
  esac
  [ -d "$f" ] && continue  # fuzz/, speechset/, lipset/: not fixtures
  ffprobe -v quiet -print_format json -show_format -show_streams -show_error "$f" \
    > "expected/$f.ffprobe.json" || true
done

###############################################################################
# Measured values for the fixtures.json manifest (informational) + manifest check.
###############################################################################
last_video_end() {  # end time of the last decodable video frame
  ffprobe -v quiet -select_streams v:0 -show_entries frame=pts_time,pkt_duration_time \
    -of csv=p=0 "$1" | awk -F, 'NF>=2 && $1!="" {e=$1+$2} END {printf "%.3f\n", e}'
}
echo "truncated_faststart.mp4: last decodable video frame ends at $(last_video_end truncated_faststart.mp4) s"
echo "corrupt_bitstream.mp4: decode errors: $(ffmpeg -v error -nostdin -i corrupt_bitstream.mp4 -f null - 2>&1 | wc -l) lines"

python3 - <<'EOF'
import json, os
m = json.load(open('fixtures.json'))
listed = {e['file'] for e in m}
present = {f for f in os.listdir('.') if f not in ('generate.sh', 'README.md', 'fixtures.json') and not os.path.isdir(f)}
missing, unlisted = listed - present, present - listed
if missing or unlisted:
    raise SystemExit(f'fixtures.json mismatch: missing={sorted(missing)} unlisted={sorted(unlisted)}')
print(f'{len(listed)} fixtures OK')
EOF
du -sh .

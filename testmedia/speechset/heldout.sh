#!/usr/bin/env bash
# Held-out set for the speech classifier (docs/CONTENT.md, "Held-out evaluation"): clips that were never
# used to set its weights (generate.sh's set was). Writes OUT/<label>/<file>.wav for every row of
# heldout.tsv: real clips cut from public repositories at pinned commits, mixes and attenuations derived
# from them, and a few generated tones and silences. The media are not committed.
#
# Usage: HELDOUT=/work/scratch/heldout REPOS=/work/.mirror testmedia/speechset/heldout.sh
#   HELDOUT  output folder (default /work/scratch/heldout)
#   REPOS    folder holding the source repositories, each as REPOS/<owner>+<name>/repo (a bare mirror),
#            REPOS/<owner>+<name> or REPOS/<owner>/<name> (a clone); each must contain the commit named in
#            heldout.tsv. Default /work/.mirror.
# Needs ffmpeg and git. Deterministic for a given FFmpeg build.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${HELDOUT:-/work/scratch/heldout}
repos=${REPOS:-/work/.mirror}
tsv="$here/heldout.tsv"
ff() { ffmpeg -v error -nostdin -y "$@"; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

gitdir() {  # owner/name -> a git dir holding it
  local o=${1%%/*} n=${1#*/} d
  for d in "$repos/$o+$n/repo" "$repos/$o+$n" "$repos/$o/$n"; do
    if [ -f "$d/HEAD" ]; then echo "$d"; return; fi
    if [ -d "$d/.git" ]; then echo "$d/.git"; return; fi
  done
  echo "heldout.sh: repository $1 not found under $repos (clone it there)" >&2; exit 1
}
path_of() { find "$out" -name "$1.wav" | head -1; }   # a file already made, by its heldout.tsv name
mean_db() { ffmpeg -nostdin -i "$1" -af volumedetect -f null - 2>&1 | sed -n 's/.*mean_volume: \(-*[0-9.]*\) dB/\1/p'; }

# --- real clips: owner/name@commit:path[+path...], cut at start for duration ("full": to the end) ---------
while IFS=$'\t' read -r file label kind source start duration _licence _note; do
  [ "$kind" = real ] || continue
  mkdir -p "$out/$label"
  repo=${source%%@*}; rest=${source#*@}; commit=${rest%%:*}; paths=${rest#*:}
  gd=$(gitdir "$repo")
  IFS='+' read -r -a parts <<<"$paths"
  ins=(); k=0
  for p in "${parts[@]}"; do
    git --git-dir="$gd" show "$commit:$p" >"$tmp/part$k.${p##*.}"
    ins+=(-i "$tmp/part$k.${p##*.}"); k=$((k + 1))
  done
  cut=(); [ "$start" != 0 ] && cut+=(-ss "$start"); [ "$duration" != full ] && cut+=(-t "$duration")
  if [ "$k" = 1 ]; then
    ff "${ins[@]}" "${cut[@]}" -c:a pcm_s16le "$out/$label/$file.wav"
  else  # several sentences of one speaker, joined as they are
    f=""; for ((j = 0; j < k; j++)); do f+="[$j]"; done
    ff "${ins[@]}" -filter_complex "${f}concat=n=$k:v=0:a=1" "${cut[@]}" -c:a pcm_s16le "$out/$label/$file.wav"
  fi
  rm -f "$tmp"/part*
done < <(tail -n +2 "$tsv")

# --- speech over music (derived): the speech at 0 dB, the music SNR dB under it (whole-clip RMS) --------
mkdir -p "$out/speech-over-music"
mix() {  # name speech music snr
  local s m g
  s=$(path_of "$2"); m=$(path_of "$3")
  g=$(awk -v a="$(mean_db "$s")" -v b="$(mean_db "$m")" -v snr="$4" 'BEGIN { printf "%.2f", a - b - snr }')
  ff -i "$s" -i "$m" -filter_complex \
     "[0]aresample=48000,aformat=channel_layouts=mono[v];[1]aresample=48000,aformat=channel_layouts=mono,volume=${g}dB[b];[v][b]amix=inputs=2:duration=first:normalize=0" \
     -c:a pcm_f32le "$tmp/mix.wav"
  # The sum can pass full scale: bring its peak to -1 dBFS when it does (the same gain on both: SNR kept).
  # (astats, not volumedetect: volumedetect measures after conversion to 16 bits, which clips.)
  g=$(ffmpeg -nostdin -i "$tmp/mix.wav" -af astats=measure_perchannel=none -f null - 2>&1 | sed -n 's/.*Peak level dB: \(-*[0-9.]*\)/\1/p' | tail -1)
  g=$(awk -v p="$g" 'BEGIN { printf "%.2f", (p > -1 ? -1 - p : 0) }')
  ff -i "$tmp/mix.wav" -af "volume=${g}dB" -c:a pcm_s16le "$out/speech-over-music/$1.wav"
}
mix som_libri5703_vibeace_10dB sp_en_libri5703 mu_vibeace 10
mix som_deyu_pistachio_5dB sp_de_deyu mu_pistachio 5
mix som_zhnews_brahms_10dB sp_zh_news mu_brahms 10
mix som_libri198_sweetwaltz_0dB sp_en_libri198 mu_sweetwaltz 0
mix som_walden_choice_5dB sp_en_echo_walden mu_choice_drumbass 5
mix som_japanese_sugarplum_0dB sp_ja_japanese mu_sugarplum 0

# --- tones (generated; none of generate.sh's frequencies or shapes) -------------------------------------
mkdir -p "$out/tone"
ff -f lavfi -i "aevalsrc='0.25*sin(2*PI*250*t)':s=32000:d=8" -c:a pcm_s16le "$out/tone/to_sine_250_32k.wav"
ff -f lavfi -i "aevalsrc='0.2*(sin(2*PI*350*t)+sin(2*PI*440*t))':s=8000:d=8" -c:a pcm_s16le "$out/tone/to_dialtone_350_440.wav"
ff -f lavfi -i "aevalsrc='0.2*(sin(2*PI*480*t)+sin(2*PI*620*t))*lt(mod(t,1),0.5)':s=8000:d=8" -c:a pcm_s16le "$out/tone/to_busy_480_620.wav"
ff -f lavfi -i "aevalsrc='0.2*(sin(2*PI*440*t)+sin(2*PI*480*t))*lt(mod(t,6),2)':s=8000:d=12" -c:a pcm_s16le "$out/tone/to_ringback_440_480.wav"
ff -f lavfi -i "aevalsrc='0.3*(2*abs(2*(600*t-floor(600*t+0.5)))-1)':s=44100:d=8" -c:a pcm_s16le "$out/tone/to_triangle_600.wav"
ff -f lavfi -i "aevalsrc='0.25*sin(2*PI*3000*t)':s=48000:d=8" -f lavfi -i "anoisesrc=c=pink:a=0.00316:seed=21:r=48000:d=8" \
   -filter_complex "[0][1]amix=inputs=2:normalize=0" -c:a pcm_s16le "$out/tone/to_sine_3k_over_pink.wav"

# --- silence (digital zeros) -----------------------------------------------------------------------------
mkdir -p "$out/silence"
ff -f lavfi -i "anullsrc=r=44100:cl=stereo" -t 10 -c:a pcm_s16le "$out/silence/si_zeros_44k_stereo.wav"
ff -i "$(path_of sp_en_echo_walden)" -af "volume=0" -c:a pcm_s16le "$out/silence/si_zeros_from_walden.wav"
ff -f lavfi -i "anullsrc=r=8000:cl=mono" -t 10 -c:a pcm_u8 "$out/silence/si_zeros_8k_u8.wav"

# --- near-silence (derived): real recordings attenuated so that no sample exceeds -60 dBFS --------------
mkdir -p "$out/near-silence"
quiet() { ff -i "$(path_of "$2")" -af "volume=-$3dB" -c:a pcm_s16le "$out/near-silence/$1.wav"; }
quiet ns_radio31_-60dB sp_en_radio31 60
quiet ns_libri3436_-58dB sp_en_libri3436 58
quiet ns_street0_-46dB no_street_0 46
quiet ns_dishwasher2_-25dB no_dishwasher_2 25
quiet ns_vibeace_-65dB mu_vibeace 65
quiet ns_fishin_-62dB mv_fishin_a 62

# Every row of heldout.tsv made, nothing else.
want=$(tail -n +2 "$tsv" | awk -F'\t' '{ print $2 "/" $1 ".wav" }' | sort)
have=$(cd "$out" && find . -name '*.wav' | sed 's|^\./||' | sort)
if [ "$want" != "$have" ]; then
  echo "heldout.sh: files differ from heldout.tsv:" >&2; diff <(echo "$want") <(echo "$have") >&2; exit 1
fi
echo "held-out set in $out: $(echo "$have" | wc -l) files"

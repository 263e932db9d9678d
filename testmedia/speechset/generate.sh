#!/usr/bin/env bash
# Labelled set for the speech classifier (docs/CONTENT.md): writes OUT/<label>/<name>.wav, deterministic
# (fixed texts, fixed seeds). Needs ffmpeg, espeak-ng; the real speech clips come from FACES (the
# OpenTalker/video-retalking demo media, see testmedia/README.md) when that folder exists.
# Usage: testmedia/speechset/generate.sh OUT [FACES]
set -euo pipefail
out=${1:?usage: generate.sh OUT [FACES]}
faces=${2:-/work/scratch/faces}
mkdir -p "$out"/{speech,speech-over-music,music,music-vocals,noise,babble,tone,silence,near-silence}
ff() { ffmpeg -v error -nostdin -y "$@"; }

# --- speech: espeak-ng voices in several languages, male and female variants, two speeds -------------
declare -A text=(
  [en-us]="The quick brown fox jumps over the lazy dog. Please call Stella and ask her to bring these things with her from the store."
  [en-gb]="Six spoons of fresh snow peas, five thick slabs of blue cheese, and maybe a snack for her brother Bob."
  [fr-fr]="Le petit prince regarda la planète avec attention. Il pensait que les grandes personnes ne comprennent jamais rien toutes seules."
  [de]="Der Nordwind und die Sonne stritten sich einmal, wer von ihnen beiden wohl der Stärkere wäre, als ein Wanderer vorbeikam."
  [es]="El viento del norte y el sol discutían sobre cuál de ellos era el más fuerte, cuando pasó un viajero envuelto en una capa."
  [it]="Si bisticciavano un giorno il vento di tramontana e il sole, l'uno pretendendo d'esser più forte dell'altro."
  [pt]="O vento norte e o sol discutiam qual dos dois era o mais forte, quando passou um viajante envolto numa capa."
  [ru]="Северный ветер и солнце спорили, кто из них сильнее, когда увидели путника, закутанного в тёплый плащ."
  [pl]="Północny wiatr i słońce sprzeczali się o to, które z nich jest silniejsze, gdy zobaczyli wędrowca."
  [nl]="De noordenwind en de zon waren erover aan het redetwisten wie de sterkste was van hun beiden."
  [hi]="उत्तरी हवा और सूरज में बहस हो रही थी कि दोनों में से कौन अधिक बलवान है।"
  [cmn]="北风跟太阳在那儿争论谁的本事大。争来争去就是分不出高低来。"
  [ja]="北風と太陽が、どちらが強いかで言い争っていました。そこへ旅人が通りかかりました。"
  [ar]="كانت ريح الشمال تتجادل والشمس في أي منهما كانت أقوى من الأخرى، وإذا بمسافر يطلع متلفعا بعباءة سميكة."
  [tr]="Poyrazla güneş, hangisinin daha güçlü olduğu konusunda tartışıyorlarmış. Derken kalın bir palto giymiş bir yolcu gelmiş."
  [sv]="Nordanvinden och solen tvistade en gång om vem av dem som var starkast."
)
variants=(m3 f3 f1 m1)
i=0
for lang in en-us en-gb fr-fr de es it pt ru pl nl hi cmn ja ar tr sv; do
  v=${variants[$((i % 4))]}; speed=$((150 + (i % 3) * 20)); i=$((i + 1))
  espeak-ng -v "$lang+$v" -s "$speed" -w "$out/speech/tmp.wav" "${text[$lang]}"
  # 0.3 s of room at both ends, 48 kHz (the common delivery rate).
  ff -i "$out/speech/tmp.wav" -af "adelay=300:all=1,apad=pad_dur=0.3" -ar 48000 "$out/speech/espeak_${lang}_${v}.wav"
done
rm -f "$out/speech/tmp.wav"
# Real speech (news/talk footage): the two demo WAVs and the sound of the five demo clips.
if [ -d "$faces" ]; then
  for n in 1 2; do ff -i "$faces/audio_$n.wav" "$out/speech/real_audio_$n.wav"; done
  for n in 1 2 3 4 5; do ff -i "$faces/face_$n.mp4" -vn "$out/speech/real_face_$n.wav"; done
fi

# --- music without vocals: chords, melodies, drums (synthesised) -------------------------------------
# Chord progression C-Am-F-G, 1 s per chord, three sine partials per note with a decaying envelope.
chord() {  # $1 root Hz: a major/minor triad as an aevalsrc expression, each note re-struck every 0.5 s
  echo "(sin(2*PI*$1*t)+0.8*sin(2*PI*$2*t)+0.7*sin(2*PI*$3*t)+0.3*sin(4*PI*$1*t))*exp(-2*mod(t,0.5))"
}
prog="if(lt(mod(t,4),1),$(chord 261.6 329.6 392.0),if(lt(mod(t,4),2),$(chord 220.0 261.6 329.6),if(lt(mod(t,4),3),$(chord 174.6 220.0 261.6),$(chord 196.0 246.9 293.7))))"
ff -f lavfi -i "aevalsrc='0.15*($prog)':s=44100:d=8" "$out/music/chords_piano.wav"
ff -f lavfi -i "aevalsrc='0.15*(if(lt(mod(t,4),1),sin(2*PI*261.6*t)+sin(2*PI*329.6*t)+sin(2*PI*392*t),if(lt(mod(t,4),2),sin(2*PI*220*t)+sin(2*PI*261.6*t)+sin(2*PI*329.6*t),if(lt(mod(t,4),3),sin(2*PI*174.6*t)+sin(2*PI*220*t)+sin(2*PI*261.6*t),sin(2*PI*196*t)+sin(2*PI*246.9*t)+sin(2*PI*293.7*t)))))':s=48000:d=8" "$out/music/chords_pad.wav"
# Melody: a scale run, eighth notes at 120 bpm, square-ish tone.
mel="sin(2*PI*t*440*pow(2,floor(mod(t*4,8))/12*2))"
ff -f lavfi -i "aevalsrc='0.2*($mel+0.3*sin(3*2*PI*t*440*pow(2,floor(mod(t*4,8))/12*2)))*exp(-3*mod(t,0.25))':s=44100:d=8" "$out/music/melody_plucked.wav"
ff -f lavfi -i "aevalsrc='0.2*($mel)':s=22050:d=8" "$out/music/melody_legato.wav"
# Drums: kick (falling sine) on beats, snare (seeded noise burst) on off-beats, hi-hat every eighth.
ff -f lavfi -i "aevalsrc='0.8*sin(2*PI*(50+100*exp(-20*mod(t,0.5)))*mod(t,0.5))*exp(-8*mod(t,0.5))':s=44100:d=8" \
   -f lavfi -i "anoisesrc=c=white:a=0.5:seed=7:r=44100:d=8" \
   -filter_complex "[1]volume='if(lt(mod(t+0.25,0.5),0.12),exp(-25*mod(t+0.25,0.5)),0)':eval=frame,highpass=f=2000[sn];[0][sn]amix=inputs=2:normalize=0" "$out/music/drums.wav"
ff -i "$out/music/chords_piano.wav" -i "$out/music/drums.wav" -i "$out/music/melody_plucked.wav" \
   -filter_complex "[0][1][2]amix=inputs=3:normalize=0,volume=0.7" -ar 48000 "$out/music/band.wav"
ff -i "$out/music/chords_pad.wav" -i "$out/music/drums.wav" -filter_complex "[0][1]amix=inputs=2:normalize=0,volume=0.7" "$out/music/pad_drums.wav"
ff -f lavfi -i "aevalsrc='0.1*(sin(2*PI*110*t)+sin(2*PI*164.8*t)+sin(2*PI*220*t)+0.5*sin(2*PI*277.2*t))*(1+0.2*sin(2*PI*0.25*t))':s=48000:d=8" "$out/music/drone.wav"

# --- music with vocals: slow, high espeak-ng "singing" over the band -------------------------------
n=0
for lang in en-us it es de; do
  n=$((n + 1))
  espeak-ng -v "$lang+f3" -s 90 -p 80 -w "$out/music-vocals/tmp.wav" "${text[$lang]}"
  ff -i "$out/music-vocals/tmp.wav" -i "$out/music/$([ $((n % 2)) = 0 ] && echo band || echo pad_drums).wav" \
     -filter_complex "[0]aresample=48000,volume=1.5[v];[1]aresample=48000,volume=0.6[m];[v][m]amix=inputs=2:duration=shortest:normalize=0" \
     -ar 48000 "$out/music-vocals/sung_${lang}.wav"
done
rm -f "$out/music-vocals/tmp.wav"

# --- speech over music: speech at 0 dB, music 10-16 dB under it ---------------------------------------
k=0
for src in "$out"/speech/espeak_en-us_*.wav "$out"/speech/espeak_fr-fr_*.wav "$out"/speech/espeak_de_*.wav "$out"/speech/real_audio_1.wav "$out"/speech/real_face_2.wav "$out"/speech/real_face_4.wav; do
  [ -f "$src" ] || continue
  k=$((k + 1))
  bg=$(case $((k % 3)) in 0) echo band;; 1) echo chords_piano;; 2) echo pad_drums;; esac)
  vol=$(case $((k % 2)) in 0) echo 0.3;; 1) echo 0.16;; esac)
  ff -i "$src" -stream_loop -1 -i "$out/music/$bg.wav" \
     -filter_complex "[0]aresample=48000[v];[1]aresample=48000,volume=$vol[m];[v][m]amix=inputs=2:duration=first:normalize=0" \
     "$out/speech-over-music/$(basename "$src" .wav)_over_$bg.wav"
done

# --- noise --------------------------------------------------------------------------------------------
for c in white pink brown blue violet; do
  ff -f lavfi -i "anoisesrc=c=$c:a=0.2:seed=11:r=48000:d=6" "$out/noise/$c.wav"
done
ff -f lavfi -i "anoisesrc=c=pink:a=0.3:seed=5:r=44100:d=6" -af "lowpass=f=800,volume='0.6+0.4*sin(2*PI*0.2*t)':eval=frame" "$out/noise/rumble.wav"
ff -f lavfi -i "anoisesrc=c=white:a=0.1:seed=9:r=16000:d=6" -af "bandpass=f=1000:width_type=h:w=600" "$out/noise/fan_hiss.wav"
# Babble: six voices in six languages at once (a crowd, not one talker).
args=(); filt=""; m=0
for lang in en-us fr-fr de es it nl; do
  espeak-ng -v "$lang+m$((m % 4 + 1))" -s 170 -w "$out/babble/v$m.wav" "${text[$lang]} ${text[$lang]}"
  args+=(-i "$out/babble/v$m.wav"); filt+="[$m]aresample=48000,adelay=$((m * 370)):all=1[a$m];"; m=$((m + 1))
done
ff "${args[@]}" -filter_complex "${filt}[a0][a1][a2][a3][a4][a5]amix=inputs=6:duration=shortest:normalize=0,atrim=1:7,volume=0.5" "$out/babble/babble6.wav"
rm -f "$out"/babble/v*.wav

# --- tones ----------------------------------------------------------------------------------------------
ff -f lavfi -i "sine=f=440:r=48000:d=6" "$out/tone/sine_440.wav"
ff -f lavfi -i "sine=f=1000:r=44100:d=6" "$out/tone/sine_1k.wav"
ff -f lavfi -i "aevalsrc='0.3*(sin(2*PI*697*t)+sin(2*PI*1209*t))':s=8000:d=6" "$out/tone/dtmf_1.wav"
ff -f lavfi -i "aevalsrc='0.3*sgn(sin(2*PI*220*t))':s=48000:d=6" "$out/tone/square_220.wav"
ff -f lavfi -i "aevalsrc='0.3*sin(2*PI*(100*t+300*t*t))':s=48000:d=6" "$out/tone/sweep.wav"
ff -f lavfi -i "aevalsrc='0.3*sin(2*PI*1000*t)*lt(mod(t,1),0.5)':s=48000:d=6" "$out/tone/beeps.wav"
ff -f lavfi -i "aevalsrc='0.3*sin(2*PI*50*t)+0.1*sin(2*PI*150*t)':s=48000:d=6" "$out/tone/hum_50.wav"

# --- silence and near-silence ---------------------------------------------------------------------------
ff -f lavfi -i "anullsrc=r=48000:cl=mono" -t 6 -c:a pcm_s16le "$out/silence/digital_48k.wav"
ff -f lavfi -i "anullsrc=r=16000:cl=stereo" -t 6 -c:a pcm_s16le "$out/silence/digital_16k_stereo.wav"
ff -f lavfi -i "anoisesrc=c=white:a=0.0003:seed=3:r=48000:d=6" -c:a pcm_s16le "$out/near-silence/hiss_-70dB.wav"
ff -f lavfi -i "anoisesrc=c=pink:a=0.001:seed=4:r=44100:d=6" -c:a pcm_s16le "$out/near-silence/pink_-60dB.wav"
ff -f lavfi -i "aevalsrc='0.0005*sin(2*PI*50*t)':s=48000:d=6" -c:a pcm_s16le "$out/near-silence/hum_-66dB.wav"
ff -f lavfi -i "anullsrc=r=48000:cl=mono" -t 6 -af "volume=0" -c:a pcm_s16le -dither_method triangular "$out/near-silence/dither.wav" 2>/dev/null \
  || ff -f lavfi -i "anoisesrc=c=white:a=0.00004:seed=2:r=48000:d=6" -c:a pcm_s16le "$out/near-silence/dither.wav"
ff -i "$out/speech/espeak_en-us_m3.wav" -af "volume=-72dB" -c:a pcm_s16le "$out/near-silence/speech_at_-72dB.wav"
echo "labelled set in $out: $(find "$out" -name '*.wav' | wc -l) files"

#!/bin/bash
# mkset.sh NAME STEP SRC... : every STEP-th frame of each source (video or jpg folder) as a 1 fps 224x224 video sets/NAME.mp4 and a list sets/NAME.txt
set -e
name=$1; step=$2; shift 2
out=sets/$name; rm -rf $out; mkdir -p $out
n=0; : > sets/$name.txt
for src in "$@"; do
  tmp=$(mktemp -d)
  if [ -d "$src" ]; then ffmpeg -nostdin -v error -framerate 25 -i "$src/%06d.jpg" -vf "select='not(mod(n\,$step))',scale=224:224" -fps_mode vfr $tmp/%05d.png
  else ffmpeg -nostdin -v error -i "$src" -vf "select='not(mod(n\,$step))',scale=224:224" -fps_mode vfr $tmp/%05d.png; fi
  i=0
  for f in $tmp/*.png; do printf -v o "%05d" $n; mv $f $out/$o.png; echo "$n $(basename $src) $((i*step))" >> sets/$name.txt; n=$((n+1)); i=$((i+1)); done
  rm -rf $tmp
done
ffmpeg -nostdin -v error -y -framerate 1 -i $out/%05d.png -c:v libx264 -crf 12 -pix_fmt yuv420p -r 1 sets/$name.mp4
echo "$name: $n frames"

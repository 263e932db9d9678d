#!/usr/bin/env bash
# Lip-lag accuracy of `preflight verify` on the lag set (generate.sh here): every shifted file is verified
# against its speaker's unshifted clip as the input video, and the measured change of lag (output lag −
# input lag, ms) is compared with the truth (−shift: audio made late puts the lips before the sound).
#
#   PREFLIGHT_BIN=.build/release/preflight LIPSET_DIR=/work/scratch/lipset bash testmedia/lipset/measure_lag.sh
set -euo pipefail
BIN="${PREFLIGHT_BIN:-$(dirname "$0")/../../.build/debug/preflight}"
DIR="${LIPSET_DIR:-/work/scratch/lipset}"
cd "$DIR"
printf 'file\tspeaker\tshift\toutLag\toutConf\tinLag\tinConf\tjudged\tfindings\n'
tail -n +2 truth.tsv | while IFS=$'\t' read -r file spk shift _; do
  "$BIN" verify "$file" --video "${spk}_+000.mp4" --format json 2>/dev/null | jq -r --arg f "$file" --arg s "$spk" --arg sh "$shift" '
    [$f, $s, $sh, .measurements.lipLagMs, .measurements.lipLagConfidence, .measurements.inputLipLagMs, .measurements.inputLipLagConfidence,
     ((.measurements.mouth.notMeasured // []) | map(select(startswith("lip lag"))) | length == 0),
     ([.findings[] | select(.ruleID | startswith("Q-LIP")) | .ruleID] | join(","))] | @tsv' || true
done | tee "$DIR/lag_results.tsv" | awk -F'\t' '
  { print }
  $8 == "true" { n++; err = ($4 - $6) + $3; if (err < 0) err = -err; if (err <= 40) ok++; if (err > max) max = err
                 if ($3 != 0 && $9 ~ /Q-LIP-02/ && $3 * $3 > 1600*4) flagged++; if ($3*$3 > 6400) big++ }
  $8 != "true" { un++ }
  END { printf "judged %d, within one frame (40 ms) %d, largest error %.0f ms; not judged (ambiguous) %d\n", n, ok, max, un }' >&2

#!/usr/bin/env python3
"""Checks a lip-sync set against its truth.tsv (lipset/generate.sh) without preflight:
for every file, ffprobe's stream start times / durations / frame count, and the audio shift
measured by cross-correlating its decoded audio against the same speaker's shift-0 file
(numpy FFT, whole-sample resolution at 48 kHz). Also works for the committed verify fixtures:
  measure_shifts.py DIR                      (DIR holds truth.tsv)
  measure_shifts.py --ref REF.mp4 FILE...    (shift of each FILE's audio against REF's)
Positive = the audio is later than in the reference. Exits 1 if a measured shift differs from
truth by more than 1 sample or a stream does not start at 0."""
import csv, json, os, subprocess, sys
import numpy as np

RATE = 48000

def pcm(path):
    raw = subprocess.run(['ffmpeg', '-v', 'error', '-nostdin', '-i', path, '-map', '0:a:0', '-ac', '1',
                          '-ar', str(RATE), '-f', 'f32le', '-'], capture_output=True, check=True).stdout
    return np.frombuffer(raw, np.float32).astype(np.float64)

def shift(ref, x, max_ms=500):
    n = 1 << int(np.ceil(np.log2(len(ref) + len(x))))
    c = np.fft.irfft(np.fft.rfft(x, n) * np.conj(np.fft.rfft(ref, n)), n)
    m = RATE * max_ms // 1000
    lags = np.concatenate([c[-m:], c[:m + 1]])
    k = int(np.argmax(lags))
    return k - m, lags[k] / np.sqrt((ref ** 2).sum() * (x ** 2).sum())

def streams(path):
    out = subprocess.run(['ffprobe', '-v', 'error', '-show_entries',
                          'stream=codec_type,start_time,duration,nb_frames', '-of', 'json', path],
                         capture_output=True, check=True).stdout
    return {s['codec_type']: s for s in json.loads(out)['streams']}

def report(path, ref_pcm, truth_samples=None):
    s = streams(path)
    v, a = s.get('video', {}), s.get('audio', {})
    k, r = shift(ref_pcm, pcm(path))
    ok = float(v.get('start_time', 0)) == 0 and float(a.get('start_time', 0)) == 0
    if truth_samples is not None:
        ok = ok and abs(k - truth_samples) <= 1
    print(f"{os.path.basename(path)}\tvideo start {v.get('start_time')} dur {v.get('duration')} frames {v.get('nb_frames')}"
          f"\taudio start {a.get('start_time')} dur {a.get('duration')}\tmeasured {k:+d} samples = {k * 1000 / RATE:+.3f} ms"
          f" (corr {r:.3f})" + ('' if truth_samples is None else f"\ttruth {truth_samples * 1000 / RATE:+.0f} ms") +
          ('' if ok else '\tMISMATCH'))
    return ok

def main(argv):
    good = True
    if argv and argv[0] == '--ref':
        ref = pcm(argv[1])
        for p in argv[2:]:
            good &= report(p, ref)
    else:
        d = argv[0] if argv else os.environ.get('LIPSET_DIR', '/work/scratch/lipset')
        rows = list(csv.DictReader(open(os.path.join(d, 'truth.tsv')), delimiter='\t'))
        refs = {}
        for row in rows:
            if int(row['shift_ms']) == 0:
                refs[row['speaker']] = pcm(os.path.join(d, row['file']))
        for row in rows:
            good &= report(os.path.join(d, row['file']), refs[row['speaker']], int(row['shift_samples']))
    return 0 if good else 1

if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))

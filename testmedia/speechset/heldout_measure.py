#!/usr/bin/env python3
"""Per-class results of preflight's speech classifier on the held-out set made by heldout.sh.

Usage: heldout_measure.py PREFLIGHT_BINARY [SET_DIR] [--tsv OUT.tsv]
SET_DIR defaults to $HELDOUT or /work/scratch/heldout. Reads heldout.tsv (beside this script) for the
labels, runs `preflight check --audio FILE --format json` on each file (the same reading as measure.py:
inputs[0].content.speech) and prints Markdown: per-class exact-class and speech/no-speech accuracy, the
confusion table, every miss with its file, and the project's two hard acceptance lines. --tsv also writes
one line per file (label, class, confidence, speechRatio)."""
import csv, os, sys
from measure import speech_of

# What counts as right for each label: the exact class (empty: none claimed), and whether the file must be
# judged to hold speech (a speech class) or not.
EXPECTED = {
    'speech': ({'speech'}, True),
    'speech-over-music': ({'speech-over-music'}, True),
    'music-vocals': (set(), True),   # singing: a voice to lip-sync; no exact class is claimed
    'music': ({'music'}, False),
    'noise': ({'noise'}, False),
    'other': (set(), False),         # animal sounds: no speech; no exact class claimed
    'tone': ({'tone'}, False),
    'silence': ({'silence'}, False),
    'near-silence': ({'near-silence'}, False),
}
CLASSES = ['speech', 'speech-over-music', 'music', 'noise', 'tone', 'silence', 'near-silence', 'not-measured']
SPEECH = {'speech', 'speech-over-music'}


def main():
    args = [a for a in sys.argv[1:]]
    tsv_out = None
    if '--tsv' in args:
        i = args.index('--tsv'); tsv_out = args[i + 1]; del args[i:i + 2]
    binary = args[0]
    root = args[1] if len(args) > 1 else os.environ.get('HELDOUT', '/work/scratch/heldout')
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, 'heldout.tsv'), newline='') as f:
        rows = list(csv.DictReader(f, delimiter='\t'))

    results = []  # (label, file, class, confidence, ratio)
    for r in rows:
        path = os.path.join(root, r['label'], r['file'] + '.wav')
        sp = speech_of(binary, path)
        cls = sp['class'] if sp else 'not-measured'
        results.append((r['label'], r['file'], cls, sp['confidence'] if sp else 0.0, sp['speechRatio'] if sp else 0.0))

    print('| label | files | exact class | speech / no-speech right | classes given |')
    print('|---|---|---|---|---|')
    for label, (classes, want) in EXPECTED.items():
        mine = [x for x in results if x[0] == label]
        if not mine:
            continue
        n = len(mine)
        exact = sum(x[2] in classes for x in mine)
        decision = sum((x[2] in SPEECH) == want for x in mine)
        seen = {}
        for x in mine:
            seen[x[2]] = seen.get(x[2], 0) + 1
        got = ', '.join(f'{k} {v}' for k, v in sorted(seen.items(), key=lambda kv: (-kv[1], kv[0])))
        print(f'| {label} | {n} | {f"{exact}/{n}" if classes else "–"} | {decision}/{n} | {got} |')
    total = len(results)
    scored = [x for x in results if EXPECTED[x[0]][0]]
    print(f'\nAll {total} files: speech / no-speech right '
          f'{sum((x[2] in SPEECH) == EXPECTED[x[0]][1] for x in results)}/{total}; exact class right '
          f'{sum(x[2] in EXPECTED[x[0]][0] for x in scored)}/{len(scored)} (of the labels that claim one).')

    used = [c for c in CLASSES if any(x[2] == c for x in results)]
    print('\nConfusion (rows: label, columns: class given)\n')
    print('| label \\ class | ' + ' | '.join(used) + ' |')
    print('|---|' + '---|' * len(used))
    for label in EXPECTED:
        mine = [x for x in results if x[0] == label]
        if mine:
            print(f'| {label} | ' + ' | '.join(str(sum(x[2] == c for x in mine) or '·') for c in used) + ' |')

    print('\nMisses (wrong exact class, or wrong speech / no-speech decision)\n')
    for label, file, cls, conf, ratio in results:
        classes, want = EXPECTED[label]
        bad_exact = bool(classes) and cls not in classes
        bad_decision = (cls in SPEECH) != want
        if bad_exact or bad_decision:
            what = 'speech decision wrong' if bad_decision else 'class wrong, speech decision right'
            print(f'- `{file}` ({label}) → {cls}, confidence {conf:.2f}, speechRatio {ratio:.2f} ({what})')

    sil = [x for x in results if x[0] in ('silence', 'near-silence')]
    sil_speech = [x for x in sil if x[2] in SPEECH]
    sp = [x for x in results if x[0] == 'speech']
    sp_none = [x for x in sp if x[2] not in SPEECH]
    print('\nAcceptance lines')
    print(f'- digital silence / near-silence called speech: {len(sil_speech)} of {len(sil)}'
          + (': ' + ', '.join(x[1] for x in sil_speech) if sil_speech else ''))
    print(f'- clean speech called "no speech": {len(sp_none)} of {len(sp)}'
          + (': ' + ', '.join(f'{x[1]} ({x[2]})' for x in sp_none) if sp_none else ''))
    ratios = sorted(x[4] for x in sp)
    if ratios:
        print(f'- speechRatio on clean speech: min {ratios[0]:.2f}, median {ratios[len(ratios) // 2]:.2f}, max {ratios[-1]:.2f}')

    if tsv_out:
        with open(tsv_out, 'w') as f:
            f.write('label\tfile\tclass\tconfidence\tspeechRatio\n')
            for x in results:
                f.write(f'{x[0]}\t{x[1]}\t{x[2]}\t{x[3]:.3f}\t{x[4]:.3f}\n')


if __name__ == '__main__':
    main()

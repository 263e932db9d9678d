#!/usr/bin/env python3
"""Per-class accuracy of preflight's speech classifier on the labelled set made by generate.sh.

Usage: measure.py PREFLIGHT_BINARY SET_DIR [--detail]
Runs `preflight check --audio FILE --format json` on every OUT/<label>/*.wav and compares
inputs[0].content.speech.class with the label. Prints a Markdown table (docs/CONTENT.md)."""
import json, os, subprocess, sys

# What counts as right for each label: the exact class, and the speech / no-speech decision.
EXPECTED = {
    'speech': ({'speech'}, True),
    'speech-over-music': ({'speech-over-music'}, True),
    'music': ({'music'}, False),
    'music-vocals': (set(), True),          # singing: a voice to lip-sync; no exact class is claimed
    'noise': ({'noise'}, False),
    'babble': ({'noise', 'speech'}, None),  # a crowd: reported, not scored
    'tone': ({'tone'}, False),
    'silence': ({'silence'}, False),
    'near-silence': ({'near-silence'}, False),
}

def speech_of(binary, path):
    """inputs[0].content.speech of `preflight check --audio path --format json` (None when not measured)."""
    out = subprocess.run([binary, 'check', '--audio', path, '--format', 'json'], capture_output=True, text=True).stdout
    return json.loads(out)['inputs'][0].get('content', {}).get('speech')

def main():
    binary, root = sys.argv[1], sys.argv[2]
    detail = '--detail' in sys.argv
    rows = []
    for label in EXPECTED:
        d = os.path.join(root, label)
        if not os.path.isdir(d):
            continue
        exact_ok = speech_ok = n = 0
        seen = {}
        for name in sorted(os.listdir(d)):
            if not name.endswith('.wav'):
                continue
            sp = speech_of(binary, os.path.join(d, name))
            cls = sp['class'] if sp else 'not-measured'
            has = cls in ('speech', 'speech-over-music')
            n += 1
            seen[cls] = seen.get(cls, 0) + 1
            classes, want_speech = EXPECTED[label]
            exact_ok += cls in classes
            speech_ok += (want_speech is None) or has == want_speech
            if detail:
                print(f'{label:18} {name:40} {cls:18} conf {sp["confidence"] if sp else 0:.2f} ratio {sp["speechRatio"] if sp else 0:.2f}',
                      file=sys.stderr)
        classes, want_speech = EXPECTED[label]
        exact = f'{exact_ok}/{n}' if classes and label not in ('babble',) else '–'
        decision = f'{speech_ok}/{n}' if want_speech is not None else '–'
        got = ', '.join(f'{k} {v}' for k, v in sorted(seen.items(), key=lambda kv: -kv[1]))
        rows.append((label, n, exact, decision, got))
    print('| label | files | exact class | speech / no-speech right | classes given |')
    print('|---|---|---|---|---|')
    for r in rows:
        print('| ' + ' | '.join(str(x) for x in r) + ' |')

if __name__ == '__main__':
    main()

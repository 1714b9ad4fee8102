#!/usr/bin/python3
"""aho.py LABELS.tsv CORPUS - the nearest pyahocorasick equivalent of
`glossar extract`: case-folded text, word boundaries, leftmost-longest
matches, one JSON line per mention (byte offsets of the folded text)."""
import json
import sys

import ahocorasick


def main():
    labels_path, corpus_path = sys.argv[1], sys.argv[2]
    automaton = ahocorasick.Automaton()
    with open(labels_path, encoding="utf-8") as f:
        for n, line in enumerate(f):
            if n == 0 and line.startswith("id\tlabel"):
                continue
            key, _, label = line.rstrip("\n").partition("\t")
            if label:
                automaton.add_word(label.casefold(), (key, label))
    automaton.make_automaton()
    out = sys.stdout
    write = out.write
    with open(corpus_path, encoding="utf-8", errors="replace") as f:
        base = 0
        for line in f:
            text = line.casefold()
            last_end = -1
            # iter_long gives the leftmost-longest, non-overlapping matches
            for end, (key, label) in automaton.iter_long(text):
                start = end - len(label) + 1
                if start <= last_end:
                    continue
                if start > 0 and text[start - 1].isalnum():
                    continue
                if end + 1 < len(text) and text[end + 1].isalnum():
                    continue
                last_end = end
                write(json.dumps({"doc": corpus_path, "start": base + start,
                                  "end": base + end + 1, "surface": line[start:end + 1],
                                  "concept": key, "label": label}, ensure_ascii=False))
                write("\n")
            base += len(line)


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""aho.py LABELS.tsv CORPUS - the nearest pyahocorasick equivalent of
`glossar extract`: case-folded text with the same German transcription
(ä/ö/ü/ß as ae/oe/ue/ss), word boundaries, leftmost-longest matches, one
JSON line per mention with line and column like glossar's records (offsets
are those of the folded text; glossar maps back to the input bytes)."""
import json
import sys

import ahocorasick


GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def fold(text):
    return text.casefold().translate(GERMAN)


def main():
    labels_path, corpus_path = sys.argv[1], sys.argv[2]
    automaton = ahocorasick.Automaton()
    with open(labels_path, encoding="utf-8") as f:
        for n, line in enumerate(f):
            if n == 0 and line.startswith("id\tlabel"):
                continue
            key, _, label = line.rstrip("\n").partition("\t")
            if label:
                folded = fold(label)
                automaton.add_word(folded, (key, label, len(folded)))
    automaton.make_automaton()
    out = sys.stdout
    write = out.write
    with open(corpus_path, encoding="utf-8", errors="replace") as f:
        base = 0
        for line_no, line in enumerate(f, 1):
            text = fold(line)
            last_end = -1
            # iter_long gives the leftmost-longest, non-overlapping matches
            for end, (key, label, length) in automaton.iter_long(text):
                start = end - length + 1
                if start <= last_end:
                    continue
                if start > 0 and text[start - 1].isalnum():
                    continue
                if end + 1 < len(text) and text[end + 1].isalnum():
                    continue
                last_end = end
                write(json.dumps({"doc": corpus_path, "line": line_no, "col": start + 1,
                                  "start": base + start, "end": base + end + 1,
                                  "surface": text[start:end + 1],
                                  "concept": key, "label": label, "method": "exact",
                                  "score": 1.0}, ensure_ascii=False))
                write("\n")
            base += len(text)


if __name__ == "__main__":
    main()

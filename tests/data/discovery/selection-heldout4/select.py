#!/usr/bin/env python3
"""List the candidate units of the law corpus for the heldout4 set (the rule of heldout3, unchanged).

A law starts at a line "# Title (Abbr)". A unit is a heading line of level >= 2
whose text (bold markers stripped) starts with "§", "Art", "Anlage" or "Anhang",
up to the next heading of the same or a higher level (or the next law).
A unit is a candidate if it is at most 15000 bytes and holds at least 4 distinct
parenthesised short forms: "(X)" where X has no space, at most 10 characters,
two or more capitals, starts with a capital, and X is not EU/EG/EWG/EGKS/Euratom
(the "Verordnung (EU) Nr." citations).
Output: one line per candidate: law-abbr <TAB> heading <TAB> bytes <TAB> n <TAB> short forms
"""
import re, sys
SF = re.compile(r'\(([A-ZÄÖÜ][^\s()]{0,9})\)')
EXCL = {'EU', 'EG', 'EWG', 'EGKS', 'Euratom', 'EURATOM'}
HEAD = re.compile(r'^(#{1,6}) (.*)$')
UNIT = re.compile(r'^(§|Art\b|Artikel\b|Anlage\b|Anhang\b)')

def caps(s):
    return sum(1 for c in s if c.isupper())

lines = open(sys.argv[1], encoding='utf-8').read().split('\n')
law = None
heads = []  # (index, level, text, law)
for i, l in enumerate(lines):
    m = HEAD.match(l)
    if m:
        lvl = len(m.group(1))
        if lvl == 1:
            law = re.search(r'\(([^()]*)\)\s*$', m.group(2)).group(1)
        heads.append((i, lvl, m.group(2), law))
for k, (i, lvl, text, lw) in enumerate(heads):
    if lvl == 1:
        continue
    t = text.replace('*', '').strip()
    if not UNIT.match(t):
        continue
    end = len(lines)
    for (j, l2, _, _) in heads[k + 1:]:
        if l2 <= lvl:
            end = j
            break
    body = '\n'.join(lines[i:end])
    size = len(body.encode('utf-8'))
    if size > 15000:
        continue
    sfs = []
    for x in SF.findall(body):
        if caps(x) >= 2 and x not in EXCL and x not in sfs:
            sfs.append(x)
    if len(sfs) >= 4:
        print(f'{lw}\t{t}\t{size}\t{len(sfs)}\t{" ".join(sfs)}\tline {i+1}')

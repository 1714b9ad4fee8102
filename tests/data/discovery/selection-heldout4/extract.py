#!/usr/bin/env python3
"""Write title line + unit (from heading at LINE to the next heading of the same or higher level)."""
import re, sys
corpus, line, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
lines = open(corpus, encoding='utf-8').read().split('\n')
i = line - 1
lvl = len(re.match(r'^(#+) ', lines[i]).group(1))
title = next(lines[j] for j in range(i, -1, -1) if lines[j].startswith('# '))
end = i + 1
while end < len(lines):
    m = re.match(r'^(#+) ', lines[end])
    if m and len(m.group(1)) <= lvl:
        break
    end += 1
body = lines[i:end]
while body and body[-1].strip() == '':
    body.pop()
open(out, 'w', encoding='utf-8').write(title + '\n\n' + '\n'.join(body) + '\n')

#!/usr/bin/env python3
"""apply-english.py - fill the English columns of glossary.csv from the table
in docs/english-labels.md.

    tools/apply-english.py [--table FILE] [--check] [GLOSSARY]

GLOSSARY defaults to glossary.csv, the table to docs/english-labels.md (both
beside this script's parent directory). The table's rows are
| key | pref_label_en | alt_labels_en | source |; alternative labels are
separated by an escaped pipe (\\|), as a GFM table cell needs.

The file is changed in place, and only where the table says so: a row the
table does not name keeps every byte (when the file has no English columns
yet, they are added at the end of the header, and every row gets its three
empty fields, as `glossar export --format csv` writes them). pref_label_en and
alt_labels_en of a named row are replaced; definition_en is kept. Fields are
quoted as the CSV export quotes them, so export -> import -> export of the
result is byte-identical.

--check changes nothing: it reports every table row whose labels glossary.csv
does not hold (exit 1), or "no pref_label_en column" (exit 3).

Errors (a key the file does not hold, a key twice, a label with a control
character or space at an end, two concepts with the same English preferred
label) name FILE:LINE, exit 2 and leave the file as it was.
"""
import csv
import io
import os
import sys
import unicodedata

EN_COLUMNS = ["pref_label_en", "alt_labels_en", "definition_en"]


class Failure(Exception):
    pass


def split_cells(line):
    """Cells of a GFM table row; '\\|' is a literal pipe inside a cell."""
    s = line.strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|") and not s.endswith("\\|"):
        s = s[:-1]
    cells, cur, i = [], [], 0
    while i < len(s):
        if s[i] == "\\" and i + 1 < len(s) and s[i + 1] == "|":
            cur.append("\x00")  # an escaped pipe: a separator of values
            i += 2
            continue
        if s[i] == "|":
            cells.append("".join(cur).strip())
            cur = []
        else:
            cur.append(s[i])
        i += 1
    cells.append("".join(cur).strip())
    return cells


def check_label(text, where):
    if not text:
        raise Failure(f"{where}: empty label")
    if text != text.strip():
        raise Failure(f"{where}: label '{text}' has space at an end")
    for ch in text:
        if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") or ch == "|":
            raise Failure(f"{where}: label '{text}' holds the character U+{ord(ch):04X}")


def read_table(path):
    """{key: (pref, [alts], line)} from the markdown table."""
    rows = {}
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    header_seen = False
    for n, line in enumerate(lines, 1):
        if not line.lstrip().startswith("|"):
            continue
        cells = split_cells(line)
        if not header_seen:
            if [c.lower() for c in cells[:3]] == ["key", "pref_label_en", "alt_labels_en"]:
                header_seen = True
            continue
        if all(set(c) <= set("-: ") for c in cells):
            continue  # the delimiter row
        where = f"{path}:{n}"
        if len(cells) != 4:
            raise Failure(f"{where}: {len(cells)} cells, want 4 (key, pref_label_en, alt_labels_en, source)")
        key = cells[0].strip("`")
        pref = cells[1]
        alts = [a.strip() for a in cells[2].split("\x00")] if cells[2] else []
        if "\x00" in pref or "\x00" in key:
            raise Failure(f"{where}: a pipe in the key or the preferred label")
        if not key or any(not (c.islower() or c.isdigit() or c == "-") for c in key):
            raise Failure(f"{where}: malformed key '{key}'")
        if key in rows:
            raise Failure(f"{where}: key '{key}' twice (first on line {rows[key][2]})")
        check_label(pref, where)
        for a in alts:
            check_label(a, where)
            if a == pref:
                raise Failure(f"{where}: alternative label '{a}' repeats the preferred label")
        if len(set(alts)) != len(alts):
            raise Failure(f"{where}: an alternative label twice")
        if not cells[3]:
            raise Failure(f"{where}: no source")
        rows[key] = (pref, alts, n)
    if not header_seen:
        raise Failure(f"{path}: no table with the header | key | pref_label_en | alt_labels_en | source |")
    return rows


def put_field(s):
    """Quote as exports/csv.c does: a comma, quote or line break, or space at an end."""
    if any(c in s for c in ',"\r\n') or (s and (s[0] in " \t" or s[-1] in " \t")):
        return '"' + s.replace('"', '""') + '"'
    return s


def field_starts(raw):
    """Offsets where each field of one raw CSV record begins (RFC 4180)."""
    starts, quoted = [0], False
    for i, ch in enumerate(raw):
        if ch == '"':
            quoted = not quoted  # a doubled quote toggles twice
        elif ch == "," and not quoted:
            starts.append(i + 1)
    return starts


def split_records(text):
    """[(raw record without its line end, line end, first line number, fields)]."""
    pieces = text.split("\n")
    lines = [p + "\n" for p in pieces[:-1]] + ([pieces[-1]] if pieces[-1] else [])
    out, it = [], iter(lines)
    reader = csv.reader(it, dialect="excel", strict=True)
    consumed = 0
    for fields in reader:
        raw = "".join(lines[consumed:reader.line_num])
        first = consumed + 1
        consumed = reader.line_num
        end = "\r\n" if raw.endswith("\r\n") else "\n" if raw.endswith("\n") else ""
        out.append((raw[: len(raw) - len(end)], end, first, fields))
    return out


def main(argv):
    top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    table = os.path.join(top, "docs", "english-labels.md")
    check_only = False
    args = []
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--check":
            check_only = True
        elif a == "--table" and i + 1 < len(argv):
            i += 1
            table = argv[i]
        elif a.startswith("-"):
            print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
            return 2
        else:
            args.append(a)
        i += 1
    if len(args) > 1:
        print("usage: apply-english.py [--table FILE] [--check] [GLOSSARY]", file=sys.stderr)
        return 2
    path = args[0] if args else os.path.join(top, "glossary.csv")
    try:
        wanted = read_table(table)
        with open(path, "rb") as f:
            data = f.read()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as e:
            raise Failure(f"{path}: invalid UTF-8 at byte {e.start}")
        bom = "\ufeff" if text.startswith("\ufeff") else ""
        text = text[len(bom):]
        try:
            records = split_records(text)
        except csv.Error as e:
            raise Failure(f"{path}: not CSV: {e}")
        if not records:
            raise Failure(f"{path}: empty")
        header = records[0][3]
        ncol = len(header)
        has_en = all(c in header for c in EN_COLUMNS)
        if any(c in header for c in EN_COLUMNS) and not has_en:
            raise Failure(f"{path}:1: some English columns but not all three")
        if has_en and header[-3:] != EN_COLUMNS:
            raise Failure(f"{path}:1: the English columns are not the last three, as the export writes them")
        kcol = header.index("key") if "key" in header else None
        if kcol is None:
            raise Failure(f"{path}:1: no key column")
        rows = {}
        for idx, (_, _, line, fields) in enumerate(records[1:], 1):
            if len(fields) != ncol:
                raise Failure(f"{path}:{line}: {len(fields)} fields, the header has {ncol}")
            rows[fields[kcol]] = idx
        missing = [k for k in wanted if k not in rows]
        if missing:
            raise Failure("; ".join(f"{table}:{wanted[k][2]}: key '{k}' is not in {path}" for k in missing))

        if check_only:
            if not has_en:
                print(f"{path}: no pref_label_en column")
                return 3
            bad = 0
            p, a = header.index("pref_label_en"), header.index("alt_labels_en")
            for k, (pref, alts, n) in sorted(wanted.items()):
                f = records[rows[k]][3]
                have = [x for x in f[a].split("|") if x] if f[a] else []
                if f[p] != pref or have != alts:
                    print(f"{table}:{n}: {k}: glossary has '{f[p]}' [{'|'.join(have)}], "
                          f"the table '{pref}' [{'|'.join(alts)}]")
                    bad += 1
            print(f"{len(wanted)} table rows, {bad} differ")
            return 1 if bad else 0

        # One English preferred label per concept, and no two concepts sharing one.
        final = {}
        for k, idx in rows.items():
            f = records[idx][3]
            pref = wanted[k][0] if k in wanted else (f[header.index("pref_label_en")] if has_en else "")
            if pref:
                final.setdefault(pref.casefold(), []).append(k)
        dups = {p: ks for p, ks in final.items() if len(ks) > 1}
        if dups:
            raise Failure("; ".join(f"English preferred label '{p}' on several concepts: {', '.join(sorted(ks))}"
                                    for p, ks in sorted(dups.items())))

        out = [bom]
        for idx, (raw, end, line, fields) in enumerate(records):
            if idx == 0:
                out.append(raw + ("" if has_en else "," + ",".join(EN_COLUMNS)) + end)
                continue
            key = fields[kcol]
            if key not in wanted:
                out.append(raw + ("" if has_en else ",,,") + end)
                continue
            pref, alts, _ = wanted[key]
            definition = fields[-1] if has_en else ""
            new = ",".join([put_field(pref), put_field("|".join(alts)), put_field(definition)])
            if has_en:
                starts = field_starts(raw)
                if len(starts) != ncol:
                    raise Failure(f"{path}:{line}: cannot locate the fields of this row")
                raw = raw[: starts[ncol - 3] - 1]
            out.append(raw + "," + new + end)
        result = "".join(out)
        # The result must read back: same rows, same keys, the table's labels.
        back = split_records(result[len(bom):])
        if len(back) != len(records) or any(len(r[3]) != len(back[0][3]) for r in back):
            raise Failure("internal error: the result does not re-parse to the same rows")
        bh = back[0][3]
        for r_old, r_new in zip(records[1:], back[1:]):
            if r_new[3][: ncol] != r_old[3][: ncol] and has_en:
                if r_new[3][: ncol - 3] != r_old[3][: ncol - 3]:
                    raise Failure(f"internal error: row {r_old[2]} changed beyond its English fields")
            if not has_en and r_new[3][:ncol] != r_old[3]:
                raise Failure(f"internal error: row {r_old[2]} changed beyond its English fields")
            k = r_new[3][kcol]
            if k in wanted:
                got = (r_new[3][bh.index("pref_label_en")], r_new[3][bh.index("alt_labels_en")])
                if got != (wanted[k][0], "|".join(wanted[k][1])):
                    raise Failure(f"internal error: row {r_old[2]} does not read back as the table says")
        tmp = path + ".tmp-apply-english"
        with open(tmp, "w", encoding="utf-8", newline="") as f:
            f.write(result)
        os.replace(tmp, path)
        print(f"{path}: English labels for {len(wanted)} concepts "
              f"({sum(1 for k in wanted if wanted[k][1])} with alternative labels)")
        return 0
    except Failure as e:
        print(f"apply-english: {e}", file=sys.stderr)
        return 2
    except OSError as e:
        print(f"apply-english: {e.filename}: {e.strerror}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

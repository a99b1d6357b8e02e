"""Score the import of the corpus's running-text plans written out in every way publications give them.

    python benchmarks/bench_variants.py [--split dev|holdout] [--doc NAME] [--variant NAME]

The running-text counterpart of `bench_flattened.py`. Each document whose `source.txt` is running
text (no `table.json`) is rewritten mechanically, the same way for every document, into the forms
the same content takes on other pages, and each form is imported and scored against the document's
`expected.json` as `bench_import.py` scores a container:

- one_line: every line break removed (a web page's text run into one line);
- one_line_spaced: the lines joined by single spaces;
- pdf_wrap: each line hard-wrapped at 38 characters (an ASCII letter, digit or space counting half;
  punctuation full-width, as a Chinese page prints it), as a PDF's text layer gives it (a break falls anywhere, inside a number or a name too), a page number
  `- N -` on a line of its own after every 30 lines;
- pdf_spaces: a space each side of every number in ASCII digits (`2023 年 12 月`), as pdfplumber
  often gives a PDF's text;
- fullwidth: ASCII digits and punctuation as their full-width forms (`１．`, `（１）`, `６.２％` → `６．２％`),
  but quotes and bars (a Chinese keyboard types curly quotes; bars are a flattened table's) and the
  pinyin a mirror site writes after characters (`經(jīng)`: the mirror adds it to the page as typed);
- halfwidth: full-width digits, letters and punctuation as their ASCII forms (`，`→`,`, `（`→`(`);
- numbering_dot, numbering_comma, numbering_paren: the tasks' numbers written `1.`, `1、` or `（1）`.
  Only where it is safe: an arabic number (`1.`, `1、`, `1．`, `(1)`, `（1）`) at the start of a line,
  the lines so numbered matching every expected task in order (number and the start of the title);
  no other line opening with a number in the new form; documents whose numbers already have the
  form are left out.

The baseline of a variant is the original text's own score on the same documents (`original`,
and `<variant>:orig` where a variant covers fewer documents). `--doc NAME` (or `--doc .` for all)
lists, per variant, the documents scoring below the original's own score.
"""

from __future__ import annotations

import argparse
import re
import sys

import bench_import as bench
from toolkit.plan_import.grid import PINYIN_RE

WRAP = 76  # columns of a PDF line (38 Chinese characters)
PAGE_LINES = 30  # lines of a PDF page before its page number
MEASURES = ("tasks_recall", "tasks_precision", "units_ordered_exact", "lead_right", "deadline_right",
            "targets_precision", "targets_recall")
SHORT = dict(zip(MEASURES, ("tasksR", "tasksP", "units", "lead", "deadline", "targetsP", "targetsR")))
SLACK = 0.005

# ---- the variants ---------------------------------------------------------------------------

# quotes and bars are left: a Chinese keyboard types curly quotes, and bars are a flattened table's
ASCII_PUNCT = "".join(chr(c) for c in range(0x21, 0x7F) if not chr(c).isalnum() and chr(c) not in "\"'`|\\")
TO_FULL = str.maketrans({ch: chr(ord(ch) + 0xFEE0) for ch in "0123456789" + ASCII_PUNCT})
TO_HALF = str.maketrans({chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)} | {"\u3000": " "})
NUMBER_RE = re.compile(r"\d+(?:\.\d+)*")


def one_line(text: str, glue: str = "") -> str:
    return glue.join(line.strip() for line in text.splitlines() if line.strip())


def columns(text: str) -> int:
    """Columns on a page: ASCII letters, digits and spaces half as wide as the rest."""
    return sum(1 if ch.isascii() and (ch.isalnum() or ch == " ") else 2 for ch in text)


def pdf_wrap(text: str) -> str:
    lines: list[str] = []
    for paragraph in text.splitlines():
        line = ""
        for ch in paragraph.strip():
            if columns(line + ch) > WRAP:
                lines.append(line)
                line = ""
            line += ch
        if line:
            lines.append(line)
    out = []
    for k, line in enumerate(lines, 1):
        out.append(line)
        if k % PAGE_LINES == 0:
            out.append(f"- {k // PAGE_LINES} -")
    return "\n".join(out)


def pdf_spaces(text: str) -> str:
    spaced = NUMBER_RE.sub(lambda m: f" {m.group()} ", text)
    return "\n".join(re.sub(r" {2,}", " ", line).strip() for line in spaced.splitlines())


# ---- the tasks' numbers in another form ------------------------------------------------------

TASK_NUMBER_RE = re.compile(r"^\s*(?:(\d{1,3})\s*(?:[.、．](?!\d))|[(（](\d{1,3})[)）])\s*")
FORMS = {"numbering_dot": "{}.", "numbering_comma": "{}、", "numbering_paren": "（{}）"}
FORM_RES = {"numbering_dot": re.compile(r"^\s*\d{1,3}\s*[.．](?!\d)"),
            "numbering_comma": re.compile(r"^\s*\d{1,3}\s*、"),
            "numbering_paren": re.compile(r"^\s*[(（]\d{1,3}[)）]")}
TITLE_START = 4  # characters of the expected title the numbered line must open with


def task_lines(lines: list[str], expected: list[dict]) -> list[int] | None:
    """The indices of the lines numbering the expected tasks, in order; None unless every expected
    task is found so (its number at the line's start, the line going on with its title's start)."""
    found, k = [], 0
    for i, line in enumerate(lines):
        if k == len(expected):
            break
        m = TASK_NUMBER_RE.match(line)
        if not m or int(m.group(1) or m.group(2)) != expected[k]["number"]:
            continue
        start = bench.norm_text(expected[k]["title"])[:TITLE_START]
        if start and bench.norm_text(line[m.end():]).startswith(start):
            found.append(i)
            k += 1
    return found if expected and k == len(expected) else None


def renumbered(text: str, expected: list[dict], kind: str) -> str | None:
    lines = text.splitlines()
    chosen = task_lines(lines, expected)
    if chosen is None:
        return None
    others = [line for i, line in enumerate(lines) if i not in set(chosen)]
    if any(FORM_RES[kind].match(line) for line in others):
        return None  # the form numbers other lines already (sub-items, fields): not safe
    if all(FORM_RES[kind].match(lines[i]) for i in chosen):
        return None  # already in this form
    for i in chosen:
        m = TASK_NUMBER_RE.match(lines[i])
        lines[i] = FORMS[kind].format(m.group(1) or m.group(2)) + lines[i][m.end():]
    return "\n".join(lines)


def fullwidth(text: str) -> str:
    glosses = [m.span() for m in PINYIN_RE.finditer(text)]
    pieces, last = [], 0
    for start, end in glosses:
        pieces += [text[last:start].translate(TO_FULL), text[start:end]]
        last = end
    return "".join(pieces) + text[last:].translate(TO_FULL)


def variants(text: str, expected: list[dict]) -> dict[str, str]:
    out = {
        "original": text, "one_line": one_line(text), "one_line_spaced": one_line(text, " "),
        "pdf_wrap": pdf_wrap(text), "pdf_spaces": pdf_spaces(text),
        "fullwidth": fullwidth(text), "halfwidth": text.translate(TO_HALF),
    }
    for kind in FORMS:
        if (changed := renumbered(text, expected, kind)) is not None:
            out[kind] = changed
    return out


# ---- scoring ---------------------------------------------------------------------------------

def run(split: str | None, name: str | None, variant: str | None) -> dict[str, list[bench.Result]]:
    results: dict[str, list[bench.Result]] = {}
    for doc in bench.documents(split, name):
        if (doc / "table.json").is_file():
            continue
        meta, expected = bench.read_json(doc / "meta.json"), bench.read_json(doc / "expected.json")["tasks"]
        text = (doc / "source.txt").read_text(encoding="utf-8")
        for kind, written in variants(text, expected).items():
            if variant and kind not in (variant, "original"):
                continue
            results.setdefault(kind, []).append(bench.score_text(doc, kind, written, meta, expected))
    return results


def below(result: bench.Result, original: bench.Result) -> list[str]:
    """The measures on which a variant's import of a document scores below the original's."""
    mine, theirs = bench.tally([result]), bench.tally([original])
    worse = [key for key in MEASURES if mine[key] is not None and
             (theirs[key] is None or mine[key] < theirs[key] - SLACK)]
    worse += [key for key in MEASURES if mine[key] is None and theirs[key] is not None]
    return (["refused"] if mine["refused"] > theirs["refused"] else []) + worse


def print_below(results: dict[str, list[bench.Result]]) -> None:
    """A line for each document whose form scores below the original's, with the measures."""
    originals = {r.doc: r for r in results.get("original", [])}
    for kind, found in results.items():
        for result in found:
            if kind != "original" and (worse := below(result, originals[result.doc])):
                f, o = bench.tally([result]), bench.tally([originals[result.doc]])
                print(f"{result.doc[:40]:40} {kind:16} " + " ".join(
                    "refused" if key == "refused" else f"{SHORT[key]} {bench.cell(o[key])}→{bench.cell(f[key])}"
                    for key in worse))


def figures(results: dict[str, list[bench.Result]]) -> dict[str, dict]:
    originals = results.get("original", [])
    out = {"original": bench.tally(originals)} if originals else {}
    for kind, found in results.items():
        if kind == "original":
            continue
        out[kind] = bench.tally(found)
        docs = {r.doc for r in found}
        if docs != {r.doc for r in originals}:
            out[f"{kind}:orig"] = bench.tally([r for r in originals if r.doc in docs])
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Score the import of running-text plans written out in other forms.")
    parser.add_argument("--split", choices=("dev", "holdout"))
    parser.add_argument("--doc", help="list the documents below the original's score for one document (or all: --doc .)")
    parser.add_argument("--variant", help="one variant only (and the original)")
    args = parser.parse_args(argv)
    results = run(args.split, None if args.doc == "." else args.doc, args.variant)
    if args.doc:
        print_below(results)
    print(bench.table(figures(results)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

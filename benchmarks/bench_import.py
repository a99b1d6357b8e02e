"""Score the plan importer on the corpus of real published plans (benchmarks/corpus/plans).

    python benchmarks/bench_import.py [--split dev|holdout] [--format txt] [--doc NAME] [--json]

Every document is imported with `toolkit.plan_import.parse_plan_file` from each container it
has: `source.txt` (txt) and, where built, `table.docx`/`plan.docx` (docx), `table.xlsx`
(xlsx), `table.html` (html), `table.pdf`/`plan.pdf` (pdf). A WorkplanError is a refusal; any
other exception is a crash (printed, and scored as a refusal). The tasks found are matched to
the hand-checked `expected.json` by number (when the texts agree at least a little), then by
title similarity, and the figures below are printed per format, per split and in total:

- docs, refused (crashes in brackets);
- tasks: recall (expected tasks found) and precision (found tasks that are expected);
- units: share of matched tasks whose unit list equals the expected one as a set, and in order;
- lead, deadline: share of matched tasks with the expected lead unit / deadline;
- targets: precision and recall; a target matches on value, unit and comparator within its
  matched task (found targets of unmatched tasks count against precision).

Names, deadlines and titles are compared after removing whitespace and unifying full- and
half-width forms (`（１）` = `(1)`).
`--doc NAME` (a folder name or a unique part of it) prints a per-task diff for one document.
The scorer only parses; it never runs LibreOffice.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from toolkit.errors import WorkplanError  # noqa: E402
from toolkit.plan_import import parse_plan_file  # noqa: E402

PLANS = Path(__file__).resolve().parent / "corpus" / "plans"
FORMATS = ("txt", "docx", "xlsx", "html", "pdf")
FILES = {"txt": ("source.txt",), "docx": ("table.docx", "plan.docx"), "xlsx": ("table.xlsx",),
         "html": ("table.html",), "pdf": ("table.pdf", "plan.pdf")}
NUMBER_MATCH = 0.3  # text agreement needed to accept a task matched by its number
TITLE_MATCH = 0.6  # text agreement needed to match a task by its title alone

_BRACKETS = str.maketrans({"（": "(", "）": ")", "〔": "(", "〕": ")", "［": "[", "］": "]",
                           "【": "[", "】": "]", "，": ",", "：": ":", "；": ";"})
_WIDTH = str.maketrans({chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)})  # full-width ASCII forms
_PUNCT = re.compile(r"[\s，。、；：,.;:！!？?“”\"'‘’（）()《》〈〉【】\[\]〔〕—\-…·]+")


def norm_name(text: str | None) -> str:
    return re.sub(r"\s+", "", (text or "").translate(_WIDTH).translate(_BRACKETS))


def norm_text(text: str | None) -> str:
    return _PUNCT.sub("", (text or "").translate(_WIDTH))


def bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)} or ({text} if text else set())


def agreement(expected: dict, found_title: str, found_body: str) -> float:
    """How well a found task's text agrees with an expected task: the better of the title
    similarity and the share of the expected title's bigrams found in the found text. An
    expected task may also give `text` (a table row's content cell when its title is a short
    name cell); the found task agrees with either."""
    ft, fb = norm_text(found_title), norm_text(found_body)
    best = 0.0
    for wanted in (expected.get("title"), expected.get("text")):
        e = norm_text(wanted)
        if not e:
            continue
        ratio = SequenceMatcher(None, e, ft, autojunk=False).ratio() if ft else 0.0
        grams = bigrams(e)
        overlap = sum(1 for g in grams if g in ft + fb) / len(grams)
        best = max(best, ratio, overlap)
    return best


@dataclass
class Found:
    number: int
    title: str
    body: str
    units: list[str]
    lead: str
    deadline: str
    targets: list[tuple]


@dataclass
class Result:
    doc: str
    split: str
    fmt: str
    path: Path
    expected: list[dict]
    found: list[Found] = field(default_factory=list)
    refused: str = ""  # the refusal message
    crash: str = ""  # the crash traceback's last line
    seconds: float = 0.0
    pairs: list[tuple[dict, Found | None]] = field(default_factory=list)


def target_key(value, unit: str, comparator: str) -> tuple:
    return (round(float(value), 6), norm_name(unit), comparator)


def load_found(path: Path) -> list[Found]:
    plan = parse_plan_file(path)
    out = []
    for task in plan.tasks:
        targets = [target_key(i.value, i.unit, i.comparator) for i in plan.indicators_of(task.number)]
        out.append(Found(task.number, task.title, task.body, list(task.units), task.lead or "",
                         task.deadline or "", targets))
    return out


def match(expected: list[dict], found: list[Found]) -> list[tuple[dict, Found | None]]:
    """Pair each expected task with at most one found task: by number first, then by title."""
    used: set[int] = set()
    chosen: dict[int, int] = {}
    for ei, exp in enumerate(expected):
        candidates = [(agreement(exp, f.title, f.body), fi) for fi, f in enumerate(found)
                      if f.number == exp["number"] and fi not in used]
        if candidates:
            score, fi = max(candidates)
            if score >= NUMBER_MATCH:
                chosen[ei] = fi
                used.add(fi)
    for ei, exp in enumerate(expected):
        if ei in chosen:
            continue
        candidates = [(agreement(exp, f.title, f.body), fi) for fi, f in enumerate(found)
                      if fi not in used]
        if candidates:
            score, fi = max(candidates)
            if score >= TITLE_MATCH:
                chosen[ei] = fi
                used.add(fi)
    return [(exp, found[chosen[ei]] if ei in chosen else None) for ei, exp in enumerate(expected)]


def score_one(doc: Path, fmt: str, path: Path, meta: dict, expected: list[dict]) -> Result:
    result = Result(doc.name, meta.get("split", "dev"), fmt, path, expected)
    start = time.perf_counter()
    try:
        result.found = load_found(path)
    except WorkplanError as exc:
        result.refused = exc.message
    except Exception as exc:  # noqa: BLE001 - a crash is a finding, not a reason to stop
        result.crash = f"{type(exc).__name__}: {exc}"
        print(f"CRASH {doc.name} [{fmt}] {result.crash}", file=sys.stderr)
        traceback.print_exc(limit=3, file=sys.stderr)
    result.seconds = time.perf_counter() - start
    result.pairs = match(expected, result.found)
    return result


def score_text(doc: Path, kind: str, text: str, meta: dict, expected: list[dict]) -> Result:
    """score_one of `text` written to a source.txt of its own (a document written out in another form)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "source.txt"
        path.write_text(text, encoding="utf-8")
        return score_one(doc, kind, path, meta, expected)


def documents(split: str | None = None, name: str | None = None) -> list[Path]:
    folders = sorted(p for p in PLANS.iterdir() if p.is_dir() and (p / "expected.json").is_file())
    if name:
        exact = [p for p in folders if p.name == name]
        folders = exact or [p for p in folders if name in p.name]
        if not folders:
            raise SystemExit(f"no corpus document matches {name!r}")
    if split:
        folders = [p for p in folders if read_json(p / "meta.json").get("split") == split]
    return folders


def read_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def containers(doc: Path) -> list[tuple[str, Path]]:
    out = []
    for fmt in FORMATS:
        for name in FILES[fmt]:
            if (doc / name).is_file():
                out.append((fmt, doc / name))
                break
    return out


def run(split: str | None = None, fmt: str | None = None, name: str | None = None) -> list[Result]:
    results = []
    for doc in documents(split, name):
        meta = read_json(doc / "meta.json")
        expected = read_json(doc / "expected.json")["tasks"]
        for f, path in containers(doc):
            if fmt and f != fmt:
                continue
            results.append(score_one(doc, f, path, meta, expected))
    return results


@dataclass
class Tally:
    docs: int = 0
    refused: int = 0
    crashed: int = 0
    expected: int = 0
    found: int = 0
    matched: int = 0
    units_set: int = 0
    units_order: int = 0
    lead: int = 0
    deadline: int = 0
    targets_expected: int = 0
    targets_found: int = 0
    targets_matched: int = 0

    def add(self, r: Result) -> None:
        self.docs += 1
        self.refused += bool(r.refused or r.crash)
        self.crashed += bool(r.crash)
        self.expected += len(r.expected)
        self.found += len(r.found)
        self.targets_found += sum(len(f.targets) for f in r.found)
        for exp, f in r.pairs:
            want = Counter(target_key(t["value"], t["unit"], t["comparator"]) for t in exp["targets"])
            self.targets_expected += sum(want.values())
            if f is None:
                continue
            self.matched += 1
            units_e = [norm_name(u) for u in exp["units"]]
            units_f = [norm_name(u) for u in f.units]
            self.units_set += set(units_e) == set(units_f)
            self.units_order += units_e == units_f
            self.lead += norm_name(exp.get("lead")) == norm_name(f.lead)
            self.deadline += norm_text(exp.get("deadline")) == norm_text(f.deadline)
            self.targets_matched += sum((want & Counter(f.targets)).values())

    @staticmethod
    def share(part: int, whole: int) -> float | None:
        return part / whole if whole else None

    def figures(self) -> dict:
        s = self.share
        return {
            "docs": self.docs, "refused": self.refused, "crashed": self.crashed,
            "tasks_expected": self.expected, "tasks_found": self.found,
            "tasks_recall": s(self.matched, self.expected),
            "tasks_precision": s(self.matched, self.found),
            "units_set_exact": s(self.units_set, self.matched),
            "units_ordered_exact": s(self.units_order, self.matched),
            "lead_right": s(self.lead, self.matched),
            "deadline_right": s(self.deadline, self.matched),
            "targets_expected": self.targets_expected, "targets_found": self.targets_found,
            "targets_precision": s(self.targets_matched, self.targets_found),
            "targets_recall": s(self.targets_matched, self.targets_expected),
        }


def tally(results: list[Result]) -> dict:
    t = Tally()
    for r in results:
        t.add(r)
    return t.figures()


def groups(results: list[Result]) -> dict[str, dict]:
    out = {}
    for fmt in FORMATS:
        chosen = [r for r in results if r.fmt == fmt]
        if chosen:
            out[fmt] = tally(chosen)
    for split in ("dev", "holdout"):
        chosen = [r for r in results if r.split == split]
        if chosen:
            out[split] = tally(chosen)
    out["total"] = tally(results)
    # the same table documents in every container, for the "formats agree" goal
    by_doc: dict[str, set[str]] = {}
    for r in results:
        by_doc.setdefault(r.doc, set()).add(r.fmt)
    complete = {d for d, fmts in by_doc.items() if set(FORMATS) <= fmts}
    if complete:
        for fmt in FORMATS:
            out[f"tables:{fmt}"] = tally([r for r in results if r.doc in complete and r.fmt == fmt])
    return out


COLUMNS = [("docs", "docs"), ("refused", "refused"), ("tasks_recall", "tasks R"),
           ("tasks_precision", "tasks P"), ("units_set_exact", "units set"),
           ("units_ordered_exact", "units ord"), ("lead_right", "lead"),
           ("deadline_right", "deadline"), ("targets_precision", "targets P"),
           ("targets_recall", "targets R")]


def cell(value) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def table(figures: dict[str, dict]) -> str:
    head = ["group"] + [label for _, label in COLUMNS]
    rows = []
    for group, f in figures.items():
        refused = f"{f['refused']}" + (f" ({f['crashed']} crash)" if f["crashed"] else "")
        values = [refused if key == "refused" else cell(f[key]) for key, _ in COLUMNS]
        rows.append([group] + values)
    widths = [max(len(str(x)) for x in col) for col in zip(head, *rows)]
    fmt = lambda row: "| " + " | ".join(str(x).ljust(w) for x, w in zip(row, widths)) + " |"  # noqa: E731
    lines = [fmt(head), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    lines += [fmt(row) for row in rows]
    return "\n".join(lines)


def show_doc(results: list[Result]) -> None:
    for r in results:
        state = "refused: " + r.refused if r.refused else ("CRASH: " + r.crash if r.crash else "")
        print(f"\n=== {r.doc} [{r.fmt}] {r.path.name}  {len(r.found)} found / {len(r.expected)} "
              f"expected  {r.seconds * 1000:.0f} ms  {state}")
        matched = set()
        for exp, f in r.pairs:
            if f is None:
                print(f"  MISSING  #{exp['number']} {exp['title'][:40]}")
                continue
            matched.add(id(f))
            notes = []
            if [norm_name(u) for u in exp["units"]] != [norm_name(u) for u in f.units]:
                notes.append(f"units {exp['units']} != {f.units}")
            if norm_name(exp.get("lead")) != norm_name(f.lead):
                notes.append(f"lead {exp.get('lead')!r} != {f.lead!r}")
            if norm_text(exp.get("deadline")) != norm_text(f.deadline):
                notes.append(f"deadline {exp.get('deadline')!r} != {f.deadline!r}")
            want = Counter(target_key(t["value"], t["unit"], t["comparator"]) for t in exp["targets"])
            got = Counter(f.targets)
            if want != got:
                notes.append(f"targets missing {sorted((want - got).elements())} "
                             f"extra {sorted((got - want).elements())}")
            flag = "ok      " if not notes else "DIFF    "
            print(f"  {flag} #{exp['number']}->#{f.number} {exp['title'][:40]}")
            for note in notes:
                print(f"             {note}")
        for f in r.found:
            if id(f) not in matched:
                print(f"  EXTRA    #{f.number} {f.title[:40]} units={f.units} targets={f.targets}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Score the plan importer on the corpus.")
    parser.add_argument("--split", choices=("dev", "holdout"))
    parser.add_argument("--format", choices=FORMATS, dest="fmt")
    parser.add_argument("--doc", help="show a per-task diff for one document")
    parser.add_argument("--json", action="store_true", help="print one JSON line of figures")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    results = run(args.split, args.fmt, args.doc)
    figures = groups(results)
    if args.json:
        print(json.dumps({"figures": figures, "seconds": round(time.perf_counter() - start, 2)},
                         ensure_ascii=False))
        return 0
    if args.doc:
        show_doc(results)
        print()
    docs = len({r.doc for r in results})
    print(f"{docs} documents, {len(results)} imports, {time.perf_counter() - start:.1f} s")
    print(table(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())

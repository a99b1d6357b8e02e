"""The corpus of real published plans (benchmarks/corpus) is well-formed, and the reference plan
scores exactly. The other documents' scores are measured by benchmarks/bench_import.py, not
asserted here: they move as the importer improves."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "benchmarks" / "corpus"
PLANS = CORPUS / "plans"
REFERENCE = "00_sanming_edu_2020_reference"
LEVELS = {"national", "province", "city", "county", "town", "department", "school"}
COMPARATORS = {">=", "<=", "~", "="}
TABLE_FORMATS = ("table.docx", "table.xlsx", "table.html", "table.pdf")


def _documents() -> list[Path]:
    return sorted(p for p in PLANS.iterdir() if p.is_dir())


def _bench():
    spec = importlib.util.spec_from_file_location("bench_import", REPO / "benchmarks" / "bench_import.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_import", module)  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_the_corpus_has_real_documents_each_in_a_split():
    """Development documents, and a holdout when one is being kept (a measured holdout becomes
    development material while the next round's is gathered)."""
    docs = _documents()
    assert len(docs) >= 15
    splits = {json.loads((d / "meta.json").read_text(encoding="utf-8"))["split"] for d in docs}
    assert "dev" in splits and splits <= {"dev", "holdout"}
    assert (PLANS / REFERENCE).is_dir()


@pytest.mark.parametrize("doc", _documents(), ids=lambda p: p.name)
def test_document_is_well_formed(doc: Path):
    source = (doc / "source.txt").read_text(encoding="utf-8")
    assert source.strip()
    meta = json.loads((doc / "meta.json").read_text(encoding="utf-8"))
    for key in ("url", "title", "level", "province", "year", "shape", "split"):
        assert key in meta, key
    assert meta["level"] in LEVELS
    assert meta["split"] in ("dev", "holdout")
    assert isinstance(meta["year"], int)
    tasks = json.loads((doc / "expected.json").read_text(encoding="utf-8"))["tasks"]
    assert tasks
    numbers = [t["number"] for t in tasks]
    assert len(numbers) == len(set(numbers)), "task numbers repeat"
    for task in tasks:
        assert isinstance(task["number"], int)
        assert task["title"].strip()
        assert isinstance(task["units"], list) and all(u.strip() for u in task["units"])
        assert len(task["units"]) == len(set(task["units"])), task["title"]
        assert isinstance(task["deadline"], str)
        if task["units"]:
            assert task["lead"] in task["units"], task["title"]
            assert task["lead_basis"] in ("明确", "默认首位")
            if task["lead_basis"] == "默认首位":
                assert task["lead"] == task["units"][0]
        else:
            assert task["lead"] is None and task["lead_basis"] == ""
        for target in task["targets"]:
            assert isinstance(target["value"], (int, float)) and not isinstance(target["value"], bool)
            assert target["unit"].strip()
            assert target["comparator"] in COMPARATORS


@pytest.mark.parametrize("doc", [d for d in _documents() if (d / "table.json").is_file()],
                         ids=lambda p: p.name)
def test_table_documents_have_every_format(doc: Path):
    table = json.loads((doc / "table.json").read_text(encoding="utf-8"))
    assert table["title"] and len(table["rows"]) >= 2
    width = len(table["rows"][0])
    assert all(len(row) == width for row in table["rows"]), "ragged grid"
    for name in TABLE_FORMATS:
        assert (doc / name).is_file() and (doc / name).stat().st_size > 0, name
    assert (doc / "table.pdf").read_bytes()[:5] == b"%PDF-"


def test_reference_plan_has_its_renderings():
    for name in ("plan.docx", "plan.pdf"):
        assert (PLANS / REFERENCE / name).is_file(), name


def test_reference_plan_scores_exactly_as_text():
    bench = _bench()
    results = bench.run(name=REFERENCE, fmt="txt")
    assert len(results) == 1 and not results[0].refused and not results[0].crash
    figures = bench.tally(results)
    for key in ("tasks_recall", "tasks_precision", "units_set_exact", "units_ordered_exact",
                "lead_right", "deadline_right", "targets_precision", "targets_recall"):
        assert figures[key] == 1.0, (key, figures[key])

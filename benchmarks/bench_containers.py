"""Score the import of the corpus's running-text plans carried by Word, a web page and PDF.

    python benchmarks/bench_containers.py [--split dev|holdout] [--doc NAME | --doc .]
                                          [--dir DIR] [--force]

The container counterpart of `bench_variants.py`. Each document whose `source.txt` is running
text (no `table.json`) is written, one paragraph a line, as

- docx: a Word document as a page pasted into Word gives it (left-aligned, no indent);
- docx_official: a Word document typeset as an official document is (justified, the first line
  of each paragraph indented two characters);
- html: a web page, one `<p>` a line;
- pdf, pdf_official: the two Word documents exported to PDF by LibreOffice (`soffice` runs
  for forty at a time; without LibreOffice the PDFs are left out and a note is printed),

and each is imported and scored against the document's `expected.json`, beside the original
text's own score (`original`). The files are made under `--dir` (a folder in the system's
temporary folder by default) and remade only when missing or older than `source.txt` (or with
`--force`). `--doc NAME` (or `--doc .` for all) lists the documents scoring below the original.
"""

from __future__ import annotations

import argparse
import html
import subprocess
import sys
import tempfile
from pathlib import Path

import bench_import as bench
import bench_variants as variants

sys.path.insert(0, str(Path(__file__).resolve().parent / "corpus"))
import build_formats  # noqa: E402

BATCH = 40  # Word files a soffice run converts (one run for hundreds stops part way)
KINDS = ("docx", "docx_official", "html", "pdf", "pdf_official")


def lines(doc: Path) -> list[str]:
    text = (doc / "source.txt").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip()]


def write_docx(doc: Path, out: Path, official: bool) -> None:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = docx.Document()
    document.core_properties.created = build_formats.FIXED_TIME
    document.core_properties.modified = build_formats.FIXED_TIME
    size = document.styles["Normal"].font.size or Pt(11)
    for text in lines(doc):
        paragraph = document.add_paragraph(text)
        if official:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            paragraph.paragraph_format.first_line_indent = size * 2
    document.save(out)


def write_html(doc: Path, out: Path) -> None:
    body = "\n".join(f"<p>{html.escape(text)}</p>" for text in lines(doc))
    out.write_text(f"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body>\n{body}\n</body></html>\n",
                   encoding="utf-8")


def build(docs: list[Path], folder: Path, force: bool) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    to_pdf = []
    for doc in docs:
        source = doc / "source.txt"
        for kind, writer in (("docx", lambda d, o: write_docx(d, o, False)),
                             ("docx_official", lambda d, o: write_docx(d, o, True)), ("html", write_html)):
            out = path(folder, doc, kind)
            if force or not out.exists() or out.stat().st_mtime < source.stat().st_mtime:
                writer(doc, out)
        for kind in ("pdf", "pdf_official"):
            out, word = path(folder, doc, kind), path(folder, doc, kind.replace("pdf", "docx"))
            if force or not out.exists() or out.stat().st_mtime < word.stat().st_mtime:
                to_pdf.append(word)
    office = build_formats.soffice()
    if to_pdf and office is None:
        print("LibreOffice is not installed: the PDFs are left out", file=sys.stderr)
    for start in range(0, len(to_pdf) if office else 0, BATCH):
        with tempfile.TemporaryDirectory() as profile:
            subprocess.run([office, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
                            "--convert-to", "pdf", "--outdir", str(folder), *map(str, to_pdf[start:start + BATCH])],
                           capture_output=True, timeout=1800)


def path(folder: Path, doc: Path, kind: str) -> Path:
    suffix = {"docx": ".docx", "docx_official": ".official.docx", "html": ".html",
              "pdf": ".pdf", "pdf_official": ".official.pdf"}[kind]
    return folder / f"{doc.name}{suffix}"


def run(docs: list[Path], folder: Path) -> dict[str, list[bench.Result]]:
    results: dict[str, list[bench.Result]] = {}
    for doc in docs:
        meta, expected = bench.read_json(doc / "meta.json"), bench.read_json(doc / "expected.json")["tasks"]
        results.setdefault("original", []).append(bench.score_one(doc, "original", doc / "source.txt", meta, expected))
        for kind in KINDS:
            if path(folder, doc, kind).exists():
                results.setdefault(kind, []).append(
                    bench.score_one(doc, kind, path(folder, doc, kind), meta, expected))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Score running-text plans carried by Word, a web page and PDF.")
    parser.add_argument("--split", choices=("dev", "holdout"))
    parser.add_argument("--doc", help="list the documents below the original's score for one document (or all: --doc .)")
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "workplan-containers")
    parser.add_argument("--force", action="store_true", help="make every file again")
    args = parser.parse_args(argv)
    docs = [d for d in bench.documents(args.split, None if args.doc in (None, ".") else args.doc)
            if not (d / "table.json").is_file()]
    build(docs, args.dir, args.force)
    results = run(docs, args.dir)
    if args.doc:
        variants.print_below(results)
    print(bench.table(variants.figures(results)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

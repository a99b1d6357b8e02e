"""The consolidated workbook (汇总表): its layout, writer and reader side by side.

The collection and the check write it (once per run, with XlsxWriter); tests and a re-entering
user read it back with `load_consolidation`.
"""

from toolkit.books.consolidated.reader import load_consolidation
from toolkit.books.consolidated.writer import write_consolidated

__all__ = ["load_consolidation", "write_consolidated"]

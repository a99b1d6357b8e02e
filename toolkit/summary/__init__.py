"""Summary (年终总结 / 进度通报): a workbook of tables and a chart, and the narrative document.

Public interface:
  write_summary(master_path, round_name="年终", out_dir=None) -> SummaryResult
  render_summary(plan, consolidation, evaluation, round_name, out_dir) -> SummaryResult
Both are filled from the templates in the repository's templates/ folder.
"""

from toolkit.summary.context import build_context
from toolkit.summary.render import SummaryResult, render_summary, templates_dir, write_summary

__all__ = ["SummaryResult", "build_context", "render_summary", "templates_dir", "write_summary"]

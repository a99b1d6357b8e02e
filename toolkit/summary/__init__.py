"""Summary (年终总结 / 进度通报): a workbook of tables and a chart, and the narrative document.

Public interface:
  render_summary(plan, consolidation, evaluation, out_dir, store=…, comparison=…, before=…)
      -> SummaryResult
Both are filled from the templates in the repository's templates/ folder.
"""

from toolkit.common.lazy import exports

_NAMES = {
    "Heard": "toolkit.summary.heard",
    "SummaryResult": "toolkit.summary.render",
    "build_context": "toolkit.summary.context",
    "render_summary": "toolkit.summary.render",
    "templates_dir": "toolkit.summary.render",
}
__getattr__, __dir__ = exports(__name__, _NAMES)
__all__ = sorted(_NAMES)

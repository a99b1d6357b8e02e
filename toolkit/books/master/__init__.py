"""The master workbook (任务分解总表): the source of truth after import."""

from toolkit.common.lazy import exports

_NAMES = {
    "MasterError": "toolkit.books.master.reader",
    "load_master": "toolkit.books.master.reader",
    "write_master": "toolkit.books.master.writer",
}
__getattr__, __dir__ = exports(__name__, _NAMES)
__all__ = sorted(_NAMES)

"""The master workbook (任务分解总表): the source of truth after import."""

from toolkit.master.reader import MasterError, load_master
from toolkit.master.writer import write_master

__all__ = ["MasterError", "load_master", "write_master"]

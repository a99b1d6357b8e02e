"""Logging: tracebacks and details go to a log file, never to the user's screen."""

from __future__ import annotations

import logging
import os
from pathlib import Path

LOG_NAME = "workplan.log"
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def default_log_path() -> Path:
    """~/.workplan/workplan.log, or WORKPLAN_LOG_DIR/workplan.log."""
    folder = os.environ.get("WORKPLAN_LOG_DIR") or Path.home() / ".workplan"
    return Path(folder) / LOG_NAME


def log_to(path: str | os.PathLike | None = None) -> Path:
    """Send the workplan logger's records to `path` (default_log_path() when None)."""
    path = Path(path) if path else default_log_path()
    logger = logging.getLogger("workplan")
    logger.setLevel(logging.INFO)
    for handler in logger.handlers:
        if isinstance(handler, logging.FileHandler) and Path(handler.baseFilename) == path.resolve():
            return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(path, encoding="utf-8")
    except OSError:
        return path
    handler.setFormatter(logging.Formatter(FORMAT))
    logger.addHandler(handler)
    return path

"""Where the program writes its log, and how an unexpected error gets there.

No Qt here: the CLI and the GUI both use it. A clerk never sees a traceback; the log keeps it for
whoever supports her.
"""

from __future__ import annotations

import logging
import logging.handlers
import traceback
from pathlib import Path

_LOGGER_NAME = "unionoffice"


def log_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_log_dir("UnionOffice", appauthor=False))


def log_file() -> Path:
    return log_dir() / "unionoffice.log"


def get_logger() -> logging.Logger:
    logger = logging.getLogger(_LOGGER_NAME)
    if not logger.handlers:
        try:
            log_dir().mkdir(parents=True, exist_ok=True)
            handler: logging.Handler = logging.handlers.RotatingFileHandler(
                log_file(), maxBytes=1_000_000, backupCount=5, encoding="utf-8"
            )
        except OSError:
            handler = logging.NullHandler()  # a read-only profile must not stop the program
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False
    return logger


def log_exception(exc: BaseException, context: str = "") -> Path:
    """Write ``exc`` with its traceback to the log; returns the log file's path."""
    text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    get_logger().error("%s\n%s", context or "unexpected error", text)
    return log_file()

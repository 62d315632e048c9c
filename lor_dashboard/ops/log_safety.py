"""Log lines nobody can forge: control characters from paths, queries and headers are escaped, so
``%0a`` in a URL cannot start a line of its own in the text log."""
from __future__ import annotations

import logging
import re

# C0 and C1 controls, DEL, and the Unicode line and paragraph separators.
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def escape_controls(text: str) -> str:
    return _CONTROLS.sub(lambda m: m[0].encode("unicode_escape").decode("ascii"), text)


class EscapeControlsFilter(logging.Filter):
    """On the handler: the record's message, and its string fields for JSON logs, escaped."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        safe = escape_controls(message)
        if safe != message:
            record.msg, record.args = safe, None
        for name in ("path", "method", "view"):
            value = getattr(record, name, None)
            if isinstance(value, str):
                setattr(record, name, escape_controls(value))
        return True

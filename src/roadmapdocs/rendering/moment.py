"""The time a rendered document is stamped with (its properties, its comments).

``SOURCE_DATE_EPOCH`` (seconds since 1970, the convention of reproducible builds) fixes it, so
that the same input renders to the same bytes; otherwise it is the current time.
"""

from __future__ import annotations

import datetime as dt
import os


def fixed() -> dt.datetime | None:
    """``SOURCE_DATE_EPOCH`` when it is set to a whole number (UTC), else None."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
    return None


def now() -> dt.datetime:
    """``SOURCE_DATE_EPOCH`` when it is set to a whole number, else the current time (UTC)."""
    return fixed() or dt.datetime.now(dt.timezone.utc)

"""Limits an operator can set on what ClashWatch accepts, and the error that refuses an input over one.

``CLASHWATCH_MAX_ARTICLE_MB`` (default 20) caps one article's text in MB of UTF-8, for every way in: files read by
``clashwatch ingest`` (``--max-mb`` overrides it) and articles given to the coder directly. Texts up to the cap are
coded whole, however long (the coder parses them in pieces); a text over it is refused before any work is done.
"""

from __future__ import annotations

import os

DEFAULT_MAX_ARTICLE_MB = 20.0
MAX_ARTICLE_MB_VARIABLE = "CLASHWATCH_MAX_ARTICLE_MB"


class InputRejected(ValueError):
    """An input ClashWatch refuses; the message says which limit or rule it broke and what to do."""


def max_article_bytes() -> int:
    """The cap on one article's text, from ``CLASHWATCH_MAX_ARTICLE_MB`` or the default."""
    raw = os.environ.get(MAX_ARTICLE_MB_VARIABLE, "").strip()
    if not raw:
        return int(DEFAULT_MAX_ARTICLE_MB * 1_000_000)
    try:
        megabytes = float(raw)
    except ValueError:
        raise InputRejected(f"{MAX_ARTICLE_MB_VARIABLE}={raw!r} is not a number of MB") from None
    if not megabytes > 0:
        raise InputRejected(f"{MAX_ARTICLE_MB_VARIABLE}={raw!r} must be a positive number of MB")
    return int(megabytes * 1_000_000)


def too_big(size: int, max_bytes: int) -> str:
    """Why a text of ``size`` bytes is refused under a cap of ``max_bytes``."""
    return (
        f"{size / 1e6:.1f} MB is over the limit of {max_bytes / 1e6:.1f} MB per article "
        f"(raise it with --max-mb or {MAX_ARTICLE_MB_VARIABLE})"
    )


def check_article_size(text: str, max_bytes: int) -> None:
    """Raises ``InputRejected`` when ``text`` is over ``max_bytes`` of UTF-8."""
    # A character is at most 4 bytes of UTF-8: most texts are cleared without encoding them.
    if len(text) * 4 <= max_bytes:
        return
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        raise InputRejected(too_big(size, max_bytes))

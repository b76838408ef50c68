"""Whether a text is English: the coder's lexicons, patterns and model read English only, so a page in another
language would be coded into nonsense rather than into nothing.

English prose is about a third function words ("the", "of", "and", ...); other languages, even ones that share
the alphabet, have almost none of these. A short text says too little to judge and is let through.
"""

from __future__ import annotations

import re

# Common English function words that are not also common words of French, Spanish, German, Italian or Portuguese.
_ENGLISH_FUNCTION_WORDS = frozenset(
    "the of and to is was that for with on by from said has have were are it its this be been which who after "
    "their they he she his her not or but will would had than when while into about".split()
)
_WORD = re.compile(r"[^\W\d_]+")
MIN_WORDS = 40  # below this the share is too noisy to refuse a text for
MIN_ENGLISH_SHARE = 0.12  # English news runs 0.3-0.45; French, Spanish, German, Arabic or Russian text near 0


def english_share(text: str) -> tuple[float, int]:
    """The share of the words of ``text`` that are English function words, and how many words it has."""
    words = _WORD.findall(text[:20_000].lower())
    if not words:
        return 0.0, 0
    return sum(word in _ENGLISH_FUNCTION_WORDS for word in words) / len(words), len(words)


def not_english_reason(text: str) -> str | None:
    """Why ``text`` is taken for not English, or None when it reads as English (or is too short to tell)."""
    share, words = english_share(text)
    if words < MIN_WORDS or share >= MIN_ENGLISH_SHARE:
        return None
    return (
        f"not English (English function words are {share:.0%} of its {words} words; English news has about 30%): "
        "the coder reads English only, so it was not coded"
    )

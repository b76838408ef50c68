"""Case-insensitive whole-word alternations of many patterns, compiled so Python's ``re`` can rule most out at once.

``re`` tries every alternative of ``\\b(?:a|b|...)\\b`` at every word start, and with IGNORECASE it cannot skip one by
its first letter. ``word_alternation`` groups the alternatives by the letters they can start with, behind
lookaheads that split the alphabet in halves: at a word start only the alternatives that can start with its letter
are tried, in their original order, so the matches are exactly those of the plain alternation (the event lexicon's
31 families scan about twice as fast).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from re import _constants as sre
from re import _parser as sre_parse

# Parsed-pattern items that match no character: they do not decide what a match starts with.
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
# A character range wider than this is taken to allow any first letter (keeps the letter sets small).
_WIDEST_RANGE = 64


def word_alternation(patterns: Iterable[str]) -> re.Pattern[str]:
    """``\\b(?:pattern1|pattern2|...)\\b``, case-insensitive, with the same matches as written that way."""
    patterns = list(patterns)
    starts = [_first_letters(pattern) for pattern in patterns]
    letters = sorted(set().union(*(letters for letters in starts if letters is not None)))
    branches = [_dispatch(letters, patterns, starts)] if letters else []
    anywhere = [pattern for pattern, letters in zip(patterns, starts) if letters is None]
    if anywhere:
        branches.append(_joined(anywhere))
    return re.compile(r"\b(?:" + "|".join(branches) + r")\b", re.IGNORECASE)


def _joined(patterns: Iterable[str]) -> str:
    return "(?:" + "|".join(f"(?:{pattern})" for pattern in patterns) + ")"


def _dispatch(letters: Sequence[str], patterns: list[str], starts: list[frozenset[str] | None]) -> str:
    if len(letters) == 1:
        letter = letters[0]
        candidates = [pattern for pattern, first in zip(patterns, starts) if first is None or letter in first]
        return f"(?=[{re.escape(letter)}]){_joined(candidates)}"
    half = len(letters) // 2
    left, right = letters[:half], letters[half:]
    return f"(?=[{re.escape(''.join(left))}])(?:{_dispatch(left, patterns, starts)})|(?:{_dispatch(right, patterns, starts)})"


def _first_letters(pattern: str) -> frozenset[str] | None:
    """The lower-case ASCII letters and digits a match of ``pattern`` can start with; None when it can start with
    anything else (or with nothing: such a pattern is tried at every word start)."""
    found, nullable = _sequence_start(sre_parse.parse(f"(?:{pattern})", re.IGNORECASE))
    if found is None or nullable:
        return None
    lowered = {character.lower() for character in found}
    if not all(len(character) == 1 and character.isascii() and character.isalnum() for character in lowered):
        return None
    return frozenset(lowered)


def _sequence_start(items) -> tuple[set[str] | None, bool]:
    """The characters a sequence of parsed items can start with (None: any) and whether it can match nothing."""
    found: set[str] = set()
    for op, argument in items:
        if op in _ZERO_WIDTH:
            continue  # a lookaround or boundary narrows where a match starts; ignoring it only widens the set
        start, nullable = _item_start(op, argument)
        if start is None:
            return None, False
        found |= start
        if not nullable:
            return found, False
    return found, True


def _item_start(op, argument) -> tuple[set[str] | None, bool]:
    if op is sre.LITERAL:
        return {chr(argument)}, False
    if op is sre.IN:
        return _class_members(argument), False
    if op is sre.SUBPATTERN:
        return _sequence_start(argument[3])
    if op is sre.BRANCH:
        found: set[str] = set()
        nullable = False
        for branch in argument[1]:
            start, empty = _sequence_start(branch)
            if start is None:
                return None, False
            found |= start
            nullable = nullable or empty
        return found, nullable
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        minimum, _, body = argument
        start, nullable = _sequence_start(body)
        return start, nullable or minimum == 0
    return None, False


def _class_members(items) -> set[str] | None:
    members: set[str] = set()
    for op, argument in items:
        if op is sre.LITERAL:
            members.add(chr(argument))
        elif op is sre.RANGE and argument[1] - argument[0] < _WIDEST_RANGE:
            members |= {chr(code) for code in range(argument[0], argument[1] + 1)}
        else:
            return None  # negated classes, categories (\w, \d) and wide ranges
    return members

"""Alternations of many patterns, compiled or indexed so Python's ``re`` can rule most out at once.

``re`` tries every alternative of ``\\b(?:a|b|...)\\b`` at every word start, and with IGNORECASE it cannot skip one by
its first letter. ``dispatched`` (and ``word_alternation`` on it) groups the alternatives by the letters they can
start with, behind lookaheads that split the alphabet in halves: at a word start only the alternatives that can
start with its letter are tried, in their original order, so the matches are exactly those of the plain alternation.
``PatternIndex`` goes further for several named alternations scanned together (the event lexicon's cue families, the
date rules): it indexes each pattern by its first characters and tries it only at the word starts that begin so.
``phrase_trie`` is for lists of literal names (countries, armed groups): one branch per letter, longest name first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from re import _constants as sre
from re import _parser as sre_parse

# Parsed-pattern items that match no character: they do not decide what a match starts with.
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
# A character range wider than this is taken to allow any first letter (keeps the letter sets small).
_WIDEST_RANGE = 64


def word_alternation(patterns: Iterable[str]) -> re.Pattern[str]:
    """``\\b(?:pattern1|pattern2|...)\\b``, case-insensitive, with the same matches as written that way."""
    return re.compile(r"\b(?:" + dispatched(patterns) + r")\b", re.IGNORECASE)


def dispatched(patterns: Iterable[str]) -> str:
    """``pattern1|pattern2|...`` regrouped behind first-letter lookaheads, for a case-insensitive regex: the same
    matches, in the same order of preference."""
    patterns = list(patterns)
    starts = [_first_letters(pattern) for pattern in patterns]
    letters = sorted(set().union(*(letters for letters in starts if letters is not None)))
    branches = [_dispatch(letters, patterns, starts)] if letters else []
    anywhere = [pattern for pattern, letters in zip(patterns, starts) if letters is None]
    if anywhere:
        branches.append(_joined(anywhere))
    return "|".join(branches)


def phrase_trie(phrases: Iterable[str], ignore_case: bool = False) -> str:
    """A regex for the literal ``phrases`` that prefers the longest phrase matching at a position, as their
    alternation longest first does, but as a trie: ``re`` tries an alternation's branches one by one, so a list of
    a thousand names cost a thousand tries at each word, a trie one per letter. With ``ignore_case`` (for a regex
    compiled with IGNORECASE) phrases that differ only in case share their branches, so a longer phrase in one case
    still wins over a shorter one in another."""
    root: dict = {}
    for phrase in phrases:
        node = root
        for character in phrase:
            node = node.setdefault(_trie_key(character) if ignore_case else character, {})
        node[""] = {}  # a phrase ends here
    if not root:
        return "(?!)"
    # one check of the first character before the branches: ``re`` tries them one by one
    return f"(?=[{''.join(map(_escaped_in_class, root))}]){_trie_regex(root)}"


def _escaped_in_class(character: str) -> str:
    return "\\" + character if character in "\\]^-[" else character


def _trie_key(character: str) -> str:
    lowered = character.lower()
    return lowered if len(lowered) == 1 else character


def _trie_regex(node: dict) -> str:
    branches = [re.escape(character) + _trie_regex(child) for character, child in node.items() if character]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 and "" not in node else "(?:" + "|".join(branches) + ")"
    # a phrase ending here matches only when no longer one does: the greedy "?" tries the longer first
    return body + "?" if "" in node else body


class PatternIndex:
    """Named alternations of regular expressions found in one pass over a text instead of one scan each.

    ``re`` tries a pattern at every position of the text. A pattern whose matches all start at a word's start (it
    checks ``\\b`` and its first character is a letter or digit) is indexed instead by the first characters (up to
    three, lower case) its matches can start with, and tried, anchored, only at the word starts that begin so: one
    usually has no pattern or one or two to try. A name with a pattern that can start elsewhere is scanned as before.
    ``finditer`` yields, name by name in the mapping's order, exactly the matches of
    ``re.compile("|".join(patterns), flags).finditer`` for each name.
    """

    def __init__(self, named: Mapping[str, Iterable[str]], flags: int = 0) -> None:
        self.names = list(named)
        indexed: list[tuple[int, str, frozenset[str]]] = []
        self._scanned: list[tuple[int, re.Pattern[str]]] = []
        for index, patterns in enumerate(named.values()):
            patterns = list(patterns)
            parsed = [sre_parse.parse(pattern, flags) for pattern in patterns]
            heads = [_leading_prefixes(items) if _starts_at_boundary(items) else None for items in parsed]
            if all(prefixes is not None and all(prefix[0].isalnum() for prefix in prefixes) for prefixes in heads):
                indexed += [(index, pattern, prefixes) for pattern, prefixes in zip(patterns, heads)]
            else:
                self._scanned.append((index, re.compile(_joined(patterns), flags)))
        prefixes = {prefix for _, _, heads in indexed for prefix in heads}
        # For each way a word can start (an indexed prefix or a shorter part of one; None: outside ASCII), each
        # name's patterns whose matches can begin so, as one alternation in their order.
        keys = {prefix[:length] for prefix in prefixes for length in range(1, len(prefix) + 1)}
        self._by_start = {
            key: _alternations(
                ((index, pattern) for index, pattern, heads in indexed if key is None or any(map(key.startswith, heads))),
                flags,
            )
            for key in keys | {None}
        }

    def finditer(self, text: str) -> Iterator[tuple[str, re.Match[str]]]:
        found: list[list[re.Match[str]]] = [[] for _ in self.names]
        for index, pattern in self._scanned:
            found[index] = list(pattern.finditer(text))
        ends = [0] * len(self.names)
        by_start = self._by_start
        for boundary in _WORD_STARTS.finditer(text):
            start = boundary.start()
            beginning = text[start : start + _PREFIX_LENGTH]
            if beginning.isascii():
                # the longest indexed prefix of the word's beginning: no pattern starts with a longer one
                beginning = beginning.lower()
                candidates = by_start.get(beginning) or by_start.get(beginning[:2]) or by_start.get(beginning[:1], ())
            else:
                candidates = by_start[None]  # IGNORECASE matches the long s to "s", the Kelvin sign to "k"
            for index, pattern in candidates:
                # an alternation's finditer resumes after its last match: a start inside it is skipped
                if start >= ends[index] and (match := pattern.match(text, start)):
                    found[index].append(match)
                    ends[index] = max(match.end(), start + 1)
        for name, matches in zip(self.names, found):
            for match in matches:
                yield name, match


def _alternations(candidates: Iterable[tuple[int, str]], flags: int) -> list[tuple[int, re.Pattern[str]]]:
    grouped: dict[int, list[str]] = {}
    for index, pattern in candidates:
        grouped.setdefault(index, []).append(pattern)
    return [(index, re.compile(_joined(patterns), flags)) for index, patterns in grouped.items()]


_WORD_STARTS = re.compile(r"\b(?=\w)")


def word_alternations(named: Mapping[str, Iterable[str]]) -> PatternIndex:
    """``word_alternation`` for each name, found in one pass."""
    bounded = {name: [rf"\b(?:{pattern})\b" for pattern in patterns] for name, patterns in named.items()}
    return PatternIndex(bounded, re.IGNORECASE)


_ASCII_DIGITS = set("0123456789")
# How many first characters index a pattern; with more distinct prefixes than _MOST_PREFIXES, fewer.
_PREFIX_LENGTH = 3
_MOST_PREFIXES = 300


def _leading_prefixes(items) -> frozenset[str] | None:
    """The lower-case ASCII beginnings of the parsed pattern's matches: their first three characters, or fewer where
    the next is open or the match may end there; None when the first character is open."""
    prefixes = _sequence_prefixes(items, _PREFIX_LENGTH, ascii_digits=True)
    if any(not text for text, _ in prefixes):
        return None
    # a start with a character outside ASCII is never looked up (every pattern is tried there): its ASCII part is enough
    heads = {_ascii_part(text).lower() for text, _ in prefixes}
    length = _PREFIX_LENGTH
    while len(heads) > _MOST_PREFIXES and length > 1:
        length -= 1
        heads = {head[:length] for head in heads}
    return frozenset(heads) if all(heads) else None


def _ascii_part(text: str) -> str:
    return next((text[:position] for position, character in enumerate(text) if not character.isascii()), text)


# A prefix: the characters a match starts with (at most the length asked for) and whether the parsed items matched
# exactly those (True), so what follows extends it, or the prefix was cut (False): long enough, or the next one not
# known. An empty prefix means the match may be empty (True) or its first character is open (False).
_Prefixes = set[tuple[str, bool]]
# Above this many prefixes while reading a pattern, they are cut a character shorter.
_MOST_PARTIAL_PREFIXES = 5000


def _sequence_prefixes(items, length: int, ascii_digits: bool) -> _Prefixes:
    """The prefixes of a sequence of parsed items. ``ascii_digits`` reads ``\\d`` as the ASCII digits, for an index
    that tries every pattern at a character outside ASCII; else ``\\d`` is open, as any Unicode digit matches it."""
    prefixes: _Prefixes = {("", True)}
    for op, argument in items:
        if op in _ZERO_WIDTH:
            continue  # a lookaround or boundary narrows where a match starts; ignoring it only widens the set
        if not any(complete for _, complete in prefixes):
            break
        following = _item_prefixes(op, argument, length, ascii_digits)
        extended: _Prefixes = set()
        for text, complete in prefixes:
            if not complete or following is None:
                extended.add((text, False))
                continue
            for more, more_complete in following:
                joined = text + more
                extended.add((joined[:length], False) if len(joined) >= length else (joined, more_complete))
        prefixes = extended
        while len(prefixes) > _MOST_PARTIAL_PREFIXES:
            shortest = max(len(text) for text, _ in prefixes) - 1
            prefixes = {(text[:shortest], False) for text, _ in prefixes}
    return prefixes


def _item_prefixes(op, argument, length: int, ascii_digits: bool) -> _Prefixes | None:
    """The prefixes of one parsed item; None when its first character is open."""
    if op is sre.LITERAL:
        return {(chr(argument), True)}
    if op is sre.IN:
        digits = ascii_digits and argument == [(sre.CATEGORY, sre.CATEGORY_DIGIT)]
        members = _ASCII_DIGITS if digits else _class_members(argument)
        return None if members is None else {(member, True) for member in members}
    if op is sre.SUBPATTERN:
        return _sequence_prefixes(argument[3], length, ascii_digits)
    if op is sre.BRANCH:
        return {prefix for branch in argument[1] for prefix in _sequence_prefixes(branch, length, ascii_digits)}
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        minimum, maximum, body = argument
        once = _sequence_prefixes(body, length, ascii_digits)
        # after one repetition another may follow: what comes next is not known here
        repeated = once if maximum == 1 else {(text, False) for text, _ in once}
        return repeated | {("", True)} if minimum == 0 else repeated
    return None


def _starts_at_boundary(items) -> bool:
    """Whether every match of the parsed pattern starts where it checks a word boundary, before consuming anything."""
    return _sequence_bounded(list(items)) is True


def _sequence_bounded(items) -> bool | None:
    """True: every match of the items checks ``\\b`` before consuming a character; False: one may consume first;
    None: they can match nothing without checking it (what follows decides)."""
    for position, (op, argument) in enumerate(items):
        if op is sre.AT:
            if argument is sre.AT_BOUNDARY:
                return True
            continue
        if op in (sre.ASSERT, sre.ASSERT_NOT):
            continue
        rest = items[position + 1 :]
        if op is sre.SUBPATTERN:
            bounded = _sequence_bounded(list(argument[3]))
        elif op is sre.BRANCH:
            branches = [_sequence_bounded(list(branch)) for branch in argument[1]]
            if all(branch is None for branch in branches):
                continue
            if False in branches:
                return False
            return True if None not in branches else _sequence_bounded(rest) is True
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            minimum, _, body = argument
            bounded = _sequence_bounded(list(body))
            if minimum == 0 and bounded is not None:
                # skipped, the rest starts the match
                return bounded and _sequence_bounded(rest) is True
        else:
            return False
        if bounded is not None:
            return bounded
    return None


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
    prefixes = _sequence_prefixes(sre_parse.parse(f"(?:{pattern})", re.IGNORECASE), 1, ascii_digits=False)
    if any(not text for text, _ in prefixes):
        return None
    lowered = {text.lower() for text, _ in prefixes}
    if not all(len(character) == 1 and character.isascii() and character.isalnum() for character in lowered):
        return None
    return frozenset(lowered)


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

"""The first-letter dispatch and the phrase trie must find exactly what the plain alternations find."""

import json
import re

import pytest

from clashwatch.extract.alternation import PatternIndex, phrase_trie, word_alternation, word_alternations
from clashwatch.extract.event_types import _LEXICON_PATH

TEXT = (
    "Protesters rallied; police FIRED tear-gas and water cannons. A flash mob, then a mob lynched him. "
    "Stone-pelting, RPGs and an IED; gunmen abducted 3. 'Protest' protests protestors. Ēx-soldiers, K\u212aill, "
    "ſhelling (long s), İED, 4x4s, blew themselves up, the 2nd battalion; riot-police and rioters clashed."
)


def plain(patterns: list[str]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(f"(?:{pattern})" for pattern in patterns) + r")\b", re.IGNORECASE)


def found(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], str]]:
    return [(match.span(), match.group(0)) for match in pattern.finditer(text)]


PATTERN_LISTS = [
    ["mob", "mobs?", "(?<!flash )mobs?", "lynch(ed|ing)?"],  # order decides between alternatives
    ["protest(s|ed|ers?|ors?)?", "demonstrat(e|ed|ions?)", "[Pp]rotest"],
    [r"\w+-soldiers", "ex-soldiers", "kill", "shell(ing)?"],  # \w can start with anything: tried everywhere
    ["(hand |rocket-propelled )?grenades?", "rpgs?", "ieds?", r"\d(x\d)?s?", "(2nd|second) battalion"],
    ["riot(s|ers)?", "riot-police", "clash(ed|es)?", "(blew|blow) (himself|themselves) up"],
]
# Phrases of the lexicon's kind, so the one-pass test sees many families match.
CUE_SAMPLES = [
    "Gunmen opened fire on a bus", "an airstrike hit the village", "militants attacked a police post", "looted shops",
    "protesters blocked the road", "a roadside bomb exploded", "troops clashed with rebels", "shelling of the town",
    "abducted two aid workers", "seized control of the town", "went on strike", "held a rally", "set fire to a car",
]


@pytest.mark.parametrize("patterns", PATTERN_LISTS)
def test_same_matches_as_the_plain_alternation(patterns: list[str]) -> None:
    assert found(word_alternation(patterns), TEXT) == found(plain(patterns), TEXT)
    assert found(plain(patterns), TEXT)  # the text exercises each list


def test_same_matches_for_every_family_of_the_event_lexicon() -> None:
    families = json.loads(_LEXICON_PATH.read_text(encoding="utf-8"))["families"]
    for name, patterns in families.items():
        assert found(word_alternation(patterns), TEXT) == found(plain(patterns), TEXT), name


def scanned(alternations: PatternIndex, text: str) -> dict[str, list[tuple[tuple[int, int], str]]]:
    found: dict[str, list[tuple[tuple[int, int], str]]] = {name: [] for name in alternations.names}
    for name, match in alternations.finditer(text):
        found[name].append((match.span(), match.group(0)))
    return found


def test_one_pass_finds_what_each_alternation_finds() -> None:
    families = json.loads(_LEXICON_PATH.read_text(encoding="utf-8"))["families"]
    # the lexicon's own patterns, and the hand-made lists above (digits, \w, case-sensitive parts, long s, Kelvin sign)
    named = families | {f"list {number}": patterns for number, patterns in enumerate(PATTERN_LISTS)}
    text = TEXT + " " + ". ".join(CUE_SAMPLES)
    expected = {name: found(plain(patterns), text) for name, patterns in named.items()}
    assert scanned(word_alternations(named), text) == expected
    assert sum(map(len, expected.values())) > 40  # the text exercises many families


def test_one_pass_keeps_each_alternation_s_order_and_resumes_after_its_match() -> None:
    # "riot-police" is one match of the first name (its first pattern wins); the second name still finds "police"
    named = {"first": ["riot(-police)?", "riot-police", "police"], "second": ["police", "riot"]}
    text = "riot-police and rioters"
    assert scanned(word_alternations(named), text) == {
        name: found(plain(patterns), text) for name, patterns in named.items()
    }


DATED_TEXT = (
    "On Tuesday, Sept. 13, 2022, at 4 a.m. local time, shelling began; two days later, in the early 1990s and the "
    "'90s, late 2020, the 21st century, three weeks ago, last Friday night, mid-October, 12-14 May, the first "
    "quarter of 2021, every Monday, twice a week, Christmas Eve, yesterday morning, for several months, now, "
    "the next day, 2022-09-14, 1400 GMT, summer 2019, 20 years, ٢٠٢٢ and ſeptember 5."
)


def test_one_pass_finds_what_each_date_rule_finds() -> None:
    from clashwatch.extract.dates.expressions import RULES, _rule_index

    _, index = _rule_index()
    expected = {rule.name: found(rule.pattern, DATED_TEXT) for rule in RULES}
    assert scanned(index, DATED_TEXT) == expected
    assert sum(bool(matches) for matches in expected.values()) >= 15


def longest_first(phrases: list[str], flags: int) -> re.Pattern[str]:
    ordered = sorted(set(phrases), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, ordered)) + r")(?![\w-])", flags)


def trie(phrases: list[str], flags: int) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(" + phrase_trie(phrases, ignore_case=bool(flags & re.IGNORECASE)) + r")(?![\w-])", flags)


PHRASE_TEXT = (
    "New York police and the new yorker; Al-Shabaab and al Shabaab fighters in Al Bayda; the U.N. and UN staff; "
    "Armenian, Armenia's and ARMENIA forces; [brackets] and a^b-c; Côte d'Ivoire, COTE D'IVOIRE."
)
PHRASE_LISTS = [
    ["New", "new york", "New York police", "Yorker"],  # a longer phrase in another case still wins
    ["Al-Shabaab", "al shabaab", "Al", "Al Bayda", "Bayda"],
    ["U.N.", "UN", "U.N", "Armenia", "Armenian", "ARMENIA"],
    ["[brackets]", "a^b-c", "Côte d'Ivoire", "COTE D'IVOIRE", "d'Ivoire"],  # characters special to regexes
]


@pytest.mark.parametrize("phrases", PHRASE_LISTS)
@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
def test_phrase_trie_finds_what_the_longest_first_alternation_finds(phrases: list[str], flags: int) -> None:
    expected = [(match.span(1), match.group(1)) for match in longest_first(phrases, flags).finditer(PHRASE_TEXT)]
    assert [(match.span(1), match.group(1)) for match in trie(phrases, flags).finditer(PHRASE_TEXT)] == expected
    assert expected  # the text exercises each list


def test_phrase_trie_of_no_phrase_matches_nothing() -> None:
    assert re.compile(phrase_trie([])).search("anything") is None

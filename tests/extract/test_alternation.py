"""The first-letter dispatch must find exactly what the plain alternation finds."""

import json
import re

import pytest

from clashwatch.extract.alternation import word_alternation
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


@pytest.mark.parametrize(
    "patterns",
    [
        ["mob", "mobs?", "(?<!flash )mobs?", "lynch(ed|ing)?"],  # order decides between alternatives
        ["protest(s|ed|ers?|ors?)?", "demonstrat(e|ed|ions?)", "[Pp]rotest"],
        [r"\w+-soldiers", "ex-soldiers", "kill", "shell(ing)?"],  # \w can start with anything: tried everywhere
        ["(hand |rocket-propelled )?grenades?", "rpgs?", "ieds?", r"\d(x\d)?s?", "(2nd|second) battalion"],
        ["riot(s|ers)?", "riot-police", "clash(ed|es)?", "(blew|blow) (himself|themselves) up"],
    ],
)
def test_same_matches_as_the_plain_alternation(patterns: list[str]) -> None:
    assert found(word_alternation(patterns), TEXT) == found(plain(patterns), TEXT)
    assert found(plain(patterns), TEXT)  # the text exercises each list


def test_same_matches_for_every_family_of_the_event_lexicon() -> None:
    families = json.loads(_LEXICON_PATH.read_text(encoding="utf-8"))["families"]
    for name, patterns in families.items():
        assert found(word_alternation(patterns), TEXT) == found(plain(patterns), TEXT), name
